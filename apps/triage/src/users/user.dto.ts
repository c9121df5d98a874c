import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { ROLES, Role } from '@skranke/domain';
import { NotFreeText } from '@skranke/platform';

export class SiteRoleDto {
  @ApiProperty() @IsUUID() siteId: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class CreateUserDto {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9._-]{2,50}$/, { message: 'username must be 2-50 lowercase letters, digits, dot, dash or underscore' }) username: string;
  @ApiProperty() @IsString() @MinLength(8) @MaxLength(200) @NotFreeText() password: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) displayName: string;
  @ApiProperty({ type: [SiteRoleDto] }) @IsArray() @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => SiteRoleDto) roles: SiteRoleDto[];
  @ApiPropertyOptional({
    type: [String],
    example: ['Aarhus Kommune'],
    description:
      "Municipalities the user administers (admin of each of their sites, sites created later included; creates sites there). Compared by slug, so 'aarhus kommune' is 'Aarhus Kommune'. Only the installation's administrator, or the municipality's own administrator, may grant it (403 `municipality_forbidden`).",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(120, { each: true })
  municipalityAdmin?: string[];
}

/**
 * Each field validated exactly as on create (the same decorators); absent
 * means unchanged, null is refused (as on create). `roles` and
 * `municipalityAdmin` replace all the user's roles of that kind.
 */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false deactivates: every token and socket of the user stops at once' })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  active?: boolean;
}
