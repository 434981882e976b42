import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { judgePassword, userInputsOf } from '../auth/password-policy';

/**
 * The one validated configuration object. Read from the environment once at
 * start; a bad value stops the process with a message naming the variable.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Unset: the embedded PostgreSQL under DATA_DIR. */
  databaseUrl: string | null;
  dataDir: string;
  adminEmail: string | null;
  adminPassword: string | null;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  /** Deepest nesting of a JSON body (objects and arrays), checked before parsing. */
  maxJsonDepth: number;
  /** Most supply-chain nodes in one JSON body, counted before any DTO validation. */
  maxSupplyChainNodes: number;
  /** Seed the demo buyer, users and tender (default: on in embedded mode only). */
  seedDemo: boolean;
  embeddedPgPort: number;
  loginRateLimit: { limit: number; ttlSeconds: number; perAddressLimit: number };
  /** Work background jobs (pg-boss) in this process (default true); false: only enqueue, a separate worker process works them. */
  jobsWorker: boolean;
  /** POST /tenders/:id/evaluations for a tender with at least this many bids answers 202 with a job (EVALUATION_JOB_MIN_BIDS). */
  evaluationJobMinBids: number;
  /** Seconds a running job may take before it counts as crashed and is retried (JOBS_EXPIRE_SECONDS). */
  jobsExpireSeconds: number;
  /** Seconds before a failed or crashed job is retried (JOBS_RETRY_DELAY_SECONDS; doubled on each retry). */
  jobsRetryDelaySeconds: number;
  /** Seconds between the job queue's maintenance runs: expiring crashed jobs, archiving (JOBS_MAINTENANCE_SECONDS). */
  jobsMaintenanceSeconds: number;
  /** Longest wait of a report download for its render job; then 202 with the job (REPORT_WAIT_SECONDS). */
  reportWaitSeconds: number;
  /** Milliseconds an unrendered report is left to a job worker before the asking process renders it itself (REPORT_PICKUP_MS; 0: at once, unless a worker already is). */
  reportPickupMs: number;
  /** A dataset upload of at least this many bytes is imported as a job (202); smaller ones answer 201 (DATASET_JOB_MIN_BYTES). */
  datasetJobMinBytes: number;
  /** Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints. */
  auditSigningKeyPem: string;
  /** Where periodic signed checkpoints are written; null: none are written. */
  auditCheckpointDir: string | null;
  /** Seconds between periodic checkpoints (with auditCheckpointDir). */
  auditCheckpointIntervalSeconds: number;
  /** OCDS ocid prefix ("ocds-" and the six characters the Open Contracting Partnership registers for a publisher). */
  ocdsOcidPrefix: string;
  /** argon2id cost of new password hashes (verification reads the cost from the stored hash). */
  passwordHashing: PasswordHashing;
}

/** argon2id memory (KiB) and passes; parallelism is 1. */
export interface PasswordHashing {
  memoryKiB: number;
  timeCost: number;
}

/** OWASP's recommended argon2id cost (19 MiB, t=2, p=1): the default, and the floor with NODE_ENV=production. */
export const DEFAULT_PASSWORD_HASHING: PasswordHashing = { memoryKiB: 19456, timeCost: 2 };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** A placeholder prefix: a publisher registers its own with the Open Contracting Partnership. */
export const DEFAULT_OCID_PREFIX = 'ocds-te2019';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** "10mb", "512kb", "1048576" → bytes. */
export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit === 'gb' ? 1024 ** 3 : unit === 'mb' ? 1024 ** 2 : unit === 'kb' ? 1024 : 1;
  return Number(m[1]) * factor;
}

