import { createApp } from '@skranke/platform';
import { triageModule } from './triage.module';

export async function createTriageApp(options: Parameters<typeof triageModule>[0] = {}) {
  return createApp(triageModule(options), {
    title: 'Skranke triage',
    description: 'Floor-walker triage, floor state, supervisor figures and configuration of sites, services, counters, staff and devices.',
  });
}
