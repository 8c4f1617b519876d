import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, disposition, isLinkOutcome, questionOutcomes, type Protocol } from '../../../../../src-preload/contract';
import { readInterview, type InterviewInput, type InterviewMachine } from './index';
import { answerProblemFor, answerSpecOf } from './answerRules';
import type { InterviewPlan } from './interviewPlan';
import { allInputs, applicableQuestions, compiled, eventsFor, inputOf, planOf, PROTOCOL_SETS } from './testing/fixtures';

const pathCache = new Map<string, ReturnType<typeof getSimplePaths<InterviewMachine>>>();
/** Every complete interview (initial state to 'confirmed') for one input; BACK is left to the property tests. */
function completePaths(machine: InterviewMachine, plan: InterviewPlan, input: InterviewInput) {
  const key = `${plan.refs.map((r) => r.id).join()}|${JSON.stringify(input)}`;
  const cached = pathCache.get(key);
  if (cached) return cached;
  const paths = getSimplePaths(machine, { input, events: eventsFor(plan, false), toState: (s) => s.status === 'done' });
  pathCache.set(key, paths);
  return paths;
}

/** Every state an input can reach (with the representative answers of each question, BACK and CONFIRM). */
function reachable(machine: InterviewMachine, plan: InterviewPlan, input: InterviewInput) {
  return getShortestPaths(machine, { input, events: eventsFor(plan) });
}

/** Exhaustive path generation on 2 shared cores can take longer than the 5 s default; it asserts no timing. */
const EXHAUSTIVE_TIMEOUT = 60_000;

/** Questions whose conditions read earlier answers: whether they are reached depends on the answers given. */
const answerDependent = (q: InterviewPlan['questions'][number]) => q.question.enableWhen.some((c) => c.type === 'choice' || c.type === 'number');

