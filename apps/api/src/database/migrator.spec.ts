import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checksumMatches, findMigrationsDir, migrationChecksum, readMigrationFiles } from './migrator';

describe('migration checksums (as prisma-engines checksum.rs)', () => {
  it('is the zero-padded sha256 hex of the UTF-8 script', () => {
    // Test vector from prisma-engines' format_checksum_does_not_strip_zeros.
    expect(migrationChecksum('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    // UTF-8 bytes, not Latin-1 (which would give b3c484e2…).
    expect(migrationChecksum('Zürich')).toBe('4251685e06cab635578c72b1f5f221e9840a05ac4d8f2404be4177aa87f9907d');
  });

  it('matches across LF/CRLF checkouts, like script_matches_checksum_is_line_ending_agnostic', () => {
    for (const [a, b] of [
      ['ab\ncd\nef\ngh\rab', 'ab\r\ncd\r\nef\r\ngh\rab'],
      ['ab\ncd\nef\ngh\rab\n', 'ab\r\ncd\r\nef\r\ngh\rab\r\n'],
    ]) {
      for (const script of [a, b]) for (const other of [a, b]) expect(checksumMatches(script, migrationChecksum(other))).toBe(true);
    }
  });

  it('rejects other scripts', () => {
    expect(checksumMatches('abc', migrationChecksum('abcd'))).toBe(false);
    expect(checksumMatches('abc\n', migrationChecksum('abc'))).toBe(false);
    expect(checksumMatches('abc', '')).toBe(false);
  });

  it('accepts the unpadded hex of old Prisma versions', () => {
    const digest = Buffer.from(migrationChecksum('hello'), 'hex');
    const legacy = [...digest].map((b) => b.toString(16)).join('');
    expect(legacy.length).toBeLessThan(64);
    expect(checksumMatches('hello', legacy)).toBe(true);
  });
});

describe('migrations folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrator-spec-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is found by walking up from a nested (dist-like) directory', () => {
    fs.mkdirSync(path.join(dir, 'prisma', 'migrations'), { recursive: true });
    expect(findMigrationsDir(path.join(dir, 'dist', 'apps', 'api', 'src', 'database'))).toBe(path.join(dir, 'prisma', 'migrations'));
  });

  it('lists migration folders in name order with their checksums, ignoring files', () => {
    for (const name of ['20250102000000_b', '20250101000000_a']) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'migration.sql'), `-- ${name}\n`);
    }
    fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    expect(readMigrationFiles(dir)).toEqual([
      { name: '20250101000000_a', script: '-- 20250101000000_a\n', checksum: migrationChecksum('-- 20250101000000_a\n') },
      { name: '20250102000000_b', script: '-- 20250102000000_b\n', checksum: migrationChecksum('-- 20250102000000_b\n') },
    ]);
  });

  it('refuses another provider and folders without migration.sql', () => {
    fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "mysql"\n');
    expect(() => readMigrationFiles(dir)).toThrow(/mysql/);
    fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    fs.mkdirSync(path.join(dir, '20250101000000_empty'));
    expect(() => readMigrationFiles(dir)).toThrow(/migration\.sql is missing/);
  });
});
