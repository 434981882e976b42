import { DEFAULT_RISK_MODEL } from '@app/evaluation';
import { riskModelErrors } from './risk-model';

/** A mutable deep copy of the defaults (which are frozen). */
const defaults = (): Record<string, any> => JSON.parse(JSON.stringify(DEFAULT_RISK_MODEL));
const fields = (input: unknown) => riskModelErrors(input).map((e) => e.field);

describe('riskModelErrors', () => {
  it('accepts the defaults of evaluation-method.md §4', () => {
    expect(riskModelErrors(defaults())).toEqual([]);
  });

  it('refuses anything but an object', () => {
    for (const bad of [null, 'x', 3, [], undefined]) expect(fields(bad)).toEqual(['constants']);
  });

  it('names every missing and unknown member with its full path', () => {
    const c = defaults();
    delete c.tierScores['2WL'];
    delete c.prevalenceDivisor;
    c.tierScores.tier4 = '0.5';
    c.surprise = true;
    expect(fields(c).sort()).toEqual(['constants.prevalenceDivisor', 'constants.surprise', 'constants.tierScores.2WL', 'constants.tierScores.tier4']);
    expect(riskModelErrors(c).find((e) => e.field === 'constants.surprise')!.message).toBe('unknown field');
  });

  it('wants decimal strings, never JSON numbers, and probabilities in [0, 1]', () => {
    const c = defaults();
    c.tierScores['3'] = 0.9;
    c.productRisk.forcedLabour = '1.01';
    c.mitigation.socialAudit = '-0.1';
    c.tierScores['1'] = '1e-1';
    const errors = riskModelErrors(c);
    expect(errors.map((e) => e.field).sort()).toEqual([
      'constants.mitigation.socialAudit',
      'constants.productRisk.forcedLabour',
      'constants.tierScores.1',
      'constants.tierScores.3',
    ]);
    expect(errors.find((e) => e.field === 'constants.tierScores.3')!.message).toMatch(/decimal string/);
    expect(errors.find((e) => e.field === 'constants.productRisk.forcedLabour')!.message).toBe('must be at most 1');
  });

  it('caps the mitigation cap at 1', () => {
    const c = defaults();
    c.mitigation.cap = '1.5';
    expect(fields(c)).toEqual(['constants.mitigation.cap']);
    c.mitigation.cap = '1';
    expect(fields(c)).toEqual([]);
  });

  it('requires each weight set to sum to exactly 1, compared as decimals', () => {
    const c = defaults();
    c.weightsWithPrevalence = { tier: '0.4', iloGap: '0.2', prevalence: '0.399999' };
    const errors = riskModelErrors(c);
    expect(errors).toEqual([{ field: 'constants.weightsWithPrevalence', message: 'tier, iloGap and prevalence must sum to exactly 1 (they sum to 0.999999)' }]);
    // 0.1 + 0.2 is not 0.3 in binary floating point; as decimals it is.
    c.weightsWithPrevalence = { tier: '0.1', iloGap: '0.2', prevalence: '0.7' };
    expect(riskModelErrors(c)).toEqual([]);
  });

  it('keeps the prevalence weight at 0 without a prevalence table', () => {
    const c = defaults();
    c.weightsWithoutPrevalence = { tier: '0.6', iloGap: '0.3', prevalence: '0.1' };
    expect(fields(c)).toEqual(['constants.weightsWithoutPrevalence.prevalence']);
  });

  it('does not add a sum error when a weight is already malformed', () => {
    const c = defaults();
    c.weightsWithoutPrevalence.tier = 'x';
    expect(fields(c)).toEqual(['constants.weightsWithoutPrevalence.tier']);
  });

  it('wants months and years as positive whole numbers', () => {
    const c = defaults();
    c.socialAuditMonths = 0;
    c.violationLookbackYears = 2.5;
    expect(fields(c).sort()).toEqual(['constants.socialAuditMonths', 'constants.violationLookbackYears']);
    c.socialAuditMonths = '24';
    c.violationLookbackYears = 5;
    expect(fields(c)).toEqual(['constants.socialAuditMonths']);
  });

  it('checks the divisor, default span and abnormally-low threshold ranges', () => {
    const c = defaults();
    c.prevalenceDivisor = '0';
    c.defaultSpan = '0';
    c.defaultAbnormallyLowThreshold = '1.2';
    expect(fields(c).sort()).toEqual(['constants.defaultAbnormallyLowThreshold', 'constants.defaultSpan', 'constants.prevalenceDivisor']);
  });

  it('names a whole group that is not an object', () => {
    const c = defaults();
    c.mitigation = ['0.3'];
    expect(riskModelErrors(c)).toEqual([{ field: 'constants.mitigation', message: 'must be an object with socialAudit, certification, remediationPlan, cap' }]);
  });
});
