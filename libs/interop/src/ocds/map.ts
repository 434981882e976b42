import type { OcdsBidInput, OcdsIdentifiers, OcdsInput, OcdsNodeInput, TenderLifecycle, TenderProcedure } from './types';

/**
 * The project's own fields live under one member of this name on the OCDS
 * object they extend (release, tender, bid, value, award), so they can never
 * clash with a field a later OCDS version or extension adds.
 */
export const OCDS_NAMESPACE = 'x_tenderEvaluation';
export const OCDS_VERSION = '1.1';
/** The bids extension (bids.details[], awards[].relatedBids is part of it too). */
export const BID_EXTENSION_URL = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json';

/** tenderStatus codelist (closed). A closed tender is still being evaluated; an award ends the tender process. */
export const TENDER_STATUS: Record<TenderLifecycle, 'planned' | 'active' | 'complete' | 'cancelled'> = {
  DRAFT: 'planned',
  PUBLISHED: 'active',
  CLOSED: 'active',
  AWARDED: 'complete',
  CONCLUDED: 'complete',
  CANCELLED: 'cancelled',
};

/**
 * method codelist (closed). BöB Art. 18–21: the invitation procedure is the
 * buyer inviting suppliers of its choice ("limited"); the direct award is
 * "direct" without competition.
 */
export const PROCUREMENT_METHOD: Record<TenderProcedure, 'open' | 'selective' | 'limited' | 'direct'> = {
  OPEN: 'open',
  SELECTIVE: 'selective',
  INVITATION: 'limited',
  DIRECT: 'direct',
};

/** procurementMethodDetails: the procedure's name in the law. */
const PROCEDURE_DETAILS: Record<TenderProcedure, string> = {
  OPEN: 'Open procedure (Art. 18 PPA)',
  SELECTIVE: 'Selective procedure (Art. 19 PPA)',
  INVITATION: 'Invitation procedure (Art. 20 PPA)',
  DIRECT: 'Direct award (Art. 21 PPA)',
};

/** Identifier schemes of org-id.guide: the Swiss UID register and the Global LEI index. */
export const SCHEME_UID = 'CH-FDJP';
export const SCHEME_LEI = 'XI-LEI';
export const SCHEME_VAT = 'VAT';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

const nameCache = new Map<string, string>();

/** English country name of an ISO 3166-1 alpha-2 code (the code itself when unknown); ICU look-ups are slow, so each code is looked up once. */
export function countryName(code: string): string {
  let name = nameCache.get(code);
  if (name === undefined) {
    try {
      name = regionNames.of(code.toUpperCase()) ?? code;
    } catch {
      name = code;
    }
    nameCache.set(code, name);
  }
  return name;
}

/** OCDS Value.amount must be a JSON number: the nearest binary64 of the exact decimal, which travels beside it. */
function value(amount: string, currency: string) {
  return { amount: Number(amount), currency, [OCDS_NAMESPACE]: { amount } };
}

function identifiers(ids: OcdsIdentifiers, legalName: string) {
  const all = [
    ids.uid ? { scheme: SCHEME_UID, id: ids.uid, legalName } : null,
    ids.lei ? { scheme: SCHEME_LEI, id: ids.lei, legalName } : null,
    ids.vat ? { scheme: SCHEME_VAT, id: ids.vat, legalName } : null,
  ].filter((x): x is { scheme: string; id: string; legalName: string } => x !== null);
  return { identifier: all[0], additionalIdentifiers: all.length > 1 ? all.slice(1) : undefined };
}

// Alpha-2 in `country` as OCDS 1.2 names it; 1.1.5 has only countryName and allows further fields.
const address = (country: string | null) => (country ? { countryName: countryName(country), country } : undefined);

export const buyerPartyId = (buyerId: string) => `TE-BUYER-${buyerId}`;
export const bidderPartyId = (bidderId: string) => `TE-BIDDER-${bidderId}`;
export const nodePartyId = (nodeId: string) => `TE-NODE-${nodeId}`;

/** The party of a supply-chain node: the root is the bidder, every other node a subcontractor of its own. */
function partyOfNode(bid: OcdsBidInput, node: OcdsNodeInput): string {
  return node.parentNodeId === null ? bidderPartyId(bid.bidderId) : nodePartyId(node.nodeId);
}

