import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@skranke/core';
import type { DeviceKind, Role } from '@skranke/domain';

/**
 * How a route finds the site it acts on, so roles can be checked per site:
 * from `:siteId`, through the counter in `:counterId`, the ticket in `:ticketId`,
 * or not at all (the handler checks, e.g. user administration).
 */
export type SiteFrom = 'siteId' | 'counterId' | 'ticketId' | 'none';

export interface AccessRule {
  site: SiteFrom;
  roles?: Role[];
  devices?: DeviceKind[];
  /** With site 'none': only the installation's administrator or a municipality administrator (creating sites). */
  municipalityAdmin?: boolean;
}

export const ACCESS_KEY = 'skranke:access';
export const PUBLIC_KEY = 'skranke:public';

export const Access = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule);
/** No token needed: public wait times, the citizen's tracking page, login, health. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  actor?: Actor;
  siteId?: string;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor!;
});

export const CurrentSiteId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().siteId!;
});
