import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDto } from '../common/openapi';

export const JOB_KINDS = ['evaluation', 'report', 'dataset-import'] as const;
export const JOB_STATUS_VALUES = ['queued', 'running', 'succeeded', 'failed'] as const;
export const JOB_PHASES = ['queued', 'running', 'done'] as const;

export class JobProgressDto {
  /** queued (waiting for a worker), running (a worker has it), done (succeeded or failed). */
  @ApiProperty({ enum: JOB_PHASES, enumName: 'JobPhase' })
  phase!: (typeof JOB_PHASES)[number];
  /** 0 queued, 50 running, 100 done: the phases the service observes, not an estimate of the remaining time. */
  @ApiProperty({ minimum: 0, maximum: 100 })
  percent!: number;
}

/** A background job: a large evaluation, a report render or a dataset import; poll it until succeeded or failed. */
export class JobDto {
  id!: string;
  @ApiProperty({ enum: JOB_KINDS, enumName: 'JobKind' })
  kind!: (typeof JOB_KINDS)[number];
  @ApiProperty({ enum: JOB_STATUS_VALUES, enumName: 'JobStatus' })
  status!: (typeof JOB_STATUS_VALUES)[number];
  progress!: JobProgressDto;
  /** The tender the job works on; null for dataset imports. */
  tenderId!: string | null;
  /** Attempts started so far (a crashed worker's job is retried). */
  attempts!: number;
  createdAt!: string;
  startedAt!: string | null;
  finishedAt!: string | null;
  /** Evaluation jobs, once succeeded: the evaluation created. */
  @ApiPropertyOptional({ format: 'uuid' })
  evaluationId?: string;
  /** Dataset imports, once succeeded: the dataset version stored. */
  @ApiPropertyOptional({ format: 'uuid' })
  datasetId?: string;
  /** Once succeeded: where the result is (also the Location header of this answer). */
  @ApiPropertyOptional({ example: '/api/v1/evaluations/8d3e…' })
  location?: string;
  /** Once failed: why, as the problem document (ProblemDto, with the route's own error members such as a file error's `line` and `column`) the synchronous request would have answered. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  problem?: ProblemDto;
}
