/**
 * Validate a protocol content pack before deploying it:
 *   npm run protocols:check -- <folder> [--json]
 * Each `.json` file is checked exactly as the workstation would load it (with the built-in protocols, for
 * versions and links). Exit code 0 when the pack is valid, 1 when something is refused, 2 for usage errors.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkProtocolPack, formatPackReport } from './checkProtocolPack';
import { readProtocolDirectory } from './readProtocolDirectory';

const USAGE = 'usage: npm run protocols:check -- <folder> [--json]';
const builtInDir = resolve(__dirname, '../../resources/protocols');

function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`expected exactly one folder, got ${parsed.positionals.length}\n${USAGE}\n`);
    return 2;
  }
  const dir = resolve(parsed.positionals[0] as string);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`${dir} is not a folder\n${USAGE}\n`);
    return 2;
  }
  const report = checkProtocolPack(readProtocolDirectory(dir), readProtocolDirectory(builtInDir));
  process.stdout.write(parsed.values.json ? `${JSON.stringify({ folder: dir, ...report }, null, 2)}\n` : `${formatPackReport(dir, report)}\n`);
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
