import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, disposition, type Protocol } from '../../../../../src-preload/contract';
import { readInterview, type InterviewEvent, type InterviewInput, type InterviewMachine } from './index';
import { allInputs, applicableQuestions, compiled, flatQuestions, inputOf, PROTOCOL_SETS } from './testing/fixtures';

const EVENTS: InterviewEvent[] = [{ type: 'ANSWER', answer: 'yes' }, { type: 'ANSWER', answer: 'no' }, { type: 'BACK' }, { type: 'CONFIRM' }];

/** Every complete interview (initial state to 'confirmed') for one input. */
function completePaths(machine: InterviewMachine, input: InterviewInput) {
  return getSimplePaths(machine, { input, events: EVENTS, toState: (s) => s.status === 'done' });
}

/** Every state an input can reach, each with its shortest path. */
function reachable(machine: InterviewMachine, input: InterviewInput) {
  return getShortestPaths(machine, { input, events: EVENTS });
}

describe.each(PROTOCOL_SETS)('%s: path generation over every age band x hours x sex', (name, protocols: readonly Protocol[]) => {
  const machine = compiled.get(name)!;
  const questions = flatQuestions(protocols);
  const redFlagKeys = new Set(questions.filter((q) => q.protocol.kind === 'red-flag-screen').map((q) => q.key));
  const inputs = allInputs();

  it('every question state is reached exactly for the inputs whose guards allow it; decided and confirmed always', () => {
    const seenAnywhere = new Set<string>();
    for (const input of inputs) {
      const states = new Set(reachable(machine, input).map((p) => String(p.state.value)));
      states.forEach((s) => seenAnywhere.add(s));
      const expected = new Set(applicableQuestions(protocols, input, () => false).map((q) => q.key));
      for (const q of questions) expect(states.has(q.key), `${q.key} for ${JSON.stringify(input)}`).toBe(expected.has(q.key));
      expect(states.has('decided')).toBe(true);
      expect(states.has('confirmed')).toBe(true);
    }
    expect([...seenAnywhere].sort()).toEqual([...questions.map((q) => q.key), 'decided', 'confirmed'].sort());
  });

  it('every path ends in a disposition: no dead ends, and every complete path carries one', () => {
    for (const input of inputs) {
      const paths = reachable(machine, input);
      // No dead end: every reachable state is a question, 'decided' (which CONFIRM leaves) or the final state.
      for (const p of paths) {
        const value = String(p.state.value);
        expect(p.state.status).not.toBe('error');
        if (value === 'confirmed') expect(p.state.status).toBe('done');
        else expect(p.state.hasTag('question') || value === 'decided', value).toBe(true);
        if (value === 'decided' || value === 'confirmed') expect(readInterview(protocols, p.state).disposition).not.toBeNull();
      }
      const complete = completePaths(machine, input);
      // One complete path per applicable question answered yes, plus the all-no path.
      expect(complete.length).toBe(applicableQuestions(protocols, input, () => false).length + 1);
      for (const path of complete) {
        expect(path.state.output?.disposition.id, JSON.stringify(input)).toBeDefined();
        expect(path.steps.at(-1)?.event.type).toBe('CONFIRM');
      }
    }
  });

  it('red flags first and never skipped; a red-flag yes gives call-911 or ed-now and ends the interview', () => {
    for (const input of inputs) {
      const applicableRedFlags = applicableQuestions(protocols, input, () => false).filter((q) => redFlagKeys.has(q.key)).map((q) => q.question.id);
      for (const path of completePaths(machine, input)) {
        const { answers, decision } = path.state.context;
        const firstSymptom = answers.findIndex((a) => !redFlagKeys.has(`${a.protocolId}/${a.questionId}`));
        const lastRedFlag = answers.findLastIndex((a) => redFlagKeys.has(`${a.protocolId}/${a.questionId}`));
        if (firstSymptom !== -1) {
          expect(lastRedFlag).toBeLessThan(firstSymptom);
          const asked = answers.slice(0, firstSymptom).filter((a) => a.answer !== 'not-asked').map((a) => a.questionId);
          expect(asked).toEqual(applicableRedFlags);
        }
        const redYes = answers.find((a) => a.answer === 'yes' && redFlagKeys.has(`${a.protocolId}/${a.questionId}`));
        if (redYes) {
          expect(firstSymptom).toBe(-1);
          expect(answers.at(-1)).toBe(redYes);
          expect(disposition(decision!.disposition).rank).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('the office/after-hours split gives different dispositions for the same answers', () => {
    let splits = 0;
    for (const ageBand of AGE_BANDS) {
      const office = completePaths(machine, inputOf(ageBand, false));
      const after = completePaths(machine, inputOf(ageBand, true));
      for (const p of office) {
        const yes = p.state.context.answers.at(-1);
        const twin = after.find((q) => JSON.stringify(q.state.context.answers) === JSON.stringify(p.state.context.answers));
        expect(twin, `${ageBand}: same answers after hours`).toBeDefined();
        if (p.state.context.decision?.dependsOnHours) {
          splits += 1;
          expect(twin!.state.output!.disposition.id, `${ageBand} ${yes?.questionId}`).not.toBe(p.state.output!.disposition.id);
          expect(p.state.output!.disposition.because).toContain('· office hours (open:');
          expect(twin!.state.output!.disposition.because).toContain('· after hours (closed:');
        } else {
          expect(twin!.state.output!.disposition.id).toBe(p.state.output!.disposition.id);
        }
      }
    }
    expect(splits).toBeGreaterThan(0);
  });
});

describe('fever specifics', () => {
  const machine = compiled.get('red-flags + fever')!;
  it.each([false, true])('infant under 3 months with a fever is ed-now at any hour (afterHours=%s)', (afterHours) => {
    for (const sex of ['male', 'female'] as const) {
      const paths = completePaths(machine, inputOf('infant-under-3-months', afterHours, sex));
      const feverYes = paths.filter((p) => p.state.context.decision?.questionId === 'young-infant-fever');
      expect(feverYes).toHaveLength(1);
      expect(feverYes[0]!.state.output!.disposition.id).toBe('ed-now');
    }
  });

  it('branches on every age band: each band sees a different set of questions', () => {
    const protocols = PROTOCOL_SETS.find(([name]) => name === 'red-flags + fever')![1];
    const sets = AGE_BANDS.map((b) => applicableQuestions(protocols, inputOf(b, false), () => false).map((q) => q.key).join());
    expect(new Set(sets).size).toBe(AGE_BANDS.length);
  });
});
