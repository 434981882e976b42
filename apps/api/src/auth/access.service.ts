import { Injectable } from '@nestjs/common';
import { decideAccess, type AccessRefusal, type Permission, permissionSpec } from '@app/procedure';
import { DomainError, notFound } from '../common/problem';
import type { AuthContext } from './auth-context';
import { AccessRepository } from './access.repository';
import { SecurityEvents } from './security-events';

/** The target of an action, as the service read it (and locked it) inside its transaction. */
export interface Target {
  /** The buyer that owns the target; null for global objects. */
  buyerId: string | null;
  /** The tender the target belongs to: needed by permissions with the impartiality gate. */
  tenderId?: string;
  /** The proposer of the decision being decided (four-eyes). */
  proposedById?: string | null;
  /** What to call the target in a 404 ("Tender", "Bid", …). */
  label: string;
}

/**
 * requireAccess: the one access decision on a target, deny by default.
 * Call it inside the transaction that acts on the target, after reading the
 * target: the declaration is read in that same transaction. A refusal of a
 * gate is recorded as a security event in a transaction of its own (it
 * survives the rollback of the refused one).
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly repo: AccessRepository,
    private readonly security: SecurityEvents,
  ) {}

  async require(actor: AuthContext, permission: Permission, target: Target): Promise<void> {
    const spec = permissionSpec(permission);
    const declaration = spec.impartiality && target.tenderId && actor.role === 'OFFICER' ? await this.repo.declaration(target.tenderId, actor.userId) : null;
    const decision = decideAccess(actor, permission, { buyerId: target.buyerId, declaration, proposedById: target.proposedById });
    if (decision.allowed) return;
    if (decision.refusal === 'NOT_FOUND') throw notFound(target.label);
    const reason =
      decision.refusal === 'NO_DECLARATION' && target.tenderId ? `${decision.reason} (POST /api/v1/tenders/${target.tenderId}/declarations)` : decision.reason;
    await this.security.deniedAction(actor, `${GATE[decision.refusal]}: ${reason}`, target.tenderId ?? null);
    throw new DomainError(decision.refusal, reason);
  }
}

const GATE: Record<Exclude<AccessRefusal, 'NOT_FOUND'>, string> = {
  FORBIDDEN: 'role',
  NO_DECLARATION: 'impartiality',
  CONFLICT_DECLARED: 'impartiality',
  FOUR_EYES: 'four-eyes',
};
