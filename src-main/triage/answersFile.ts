import type { Protocol } from '../../src-preload/contract';

/**
 * The answers file of headless triage: { "<protocolId>/<questionId>": answer }, or a plain "<questionId>" when
 * exactly one question of the interview has that id. An answer is "yes" / "no" (yes-no questions), an option
 * id (single choice), a list of option ids (multi choice), a number (number questions, in the question's
 * unit), any text (free text), or "unknown" (the caller does not know). Whether a value fits its question is
 * checked by the interview engine when the question is reached. Pure: the CLI reads the file.
 */
export type FileAnswer = string | number | readonly string[];

function isFileAnswer(value: unknown): value is FileAnswer {
  return (
    (typeof value === 'string' && value.length <= 2000) ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.length <= 20 && value.every((v) => typeof v === 'string'))
  );
}

export interface ResolvedAnswers {
  /** By state key `${protocolId}/${questionId}`, for the questions of this interview only. */
  readonly byKey: ReadonlyMap<string, FileAnswer>;
  /** Keys that name a real question of a protocol this interview does not use (a different protocol was chosen). */
  readonly unused: readonly string[];
}

export type AnswersResolution = { readonly ok: true; readonly answers: ResolvedAnswers } | { readonly ok: false; readonly problems: readonly string[] };

function questionKeysOf(protocols: readonly Protocol[]): string[] {
  return protocols.flatMap((p) => p.questions.map((q) => `${p.id}/${q.id}`));
}

/**
 * Match every key of the answers file to a question. `interview` is the list of protocols being asked,
 * `installed` every protocol known: a key naming a question of another installed protocol is kept aside as
 * unused (the checker chose a different protocol), and any other key is an error naming it.
 */
export function resolveAnswers(raw: Readonly<Record<string, unknown>>, interview: readonly Protocol[], installed: readonly Protocol[]): AnswersResolution {
  const inInterview = questionKeysOf(interview);
  const interviewKeys = new Set(inInterview);
  const installedKeys = new Set(questionKeysOf(installed));
  const byKey = new Map<string, FileAnswer>();
  const unused: string[] = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isFileAnswer(value)) {
      problems.push(`answer for "${key}" must be "yes", "no", "unknown", an option id, a list of option ids, a number or text, not ${JSON.stringify(value)}`);
      continue;
    }
    if (key.includes('/')) {
      if (interviewKeys.has(key)) byKey.set(key, value);
      else if (installedKeys.has(key)) unused.push(key);
      else problems.push(`unknown question "${key}": no installed protocol asks it`);
      continue;
    }
    const matches = inInterview.filter((k) => k.endsWith(`/${key}`));
    if (matches.length === 1) byKey.set(matches[0]!, value);
    else if (matches.length > 1) problems.push(`"${key}" is asked by several protocols here (${matches.join(', ')}): write "<protocolId>/${key}"`);
    else if ([...installedKeys].some((k) => k.endsWith(`/${key}`))) unused.push(key);
    else problems.push(`unknown question "${key}": no installed protocol asks it`);
  }
  for (const key of byKey.keys()) {
    // The same question given twice (plain and qualified) with different answers is a contradiction, not a choice.
    const plain = key.slice(key.indexOf('/') + 1);
    const other = raw[plain];
    if (raw[key] !== undefined && other !== undefined && JSON.stringify(other) !== JSON.stringify(raw[key])) problems.push(`"${key}" and "${plain}" give different answers`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers: { byKey, unused } };
}
