import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { BookingService, Clock, bookingCalendar } from '@skranke/core';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { RateLimited, idempotencyKey } from '@skranke/platform';
import { NotifyMeService } from '../notify/notify-me.service';
import { answerIssued } from '../tickets/replayed';
import { BookAppointmentDto, MoveAppointmentDto } from './booking.dto';
import { AppointmentServiceSchema, BookingInfoSchema, BookingSchema, ManagedBookingSchema, SlotsSchema } from './booking.schemas';

/** The citizen's booking without a login: rate-limited per client (PUBLIC_RATE_LIMIT_PER_MINUTE). */
@ApiTags('public booking')
@Controller('public')
export class PublicBookingController {
  constructor(
    private readonly booking: BookingService,
    private readonly clock: Clock,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly notify: NotifyMeService,
  ) {}

  @Get('sites/:slug/booking')
  @Public()
  @RateLimited('booking', 'public')
  @ApiOperation({ summary: 'The site and its bookable services: what the booking page starts with' })
  @ApiOkResponse({ type: BookingInfoSchema })
  async info(@Param('slug') slug: string) {
    const site = await this.booking.siteBySlug(slug);
    // The reminder channels offered: configured by the operator and on for the site (as the ticket page's), no push.
    const contactChannels = this.notify.channels(site.settings).filter((c): c is 'sms' | 'email' => c !== 'push');
    return { site: { slug: site.slug, name: site.name, timezone: site.timezone }, services: await this.booking.bookableServices(site), contactChannels };
  }

  @Get('sites/:slug/appointment-services')
  @Public()
  @RateLimited('booking', 'public')
  @ApiOperation({ summary: 'The services that can be booked' })
  @ApiOkResponse({ type: [AppointmentServiceSchema] })
  async services(@Param('slug') slug: string) {
    return this.booking.bookableServices(await this.booking.siteBySlug(slug));
  }

  @Get('sites/:slug/appointment-slots')
  @Public()
  @RateLimited('booking', 'public')
  @ApiQuery({ name: 'serviceId', required: true })
  @ApiQuery({ name: 'from', required: true, example: '2027-03-29' })
  @ApiQuery({ name: 'to', required: true, example: '2027-04-04' })
  @ApiOperation({ summary: 'Free times of a service between two site dates (inclusive, at most 62 days)' })
  @ApiOkResponse({ type: SlotsSchema })
  async slots(@Param('slug') slug: string, @Query('serviceId') serviceId: unknown, @Query('from') from: unknown, @Query('to') to: unknown) {
    return this.booking.slots(await this.booking.siteBySlug(slug), serviceId, from, to, 'public');
  }

  @Post('sites/:slug/appointments')
  @Public()
  @RateLimited('booking', 'public')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same client within 24 hours returns the same booking (200, Idempotent-Replayed: true)' })
  @ApiOperation({ summary: 'Book a free time: 409 slot_taken when it is no longer free, 422 when the rules do not allow it' })
  @ApiCreatedResponse({ type: BookingSchema })
  @ApiOkResponse({ type: BookingSchema, description: 'The booking an earlier request with this Idempotency-Key made' })
  async book(
    @Param('slug') slug: string,
    @Body() dto: BookAppointmentDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const site = await this.booking.siteBySlug(slug);
    const { booking, replayed } = await this.booking.book(site, dto, { channel: 'public', clientKey: `ip:${req.ip ?? 'unknown'}`, idempotencyKey: idempotencyKey(key) });
    answerIssued(res, replayed);
    return booking;
  }

  @Get('appointments/:manageToken')
  @Public()
  @RateLimited('booking', 'public')
  @ApiOperation({ summary: 'The booking behind a manage link: service, site, time, status' })
  @ApiOkResponse({ type: ManagedBookingSchema })
  managed(@Param('manageToken') token: string) {
    return this.booking.managed(token);
  }

  @Post('appointments/:manageToken/cancel')
  @HttpCode(200) // Nothing is created: the answer is the booking as it now is.
  @Public()
  @RateLimited('booking', 'public')
  @ApiOperation({ summary: 'Cancel the booking (before the cut-off: else 422 cutoff_passed)' })
  @ApiOkResponse({ type: ManagedBookingSchema })
  cancel(@Param('manageToken') token: string) {
    return this.booking.cancelByCitizen(token);
  }

  @Post('appointments/:manageToken/move')
  @HttpCode(200)
  @Public()
  @RateLimited('booking', 'public')
  @ApiOperation({ summary: 'Move the booking to another free time of its service; the booking code stays' })
  @ApiOkResponse({ type: ManagedBookingSchema })
  move(@Param('manageToken') token: string, @Body() dto: MoveAppointmentDto) {
    return this.booking.move(token, dto.startsAt);
  }

  @Get('appointments/:manageToken/calendar.ics')
  @Public()
  @RateLimited('booking', 'public')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="booking.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The booking as an iCalendar file, in the site’s time zone' })
  @ApiOkResponse({ schema: { type: 'string' } })
  async calendar(@Param('manageToken') token: string, @Query('lang') lang?: string) {
    const { appointment, service, site } = await this.booking.byToken(token);
    const language = lang === 'en' || lang === 'de' || lang === 'da' ? lang : (appointment.language as 'da' | 'en' | 'de');
    const manageUrl = `${this.config.urls.ticketing}/appointment/${encodeURIComponent(token)}`;
    return bookingCalendar(appointment, service, site, manageUrl, language, this.clock.now());
  }
}
