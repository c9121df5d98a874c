import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The pages are typed from the apps' OpenAPI documents; a controller or DTO change must regenerate them. */
describe('the pages\u2019 API types', () => {
  it('match the apps\u2019 current OpenAPI documents (npm run openapi writes them)', () => {
    const root = resolve(__dirname, '..', '..');
    // Throws, with the stale apps named on stderr, when they differ.
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/openapi.ts', '--check'], { cwd: root, stdio: 'pipe' });
  });
});