function intIn(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return def;
  }
  return Number(raw);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  const nodeEnv = (['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : null) as AppConfig['nodeEnv'] | null;
  if (!nodeEnv) problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgresql:// connection string');
  }
  const dataDir = path.resolve(env.DATA_DIR?.trim() || path.join(process.cwd(), '.data'));

  const adminEmail = env.ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if ((adminEmail === null) !== (adminPassword === null)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) problems.push('ADMIN_EMAIL must be an e-mail address');
  if (adminPassword && adminPassword.length < 12) problems.push('ADMIN_PASSWORD must have at least 12 characters');
  else if (adminPassword && adminEmail && !judgePassword(adminPassword, userInputsOf(adminEmail)).acceptable) {
    problems.push('ADMIN_PASSWORD is too easy to guess (zxcvbn score below 3, or it contains the e-mail): choose a longer, less common one');
  }

  const logLevelRaw = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  }

  const bodyLimitBytes = parseByteSize(env.BODY_LIMIT ?? '10mb');
  if (bodyLimitBytes === null || bodyLimitBytes < 1024)
    problems.push(`BODY_LIMIT must be a size such as 10mb or 512kb, at least 1kb (got "${env.BODY_LIMIT}")`);

  const port = intIn(env, 'PORT', 3000, 0, 65535, problems);
  const embeddedPgPort = intIn(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535, problems);
  const jwtExpiresInSeconds = intIn(env, 'JWT_EXPIRES_IN', 3600, 60, 7 * 24 * 3600, problems);
  const maxJsonDepth = intIn(env, 'MAX_JSON_DEPTH', 64, 8, 512, problems);
  const maxSupplyChainNodes = intIn(env, 'MAX_SUPPLY_CHAIN_NODES', 500, 1, 100000, problems);
  const loginLimit = intIn(env, 'LOGIN_RATE_LIMIT', 10, 1, 10000, problems);
  const loginTtl = intIn(env, 'LOGIN_RATE_WINDOW', 60, 1, 86400, problems);
  const loginPerAddress = intIn(env, 'LOGIN_RATE_LIMIT_PER_ADDRESS', 50, 1, 100000, problems);
  const checkpointInterval = intIn(env, 'AUDIT_CHECKPOINT_INTERVAL', 3600, 10, 31 * 86400, problems);
  const passwordHashing: PasswordHashing = {
    memoryKiB: intIn(env, 'ARGON2_MEMORY_KIB', DEFAULT_PASSWORD_HASHING.memoryKiB, 8, 4 * 1024 * 1024, problems),
    timeCost: intIn(env, 'ARGON2_TIME_COST', DEFAULT_PASSWORD_HASHING.timeCost, 1, 100, problems),
  };
  if (
    nodeEnv === 'production' &&
    (passwordHashing.memoryKiB < DEFAULT_PASSWORD_HASHING.memoryKiB || passwordHashing.timeCost < DEFAULT_PASSWORD_HASHING.timeCost)
  ) {
    problems.push(
      `ARGON2_MEMORY_KIB and ARGON2_TIME_COST may not go below ${DEFAULT_PASSWORD_HASHING.memoryKiB} and ${DEFAULT_PASSWORD_HASHING.timeCost} with NODE_ENV=production (a cheaper hash is for tests)`,
    );
  }
  const auditCheckpointDir = env.AUDIT_CHECKPOINT_DIR?.trim() ? path.resolve(env.AUDIT_CHECKPOINT_DIR.trim()) : null;

  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must have at least 32 characters');
  if (!jwtSecret) {
    if (nodeEnv === 'production' && databaseUrl) {
      problems.push('JWT_SECRET is required when NODE_ENV=production with a DATABASE_URL');
    } else if (!databaseUrl) {
      // Embedded mode: generated once and kept under DATA_DIR so tokens survive restarts.
      jwtSecret = persistentSecret(dataDir);
    } else {
      jwtSecret = randomBytes(48).toString('base64url');
    }
  }

  let auditSigningKeyPem = '';
  const keyRaw = env.AUDIT_SIGNING_KEY?.trim();
  if (keyRaw) {
    const key = parseSigningKey(keyRaw);
    if (!key) problems.push('AUDIT_SIGNING_KEY must be an Ed25519 private key, PKCS#8 PEM or its base64 DER');
    else auditSigningKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } else if (nodeEnv === 'production' && databaseUrl) {
    problems.push('AUDIT_SIGNING_KEY is required when NODE_ENV=production with a DATABASE_URL');
  } else if (nodeEnv) {
    // Embedded mode, development and tests: generated once and kept under DATA_DIR, so old checkpoints still verify.
    auditSigningKeyPem = persistentSigningKey(dataDir);
  }

  const seedRaw = env.SEED_DEMO?.toLowerCase();
  if (seedRaw !== undefined && !['true', 'false', '1', '0'].includes(seedRaw)) problems.push('SEED_DEMO must be true or false');
  const seedDemo = seedRaw === undefined ? !databaseUrl : seedRaw === 'true' || seedRaw === '1';

  const jobsRaw = env.JOBS_WORKER?.toLowerCase();
  if (jobsRaw !== undefined && !['true', 'false', '1', '0'].includes(jobsRaw)) problems.push('JOBS_WORKER must be true or false');
  const jobsWorker = jobsRaw === undefined ? true : jobsRaw === 'true' || jobsRaw === '1';
  const evaluationJobMinBids = intIn(env, 'EVALUATION_JOB_MIN_BIDS', 300, 1, 1_000_000, problems);
  const jobsExpireSeconds = intIn(env, 'JOBS_EXPIRE_SECONDS', 900, 2, 86_400, problems);
  const jobsRetryDelaySeconds = intIn(env, 'JOBS_RETRY_DELAY_SECONDS', 10, 0, 3600, problems);
  const jobsMaintenanceSeconds = intIn(env, 'JOBS_MAINTENANCE_SECONDS', 60, 1, 3600, problems);
  const reportWaitSeconds = intIn(env, 'REPORT_WAIT_SECONDS', 60, 1, 600, problems);
  const reportPickupMs = intIn(env, 'REPORT_PICKUP_MS', 0, 0, 600_000, problems);
  const datasetJobMinBytes = parseByteSize(env.DATASET_JOB_MIN_BYTES ?? '2mb');
  if (datasetJobMinBytes === null || datasetJobMinBytes < 1)
    problems.push(`DATASET_JOB_MIN_BYTES must be a size such as 2mb or 512kb (got "${env.DATASET_JOB_MIN_BYTES}")`);
  const ocdsOcidPrefix = env.OCDS_OCID_PREFIX?.trim() || DEFAULT_OCID_PREFIX;
  if (!/^ocds-[a-z0-9]{6}$/.test(ocdsOcidPrefix))
    problems.push(
      `OCDS_OCID_PREFIX must be "ocds-" followed by six lower-case letters or digits, as registered with the Open Contracting Partnership (got "${env.OCDS_OCID_PREFIX}")`,
    );

  if (problems.length) throw new ConfigError(problems);
  return {
    nodeEnv: nodeEnv!,
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir,
    adminEmail,
    adminPassword,
    jwtSecret,
    jwtExpiresInSeconds,
    logLevel: logLevelRaw as AppConfig['logLevel'],
    bodyLimitBytes: bodyLimitBytes!,
    maxJsonDepth,
    maxSupplyChainNodes,
    seedDemo,
    embeddedPgPort,
    jobsWorker,
    evaluationJobMinBids,
    jobsExpireSeconds,
    jobsRetryDelaySeconds,
    jobsMaintenanceSeconds,
    reportWaitSeconds,
    reportPickupMs,
    datasetJobMinBytes: datasetJobMinBytes!,
    loginRateLimit: { limit: loginLimit, ttlSeconds: loginTtl, perAddressLimit: loginPerAddress },
    auditSigningKeyPem,
    auditCheckpointDir,
    auditCheckpointIntervalSeconds: checkpointInterval,
    ocdsOcidPrefix,
    passwordHashing,
  };
}

function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** An Ed25519 private key from PEM or from the base64 of its PKCS#8 DER; null when it is neither. */
export function parseSigningKey(text: string): KeyObject | null {
  try {
    const key = text.includes('-----BEGIN')
      ? createPrivateKey(text.replace(/\\n/g, '\n'))
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function persistentSigningKey(dataDir: string): string {
  const file = path.join(dataDir, 'audit-signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // wx: two processes starting at once keep the first key instead of overwriting it.
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch {
    return readFileSync(file, 'utf8');
  }
  return pem;
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
