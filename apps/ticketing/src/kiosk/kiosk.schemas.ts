import { ApiProperty } from '@nestjs/swagger';
import { WaitEstimateSchema } from '@skranke/core';

/** Names per language ({ da, en, de }) as OpenAPI sees them: an object of strings. */
export const NAMES = { type: 'object', additionalProperties: { type: 'string' }, example: { da: 'Pas', en: 'Passport', de: 'Reisepass' } } as const;

class KioskSiteSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) municipality: string | null;
}

export class KioskBrandingSchema {
  @ApiProperty({ type: String, nullable: true, description: 'https address or data:image/svg+xml|png URI of the site’s logo' }) logo: string | null;
  @ApiProperty({ type: String, nullable: true, example: '#00557a', description: 'Button colour, #rrggbb (AA contrast with white)' }) primaryColor: string | null;
}

export class KioskServiceSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P' }) prefix: string;
  @ApiProperty(NAMES) names: Record<string, string>;
  @ApiProperty({ type: String, nullable: true }) group: string | null;
  @ApiProperty({ description: 'Tickets waiting now' }) waiting: number;
  @ApiProperty({ description: 'Whether a counter serving the service is open now' }) counterOpen: boolean;
  @ApiProperty({ type: WaitEstimateSchema, nullable: true, description: 'What a ticket drawn now would wait; null when no counter serving the service is open' })
  estimatedWait: WaitEstimateSchema | null;
  @ApiProperty({ description: 'A ticket drawn now would likely be reached before closing' }) reachedBeforeClose: boolean;
  @ApiProperty({ description: 'The service’s daily cap of tickets is reached' }) capReached: boolean;
}

class KioskAlternativeSchema {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true }) shortestWaitMinutes: number | null;
}

/** GET /kiosk/sites/:slug: the kiosk's start screen. */
export class KioskStartSchema {
  @ApiProperty({ type: KioskSiteSchema }) site: KioskSiteSchema;
  @ApiProperty() open: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: string | null;
  @ApiProperty({ type: String, nullable: true }) bookingUrl: string | null;
  @ApiProperty({ type: KioskBrandingSchema }) branding: KioskBrandingSchema;
  @ApiProperty({ type: [KioskServiceSchema] }) services: KioskServiceSchema[];
  @ApiProperty({ type: [KioskAlternativeSchema], description: 'Other open sites of the municipality, shortest wait first' }) alternatives: KioskAlternativeSchema[];
}
