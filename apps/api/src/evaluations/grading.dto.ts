import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class DeclarationDto {
  /** true: no conflict of interest; false: a conflict is declared (the officer is then barred from this tender). */
  @IsBoolean()
  impartial!: boolean;

  /** Interests that could create a conflict (VöB Art. 3), or an empty string. */
  @IsString()
  @MaxLength(5000)
  interests!: string;
}

export class DeclarationOutDto {
  id!: string;
  tenderId!: string;
  userId!: string;
  userEmail!: string;
  impartial!: boolean;
  interests!: string;
  declaredAt!: string;
}

export class GradeDto {
  /** Integer 0–5. */
  @IsInt()
  @Min(0)
  @Max(5)
  grade!: number;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export class GradeOutDto {
  bidId!: string;
  criterionCode!: string;
  evaluatorId!: string;
  evaluatorEmail!: string;
  grade!: number;
  comment!: string | null;
  updatedAt!: string;
}
