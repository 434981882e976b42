export * from './types';
export {
  buildReleasePackage,
  countryName,
  OCDS_NAMESPACE,
  OCDS_VERSION,
  BID_EXTENSION_URL,
  TENDER_STATUS,
  PROCUREMENT_METHOD,
  SCHEME_UID,
  SCHEME_LEI,
  SCHEME_VAT,
  buyerPartyId,
  bidderPartyId,
  nodePartyId,
  type OcdsReleasePackage,
} from './map';
