import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  CHECKPOINT_FORMAT_V2,
  checkCheckpoint,
  compareWithCheckpoint,
  compareWithTrailCheckpoint,
  LEGACY_CHAIN,
  publicKeyId,
  signTrailCheckpoint,
  type CheckpointComparison,
  type SignedCheckpoint,
  type TrailResult,
} from '@app/audit-chain';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthContext } from '../auth/auth-context';
import { TransactionHost } from '../database/transaction';
import type { PrismaTxHost } from '../database/transaction';
import { AuditRepository } from './audit.repository';
import { conflict, DomainError } from '../common/problem';
import { CheckpointAlgorithm, CheckpointDto, CheckpointKeyDto, CheckpointVerifyDto } from './audit.dto';
import { AuditTrailService, redactFor, SNAPSHOT } from './audit-trail.service';

/**
 * Signed checkpoints of the trail's chain heads (libs/audit-chain/checkpoint.ts),
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

  /**
   * A v2 checkpoint of the trail at a settled global seq (every event up to it
   * committed, so a later verification sees exactly these events up to it).
   * Verifies the whole trail first: a checkpoint never vouches for a broken chain.
   */
  async current(): Promise<CheckpointDto> {
    const settled = await this.txHost.withTransaction(() => this.repo.settledSeq());
    const r = await this.trail.verifyTrail(settled.toString());
    if (!r.valid) {
      throw conflict('AUDIT_CHAIN_BROKEN', `The audit chain is broken at seq ${r.firstBrokenSeq}; no checkpoint is signed over it`, {
        firstBrokenSeq: r.firstBrokenSeq,
      });
    }
    const at = r.atWatermark!;
    return signTrailCheckpoint(
      { count: at.count, headSeq: at.headSeq, headHash: at.headHash, chains: at.chains, at: new Date().toISOString() },
      this.privateKey,
    ) as CheckpointDto;
  }

  /**
   * Verifies the trail and that it still holds the checkpoint: a v2 one by the
   * trail recomputed up to its seq, a v1 one (of the global chain, before
   * per-chain appends) by the frozen legacy chain. A checkpoint not signed by our key is refused (422).
   */
  async verifyAgainst(auth: AuthContext, checkpoint: CheckpointDto): Promise<CheckpointVerifyDto> {
    const problems = checkCheckpoint(checkpoint, this.publicKey);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', 'The checkpoint is not authentic', problems);
    return this.txHost.withTransaction(SNAPSHOT, async () => {
      let r: TrailResult;
      let cmp: CheckpointComparison;
      if (checkpoint.format === CHECKPOINT_FORMAT_V2) {
        r = await this.trail.verifyTrail(checkpoint.headSeq);
        cmp = compareWithTrailCheckpoint({ ...checkpoint, chains: checkpoint.chains! }, r.atWatermark!);
      } else {
        r = await this.trail.verifyTrail();
        const legacy = r.chains.find((c) => c.chain === LEGACY_CHAIN);
        const atHead = checkpoint.headSeq === '0' ? null : await this.repo.legacyHashAt(BigInt(checkpoint.headSeq));
        cmp = compareWithCheckpoint(checkpoint, { count: legacy?.count ?? 0, headSeq: legacy?.headSeq ?? '0' }, atHead);
      }
      const verified = this.trail.toDto(auth, r);
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
      const cp = (await this.current()) as SignedCheckpoint;
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
