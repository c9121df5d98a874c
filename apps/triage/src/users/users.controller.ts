import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { ListedUserSchema, UnlockedUserSchema, UserSchema } from './users.schemas';
import { UsersService } from './users.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Access({ site: 'none', roles: ['admin'] })
  @ApiCreatedResponse({ type: UserSchema })
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserSchema> {
    return this.users.create(dto, actor);
  }

  @Get()
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOkResponse({ type: [ListedUserSchema] })
  list(@CurrentActor() actor: Actor): Promise<ListedUserSchema[]> {
    return this.users.list(actor);
  }

  @Patch(':userId')
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({ summary: 'Change a user; roles are replaced; active:false or a new password ends all their tokens and sockets at once' })
  @ApiOkResponse({ type: UserSchema })
  update(@Param('userId', ParseUUIDPipe) userId: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor): Promise<UserSchema> {
    return this.users.update(userId, dto, actor);
  }

  @Delete(':userId')
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({ summary: 'Deactivate a user (kept for history): their tokens and sockets stop at once' })
  @ApiOkResponse({ type: UserSchema })
  deactivate(@Param('userId', ParseUUIDPipe) userId: string, @CurrentActor() actor: Actor): Promise<UserSchema> {
    return this.users.deactivate(userId, actor);
  }

  @Post(':userId/unlock')
  @HttpCode(200)
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({ summary: 'Lifts the lock that wrong passwords put on a login (audited)' })
  @ApiOkResponse({ type: UnlockedUserSchema })
  unlock(@Param('userId', ParseUUIDPipe) userId: string, @CurrentActor() actor: Actor): Promise<UnlockedUserSchema> {
    return this.users.unlock(userId, actor);
  }
}
