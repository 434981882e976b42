import { createSecretKey, type KeyObject } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { UserRepository } from '../users/user.repository';
import { DomainError } from '../common/problem';
import { decideAccess, type Permission, type Role } from '@app/procedure';
import { AuthContext, PUBLIC_KEY } from './auth-context';
import { PERMISSION_KEY } from './access';
import { SecurityEvents } from './security-events';
import { verifyHs256 } from './hs256';
import { CALLER_IN_READ, checkCallerRow, provisionalCaller } from './caller-in-read';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenClaims {
  sub: string;
  role: Role;
  buyerId: string | null;
  /** Token version at issue; absent in tokens issued before versions existed (read as 0). */
  tv?: number;
}

/**
 * Authentication, and the route-level half of access, deny by default: a route
 * must declare @Public() or the permission it needs (@Allow); the caller's role
 * must hold it. The target-level half is AccessService.require.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');
  /** The same key as JwtModule's (AuthModule), built once. */
  private readonly key: KeyObject;

  constructor(
    private readonly reflector: Reflector,
    private readonly users: UserRepository,
    @Inject(SecurityEvents) private readonly security: SecurityEvents,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { auth?: AuthContext }>();

    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', 'Send Authorization: Bearer <token> (POST /api/v1/auth/token)');
    // HS256 only, signature, nbf and exp: what jsonwebtoken's verify checked, without its per-call cost.
    const claims = verifyHs256(match[1], this.key) as TokenClaims | null;
    if (!claims) throw new DomainError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    const validSub = typeof claims.sub === 'string' && UUID.test(claims.sub);

    // A hot read that reads the caller's row in its own statement (@CallerInRead): the role the token names
    // is checked here, the row there (confirmCaller). Any other case takes the full path below.
    if (permission && validSub && this.reflector.getAllAndOverride<boolean>(CALLER_IN_READ, targets)) {
      const tokenVersion = claims.tv ?? 0;
      const buyerId = claims.buyerId ?? null;
      if (Number.isInteger(tokenVersion) && typeof claims.role === 'string' && (buyerId === null || typeof buyerId === 'string')) {
        const provisional = provisionalCaller({ sub: claims.sub, role: claims.role, buyerId, tokenVersion }, String(req.id));
        if (decideAccess(provisional, permission).allowed) {
          req.auth = provisional;
          return true;
        }
      }
    }

    // The account may have been deactivated or changed since the token was issued: one primary-key read
    // (the same that loads role and buyer) also revokes tokens older than the user's token version.
    const user = validSub ? await this.users.head(claims.sub) : null;
    checkCallerRow(user, claims.tv ?? 0);
    const auth: AuthContext = { userId: user.id, email: user.email, role: user.role, buyerId: user.buyerId, requestId: String(req.id) };
    req.auth = auth;

    if (!permission) {
      this.logger.error(`route ${req.method} ${req.routeOptions?.url} declares no permission: denied`);
      await this.security.denied(auth, req, 'route declares no permission');
      throw new DomainError('FORBIDDEN', 'This route is not open to any role');
    }
    // The role check; the target (buyer, impartiality, four-eyes) is checked by the service in its transaction.
    const decision = decideAccess(auth, permission);
    if (!decision.allowed) {
      await this.security.denied(auth, req, `${permission}: ${decision.reason}`);
      throw new DomainError('FORBIDDEN', decision.reason);
    }
    return true;
  }
}
