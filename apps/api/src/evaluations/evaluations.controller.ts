import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import type { Lang } from '@app/i18n';
import { IdPipe } from '../common/id.pipe';
import { RequestLang } from '../common/lang';
import { DeclarationDto, DeclarationOutDto, GradeDto, GradeOutDto } from './grading.dto';
import { GradingService } from './grading.service';
import { EvaluationDto, EvaluationsService } from './evaluations.service';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1')
export class EvaluationsController {
  constructor(
    private readonly grading: GradingService,
    private readonly evaluations: EvaluationsService,
  ) {}

  @Post('tenders/:id/declarations')
  @Roles('OFFICER')
  @ApiOperation({ summary: "The calling officer's impartiality declaration (VöB Art. 3): 201 new, 200 replacing an earlier one" })
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
  @Roles('OFFICER', 'AUDITOR')
  declarations(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<DeclarationOutDto[]> {
    return this.grading.declarations(auth, id);
  }

  @Put('tenders/:id/bids/:bidId/grades/:criterionCode')
  @Roles('OFFICER')
  @ApiOperation({ summary: "Grade a bid on a QUALITY criterion (0–5); the caller's own grade, replaced on repeat" })
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
  @Roles('OFFICER', 'AUDITOR')
  grades(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<GradeOutDto[]> {
    return this.grading.grades(auth, id);
  }

  @Post('tenders/:id/evaluations')
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Evaluate a CLOSED tender: findings, scores, risk, ranking, robustness; stored with its input snapshot and digests' })
  evaluate(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @RequestLang() lang: Lang): Promise<EvaluationDto> {
    return this.evaluations.create(auth, id, lang);
  }

  @Get('tenders/:id/evaluations')
  @Roles('OFFICER', 'AUDITOR')
  list(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @RequestLang() lang: Lang): Promise<EvaluationDto[]> {
    return this.evaluations.list(auth, id, lang);
  }

  @Get('evaluations/:id')
  @Roles('OFFICER', 'AUDITOR')
  get(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @RequestLang() lang: Lang): Promise<EvaluationDto> {
    return this.evaluations.get(auth, id, lang);
  }

  @Get('evaluations/:id/snapshot')
  @Roles('OFFICER', 'AUDITOR')
  @ApiOperation({ summary: "The evaluation's canonical snapshot (inputs, versions, results) as stored; its SHA-256 is the evaluation digest" })
  async snapshot(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const text = await this.evaluations.snapshot(auth, id);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return text;
  }

  @Post('evaluations/:id/replay')
  @Roles('OFFICER', 'AUDITOR')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute from the recorded inputs and compare digests; stores nothing' })
  replay(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string) {
    return this.evaluations.replay(auth, id);
  }
}
