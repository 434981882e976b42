import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { SecurityEvents } from '../auth/security-events';
import { PrismaService, Tx } from '../database/prisma.service';
import { forbidden } from '../common/problem';

/**
 * VöB Art. 3 gate: an officer without an impartiality declaration on a tender,
 * or with a declared conflict, cannot grade, resolve findings, decide
 * exclusions or award on it. Call it before opening the write transaction:
 * a refusal is recorded as a security event in a transaction of its own.
 */
@Injectable()
export class ImpartialityGate {
  constructor(
    private readonly prisma: PrismaService,
    private readonly security: SecurityEvents,
  ) {}

  async assert(db: Tx | PrismaService, auth: AuthContext, tenderId: string, action: string): Promise<void> {
    const d = await db.evaluatorDeclaration.findUnique({ where: { tenderId_userId: { tenderId, userId: auth.userId } } });
    const reason = !d
      ? `You have not declared your impartiality on this tender (VöB Art. 3): POST /api/v1/tenders/${tenderId}/declarations before you ${action}`
      : !d.impartial
        ? `You declared a conflict of interest on this tender (VöB Art. 3) and cannot ${action}`
        : null;
    if (reason) {
      await this.security.deniedAction(auth, `impartiality: ${reason}`, tenderId);
      throw forbidden(d ? 'CONFLICT_DECLARED' : 'NO_DECLARATION', reason);
    }
  }
}
