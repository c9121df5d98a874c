import { Initial1795454732417 } from './1795454732417-initial.migration';
import { SurveyAnswers1795457382347 } from './1795457382347-survey-answers.migration';

/** In order of application. Never edit a migration that has shipped; add a new one. */
export const MIGRATIONS: Function[] = [Initial1795454732417, SurveyAnswers1795457382347];
