import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
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
  @Roles('OFFICER', 'AUDITOR')
  @ApiOperation({ summary: 'Findings of the latest evaluation (or ?evaluationId=) with where each stands: resolution, exclusion decisions, open or not' })
  listFindings(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Query() q: FindingsQueryDto, @RequestLang() lang: Lang): Promise<FindingDto[]> {
    return this.findings.list(auth, id, q, lang);
  }

  @Post('findings/:id/resolve')
  @Roles('OFFICER')
  @ApiOperation({
    summary: "Resolve a VERIFY finding: the bidder's answer and the conclusion (ACCEPTED, or ESCALATED, which proposes an exclusion). 201 with the resolution",
  })
  resolve(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: ResolveFindingDto): Promise<ResolutionDto> {
    return this.findings.resolve(auth, id, dto);
  }

  @Post('tenders/:id/exclusions')
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Propose an Art. 44 exclusion of a bid (ground, reasons, optional node path and finding); 201 PROPOSED' })
  propose(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: ProposeExclusionDto): Promise<ExclusionDto> {
    return this.exclusions.propose(auth, id, dto);
  }

  @Get('tenders/:id/exclusions')
  @Roles('OFFICER', 'AUDITOR')
  listExclusions(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Query() q: ExclusionsQueryDto): Promise<ExclusionDto[]> {
    return this.exclusions.list(auth, id, q);
  }

  @Get('exclusions/:id')
  @Roles('OFFICER', 'AUDITOR')
  getExclusion(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<ExclusionDto> {
    return this.exclusions.get(auth, id);
  }

  @Post('exclusions/:id/confirm')
  @Roles('OFFICER')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a proposed exclusion (another officer than the proposer: 403 otherwise); against the winner after the award it revokes the award',
  })
  confirm(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: DecideExclusionDto = {}): Promise<ExclusionDto> {
    return this.exclusions.confirm(auth, id, dto ?? {});
  }

  @Post('exclusions/:id/reject')
  @Roles('OFFICER')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a proposed exclusion (another officer than the proposer: 403 otherwise)' })
  reject(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: DecideExclusionDto = {}): Promise<ExclusionDto> {
    return this.exclusions.reject(auth, id, dto ?? {});
  }

  @Post('tenders/:id/award')
  @Roles('OFFICER')
  @ApiOperation({
    summary: 'Award from the latest evaluation with the Art. 51(3) reasons and the Art. 56 appeal deadline; 409 (reason named) while a decision is outstanding',
  })
  award(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Body() dto: CreateAwardDto): Promise<AwardDto> {
    return this.awards.award(auth, id, dto);
  }

  @Get('tenders/:id/awards')
  @Roles('OFFICER', 'AUDITOR')
  @ApiOperation({ summary: 'Every award of the tender with its status (ACTIVE, REVOKED) and the revoking exclusion' })
  listAwards(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<AwardDto[]> {
    return this.awards.list(auth, id);
  }

  @Post('tenders/:id/conclude')
  @Roles('OFFICER')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the contract concluded: 409 before the appeal deadline of the active award' })
  conclude(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<TenderDto> {
    return this.awards.conclude(auth, id, ifMatch ? expectedVersion(ifMatch) : undefined);
  }
}
