import { canTransition, nextStatus, TENDER_STATUSES, TRANSITIONS, transitionRefusal, transitionRefusalCode, type TenderTransition } from './lifecycle-gates';

describe('tender lifecycle', () => {
  const all = Object.keys(TRANSITIONS) as TenderTransition[];

  it('moves only along the table, and nextStatus agrees with canTransition for every status and step', () => {
    for (const s of TENDER_STATUSES)
      for (const t of all) {
        expect(nextStatus(s, t)).toBe(canTransition(s, t) ? TRANSITIONS[t].to : null);
        expect(transitionRefusal(s, t) === null).toBe(canTransition(s, t));
      }
    expect(nextStatus('DRAFT', 'publish')).toBe('PUBLISHED');
    expect(nextStatus('AWARDED', 'revokeAward')).toBe('CLOSED');
    expect(nextStatus('CONCLUDED', 'cancel')).toBeNull();
    expect(nextStatus('CANCELLED', 'publish')).toBeNull();
  });

  it('has no way out of CONCLUDED and CANCELLED', () => {
    for (const t of all) {
      expect(canTransition('CONCLUDED', t)).toBe(false);
      expect(canTransition('CANCELLED', t)).toBe(false);
    }
  });

  it('names a refused step by what it needed', () => {
    expect(transitionRefusalCode('publish')).toBe('TENDER_NOT_DRAFT');
    expect(transitionRefusalCode('close')).toBe('TENDER_NOT_PUBLISHED');
    expect(transitionRefusalCode('award')).toBe('TENDER_NOT_CLOSED');
    expect(transitionRefusalCode('cancel')).toBe('INVALID_TRANSITION');
    expect(transitionRefusal('CLOSED', 'publish')).toEqual({ code: 'TENDER_NOT_DRAFT', message: 'Cannot publish a CLOSED tender (allowed from DRAFT)' });
  });
});
