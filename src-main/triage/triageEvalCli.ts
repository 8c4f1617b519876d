/**
 * `npm run triage:eval [-- --split dev|heldout] [--misses]`: scores headless triage on the blind vignette set
 * (tests/vignettes/blind), from the caller's words alone, and prints per split the exact level, safe (at or above
 * the gold level), emergencies under-triaged and a table by protocol. `--misses` lists the dev split's misses
 * (id, gold, reached, protocol); the held-out split is never listed, only counted, so nobody tunes to it.
 * Exit code 0 (figures are a report, not a gate; the gate lives in the tests once the targets are met).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseVignettes, requestOfVignette } from './blindVignette';
import { type EvaluatedCase, figuresOf, formatFigures } from './evaluateTriage';
import { runHeadlessTriage } from './headlessTriage';
import { loadTriageContent } from './loadTriageContent';

const ROOT = resolve(__dirname, '../..');

function main(argv: readonly string[]): number {
  const splitArg = argv.includes('--split') ? argv[argv.indexOf('--split') + 1] : undefined;
  if (splitArg !== undefined && splitArg !== 'dev' && splitArg !== 'heldout') {
    process.stderr.write('usage: npm run triage:eval [-- --split dev|heldout] [--misses]\n');
    return 2;
  }
  const content = loadTriageContent(resolve(ROOT, 'resources'));
  const vignettes = parseVignettes(readFileSync(resolve(ROOT, 'tests/vignettes/blind/vignettes.jsonl'), 'utf8'));
  const cases: EvaluatedCase[] = vignettes.map((v) => {
    const result = runHeadlessTriage(requestOfVignette(v), content);
    return {
      id: v.id,
      split: v.split,
      gold: v.gold,
      got: result.outcome === 'triaged' ? result.disposition.id : null,
      protocol: result.outcome === 'triaged' ? result.protocol.id : null,
    };
  });
  const splits = splitArg ? [splitArg] : ['dev', 'heldout'];
  process.stdout.write('Blind vignettes (tests/vignettes/blind), from the caller\'s words alone; unasked questions "no".\n\n');
  for (const split of splits) {
    process.stdout.write(`${formatFigures(figuresOf(split, cases.filter((c) => c.split === split)))}\n\n`);
  }
  if (argv.includes('--misses')) {
    const misses = cases.filter((c) => c.split === 'dev' && c.got !== c.gold);
    process.stdout.write(`dev misses (${misses.length}):\n`);
    for (const m of misses) process.stdout.write(`  ${m.id}  gold ${m.gold}  got ${m.got ?? '(none)'}  protocol ${m.protocol ?? '(none)'}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
