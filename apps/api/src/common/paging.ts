import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Beyond this the offset (page × pageSize) would leave the range the database's OFFSET and Prisma accept. */
export const MAX_PAGE = 1_000_000;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class PageQueryDto {
  /** 1-based page number (1–1,000,000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  /** Items per page (1–200, default 50). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageArgs(q: PageQueryDto): { skip: number; take: number; page: number; pageSize: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  return { skip: (page - 1) * pageSize, take: pageSize, page, pageSize };
}
