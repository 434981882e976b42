import { Module } from '@nestjs/common';
import { InteropController, RedFlagThresholdsController } from './interop.controller';
import { InteropService } from './interop.service';
import { InteropRepository } from './interop.repository';
import { ReferenceDataRepository } from '../admin/reference-data.repository';

/** Open data: the OCDS export and the red flags for integrity, with their thresholds (ADMIN). */
@Module({
  controllers: [InteropController, RedFlagThresholdsController],
  providers: [InteropService, InteropRepository, ReferenceDataRepository],
  exports: [InteropService],
})
export class InteropModule {}
