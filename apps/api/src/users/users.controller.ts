import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AcceptLanguage, Auth, AuthContext, Roles } from '../auth/auth-context';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import type { Language } from '../auth/password-messages';
import { IdPipe } from '../common/id.pipe';
import { ChangePasswordDto, CreateUserDto, PasswordChangedDto, UserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No, invalid, expired or revoked token' })
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user (ADMIN); the password must be hard to guess (zxcvbn score ≥ 3)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiUnprocessableEntityResponse({ description: 'Invalid fields, e.g. a weak password (with passwordFeedback)' })
  @ApiConflictResponse({ description: 'A user with this e-mail already exists' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateUserDto, @AcceptLanguage() lang: Language): Promise<UserDto> {
    return this.users.create(auth, dto, lang);
  }

  @Get()
  @Roles('ADMIN')
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post('me/password')
  @Roles('ADMIN', 'OFFICER', 'AUDITOR')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({
    operationId: 'changeOwnPassword',
    summary: "Change the caller's own password (the current one is required); revokes every earlier token and returns a fresh one",
  })
  @ApiOkResponse({ type: PasswordChangedDto })
  @ApiUnprocessableEntityResponse({ description: 'currentPassword wrong, or newPassword too weak (with passwordFeedback) or unchanged' })
  @ApiConflictResponse({ description: 'The account changed meanwhile' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account' })
  changePassword(@Auth() auth: AuthContext, @Body() dto: ChangePasswordDto, @AcceptLanguage() lang: Language): Promise<PasswordChangedDto> {
    return this.users.changePassword(auth, dto, lang);
  }

  @Post(':id/deactivate')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({ operationId: 'deactivateUser', summary: "Deactivate a user (ADMIN): no more logins, the user's tokens are revoked at once" })
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ description: 'Not an ADMIN' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'Already deactivated, the caller itself, or the last active ADMIN (reason)' })
  deactivate(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<UserDto> {
    return this.users.deactivate(auth, id);
  }

  @Post(':id/reactivate')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({ operationId: 'reactivateUser', summary: 'Reactivate a deactivated user (ADMIN); tokens revoked at deactivation stay revoked' })
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ description: 'Not an ADMIN' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'Already active' })
  reactivate(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<UserDto> {
    return this.users.reactivate(auth, id);
  }
}
