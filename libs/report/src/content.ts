/**
 * What the audit report says, as blocks (see blocks.ts): every figure rounded
 * and formatted for people, every label translated. Pure: the same model and
 * language give the same blocks.
 */
import { FINDING_ORDER, FINDING_RULES } from '../../evaluation/src/constants';
import type { BidResult, Finding, FindingCode, FindingSeverity, NodeRisk } from '../../evaluation/src/types';
import { findingApplies } from '../../procedure/src/findings';
import { type Block, type Cell, type ChartRow, COLORS, DEPTH_COLORS, type Row, SERIES_COLORS } from './blocks';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatFraction,
  formatMoney,
  formatPoints,
  formatRisk,
  formatScore,
  formatShare,
  groundCitation,
  toDrawNumber,
} from './format';
import { dataGapNote, displayedFindingMessage, legalBasisLabel } from '../../i18n/src/findings';
import { type Dict, dictionary, label } from '../../i18n/src/report-words';
import type { ReportDecision, ReportLang, ReportModel, ReportSupplyChainNode } from './model';
import { redFlagBlocks } from './red-flags-section';

/** Column abbreviations of the participation matrix: language-neutral, like the codes they stand for. */
export const FINDING_ABBREVIATIONS: Record<FindingCode, string> = {
  LATE_SUBMISSION: 'LATE',
  CH_LABOUR_CONDITIONS: 'CH-W',
  CH_EQUAL_PAY: 'CH-P',
  ILO_CORE_CONVENTIONS: 'ILO',
  ILO_ADDITIONAL_CONVENTIONS: 'ILO+',
  ENVIRONMENTAL_LAW: 'ENV',
  SUBCONTRACT_CLAUSE: 'SUB',
  TAXES_SOCIAL_SECURITY: 'TAX',
  UNDISCLOSED_COUNTRY: 'CTRY',
  SANCTIONED: 'SANC',
  SANCTIONED_POSSIBLE_MATCH: 'SANC?',
  VIOLATION_ESTABLISHED: 'VIOL',
  VIOLATION_INDICATION: 'IND',
  ABNORMALLY_LOW: 'LOW',
  FORCED_LABOUR_GOODS: 'FLG',
  UNKNOWN_GOOD: 'GOOD?',
};

const SEVERITY_ORDER: Record<FindingSeverity, number> = { EXCLUSION_GROUND: 3, VERIFY: 2, INFO: 1 };

export const pathKey = (path: readonly string[]): string => JSON.stringify(path);
const pathText = (path: readonly string[]): string => path.join(' › ');

/** One supply-chain node of a bid, in depth-first order. */
interface NodeView {
  path: string[];
  depth: number;
  country: string | null;
  goods: string[];
  sharePercent: string;
  hasChildren: boolean;
  risk: NodeRisk | null;
}

/**
 * The nodes of a bid: the engine's NodeRisk list (depth-first, with the
 * computed figures) when present, else the declared tree. Children are
 * inferred from the paths, so nothing depends on both sources agreeing.
 */
function nodesOf(bid: BidResult, tree: ReportSupplyChainNode | undefined): NodeView[] {
  let views: NodeView[];
  if (bid.risk.nodes.length > 0) {
    views = bid.risk.nodes.map((n) => ({
      path: n.path,
      depth: n.path.length - 1,
      country: n.country,
      goods: n.goods,
      sharePercent: n.sharePercent,
      hasChildren: false,
      risk: n,
    }));
  } else if (tree) {
    views = [];
    const walk = (n: ReportSupplyChainNode, parent: string[]): void => {
      const path = [...parent, n.name];
      views.push({ path, depth: parent.length, country: n.country ?? null, goods: n.goods, sharePercent: n.sharePercent, hasChildren: false, risk: null });
      for (const c of n.subcontractors) walk(c, path);
    };
    walk(tree, []);
  } else {
    views = [{ path: [bid.bidderName], depth: 0, country: null, goods: [], sharePercent: '100', hasChildren: false, risk: null }];
  }
  const keys = new Set(views.map((v) => pathKey(v.path.slice(0, -1))));
  for (const v of views) v.hasChildren = keys.has(pathKey(v.path));
  return views;
}

function worst(findings: Finding[]): FindingSeverity | null {
  let w: FindingSeverity | null = null;
  for (const f of findings) if (w === null || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[w]) w = f.severity;
  return w;
}

