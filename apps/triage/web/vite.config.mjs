import { pagesConfig } from '../../../libs/web/vite-base.mjs';
export default pagesConfig('triage', ['floor', 'dashboard', 'admin', 'reports', 'staff-figures']);
