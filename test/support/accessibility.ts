import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The WCAG levels the pages promise: 2.0 and 2.1, A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

export interface AxeOptions {
  /** Only inside this element (a CSS selector); the whole document by default. */
  include?: string;
  /** Rules to switch off, each with the reason it does not apply: `{ 'rule-id': 'why' }`. */
  disable?: Record<string, string>;
}

/**
 * Runs axe-core in the page against WCAG 2.1 AA and returns the violations.
 * axe is injected from node_modules, so nothing is fetched from a network.
 */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated rather than added as a script tag, which the pages' Content-Security-Policy refuses.
  if (!loaded) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const rules = Object.fromEntries(Object.keys(options.disable ?? {}).map((id) => [id, { enabled: false }]));
  return page.evaluate(
    async ({ include, tags, rules }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } })
        .axe;
      const result = await axe.run(include ? { include: [include] } : document, {
        runOnly: { type: 'tag', values: tags },
        rules,
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
      }));
    },
    { include: options.include ?? null, tags: WCAG_AA_TAGS, rules },
  );
}

/** One readable block per violation: rule, what it asks, each failing element and why. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) =>
      [
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help}`,
        ...v.nodes.map((n) => `  at ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`),
      ].join('\n'),
    )
    .join('\n');
}

/**
 * Fails with every violation spelled out when the page (as it is now) breaks
 * a WCAG 2.1 A/AA rule that axe can check automatically. `where` names the
 * screen in the message.
 */
export async function expectAccessible(page: Page, where: string, options: AxeOptions = {}): Promise<void> {
  const violations = await axeViolations(page, options);
  if (violations.length)
    throw new Error(`${where}: ${violations.length} accessibility violation(s) (axe-core, WCAG 2.1 AA)\n${formatViolations(violations)}`);
}
