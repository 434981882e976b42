import { createSecretKey } from 'node:crypto';
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
import { UserRepository } from '../users/user.repository';

/** Global: every module's services call AccessService.require. */
@Global()
@Module({
  imports: [
    // The HMAC key is imported once, at startup: given a string, jsonwebtoken re-imports it on every
    // verify (first trying it as a public key, which throws) — most of the guard's CPU (#12).
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => ({ secret: createSecretKey(Buffer.from(c.jwtSecret, 'utf8')) }) }),
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
  providers: [AuthService, SecurityEvents, AccessRepository, AccessService, UserRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SecurityEvents, AuthService, AccessService, UserRepository],
})
export class AuthModule {}
