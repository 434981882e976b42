import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CRITERION_KINDS, PRICE_METHODS, type CriterionKind as CriterionKindName, type PriceMethod as PriceMethodName } from '@app/evaluation';
import { CriterionDto } from '../tenders/tenders.dto';

const CriterionKind = Object.fromEntries(CRITERION_KINDS.map((k) => [k, k])) as { [K in CriterionKindName]: K };
type CriterionKind = CriterionKindName;
const PriceMethod = Object.fromEntries(PRICE_METHODS.map((k) => [k, k])) as { [K in PriceMethodName]: K };
type PriceMethod = PriceMethodName;

/** POST and PUT body: the whole template (a PUT stores it as a new version). */
export class CriteriaTemplateBodyDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  /** As a tender's criteria: weights (decimal strings) sum to exactly 100. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

/** Stored as given: absent optional members stay absent, so the list is a valid `criteria` body again. */
export class TemplateCriterionDto {
  code!: string;
  name!: string;
  @ApiProperty({ enum: CriterionKind, enumName: 'CriterionKind' })
  kind!: CriterionKind;
  weight!: string;
  @ApiPropertyOptional({ enum: PriceMethod, enumName: 'PriceMethod' })
  priceMethod?: PriceMethod;
  span?: string;
}

export class TemplateVersionSummaryDto {
  version!: number;
  versionId!: string;
  name!: string;
  createdById!: string | null;
  createdAt!: string;
  /** Tenders that copied this version. */
  tenderCount!: number;
}

export class CriteriaTemplateDto {
  id!: string;
  /** Name of the latest version (or of the version asked for). */
  name!: string;
  version!: number;
  /** Id of this version; a tender created from the template records it as templateVersionId. */
  versionId!: string;
  criteria!: TemplateCriterionDto[];
  /** When the template was first created. */
  createdAt!: string;
  /** When this version was stored. */
  versionCreatedAt!: string;
  /** GET /criteria-templates/:id only: every version, oldest first. */
  versions?: TemplateVersionSummaryDto[];
}
