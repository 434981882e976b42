/**
 * Puts blocks on A4 pages with pdfkit: tables that break across pages with
 * their header repeated, vector bar charts, headings kept with what follows,
 * a table of contents and outline, and — once every page exists — running
 * headers and "x / y" footers with the snapshot digest.
 *
 * Every text is drawn with an explicit width and height, so pdfkit never adds
 * a page on its own: all page breaks are decided here, from measurements.
 */
import { type BarChartBlock, type Block, type Cell, type CellSpec, COLORS, type TableBlock } from './blocks';

export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 52, bottom: 50, left: 45, right: 45 };
const INDENT = 9;
const PAD = 2.5;
const UNBOUNDED = 1e6;

interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

export interface PageFurniture {
  /** Left of the running header (pages 2…). */
  header: string;
  /** Right of the running header. */
  headerRight: string;
  /** Left of every footer (the digest). */
  footer: string;
}

const spec = (c: Cell): CellSpec => (typeof c === 'string' ? { text: c } : c);

export class Layout {
  private y = MARGIN.top;
  private readonly left = MARGIN.left;
  private readonly width = PAGE.width - MARGIN.left - MARGIN.right;
  private readonly bottom = PAGE.height - MARGIN.bottom;
  private readonly sections: { text: string; page: number }[] = [];
  private toc: { page: number; y: number; title: string } | null = null;
  private page = 0;
  private readonly heights = new Map<string, number>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  static readonly pageOptions = {
    size: 'A4',
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
  };

  render(blocks: Block[]): void {
    blocks.forEach((b, i) => this.block(b, blocks, i));
  }

  // —— primitives ——————————————————————————————————————————————————————

  private font(s: TextStyle): void {
    this.doc
      .font(s.bold ? FONT_BOLD : FONT_REGULAR)
      .fontSize(s.size)
      .fillColor(s.color ?? COLORS.text);
  }

  private measure(text: string, width: number, s: TextStyle): number {
    // Tables repeat the same strings (marks, figures, headers on every page): measuring is pdfkit's costliest step.
    const key = `${s.bold ? 'B' : 'R'}${s.size}|${width}|${text}`;
    let h = this.heights.get(key);
    if (h === undefined) {
      // Font and size only: a colour change would write an operator into the page for nothing.
      this.doc.font(s.bold ? FONT_BOLD : FONT_REGULAR).fontSize(s.size);
      h = this.doc.heightOfString(text === '' ? ' ' : text, { width });
      this.heights.set(key, h);
    }
    return h;
  }

  private write(text: string, x: number, y: number, width: number, s: TextStyle, height = UNBOUNDED, ellipsis = false): void {
    if (text === '') return;
    this.font(s);
    this.doc.text(text, x, y, { width, height, align: s.align ?? 'left', ellipsis: ellipsis || undefined, lineGap: 0 });
  }

  /** One line, cut with an ellipsis when too long. */
  private writeLine(text: string, x: number, y: number, width: number, s: TextStyle): void {
    this.font(s);
    this.write(text, x, y, width, s, this.doc.currentLineHeight(true) + 0.5, true);
  }

  private newPage(): void {
    this.doc.addPage(Layout.pageOptions);
    this.page += 1;
    this.y = MARGIN.top;
  }

  private get atTop(): boolean {
    return this.y <= MARGIN.top + 0.01;
  }

  /** Start a new page unless `height` still fits below the current position. */
  private ensure(height: number): void {
    if (this.y + height > this.bottom && !this.atTop) this.newPage();
  }

