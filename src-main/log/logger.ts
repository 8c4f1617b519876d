/**
 * Structured log lines for operations. Careline logs no PHI: callers pass an event name and a small set of
 * non-identifying fields (channel names, error codes, counts, durations). Values that are not numbers,
 * booleans or short codes are dropped, so a patient's name cannot slip in through a careless call.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

const SAFE_STRING = /^[A-Za-z0-9_.:\-/]{0,80}$/;
/**
 * Code-shaped strings that are still identifiers: calendar dates (a birth date is PHI; log lines carry their
 * own timestamp, so a field never needs a date) and long digit runs once separators are dropped (phone
 * numbers, SSNs, MRNs). Log counts and durations as numbers.
 */
const DATE_SHAPED = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}/;
const LONG_DIGIT_RUN = /\d{7,}/;

function isSafeString(value: string): boolean {
  return SAFE_STRING.test(value) && !DATE_SHAPED.test(value) && !LONG_DIGIT_RUN.test(value.replace(/[-.:/]/g, ''));
}

/** Keeps only values that cannot carry free text. */
export function scrubFields(fields: LogFields = {}): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && !isSafeString(value)) {
      out[key] = '[redacted]';
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function createConsoleLogger(minLevel: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, event, fields) {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      write(JSON.stringify({ t: new Date().toISOString(), level, event, ...scrubFields(fields) }));
    },
  };
}

/** A logger that remembers lines, for tests that assert nothing sensitive is written. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log(level, event, fields) {
      lines.push(JSON.stringify({ level, event, ...scrubFields(fields) }));
    },
  };
}
