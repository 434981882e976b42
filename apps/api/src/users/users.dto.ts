import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Role } from '@generated/prisma';

export class CreateUserDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password!: string;

  @IsEnum(Role)
  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  /** Required for OFFICER and AUDITOR; not allowed for ADMIN. */
  @IsOptional()
  @IsUUID()
  buyerId?: string;
}

export class UserDto {
  id!: string;
  email!: string;
  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;
  buyerId!: string | null;
  active!: boolean;
  createdAt!: string;
}
