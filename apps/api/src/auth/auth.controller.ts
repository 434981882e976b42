import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './auth-context';
import { TokenRequestDto, TokenResponseDto } from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { ApiProblems } from '../common/openapi';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Exchange e-mail and password for a bearer token (rate-limited per address and e-mail)' })
  @ApiProblems('UNAUTHENTICATED', 'RATE_LIMITED')
  token(@Body() dto: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(dto);
  }
}
