import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import {
  CreateWebhookDto,
  CreatedWebhookSchema,
  RotateWebhookSecretDto,
  RotatedWebhookSchema,
  SiteEventPageSchema,
  UpdateWebhookDto,
  WebhookDeliverySchema,
  WebhookSchema,
} from './webhook.dto';
import { WebhooksService } from './webhooks.service';

/** Routes without a site in the path: the guard asks for the role at some site, the service at the webhook's own. */
const INTEGRATION = { site: 'none', roles: ['admin', 'integration'] } as const;

@ApiTags('integration')
@ApiBearerAuth()
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('webhooks')
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOperation({ summary: 'Subscribe a URL to event types of a site (Standard Webhooks); answers the signing secret once' })
  @ApiCreatedResponse({ type: CreatedWebhookSchema })
  create(@Body() dto: CreateWebhookDto, @CurrentActor() actor: Actor) {
    return this.webhooks.create(dto, actor);
  }

  @Get('webhooks')
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOperation({ summary: 'The webhooks of the sites where the caller is admin or integration' })
  @ApiQuery({ name: 'siteId', required: false, description: 'Only this site’s' })
  @ApiOkResponse({ type: [WebhookSchema] })
  list(@CurrentActor() actor: Actor, @Query('siteId') siteId?: string) {
    return this.webhooks.list(actor, siteId);
  }

  @Get('webhooks/:webhookId')
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOkResponse({ type: WebhookSchema })
  get(@Param('webhookId', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.webhooks.get(id, actor);
  }

  @Patch('webhooks/:webhookId')
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOperation({ summary: 'Change the URL, events or description, or enable/disable it' })
  @ApiOkResponse({ type: WebhookSchema })
  update(@Param('webhookId', ParseUUIDPipe) id: string, @Body() dto: UpdateWebhookDto, @CurrentActor() actor: Actor) {
    return this.webhooks.update(id, dto, actor);
  }

  @Post('webhooks/:webhookId/rotate-secret')
  @HttpCode(200)
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOperation({
    summary: 'A new signing secret, shown once; the previous one keeps signing beside it for overlapHours (default 24, 0 ends it at once)',
  })
  @ApiOkResponse({ type: RotatedWebhookSchema })
  rotateSecret(@Param('webhookId', ParseUUIDPipe) id: string, @Body() dto: RotateWebhookSecretDto, @CurrentActor() actor: Actor) {
    return this.webhooks.rotateSecret(id, dto, actor);
  }

  @Delete('webhooks/:webhookId')
  @HttpCode(204)
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOperation({ summary: 'Remove the webhook and its delivery log' })
  @ApiNoContentResponse()
  async remove(@Param('webhookId', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.webhooks.remove(id, actor);
  }

  @Get('webhooks/:webhookId/deliveries')
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOperation({ summary: 'The delivery log, newest event first' })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiOkResponse({ type: [WebhookDeliverySchema] })
  deliveries(@Param('webhookId', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Query('limit') limit?: string) {
    return this.webhooks.deliveries(id, actor, limit);
  }

  @Post('webhooks/:webhookId/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @Access({ ...INTEGRATION, roles: [...INTEGRATION.roles] })
  @ApiOperation({ summary: 'Send a delivery again (same webhook-id), with the whole retry schedule; 409 delivery_in_flight, 409 webhook_disabled' })
  @ApiOkResponse({ type: WebhookDeliverySchema })
  replay(@Param('webhookId', ParseUUIDPipe) id: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string, @CurrentActor() actor: Actor) {
    return this.webhooks.replay(id, deliveryId, actor);
  }

  @Get('sites/:siteId/events')
  @Access({ site: 'siteId', roles: ['admin', 'integration'] })
  @ApiOperation({ summary: 'The site’s events after a seq, in seq order, with the webhook payloads (the event feed for systems that pull)' })
  @ApiQuery({ name: 'after', required: false, description: 'The last seq already read (default 0: from the start)' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  @ApiOkResponse({ type: SiteEventPageSchema })
  feed(@Param('siteId') siteId: string, @Query('after') after?: string, @Query('limit') limit?: string) {
    return this.webhooks.feed(siteId, after, limit);
  }
}
