import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { AuthService } from '../auth/auth.service';
import { CURRENT_PASSWORD_WRONG, Language, PASSWORD_SAME_AS_CURRENT } from '../auth/password-messages';
import { passwordStrengthErrors, userInputsOf } from '../auth/password-policy';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactional } from '../database/transaction';
import { conflict, DomainError, invalid, notFound } from '../common/problem';
import { ChangePasswordDto, CreateUserDto, PasswordChangedDto, UserDto } from './users.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';
import { UserRepository, type UserRow } from './user.repository';

export function toUserDto(u: UserRow): UserDto {
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
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `auth` null: the bootstrap admin, the CLI and the demo seed (no caller to check). */
  async create(auth: AuthContext | null, dto: CreateUserDto, lang: Language = 'en'): Promise<UserDto> {
    if (dto.role === 'ADMIN' && dto.buyerId) throw invalid([{ field: 'buyerId', message: 'an ADMIN belongs to no buyer' }]);
    if (dto.role !== 'ADMIN' && !dto.buyerId) throw invalid([{ field: 'buyerId', message: `an ${dto.role} must belong to a buyer` }]);
    assertStrongPassword('password', dto.password, dto.email, lang);
    const passwordHash = await hashPassword(dto.password, this.config.passwordHashing);
    return this.insert(auth, dto, passwordHash);
  }

  @Transactional()
  private async insert(auth: AuthContext | null, dto: CreateUserDto, passwordHash: string): Promise<UserDto> {
    if (auth) await this.access.require(auth, 'user.manage', { buyerId: null, label: 'User' });
    if (dto.buyerId && !(await this.users.buyerExists(dto.buyerId))) throw invalid([{ field: 'buyerId', message: 'no buyer with this id' }]);
    const user = await this.users.create({ email: dto.email.toLowerCase(), passwordHash, role: dto.role, buyerId: dto.buyerId ?? null });
    await this.audit.record({
      auth,
      action: 'user.created',
      objectType: 'user',
      objectId: user.id,
      tenderId: null,
      buyerId: user.buyerId,
      payload: { email: user.email, role: user.role, buyerId: user.buyerId },
    });
    return toUserDto(user);
  }

  async list(q: PageQueryDto): Promise<Page<UserDto>> {
    const args = pageArgs(q);
    const { rows, total } = await this.users.page(args.skip, args.take);
    return pageOf(args, rows.map(toUserDto), total);
  }

  /**
   * The caller's own password. The current one is required, so a stolen token
   * alone cannot take over the account; every earlier token is revoked and a
   * fresh one returned.
   */
  async changePassword(auth: AuthContext, dto: ChangePasswordDto, lang: Language): Promise<PasswordChangedDto> {
    const user = await this.users.findById(auth.userId);
    if (!user) throw notFound('User');
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw invalid([{ field: 'currentPassword', message: CURRENT_PASSWORD_WRONG[lang] }], 'The current password is wrong');
    }
    if (dto.newPassword === dto.currentPassword) throw invalid([{ field: 'newPassword', message: PASSWORD_SAME_AS_CURRENT[lang] }]);
    assertStrongPassword('newPassword', dto.newPassword, user.email, lang, [dto.currentPassword]);
    const passwordHash = await hashPassword(dto.newPassword, this.config.passwordHashing);
    const updated = await this.replacePassword(auth, user, passwordHash);
    return this.auth.tokenFor(updated);
  }

  @Transactional()
  private async replacePassword(auth: AuthContext, user: UserRow, passwordHash: string): Promise<UserRow> {
    // Conditional on the hash just verified: of two concurrent changes, one wins and the other answers 409.
    const updated = await this.users.replacePassword(user.id, user.passwordHash, passwordHash);
    if (!updated) throw conflict('CONFLICT', 'The account changed meanwhile; log in again');
    await this.audit.record({
      auth,
      action: 'user.password_changed',
      objectType: 'user',
      objectId: user.id,
      tenderId: null,
      buyerId: user.buyerId,
      payload: { tokensRevoked: true },
    });
    return updated;
  }

  /** A deactivated user cannot log in, and every token already issued stops working at once. */
  @Transactional()
  async deactivate(auth: AuthContext, id: string): Promise<UserDto> {
    if (id === auth.userId) throw conflict('SELF_DEACTIVATION', 'You cannot deactivate your own account', { reason: 'SELF_DEACTIVATION' });
    const user = await this.lockUser(auth, id);
    if (!user.active) throw conflict('ALREADY_INACTIVE', 'The user is already deactivated', { reason: 'ALREADY_INACTIVE' });
    // Serialised on the admin rows, so two admins cannot deactivate each other at the same time.
    if (user.role === 'ADMIN' && (await this.users.lockActiveAdmins()) <= 1) {
      throw conflict('LAST_ADMIN', 'The last active ADMIN cannot be deactivated', { reason: 'LAST_ADMIN' });
    }
    const updated = await this.users.deactivate(id);
    await this.audit.record({
      auth,
      action: 'user.deactivated',
      objectType: 'user',
      objectId: id,
      tenderId: null,
      buyerId: user.buyerId,
      payload: { email: user.email, role: user.role, tokensRevoked: true },
    });
    return toUserDto(updated);
  }

  @Transactional()
  async reactivate(auth: AuthContext, id: string): Promise<UserDto> {
    const user = await this.lockUser(auth, id);
    if (user.active) throw conflict('ALREADY_ACTIVE', 'The user is already active', { reason: 'ALREADY_ACTIVE' });
    const updated = await this.users.reactivate(id);
    await this.audit.record({
      auth,
      action: 'user.reactivated',
      objectType: 'user',
      objectId: id,
      tenderId: null,
      buyerId: user.buyerId,
      payload: { email: user.email, role: user.role },
    });
    return toUserDto(updated);
  }

  private async lockUser(auth: AuthContext, id: string): Promise<UserRow> {
    const user = await this.users.lock(id);
    if (!user) throw notFound('User');
    await this.access.require(auth, 'user.manage', { buyerId: null, label: 'User' });
    return user;
  }
}
