import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { CreateUserDto, UserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('ADMIN')
  create(@Auth() auth: AuthContext, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(auth, dto);
  }

  @Get()
  @Roles('ADMIN')
  list(): Promise<UserDto[]> {
    return this.users.list();
  }
}
