import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { CreateUserDto, UserDto } from './users.dto';
import { UsersService } from './users.service';
import { ApiProblems, PageOf } from '../common/openapi';
import { Page, PageQueryDto } from '../common/paging';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a user: ADMIN, or OFFICER/AUDITOR of one buyer' })
  @ApiProblems('DUPLICATE')
  create(@Auth() auth: AuthContext, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(auth, dto);
  }

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Every user, by e-mail' })
  @ApiOkResponse({ type: PageOf(UserDto) })
  list(@Query() q: PageQueryDto): Promise<Page<UserDto>> {
    return this.users.list(q);
  }
}
