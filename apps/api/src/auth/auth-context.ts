import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@app/procedure';
import { Language, pickLanguage } from './password-messages';

/** Who is calling: passed explicitly to every service method. */
export interface AuthContext {
  userId: string;
  email: string;
  role: Role;
  /** Set for OFFICER and AUDITOR; their whole world is this buyer. */
  buyerId: string | null;
  requestId: string;
}

export const PUBLIC_KEY = 'tender:public';

/** A route open without authentication. Every other route names its permission with @Allow (./access.ts). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<{ auth?: AuthContext }>();
  if (!req.auth) throw new Error('Auth() used on a route without authentication');
  return req.auth;
});

/** The buyer an OFFICER/AUDITOR is confined to. */
export function buyerOf(auth: AuthContext): string {
  if (!auth.buyerId) throw new Error(`user ${auth.userId} (${auth.role}) has no buyer`);
  return auth.buyerId;
}

/** The caller's language (en, fr, de, it) from Accept-Language; English by default. */
export const AcceptLanguage = createParamDecorator((_: unknown, ctx: ExecutionContext): Language => {
  const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  return pickLanguage(req.headers['accept-language']);
});
