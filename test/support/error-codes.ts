import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every error code the server can send, read from its sources, so that a new
 * code without a text in the pages' language files fails a test (issue 18).
 *
 * Codes are written as literals at the point of refusal; where one is not (a
 * code passed on in a variable) the call site must be listed in DYNAMIC with
 * the rule that finds its codes, so a new indirection fails the test instead
 * of slipping past the scan.
 */
export const ROOT = join(__dirname, '..', '..');

export interface ServerErrorCode {
  code: string;
  /** Where it was found (first place), e.g. libs/platform/src/login-limiter.ts. */
  file: string;
  /** Sent with `details.retryAfterSeconds` (a 429 from rateLimited, or any 429/503 the filter answers). */
  retryAfter: boolean;
  /** The other `details` the server sends with it (the keys of a refusal's details object, at any of its places). */
  details: Set<string>;
}

const CODE = "'([a-z0-9]+(?:_[a-z0-9]+)*)'";
const HELPERS = '(?:conflict|ruleBroken|notFound|invalid|forbidden|rateLimited)';

/** Literal codes at a refusal. */
const LITERAL_RULES: RegExp[] = [
  new RegExp(`\\b${HELPERS}\\(\\s*${CODE}`, 'g'),
  new RegExp(`new DomainError\\(\\s*'[a-z-]+',\\s*${CODE}`, 'g'),
  new RegExp(`skranke_refuse\\(\\s*'[a-z-]+',\\s*${CODE}`, 'g'),
  // A SQL function raising a refusal itself: RAISE … HINT = 'kind:code'.
  /HINT = '[a-z-]+:([a-z0-9]+(?:_[a-z0-9]+)*)'/g,
  new RegExp(`CprErrorCode\\(\\s*${CODE}`, 'g'),
  new RegExp(`Exception\\(\\s*\\{\\s*code:\\s*${CODE}`, 'g'),
  new RegExp(`errorBody\\(\\s*${CODE}`, 'g'),
  new RegExp(`emit\\('error',\\s*\\{\\s*code:\\s*${CODE}`, 'g'),
];

