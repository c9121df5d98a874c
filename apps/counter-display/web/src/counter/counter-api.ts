import { CounterDisplayPaths, CounterDisplaySchemas, staffToken, typedApi } from '@skranke/web';

/** The counter-display app's API, typed from its OpenAPI document. */
export const api = typedApi<CounterDisplayPaths>(location.origin, staffToken);

type Schemas = CounterDisplaySchemas['schemas'];
export type CurrentView = Schemas['CounterCurrentSchema'];
export type CounterChoice = Schemas['CounterChoiceSchema'];
export type StaffTicket = Schemas['StaffTicketSchema'];
export type WaitingTicket = Schemas['WaitingTicketSchema'];
export type CounterService = Schemas['CounterServiceSchema'];
export type SignedInUser = Schemas['SignedInUserSchema'];
export type Outcome = Schemas['FinishDto']['outcome'];
export type HelpMode = NonNullable<Schemas['FinishDto']['helpMode']>;
export type Placement = Schemas['TransferDto']['placement'];

export const OUTCOMES: Outcome[] = ['resolved', 'referred-back-office', 'referred-authority', 'self-service', 'follow-up'];
export const HELP_MODES: HelpMode[] = ['advice', 'motivation', 'problem-solving', 'instruction'];
export const HELP_MODE_KEYS: Record<string, HelpMode> = { a: 'advice', m: 'motivation', p: 'problem-solving', i: 'instruction' };
export const PLACEMENTS: Placement[] = ['front', 'back', 'by-arrival'];

/** `{counterId}` as openapi-fetch wants it. */
export const onCounter = (counterId: string) => ({ params: { path: { counterId } } });
export const onTicket = (ticketId: string) => ({ params: { path: { ticketId } } });

/** The answer's body: the typed client throws on every refusal, so an answer without one is a bug (or a 204 the caller expects). */
export async function answer<T>(request: Promise<{ data?: T }>): Promise<T> {
  const { data } = await request;
  if (data === undefined) throw new Error('The server answered without a body.');
  return data;
}
