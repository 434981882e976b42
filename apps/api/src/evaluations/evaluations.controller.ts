import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext } from '../auth/auth-context';
import type { Lang } from '@app/i18n';
import { IdPipe } from '../common/id.pipe';
import { RequestLang } from '../common/lang';
import { DeclarationDto, DeclarationOutDto, GradeDto, GradeOutDto } from './grading.dto';
import { GradingService } from './grading.service';
import { EvaluationsService } from './evaluations.service';
import { EvaluationDto, ReplayDto } from './evaluation.dto';
import { Page, PageQueryDto } from '../common/paging';
import { ApiProblems, PageOf } from '../common/openapi';
import { Allow } from '../auth/access';
import { JsonTextInterceptor } from './json-text.interceptor';
import { EvaluationJobsService } from '../jobs/evaluation-jobs.service';
import { JobDto } from '../jobs/job.dto';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1')
// Evaluations are answered with the JSON text rendered with them (no re-serialising of megabytes).
@UseInterceptors(JsonTextInterceptor)
export class EvaluationsController {
  constructor(
    private readonly grading: GradingService,
    private readonly evaluations: EvaluationsService,
    private readonly evaluationJobs: EvaluationJobsService,
  ) {}

  @Post('tenders/:id/declarations')
  @Allow('declaration.submit')
  @ApiOperation({ summary: "The calling officer's impartiality declaration (VöB Art. 3): 201 new, 200 replacing an earlier one" })
  @ApiCreatedResponse({ type: DeclarationOutDto, description: 'A first declaration' })
  @ApiOkResponse({ type: DeclarationOutDto, description: 'Replaces the caller’s earlier declaration' })
  async declare(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @Body() dto: DeclarationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeclarationOutDto> {
    const r = await this.grading.declare(auth, id, dto);
    void reply.status(r.created ? 201 : 200);
    return r.body;
  }

  @Get('tenders/:id/declarations')
  @Allow('tender.read')
  @ApiOperation({ summary: "The officers' impartiality declarations on a tender, oldest first" })
  @ApiOkResponse({ type: PageOf(DeclarationOutDto) })
  declarations(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Query() q: PageQueryDto): Promise<Page<DeclarationOutDto>> {
    return this.grading.declarations(auth, id, q);
  }

  @Put('tenders/:id/bids/:bidId/grades/:criterionCode')
  @Allow('grade.submit')
  @ApiOperation({ summary: "Grade a bid on a QUALITY criterion (0–5); the caller's own grade, replaced on repeat" })
  @ApiProblems('NO_DECLARATION', 'CONFLICT_DECLARED', 'TENDER_NOT_DECIDABLE')
  grade(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @Param('bidId', IdPipe) bidId: string,
    @Param('criterionCode') criterionCode: string,
    @Body() dto: GradeDto,
  ): Promise<GradeOutDto> {
    return this.grading.grade(auth, id, bidId, criterionCode, dto);
  }

  @Get('tenders/:id/grades')
  @Allow('tender.read')
  @ApiOperation({ summary: 'Every grade given on the tender, by bid, criterion and evaluator' })
  @ApiOkResponse({ type: PageOf(GradeOutDto) })
  grades(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Query() q: PageQueryDto): Promise<Page<GradeOutDto>> {
    return this.grading.grades(auth, id, q);
  }

  @Post('tenders/:id/evaluations')
  @Allow('evaluation.run')
  @ApiOperation({ summary: 'Evaluate a CLOSED tender: findings, scores, risk, ranking, robustness; stored with its input snapshot and digests' })
  @ApiCreatedResponse({ type: EvaluationDto })
  @ApiAcceptedResponse({
    type: JobDto,
    description: 'A tender with at least EVALUATION_JOB_MIN_BIDS bids is evaluated as a job: poll Location (GET /api/v1/jobs/{id})',
    headers: { Location: { description: 'The job, /api/v1/jobs/{id}', schema: { type: 'string' } } },
  })
  @ApiProblems('TENDER_NOT_CLOSED', 'GRADING_INCOMPLETE', 'INVALID_INPUT', 'REFERENCE_DATA_MISSING')
  async evaluate(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @RequestLang() lang: Lang,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationDto | JobDto> {
    const r = await this.evaluationJobs.start(auth, id, lang);
    if (r.accepted) void reply.status(202).header('location', `/api/v1/jobs/${r.body.id}`);
    return r.body;
  }

  @Get('tenders/:id/evaluations')
  @Allow('tender.read')
  @ApiOperation({ summary: 'The evaluations of a tender, newest first' })
  @ApiOkResponse({ type: PageOf(EvaluationDto) })
  async list(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @Query() q: PageQueryDto,
    @RequestLang() lang: Lang,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const text = await this.evaluations.listJson(auth, id, q, lang);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return text;
  }

  @Get('evaluations/:id')
  @Allow('tender.read')
  @ApiOperation({ summary: 'One evaluation with every bid, finding, score and risk explanation' })
  @ApiOkResponse({ type: EvaluationDto })
  async get(
    @Auth() auth: AuthContext,
    @Param('id', IdPipe) id: string,
    @RequestLang() lang: Lang,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // The stored body, as text: JSON, never parsed and serialised again here.
    const text = await this.evaluations.getJson(auth, id, lang);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return text;
  }

  @Get('evaluations/:id/snapshot')
  @Allow('tender.read')
  @ApiOperation({ summary: "The evaluation's canonical snapshot (inputs, versions, results) as stored; its SHA-256 is the evaluation digest" })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'Canonical JSON (sorted keys), byte for byte as hashed', schema: { type: 'object', additionalProperties: true } })
  async snapshot(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const text = await this.evaluations.snapshot(auth, id);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return text;
  }

  @Post('evaluations/:id/replay')
  @Allow('evaluation.replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute from the recorded inputs and compare digests; stores nothing' })
  @ApiOkResponse({ type: ReplayDto })
  replay(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<ReplayDto> {
    return this.evaluations.replay(auth, id);
  }
}
