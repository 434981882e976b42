import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { Page } from '../common/paging';
import { AuditEventDto, AuditQueryDto, VerifyDto, VerifyQueryDto } from './audit.dto';
import { AuditTrailService } from './audit-trail.service';
import { ApiProblems, PageOf } from '../common/openapi';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  @Get()
  @Roles('AUDITOR', 'OFFICER', 'ADMIN')
  @ApiOperation({ summary: "Audit events of the caller's buyer (ADMIN: all), paged and filtered, oldest first by default" })
  @ApiOkResponse({ type: PageOf(AuditEventDto) })
  @ApiProblems('NOT_FOUND')
  list(@Auth() auth: AuthContext, @Query() q: AuditQueryDto): Promise<Page<AuditEventDto>> {
    return this.trail.list(auth, q);
  }

  @Get('verify')
  @Roles('AUDITOR', 'OFFICER', 'ADMIN')
  @ApiOperation({ summary: 'Recompute the hash chain (global, or one tender with ?tenderId=): {valid, count, headHash, firstBrokenSeq?}' })
  @ApiOkResponse({ type: VerifyDto })
  @ApiProblems('NOT_FOUND')
  verify(@Auth() auth: AuthContext, @Query() q: VerifyQueryDto): Promise<VerifyDto> {
    return this.trail.verify(auth, q.tenderId);
  }
}
