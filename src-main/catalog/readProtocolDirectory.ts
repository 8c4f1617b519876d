import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedProtocolFile } from './assembleProtocolSet';
import { loadProtocolBytes, printableFileName, PROTOCOL_FILE_LIMITS, protocolTooLarge } from './loadProtocolText';

export interface ProtocolDirectory {
  /** Every `*.json` file directly in the folder, sorted by name, each checked on its own. */
  readonly files: readonly LoadedProtocolFile[];
  /** Problems with the folder itself or with files that could not be read as protocols at all. */
  readonly problems: readonly string[];
}

/**
 * Read a folder of protocol files (not its subfolders). Only `.json` is read: YAML would need a parser package
 * Careline does not ship, so a `.yaml`/`.yml` file is reported rather than silently ignored. A file larger than
 * the limit is refused from its size, without reading it. Never throws.
 */
export function readProtocolDirectory(dir: string): ProtocolDirectory {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    return { files: [], problems: [`${dir}: cannot read this protocol folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
  const files: LoadedProtocolFile[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const path = printableFileName(join(dir, name));
    if (/\.ya?ml$/i.test(name)) {
      problems.push(`${path}: YAML is not supported; convert the protocol to JSON (same structure)`);
      continue;
    }
    if (!name.endsWith('.json')) continue;
    files.push({ file: path, result: readOne(join(dir, name), path) });
  }
  return { files, problems };
}

/** `shown` is the path as reports print it. */
function readOne(path: string, shown: string): LoadedProtocolFile['result'] {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { ok: false, problems: [`${shown}: not a regular file`] };
    if (stat.size > PROTOCOL_FILE_LIMITS.maxBytes) return protocolTooLarge(shown, stat.size);
    return loadProtocolBytes(shown, readFileSync(path));
  } catch (error) {
    return { ok: false, problems: [`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
}