/**
 * Method version 2 records carry each computed value's exact reduced fraction
 * beside its decimal string (rounded to 40 significant digits when it does not
 * terminate): the export passes it on as `<field>Fraction`. Version 1 records
 * have none, and the field is then left out.
 */
const fraction = (field: string, f: string | null | undefined): Record<string, string | null> => (f === undefined ? {} : { [`${field}Fraction`]: f });

const pathKey = (p: readonly string[]) => JSON.stringify(p);
const compact = (iso: string) => iso.replace(/[-:.]/g, '');

/** Drops undefined members so the JSON carries no empty keys (and objects compare plainly in tests). */
function clean<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

type Party = {
  id: string;
  name: string;
  identifier?: object;
  additionalIdentifiers?: object[];
  address?: object;
  roles: string[];
};

/**
 * One OCDS 1.1 release package for a tender: the tender with its award
 * criteria and items, every party (buyer, tenderers, supplier,
 * subcontractors), the bids extension, the awards (revoked ones cancelled)
 * and, in the x_tenderEvaluation namespace, the exact amounts, the supply
 * chains and their human-rights risk from the latest evaluation.
 */
export function buildReleasePackage(input: OcdsInput) {
  const { tender, buyer, evaluation } = input;
  const ocid = `${input.ocidPrefix}-${tender.id}`;
  const parties = new Map<string, Party>();
  const addParty = (p: Omit<Party, 'roles'>, role: string) => {
    const cur = parties.get(p.id);
    if (cur) {
      if (!cur.roles.includes(role)) cur.roles.push(role);
    } else parties.set(p.id, { ...p, roles: [role] });
  };
  addParty({ id: buyerPartyId(buyer.id), name: buyer.name, address: address(buyer.country) }, 'buyer');

  const resultOf = new Map((evaluation?.bids ?? []).map((b) => [b.bidId, b]));
  const activeWinners = new Set(input.awards.filter((a) => a.status === 'ACTIVE').map((a) => a.winnerBidId));
  const bidById = new Map(input.bids.map((b) => [b.bidId, b]));

  const details = input.bids.map((bid) => {
    const tendererId = bidderPartyId(bid.bidderId);
    addParty({ id: tendererId, name: bid.bidderName, ...identifiers(bid.bidderIdentifiers, bid.bidderName), address: address(bid.bidderCountry) }, 'tenderer');
    if (activeWinners.has(bid.bidId)) addParty({ id: tendererId, name: bid.bidderName }, 'supplier');
    for (const n of bid.nodes) {
      if (n.parentNodeId === null) continue;
      addParty({ id: nodePartyId(n.nodeId), name: n.name, ...identifiers(n.identifiers, n.name), address: address(n.country) }, 'subcontractor');
    }
    const result = resultOf.get(bid.bidId);
    const risks = new Map((result?.risk.nodes ?? []).map((r) => [pathKey(r.path), r]));
    const nodeParty = new Map(bid.nodes.map((n) => [n.nodeId, partyOfNode(bid, n)]));
    const disqualified = bid.excluded || (result !== undefined && !result.admissible);
    const countries = [...new Set(bid.nodes.map((n) => n.country).filter((c): c is string => !!c))];
    return {
      id: bid.bidId,
      date: bid.receivedAt,
      status: disqualified ? 'disqualified' : 'valid',
      tenderers: [{ id: tendererId, name: bid.bidderName }],
      value: value(bid.price, tender.currency),
      countriesOfOrigin: countries,
      [OCDS_NAMESPACE]: {
        disqualificationReason: bid.excluded ? 'EXCLUDED' : result && !result.admissible ? (result.inadmissibleReason ?? 'EXCLUDED') : null,
        rank: result?.rank ?? null,
        totalPoints: result?.total ?? null,
        ...fraction('totalPoints', result?.totalFraction),
        residualRisk: result?.risk.residual ?? null,
        ...fraction('residualRisk', result?.risk.residualFraction),
        supplyChain: bid.nodes.map((n) => {
          const r = risks.get(pathKey(n.path));
          return {
            partyId: nodeParty.get(n.nodeId)!,
            parentPartyId: n.parentNodeId ? (nodeParty.get(n.parentNodeId) ?? null) : null,
            path: n.path,
            country: n.country,
            sharePercent: n.sharePercent,
            goods: n.goods,
            risk: r
              ? {
                  countryRisk: r.countryRisk,
                  ...fraction('countryRisk', r.countryRiskFraction),
                  productRisk: r.productRisk,
                  inherentRisk: r.inherent,
                  ...fraction('inherentRisk', r.inherentFraction),
                  mitigation: r.mitigation,
                  residualRisk: r.residual,
                  ...fraction('residualRisk', r.residualFraction),
                  ownShare: r.ownShare,
                  contribution: r.contribution,
                  ...fraction('contribution', r.contributionFraction),
                }
              : null,
          };
        }),
      },
    };
  });

  const awards = input.awards.map((a) => {
    const winner = bidById.get(a.winnerBidId);
    return {
      id: a.id,
      status: a.status === 'ACTIVE' ? 'active' : 'cancelled',
      date: a.notifiedAt,
      value: value(a.price, tender.currency),
      suppliers: winner ? [{ id: bidderPartyId(winner.bidderId), name: winner.bidderName }] : [],
      relatedBids: [a.winnerBidId],
      [OCDS_NAMESPACE]: {
        evaluationId: a.evaluationId,
        appealDeadline: a.appealDeadline,
        revokedAt: a.revokedAt,
        revokingExclusionId: a.revokingExclusionId,
      },
    };
  });

  const onlyPrice = tender.criteria.length === 1 && tender.criteria[0].kind === 'PRICE';
  const tags =
    tender.status === 'DRAFT'
      ? ['planning']
      : tender.status === 'CANCELLED'
        ? ['tenderCancellation']
        : ['tender', ...(input.awards.length ? ['award'] : []), ...(input.awards.some((a) => a.status === 'REVOKED') ? ['awardCancellation'] : [])];

  const release = {
    ocid,
    id: `${ocid}-${compact(input.releaseDate)}`,
    date: input.releaseDate,
    tag: tags,
    initiationType: 'tender',
    parties: [...parties.values()],
    buyer: { id: buyerPartyId(buyer.id), name: buyer.name },
    tender: {
      id: tender.reference,
      title: tender.title,
      status: TENDER_STATUS[tender.status],
      procuringEntity: { id: buyerPartyId(buyer.id), name: buyer.name },
      items: tender.goods.map((g, i) => ({ id: String(i + 1), description: g })),
      procurementMethod: PROCUREMENT_METHOD[tender.procedure],
      procurementMethodDetails: PROCEDURE_DETAILS[tender.procedure],
      mainProcurementCategory: 'goods',
      awardCriteria: onlyPrice ? 'priceOnly' : 'ratedCriteria',
      awardCriteriaDetails: tender.criteria.map((c) => `${c.code} (${c.name}): ${c.weight} %`).join('; '),
      tenderPeriod: { startDate: tender.publishedAt ?? undefined, endDate: tender.submissionDeadline },
      numberOfTenderers: input.bids.length,
      tenderers: input.bids.map((b) => ({ id: bidderPartyId(b.bidderId), name: b.bidderName })),
      [OCDS_NAMESPACE]: {
        status: tender.status,
        procedure: tender.procedure,
        awardCriteria: tender.criteria.map((c) => ({
          code: c.code,
          name: c.name,
          kind: c.kind,
          weight: c.weight,
          priceMethod: c.priceMethod ?? null,
          span: c.span ?? null,
        })),
        priceBasis: tender.priceBasis,
        referencePrice: tender.referencePrice ? value(tender.referencePrice, tender.currency) : null,
        placesOfPerformance: tender.placesOfPerformance,
      },
    },
    bids: { details },
    awards,
    [OCDS_NAMESPACE]: {
      evaluation: evaluation
        ? {
            id: evaluation.id,
            seq: evaluation.seq,
            createdAt: evaluation.createdAt,
            digest: evaluation.digest,
            methodVersion: evaluation.methodVersion,
            riskModelVersion: evaluation.riskModelVersion,
          }
        : null,
    },
  };

  return clean({
    uri: input.packageUri,
    version: OCDS_VERSION,
    extensions: [BID_EXTENSION_URL],
    publishedDate: input.releaseDate,
    publisher: { name: buyer.name },
    releases: [release],
  });
}

export type OcdsReleasePackage = ReturnType<typeof buildReleasePackage>;
