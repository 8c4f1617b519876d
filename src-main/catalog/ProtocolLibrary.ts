import type { Protocol } from '../../src-preload/contract';
import { assembleProtocolSet, type ImportVerdict, type InstalledProtocol, type ProtocolOrigin } from './assembleProtocolSet';
import { readProtocolDirectory } from './readProtocolDirectory';

export interface ProtocolLibraryOptions {
  /** The shipped content (resources/protocols). Invalid built-in content stops start-up: it is our bug. */
  readonly builtInDir: string;
  /** Folders of imported (licensed) content, from the configuration's `protocolImportDirs`. */
  readonly importDirs?: readonly string[];
}

/**
 * Clinical content: the built-in protocols plus any imported content packs, each file validated against the
 * contract's schema and the whole set link-checked (assembleProtocolSet). Invalid imports are refused and
 * reported through `problems()` while the rest loads; clinical changes never touch code.
 */
export class ProtocolLibrary {
  private constructor(
    private readonly protocols: ReadonlyMap<string, InstalledProtocol>,
    private readonly importVerdicts: readonly ImportVerdict[],
    private readonly folderProblems: readonly string[],
  ) {}

  /** The built-in set alone, as before imports existed. Throws, naming every file and reason, if it is invalid. */
  static fromDirectory(dir: string): ProtocolLibrary {
    return ProtocolLibrary.load({ builtInDir: dir });
  }

  /** Built-in content plus imports. Throws only for invalid built-in content; import problems are values. */
  static load(options: ProtocolLibraryOptions): ProtocolLibrary {
    const builtIn = readProtocolDirectory(options.builtInDir);
    const imports = (options.importDirs ?? []).map(readProtocolDirectory);
    const set = assembleProtocolSet(
      builtIn.files,
      imports.flatMap((d) => d.files),
    );
    const builtInProblems = [...builtIn.problems, ...set.builtInProblems];
    if (builtInProblems.length) throw new Error(`Protocol content in ${options.builtInDir} is invalid:\n${builtInProblems.join('\n')}`);
    return new ProtocolLibrary(set.protocols, set.imports, imports.flatMap((d) => d.problems));
  }

  get(id: string): Protocol | null {
    return this.protocols.get(id)?.protocol ?? null;
  }

  ids(): string[] {
    return [...this.protocols.keys()];
  }

  /** Where the protocol in use comes from, for the status screen and the chart's provenance. */
  origin(id: string): { readonly origin: ProtocolOrigin; readonly file: string; readonly version: string } | null {
    const installed = this.protocols.get(id);
    return installed ? { origin: installed.origin, file: installed.file, version: installed.protocol.version } : null;
  }

  /**
   * What was refused or left unused among the imports, and why, one line each (for the status UI and logs;
   * protocol content holds no PHI). Empty when every import loaded.
   */
  problems(): string[] {
    return [...this.folderProblems, ...this.importVerdicts.filter((v) => v.status !== 'loaded').flatMap((v) => v.notes)];
  }

  /** Every imported file's outcome, including what loaded and what it replaced. */
  imports(): readonly ImportVerdict[] {
    return this.importVerdicts;
  }
}