describe.each(PROTOCOL_SETS)('%s: path generation over every input that matters', (name, protocols: readonly Protocol[]) => {
  const machine = compiled.get(name)!;
  const plan = planOf(protocols);
  const redFlagKeys = new Set(plan.questions.filter((q) => q.protocol.kind === 'red-flag-screen').map((q) => q.key));
  const inputs = allInputs(plan);

  it('every question state is reached for the inputs whose conditions allow it (and only those); decided and confirmed always', () => {
    const seenAnywhere = new Set<string>();
    for (const input of inputs) {
      const states = new Set(reachable(machine, plan, input).map((p) => String(p.state.value)));
      states.forEach((s) => seenAnywhere.add(s));
      const expected = new Set(applicableQuestions(plan.protocols, input, () => false).map((q) => q.key));
      // A linked protocol opens when a question linking to it is reached: then its questions that apply to
      // this input must be reachable too.
      for (const q of plan.questions) {
        for (const { outcome } of questionOutcomes(q.question)) {
          if (!isLinkOutcome(outcome) || !states.has(q.key)) continue;
          const target = plan.byId.get(outcome.goTo)!;
          if (!target.audience.ageBands.includes(input.ageBand)) continue;
          for (const linked of applicableQuestions([target], input, () => false)) if (!answerDependent(plan.byKey.get(linked.key)!)) expected.add(linked.key);
        }
      }
      for (const q of plan.questions) {
        if (answerDependent(q)) {
          if (expected.has(q.key)) expect(states.has(q.key), `${q.key} for ${JSON.stringify(input)}`).toBe(true);
        } else {
          expect(states.has(q.key), `${q.key} for ${JSON.stringify(input)}`).toBe(expected.has(q.key));
        }
      }
      expect(states.has('decided')).toBe(true);
      expect(states.has('confirmed')).toBe(true);
    }
    // Linked protocols' questions included: no state is unreachable for every input.
    expect([...seenAnywhere].sort()).toEqual([...plan.questions.map((q) => q.key), 'decided', 'confirmed'].sort());
  });

  it('every path ends in a disposition: no dead ends, refused answers change nothing, every complete path carries one', () => {
    for (const input of inputs) {
      const paths = reachable(machine, plan, input);
      for (const p of paths) {
        const value = String(p.state.value);
        expect(p.state.status).not.toBe('error');
        if (value === 'confirmed') expect(p.state.status).toBe('done');
        else expect(p.state.hasTag('question') || value === 'decided', value).toBe(true);
        if (value === 'decided' || value === 'confirmed') expect(readInterview(protocols, p.state).disposition).not.toBeNull();
      }
      const complete = completePaths(machine, plan, input);
      expect(complete.length).toBeGreaterThan(0);
      for (const path of complete) {
        expect(path.state.output?.disposition.id, JSON.stringify(input)).toBeDefined();
        expect(path.steps.at(-1)?.event.type).toBe('CONFIRM');
        // A refused answer (out of range, wrong shape) is never recorded: every recorded value was accepted.
        for (const a of path.state.context.answers) {
          if (a.answer !== 'not-asked') expect(answerProblemFor(answerSpecOf(plan.byKey.get(`${a.protocolId}/${a.questionId}`)!.question), a.answer)).toBeNull();
        }
      }
      // The all-non-deciding path ends in the main chain's fallback.
      const fallback = complete.filter((p) => p.state.context.decision?.questionId === null && p.state.context.links.length === 0);
      expect(fallback.map((p) => p.state.context.decision?.protocolId)).toContain(plan.fallbackProtocol.id);
    }
  }, EXHAUSTIVE_TIMEOUT);

  it('red flags first and never skipped; a red-flag yes gives call-911 or ed-now and ends the interview', () => {
    for (const input of inputs) {
      const applicableRedFlags = applicableQuestions(plan.protocols, input, () => false).filter((q) => redFlagKeys.has(q.key)).map((q) => q.question.id);
      for (const path of completePaths(machine, plan, input)) {
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
  }, EXHAUSTIVE_TIMEOUT);

  it('the office/after-hours split gives different dispositions for the same answers', () => {
    let splits = 0;
    for (const ageBand of AGE_BANDS) {
      const office = completePaths(machine, plan, inputOf(ageBand, false));
      const after = completePaths(machine, plan, inputOf(ageBand, true));
      for (const p of office) {
        const last = p.state.context.answers.at(-1);
        const twin = after.find((q) => JSON.stringify(q.state.context.answers) === JSON.stringify(p.state.context.answers));
        expect(twin, `${ageBand}: same answers after hours`).toBeDefined();
        if (p.state.context.decision?.dependsOnHours) {
          splits += 1;
          expect(twin!.state.output!.disposition.id, `${ageBand} ${last?.questionId}`).not.toBe(p.state.output!.disposition.id);
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
  const protocols = PROTOCOL_SETS.find(([name]) => name === 'red-flags + fever')![1];
  const plan = planOf(protocols);
  it('infant under 3 months with a fever is ed-now at any hour', () => {
    for (const afterHours of [false, true]) {
      const paths = completePaths(machine, plan, inputOf('infant-under-3-months', afterHours, 'male'));
      const feverYes = paths.filter((p) => p.state.context.decision?.questionId === 'young-infant-fever');
      expect(feverYes).toHaveLength(1);
      expect(feverYes[0]!.state.output!.disposition.id).toBe('ed-now');
    }
  });

  it.each([false, true])('infant temperature: 102.2 °F and above, or unknown, is seen the same day (afterHours=%s); below it moves on', (afterHours) => {
    const paths = completePaths(machine, plan, inputOf('infant', afterHours, 'female'));
    const want = afterHours ? 'seen-within-4-hours' : 'seen-today';
    const byTemperature = paths.filter((p) => p.state.context.decision?.questionId === 'infant-temperature');
    expect(byTemperature.map((p) => p.state.context.decision?.reachedBy).sort()).toEqual(['band:0', 'band:0', 'unknown']);
    for (const p of byTemperature) expect(p.state.output!.disposition.id).toBe(want);
    const below = paths.filter((p) => p.state.context.answers.some((a) => a.questionId === 'infant-temperature' && typeof a.answer === 'object' && 'number' in a.answer && a.answer.number < 102.2));
    expect(below.length).toBeGreaterThan(0);
    for (const p of below) expect(p.state.context.decision?.questionId).not.toBe('infant-temperature');
  });

  it('branches on every age band: each band sees a different set of questions', () => {
    const sets = AGE_BANDS.map((b) => applicableQuestions(protocols, inputOf(b, false), () => false).map((q) => q.key).join());
    expect(new Set(sets).size).toBe(AGE_BANDS.length);
  });
});
