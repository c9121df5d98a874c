import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { CreateUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Access({ site: 'none', roles: ['admin'] })
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.users.create(dto, actor);
  }

  @Get()
  @Access({ site: 'none', roles: ['admin'] })
  list(@CurrentActor() actor: Actor) {
    return this.users.list(actor);
  }

  @Post(':userId/unlock')
  @HttpCode(200)
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({ summary: 'Lifts the lock that wrong passwords put on a login (audited)' })
  unlock(@Param('userId', ParseUUIDPipe) userId: string, @CurrentActor() actor: Actor) {
    return this.users.unlock(userId, actor);
  }
}
