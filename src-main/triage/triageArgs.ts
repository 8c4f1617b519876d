import { parseArgs } from 'node:util';
import type { InterviewSex } from '../../src-renderer/src/features/interview/engine';

export const TRIAGE_USAGE = `Headless triage (demonstration content, not for clinical use).

Usage: npm run triage -- (--age <years> | --age-months <months>) --sex <male|female|other|unknown>
         --say "<what the caller said>" [--answers <answers.json>] [--at <YYYY-MM-DDTHH:MM>]
         [--zip <5 digits>] [--line <service line id>] [--json]

  --at       site-local time of the service line (default: now)
  --line     default: pediatrics under 18, else adult-primary-care
  --answers  JSON file { "<protocolId>/<questionId>": answer } (a plain "<questionId>" when unique); an answer
             is "yes"/"no", an option id, a list of option ids, a number in the question's unit, text, or
             "unknown" (the caller does not know)
  --json     print one JSON object instead of text

Answers: answers file > caller's words > default ("no"; "unknown" for choice, number and text questions);
an uncertain red flag is answered "yes"; a temperature in the words answers a temperature question.
Exit codes: 0 triaged, 1 content or file error, 2 bad arguments, 3 no protocol recognized.`;

export interface TriageArgs {
  readonly age: { readonly years: number } | { readonly months: number };
  readonly sex: InterviewSex;
  readonly say: string;
  readonly answersPath: string | null;
  readonly at: string | null;
  readonly zip: string | null;
  readonly lineId: string | null;
  readonly json: boolean;
}

export type TriageArgsParse =
  | { readonly ok: true; readonly args: TriageArgs }
  | { readonly ok: false; readonly help: boolean; readonly problems: readonly string[] };

const SEXES: readonly InterviewSex[] = ['male', 'female', 'other', 'unknown'];

function wholeNumber(text: string): number | null {
  return /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Parse the command line (without node and the script). Pure: no process, no files. */
export function parseTriageArgs(argv: readonly string[]): TriageArgsParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        age: { type: 'string' },
        'age-months': { type: 'string' },
        sex: { type: 'string' },
        say: { type: 'string' },
        answers: { type: 'string' },
        at: { type: 'string' },
        zip: { type: 'string' },
        line: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, help: false, problems: [(error as Error).message] };
  }
  if (values.help) return { ok: false, help: true, problems: [] };

  const problems: string[] = [];
  const str = (name: string): string | null => (typeof values[name] === 'string' ? (values[name] as string) : null);
  const years = str('age');
  const months = str('age-months');
  let age: TriageArgs['age'] | null = null;
  if (years !== null && months !== null) problems.push('give --age or --age-months, not both');
  else if (years !== null) {
    const n = wholeNumber(years);
    if (n === null) problems.push(`--age must be a whole number of years, not ${JSON.stringify(years)}`);
    else age = { years: n };
  } else if (months !== null) {
    const n = wholeNumber(months);
    if (n === null) problems.push(`--age-months must be a whole number of months, not ${JSON.stringify(months)}`);
    else age = { months: n };
  } else problems.push('--age <years> or --age-months <months> is required');

  const sex = str('sex');
  if (sex === null) problems.push('--sex is required (male, female, other or unknown)');
  else if (!(SEXES as readonly string[]).includes(sex)) problems.push(`--sex must be male, female, other or unknown, not ${JSON.stringify(sex)}`);

  const say = str('say');
  if (say === null || !say.trim()) problems.push('--say "<what the caller said>" is required');

  if (problems.length > 0 || age === null || sex === null || say === null) return { ok: false, help: false, problems };
  return {
    ok: true,
    args: {
      age,
      sex: sex as InterviewSex,
      say,
      answersPath: str('answers'),
      at: str('at'),
      zip: str('zip'),
      lineId: str('line'),
      json: values.json === true,
    },
  };
}