function markCell(severity: FindingSeverity | null, applicable: boolean): Cell {
  if (severity === 'EXCLUSION_GROUND') return { text: '✗', color: COLORS.bad, bold: true, align: 'center' };
  if (severity === 'VERIFY') return { text: '?', color: COLORS.verify, bold: true, align: 'center' };
  if (severity === 'INFO') return { text: 'i', color: COLORS.info, bold: true, align: 'center' };
  return applicable ? { text: '✓', color: COLORS.ok, align: 'center' } : { text: '–', color: COLORS.muted, align: 'center' };
}

function signed(v: string, dp: number, lang: ReportLang): string {
  const s = formatDecimal(v, dp, lang);
  return s.startsWith('-') || /^0[.,]0+$/.test(s) ? s : `+${s}`;
}

class ContentBuilder {
  private readonly t: Dict;
  private readonly blocks: Block[] = [];
  private readonly bidsById: Map<string, BidResult>;
  private readonly treeById: Map<string, ReportSupplyChainNode>;
  private readonly extraById: Map<string, ReportModel['bids'][number]>;
  private readonly criterionName: Map<string, string>;

  constructor(
    private readonly m: ReportModel,
    private readonly lang: ReportLang,
  ) {
    this.t = dictionary(lang);
    this.bidsById = new Map(m.result.bids.map((b) => [b.bidId, b]));
    this.extraById = new Map(m.bids.map((b) => [b.bidId, b]));
    this.treeById = new Map(m.bids.map((b) => [b.bidId, b.supplyChain]));
    this.criterionName = new Map(m.tender.criteria.map((c) => [c.code, c.name]));
  }

  build(): Block[] {
    this.cover();
    this.criteria();
    this.datasets();
    this.participation();
    this.findings();
    this.scores();
    this.risk();
    this.robustness();
    this.award();
    this.push(...redFlagBlocks(this.m, this.lang, (id) => this.bidderName(id)));
    this.declarations();
    return this.blocks;
  }

  // —— helpers ——————————————————————————————————————————————————————————

  private push(...b: Block[]): void {
    this.blocks.push(...b);
  }

  private h1(text: string): void {
    this.push({ kind: 'heading', level: 1, text });
  }

  private h2(text: string): void {
    this.push({ kind: 'heading', level: 2, text });
  }

  private para(text: string, size?: number, color?: string): void {
    this.push({ kind: 'paragraph', text, size, color });
  }

  private keyValues(rows: [string, string][]): void {
    this.push({
      kind: 'table',
      header: false,
      columns: [
        { header: '', width: 28 },
        { header: '', width: 72 },
      ],
      rows: rows.map(([k, v]) => ({ cells: [{ text: k, bold: true, color: COLORS.muted }, v] })),
      fontSize: 8.5,
    });
  }

  private money(v: string | null | undefined): string {
    return v === null || v === undefined ? '–' : formatMoney(v, this.m.tender.currency, this.lang);
  }

  private bidderName(bidId: string): string {
    return this.bidsById.get(bidId)?.bidderName ?? this.extraById.get(bidId)?.bidderName ?? bidId;
  }

  private criterionLabel(code: string): string {
    const name = this.criterionName.get(code);
    return name && name !== code ? `${code} — ${name}` : code;
  }

  /** Admissible bids in ranking order, then the others in result order. */
  private orderedBids(): BidResult[] {
    const ranked = this.m.result.ranking.map((id) => this.bidsById.get(id)).filter((b): b is BidResult => !!b);
    const rankedIds = new Set(ranked.map((b) => b.bidId));
    return [...ranked, ...this.m.result.bids.filter((b) => !rankedIds.has(b.bidId))];
  }

  private dateTime(v: string | null | undefined): string {
    return formatDateTime(v, this.lang);
  }

  // —— sections ————————————————————————————————————————————————————————

