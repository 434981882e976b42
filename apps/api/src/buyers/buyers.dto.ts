import { ArrayMaxSize, IsArray, IsISO31661Alpha2, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateBuyerDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  /** ISO 3166-1 alpha-2 */
  @IsISO31661Alpha2()
  country!: string;
}

export class UpdateBuyerDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  /** The buyer's public holidays (YYYY-MM-DD), used for the appeal deadline (Art. 56). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsISO8601({ strict: true }, { each: true })
  holidays?: string[];
}

export class BuyerDto {
  id!: string;
  name!: string;
  country!: string;
  holidays!: string[];
  createdAt!: string;
}
