/**
 * Who may do what, decided in one function, deny by default.
 *
 * Every route names one permission; `decideAccess` checks the caller's role,
 * the buyer the target belongs to, the impartiality declaration (VöB Art. 3)
 * and the four-eyes principle. The API calls it twice: before the handler
 * (role only, no target yet) and inside the transaction that acts on the
 * target, once the target's row is read (and locked), so a declaration or a
 * proposal cannot change between the check and the act.
 */

export type Role = 'ADMIN' | 'OFFICER' | 'AUDITOR';
export const ROLES: readonly Role[] = ['ADMIN', 'OFFICER', 'AUDITOR'];

/** The caller, as far as access needs it. */
export interface Actor {
  userId: string;
  role: Role;
  /** The buyer an OFFICER or AUDITOR is confined to; null for ADMIN. */
  buyerId: string | null;
}

interface PermissionSpec {
  /** The roles that hold the permission. */
  roles: readonly Role[];
  /**
   * `buyer`: the target belongs to a buyer; an OFFICER/AUDITOR reaches only their own
   * buyer's (another buyer's target is "not found", so its existence is not disclosed);
   * an ADMIN holding the permission reaches every buyer's.
   * `global`: reference data and accounts, not owned by a buyer.
   */
  scope: 'buyer' | 'global';
  /** VöB Art. 3: the officer must have declared impartiality on the target's tender, without a conflict. */
  impartiality?: boolean;
  /** Four-eyes: the officer who proposed a decision cannot decide it. */
  fourEyes?: boolean;
  /** What the permission allows, in words (route table, docs/security.md). */
  description: string;
}

const OFFICER = ['OFFICER'] as const;
const READERS = ['OFFICER', 'AUDITOR'] as const;
const ADMIN = ['ADMIN'] as const;
const EVERYONE = ['ADMIN', 'OFFICER', 'AUDITOR'] as const;

