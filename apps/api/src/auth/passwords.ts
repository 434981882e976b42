import argon2 from 'argon2';
import { DEFAULT_PASSWORD_HASHING, type PasswordHashing } from '../config/app-config';

// argon2id; the cost is configurable (ARGON2_MEMORY_KIB, ARGON2_TIME_COST), by default OWASP's (19 MiB, t=2, p=1).
const optionsOf = (cost: PasswordHashing) => ({ type: argon2.argon2id, memoryCost: cost.memoryKiB, timeCost: cost.timeCost, parallelism: 1 }) as const;

export const hashPassword = (password: string, cost: PasswordHashing = DEFAULT_PASSWORD_HASHING): Promise<string> => argon2.hash(password, optionsOf(cost));

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random value at the configured cost, verified against when the e-mail is unknown, so timing does not reveal which accounts exist. */
const dummyHashes = new Map<string, Promise<string>>();
export function dummyPasswordHash(cost: PasswordHashing = DEFAULT_PASSWORD_HASHING): Promise<string> {
  const key = `${cost.memoryKiB}/${cost.timeCost}`;
  let hash = dummyHashes.get(key);
  if (!hash) dummyHashes.set(key, (hash = hashPassword('not-a-real-password-' + Math.random(), cost)));
  return hash;
}
