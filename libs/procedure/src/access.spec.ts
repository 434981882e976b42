import { Actor, decideAccess, PERMISSION_NAMES, PERMISSIONS, ROLES } from './access';

const officer: Actor = { userId: 'u1', role: 'OFFICER', buyerId: 'b1' };
const auditor: Actor = { userId: 'u2', role: 'AUDITOR', buyerId: 'b1' };
const admin: Actor = { userId: 'u3', role: 'ADMIN', buyerId: null };

describe('decideAccess', () => {
  it('allows exactly the roles in the table, for every permission and role', () => {
    for (const p of PERMISSION_NAMES) {
      for (const role of ROLES) {
        const d = decideAccess({ userId: 'x', role, buyerId: role === 'ADMIN' ? null : 'b1' }, p);
        expect([p, role, d.allowed]).toEqual([p, role, (PERMISSIONS[p].roles as readonly string[]).includes(role)]);
      }
    }
  });

  it("hides another buyer's target as not found, and lets an admin holding the permission reach every buyer", () => {
    expect(decideAccess(officer, 'tender.read', { buyerId: 'b2' })).toMatchObject({ allowed: false, refusal: 'NOT_FOUND' });
    expect(decideAccess(auditor, 'tender.read', { buyerId: 'b2' })).toMatchObject({ allowed: false, refusal: 'NOT_FOUND' });
    expect(decideAccess(officer, 'tender.read', { buyerId: 'b1' })).toEqual({ allowed: true });
    expect(decideAccess(admin, 'audit.read', { buyerId: 'b2' })).toEqual({ allowed: true });
    // An admin does not hold tender.read at all.
    expect(decideAccess(admin, 'tender.read', { buyerId: 'b2' })).toMatchObject({ allowed: false, refusal: 'FORBIDDEN' });
  });

  it('refuses a user without a buyer on buyer-scoped targets', () => {
    expect(decideAccess({ userId: 'u', role: 'OFFICER', buyerId: null }, 'tender.read', { buyerId: 'b1' })).toMatchObject({ refusal: 'NOT_FOUND' });
  });

  it('needs an impartiality declaration without conflict where the permission says so', () => {
    expect(decideAccess(officer, 'grade.submit', { buyerId: 'b1' })).toMatchObject({ refusal: 'NO_DECLARATION' });
    expect(decideAccess(officer, 'grade.submit', { buyerId: 'b1', declaration: null })).toMatchObject({ refusal: 'NO_DECLARATION' });
    expect(decideAccess(officer, 'grade.submit', { buyerId: 'b1', declaration: { impartial: false } })).toMatchObject({ refusal: 'CONFLICT_DECLARED' });
    expect(decideAccess(officer, 'grade.submit', { buyerId: 'b1', declaration: { impartial: true } })).toEqual({ allowed: true });
    // Scope is checked before the declaration: another buyer's tender stays hidden.
    expect(decideAccess(officer, 'grade.submit', { buyerId: 'b2', declaration: { impartial: true } })).toMatchObject({ refusal: 'NOT_FOUND' });
  });

  it('keeps four eyes: the proposer cannot decide, a missing proposer is refused', () => {
    const declared = { buyerId: 'b1', declaration: { impartial: true } };
    expect(decideAccess(officer, 'exclusion.decide', { ...declared, proposedById: 'u1' })).toMatchObject({ refusal: 'FOUR_EYES' });
    expect(decideAccess(officer, 'exclusion.decide', declared)).toMatchObject({ refusal: 'FOUR_EYES' });
    expect(decideAccess(officer, 'exclusion.decide', { ...declared, proposedById: 'u9' })).toEqual({ allowed: true });
  });

  it('refuses an unknown permission (deny by default)', () => {
    expect(decideAccess(admin, 'no.such' as never)).toMatchObject({ allowed: false, refusal: 'FORBIDDEN' });
  });
});
