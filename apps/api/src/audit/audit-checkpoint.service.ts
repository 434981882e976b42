import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { checkCheckpoint, compareWithCheckpoint, publicKeyId, signCheckpoint, type SignedCheckpoint } from '@app/audit-chain';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthContext } from '../auth/auth-context';
import { TransactionHost } from '../database/transaction';
import type { PrismaTxHost } from '../database/transaction';
import { AuditRepository } from './audit.repository';
import { conflict, DomainError } from '../common/problem';
import { CheckpointAlgorithm, CheckpointDto, CheckpointKeyDto, CheckpointVerifyDto } from './audit.dto';
import { AuditTrailService, redactFor } from './audit-trail.service';

/** The periodic writer acts as the system, not as a user; the verify it runs reads hashes only. */
const SYSTEM: AuthContext = { userId: 'system', email: 'system', role: 'ADMIN', buyerId: null, requestId: 'audit-checkpoint' };

/** One snapshot for the verification and the head it signs or compares (a long read: up to 5 minutes). */
const SNAPSHOT = { isolationLevel: 'RepeatableRead', timeout: 300_000 } as const;

/**
 * Signed checkpoints of the global chain head (libs/audit-chain/checkpoint.ts),
 * on demand and, with AUDIT_CHECKPOINT_DIR, every AUDIT_CHECKPOINT_INTERVAL
 * seconds into that directory, where an operator ships them off the database host.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoint');
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<unknown> | null = null;

  constructor(
    @Inject(TransactionHost) private readonly txHost: PrismaTxHost,
    private readonly repo: AuditRepository,
    private readonly trail: AuditTrailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.privateKey = createPrivateKey(config.auditSigningKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
  }

  key(): CheckpointKeyDto {
    return {
      algorithm: CheckpointAlgorithm.Ed25519,
      keyId: publicKeyId(this.publicKey),
      publicKeyPem: this.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }

  /** Verifies the whole chain first: a checkpoint never vouches for a broken chain. */
  async current(auth: AuthContext): Promise<CheckpointDto> {
    // One snapshot for the verification and the head it signs.
    const verified = await this.txHost.withTransaction(SNAPSHOT, () => this.trail.verify(auth));
    if (!verified.valid) {
      throw conflict('AUDIT_CHAIN_BROKEN', `The audit chain is broken at seq ${verified.firstBrokenSeq}; no checkpoint is signed over it`, {
        firstBrokenSeq: verified.firstBrokenSeq,
      });
    }
    // A valid chain runs seq 1…count without gaps, so its head is seq = count.
    return signCheckpoint({ count: verified.count, headSeq: String(verified.count), headHash: verified.headHash, at: verified.verifiedAt }, this.privateKey);
  }

  /** Verifies the chain and that it still holds the checkpoint's head; a checkpoint not signed by our key is refused (422). */
  async verifyAgainst(auth: AuthContext, checkpoint: CheckpointDto): Promise<CheckpointVerifyDto> {
    const problems = checkCheckpoint(checkpoint, this.publicKey);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', 'The checkpoint is not authentic', problems);
    return this.txHost.withTransaction(SNAPSHOT, async () => {
      const verified = await this.trail.verify(auth);
      const last = await this.repo.lastSeq();
      const atHead = checkpoint.headSeq === '0' ? null : await this.repo.hashAt(BigInt(checkpoint.headSeq));
      const cmp = compareWithCheckpoint(checkpoint, { count: verified.count, headSeq: last.toString() }, atHead);
      const comparison = {
        headSeq: checkpoint.headSeq,
        headHash: checkpoint.headHash,
        at: checkpoint.at,
        holds: cmp.holds,
        ...(cmp.reason ? { reason: cmp.reason } : {}),
      };
      if (!verified.valid || cmp.holds) return { ...verified, valid: verified.valid && cmp.holds, checkpoint: comparison };
      return { ...verified, valid: false, firstBrokenSeq: cmp.firstBrokenSeq, reason: redactFor(auth, cmp.reason!), checkpoint: comparison };
    });
  }

  onApplicationBootstrap(): void {
    const dir = this.config.auditCheckpointDir;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const tick = () => {
      this.writing ??= this.writeTo(dir).finally(() => (this.writing = null));
    };
    tick();
    this.timer = setInterval(tick, this.config.auditCheckpointIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing; // never close the database under a checkpoint being written
  }

  /** One file per checkpoint plus latest.json, each written to a temporary name and renamed (never half a file). */
  async writeTo(dir: string): Promise<SignedCheckpoint | null> {
    try {
      const cp = (await this.current(SYSTEM)) as SignedCheckpoint;
      const text = JSON.stringify(cp, null, 2) + '\n';
      const name = `audit-checkpoint-${cp.headSeq.padStart(12, '0')}-${cp.at.replace(/[:.]/g, '')}.json`;
      for (const file of [name, 'latest.json']) {
        const tmp = path.join(dir, `.${file}.tmp`);
        writeFileSync(tmp, text, { mode: 0o644 });
        renameSync(tmp, path.join(dir, file));
      }
      this.logger.log(`audit checkpoint: ${cp.count} events, head seq ${cp.headSeq} ${cp.headHash}`);
      return cp;
    } catch (e) {
      this.logger.error(`audit checkpoint not written: ${(e as Error).message}`);
      return null;
    }
  }
}
