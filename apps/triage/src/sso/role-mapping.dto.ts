import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ROLES, type Role } from '@skranke/domain';

export class RoleMappingEntryDto {
  @ApiProperty({ description: "A value of the roles claim (OIDC_ROLES_CLAIM) or SAML role attribute, matched exactly, e.g. an Entra app role's value", example: 'Skranke.Borgerservice.Skrankemedarbejder' })
  @IsString()
  @MinLength(1)
  @MaxLength(400)
  claim: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class RoleMappingDto {
  @ApiProperty({ type: [RoleMappingEntryDto], description: 'Every entry at the sites the caller administers (those at other sites stay as they are)' })
  @IsArray()
  @ArrayMaxSize(2000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RoleMappingEntryDto)
  entries: RoleMappingEntryDto[];
}
