import type { Protocol } from '../../src-preload/contract';
import { findProtocolLinkProblems } from '../../src-preload/contract/domain/protocolLinks';
import type { ProtocolLoadResult } from './loadProtocolText';

/** One file as read from disk and checked on its own. `file` is how reports name it (a path). */
export interface LoadedProtocolFile {
  readonly file: string;
  readonly result: ProtocolLoadResult;
}

export type ProtocolOrigin = 'built-in' | 'imported';

/**
 * What became of one imported file: `loaded` (in use), `not-used` (valid, but another file or the built-in
 * set has the same protocol at an equal or higher version) or `refused` (invalid, or its links are broken).
 */
export interface ImportVerdict {
  readonly file: string;
  readonly status: 'loaded' | 'not-used' | 'refused';
  readonly protocolId: string | null;
  readonly version: string | null;
  /** Why, one line each; for `loaded`, what it replaced if anything. */
  readonly notes: readonly string[];
}

type DraftVerdict = { -readonly [K in keyof ImportVerdict]: ImportVerdict[K] } & { notes: string[] };

export interface InstalledProtocol {
  readonly protocol: Protocol;
  readonly origin: ProtocolOrigin;
  readonly file: string;
}

export interface ProtocolSet {
  readonly protocols: ReadonlyMap<string, InstalledProtocol>;
  /** Problems of the built-in content: our bug, so the library refuses to start with any. */
  readonly builtInProblems: readonly string[];
  readonly imports: readonly ImportVerdict[];
}

/** Numeric comparison of "major.minor.patch" (the schema guarantees the shape). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Combine the built-in protocols with imported (licensed) content. Pure: files are read elsewhere.
 *
 * - An imported protocol replaces a built-in one with the same id only with a higher version; between two
 *   imports of one id the higher version wins and an equal version keeps the first file (folders in the
 *   order configured, files by name).
 * - Invalid imported files are refused; everything else still loads.
 * - The whole set is then link-checked; an imported protocol involved in a broken link or a cycle is refused
 *   and the built-in version it replaced, if any, is used again. Repeated until the set is sound: a refusal
 *   can break links that pointed at the refused protocol.
 */
export function assembleProtocolSet(builtIn: readonly LoadedProtocolFile[], imported: readonly LoadedProtocolFile[]): ProtocolSet {
  const { builtInById, builtInProblems } = indexBuiltIn(builtIn);
  const { chosen, verdicts, verdictOf } = chooseImports(imported, builtInById);
  const protocols = new Map<string, InstalledProtocol>([...builtInById, ...chosen]);
  builtInProblems.push(...refuseBrokenLinks(protocols, builtInById, verdictOf, new Set(builtInProblems)));

  for (const installed of protocols.values()) {
    if (installed.origin !== 'imported') continue;
    const { id, version } = installed.protocol;
    const builtInVersion = builtInById.get(id)?.protocol.version;
    verdictOf.get(installed)?.notes.push(
      builtInVersion ? `${installed.file}: ${id} ${version} replaces the built-in ${builtInVersion} (higher version)` : `${installed.file}: ${id} ${version} added`,
    );
  }
  return { protocols, builtInProblems, imports: verdicts };
}

/** The built-in set by id, with its own problems (invalid files, duplicate ids, broken links). */
function indexBuiltIn(builtIn: readonly LoadedProtocolFile[]): { builtInById: Map<string, InstalledProtocol>; builtInProblems: string[] } {
  const builtInProblems: string[] = [];
  const builtInById = new Map<string, InstalledProtocol>();
  for (const { file, result } of builtIn) {
    if (!result.ok) builtInProblems.push(...result.problems);
    else if (builtInById.has(result.protocol.id)) builtInProblems.push(`${file}: duplicate protocol id ${result.protocol.id} (also in ${builtInById.get(result.protocol.id)?.file})`);
    else builtInById.set(result.protocol.id, { protocol: result.protocol, origin: 'built-in', file });
  }
  builtInProblems.push(...findProtocolLinkProblems([...builtInById.values()].map((i) => i.protocol)).map((p) => `built-in protocols: ${p.message}`));
  return { builtInById, builtInProblems };
}