  private cover(): void {
    const { t, m } = this;
    const tender = m.tender;
    this.push({ kind: 'title', text: t.reportTitle, subtitle: `${tender.reference} — ${tender.title}` });
    this.keyValues([
      [t.reference, tender.reference],
      [t.title, tender.title],
      [t.buyer, `${m.buyer.name} (${m.buyer.country})`],
      [t.procedure, label(t.enum.procedure, tender.procedure)],
      [t.currency, tender.currency],
      [t.submissionDeadline, this.dateTime(tender.submissionDeadline)],
      [t.publishedAt, this.dateTime(tender.publishedAt)],
      [t.closedAt, this.dateTime(tender.closedAt)],
      [t.placesOfPerformance, tender.placesOfPerformance.join(', ') || '–'],
      [t.goods, tender.goods.join(', ') || '–'],
    ]);
    this.push({ kind: 'space', height: 6 });
    const ev = m.evaluation;
    this.keyValues([
      [t.evaluation, `${ev.id} (${t.evaluationSeq(String(ev.seq))})`],
      [t.evaluatedAt, this.dateTime(ev.createdAt)],
      [t.methodVersion, ev.methodVersion],
      [t.riskModelVersion, String(ev.riskModelVersion)],
      [t.inputsDigest, ev.inputsDigest],
      [t.snapshotDigest, ev.digest],
      [t.auditChainHead, m.auditChainHeadHash],
      [t.generatedAt, this.dateTime(m.generatedAt)],
    ]);
    this.push({ kind: 'space', height: 6 });
    this.para(t.legalFrame, 7.5, COLORS.muted);
    this.para(t.timesNote, 7.5, COLORS.muted);
    this.push({ kind: 'toc', title: t.contents });
    this.push({ kind: 'pageBreak' });
  }

  private criteria(): void {
    const { t, m, lang } = this;
    const tender = m.tender;
    this.h1(t.secCriteria);
    this.push({
      kind: 'table',
      columns: [
        { header: t.code, width: 17 },
        { header: t.name, width: 21 },
        { header: t.kind, width: 20 },
        { header: t.weight, width: 14, align: 'right' },
        { header: t.priceMethod, width: 18 },
        { header: t.span, width: 10, align: 'right' },
      ],
      rows: tender.criteria.map((c) => ({
        cells: [
          { text: c.code, bold: true },
          c.name,
          label(t.enum.kind, c.kind),
          formatPoints(c.weight, lang),
          c.kind === 'PRICE' ? label(t.enum.priceMethod, c.priceMethod ?? null) : '–',
          c.kind === 'PRICE' && c.priceMethod === 'LINEAR_SPAN' && c.span ? formatDecimal(c.span, 2, lang) : '–',
        ],
      })),
    });
    const tieBreak = tender.tieBreak.length > 0 ? tender.tieBreak : ['HUMAN_RIGHTS', 'PRICE', 'RECEIVED_AT'];
    this.keyValues([
      [
        t.priceBasis,
        label(t.enum.priceBasis, tender.priceBasis) + (tender.priceBasis === 'REFERENCE' ? ` — ${t.referencePrice} ${this.money(tender.referencePrice)}` : ''),
      ],
      [t.priceLevelAdjustment, tender.priceLevelAdjustment ? t.on : t.off],
      [t.tieBreak, tieBreak.map((k) => label(t.enum.tieBreak, k)).join(' → ')],
      [t.abnormallyLowThreshold, formatDecimal(tender.abnormallyLowThreshold, 2, lang)],
      [t.additionalConventions, tender.additionalConventions.join(', ') || t.none],
    ]);
  }

  private datasets(): void {
    const { t, m, lang } = this;
    this.h1(t.secDatasets);
    this.push({
      kind: 'table',
      fontSize: 7.5,
      columns: [
        { header: t.datasetKind, width: 17 },
        { header: `${t.name} / ${t.contentDigest}`, width: 37 },
        { header: t.version, width: 8 },
        { header: t.source, width: 17 },
        { header: t.licence, width: 11 },
        { header: t.retrievedAt, width: 10 },
      ],
      rows: m.datasets.map((d) => ({
        cells: [label(t.enum.datasetKind, d.kind), `${d.name}\n${d.contentDigest}`, String(d.version), d.source, d.licence, formatDate(d.retrievedAt, lang)],
      })),
    });
  }

