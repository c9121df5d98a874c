import { type AppConfig, type CounterDisplayPaths, type TriagePaths, staffToken, typedApi } from '@skranke/web';

/** This app (triage), same origin: typed from its OpenAPI document. */
export const triageApi = () => typedApi<TriagePaths>(location.origin, staffToken);
/** The counter-display app (counter actions, ticket transfer and cancel). */
export const counterApi = (config: AppConfig) => typedApi<CounterDisplayPaths>(config.urls.counterDisplay, staffToken);

export type TriageApi = ReturnType<typeof triageApi>;
export type CounterApi = ReturnType<typeof counterApi>;
