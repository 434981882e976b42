import { ArrayMaxSize, IsArray, IsISO31661Alpha2, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDay } from '../common/calendar-day';

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

  /** The buyer's public holidays, used for the appeal deadline (Art. 56). Each: calendar date: YYYY-MM-DD, or a date-time with offset standing for its day in Europe/Zurich; answered as YYYY-MM-DD. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsCalendarDay({ each: true })
  holidays?: string[];
}

export class BuyerDto {
  id!: string;
  name!: string;
  country!: string;
  holidays!: string[];
  createdAt!: string;
}
