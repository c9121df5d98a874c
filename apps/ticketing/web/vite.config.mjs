import { pagesConfig } from '../../../libs/web/vite-base.mjs';

export default pagesConfig('ticketing', ['kiosk', 'ticket', 'widget', 'municipality-widget']);