  private participation(): void {
    const { t, m } = this;
    this.h1(t.secParticipation);
    this.h2(t.bidsReceived);
    this.push({
      kind: 'table',
      columns: [
        { header: t.bidId, width: 22 },
        { header: t.bidder, width: 30 },
        { header: t.receivedAt, width: 16 },
        { header: t.price, width: 17, align: 'right' },
        { header: t.admissible, width: 15 },
      ],
      rows: m.result.bids.map((b) => {
        const extra = this.extraById.get(b.bidId);
        return {
          cells: [
            b.bidId,
            b.bidderName,
            this.dateTime(extra?.receivedAt),
            { text: this.money(extra?.price ?? b.price), align: 'right' },
            b.admissible
              ? { text: t.yes, color: COLORS.ok }
              : { text: `${t.no} — ${label(t.enum.inadmissible, b.inadmissibleReason ?? null)}`, color: COLORS.bad },
          ],
        };
      }),
    });

    this.h2(t.requirements);
    this.para(t.participationIntro, 8);
    this.push({
      kind: 'table',
      fontSize: 7.5,
      columns: [
        { header: t.column, width: 8 },
        { header: t.requirement, width: 46 },
        { header: t.legalBasis, width: 28 },
        { header: t.severity, width: 18 },
      ],
      rows: FINDING_ORDER.map((code) => ({
        cells: [
          { text: FINDING_ABBREVIATIONS[code], bold: true },
          `${t.requirement_[code]}\n${code}`,
          legalBasisLabel(FINDING_RULES[code].legalBasis, this.lang),
          label(t.enum.severity, FINDING_RULES[code].severity),
        ],
      })),
    });

    this.h2(t.matrix);
    const codeCols = FINDING_ORDER.map((code) => ({ header: FINDING_ABBREVIATIONS[code], width: 5, align: 'center' as const }));
    const rows: Row[] = [];
    for (const bid of this.orderedBids()) {
      const nodes = nodesOf(bid, this.treeById.get(bid.bidId));
      const byNode = new Map<string, Finding[]>();
      const known = new Set(nodes.map((n) => pathKey(n.path)));
      for (const f of bid.findings) {
        // Bid-level findings name the bidder; a path the tree does not know goes to the root row too.
        const key = f.nodePath.length <= 1 || !known.has(pathKey(f.nodePath)) ? pathKey(nodes[0].path) : pathKey(f.nodePath);
        byNode.set(key, [...(byNode.get(key) ?? []), f]);
      }
      nodes.forEach((n, i) => {
        const fs = byNode.get(pathKey(n.path)) ?? [];
        rows.push({
          groupStart: i === 0,
          cells: [
            i === 0 ? { text: bid.bidderName, bold: true } : '',
            { text: n.path[n.path.length - 1], indent: n.depth },
            n.country ?? { text: '?', color: COLORS.verify },
            ...FINDING_ORDER.map((code) =>
              markCell(
                worst(fs.filter((f) => f.code === code)),
                findingApplies(code, { root: n.depth === 0, country: n.country, hasChildren: n.hasChildren }, bid, m.tender.additionalConventions),
              ),
            ),
          ],
        });
      });
    }
    this.push({
      kind: 'table',
      fontSize: 7,
      headerFontSize: 5.8,
      columns: [{ header: t.bidder, width: 14 }, { header: t.node, width: 15 }, { header: t.countryShort, width: 4.6 }, ...codeCols],
      rows,
    });
  }

  private decisionText(f: Finding, d: ReportDecision | undefined): string {
    const { t } = this;
    const lines = [displayedFindingMessage({ code: f.code, message: f.message, params: d?.params }, this.lang)];
    if (d?.resolution) {
      const r = d.resolution;
      lines.push(`${t.resolution}${t.colon}${label(t.enum.conclusion, r.conclusion)} (${r.by}, ${this.dateTime(r.at)})`);
      lines.push(`${t.bidderAnswer}${t.colon}“${r.bidderAnswer}”`);
    }
    if (d?.exclusion) {
      const x = d.exclusion;
      const decided = x.decidedBy ? `; ${t.decidedBy}${t.colon}${x.decidedBy}${x.decidedAt ? `, ${this.dateTime(x.decidedAt)}` : ''}` : '';
      lines.push(
        `${t.exclusion}${t.colon}${legalBasisLabel(groundCitation(x.ground), this.lang)} — ${label(t.enum.exclusionStatus, x.status)} (${t.proposedBy}${t.colon}${x.proposedBy}${decided})`,
      );
      lines.push(`${t.reasons}${t.colon}${x.reasons}`);
    }
    if (!d?.resolution && !d?.exclusion && f.severity !== 'INFO') lines.push(`→ ${t.undecided}`);
    return lines.join('\n');
  }

