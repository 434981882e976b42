import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Beyond this the offset (page × pageSize) would leave the range the database's OFFSET and Prisma accept. */
export const MAX_PAGE = 1_000_000;
/** api.md "Collections": every collection is paged, 50 per page unless asked, at most 500. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** `?page=&pageSize=`: extend it (class XQueryDto extends PageQueryDto) for a collection's filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: '1-based page number', minimum: 1, maximum: MAX_PAGE, default: 1, type: 'integer' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ description: `Items per page (1–${MAX_PAGE_SIZE})`, minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, type: 'integer' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface PageArgs {
  skip: number;
  take: number;
  page: number;
  pageSize: number;
}

export function pageArgs(q: PageQueryDto = {}): PageArgs {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  return { skip: (page - 1) * pageSize, take: pageSize, page, pageSize };
}

/** A page from a query's rows (already skipped and taken) and the total count. */
export function pageOf<T>(args: PageArgs, items: T[], total: number): Page<T> {
  return { items, page: args.page, pageSize: args.pageSize, total };
}

/** A page cut from a list the service already holds in full (small, computed collections such as findings). */
export function pageFromList<T>(q: PageQueryDto, all: readonly T[]): Page<T> {
  const args = pageArgs(q);
  return pageOf(args, all.slice(args.skip, args.skip + args.take), all.length);
}
