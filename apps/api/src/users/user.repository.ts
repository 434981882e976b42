import { Injectable } from '@nestjs/common';
import type { User } from '@generated/prisma';
import type { Role } from '@app/procedure';
import { Repository } from '../database/transaction';
import { isUniqueViolation } from '../database/database-errors';
import { conflict } from '../common/problem';

/** A user account as stored (the password hash included: never leaves the service). */
export type UserRow = User;

/** What the guard needs of the caller's account on every request: one primary-key read. */
export interface UserHead {
  id: string;
  email: string;
  role: Role;
  buyerId: string | null;
  active: boolean;
  tokenVersion: number;
}

export interface NewUser {
  email: string;
  passwordHash: string;
  role: Role;
  buyerId: string | null;
}

/**
 * The caller's row as a hot read's statement selects it beside its data (auth/caller-in-read.ts), from
 * `app_user u` joined on the caller's id; `callerHead` turns the columns back into a UserHead.
 */
export const CALLER_COLUMNS = `u.id::text AS "callerId", u.email AS "callerEmail", u.role::text AS "callerRole", u.buyer_id::text AS "callerBuyerId",
  u.active AS "callerActive", u.token_version AS "callerTokenVersion"`;

export interface CallerColumns {
  callerId: string | null;
  callerEmail: string;
  callerRole: Role;
  callerBuyerId: string | null;
  callerActive: boolean;
  callerTokenVersion: number;
}

export function callerHead(row: CallerColumns): UserHead | null {
  if (row.callerId === null) return null;
  return {
    id: row.callerId,
    email: row.callerEmail,
    role: row.callerRole,
    buyerId: row.callerBuyerId,
    active: row.callerActive,
    tokenVersion: row.callerTokenVersion,
  };
}

/** The guard's read on every request: on the pool directly (Repository.lean), planned once per connection. */
const HEAD = {
  name: 'user_head',
  text: `SELECT id::text AS id, email, role::text AS role, buyer_id::text AS "buyerId", active, token_version AS "tokenVersion"
           FROM app_user WHERE id = $1::uuid`,
};

/**
 * The user aggregate (accounts) and its locks: a user's row, and the active
 * ADMIN rows that the last-admin rule serialises on.
 */
@Injectable()
export class UserRepository extends Repository {
  async head(id: string): Promise<UserHead | null> {
    return (await this.lean<UserHead>(HEAD, id))[0] ?? null;
  }

  findById(id: string): Promise<UserRow | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  findByEmail(email: string): Promise<UserRow | null> {
    return this.db.user.findUnique({ where: { email } });
  }

  count(): Promise<number> {
    return this.db.user.count();
  }

  async buyerExists(buyerId: string): Promise<boolean> {
    return (await this.db.buyer.findUnique({ where: { id: buyerId }, select: { id: true } })) !== null;
  }

  /** 409 DUPLICATE when the e-mail is taken. */
  async create(data: NewUser): Promise<UserRow> {
    try {
      return await this.db.user.create({ data });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('DUPLICATE', 'A user with this e-mail already exists');
      throw e;
    }
  }

  async page(skip: number, take: number): Promise<{ rows: UserRow[]; total: number }> {
    const [rows, total] = await Promise.all([this.db.user.findMany({ orderBy: { email: 'asc' }, skip, take }), this.db.user.count()]);
    return { rows, total };
  }

  /** Locks the user's row (FOR UPDATE) and reads it; null when there is none. */
  async lock(id: string): Promise<UserRow | null> {
    const locked = await this.db.$queryRaw<{ id: string }[]>`SELECT id FROM app_user WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked.length) return null;
    return this.db.user.findUniqueOrThrow({ where: { id } });
  }

  /** Locks every active ADMIN row, so two admins cannot deactivate each other at once; returns how many there are. */
  async lockActiveAdmins(): Promise<number> {
    const admins = await this.db.$queryRaw<{ id: string }[]>`SELECT id FROM app_user WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
    return admins.length;
  }

  /**
   * Sets the password conditionally on the hash the caller verified, revoking earlier tokens;
   * null when the account changed meanwhile (of two concurrent changes, one wins).
   */
  async replacePassword(id: string, expectedHash: string, passwordHash: string): Promise<UserRow | null> {
    const { count } = await this.db.user.updateMany({
      where: { id, passwordHash: expectedHash, active: true },
      data: { passwordHash, tokenVersion: { increment: 1 } },
    });
    return count === 1 ? this.db.user.findUniqueOrThrow({ where: { id } }) : null;
  }

  deactivate(id: string): Promise<UserRow> {
    return this.db.user.update({ where: { id }, data: { active: false, tokenVersion: { increment: 1 } } });
  }

  reactivate(id: string): Promise<UserRow> {
    return this.db.user.update({ where: { id }, data: { active: true } });
  }
}
