import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@skranke/domain';

class TextsSchema {
  @ApiProperty() da: string;
  @ApiProperty() en: string;
}

class CatalogueRoleSchema {
  @ApiProperty({ enum: ROLES, description: 'The role as a plain role attribute or claim names it' }) id: Role;
  @ApiProperty({ description: 'Stable URI for OIO-BPP privileges and OS2rollekatalog' }) identifier: string;
  @ApiProperty({ type: TextsSchema }) name: TextsSchema;
  @ApiProperty({ type: TextsSchema }) description: TextsSchema;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Every role this one includes, itself first' }) implies: Role[];
}

class SystemSchema {
  @ApiProperty() identifier: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
}

class Os2SystemRoleSchema {
  @ApiProperty() identifier: string;
  @ApiProperty({ description: 'Danish' }) name: string;
  @ApiProperty({ description: 'Danish' }) description: string;
}

class Os2ItSystemSchema {
  @ApiProperty() identifier: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [Os2SystemRoleSchema] }) systemRoles: Os2SystemRoleSchema[];
}

export class RoleCatalogueSchema {
  @ApiProperty({ type: SystemSchema }) system: SystemSchema;
  @ApiProperty({ type: [CatalogueRoleSchema] }) roles: CatalogueRoleSchema[];
  @ApiProperty({ type: Os2ItSystemSchema }) os2rollekatalog: Os2ItSystemSchema;
}
