import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** Longest single message, so a hostile file cannot flood the status screen or the logs. */
export const MAX_MESSAGE_LENGTH = 300;

/**
 * Schema issues as lines a content author can act on: `questions[3].onYes.disposition: Invalid option:
 * expected one of ... (found "er-maybe")`. Unknown vocabulary (a guard type this version does not know) is
 * named with the list it knows; a value that fits none of a union's forms is explained by the closest form.
 * `input` is the parsed JSON, read only to quote what the author wrote.
 */
export function schemaIssueMessages(issues: readonly Issue[], input: unknown): string[] {
  return issues.map((issue) => bounded(issueMessage(issue, [], input)));
}

export function bounded(message: string, max = MAX_MESSAGE_LENGTH): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}

/** `questions[3].onYes.disposition`; the top level is "(top level)". */
export function pathText(path: readonly PathKey[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${quote(String(key))}]`;
  }
  return out;
}

/** A short rendering of what the author wrote. */
export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…"` : text;
}

function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let here = input;
  for (const key of path) {
    if (typeof here !== 'object' || here === null || typeof key === 'symbol' || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

function issueMessage(issue: Issue, base: readonly PathKey[], input: unknown): string {
  const path = [...base, ...issue.path];
  const at = pathText(path);
  switch (issue.code) {
    case 'invalid_union': {
      if ('note' in issue && issue.note === 'No matching discriminator' && 'discriminator' in issue) {
        const known = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String).join(', ') : '';
        const found = valueAt(input, path);
        const what = found === undefined ? `missing "${String(issue.discriminator)}"` : `unknown ${String(issue.discriminator)} ${quote(found)}`;
        return `${at}: ${what}; this version of Careline knows ${known}`;
      }
      const closest = closestBranch(issue.errors);
      if (closest) return closest.map((i) => issueMessage(i, path, input)).join('; ');
      const forms = issue.errors.map((branch) => branch[0]?.message).filter((m): m is string => !!m);
      return `${at}: ${quote(valueAt(input, path))} fits none of the accepted forms (${forms.join(' | ')})`;
    }
    case 'invalid_value':
      return valueAt(input, path) === undefined
        ? `${at}: required field is missing (${issue.message.replace(/^Invalid option: /, '')})`
        : `${at}: ${issue.message} (found ${quote(valueAt(input, path))})`;
    case 'invalid_type':
      return valueAt(input, path) === undefined
        ? `${at}: required field is missing (expected ${issue.expected})`
        : `${at}: expected ${issue.expected}, found ${quote(valueAt(input, path))}`;
    case 'unrecognized_keys':
      return `${at}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).map((k) => quote(k)).join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''} (misspelled, or not part of this protocol format)`;
    case 'invalid_format':
      return `${at}: ${issue.message} (found ${quote(valueAt(input, path))})`;
    default:
      return `${at}: ${issue.message}`;
  }
}

/**
 * The union branch the author most likely meant: one whose value has the right shape at its root (a string
 * for a disposition id, an object for an office/after-hours rule), then the one with the fewest issues. Null
 * when every branch rejects the value's type outright.
 */
function closestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | null {
  const misfit = (b: readonly Issue[]): number =>
    b.some((i) => i.path.length === 0 && i.code === 'invalid_type') ? 2 : b.some((i) => i.path.length === 0 && i.code !== 'unrecognized_keys') ? 1 : 0;
  const candidates = branches.filter((b) => b.length > 0 && misfit(b) < 2);
  if (candidates.length === 0) return null;
  return candidates.reduce((best, b) => (misfit(b) < misfit(best) || (misfit(b) === misfit(best) && b.length < best.length) ? b : best));
}
