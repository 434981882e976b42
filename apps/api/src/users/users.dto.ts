import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@app/procedure';
import { literalEnum } from '../common/openapi';

const RoleEnum = literalEnum(ROLES);

export class CreateUserDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password!: string;

  @IsEnum(RoleEnum)
  @ApiProperty({ enum: RoleEnum, enumName: 'Role' })
  role!: Role;

  /** Required for OFFICER and AUDITOR; not allowed for ADMIN. */
  @IsOptional()
  @IsUUID()
  buyerId?: string;
}

export class UserDto {
  id!: string;
  email!: string;
  @ApiProperty({ enum: RoleEnum, enumName: 'Role' })
  role!: Role;
  buyerId!: string | null;
  active!: boolean;
  createdAt!: string;
}

export class ChangePasswordDto {
  /** The password in use now: a stolen token alone cannot change it. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;

  /** At least 12 characters and hard to guess (zxcvbn score ≥ 3); not the e-mail or its parts. */
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword!: string;
}

/** A fresh token after a password change: every token issued before it is revoked. */
export class PasswordChangedDto {
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn!: number;
}
