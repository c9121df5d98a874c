import { ApiClient, h } from '@skranke/web';
import { t } from '../common/texts';

/** What every section of the configuration page needs: the API, the site and a way to act and report. */
export interface AdminContext {
  api: ApiClient;
  siteId: string;
  /** `/sites/<id>` */
  base: string;
  /** Runs an action, shows the server's message if it fails, redraws the page if it succeeds. */
  act: <T>(fn: () => Promise<T>, done?: string | ((result: T) => string | Node)) => () => Promise<void>;
  /** Shows a message in the page's status line. */
  say: (text: string | Node, ok: boolean) => void;
}

/** A labelled form field. */
export const field = (label: string, input: HTMLElement) => h('label', { class: 'field' }, label, ' ', input);

/** A section with a heading and a test hook. */
export const section = (key: string, title: string, ...children: (Node | Node[] | null)[]) => h('section', { 'data-section': key }, h('h2', {}, title), ...children);

/** Blank or a number. */
export const optionalNumber = (input: HTMLInputElement) => (input.value.trim() === '' ? undefined : Number(input.value));

export const saveButton = (onclick: () => void, label = t('save'), attrs: Record<string, string> = {}) => h('button', { ...attrs, onclick }, label);
