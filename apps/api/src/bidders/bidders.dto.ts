import { Type } from 'class-transformer';
import { IsISO31661Alpha2, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/paging';

export class IdentifiersDto {
  /** Swiss UID, e.g. CHE-123.456.789 */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  uid?: string;

  /** Legal Entity Identifier (20 characters) */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  lei?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  vat?: string;
}

export class CreateBidderDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @IsISO31661Alpha2()
  country!: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IdentifiersDto)
  identifiers?: IdentifiersDto;
}

export class BidderQueryDto extends PageQueryDto {
  /** Case-insensitive part of the name. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;
}

export class BidderDto {
  id!: string;
  name!: string;
  country!: string;
  identifiers!: { uid: string | null; lei: string | null; vat: string | null };
  createdAt!: string;
}
