import { Global, Module } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditService } from './audit.service';
import { AuditRepository } from './audit.repository';
import { TendersModule } from '../tenders/tenders.module';

@Global()
@Module({
  imports: [TendersModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditTrailService, AuditCheckpointService],
  exports: [AuditRepository, AuditService, AuditTrailService, AuditCheckpointService],
})
export class AuditModule {}
