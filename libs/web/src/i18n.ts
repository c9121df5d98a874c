/** Messages per language, one JSON file per language, so a new language is a new file. */
export type Messages = Record<string, string>;

export function translator(messages: Messages, fallback: Messages) {
  return (key: string, vars: Record<string, string | number> = {}) =>
    (messages[key] ?? fallback[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}
