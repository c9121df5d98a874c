import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class StaffFiguresNoticeDto {
  @ApiProperty({ minLength: 20, maxLength: 500, description: 'Why the site uses per-person figures, as told to the staff (no CPR numbers)' })
  @IsString()
  @MaxLength(2000)
  purpose: string;
  @ApiProperty({ example: '2027-03-01', description: "The first day of per-person figures: at least 42 days after today (the site's calendar) for a new notice" })
  @IsString()
  @MaxLength(10)
  startsOn: string;
}

export class StaffFiguresNoticeSchema {
  @ApiProperty({ description: 'Per-person figures are shown today (startsOn has come)' }) on: boolean;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: '2027-03-01' }) startsOn: string;
  @ApiProperty({ example: '2027-01-18', description: 'The day this notice was given' }) noticeGivenOn: string;
}

export class ServiceNamesSchema {
  @ApiProperty() da: string;
  @ApiProperty() en: string;
  @ApiProperty() de: string;
}

export class StaffFiguresPeriodSchema {
  @ApiProperty({ example: '2027-03-01', description: 'The first day covered: the later of the asked from and the notice’s startsOn' }) from: string;
  @ApiProperty({ example: '2027-03-31' }) to: string;
  @ApiProperty({ example: '2027-03-01' }) startsOn: string;
  @ApiProperty() purpose: string;
}

export class OwnServiceFiguresSchema {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ type: ServiceNamesSchema }) names: ServiceNamesSchema;
  @ApiProperty({ description: 'Visits of this service the caller finished' }) served: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Mean minutes from call to finish (one decimal), visits finished within 10 s of the call left out' })
  handlingMeanMinutes: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'p90 of the same (nearest rank)' }) handlingP90Minutes: number | null;
}

export class OwnStaffFiguresSchema extends StaffFiguresPeriodSchema {
  @ApiProperty({ type: [OwnServiceFiguresSchema], description: 'Per service, sorted by Danish name' }) services: OwnServiceFiguresSchema[];
}

export class TeamFiguresSchema {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ type: ServiceNamesSchema }) names: ServiceNamesSchema;
  @ApiProperty({ description: 'false: fewer than five persons served this service in the period, so no figure is shown' }) shown: boolean;
  @ApiPropertyOptional({ enum: ['fewer_than_five_persons'] }) withheldBecause?: 'fewer_than_five_persons';
  @ApiPropertyOptional({ description: 'Distinct persons who served it (only when shown, so at least five)' }) persons?: number;
  @ApiPropertyOptional() served?: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) handlingMeanMinutes?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) handlingP90Minutes?: number | null;
}

export class TeamStaffFiguresSchema extends StaffFiguresPeriodSchema {
  @ApiProperty({ example: 5 }) minPersons: number;
  @ApiProperty({ type: [TeamFiguresSchema], description: 'One row per service of the site, sorted by Danish name (never by a figure)' }) teams: TeamFiguresSchema[];
}