/** Which valid import of each id would be used, by the version rules; a verdict for every imported file. */
function chooseImports(
  imported: readonly LoadedProtocolFile[],
  builtInById: ReadonlyMap<string, InstalledProtocol>,
): { chosen: Map<string, InstalledProtocol>; verdicts: DraftVerdict[]; verdictOf: Map<InstalledProtocol, DraftVerdict> } {
  const verdicts: DraftVerdict[] = [];
  // An installed import finds its verdict through this map, whatever later steps decide about it.
  const verdictOf = new Map<InstalledProtocol, DraftVerdict>();
  const chosen = new Map<string, InstalledProtocol>();
  for (const { file, result } of imported) {
    if (!result.ok) {
      verdicts.push({ file, status: 'refused', protocolId: null, version: null, notes: [...result.problems] });
      continue;
    }
    const { id, version } = result.protocol;
    const verdict: DraftVerdict = { file, status: 'loaded', protocolId: id, version, notes: [] };
    verdicts.push(verdict);
    const rival = chosen.get(id) ?? builtInById.get(id);
    const builtInKind = builtInById.get(id)?.protocol.kind;
    if (builtInKind && builtInKind !== result.protocol.kind) {
      // Service lines and the interview offer a protocol by id for its kind: a red-flag screen is asked first.
      verdict.status = 'refused';
      verdict.notes.push(`${file}: ${id} is a ${builtInKind} protocol in the built-in set; an import may not make it a ${result.protocol.kind} (use a new id)`);
      continue;
    }
    if (rival && compareVersions(version, rival.protocol.version) <= 0) {
      verdict.status = 'not-used';
      verdict.notes.push(
        `${file}: ${id} ${version} is not used: ${rival.origin === 'built-in' ? `the built-in ${id} is` : `${rival.file} has ${id}`} ${rival.protocol.version}; an import replaces a protocol only with a higher version`,
      );
      continue;
    }
    const replaced = rival && verdictOf.get(rival);
    if (replaced) {
      replaced.status = 'not-used';
      replaced.notes.push(`${replaced.file}: ${id} ${replaced.version} is not used: ${file} has the higher version ${version}`);
    }
    const installed: InstalledProtocol = { protocol: result.protocol, origin: 'imported', file };
    chosen.set(id, installed);
    verdictOf.set(installed, verdict);
  }
  return { chosen, verdicts, verdictOf };
}

/**
 * Link-check `protocols` (changed in place) until it is sound: every import involved in a problem is refused
 * and replaced by its built-in version if there is one. Each round removes at least one import, so it ends.
 * Returns problems that involve built-in protocols only, not already in `reported`.
 */
function refuseBrokenLinks(
  protocols: Map<string, InstalledProtocol>,
  builtInById: ReadonlyMap<string, InstalledProtocol>,
  verdictOf: ReadonlyMap<InstalledProtocol, DraftVerdict>,
  reported: Set<string>,
): string[] {
  const builtInOnly: string[] = [];
  for (;;) {
    const refusedNow = new Map<string, InstalledProtocol>();
    for (const problem of findProtocolLinkProblems([...protocols.values()].map((i) => i.protocol))) {
      const importedIds = problem.protocolIds.filter((id) => protocols.get(id)?.origin === 'imported');
      for (const id of importedIds) {
        const installed = protocols.get(id) as InstalledProtocol;
        const verdict = verdictOf.get(installed);
        if (!verdict) continue;
        verdict.status = 'refused';
        verdict.notes.push(`${installed.file}: refused: ${problem.message}`);
        refusedNow.set(id, installed);
      }
      // Cannot happen while the built-in set is sound on its own; reported rather than assumed.
      const message = `built-in protocols: ${problem.message}`;
      if (importedIds.length === 0 && !reported.has(message)) {
        reported.add(message);
        builtInOnly.push(message);
      }
    }
    if (refusedNow.size === 0) return builtInOnly;
    for (const [id, installed] of refusedNow) {
      const fallback = builtInById.get(id);
      if (fallback) {
        protocols.set(id, fallback);
        verdictOf.get(installed)?.notes.push(`${installed.file}: the built-in ${id} ${fallback.protocol.version} is used instead`);
      } else protocols.delete(id);
    }
  }
}
