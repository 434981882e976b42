import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SecurityEvents } from './security-events';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';

/** Global: every module's services call AccessService.require. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => ({ secret: c.jwtSecret }) }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        throttlers: [
          { name: 'perAccount', ttl: c.loginRateLimit.ttlSeconds * 1000, limit: c.loginRateLimit.limit },
          {
            name: 'perAddress',
            ttl: c.loginRateLimit.ttlSeconds * 1000,
            limit: c.loginRateLimit.perAddressLimit,
            getTracker: (req: Record<string, unknown>) => String(req.ip),
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SecurityEvents, AccessRepository, AccessService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SecurityEvents, AuthService, AccessService],
})
export class AuthModule {}
