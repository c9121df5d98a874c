import { Initial1795454732417 } from './1795454732417-initial.migration';

/** In order of application. Never edit a migration that has shipped; add a new one. */
export const MIGRATIONS: Function[] = [Initial1795454732417];