/** The permission table: the one place a role gains or loses a right. */
export const PERMISSIONS = {
  'tender.read': { roles: READERS, scope: 'buyer', description: 'read a tender, its bids, evaluations, findings, decisions and reports' },
  'tender.manage': { roles: OFFICER, scope: 'buyer', description: 'create and change a tender, move it through its lifecycle' },
  'bid.submit': { roles: OFFICER, scope: 'buyer', description: 'record a bid received for a published tender' },
  'bidder.read': { roles: READERS, scope: 'buyer', description: "read the buyer's bidders" },
  'bidder.manage': { roles: OFFICER, scope: 'buyer', description: 'register a bidder' },
  'declaration.submit': { roles: OFFICER, scope: 'buyer', description: 'declare impartiality or a conflict of interest on a tender' },
  'evaluation.run': { roles: OFFICER, scope: 'buyer', description: 'evaluate a closed tender' },
  'evaluation.replay': { roles: READERS, scope: 'buyer', description: 'recompute a stored evaluation and compare' },
  'grade.submit': { roles: OFFICER, scope: 'buyer', impartiality: true, description: 'grade a bid on a qualitative criterion' },
  'finding.resolve': { roles: OFFICER, scope: 'buyer', impartiality: true, description: 'settle a VERIFY finding' },
  'exclusion.propose': { roles: OFFICER, scope: 'buyer', impartiality: true, description: 'propose an Art. 44 exclusion' },
  'exclusion.decide': {
    roles: OFFICER,
    scope: 'buyer',
    impartiality: true,
    fourEyes: true,
    description: 'confirm or reject an exclusion another officer proposed',
  },
  'award.decide': { roles: OFFICER, scope: 'buyer', impartiality: true, description: 'award the contract (or revoke an award)' },
  'job.read': {
    roles: EVERYONE,
    scope: 'buyer',
    description: "read a background job: one on the buyer's tender (as tender.read), a global one (dataset import) as reference.manage",
  },
  'alert.read': { roles: READERS, scope: 'buyer', description: 'read re-screening alerts' },
  'red-flag.read': { roles: READERS, scope: 'buyer', description: 'read procurement red flags' },
  'audit.read': { roles: EVERYONE, scope: 'buyer', description: 'read and verify the audit trail (ADMIN: all buyers)' },
  'audit.checkpoint': { roles: ['ADMIN', 'AUDITOR'], scope: 'global', description: 'read signed audit checkpoints and the key' },
  'buyer.read': { roles: EVERYONE, scope: 'buyer', description: 'read a buyer (OFFICER/AUDITOR: their own)' },
  'buyer.manage': { roles: ADMIN, scope: 'global', description: 'create, list and change buyers' },
  'user.manage': { roles: ADMIN, scope: 'global', description: 'create, list, deactivate and reactivate accounts' },
  'account.self': { roles: EVERYONE, scope: 'global', description: "change one's own password" },
  'criteria-template.read': { roles: ['ADMIN', 'OFFICER'], scope: 'global', description: 'read criteria templates' },
  'criteria-template.manage': { roles: ADMIN, scope: 'global', description: 'create and version criteria templates' },
  'reference.read': { roles: EVERYONE, scope: 'global', description: 'read public reference data (goods, CSV templates)' },
  'reference.manage': {
    roles: ADMIN,
    scope: 'global',
    description: 'manage risk datasets, the risk model, sanctions, sanctions lists and red-flag thresholds',
  },
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function permissionSpec(permission: Permission): PermissionSpec {
  return PERMISSIONS[permission];
}

/** The facts about the target that the permission's checks need; read inside the acting transaction. */
export interface AccessTarget {
  /** The buyer the target belongs to (a tender's, a bid's tender's, …). */
  buyerId: string | null;
  /** The caller's impartiality declaration on the target's tender: null when none was made. */
  declaration?: { impartial: boolean } | null;
  /** Who proposed the decision being decided (four-eyes). */
  proposedById?: string | null;
}

export type AccessRefusal =
  /** The role does not hold the permission. */
  | 'FORBIDDEN'
  /** Another buyer's target: answered as if it did not exist. */
  | 'NOT_FOUND'
  | 'NO_DECLARATION'
  | 'CONFLICT_DECLARED'
  | 'FOUR_EYES';

export type AccessDecision = { allowed: true } | { allowed: false; refusal: AccessRefusal; reason: string };

const ALLOWED: AccessDecision = { allowed: true };

/**
 * The one access decision. Without a target only the role is checked (the
 * route-level check); with a target, scope and the permission's gates too.
 * Anything not explicitly allowed is refused.
 */
export function decideAccess(actor: Actor, permission: Permission, target?: AccessTarget): AccessDecision {
  const spec: PermissionSpec | undefined = PERMISSIONS[permission];
  if (!spec) return { allowed: false, refusal: 'FORBIDDEN', reason: `unknown permission ${String(permission)}` };
  if (!spec.roles.includes(actor.role)) {
    return { allowed: false, refusal: 'FORBIDDEN', reason: `This action needs the role ${spec.roles.join(' or ')}; you are ${actor.role}` };
  }
  if (!target) return ALLOWED;
  if (spec.scope === 'buyer' && actor.role !== 'ADMIN') {
    if (!actor.buyerId || target.buyerId !== actor.buyerId) return { allowed: false, refusal: 'NOT_FOUND', reason: 'not found' };
  }
  if (spec.impartiality) {
    const d = target.declaration;
    if (!d) {
      return {
        allowed: false,
        refusal: 'NO_DECLARATION',
        reason: 'You have not declared your impartiality on this tender (VöB Art. 3): declare it before you act on the tender',
      };
    }
    if (!d.impartial) {
      return { allowed: false, refusal: 'CONFLICT_DECLARED', reason: 'You declared a conflict of interest on this tender (VöB Art. 3) and cannot act on it' };
    }
  }
  if (spec.fourEyes) {
    if (!target.proposedById || target.proposedById === actor.userId) {
      return {
        allowed: false,
        refusal: 'FOUR_EYES',
        reason: 'Four-eyes principle: the officer who proposed a decision cannot decide it; another officer decides',
      };
    }
  }
  return ALLOWED;
}
