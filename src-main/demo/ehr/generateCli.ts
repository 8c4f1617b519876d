/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Writes the synthetic population as NDJSON:
 *   tsx src-main/demo/ehr/generateCli.ts --patients 100000 --seed 42 --out /tmp/pop.ndjson
 * Progress and counts go to stderr so `--out -` can be piped. Exit codes: 0 done, 1 write failed, 2 bad
 * arguments.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseGenerateArgs } from './generateCliArgs';
import { writeNdjson } from './ndjsonWriter';
import { generatePopulation } from './syntheticPopulation';

async function main(): Promise<number> {
  const parsed = parseGenerateArgs(process.argv.slice(2));
  if (!parsed.ok) {
    (parsed.help ? process.stdout : process.stderr).write(`${parsed.message}\n`);
    return parsed.help ? 0 : 2;
  }
  const { patients, seed, referenceDate, out } = parsed.options;
  const started = performance.now();
  const target: Writable = out === '-' ? process.stdout : createWriteStream(out);
  let failure: Error | undefined;
  target.on('error', (error: Error) => {
    failure = error;
  });
  try {
    const summary = await writeNdjson(generatePopulation({ patients, seed, referenceDate }), target);
    if (out !== '-') {
      target.end();
      await once(target, 'finish');
    }
    if (failure) throw failure;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const types = Object.entries(summary.byType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ');
    process.stderr.write(
      `Synthetic demo population (simulation): ${summary.resources} resources (${types}), ` +
        `${(summary.bytes / 1e6).toFixed(1)} MB, seed ${seed}, reference date ${referenceDate}, in ${seconds} s -> ${out === '-' ? 'stdout' : out}\n`,
    );
    return 0;
  } catch (error) {
    const err = failure ?? (error as Error);
    // A closed pipe (e.g. `| head`) is the reader's choice, not a failure.
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    process.stderr.write(`Could not write ${out}: ${err.message}\n`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