  private findings(): void {
    const { t, m } = this;
    this.h1(t.secFindings);
    const decisions = new Map<string, ReportDecision>();
    for (const d of m.decisions) decisions.set(`${d.bidId} ${d.code} ${pathKey(d.nodePath)}`, d);
    const used = new Set<string>();
    let any = false;
    const columns = [
      { header: t.finding, width: 22 },
      { header: t.node, width: 17 },
      { header: `${t.severity} / ${t.legalBasis}`, width: 17 },
      { header: `${t.message} / ${t.decision}`, width: 44 },
    ];
    for (const bid of this.orderedBids()) {
      const extraDecisions = m.decisions.filter((d) => d.bidId === bid.bidId);
      const findings: Finding[] = [...bid.findings];
      // Decisions on findings of an earlier evaluation that this one no longer raises are still part of the record.
      for (const d of extraDecisions) {
        if (!bid.findings.some((f) => f.code === d.code && pathKey(f.nodePath) === pathKey(d.nodePath))) {
          findings.push({ code: d.code, legalBasis: d.legalBasis, severity: d.severity, nodePath: d.nodePath, message: d.message });
        }
      }
      if (findings.length === 0) continue;
      any = true;
      this.h2(`${bid.bidderName} (${bid.bidId})`);
      this.push({
        kind: 'table',
        fontSize: 7.5,
        columns,
        rows: findings.map((f) => {
          const key = `${bid.bidId} ${f.code} ${pathKey(f.nodePath)}`;
          used.add(key);
          const color = f.severity === 'EXCLUSION_GROUND' ? COLORS.bad : f.severity === 'VERIFY' ? COLORS.verify : COLORS.info;
          return {
            cells: [
              `${f.code}\n${t.requirement_[f.code] ?? ''}`,
              pathText(f.nodePath),
              { text: `${label(t.enum.severity, f.severity)}\n${legalBasisLabel(f.legalBasis, this.lang)}`, color },
              this.decisionText(f, decisions.get(key)),
            ],
          };
        }),
      });
    }
    if (!any) this.para(t.noFindings, 8.5);

    this.h2(t.secExclusions);
    if (m.exclusions.length === 0) {
      this.para(t.noExclusions, 8.5);
      return;
    }
    this.push({
      kind: 'table',
      fontSize: 7.5,
      columns: [
        { header: t.bidder, width: 17 },
        { header: t.node, width: 13 },
        { header: t.ground, width: 11 },
        { header: t.reasons, width: 25 },
        { header: t.status, width: 10 },
        { header: t.proposedBy, width: 12 },
        { header: t.decidedBy, width: 12 },
      ],
      rows: m.exclusions.map((x) => ({
        cells: [
          this.bidderName(x.bidId),
          x.nodePath && x.nodePath.length > 0 ? pathText(x.nodePath) : '–',
          legalBasisLabel(groundCitation(x.ground), this.lang),
          x.reasons,
          {
            text: label(t.enum.exclusionStatus, x.status),
            color: x.status === 'CONFIRMED' ? COLORS.bad : x.status === 'REJECTED' ? COLORS.ok : COLORS.verify,
          },
          `${x.proposedBy}${x.proposedAt ? `\n${this.dateTime(x.proposedAt)}` : ''}`,
          x.decidedBy ? `${x.decidedBy}${x.decidedAt ? `\n${this.dateTime(x.decidedAt)}` : ''}` : '–',
        ],
      })),
    });
  }

  private rawText(kind: string, raw: string | null): string {
    if (raw === null) return '–';
    if (kind === 'PRICE') return this.money(raw);
    if (kind === 'HUMAN_RIGHTS') return formatRisk(raw, this.lang);
    return formatDecimal(raw, 2, this.lang);
  }

