import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DURING_EXECUTION, DURING_EXECUTION_LEGAL_BASIS, screenDuringExecution, type ExecutionMatch } from '@app/interop';
import { zurichDate } from '@app/procedure';
import { Prisma, type AlertTriggerKind } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { JobsService } from '../jobs/jobs.service';

/** The job kind: screen every active award a new sanctions entry, list or goods list may concern. */
export const RESCREEN_QUEUE = 'screening.rescreen';

export interface RescreenTrigger {
  kind: AlertTriggerKind;
  /** Id of the sanctions entry, sanctions list version or risk dataset version. */
  id: string;
  /** Human-readable, for the audit trail and the alert: "sanction Müller Textil AG", "list SECO v3", "GOODS_LIST v4". */
  label: string;
  /** null: every buyer (ALL_FEDERAL entries, lists with such entries, datasets); else the one buyer concerned. */
  buyerIds: string[] | null;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

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
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ trigger: RescreenTrigger }>(RESCREEN_QUEUE, (data, job) => this.run(data.trigger, job.id).then(() => undefined));
  }

  /**
   * Enqueues a re-screening in the caller's transaction (it runs once the
   * change committed) and records the request; nothing when no active award
   * can be concerned (returns null).
   */
  async request(tx: Tx, auth: AuthContext | null, trigger: RescreenTrigger): Promise<string | null> {
    const concerned = await tx.award.count({ where: { status: 'ACTIVE', ...(trigger.buyerIds ? { tender: { buyerId: { in: trigger.buyerIds } } } : {}) } });
    if (concerned === 0) return null;
    const jobId = await this.jobs.send(RESCREEN_QUEUE, { trigger }, { tx });
    await this.audit.append(tx, {
      auth,
      action: 'rescreening.requested',
      objectType: 'rescreening',
      objectId: jobId,
      tenderId: null,
      payload: { trigger, jobId },
    });
    return jobId;
  }

  /** The job: screens every concerned active award; one transaction per award with its findings, alerts and audit event. */
  async run(trigger: RescreenTrigger, jobId: string): Promise<{ awardsScreened: number; findingsOpened: number }> {
    const today = zurichDate(new Date());
    const awards = await this.prisma.award.findMany({
      where: { status: 'ACTIVE', ...(trigger.buyerIds ? { tender: { buyerId: { in: trigger.buyerIds } } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    let findingsOpened = 0;
    for (const a of awards) findingsOpened += await this.prisma.transaction((tx) => this.screenAward(tx, a.id, trigger, jobId, today));
    await this.prisma.transaction((tx) =>
      this.audit.append(tx, {
        auth: null,
        action: 'rescreening.completed',
        objectType: 'rescreening',
        objectId: jobId,
        tenderId: null,
        payload: { trigger, jobId, screenedOn: today, awardsScreened: awards.length, findingsOpened },
      }),
    );
    this.log.log(`re-screening ${jobId} (${trigger.label}): ${awards.length} active awards screened, ${findingsOpened} findings opened`);
    return { awardsScreened: awards.length, findingsOpened };
  }

  private async screenAward(tx: Tx, awardId: string, trigger: RescreenTrigger, jobId: string, today: string): Promise<number> {
    // Serialises screenings of one award (two jobs at once) and re-checks that it is still active.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM award WHERE id = ${awardId}::uuid AND status = 'ACTIVE' FOR UPDATE`;
    if (locked.length === 0) return 0;
    const award = await tx.award.findUniqueOrThrow({
      where: { id: awardId },
      include: { tender: { select: { id: true, buyerId: true } }, evaluation: { select: { id: true, inputs: true } } },
    });
    const buyerId = award.tender.buyerId;
    const nodes = await tx.supplyChainNode.findMany({ where: { bidId: award.winnerBidId }, orderBy: { position: 'asc' } });
    const sanctions = await tx.sanction.findMany({
      where: { OR: [{ scope: 'ALL_FEDERAL' }, { scope: 'BUYER', buyerId }], AND: [{ OR: [{ listId: null }, { list: { active: true } }] }] },
      include: { list: { select: { id: true, name: true, version: true } } },
      orderBy: { id: 'asc' },
    });
    const goods = await tx.riskDataset.findFirst({ where: { kind: 'GOODS_LIST', active: true }, select: { rows: true } });
    const inputs = award.evaluation.inputs as unknown as StoredEvaluationInputs;
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
        from: day(s.from),
        until: day(s.until),
        scope: s.scope,
        buyerId: s.buyerId,
        list: s.list,
      })),
      forcedLabour: ((goods?.rows ?? []) as { iso2: string; good: string; forcedLabour: boolean }[]).filter((r) => r.forcedLabour),
      evaluated: {
        deadlineDate: deadline ? zurichDate(new Date(deadline)) : today,
        sanctions: (inputs.sanctions ?? []).map((s) => ({ id: s.id, from: s.from, until: s.until })),
        forcedLabour: (inputs.datasets?.goodsList ?? []).filter((r) => r.forcedLabour),
      },
    });
    let opened = 0;
    const openedKeys: string[] = [];
    for (const m of matches) {
      const findingKey = executionFindingKey(award.winnerBidId, m);
      const exists = await tx.finding.findUnique({
        where: { evaluationId_findingKey: { evaluationId: award.evaluation.id, findingKey } },
        select: { id: true },
      });
      if (exists) continue;
      const finding = await tx.finding.create({
        data: {
          evaluationId: award.evaluation.id,
          tenderId: award.tender.id,
          bidId: award.winnerBidId,
          code: DURING_EXECUTION,
          legalBasis: DURING_EXECUTION_LEGAL_BASIS,
          severity: m.severity,
          nodePath: m.nodePath,
          findingKey,
          message: m.message,
          data: { ...m.data, screenedOn: today } as Prisma.InputJsonValue,
        },
      });
      await tx.screeningAlert.create({
        data: {
          buyerId,
          tenderId: award.tender.id,
          awardId: award.id,
          findingId: finding.id,
          triggerKind: trigger.kind,
          triggerId: trigger.id,
          match: m.data as Prisma.InputJsonValue,
          jobId,
        },
      });
      opened += 1;
      openedKeys.push(findingKey);
    }
    if (opened > 0) {
      await this.audit.append(tx, {
        auth: null,
        buyerId,
        action: 'finding.opened-during-execution',
        objectType: 'award',
        objectId: award.id,
        tenderId: award.tender.id,
        payload: { trigger, jobId, screenedOn: today, findingKeys: openedKeys },
      });
    }
    return opened;
  }
}
