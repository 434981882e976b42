import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptLanguage, Auth, AuthContext } from '../auth/auth-context';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import type { Language } from '../auth/password-messages';
import { IdPipe } from '../common/id.pipe';
import { ChangePasswordDto, CreateUserDto, PasswordChangedDto, UserDto } from './users.dto';
import { UsersService } from './users.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';
import { Allow } from '../auth/access';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Allow('user.manage')
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user (ADMIN); the password must be hard to guess (zxcvbn score ≥ 3)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems('DUPLICATE')
  create(@Auth() auth: AuthContext, @Body() dto: CreateUserDto, @AcceptLanguage() lang: Language): Promise<UserDto> {
    return this.users.create(auth, dto, lang);
  }

  @Get()
  @Allow('user.manage')
  @ApiOperation({ summary: 'Every user, by e-mail' })
  @ApiOkResponse({ type: PageOf(UserDto) })
  list(@Query() q: PageQueryDto): Promise<Page<UserDto>> {
    return this.users.list(q);
  }

  @Post('me/password')
  @Allow('account.self')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({
    operationId: 'changeOwnPassword',
    summary: "Change the caller's own password (the current one is required); revokes every earlier token and returns a fresh one",
  })
  @ApiOkResponse({ type: PasswordChangedDto })
  @ApiProblems('CONFLICT', 'RATE_LIMITED')
  changePassword(@Auth() auth: AuthContext, @Body() dto: ChangePasswordDto, @AcceptLanguage() lang: Language): Promise<PasswordChangedDto> {
    return this.users.changePassword(auth, dto, lang);
  }

  @Post(':id/deactivate')
  @Allow('user.manage')
  @HttpCode(200)
  @ApiOperation({ operationId: 'deactivateUser', summary: "Deactivate a user (ADMIN): no more logins, the user's tokens are revoked at once" })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems('SELF_DEACTIVATION', 'LAST_ADMIN', 'ALREADY_INACTIVE')
  deactivate(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<UserDto> {
    return this.users.deactivate(auth, id);
  }

  @Post(':id/reactivate')
  @Allow('user.manage')
  @HttpCode(200)
  @ApiOperation({ operationId: 'reactivateUser', summary: 'Reactivate a deactivated user (ADMIN); tokens revoked at deactivation stay revoked' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems('ALREADY_ACTIVE')
  reactivate(@Auth() auth: AuthContext, @Param('id', IdPipe) id: string): Promise<UserDto> {
    return this.users.reactivate(auth, id);
  }
}
