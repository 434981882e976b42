import { Global, Module } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditTrailService, AuditCheckpointService],
  exports: [AuditService, AuditTrailService, AuditCheckpointService],
})
export class AuditModule {}
