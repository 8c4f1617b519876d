/**
 * `npm run triage -- --age 64 --sex male --say "..." [--answers a.json] [--at 2026-11-22T22:30] [--zip 10001]
 * [--line id] [--json]`: the Node side of headless triage (argv, files, printing, exit codes). The logic is
 * runHeadlessTriage (pure); see headlessTriage.ts for the --json field names.
 * Exit codes: 0 triaged, 1 content or file error, 2 bad arguments, 3 no protocol recognized.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runHeadlessTriage, type HeadlessTriageRequest } from './headlessTriage';
import { loadTriageContent } from './loadTriageContent';
import { parseTriageArgs, TRIAGE_USAGE } from './triageArgs';
import { formatNoProtocol, formatTriaged } from './triageReport';

const RESOURCES = resolve(__dirname, '../../resources');

function readAnswers(path: string): Record<string, unknown> | string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return `cannot read the answers file ${path}: ${(error as Error).message}`;
  }
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return `the answers file ${path} must hold one JSON object like { "fever/stiff-neck-or-rash": "no" }`;
    }
    return data as Record<string, unknown>;
  } catch (error) {
    return `the answers file ${path} is not JSON: ${(error as Error).message}`;
  }
}

function main(argv: readonly string[]): number {
  const parsed = parseTriageArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${TRIAGE_USAGE}\n`);
      return 0;
    }
    process.stderr.write(`${parsed.problems.map((p) => `error: ${p}`).join('\n')}\n\n${TRIAGE_USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  let answers: Record<string, unknown> | undefined;
  if (args.answersPath !== null) {
    const read = readAnswers(args.answersPath);
    if (typeof read === 'string') {
      process.stderr.write(`error: ${read}\n`);
      return 1;
    }
    answers = read;
  }
  const request: HeadlessTriageRequest = {
    age: args.age,
    sex: args.sex,
    say: args.say,
    at: args.at ?? new Date(),
    ...(answers ? { answers } : {}),
    ...(args.zip !== null ? { zip: args.zip } : {}),
    ...(args.lineId !== null ? { lineId: args.lineId } : {}),
  };
  const result = runHeadlessTriage(request, loadTriageContent(RESOURCES));
  if (result.outcome === 'invalid-request') {
    process.stderr.write(`${result.problems.map((p) => `error: ${p}`).join('\n')}\n\n${TRIAGE_USAGE}\n`);
    return 2;
  }
  process.stdout.write(`${args.json ? JSON.stringify(result, null, 2) : result.outcome === 'triaged' ? formatTriaged(result) : formatNoProtocol(result)}\n`);
  return result.outcome === 'triaged' ? 0 : 3;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
