export type HelpMode = 'advice' | 'motivation' | 'problem-solving' | 'instruction';
export type Outcome = 'resolved' | 'referred-back-office' | 'referred-authority' | 'self-service' | 'follow-up';
export type Placement = 'front' | 'back' | 'by-arrival';

export const OUTCOMES: Outcome[] = ['resolved', 'referred-back-office', 'referred-authority', 'self-service', 'follow-up'];
export const HELP_MODES: HelpMode[] = ['advice', 'motivation', 'problem-solving', 'instruction'];
export const HELP_MODE_KEYS: Record<string, HelpMode> = { a: 'advice', m: 'motivation', p: 'problem-solving', i: 'instruction' };
export const PLACEMENTS: Placement[] = ['front', 'back', 'by-arrival'];

export interface StaffTicket {
  id: string;
  number: string;
  serviceId: string;
  status: 'called' | 'in-service';
  calledAt: string | null;
  startedAt: string | null;
  recallCount: number;
  seat: number;
  note: string | null;
  flags: string[];
}

export interface CurrentView {
  seq: number;
  counter: { id: string; siteId: string; name: string; kind: string; seats: number; state: 'open' | 'paused' | 'closed'; pauseReason: string | null };
  seats: { seat: number; ticket: StaffTicket | null }[];
  queues: { serviceId: string; waiting: number; longestWaitMinutes: number; targetWaitMinutes: number }[];
  services: { id: string; code: string; prefix: string; names: Record<string, string> }[];
}

export interface CounterChoice {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  kind: string;
  seats: number;
  state: string;
}

/** What the page holds between renders. */
export interface PageState {
  view: CurrentView | null;
  selectedSeat: number;
  helpMode: Record<number, HelpMode | undefined>;
  transferSeat: number | null;
  message: string | null;
  offline: boolean;
}
