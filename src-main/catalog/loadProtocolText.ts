import { Protocol } from '../../src-preload/contract';
import { jsonSyntaxProblem } from './jsonSyntaxProblem';
import { bounded, schemaIssueMessages } from './schemaIssueMessages';

export type ProtocolLoadResult = { readonly ok: true; readonly protocol: Protocol } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Limits for one protocol file. The largest shipped protocol is about 20 KiB and 7 levels deep, so these leave
 * room for rich licensed content while refusing files that could only be mistakes or attacks.
 */
export const PROTOCOL_FILE_LIMITS = {
  /** 1 MiB of UTF-8. */
  maxBytes: 1024 * 1024,
  /** Nesting of objects and arrays. */
  maxDepth: 32,
  /** Schema problems listed per file; the rest are counted, since the first ones usually explain them. */
  maxProblems: 12,
} as const;

const MAX_FILE_NAME = 160;

/**
 * Read one protocol file's bytes: refuse what is too large or not UTF-8 before decoding, then load the text.
 * Never throws.
 */
export function loadProtocolBytes(fileName: string, bytes: Uint8Array): ProtocolLoadResult {
  const file = displayName(fileName);
  if (bytes.byteLength > PROTOCOL_FILE_LIMITS.maxBytes) return tooLarge(file, bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refused(file, ['not UTF-8 text; save the file as UTF-8 JSON']);
  }
  return loadProtocolText(fileName, text);
}

/**
 * Validate one protocol file's text against the contract's protocol schema. Never throws: every failure is a
 * list of problems, each starting with the file name, bounded in length and count. Links to other protocols
 * are checked over the whole set by the library (checkProtocolLinks), not here.
 */
export function loadProtocolText(fileName: string, text: string): ProtocolLoadResult {
  const file = displayName(fileName);
  try {
    return loadChecked(file, text);
  } catch (error) {
    // A bug of ours must not take the workstation down with a hostile file; say so plainly instead.
    return refused(file, [`internal error while checking this file (${error instanceof Error ? error.message : String(error)}); please report it`]);
  }
}

function loadChecked(file: string, raw: string): ProtocolLoadResult {
  if (raw.length > PROTOCOL_FILE_LIMITS.maxBytes) return tooLarge(file, raw.length);
  if (raw.length * 3 > PROTOCOL_FILE_LIMITS.maxBytes) {
    const bytes = new TextEncoder().encode(raw).byteLength;
    if (bytes > PROTOCOL_FILE_LIMITS.maxBytes) return tooLarge(file, bytes);
  }
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const syntax = jsonSyntaxProblem(text, PROTOCOL_FILE_LIMITS.maxDepth);
  if (syntax) return refused(file, [`not valid JSON: ${syntax}`]);
  const json: unknown = JSON.parse(text);

  const parsed = Protocol.safeParse(json);
  if (parsed.success) return { ok: true, protocol: parsed.data };
  const messages = schemaIssueMessages(parsed.error.issues, json);
  const shown = messages.slice(0, PROTOCOL_FILE_LIMITS.maxProblems);
  if (messages.length > shown.length) shown.push(`and ${messages.length - shown.length} more problems; fix the ones above first`);
  return refused(file, shown);
}

/** The refusal for a file whose size is known to exceed the limit, without reading it. */
export function protocolTooLarge(fileName: string, size: number): ProtocolLoadResult {
  return tooLarge(displayName(fileName), size);
}

function tooLarge(file: string, size: number): ProtocolLoadResult {
  return refused(file, [`${size} bytes is larger than the ${PROTOCOL_FILE_LIMITS.maxBytes} byte (1 MiB) limit for one protocol; split the content or check the file is a protocol`]);
}

function refused(file: string, problems: readonly string[]): ProtocolLoadResult {
  return { ok: false, problems: problems.map((p) => bounded(`${file}: ${p}`, MAX_FILE_NAME + 400)) };
}

/** File names come from disk and may be anything: no control characters (terminal escapes) in reports. */
export function printableFileName(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  return fileName.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Printable and short enough for one report line. */
function displayName(fileName: string): string {
  const printable = printableFileName(fileName);
  // Keep the end: for a long path the file name is what the author needs.
  return printable.length > MAX_FILE_NAME ? `…${printable.slice(printable.length - MAX_FILE_NAME + 1)}` : printable || '(unnamed file)';
}
