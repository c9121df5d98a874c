import 'reflect-metadata';
import { loadConfig } from '@skranke/config';
import { createCounterDisplayApp } from './counter-display.app';

const config = loadConfig();
void createCounterDisplayApp().then((app) => app.listen(config.ports.counterDisplay));
