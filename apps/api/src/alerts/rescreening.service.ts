import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DURING_EXECUTION, DURING_EXECUTION_LEGAL_BASIS, screenDuringExecution, type ExecutionMatch, type RescreenTriggerKind } from '@app/interop';
import { dayOfDateValue, zurichDate } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { JobsService } from '../jobs/jobs.service';
import { RescreeningRepository } from './rescreening.repository';

/** The job kind: screen every active award a new sanctions entry, list or goods list may concern. */
export const RESCREEN_QUEUE = 'screening.rescreen';

export interface RescreenTrigger {
  kind: RescreenTriggerKind;
  /** Id of the sanctions entry, sanctions list version or risk dataset version. */
  id: string;
  /** Human-readable, for the audit trail and the alert: "sanction Müller Textil AG", "list SECO v3", "GOODS_LIST v4". */
  label: string;
  /** null: every buyer (ALL_FEDERAL entries, lists with such entries, datasets); else the one buyer concerned. */
  buyerIds: string[] | null;
}

interface StoredEvaluationInputs {
  tender?: { submissionDeadline?: string };
  sanctions?: { id: string; from: string; until: string }[];
  datasets?: { goodsList?: { iso2: string; good: string; forcedLabour: boolean }[] };
}

/** The finding identity of a match: the usual bid|code|path, then the match, so that another match on the same node is another finding. */
export const executionFindingKey = (bidId: string, m: Pick<ExecutionMatch, 'nodePath' | 'key'>): string =>
  `${bidId}|${DURING_EXECUTION}|${JSON.stringify(m.nodePath)}|${m.key}`;

/**
 * Re-screening during execution (Art. 26(1)): when a sanctions entry or list
 * is added, or a goods list version activated, every ACTIVE award of every
 * buyer it may concern is screened again, as a job. A new match opens a
 * DURING_EXECUTION finding on the awarded bid (attached to the evaluation the
 * award rests on, so the existing resolve / exclusion / revocation path
 * applies) and an alert for the buyer's officers. The same match is never
 * opened twice: (evaluation, finding key) is unique.
 */
@Injectable()
export class RescreeningService implements OnModuleInit {
  private readonly log = new Logger('Rescreening');

  constructor(
    private readonly repo: RescreeningRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ trigger: RescreenTrigger }>(RESCREEN_QUEUE, (data, job) => this.run(data.trigger, job.id).then(() => undefined));
  }

  /**
   * Enqueues a re-screening in the caller's transaction (it runs once the
   * change committed) and records the request; nothing when no active award
   * can be concerned (returns null). Call inside the trigger's @Transactional
   * method.
   */
  async request(auth: AuthContext | null, trigger: RescreenTrigger): Promise<string | null> {
    const tx = this.repo.transactionClient();
    if ((await this.repo.countActiveAwards(trigger.buyerIds)) === 0) return null;
    const jobId = await this.jobs.send(RESCREEN_QUEUE, { trigger }, { tx });
    await this.audit.record(this.requested(auth, trigger, jobId));
    return jobId;
  }

  private requested(auth: AuthContext | null, trigger: RescreenTrigger, jobId: string) {
    return { auth, action: 'rescreening.requested', objectType: 'rescreening', objectId: jobId, tenderId: null, payload: { trigger, jobId } };
  }

  /** The job: screens every concerned active award; one transaction per award with its findings, alerts and audit event. */
  async run(trigger: RescreenTrigger, jobId: string): Promise<{ awardsScreened: number; findingsOpened: number }> {
    const today = zurichDate(new Date());
    const awards = await this.repo.activeAwardIds(trigger.buyerIds);
    let findingsOpened = 0;
    for (const awardId of awards) findingsOpened += await this.screenAward(awardId, trigger, jobId, today);
    await this.completed(trigger, jobId, today, awards.length, findingsOpened);
    this.log.log(`re-screening ${jobId} (${trigger.label}): ${awards.length} active awards screened, ${findingsOpened} findings opened`);
    return { awardsScreened: awards.length, findingsOpened };
  }

  @Transactional()
  private async completed(trigger: RescreenTrigger, jobId: string, today: string, awardsScreened: number, findingsOpened: number): Promise<void> {
    await this.audit.record({
      auth: null,
      action: 'rescreening.completed',
      objectType: 'rescreening',
      objectId: jobId,
      tenderId: null,
      payload: { trigger, jobId, screenedOn: today, awardsScreened, findingsOpened },
    });
  }

  @Transactional()
  private async screenAward(awardId: string, trigger: RescreenTrigger, jobId: string, today: string): Promise<number> {
    const award = await this.repo.lockActiveAward(awardId);
    if (!award) return 0;
    const buyerId = award.tender.buyerId;
    const nodes = await this.repo.supplyChain(award.winnerBidId);
    const sanctions = await this.repo.sanctionsFor(buyerId);
    const goods = await this.repo.activeGoodsList();
    const inputs = award.evaluation.inputs as StoredEvaluationInputs;
    const deadline = inputs.tender?.submissionDeadline;
    const matches = screenDuringExecution({
      today,
      buyerId,
      nodes: nodes.map((n) => ({ path: n.path, country: n.country, identifiers: [n.uid, n.lei, n.vat].filter((x): x is string => !!x), goods: n.goods })),
      sanctions: sanctions.map((s) => ({
        id: s.id,
        name: s.name,
        aliases: s.aliases,
        identifiers: s.identifiers,
        country: s.country,
        ground: s.ground,
        from: dayOfDateValue(s.from),
        until: dayOfDateValue(s.until),
        scope: s.scope,
        buyerId: s.buyerId,
        list: s.list,
      })),
      forcedLabour: goods.filter((r) => r.forcedLabour),
      evaluated: {
        deadlineDate: deadline ? zurichDate(new Date(deadline)) : today,
        sanctions: (inputs.sanctions ?? []).map((s) => ({ id: s.id, from: s.from, until: s.until })),
        forcedLabour: (inputs.datasets?.goodsList ?? []).filter((r) => r.forcedLabour),
      },
    });
    const openedKeys: string[] = [];
    for (const m of matches) {
      const findingKey = executionFindingKey(award.winnerBidId, m);
      if (await this.repo.findingExists(award.evaluation.id, findingKey)) continue;
      await this.repo.openFinding({
        award,
        trigger,
        jobId,
        findingKey,
        match: m,
        code: DURING_EXECUTION,
        legalBasis: DURING_EXECUTION_LEGAL_BASIS,
        screenedOn: today,
      });
      openedKeys.push(findingKey);
    }
    if (openedKeys.length > 0) {
      await this.audit.record({
        auth: null,
        buyerId,
        action: 'finding.opened-during-execution',
        objectType: 'award',
        objectId: award.id,
        tenderId: award.tender.id,
        payload: { trigger, jobId, screenedOn: today, findingKeys: openedKeys },
      });
    }
    return openedKeys.length;
  }
}
