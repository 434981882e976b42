/**
 * The report as a list of blocks: what to say (content.ts) separated from where
 * to put it (layout.ts). Every string a block holds is final, already
 * translated and formatted, so the bare-pdfkit baseline of the benchmark can
 * write exactly the same text runs without any layout.
 */

export const COLORS = {
  text: '#1a1a1a',
  muted: '#5f6368',
  rule: '#b9bec6',
  grid: '#e3e6ea',
  headerFill: '#e8edf3',
  zebra: '#f6f7f9',
  accent: '#1f4e79',
  ok: '#1b7f3b',
  bad: '#c62828',
  verify: '#c77700',
  info: '#1f5fa8',
  positive: '#2f6db3',
  negative: '#d9822b',
} as const;

/** Criterion colours in the stacked totals chart (cycled). */
export const SERIES_COLORS = ['#2f6db3', '#7fb0e0', '#3b9a5b', '#d9a72b', '#8e5ea2', '#d9534f', '#6c7a89'];
/** Node colours in the risk chart and the per-node bars, by depth in the tree (cycled). */
export const DEPTH_COLORS = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#b279a2'];

export type Align = 'left' | 'right' | 'center';

export interface CellSpec {
  text: string;
  /** Indentation in levels (supply-chain depth). */
  indent?: number;
  bold?: boolean;
  color?: string;
  align?: Align;
  /** A small horizontal bar under the text: fraction 0–1 of the cell width. */
  bar?: { fraction: number; color: string };
}
export type Cell = string | CellSpec;

export interface Column {
  header: string;
  /** Relative width; the widths of a table are scaled to the content width. */
  width: number;
  align?: Align;
}

export interface Row {
  cells: Cell[];
  /** A stronger rule above the row (a new bid begins). */
  groupStart?: boolean;
  fill?: string;
}

export interface TableBlock {
  kind: 'table';
  columns: Column[];
  rows: Row[];
  fontSize?: number;
  headerFontSize?: number;
  /** false: no header row and no rules (key–value lists). */
  header?: boolean;
  zebra?: boolean;
}

export interface ChartSegment {
  /** Length on the axis (drawing only; the printed figure is valueText). */
  value: number;
  color: string;
}

export interface ChartRow {
  label: string;
  segments: ChartSegment[];
  valueText: string;
  /** Drawn instead of a bar when there is none (e.g. "no swap"). */
  emptyText?: string;
}

export interface BarChartBlock {
  kind: 'barChart';
  title: string;
  axisMax: number;
  ticks: { value: number; label: string }[];
  rows: ChartRow[];
  legend?: { label: string; color: string }[];
}

export type Block =
  | { kind: 'title'; text: string; subtitle: string }
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; size?: number; color?: string; bold?: boolean }
  | { kind: 'toc'; title: string }
  | { kind: 'space'; height: number }
  | { kind: 'pageBreak' }
  | TableBlock
  | BarChartBlock;

export function cellText(c: Cell): string {
  return typeof c === 'string' ? c : c.text;
}
