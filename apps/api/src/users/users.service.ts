import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type User } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { AuthService } from '../auth/auth.service';
import { CURRENT_PASSWORD_WRONG, Language, PASSWORD_SAME_AS_CURRENT } from '../auth/password-messages';
import { passwordStrengthErrors, userInputsOf } from '../auth/password-policy';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService, Tx } from '../database/prisma.service';
import { conflict, DomainError, invalid, notFound } from '../common/problem';
import { ChangePasswordDto, CreateUserDto, PasswordChangedDto, UserDto } from './users.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

export function toUserDto(u: User): UserDto {
  return { id: u.id, email: u.email, role: u.role, buyerId: u.buyerId, active: u.active, createdAt: u.createdAt.toISOString() };
}

/** 422 naming the field, with the estimator's feedback as codes next to the translated text. */
export function assertStrongPassword(field: string, password: string, email: string, lang: Language, extraInputs: string[] = []): void {
  const weak = passwordStrengthErrors(field, password, userInputsOf(email, extraInputs), lang);
  if (weak) throw new DomainError('VALIDATION_FAILED', 'The password is too weak', weak.errors, { passwordFeedback: weak.feedback });
}

@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(auth: AuthContext | null, dto: CreateUserDto, lang: Language = 'en'): Promise<UserDto> {
    if (dto.role === 'ADMIN' && dto.buyerId) throw invalid([{ field: 'buyerId', message: 'an ADMIN belongs to no buyer' }]);
    if (dto.role !== 'ADMIN' && !dto.buyerId) throw invalid([{ field: 'buyerId', message: `an ${dto.role} must belong to a buyer` }]);
    assertStrongPassword('password', dto.password, dto.email, lang);
    const passwordHash = await hashPassword(dto.password, this.config.passwordHashing);
    return this.prisma.transaction(async (tx) => {
      if (dto.buyerId && !(await tx.buyer.findUnique({ where: { id: dto.buyerId }, select: { id: true } }))) {
        throw invalid([{ field: 'buyerId', message: 'no buyer with this id' }]);
      }
      try {
        const user = await tx.user.create({ data: { email: dto.email.toLowerCase(), passwordHash, role: dto.role, buyerId: dto.buyerId ?? null } });
        await this.audit.append(tx, {
          auth,
          action: 'user.created',
          objectType: 'user',
          objectId: user.id,
          tenderId: null,
          buyerId: user.buyerId,
          payload: { email: user.email, role: user.role, buyerId: user.buyerId },
        });
        return toUserDto(user);
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw conflict('DUPLICATE', 'A user with this e-mail already exists');
        throw e;
      }
    });
  }

  async list(q: PageQueryDto): Promise<Page<UserDto>> {
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.user.findMany({ orderBy: { email: 'asc' }, skip: args.skip, take: args.take }),
      this.prisma.user.count(),
    ]);
    return pageOf(args, rows.map(toUserDto), total);
  }

  /**
   * The caller's own password. The current one is required, so a stolen token
   * alone cannot take over the account; every earlier token is revoked and a
   * fresh one returned.
   */
  async changePassword(auth: AuthContext, dto: ChangePasswordDto, lang: Language): Promise<PasswordChangedDto> {
    const user = await this.prisma.user.findUnique({ where: { id: auth.userId } });
    if (!user) throw notFound('User');
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw invalid([{ field: 'currentPassword', message: CURRENT_PASSWORD_WRONG[lang] }], 'The current password is wrong');
    }
    if (dto.newPassword === dto.currentPassword) throw invalid([{ field: 'newPassword', message: PASSWORD_SAME_AS_CURRENT[lang] }]);
    assertStrongPassword('newPassword', dto.newPassword, user.email, lang, [dto.currentPassword]);
    const passwordHash = await hashPassword(dto.newPassword, this.config.passwordHashing);
    const updated = await this.prisma.transaction(async (tx) => {
      // Conditional on the hash just verified: of two concurrent changes, one wins and the other answers 409.
      const { count } = await tx.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash, active: true },
        data: { passwordHash, tokenVersion: { increment: 1 } },
      });
      if (count !== 1) throw conflict('CONFLICT', 'The account changed meanwhile; log in again');
      await this.audit.append(tx, {
        auth,
        action: 'user.password_changed',
        objectType: 'user',
        objectId: user.id,
        tenderId: null,
        buyerId: user.buyerId,
        payload: { tokensRevoked: true },
      });
      return tx.user.findUniqueOrThrow({ where: { id: user.id } });
    });
    return this.auth.tokenFor(updated);
  }

  /** A deactivated user cannot log in, and every token already issued stops working at once. */
  async deactivate(auth: AuthContext, id: string): Promise<UserDto> {
    if (id === auth.userId) throw conflict('SELF_DEACTIVATION', 'You cannot deactivate your own account', { reason: 'SELF_DEACTIVATION' });
    return this.prisma.transaction(async (tx) => {
      const user = await this.lockUser(tx, id);
      if (!user.active) throw conflict('ALREADY_INACTIVE', 'The user is already deactivated', { reason: 'ALREADY_INACTIVE' });
      if (user.role === 'ADMIN') {
        // Serialised on the admin rows, so two admins cannot deactivate each other at the same time.
        const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM app_user WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
        if (admins.length <= 1) throw conflict('LAST_ADMIN', 'The last active ADMIN cannot be deactivated', { reason: 'LAST_ADMIN' });
      }
      const updated = await tx.user.update({ where: { id }, data: { active: false, tokenVersion: { increment: 1 } } });
      await this.audit.append(tx, {
        auth,
        action: 'user.deactivated',
        objectType: 'user',
        objectId: id,
        tenderId: null,
        buyerId: user.buyerId,
        payload: { email: user.email, role: user.role, tokensRevoked: true },
      });
      return toUserDto(updated);
    });
  }

  async reactivate(auth: AuthContext, id: string): Promise<UserDto> {
    return this.prisma.transaction(async (tx) => {
      const user = await this.lockUser(tx, id);
      if (user.active) throw conflict('ALREADY_ACTIVE', 'The user is already active', { reason: 'ALREADY_ACTIVE' });
      const updated = await tx.user.update({ where: { id }, data: { active: true } });
      await this.audit.append(tx, {
        auth,
        action: 'user.reactivated',
        objectType: 'user',
        objectId: id,
        tenderId: null,
        buyerId: user.buyerId,
        payload: { email: user.email, role: user.role },
      });
      return toUserDto(updated);
    });
  }

  private async lockUser(tx: Tx, id: string): Promise<User> {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM app_user WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound('User');
    return tx.user.findUniqueOrThrow({ where: { id } });
  }
}
