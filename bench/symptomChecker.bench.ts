/**
 * Symptom checker figures over the full index (every installed protocol and the full lexicon): index build
 * time (compileLexicon), and the time of one checkSymptoms call as an agent types (every prefix of typical
 * 5-40 word notes, i.e. one call per keystroke, p50/p95/p99) and on the full notes.
 * Run: npx tsx bench/symptomChecker.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Protocol } from '../src-preload/contract';
// The engine is pure renderer code that also runs headless; the bench measures it in Node (not main-process code).
import { checkSymptoms, compileLexicon } from '../src-renderer/src/features/symptom-checker/engine';
import { percentile, summary } from './stats';

const root = resolve(__dirname, '..');
const lexiconData: unknown = JSON.parse(readFileSync(join(root, 'resources/lexicon/lay-terms.json'), 'utf8'));
const protocolDir = join(root, 'resources/protocols');
const protocols = readdirSync(protocolDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => Protocol.parse(JSON.parse(readFileSync(join(protocolDir, f), 'utf8'))));
// The full index: every installed protocol (its questions' findings included) is ranked and pre-answered.
const installedProtocolIds = protocols.map((p) => p.id);

const NOTES = [
  'chest pain since this morning',
  "caller says she can't catch her breath and her lips look blue",
  'my son has been throwing up since yesterday, no fever but tummy ache',
  'denies chest pain, SOB x 2 days, temp 102, not sure if she has a fever or chills',
  'mom reports feever for 3 days, diarrea, peeing blood, no vomiting, baby is not drinking much and has no wet diapers since last night',
  'He fell and hit his head on the kitchen floor about an hour ago, was dizzy for a few minutes, threw up twice, denies passing out, but he has a bad headache and his neck is stiff. Temperature 38.9 C.',
  'pt is 34 weeks pregnant, HA, blurry vision, swollen ankles, n/v since tuesday, not sure if she had a seizure, husband says she was confused and not making sense for about 20 minutes',
  'sore throat two weeks, hurts to swallow, swollen glands, white spots on her tonsils, fever of 101.5 degrees F, cough and runny nose, earache on the left side, no rash, no stiff neck',
];

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

const compileTimes: number[] = [];
for (let i = 0; i < 30; i += 1) compileTimes.push(time(() => compileLexicon(lexiconData))[1]);
const lexicon = compileLexicon(lexiconData);
console.log(
  `full index: ${installedProtocolIds.length} installed protocols; lexicon ${lexicon.id} ${lexicon.version}: ${lexicon.stats.findings} findings, ` +
    `${lexicon.stats.patterns} patterns, ${lexicon.stats.vocabulary} spelling words`,
);
console.log(summary('index build time (compileLexicon, full lexicon)', compileTimes));

const run = (text: string) => checkSymptoms(text, lexicon, { installedProtocolIds, protocols });

// First call on a fresh lexicon (cold spelling cache), full notes.
const cold = NOTES.map((n) => time(() => checkSymptoms(n, compileLexicon(lexiconData), { installedProtocolIds, protocols }))[1]);
console.log(summary('cold call (fresh lexicon, full note)', cold));

for (let i = 0; i < 3; i += 1) for (const n of NOTES) run(n); // warm up the JIT

/** p50/p95/p99 in microseconds: the per-call figures are far below a millisecond. */
function micro(label: string, values: readonly number[]): string {
  const us = (p: number) => `${(percentile(values, p) * 1000).toFixed(0)} µs`;
  return `${label}: n=${values.length} p50=${us(50)} p95=${us(95)} p99=${us(99)} max=${(Math.max(...values) * 1000).toFixed(0)} µs`;
}

// Typing as an agent does: every prefix of a note, one call per keystroke, a fresh lexicon (empty spelling
// cache) for each note, so new and half-typed words pay for spelling correction.
const typing: number[] = [];
for (const note of NOTES) {
  const fresh = compileLexicon(lexiconData);
  for (let k = 1; k <= note.length; k += 1) {
    typing.push(time(() => checkSymptoms(note.slice(0, k), fresh, { installedProtocolIds, protocols }))[1]);
  }
}
console.log(micro('per keystroke over the full index, typing fresh (every prefix of 8 notes, 5-40 words)', typing));

const keystrokes: number[] = [];
for (let round = 0; round < 5; round += 1) {
  for (const note of NOTES) for (let k = 1; k <= note.length; k += 1) keystrokes.push(time(() => run(note.slice(0, k)))[1]);
}
console.log(micro('per keystroke over the full index, warm (same prefixes x5)', keystrokes));

for (const note of NOTES) {
  const words = note.split(/\s+/).length;
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) times.push(time(() => run(note))[1]);
  console.log(micro(`full note, ${String(words).padStart(2)} words`, times));
}
