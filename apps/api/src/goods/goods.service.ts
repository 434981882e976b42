import { Injectable } from '@nestjs/common';
import { GoodsRepository } from './goods.repository';
import { pageArgs } from '../common/paging';
import type { GoodDto, GoodsPageDto, GoodsQueryDto } from './goods.dto';

interface GoodsRow {
  iso2?: unknown;
  good?: unknown;
  forcedLabour?: unknown;
  childLabour?: unknown;
}

/**
 * The distinct goods of a goods-list dataset, matched as the engine matches
 * them (trimmed, case-insensitive), first spelling kept, sorted by name.
 */
export function goodsOf(rows: readonly GoodsRow[]): GoodDto[] {
  const byKey = new Map<string, GoodDto & { set: Set<string> }>();
  for (const r of rows) {
    if (typeof r.good !== 'string' || r.good.trim() === '') continue;
    const key = r.good.trim().toLowerCase();
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { name: r.good.trim(), countries: [], forcedLabour: false, childLabour: false, set: new Set() }));
    if (typeof r.iso2 === 'string') g.set.add(r.iso2);
    g.forcedLabour ||= r.forcedLabour === true;
    g.childLabour ||= r.childLabour === true;
  }
  return [...byKey.values()]
    .map(({ set, ...g }) => ({ ...g, countries: [...set].sort() }))
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
}

@Injectable()
export class GoodsService {
  constructor(private readonly goods: GoodsRepository) {}

  /** Known good names of the active goods list, so that officers write bids' goods the way the list does. */
  async list(q: GoodsQueryDto): Promise<GoodsPageDto> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const dataset = await this.goods.activeGoodsList();
    const needle = q.q?.trim().toLowerCase() ?? '';
    const all = goodsOf(Array.isArray(dataset?.rows) ? (dataset.rows as GoodsRow[]) : []).filter((g) => g.name.toLowerCase().includes(needle));
    return { items: all.slice(skip, skip + take), page, pageSize, total: all.length, datasetVersion: dataset?.version ?? null };
  }
}