  private rule(x1: number, x2: number, y: number, color: string, width = 0.5): void {
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  private fillRect(x: number, y: number, w: number, h: number, color: string): void {
    if (w <= 0 || h <= 0) return;
    this.doc.save().rect(x, y, w, h).fill(color).restore();
  }

  // —— blocks ——————————————————————————————————————————————————————————

  private block(b: Block, all: Block[], index: number): void {
    switch (b.kind) {
      case 'title':
        return this.title(b.text, b.subtitle);
      case 'heading':
        return this.heading(b.text, b.level, this.leadHeight(all, index + 1));
      case 'paragraph': {
        const s: TextStyle = { size: b.size ?? 9, color: b.color, bold: b.bold };
        const h = this.measure(b.text, this.width, s);
        this.ensure(h);
        this.write(b.text, this.left, this.y, this.width, s);
        this.y += h + 4;
        return;
      }
      case 'space':
        this.y = Math.min(this.y + b.height, this.bottom);
        return;
      case 'pageBreak':
        if (!this.atTop) this.newPage();
        return;
      case 'toc': {
        // Reserve one line per section that follows; the page numbers are known only at the end.
        const count = all.slice(index + 1).filter((x) => x.kind === 'heading' && x.level === 1).length;
        const height = 22 + count * 13;
        this.ensure(height);
        this.toc = { page: this.page, y: this.y, title: b.title };
        this.y += height;
        return;
      }
      case 'table':
        return this.table(b);
      case 'barChart':
        return this.barChart(b);
    }
  }

  private title(text: string, subtitle: string): void {
    this.fillRect(this.left, this.y, this.width, 3, COLORS.accent);
    this.y += 12;
    const s1: TextStyle = { size: 20, bold: true, color: COLORS.accent };
    const h1 = this.measure(text, this.width, s1);
    this.write(text, this.left, this.y, this.width, s1);
    this.y += h1 + 4;
    const s2: TextStyle = { size: 12, color: COLORS.text };
    const h2 = this.measure(subtitle, this.width, s2);
    this.write(subtitle, this.left, this.y, this.width, s2);
    this.y += h2 + 14;
  }

  private headingStyle(level: 1 | 2): TextStyle {
    return level === 1 ? { size: 13, bold: true, color: COLORS.accent } : { size: 10, bold: true, color: COLORS.text };
  }

  /**
   * The height that must follow a heading on the same page: the paragraphs
   * and sub-headings right after it plus the start of the next table or chart
   * (its header and first row), so that no heading is left alone at a page foot.
   */
  private leadHeight(all: Block[], from: number): number {
    let h = 0;
    for (let i = from; i < all.length; i++) {
      const b = all[i];
      if (b.kind === 'paragraph') h += this.measure(b.text, this.width, { size: b.size ?? 9, bold: b.bold }) + 4;
      else if (b.kind === 'heading') h += this.measure(b.text, this.width, this.headingStyle(b.level)) + (b.level === 1 ? 20 : 13);
      else if (b.kind === 'table') {
        const m = this.tableMetrics(b);
        h += m.headerHeight + (b.rows.length > 0 ? m.rowHeight(b.rows[0].cells) : 0);
        break;
      } else if (b.kind === 'barChart') {
        h += 60;
        break;
      } else break;
    }
    return Math.min(h, (this.bottom - MARGIN.top) / 2);
  }

  private heading(text: string, level: 1 | 2, lead: number): void {
    const s = this.headingStyle(level);
    const h = this.measure(text, this.width, s);
    const before = level === 1 ? 12 : 8;
    this.ensure(before + h + (level === 1 ? 8 : 5) + Math.max(lead, 20));
    if (!this.atTop) this.y += before;
    this.write(text, this.left, this.y, this.width, s);
    this.y += h + 2;
    if (level === 1) {
      this.rule(this.left, this.left + this.width, this.y, COLORS.accent, 0.8);
      this.y += 6;
      this.sections.push({ text, page: this.page });
      this.doc.outline.addItem(text);
    } else {
      this.y += 3;
    }
  }

  private tableMetrics(b: TableBlock) {
    const size = b.fontSize ?? 8;
    const headerSize = b.headerFontSize ?? size;
    const withHeader = b.header !== false;
    const total = b.columns.reduce((a, c) => a + c.width, 0);
    const widths = b.columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, w) => a + w, 0));
    const maxRow = this.bottom - MARGIN.top - 40;
    const styleOf = (c: CellSpec, col: number): TextStyle => ({
      size,
      bold: c.bold,
      color: c.color,
      align: c.align ?? b.columns[col].align ?? 'left',
    });
    const cellHeight = (c: CellSpec, w: number, s: TextStyle): number => {
      const inner = w - 2 * PAD - (c.indent ?? 0) * INDENT;
      return this.measure(c.text, Math.max(inner, 4), s) + 2 * PAD + (c.bar ? 5 : 0);
    };
    const rowHeight = (cells: Cell[]): number => Math.min(maxRow, Math.max(...cells.map((c, i) => cellHeight(spec(c), widths[i], styleOf(spec(c), i)))));
    const headerHeight = withHeader ? Math.max(...b.columns.map((c, i) => cellHeight({ text: c.header }, widths[i], { size: headerSize, bold: true }))) : 0;
    return { headerSize, withHeader, widths, xs, maxRow, styleOf, rowHeight, headerHeight };
  }

  private table(b: TableBlock): void {
    const { headerSize, withHeader, widths, xs, maxRow, styleOf, rowHeight, headerHeight } = this.tableMetrics(b);

    const drawHeader = (): void => {
      this.fillRect(this.left, this.y, this.width, headerHeight, COLORS.headerFill);
      b.columns.forEach((c, i) => {
        const s: TextStyle = { size: headerSize, bold: true, align: c.align ?? 'left' };
        this.write(c.header, xs[i] + PAD, this.y + PAD, widths[i] - 2 * PAD, s, headerHeight);
      });
      this.y += headerHeight;
      this.rule(this.left, this.left + this.width, this.y, COLORS.rule, 0.6);
    };

    this.ensure(headerHeight + (b.rows.length > 0 ? rowHeight(b.rows[0].cells) : 0));
    if (withHeader) drawHeader();
    b.rows.forEach((row, r) => {
      const h = rowHeight(row.cells);
      if (this.y + h > this.bottom) {
        this.newPage();
        if (withHeader) drawHeader();
      }
      const fill = row.fill ?? (b.zebra !== false && withHeader && r % 2 === 1 ? COLORS.zebra : undefined);
      if (fill) this.fillRect(this.left, this.y, this.width, h, fill);
      if (withHeader && row.groupStart && r > 0) this.rule(this.left, this.left + this.width, this.y, COLORS.rule, 0.8);
      row.cells.forEach((cell, i) => {
        const c = spec(cell);
        const indent = (c.indent ?? 0) * INDENT;
        const x = xs[i] + PAD + indent;
        const w = widths[i] - 2 * PAD - indent;
        const s = styleOf(c, i);
        const text = c.indent && c.indent > 0 ? `└ ${c.text}` : c.text;
        this.write(text, x, this.y + PAD, w, s, h - 2 * PAD - (c.bar ? 5 : 0), h >= maxRow);
        if (c.bar) {
          const bw = Math.max(0, Math.min(1, c.bar.fraction)) * (widths[i] - 2 * PAD);
          this.fillRect(xs[i] + widths[i] - PAD - bw, this.y + h - PAD - 3.5, bw, 3.5, c.bar.color);
        }
      });
      this.y += h;
      if (withHeader) this.rule(this.left, this.left + this.width, this.y, COLORS.grid, 0.3);
    });
    this.y += withHeader ? 8 : 4;
  }

  private barChart(c: BarChartBlock): void {
    const labelW = this.width * 0.3;
    const valueW = 64;
    const barX = this.left + labelW + 6;
    const barW = this.width - labelW - 6 - valueW;
    const rowH = 13;
    const barH = 8;
    const scale = (v: number): number => (c.axisMax > 0 ? (Math.max(0, v) / c.axisMax) * barW : 0);
    const titleStyle: TextStyle = { size: 9, bold: true };
    const tickStyle: TextStyle = { size: 6.5, color: COLORS.muted, align: 'center' };

    const legendHeight = (): number => {
      if (!c.legend || c.legend.length === 0) return 0;
      let x = 0;
      let lines = 1;
      for (const l of c.legend) {
        this.doc.font(FONT_REGULAR).fontSize(7);
        const w = 12 + this.doc.widthOfString(l.label) + 10;
        if (x + w > this.width && x > 0) {
          lines += 1;
          x = 0;
        }
        x += w;
      }
      return lines * 11 + 2;
    };
    const drawTop = (continued: boolean): void => {
      const title = continued ? `${c.title} ${'…'}` : c.title;
      this.writeLine(title, this.left, this.y, this.width, titleStyle);
      this.y += 14;
      if (c.legend && c.legend.length > 0) {
        let x = this.left;
        for (const l of c.legend) {
          this.doc.font(FONT_REGULAR).fontSize(7);
          const w = 12 + this.doc.widthOfString(l.label) + 10;
          if (x + w > this.left + this.width && x > this.left) {
            x = this.left;
            this.y += 11;
          }
          this.fillRect(x, this.y + 1.5, 8, 6, l.color);
          this.writeLine(l.label, x + 11, this.y, w - 11, { size: 7, color: COLORS.muted });
          x += w;
        }
        this.y += 13;
      }
      for (const t of c.ticks) {
        const x = barX + scale(t.value);
        this.writeLine(t.label, x - 20, this.y, 40, tickStyle);
      }
      this.y += 10;
      this.rule(barX, barX + barW, this.y, COLORS.rule, 0.5);
    };

    this.ensure(14 + legendHeight() + 10 + rowH * Math.min(3, Math.max(1, c.rows.length)));
    drawTop(false);
    for (const row of c.rows) {
      if (this.y + rowH > this.bottom) {
        this.newPage();
        drawTop(true);
      }
      // Grid and axis are drawn per row, so a chart split over pages stays complete on each.
      for (const t of c.ticks) {
        const x = barX + scale(t.value);
        this.doc
          .save()
          .lineWidth(0.3)
          .strokeColor(COLORS.grid)
          .moveTo(x, this.y)
          .lineTo(x, this.y + rowH)
          .stroke()
          .restore();
      }
      this.doc
        .save()
        .lineWidth(0.6)
        .strokeColor(COLORS.rule)
        .moveTo(barX, this.y)
        .lineTo(barX, this.y + rowH)
        .stroke()
        .restore();
      this.writeLine(row.label, this.left, this.y + 2.5, labelW, { size: 7.5 });
      const top = this.y + (rowH - barH) / 2;
      const sum = row.segments.reduce((a, s) => a + Math.max(0, s.value), 0);
      if (row.segments.length === 0 || sum <= 0) {
        if (row.emptyText) {
          this.doc
            .save()
            .lineWidth(0.5)
            .dash(2, { space: 2 })
            .strokeColor(COLORS.rule)
            .rect(barX + 0.5, top, barW - 1, barH)
            .stroke()
            .undash()
            .restore();
          this.writeLine(row.emptyText, barX, top + 0.5, barW, { size: 6.5, color: COLORS.muted, align: 'center' });
        }
        this.writeLine(row.valueText, barX + 3, this.y + 2.5, valueW + barW, { size: 7.5 });
      } else {
        let x = barX;
        for (const s of row.segments) {
          const w = scale(s.value);
          this.fillRect(x, top, w, barH, s.color);
          x += w;
          // A white seam keeps neighbouring segments of the same colour apart.
          if (w > 1)
            this.doc
              .save()
              .lineWidth(0.5)
              .strokeColor('#ffffff')
              .moveTo(x, top)
              .lineTo(x, top + barH)
              .stroke()
              .restore();
        }
        this.writeLine(row.valueText, Math.min(x, barX + barW) + 3, this.y + 2.5, valueW - 3, { size: 7.5, bold: true });
      }
      this.y += rowH;
    }
    this.y += 10;
  }

  // —— after all pages exist ————————————————————————————————————————————————

  /** Headers, "x / y" footers with the digest, and the table of contents. */
  finish(furniture: PageFurniture): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      if (i > 0) {
        this.writeLine(furniture.header, this.left, 24, this.width * 0.62, { size: 7, color: COLORS.muted });
        this.writeLine(furniture.headerRight, this.left + this.width * 0.62, 24, this.width * 0.38, {
          size: 7,
          color: COLORS.muted,
          align: 'right',
        });
        this.rule(this.left, this.left + this.width, 35, COLORS.rule, 0.4);
      }
      const fy = PAGE.height - 34;
      this.rule(this.left, this.left + this.width, fy - 5, COLORS.rule, 0.4);
      this.writeLine(furniture.footer, this.left, fy, this.width - 50, { size: 6.5, color: COLORS.muted });
      this.writeLine(`${i + 1} / ${count}`, this.left + this.width - 50, fy, 50, { size: 7.5, align: 'right' });
    }
    if (this.toc) {
      this.doc.switchToPage(start + this.toc.page);
      let y = this.toc.y;
      this.writeLine(this.toc.title, this.left, y, this.width, { size: 11, bold: true, color: COLORS.accent });
      y += 18;
      this.sections.forEach((s, i) => {
        this.writeLine(`${i + 1}. ${s.text}`, this.left, y, this.width - 40, { size: 9 });
        this.writeLine(String(s.page + 1), this.left + this.width - 40, y, 40, { size: 9, align: 'right' });
        this.rule(this.left, this.left + this.width, y + 11.5, COLORS.grid, 0.3);
        y += 13;
      });
    }
  }
}
