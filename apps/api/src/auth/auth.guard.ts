import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { Role } from '@generated/prisma';
import { PrismaService } from '../database/prisma.service';
import { DomainError } from '../common/problem';
import { AuthContext, PUBLIC_KEY, ROLES_KEY } from './auth-context';
import { SecurityEvents } from './security-events';

interface TokenClaims {
  sub: string;
  role: Role;
  buyerId: string | null;
  /** Token version at issue; absent in tokens issued before versions existed (read as 0). */
  tv?: number;
}

/**
 * The one authorization point, deny by default: a route must declare @Public()
 * or the roles allowed. Object-level scope (the buyer) is then part of every
 * service query.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly prisma: PrismaService,
    @Inject(SecurityEvents) private readonly security: SecurityEvents,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { auth?: AuthContext }>();

    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', 'Send Authorization: Bearer <token> (POST /api/v1/auth/token)');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1], { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
    }
    // The account may have been deactivated or changed since the token was issued: one primary-key read
    // (the same that loads role and buyer) also revokes tokens older than the user's token version.
    const user = await this.prisma.user.findUnique({
      where: { id: claims.sub },
      select: { id: true, email: true, role: true, buyerId: true, active: true, tokenVersion: true },
    });
    if (!user || !user.active) throw new DomainError('UNAUTHENTICATED', 'The account behind this token is not active');
    if ((claims.tv ?? 0) !== user.tokenVersion) {
      throw new DomainError('UNAUTHENTICATED', 'This token was revoked (password changed or account deactivated); log in again');
    }
    const auth: AuthContext = { userId: user.id, email: user.email, role: user.role, buyerId: user.buyerId, requestId: String(req.id) };
    req.auth = auth;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) {
      this.logger.error(`route ${req.method} ${req.routeOptions?.url} declares no roles: denied`);
      await this.security.denied(auth, req, 'route declares no roles');
      throw new DomainError('FORBIDDEN', 'This route is not open to any role');
    }
    if (!roles.includes(user.role)) {
      await this.security.denied(auth, req, `role ${user.role} not in ${roles.join(', ')}`);
      throw new DomainError('FORBIDDEN', `This action needs the role ${roles.join(' or ')}; you are ${user.role}`);
    }
    return true;
  }
}
