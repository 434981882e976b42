import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Injectable, Logger, type INestApplicationContext } from '@nestjs/common';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { DEFAULT_RISK_MODEL } from '@app/evaluation';
import { parseDataset, SHIPPED_DATASETS, ShippedDatasetError, type AnyShippedDataset, type ParseSuccess } from '@app/risk-data';
import { Transactional } from '../database/transaction';
import { ReferenceDataRepository } from './reference-data.repository';
import { RiskModelRepository } from './risk-model.repository';
import { RiskDatasetsService } from './risk-datasets.service';
import { RiskModelService } from './risk-model.service';

/**
 * The nest build keeps the source tree under dist/ (dist/apps/api/src/admin),
 * so walking up from here finds <repo>/data/risk from source and build alike,
 * and from an image that ships data/ next to dist/.
 */
export function findRiskDataDir(from: string = __dirname): string {
  const marker = SHIPPED_DATASETS[0].fileName;
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', 'risk');
    if (existsSync(path.join(candidate, marker)) && statSync(candidate).isDirectory()) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(`No data/risk folder with ${marker} found above ${from}: the shipped risk datasets are missing from this installation`);
  }
}

export interface EnsureDefaultsResult {
  /** The version created, or null when a risk model already existed. */
  riskModelVersion: number | null;
  /** Kinds imported from the shipped files (each as version 1, active). */
  datasets: string[];
}

/**
 * Reference data every evaluation needs, present from the first start: the
 * default risk model (evaluation-method.md §4) and the open datasets shipped
 * in data/risk (README there). Never overwrites what an admin set.
 */
@Injectable()
export class ReferenceDataService {
  private readonly logger = new Logger('ReferenceData');

  constructor(
    private readonly reference: ReferenceDataRepository,
    private readonly riskModels: RiskModelRepository,
    private readonly riskModel: RiskModelService,
    private readonly datasets: RiskDatasetsService,
  ) {}

  /**
   * Idempotent, and safe when several processes start at once: the check is
   * repeated under the reference-data lock, so exactly one of them inserts.
   */
  async ensureDefaults(): Promise<EnsureDefaultsResult> {
    const [models, have] = await Promise.all([this.riskModels.count(), this.reference.datasetKinds()]);
    const missing = SHIPPED_DATASETS.filter((d) => !have.has(d.kind));
    if (models > 0 && missing.length === 0) return { riskModelVersion: null, datasets: [] };

    // Parsing is CPU work: done before the lock is taken, and only for kinds that looked missing.
    const dir = missing.length > 0 ? findRiskDataDir() : '';
    const parsed = missing.map((meta) => ({ meta, parsed: parseShipped(dir, meta) }));
    const result = await this.storeDefaults(parsed);
    if (result.riskModelVersion !== null) this.logger.log(`default risk model stored as version ${result.riskModelVersion}`);
    if (result.datasets.length) this.logger.log(`shipped risk datasets imported and activated: ${result.datasets.join(', ')}`);
    return result;
  }

  @Transactional<TransactionalAdapterPrisma>({ timeout: 120_000 })
  private async storeDefaults(parsed: { meta: AnyShippedDataset; parsed: ParseSuccess }[]): Promise<EnsureDefaultsResult> {
    const result: EnsureDefaultsResult = { riskModelVersion: null, datasets: [] };
    await this.reference.lock();
    if ((await this.riskModels.count()) === 0) {
      const v = await this.riskModel.storeVersion(null, DEFAULT_RISK_MODEL, 'Defaults of evaluation-method.md §4, set at first start');
      result.riskModelVersion = v.version;
    }
    const have = await this.reference.datasetKinds();
    for (const { meta, parsed: rows } of parsed) {
      if (have.has(meta.kind)) continue; // another process was first
      await this.datasets.storeIn(
        null,
        { kind: meta.kind, name: meta.name, source: meta.source, licence: meta.licence, retrievedAt: meta.retrievedAt ?? undefined },
        rows,
        { activate: true },
      );
      result.datasets.push(meta.kind);
    }
    return result;
  }
}

function parseShipped(dir: string, meta: AnyShippedDataset): ParseSuccess {
  const result = parseDataset(meta.kind, readFileSync(path.join(dir, meta.fileName)));
  if (!result.ok) throw new ShippedDatasetError(meta.fileName, meta.kind, result.errors);
  return result;
}

/** For main.ts (through runStartupTasks), the CLI and the e2e harness. */
export function ensureReferenceData(app: INestApplicationContext): Promise<EnsureDefaultsResult> {
  return app.get(ReferenceDataService).ensureDefaults();
}
