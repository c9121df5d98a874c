import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { RateLimited } from '@skranke/platform';
import { SurveyDto } from '../survey/survey.dto';
import { SurveyService } from '../survey/survey.service';
import { LeaveService } from './leave.service';
import { LeftTicketSchema, SurveyThanksSchema } from './tickets.schemas';

/** What the citizen can do on the ticket page, holding only the tracking token. */
@ApiTags('tickets')
@Controller('tickets/track/:trackingToken')
export class CitizenTicketsController {
  constructor(
    private readonly leave: LeaveService,
    private readonly survey: SurveyService,
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
}