/** A refusal whose code is not a literal right there. */
const INDIRECT_RULES: RegExp[] = [
  new RegExp(`\\b${HELPERS}\\((?!\\s*')\\s*[^\\s)]`, 'g'),
  /new DomainError\(\s*'[a-z-]+',(?!\s*')/g,
  /new DomainError\((?!\s*')\s*[a-z]/g,
  /PERFORM skranke_refuse\((?!\s*')/g,
  /errorBody\((?!\s*')\s*[^\s)]/g,
  /Exception\(\s*\{\s*code:(?!\s*')/g,
];

/** Snake-case literals with at least one underscore: how a code looks in a table or ternary. */
const SNAKE = /'([a-z0-9]+(?:_[a-z0-9]+)+)'/g;

/** Files with indirect refusals, and where their codes come from (relative path → codes found by the rule). */
const DYNAMIC: Record<string, { why: string; codes: (read: (file: string) => string) => string[] }> = {
  'libs/domain/src/errors.ts': { why: 'the helpers themselves', codes: () => [] },
  'libs/domain/src/statistics/report-filter.ts': {
    why: "a report query's choice out of its list: the code is the last argument of each oneOf call",
    codes: (read) => matches(read('libs/domain/src/statistics/report-filter.ts'), /oneOf\([^;]*?'(invalid_[a-z_]+)'\)/g),
  },
  'libs/core/src/events/site-function.ts': {
    why: "the SQL change functions' refusals (skranke_refuse in migrations, scanned as literals)",
    codes: () => [],
  },
  'apps/ticketing/src/printing/printer.service.ts': {
    why: "the printer address check's problems",
    codes: (read) => matches(read('libs/jobs/src/print/printer-address.ts'), /code:\s*'([a-z_]+)'|\|\s*'([a-z_]+)'/g),
  },
  'libs/platform/src/free-text.ts': {
    why: 'cpr_not_allowed, or the field’s CprErrorCode (scanned as literals)',
    codes: (read) => matches(read('libs/platform/src/free-text.ts'), /code:\s*'([a-z_]+)'/g),
  },
  'libs/auth/src/access.guard.ts': {
    why: 'counter or ticket not found, by the route parameter',
    codes: (read) => matches(read('libs/auth/src/access.guard.ts'), /'([a-z]+_not_found)'/g),
  },
  'libs/platform/src/error.filter.ts': {
    why: 'HTTP statuses, PostgreSQL refusals and outages',
    codes: (read) => [
      ...matches(read('libs/platform/src/error.filter.ts'), /^\s*\d{3}: '([a-z_]+)'/gm),
      ...matches(read('libs/platform/src/error.filter.ts'), SNAKE),
      ...matches(read('libs/platform/src/error.filter.ts'), /\?\? '([a-z_]+)'/g),
      ...matches(read('libs/platform/src/error-body.ts'), /\[\d{3}, '([a-z_]+)'/g),
    ],
  },
  'libs/domain/src/notify/notification-settings.ts': {
    why: "a template's problem (checkTemplate)",
    codes: (read) => matches(read('libs/domain/src/notify/templates.ts'), /code: '([a-z0-9_]+)'/g),
  },
  'libs/platform/src/create-app.ts': {
    why: 'requests Node refuses before Express sees them',
    codes: (read) => matches(read('libs/platform/src/create-app.ts'), /\[\d{3}, '([a-z_]+)'/g),
  },
};

/** Codes only 429s and 503s carry `retryAfterSeconds` with, besides every rateLimited refusal. */
const RETRY_AFTER_CODES = new Set(['rate_limited', 'login_unavailable', 'database_unavailable', 'redis_unavailable']);

function matches(text: string, re: RegExp): string[] {
  return [...text.matchAll(re)].map((m) => m.slice(1).find((g) => g !== undefined)!).filter(Boolean);
}

/**
 * The keys of a refusal's details: the object literal given as the argument
 * after the message (`ruleBroken('code', 'message', { minutesBefore: 30 })`).
 * `from` is just after the code literal; the call's arguments are walked with
 * their brackets and strings balanced.
 */
function detailKeys(text: string, from: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') current += ch + text[++i];
      else {
        if (ch === quote) quote = null;
        current += ch;
      }
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('({['.includes(ch)) depth++;
    else if (')}]'.includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  args.push(current.trim());
  // args[0] is empty (the code came before the first comma), args[1] the message, args[2] the details.
  const details = args[2];
  if (!details?.startsWith('{')) return [];
  const keys: string[] = [];
  let level = 0;
  for (const m of details.slice(1, -1).matchAll(/[{([]|[})\]]|(?:^|,)\s*(\w+)\s*(?=[:,]|$)/g)) {
    if ('{(['.includes(m[0])) level++;
    else if ('})]'.includes(m[0])) level--;
    else if (level === 0 && m[1]) keys.push(m[1]);
  }
  return keys;
}

/** The server's source files: apps and libs without the pages, tests and generated API types. */
export function serverSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'web' && name !== 'node_modules') walk(path);
      } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, 'apps'));
  walk(join(ROOT, 'libs'));
  return out.sort();
}

export interface ErrorCodeScan {
  codes: Map<string, ServerErrorCode>;
  /** Indirect refusals in files DYNAMIC does not explain: `file:line text`. */
  unexplained: string[];
}

export function scanServerErrorCodes(): ErrorCodeScan {
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
  const codes = new Map<string, ServerErrorCode>();
  const add = (code: string, file: string, retryAfter: boolean, details: string[] = []) => {
    const known = codes.get(code) ?? { code, file, retryAfter: false, details: new Set<string>() };
    known.retryAfter ||= retryAfter;
    for (const d of details) known.details.add(d);
    codes.set(code, known);
  };
  const unexplained: string[] = [];
  for (const file of serverSources()) {
    const text = read(file);
    for (const rule of LITERAL_RULES) {
      for (const m of text.matchAll(rule)) {
        add(m[1], file, m[0].startsWith('rateLimited') || RETRY_AFTER_CODES.has(m[1]), detailKeys(text, m.index + m[0].length));
      }
    }
    for (const rule of INDIRECT_RULES) {
      for (const m of text.matchAll(rule)) {
        if (DYNAMIC[file]) continue;
        const line = text.slice(0, m.index).split('\n').length;
        unexplained.push(`${file}:${line} ${text.split('\n')[line - 1].trim()}`);
      }
    }
  }
  for (const [file, rule] of Object.entries(DYNAMIC)) {
    for (const code of rule.codes(read)) add(code, file, RETRY_AFTER_CODES.has(code));
  }
  return { codes, unexplained };
}
