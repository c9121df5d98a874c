import { pagesConfig } from '../../../libs/web/vite-base.mjs';

export default pagesConfig('counter-display', ['counter', 'display']);
