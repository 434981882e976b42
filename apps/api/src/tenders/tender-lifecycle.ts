/**
 * @deprecated The lifecycle lives in libs/procedure/src/lifecycle-gates.ts;
 * import it from '@app/procedure'. This re-export stays until every caller is converted.
 */
export { TRANSITIONS, canTransition, nextStatus, EDITABLE, ACCEPTS_BIDS, EVALUABLE, type TenderTransition } from '@app/procedure';
