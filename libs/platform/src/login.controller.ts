import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { LoginService, Public } from '@skranke/auth';
import { NotFreeText } from './free-text';

class LoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) @NotFreeText() password: string;
}

@ApiTags('auth')
@Controller('auth')
export class LoginController {
  constructor(private readonly logins: LoginService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff login; the access token works on all three apps' })
  login(@Body() body: LoginDto) {
    return this.logins.login(body.username, body.password);
  }
}
