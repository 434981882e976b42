import { Module } from '@nestjs/common';
import { InteropController, RedFlagThresholdsController } from './interop.controller';
import { InteropService } from './interop.service';

/** Open data: the OCDS export and the red flags for integrity, with their thresholds (ADMIN). */
@Module({
  controllers: [InteropController, RedFlagThresholdsController],
  providers: [InteropService],
  exports: [InteropService],
})
export class InteropModule {}
