import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@skranke/domain';

/** Staff as the configuration answers them (for the pages' generated API types). */
export class SiteRoleSchema {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class UserSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'false: deactivated (kept for history, cannot log in)' }) active: boolean;
  @ApiProperty({ type: [SiteRoleSchema], description: 'Roles at the sites the caller administers' }) roles: SiteRoleSchema[];
  @ApiProperty({ type: [String], description: 'Municipalities the user administers' }) municipalityAdmin: string[];
}

export class ListedUserSchema extends UserSchema {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when wrong passwords lock the login (POST /users/{userId}/unlock lifts it); null: not locked, or not known while Redis is unreachable',
  })
  loginLockedUntil: string | null;
}

export class UnlockedUserSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ description: 'Whether wrong passwords had locked the login' }) wasLocked: boolean;
}
