/**
 * The lint rule that keeps the code on its dependencies' public APIs
 * (eslint.config.mjs, PRIVATE_MEMBERS): each way the hot path once reached
 * into pg and TypeORM is refused, and the public ways pass.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** The no-restricted-syntax messages ESLint gives for `code` as a file of libs/persistence (it exits 1 when it finds any). */
function lint(code: string): string[] {
  const args = [ESLINT, '--stdin', '--stdin-filename', 'libs/persistence/src/probe.ts', '--format', 'json'];
  let out: string;
  try {
    out = execFileSync(process.execPath, args, { cwd: ROOT, input: code, encoding: 'utf8' });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  const messages = JSON.parse(out)[0].messages as { ruleId: string | null; message: string }[];
  return messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('no reads or writes of a dependency’s private members', () => {
  it.each([
    ['pg’s parsed statements', `export const f = (client: any) => client.connection.parsedStatements;`],
    ['pg’s unexported serialiser', `export const f = (pg: any) => pg.utils.prepareValue([1]);`],
    ['the same by string key', `export const f = (c: any) => c.connection['parsedStatements'];`],
    ['TypeORM’s transaction state', `export const f = (runner: any) => { runner.isTransactionActive = false; runner.transactionDepth = 0; };`],
    ['a replaced query method', `export const f = (runner: any) => { runner.query = async () => undefined; };`],
    ['an underscore member of a library object', `export const f = (socket: any) => socket._writeGeneric;`],
  ])('refuses %s', (_what, code) => {
    expect(lint(code).length).toBeGreaterThan(0);
  });

  it('lets the public ways through: a named prepared statement, reading whether a transaction is active', () => {
    const code = `export async function f(client: any, runner: any) {
  await client.query({ name: 'n', text: 'SELECT $1', values: [1] });
  if (runner.isTransactionActive) await runner.rollbackTransaction();
}`;
    expect(lint(code)).toEqual([]);
  });
});
