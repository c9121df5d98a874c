import { ApiProperty } from '@nestjs/swagger';
import { NAMES } from '../kiosk/kiosk.schemas';

/** The public wait-time answers, for OpenAPI only: what a municipal website may rely on. */
class EstimatedWaitDto {
  @ApiProperty({ description: 'Most likely wait for a ticket drawn now, minutes to the second (e.g. 4.25); round for display' }) minutes: number;
  @ApiProperty({ description: 'Lower end of the likely range, minutes to the second' }) low: number;
  @ApiProperty({ description: 'Upper end of the likely range, minutes to the second; at most 1: "about now"' }) high: number;
}

class ServiceWaitDto {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ example: 'passport' }) code: string;
  @ApiProperty(NAMES) names: Record<string, string>;
  @ApiProperty({ description: 'Tickets waiting now' }) waiting: number;
  @ApiProperty({ type: EstimatedWaitDto, nullable: true, description: 'null when no counter serving the service is open (no honest estimate)' }) estimatedWait: EstimatedWaitDto | null;
  @ApiProperty({ description: 'The waiting-time target, minutes' }) targetWaitMinutes: number;
}

class SiteRefDto {
  @ApiProperty({ example: 'aarhus-raadhus' }) slug: string;
  @ApiProperty({ example: 'Borgerservice Rådhuset' }) name: string;
  @ApiProperty({ example: 'Aarhus Kommune', nullable: true, type: String }) municipality: string | null;
}

export class SiteWaitTimesDto {
  @ApiProperty({ type: SiteRefDto }) site: SiteRefDto;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'Open now, by the opening hours' }) open: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When closed: when it next opens (within 14 days), else null' }) opensAt: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When open: when it next closes (hours running past midnight into the next day count as one stretch); null when closed, or open around the clock for the next 14 days',
  })
  closesAt: string | null;
  @ApiProperty({ type: [ServiceWaitDto] }) services: ServiceWaitDto[];
}

export class MunicipalityWaitTimesDto {
  @ApiProperty({ example: 'Aarhus Kommune' }) municipality: string;
  @ApiProperty({ type: [SiteWaitTimesDto], description: 'Every site of the municipality, by name' }) sites: SiteWaitTimesDto[];
}
