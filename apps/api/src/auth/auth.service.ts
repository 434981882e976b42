import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UserRepository, type UserRow } from '../users/user.repository';
import { DomainError } from '../common/problem';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { TokenRequestDto, TokenResponseDto } from './auth.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issueToken(dto: TokenRequestDto): Promise<TokenResponseDto> {
    const user = await this.users.findByEmail(dto.email.toLowerCase());
    // Verify against a dummy hash for unknown accounts: same time, same answer.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash(this.config.passwordHashing)), dto.password);
    if (!user || !ok || !user.active) throw new DomainError('UNAUTHENTICATED', 'Unknown e-mail or wrong password');
    return this.tokenFor(user);
  }

  /** `tv` is the user's token version: a password change or deactivation bumps it, revoking every earlier token. */
  async tokenFor(user: Pick<UserRow, 'id' | 'role' | 'buyerId' | 'tokenVersion'>): Promise<TokenResponseDto> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, role: user.role, buyerId: user.buyerId, tv: user.tokenVersion },
      { algorithm: 'HS256', expiresIn: this.config.jwtExpiresInSeconds },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresInSeconds };
  }
}
