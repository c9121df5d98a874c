import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OpeningHours, OrderingSettings } from '@skranke/domain';
import type { SiteSettings } from './site-settings';

@Entity()
@Check('site_slug_format', `slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'`)
export class Site {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) slug: string;
  @Column({ type: 'text' }) name: string;
  /** Municipality the site belongs to; groups sites on the public wait-time widget. */
  @Column({ type: 'text', nullable: true }) municipality: string | null;
  @Column({ type: 'text' }) timezone: string;
  @Column({ type: 'jsonb' }) openingHours: OpeningHours;
  @Column({ type: 'jsonb' }) ordering: OrderingSettings;
  @Column({ type: 'jsonb', default: () => `'{}'` }) settings: Partial<SiteSettings>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
