import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../auth/auth-context';
import { expectedVersion } from '../common/etag';
import type { Lang } from '@app/i18n';
import { RequestLang } from '../common/lang';
import { IdPipe } from '../common/id.pipe';
import type { TenderDto } from '../tenders/tenders.dto';
import { AwardsService } from './awards.service';
import {
  AwardDto,
  CreateAwardDto,
  DecideExclusionDto,
  ExclusionDto,
  ExclusionsQueryDto,
  FindingDto,
  FindingsQueryDto,
  ProposeExclusionDto,
  ResolutionDto,
  ResolveFindingDto,
} from './decisions.dto';
import { ExclusionsService } from './exclusions.service';
import { FindingsService } from './findings.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';
import { Allow } from '../auth/access';

/**
 * Decisions (api.md "Decisions"): the software never excludes anyone; officers
 * decide, each decision recorded with actor, time, ground and reasons in the
 * audit trail in the same transaction as its effect.
 */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('api/v1')
export class DecisionsController {
  constructor(
    private readonly findings: FindingsService,
    private readonly exclusions: ExclusionsService,
    private readonly awards: AwardsService,
  ) {}

  @Get('tenders/:id/findings')
  @Allow('tender.read')
  @ApiOperation({ summary: 'Findings of the latest evaluation (or ?evaluationId=) with where each stands: resolution, exclusion decisions, open or not' })
  @ApiOkResponse({ type: PageOf(FindingDto) })
  listFindings(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Query() q: FindingsQueryDto, @RequestLang() lang: Lang): Promise<Page<FindingDto>> {
    return this.findings.list(auth, id, q, lang);
  }

  @Post('findings/:id/resolve')
  @Allow('finding.resolve')
  @ApiOperation({
    summary: "Resolve a VERIFY finding: the bidder's answer and the conclusion (ACCEPTED, or ESCALATED, which proposes an exclusion). 201 with the resolution",
  })
  @ApiProblems('NO_DECLARATION', 'CONFLICT_DECLARED', 'TENDER_NOT_DECIDABLE', 'NOT_A_VERIFY_FINDING', 'ALREADY_RESOLVED')
  resolve(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: ResolveFindingDto): Promise<ResolutionDto> {
    return this.findings.resolve(auth, id, dto);
  }

  @Post('tenders/:id/exclusions')
  @Allow('exclusion.propose')
  @ApiOperation({ summary: 'Propose an Art. 44 exclusion of a bid (ground, reasons, optional node path and finding); 201 PROPOSED' })
  @ApiProblems('NO_DECLARATION', 'CONFLICT_DECLARED', 'TENDER_NOT_DECIDABLE', 'FINDING_ALREADY_DECIDED')
  propose(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: ProposeExclusionDto): Promise<ExclusionDto> {
    return this.exclusions.propose(auth, id, dto);
  }

  @Get('tenders/:id/exclusions')
  @Allow('tender.read')
  @ApiOperation({ summary: 'Exclusion decisions of a tender (proposed, confirmed, rejected), oldest first' })
  @ApiOkResponse({ type: PageOf(ExclusionDto) })
  listExclusions(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Query() q: ExclusionsQueryDto): Promise<Page<ExclusionDto>> {
    return this.exclusions.list(auth, id, q);
  }

  @Get('exclusions/:id')
  @Allow('tender.read')
  @ApiOperation({ summary: 'One exclusion decision' })
  getExclusion(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<ExclusionDto> {
    return this.exclusions.get(auth, id);
  }

  @Post('exclusions/:id/confirm')
  @Allow('exclusion.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a proposed exclusion (another officer than the proposer: 403 otherwise); against the winner after the award it revokes the award',
  })
  @ApiProblems('NO_DECLARATION', 'CONFLICT_DECLARED', 'FOUR_EYES', 'TENDER_NOT_DECIDABLE', 'ALREADY_DECIDED')
  confirm(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: DecideExclusionDto = {}): Promise<ExclusionDto> {
    return this.exclusions.confirm(auth, id, dto ?? {});
  }

  @Post('exclusions/:id/reject')
  @Allow('exclusion.decide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a proposed exclusion (another officer than the proposer: 403 otherwise)' })
  @ApiProblems('NO_DECLARATION', 'CONFLICT_DECLARED', 'FOUR_EYES', 'TENDER_NOT_DECIDABLE', 'ALREADY_DECIDED')
  reject(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: DecideExclusionDto = {}): Promise<ExclusionDto> {
    return this.exclusions.reject(auth, id, dto ?? {});
  }

  @Post('tenders/:id/award')
  @Allow('award.decide')
  @ApiOperation({
    summary: 'Award from the latest evaluation with the Art. 51(3) reasons and the Art. 56 appeal deadline; 409 (reason named) while a decision is outstanding',
  })
  @ApiProblems(
    'NO_DECLARATION',
    'CONFLICT_DECLARED',
    'TENDER_NOT_CLOSED',
    'NOT_LATEST_EVALUATION',
    'STALE_EVALUATION',
    'NO_ADMISSIBLE_BID',
    'TIE_UNSETTLED',
    'OPEN_FINDINGS',
  )
  award(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: CreateAwardDto): Promise<AwardDto> {
    return this.awards.award(auth, id, dto);
  }

  @Get('tenders/:id/awards')
  @Allow('tender.read')
  @ApiOperation({ summary: 'Every award of the tender with its status (ACTIVE, REVOKED) and the revoking exclusion' })
  @ApiOkResponse({ type: PageOf(AwardDto) })
  listAwards(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Query() q: PageQueryDto): Promise<Page<AwardDto>> {
    return this.awards.list(auth, id, q);
  }

  @Post('tenders/:id/conclude')
  @Allow('tender.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the contract concluded: 409 before the appeal deadline of the active award' })
  @ApiHeader({ name: 'if-match', required: false, description: 'Optional ETag of the tender; 412 when it changed meanwhile' })
  @ApiProblems('INVALID_TRANSITION', 'NO_ACTIVE_AWARD', 'APPEAL_PERIOD_RUNNING', 'CONFLICT', 'PRECONDITION_FAILED')
  conclude(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.awards.conclude(auth, id, ifMatch ? expectedVersion(ifMatch) : undefined);
  }
}
