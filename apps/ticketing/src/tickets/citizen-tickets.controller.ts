import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { RateLimited } from '@skranke/platform';
import { NotifyMeDto } from '../notify/notify.dto';
import { NotifyMeService } from '../notify/notify-me.service';
import { SurveyDto } from '../survey/survey.dto';
import { SurveyService } from '../survey/survey.service';
import { LeaveService } from './leave.service';
import { LeftTicketSchema, NotifyAnswerSchema, PushKeySchema, SurveyThanksSchema } from './tickets.schemas';

/** What the citizen can do on the ticket page, holding only the tracking token. */
@ApiTags('tickets')
@Controller('tickets/track/:trackingToken')
export class CitizenTicketsController {
  constructor(
    private readonly leave: LeaveService,
    private readonly survey: SurveyService,
    private readonly notify: NotifyMeService,
  ) {}

  @Post('leave')
  @HttpCode(200)
  @Public()
  @RateLimited('citizen')
  @ApiOperation({ summary: '"I’m leaving": cancels the waiting ticket' })
  @ApiOkResponse({ type: LeftTicketSchema })
  leaveQueue(@Param('trackingToken') token: string) {
    return this.leave.leave(token);
  }

  @Post('survey')
  @HttpCode(201)
  @Public()
  @RateLimited('citizen')
  @ApiOperation({ summary: 'The anonymous survey after the visit; stored with service, outcome and date only' })
  @ApiCreatedResponse({ type: SurveyThanksSchema })
  answer(@Param('trackingToken') token: string, @Body() dto: SurveyDto) {
    return this.survey.answer(token, dto);
  }

  @Post('notify')
  @HttpCode(200)
  @Public()
  @RateLimited('citizen')
  @ApiOperation({
    summary: '"Tell me when my turn is near": exactly one of phone (SMS), email or push (a PushSubscription); only while waiting',
    description: 'Asking again replaces the contact; the message goes once. 422 channel_off for a channel not configured; 409 ticket_not_waiting.',
  })
  @ApiOkResponse({ type: NotifyAnswerSchema })
  notifyMe(@Param('trackingToken') token: string, @Body() dto: NotifyMeDto) {
    return this.notify.ask(token, dto);
  }

  @Get('push-key')
  @ApiParam({ name: 'trackingToken', type: String })
  @Public()
  @RateLimited('citizen')
  @ApiOperation({ summary: 'The VAPID public key the ticket page subscribes to web push with; 422 channel_off when push is not configured' })
  @ApiOkResponse({ type: PushKeySchema })
  pushKey() {
    return this.notify.pushKey();
  }
}
