import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/paging';

export class GoodsQueryDto extends PageQueryDto {
  /** Part of the name, case-insensitive ("cot" finds Cotton). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class GoodDto {
  /** The good as the active goods list names it: what a bid's `goods` should say for the list to match. */
  name!: string;
  /** ISO alpha-2 of the countries the list records it for, sorted. */
  countries!: string[];
  /** Listed for forced labour in at least one country. */
  forcedLabour!: boolean;
  /** Listed for child labour in at least one country. */
  childLabour!: boolean;
}

export class GoodsPageDto {
  @ApiProperty({ type: [GoodDto] })
  items!: GoodDto[];
  page!: number;
  pageSize!: number;
  total!: number;
  /** Version of the active GOODS_LIST dataset the names come from; null when none is active. */
  @ApiProperty({ type: Number, nullable: true })
  datasetVersion!: number | null;
}
