import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { REPORT_LANGS, type ReportLang } from '@app/report';
import { Auth, AuthContext } from '../auth/auth-context';
import type { Lang } from '@app/i18n';
import { IdPipe } from '../common/id.pipe';
import { RequestLang } from '../common/lang';
import { JobDto } from '../jobs/job.dto';
import { ReportAnswer, ReportsService } from './reports.service';
import { Allow } from '../auth/access';

export class ReportQueryDto {
  /** en, fr, de or it; without it the language of `Accept-Language` (default en). */
  @ApiPropertyOptional({ enum: REPORT_LANGS, enumName: 'ReportLang' })
  @IsOptional()
  @IsIn(REPORT_LANGS as unknown as string[])
  lang?: ReportLang;
}

const PDF_RESPONSE = {
  description: 'The audit report; the same evaluation and language give the same bytes',
  content: { 'application/pdf': { schema: { type: 'string' as const, format: 'binary' } } },
  headers: {
    'X-Report-Digest': { description: "The evaluation's digest (SHA-256), also printed in the PDF", schema: { type: 'string' as const } },
    ETag: { description: 'Of the bytes', schema: { type: 'string' as const } },
  },
};

const RENDERING_RESPONSE = {
  content: { 'application/json': { schema: { $ref: getSchemaPath(JobDto) } } },
  description: 'Not rendered within REPORT_WAIT_SECONDS: the render job; poll Location (GET /api/v1/jobs/{id}), then download again',
  headers: { Location: { description: 'The render job, /api/v1/jobs/{id}', schema: { type: 'string' as const } } },
};

/** The PDF, or 202 with the render job while it takes longer than REPORT_WAIT_SECONDS. */
function send(reply: FastifyReply, answer: ReportAnswer): Buffer | JobDto {
  if (!answer.ready) {
    void reply.status(202).header('location', `/api/v1/jobs/${answer.job.id}`).header('content-type', 'application/json; charset=utf-8');
    return answer.job;
  }
  const r = answer.report;
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${r.filename}"`)
    .header('x-report-digest', r.digest)
    .header('etag', r.etag)
    .header('cache-control', 'private, no-store');
  return r.pdf;
}

@ApiTags('reports')
@ApiExtraModels(JobDto)
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('evaluations/:id/report.pdf')
  @Allow('tender.read')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Audit report of an evaluation (PDF); X-Report-Digest is the evaluation digest printed in every footer' })
  @ApiOkResponse(PDF_RESPONSE)
  @ApiAcceptedResponse(RENDERING_RESPONSE)
  async evaluationReport(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @Query() q: ReportQueryDto,
    @RequestLang() lang: Lang,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | JobDto> {
    return send(reply, await this.reports.forEvaluation(auth, id, q.lang ?? lang));
  }

  @Get('tenders/:id/report.pdf')
  @Allow('tender.read')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "Audit report of the tender's latest evaluation (PDF)" })
  @ApiOkResponse(PDF_RESPONSE)
  @ApiAcceptedResponse(RENDERING_RESPONSE)
  async tenderReport(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @Query() q: ReportQueryDto,
    @RequestLang() lang: Lang,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | JobDto> {
    return send(reply, await this.reports.forTender(auth, id, q.lang ?? lang));
  }
}
