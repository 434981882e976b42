import { DEFAULT_PASSWORD_HASHING, loadConfig } from '../config/app-config';
import { hashPassword, verifyPassword } from './passwords';

const base = { DATABASE_URL: 'postgresql://x/y', JWT_SECRET: 'x'.repeat(32), AUDIT_SIGNING_KEY: '' };

describe('argon2id cost (ARGON2_MEMORY_KIB, ARGON2_TIME_COST)', () => {
  it("defaults to OWASP's 19 MiB and two passes", async () => {
    expect(loadConfig(base).passwordHashing).toEqual({ memoryKiB: 19456, timeCost: 2 });
    expect(DEFAULT_PASSWORD_HASHING).toEqual({ memoryKiB: 19456, timeCost: 2 });
    const hash = await hashPassword('lantern harbour 93');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'lantern harbour 93')).toBe(true);
  });

  it('hashes at a configured cost; verification reads the cost from the hash', async () => {
    const cost = loadConfig({ ...base, ARGON2_MEMORY_KIB: '1024', ARGON2_TIME_COST: '1' }).passwordHashing;
    expect(cost).toEqual({ memoryKiB: 1024, timeCost: 1 });
    const hash = await hashPassword('lantern harbour 93', cost);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await verifyPassword(hash, 'lantern harbour 93')).toBe(true);
    expect(await verifyPassword(hash, 'lantern harbour 94')).toBe(false);
  });

  it('refuses values out of range, and a cost below the default with NODE_ENV=production', () => {
    expect(() => loadConfig({ ...base, ARGON2_MEMORY_KIB: '4' })).toThrow(/ARGON2_MEMORY_KIB must be an integer from 8/);
    expect(() => loadConfig({ ...base, ARGON2_TIME_COST: '0' })).toThrow(/ARGON2_TIME_COST must be an integer from 1/);
    const prod = { ...base, NODE_ENV: 'production', AUDIT_SIGNING_KEY: undefined };
    expect(() => loadConfig({ ...prod, ARGON2_MEMORY_KIB: '1024' })).toThrow(/may not go below 19456 and 2 with NODE_ENV=production/);
    expect(() => loadConfig({ ...prod, ARGON2_TIME_COST: '1' })).toThrow(/may not go below/);
    // Production accepts a higher cost (the AUDIT_SIGNING_KEY problem is the only other one reported).
    expect(() => loadConfig({ ...prod, ARGON2_MEMORY_KIB: '65536', ARGON2_TIME_COST: '3' })).toThrow(
      /^Invalid configuration:\n {2}- AUDIT_SIGNING_KEY is required/,
    );
  });
});
