export * from './types';
export { computeRedFlags, computeBuyerRedFlags, redFlagInputOf, type RedFlagSource } from './compute';
export { redFlagThresholdErrors, type ThresholdError } from './thresholds';
export { redFlagTexts, redFlagLangOf, RED_FLAG_LANGS, type RedFlagLang, type RedFlagTexts } from './texts';