  private scores(): void {
    const { t, m, lang } = this;
    const criteria = m.tender.criteria;
    this.h1(t.secScores);
    const ranked = this.orderedBids().filter((b) => b.rank !== null);
    if (ranked.length === 0) this.para(t.noAdmissible, 8.5);
    else {
      const critW = Math.max(8, Math.min(15, 44 / Math.max(1, criteria.length)));
      this.push({
        kind: 'table',
        headerFontSize: 6.5,
        columns: [
          { header: t.rank, width: 6, align: 'center' },
          { header: t.bidder, width: 24 },
          { header: t.price, width: 16, align: 'right' },
          ...criteria.map((c) => ({ header: `${c.code}\n${formatPoints(c.weight, lang)}`, width: critW, align: 'right' as const })),
          { header: t.total, width: 10, align: 'right' },
        ],
        rows: ranked.map((b) => ({
          cells: [
            { text: `${b.rank}${b.tieUnresolved ? '=' : ''}`, bold: true, align: 'center' },
            b.bidderName,
            this.money(b.price),
            ...criteria.map((c) => (b.scores[c.code] ? formatPoints(b.scores[c.code].pointsFraction ?? b.scores[c.code].points, lang) : '–')),
            { text: b.total !== null ? formatPoints(b.totalFraction ?? b.total, lang) : '–', bold: true },
          ],
        })),
      });
      const tied = ranked.filter((b) => b.tieUnresolved);
      if (tied.length > 0) this.para(`= ${t.tieUnresolved}${t.colon}${tied.map((b) => b.bidderName).join(', ')}`, 8, COLORS.verify);

      this.push({
        kind: 'barChart',
        title: t.chartTotals,
        axisMax: 100,
        ticks: [0, 20, 40, 60, 80, 100].map((v) => ({ value: v, label: String(v) })),
        legend: criteria.map((c, i) => ({ label: this.criterionLabel(c.code), color: SERIES_COLORS[i % SERIES_COLORS.length] })),
        rows: ranked.map((b) => ({
          label: `${b.rank}. ${b.bidderName}`,
          segments: criteria.map((c, i) => ({
            value: toDrawNumber(b.scores[c.code]?.points),
            color: SERIES_COLORS[i % SERIES_COLORS.length],
          })),
          valueText: b.total !== null ? formatPoints(b.totalFraction ?? b.total, lang) : '–',
        })),
      });
    }

    const others = this.m.result.bids.filter((b) => b.rank === null);
    if (others.length > 0) {
      this.h2(t.notRanked);
      this.push({
        kind: 'table',
        columns: [
          { header: t.bidder, width: 45 },
          { header: t.price, width: 20, align: 'right' },
          { header: t.reason, width: 35 },
        ],
        rows: others.map((b) => ({
          cells: [b.bidderName, this.money(b.price), label(t.enum.inadmissible, b.inadmissibleReason ?? null)],
        })),
      });
    }

    if (ranked.length > 0) {
      this.h2(t.scoreDetails);
      const adjusted = m.tender.priceLevelAdjustment;
      const rows: Row[] = [];
      for (const b of ranked) {
        criteria.forEach((c, i) => {
          const s = b.scores[c.code];
          let raw = this.rawText(c.kind, s?.raw ?? null);
          if (c.kind === 'PRICE' && adjusted && b.adjustedPrice !== b.price) raw = `${raw}\n(${t.price} ${this.money(b.price)})`;
          rows.push({
            groupStart: i === 0,
            cells: [
              i === 0 ? { text: `${b.rank}. ${b.bidderName}`, bold: true } : '',
              this.criterionLabel(c.code),
              { text: raw, align: 'right' },
              { text: s ? formatScore(s.scoreFraction ?? s.score, lang) : '–', align: 'right' },
              { text: s ? formatPoints(s.pointsFraction ?? s.points, lang) : '–', align: 'right' },
            ],
          });
        });
      }
      this.push({
        kind: 'table',
        fontSize: 7.5,
        columns: [
          { header: t.bidder, width: 30 },
          { header: t.criterion, width: 26 },
          { header: adjusted ? `${t.raw} (${t.adjustedPrice})` : t.raw, width: 20, align: 'right' },
          { header: t.score, width: 12, align: 'right' },
          { header: t.points, width: 12, align: 'right' },
        ],
        rows,
      });
    }
  }

