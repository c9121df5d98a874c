import 'reflect-metadata';
import { loadConfig } from '@skranke/config';
import { createTriageApp } from './triage.app';

const config = loadConfig();
void createTriageApp().then((app) => app.listen(config.ports.triage));
