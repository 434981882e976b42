import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../auth/auth-context';
import { Page } from '../common/paging';
import { AuditEventDto, AuditQueryDto, CheckpointDto, CheckpointKeyDto, CheckpointVerifyDto, VerifyDto, VerifyQueryDto } from './audit.dto';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditTrailService } from './audit-trail.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Allow } from '../auth/access';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @Get()
  @Allow('audit.read')
  @ApiOperation({ summary: "Audit events of the caller's buyer (ADMIN: all), paged and filtered, oldest first by default" })
  @ApiOkResponse({ type: PageOf(AuditEventDto) })
  @ApiProblems('NOT_FOUND')
  list(@Auth() auth: AuthContext, @Query() q: AuditQueryDto): Promise<Page<AuditEventDto>> {
    return this.trail.list(auth, q);
  }

  @Get('verify')
  @Allow('audit.read')
  @ApiOperation({
    summary: 'Recompute every hash chain (the whole trail, or one tender with ?tenderId=): {valid, count, headHash, firstBrokenSeq?, chains?}',
  })
  @ApiOkResponse({ type: VerifyDto })
  @ApiProblems('NOT_FOUND')
  verify(@Auth() auth: AuthContext, @Query() q: VerifyQueryDto): Promise<VerifyDto> {
    return this.trail.verify(auth, q.tenderId);
  }

  @Post('verify')
  @Allow('audit.read')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'verifyAuditChainAgainstCheckpoint',
    summary: 'Recompute every chain and check that the trail still holds a signed checkpoint kept outside (detects deleted events and rewrites)',
  })
  @ApiOkResponse({ type: CheckpointVerifyDto })
  verifyAgainstCheckpoint(@Auth() auth: AuthContext, @Body() checkpoint: CheckpointDto): Promise<CheckpointVerifyDto> {
    return this.checkpoints.verifyAgainst(auth, checkpoint);
  }

  @Get('checkpoint')
  @Allow('audit.checkpoint')
  @ApiOperation({
    operationId: 'exportAuditCheckpoint',
    summary: 'A signed (Ed25519) v2 checkpoint {count, headSeq, headHash, chains, at} of the verified chain heads, to keep outside',
  })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiProblems('AUDIT_CHAIN_BROKEN')
  checkpoint(): Promise<CheckpointDto> {
    return this.checkpoints.current();
  }

  @Get('checkpoint-key')
  @Allow('audit.checkpoint')
  @ApiOperation({ operationId: 'auditCheckpointKey', summary: 'The public key (Ed25519, SPKI PEM) that verifies checkpoints, and its keyId' })
  @ApiOkResponse({ type: CheckpointKeyDto })
  checkpointKey(): CheckpointKeyDto {
    return this.checkpoints.key();
  }
}