  private risk(): void {
    const { t, lang } = this;
    this.h1(t.secRisk);
    this.para(t.riskIntro, 8);
    const bids = this.orderedBids();
    const maxDepth = Math.max(0, ...bids.flatMap((b) => b.risk.nodes.map((n) => n.path.length - 1)));
    const depthLegend = Array.from({ length: Math.min(maxDepth + 1, DEPTH_COLORS.length) }, (_, d) => ({
      label: d === 0 ? t.riskLegendBidder : t.riskLegendTier(String(d)),
      color: DEPTH_COLORS[d],
    }));
    const chartRows: ChartRow[] = bids.map((b) => ({
      label: b.rank !== null ? `${b.rank}. ${b.bidderName}` : b.bidderName,
      segments: b.risk.nodes.map((n) => ({ value: toDrawNumber(n.contribution), color: DEPTH_COLORS[(n.path.length - 1) % DEPTH_COLORS.length] })),
      valueText: `R ${formatRisk(b.risk.residualFraction ?? b.risk.residual, lang)}`,
    }));
    this.push({
      kind: 'barChart',
      title: t.chartRisk,
      axisMax: 1,
      ticks: [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: formatDecimal(String(v), 2, lang) })),
      legend: depthLegend,
      rows: chartRows,
    });

    for (const b of bids) {
      const nodes = nodesOf(b, this.treeById.get(b.bidId));
      const largest = pathKey(b.risk.largestContributor);
      const total = toDrawNumber(b.risk.residual);
      this.h2(`${b.bidderName} (${b.bidId}) — ${t.residualRisk} = ${formatRisk(b.risk.residualFraction ?? b.risk.residual, lang)}`);
      const num = (v: string | undefined): Cell => ({ text: v === undefined ? '–' : formatRisk(v, lang), align: 'right' });
      this.push({
        kind: 'table',
        fontSize: 7,
        headerFontSize: 6.5,
        columns: [
          { header: t.node, width: 19.8 },
          { header: t.countryShort, width: 5.1 },
          { header: t.goods, width: 11.9 },
          { header: 'cr', width: 6.5, align: 'right' },
          { header: 'pr', width: 6.5, align: 'right' },
          { header: 'ir', width: 6.5, align: 'right' },
          { header: 'm', width: 6.5, align: 'right' },
          { header: 'rr', width: 6.5, align: 'right' },
          { header: t.share, width: 8.1, align: 'right' },
          { header: t.ownShare, width: 10.7, align: 'right' },
          { header: t.contribution, width: 11.9, align: 'right' },
        ],
        rows: nodes.map((n) => {
          const r = n.risk;
          const isLargest = pathKey(n.path) === largest;
          const contribution = r ? toDrawNumber(r.contribution) : 0;
          return {
            fill: isLargest ? '#fdecea' : undefined,
            cells: [
              { text: n.path[n.path.length - 1], indent: n.depth, bold: isLargest },
              n.country ?? { text: t.undisclosed, color: COLORS.verify },
              n.goods.join(', ') || '–',
              num(r?.countryRisk),
              num(r?.productRisk),
              num(r?.inherent),
              num(r?.mitigation),
              num(r?.residualFraction ?? r?.residual),
              { text: `${formatDecimal(n.sharePercent, 2, lang)} %`, align: 'right' },
              { text: r ? formatShare(r.ownShare, lang) : '–', align: 'right' },
              {
                text: r ? formatRisk(r.contributionFraction ?? r.contribution, lang) : '–',
                align: 'right',
                bold: isLargest,
                bar: { fraction: total > 0 ? contribution / total : 0, color: DEPTH_COLORS[n.depth % DEPTH_COLORS.length] },
              },
            ],
          };
        }),
      });
      const largestNode = b.risk.nodes.find((n) => pathKey(n.path) === largest);
      if (largestNode) {
        this.para(
          `${t.largestContributor}${t.colon}${pathText(largestNode.path)} — ${formatRisk(largestNode.contributionFraction ?? largestNode.contribution, lang)} / R ${formatRisk(b.risk.residualFraction ?? b.risk.residual, lang)}`,
          8,
        );
      }
      const gaps = [...new Set(b.risk.nodes.flatMap((n) => n.dataGaps.map((g) => dataGapNote(g, lang))))];
      if (gaps.length > 0) this.para(`${t.dataGaps}${t.colon}${gaps.join('; ')}`, 7, COLORS.muted);
    }
  }

  private robustness(): void {
    const { t, m, lang } = this;
    const r = m.result;
    this.h1(t.secRobustness);
    this.h2(t.sensitivity);
    if (r.ranking.length < 2) this.para(t.robustnessNeedsTwo, 8.5);
    else {
      this.para(t.sensitivityIntro(this.bidderName(r.ranking[0]), this.bidderName(r.ranking[1])), 8);
      const weights = new Map(m.tender.criteria.map((c) => [c.code, c.weight]));
      this.push({
        kind: 'table',
        columns: [
          { header: t.criterion, width: 30 },
          { header: t.weight, width: 12, align: 'right' },
          { header: t.delta, width: 16, align: 'right' },
          { header: t.deltaExact, width: 24, align: 'right' },
          { header: t.swapWeight, width: 18, align: 'right' },
        ],
        rows: r.sensitivity.map((s) => ({
          cells: [
            this.criterionLabel(s.criterion),
            weights.has(s.criterion) ? formatPoints(weights.get(s.criterion)!, lang) : '–',
            s.delta === null ? { text: t.noSwap, color: COLORS.muted } : signed(s.deltaFraction ?? s.delta, 2, lang),
            s.deltaFraction ? formatFraction(s.deltaFraction, 2, lang) : '–',
            s.swapWeight === null ? '–' : formatPoints(s.swapWeightFraction ?? s.swapWeight, lang),
          ],
        })),
      });
      this.push({
        kind: 'barChart',
        title: t.chartSensitivity,
        axisMax: 100,
        ticks: [0, 20, 40, 60, 80, 100].map((v) => ({ value: v, label: String(v) })),
        legend: [
          { label: t.deltaNegative, color: COLORS.negative },
          { label: t.deltaPositive, color: COLORS.positive },
        ],
        rows: r.sensitivity.map((s) => {
          if (s.delta === null) return { label: this.criterionLabel(s.criterion), segments: [], valueText: '', emptyText: t.noSwap };
          const d = toDrawNumber(s.delta);
          return {
            label: this.criterionLabel(s.criterion),
            segments: [{ value: Math.abs(d), color: d < 0 ? COLORS.negative : COLORS.positive }],
            valueText: `${signed(s.deltaFraction ?? s.delta, 2, lang)} ${t.pp}`,
          };
        }),
      });
    }

    this.h2(t.iia);
    if (r.ranking.length < 2) this.para(t.robustnessNeedsTwo, 8.5);
    else if (r.iia.length === 0) this.para(t.iiaNone, 8.5);
    else for (const x of r.iia) this.para(t.iiaChange(this.bidderName(x.removedBidId), this.bidderName(x.winnerBidId)), 8.5, COLORS.verify);

    this.h2(t.effectivePriceWeight);
    if (!r.effectivePriceWeight) this.para(t.notApplicable, 8.5);
    else {
      this.para(t.epwIntro, 8);
      this.keyValues([
        [t.nominal, `${formatPoints(r.effectivePriceWeight.nominal, lang)} ${t.pp}`],
        [t.effective, `${formatPoints(r.effectivePriceWeight.effectiveFraction ?? r.effectivePriceWeight.effective, lang)} ${t.pp}`],
      ]);
    }
  }

  private award(): void {
    const { t, m, lang } = this;
    this.h1(t.secAward);
    const a = m.award;
    if (!a) {
      this.para(t.noAward, 8.5);
      return;
    }
    const rows: [string, string][] = [
      [t.procedure, label(t.enum.procedure, a.procedure)],
      [t.winner, `${a.bidderName} (${a.winnerBidId})`],
      [t.totalPrice, this.money(a.price)],
      [t.notifiedAt, this.dateTime(a.notifiedAt)],
      [t.appealDeadline, this.dateTime(a.appealDeadline)],
      [t.awardStatus, label(t.enum.awardStatus, a.status)],
    ];
    if (a.tieSettlement) rows.push([t.tieSettlement, `${a.tieSettlement.method} — ${a.tieSettlement.note}`]);
    this.keyValues(rows);
    this.h2(t.decisiveAdvantages);
    if (a.decisiveAdvantages.length === 0) this.para(t.none, 8.5);
    else {
      const runnerUp = m.result.ranking[1] ? this.bidderName(m.result.ranking[1]) : t.runnerUp;
      this.push({
        kind: 'table',
        columns: [
          { header: t.criterion, width: 40 },
          { header: `${t.points} — ${a.bidderName}`, width: 20, align: 'right' },
          { header: `${t.points} — ${runnerUp}`, width: 20, align: 'right' },
          { header: t.difference, width: 20, align: 'right' },
        ],
        rows: a.decisiveAdvantages.map((d) => ({
          cells: [
            this.criterionLabel(d.criterion),
            formatPoints(d.points, lang),
            formatPoints(d.runnerUpPoints, lang),
            { text: signed(d.difference, 2, lang), bold: true },
          ],
        })),
      });
    }
  }

  private declarations(): void {
    const { t, m } = this;
    this.h1(t.secDeclarations);
    if (m.declarations.length === 0) {
      this.para(t.noDeclarations, 8.5);
      return;
    }
    this.push({
      kind: 'table',
      columns: [
        { header: t.officer, width: 26 },
        { header: t.impartial, width: 12 },
        { header: t.interests, width: 42 },
        { header: t.declaredAt, width: 20 },
      ],
      rows: m.declarations.map((d) => ({
        cells: [
          d.officer,
          d.impartial ? { text: t.yes, color: COLORS.ok } : { text: t.no, color: COLORS.bad, bold: true },
          d.interests || '–',
          this.dateTime(d.declaredAt),
        ],
      })),
    });
  }
}

/** The report's blocks for a model and language. */
export function buildReportContent(model: ReportModel, lang: ReportLang): Block[] {
  return new ContentBuilder(model, lang).build();
}
