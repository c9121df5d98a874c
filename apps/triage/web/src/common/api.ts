import { type AppConfig, type CounterDisplayPaths, type TicketingPaths, type TriagePaths, staffToken, typedApi } from '@skranke/web';

/** This app (triage), same origin: typed from its OpenAPI document. */
export const triageApi = () => typedApi<TriagePaths>(location.origin, staffToken);
/** The counter-display app (counter actions, ticket transfer and cancel). */
export const counterApi = (config: AppConfig) => typedApi<CounterDisplayPaths>(config.urls.counterDisplay, staffToken);

/** The ticketing app (bookings: free times, booking on a citizen's behalf, the day's list). */
export const ticketingApi = (config: AppConfig) => typedApi<TicketingPaths>(config.urls.ticketing, staffToken);

export type TriageApi = ReturnType<typeof triageApi>;
export type CounterApi = ReturnType<typeof counterApi>;
export type TicketingApi = ReturnType<typeof ticketingApi>;
