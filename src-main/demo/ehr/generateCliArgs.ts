/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Command-line arguments of the synthetic population generator (generateCli.ts), parsed into a typed result
 * with messages a user can act on.
 */
import { parseIsoDate } from './calendarDates';
import { DEFAULT_REFERENCE_DATE, MAX_PATIENTS } from './syntheticPopulation';

export interface GenerateCliOptions {
  readonly patients: number;
  readonly seed: number;
  readonly referenceDate: string;
  /** A file path, or "-" for stdout. */
  readonly out: string;
}

export type ParsedArgs = { readonly ok: true; readonly options: GenerateCliOptions } | { readonly ok: false; readonly help: boolean; readonly message: string };

export const USAGE = `Usage: tsx src-main/demo/ehr/generateCli.ts --out <file|-> [--patients N] [--seed N] [--reference-date YYYY-MM-DD]

Writes a synthetic (invented) patient population as FHIR R4 NDJSON, one resource per line.
  --out             file to write, or - for stdout (required)
  --patients        number of patients, 0-${MAX_PATIENTS} (default 500)
  --seed            integer seed; the same seed gives the same output (default 42)
  --reference-date  "today" for ages, visit history and slots (default ${DEFAULT_REFERENCE_DATE})`;

export function parseGenerateArgs(argv: readonly string[]): ParsedArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { ok: false, help: true, message: USAGE };
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!['--patients', '--seed', '--out', '--reference-date'].includes(flag)) return fail(`Unknown argument "${arg}".`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) return fail(`${flag} needs a value.`);
    if (flag in values) return fail(`${flag} given twice.`);
    values[flag] = value;
  }
  const out = values['--out'];
  if (!out) return fail('--out is required (a file path, or - for stdout).');
  const patients = integer(values['--patients'] ?? '500');
  if (patients === undefined || patients < 0 || patients > MAX_PATIENTS) return fail(`--patients must be an integer from 0 to ${MAX_PATIENTS}.`);
  const seed = integer(values['--seed'] ?? '42');
  if (seed === undefined) return fail('--seed must be an integer.');
  const referenceDate = values['--reference-date'] ?? DEFAULT_REFERENCE_DATE;
  try {
    parseIsoDate(referenceDate);
  } catch (error) {
    return fail(`--reference-date: ${(error as Error).message}`);
  }
  return { ok: true, options: { patients, seed, referenceDate, out } };
}

function integer(text: string): number | undefined {
  if (!/^-?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

function fail(message: string): ParsedArgs {
  return { ok: false, help: false, message: `${message}\n\n${USAGE}` };
}
