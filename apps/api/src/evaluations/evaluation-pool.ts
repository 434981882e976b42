/**
 * The evaluation engine on a small worker pool (piscina), so that
 * `POST /tenders/:id/evaluations` and replay never block the event loop: a
 * 1,000-bid tender is seconds of CPU, during which the service must keep
 * answering (health checks, other buyers).
 *
 * How the worker is started (as libs/report/src/async.ts does for reports):
 * 1. compiled (dist): `evaluation.worker.js` beside this file;
 * 2. TypeScript sources (Jest, ts scripts): `evaluation.worker.ts`, loaded
 *    with `--require tools/ts-register.js` (the swc hook Jest's settings use);
 * 3. neither available: in-process on the next turn of the event loop —
 *    correct results, but the loop is blocked while the engine runs.
 *
 * At most 2 threads (CPU-bound work: more than the cores only contend), idle
 * threads exit after 30 s; destroyed with the application.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EvaluationInputError } from '@app/evaluation';
import { Piscina } from 'piscina';
import { type EvaluationOutcome, type EvaluationTask, runEvaluation } from './evaluation.worker';

export type EvaluationWorkerMode = { kind: 'compiled'; file: string } | { kind: 'swc'; file: string; register: string } | { kind: 'inline' };

const ROOT_FROM_SRC = path.resolve(__dirname, '..', '..', '..', '..');

/** Which of the three ways this process uses (see the file comment). */
export function evaluationWorkerMode(): EvaluationWorkerMode {
  const compiled = path.join(__dirname, 'evaluation.worker.js');
  if (__filename.endsWith('.js') && fs.existsSync(compiled)) return { kind: 'compiled', file: compiled };
  const source = path.join(__dirname, 'evaluation.worker.ts');
  const register = path.join(ROOT_FROM_SRC, 'tools', 'ts-register.js');
  if (fs.existsSync(source) && fs.existsSync(register)) {
    try {
      require.resolve('@swc/core');
      return { kind: 'swc', file: source, register };
    } catch {
      // @swc/core is a dev dependency: absent in a production install, where the compiled worker exists.
    }
  }
  return { kind: 'inline' };
}

@Injectable()
export class EvaluationPool implements OnApplicationShutdown {
  private pool: Piscina | null = null;

  private start(mode: Exclude<EvaluationWorkerMode, { kind: 'inline' }>): Piscina {
    const threads = Math.max(1, Math.min(2, os.availableParallelism() - 1));
    return new Piscina({
      filename: mode.file,
      execArgv: mode.kind === 'swc' ? ['--require', mode.register] : [],
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 30_000,
    });
  }

  /** Evaluate (and digest) off the request thread; throws EvaluationInputError as the engine would. */
  async evaluate(task: EvaluationTask): Promise<Extract<EvaluationOutcome, { ok: true }>> {
    const mode = evaluationWorkerMode();
    let outcome: EvaluationOutcome;
    if (mode.kind === 'inline') {
      outcome = await new Promise<EvaluationOutcome>((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(runEvaluation(task));
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        }),
      );
    } else {
      this.pool ??= this.start(mode);
      outcome = (await this.pool.run(task)) as EvaluationOutcome;
    }
    if (!outcome.ok) throw new EvaluationInputError(outcome.code, outcome.message, outcome.details);
    return outcome;
  }

  /**
   * After the HTTP server has drained (app.close(): destroy hooks, then the server closes and waits for
   * in-flight requests, then shutdown hooks): an evaluation still running when SIGTERM came finishes on the pool.
   */
  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.destroy();
  }
}
