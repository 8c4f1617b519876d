import { assembleProtocolSet, type ImportVerdict } from './assembleProtocolSet';
import type { ProtocolDirectory } from './readProtocolDirectory';

export interface PackFileReport {
  readonly file: string;
  readonly status: ImportVerdict['status'];
  readonly protocolId: string | null;
  readonly version: string | null;
  /** One line each, without the file name (the report already groups by file). */
  readonly reasons: readonly string[];
}

export interface PackReport {
  /** True when every file loads and nothing else is wrong: the pack can be deployed as it is. */
  readonly ok: boolean;
  readonly files: readonly PackFileReport[];
  /** Problems with the folder or the built-in set, not tied to one file of the pack. */
  readonly problems: readonly string[];
  readonly builtInCount: number;
}

/**
 * What hospital IT needs to know before deploying a content pack: each file's fate exactly as the workstation
 * would decide it (same loader, same merge with the built-in set, same link check). A file that is valid but
 * not used (the built-in or another file has an equal or higher version) does not fail the pack.
 */
export function checkProtocolPack(pack: ProtocolDirectory, builtIn: ProtocolDirectory): PackReport {
  const set = assembleProtocolSet(builtIn.files, pack.files);
  const problems = [...pack.problems, ...builtIn.problems.map((p) => `built-in: ${p}`), ...set.builtInProblems];
  if (pack.files.length === 0 && pack.problems.length === 0) problems.push('no .json protocol files in this folder');
  const files = set.imports.map((v) => ({
    file: v.file,
    status: v.status,
    protocolId: v.protocolId,
    version: v.version,
    reasons: v.notes.map((n) => (n.startsWith(`${v.file}: `) ? n.slice(v.file.length + 2) : n)),
  }));
  return { ok: problems.length === 0 && files.every((f) => f.status !== 'refused'), files, problems, builtInCount: builtIn.files.length };
}

const LABEL: Record<ImportVerdict['status'], string> = { loaded: 'OK', 'not-used': 'NOT USED', refused: 'REFUSED' };

/** The report as text for a terminal. */
export function formatPackReport(dir: string, report: PackReport): string {
  const lines = [`Checking ${report.files.length} protocol file(s) in ${dir} against ${report.builtInCount} built-in protocols`, ''];
  for (const f of report.files) {
    lines.push(`${LABEL[f.status].padEnd(9)} ${f.file}${f.protocolId ? `  (${f.protocolId} ${f.version})` : ''}`);
    for (const r of f.reasons) lines.push(`            - ${r}`);
  }
  for (const p of report.problems) lines.push(`PROBLEM   ${p}`);
  const refused = report.files.filter((f) => f.status === 'refused').length;
  lines.push('', report.ok ? 'Result: the pack is valid.' : `Result: NOT valid: ${refused} file(s) refused, ${report.problems.length} other problem(s).`);
  return lines.join('\n');
}
