import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from './auth-context';
import { AuditService } from '../audit/audit.service';

/** Denied requests (403) are recorded in the audit trail as security events. */
@Injectable()
export class SecurityEvents {
  constructor(private readonly audit: AuditService) {}

  async denied(auth: AuthContext, req: FastifyRequest, reason: string, tenderId?: string | null): Promise<void> {
    await this.audit.appendStandalone({
      auth,
      action: 'security.denied',
      objectType: 'route',
      objectId: `${req.method} ${req.routeOptions?.url ?? req.url}`,
      tenderId: null,
      payload: { reason, path: req.url.split('?')[0], method: req.method, ...(tenderId ? { tenderId } : {}) },
    });
  }

  /** A gate (impartiality, four-eyes) refused an action; recorded in its own transaction so the refusal's rollback keeps it. */
  async deniedAction(auth: AuthContext, reason: string, tenderId: string | null): Promise<void> {
    await this.audit.appendStandalone({ auth, action: 'security.denied', objectType: 'gate', objectId: null, tenderId, payload: { reason } });
  }
}
