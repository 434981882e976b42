import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import type { FieldError } from '../common/problem';
import { Language, PASSWORD_SUGGESTIONS, PASSWORD_TOO_WEAK, PASSWORD_WARNINGS } from './password-messages';

/**
 * Password strength judged by zxcvbn (guess estimation over common passwords,
 * English words and names, keyboard patterns, repeats, sequences, dates and
 * the user's own data), not by composition rules (NIST SP 800-63B 3.1.1.2).
 * Score 3 ("safely unguessable", ≈ 10^8 guesses or more) is the minimum.
 */
export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 12;

// Built once (≈ 150 ms); the feedback comes back as translation keys for our own catalogue.
// Measured here: Levenshtein matching costs up to 1.5 s per check, and the default 100 l33t
// substitutions ≈ 180 ms for a random 24-character password; 5 substitutions ≈ 14 ms and still
// catch "P@ssw0rd2024!" (score 2, similar to a common password).
let estimator: ZxcvbnFactory | null = null;
const zxcvbn = (): ZxcvbnFactory =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    l33tMaxSubstitutions: 5,
  }));

export interface PasswordVerdict {
  acceptable: boolean;
  score: number;
  /** zxcvbn warning key (see PASSWORD_WARNINGS), or null. */
  warning: string | null;
  /** zxcvbn suggestion keys (see PASSWORD_SUGGESTIONS). */
  suggestions: string[];
}

/** The e-mail, its local part and the words of the local part ("anna.meier" → anna, meier) count as the user's own data. */
export function userInputsOf(email: string, extra: string[] = []): string[] {
  const lower = email.toLowerCase();
  const local = lower.split('@')[0];
  const domain = lower.split('@')[1] ?? '';
  return [...new Set([lower, local, ...local.split(/[^a-z0-9]+/), ...domain.split('.'), ...extra.map((e) => e.toLowerCase())])].filter((s) => s.length >= 3);
}

export function judgePassword(password: string, userInputs: string[]): PasswordVerdict {
  const r = zxcvbn().check(password, userInputs);
  const longEnough = [...password].length >= MIN_PASSWORD_LENGTH;
  return {
    acceptable: longEnough && r.score >= MIN_PASSWORD_SCORE,
    score: r.score,
    warning: r.feedback.warning ?? null,
    suggestions: r.feedback.suggestions,
  };
}

/** The verdict as the text of one field error, in the caller's language. */
export function weakPasswordMessage(v: PasswordVerdict, lang: Language): string {
  const parts = [PASSWORD_TOO_WEAK[lang]];
  if (v.warning && PASSWORD_WARNINGS[v.warning]) parts.push(PASSWORD_WARNINGS[v.warning][lang]);
  for (const s of v.suggestions) if (PASSWORD_SUGGESTIONS[s]) parts.push(PASSWORD_SUGGESTIONS[s][lang]);
  return parts.join(' ');
}

/** Field errors for a password that is too weak ([] when it is acceptable), plus the machine-readable feedback. */
export function passwordStrengthErrors(
  field: string,
  password: string,
  userInputs: string[],
  lang: Language,
): { errors: FieldError[]; feedback: { score: number; minScore: number; warning: string | null; suggestions: string[] } } | null {
  const v = judgePassword(password, userInputs);
  if (v.acceptable) return null;
  return {
    errors: [{ field, message: weakPasswordMessage(v, lang) }],
    feedback: { score: v.score, minScore: MIN_PASSWORD_SCORE, warning: v.warning, suggestions: v.suggestions },
  };
}
