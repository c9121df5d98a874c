import 'reflect-metadata';
import { loadConfig } from '@skranke/config';
import { createTicketingApp } from './ticketing.app';

const config = loadConfig();
void createTicketingApp().then((app) => app.listen(config.ports.ticketing));
