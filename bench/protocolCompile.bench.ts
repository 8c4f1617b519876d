/**
 * Interview engine figures: compile time of each interview the app builds ([red-flag screen, symptom protocol]
 * for every installed symptom protocol), of all of them in one pass, the time of one interview step (ANSWER +
 * readInterview, what the UI does per key press), and one whole headless triage.
 * Run: npx tsx bench/protocolCompile.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createActor } from 'xstate';
import { Protocol } from '../src-preload/contract';
// The engine is pure renderer code that also runs headless; the bench measures it in Node (not main-process code).
import { compileInterview, readInterview, type InterviewInput } from '../src-renderer/src/features/interview/engine';
import { runHeadlessTriage } from '../src-main/triage/headlessTriage';
import { loadTriageContent } from '../src-main/triage/loadTriageContent';
import { percentile, summary } from './stats';

const root = resolve(__dirname, '..');
const protocolDir = join(root, 'resources/protocols');
const protocols = readdirSync(protocolDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => Protocol.parse(JSON.parse(readFileSync(join(protocolDir, f), 'utf8'))));
const screens = protocols.filter((p) => p.kind === 'red-flag-screen');
const symptoms = protocols.filter((p) => p.kind === 'symptom');
const input: InterviewInput = { ageBand: 'adult', sex: 'female', afterHours: false, hoursBecause: 'open: bench' };
/** Links ("go to Abdominal pain") resolve against the installed set, as the app and headless triage do. */
const byId = new Map(protocols.map((p) => [p.id, p]));
const options = { resolve: (id: string) => byId.get(id) };

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

/** A fresh list each time: the compiler caches its plan per list, and the bench measures a cold compile. */
const interviewOf = (p: Protocol): Protocol[] => [...screens, p];

for (let i = 0; i < 5; i += 1) for (const p of symptoms) compileInterview(interviewOf(p), options); // warm up the JIT

const ROUNDS = 20;
console.log(`${symptoms.length} symptom protocols + ${screens.length} red-flag screen(s), ${protocols.reduce((n, p) => n + p.questions.length, 0)} questions in all`);
const perProtocol: number[] = [];
const rows: string[] = [];
for (const p of symptoms) {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) times.push(time(() => compileInterview(interviewOf(p), options))[1]);
  perProtocol.push(...times);
  rows.push(`  [${screens.map((s) => s.id).join(', ')}, ${p.id}] (${p.questions.length} q): p50=${percentile(times, 50).toFixed(2)} ms p95=${percentile(times, 95).toFixed(2)} ms`);
}
console.log(summary('compile one interview (validate + plan + machine), every installed protocol', perProtocol));
for (const row of rows) console.log(row);

const passes: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) passes.push(time(() => symptoms.forEach((p) => compileInterview(interviewOf(p), options)))[1]);
console.log(summary(`compile all ${symptoms.length} interviews in one pass`, passes));

// One interview step: send ANSWER "no" ("unknown" for choice, number and text questions) and derive the view, from the first question to the disposition.
const steps: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const p of symptoms) {
    const list = interviewOf(p);
    const actor = createActor(compileInterview(list, options), { input }).start();
    for (;;) {
      const view = readInterview(list, actor.getSnapshot(), options);
      if (view.status !== 'asking') break;
      steps.push(time(() => {
        actor.send({ type: 'ANSWER', answer: view.current?.type === 'yes-no' ? 'no' : 'unknown', source: 'asked' });
        return readInterview(list, actor.getSnapshot(), options);
      })[1]);
    }
    actor.stop();
  }
}
const us = (p: number) => `${(percentile(steps, p) * 1000).toFixed(0)} µs`;
console.log(`interview step (ANSWER + readInterview): n=${steps.length} p50=${us(50)} p95=${us(95)} p99=${us(99)}`);

const content = loadTriageContent(join(root, 'resources'));
const say = "chset pain and sweaty, can't catch my breath, not sure if he passed out, temp 101 for 2 days";
const triage = () => runHeadlessTriage({ age: { years: 64 }, sex: 'male', say, at: '2026-11-22T22:30' }, content);
for (let i = 0; i < 20; i += 1) triage();
const whole: number[] = [];
for (let i = 0; i < 200; i += 1) whole.push(time(triage)[1]);
console.log(summary('one headless triage (check words + compile + run to a disposition)', whole));
