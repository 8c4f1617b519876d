import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, disposition, type Protocol } from '../../../../../src-preload/contract';
import { readInterview, restoreInterview, type InterviewEvent, type InterviewInput } from './index';
import { answerTruthfully, applicableQuestions, compiled, flatQuestions, inputOf, PROTOCOL_SETS, rankOf, SEXES } from './testing/fixtures';
import { resolveRule } from './vocabulary';

const arbInput: fc.Arbitrary<InterviewInput> = fc
  .record({ ageBand: fc.constantFrom(...AGE_BANDS), afterHours: fc.boolean(), sex: fc.constantFrom(...SEXES) })
  .map(({ ageBand, afterHours, sex }) => inputOf(ageBand, afterHours, sex));

const arbEvent: fc.Arbitrary<InterviewEvent> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<InterviewEvent>({ type: 'ANSWER', answer: 'no' }) },
  { weight: 1, arbitrary: fc.constant<InterviewEvent>({ type: 'ANSWER', answer: 'yes' }) },
  { weight: 2, arbitrary: fc.constant<InterviewEvent>({ type: 'BACK' }) },
  { weight: 1, arbitrary: fc.constant<InterviewEvent>({ type: 'CONFIRM' }) },
);

describe.each(PROTOCOL_SETS)('%s: properties', (name, protocols: readonly Protocol[]) => {
  const machine = compiled.get(name)!;
  const keys = flatQuestions(protocols).map((q) => q.key);
  /** Which symptoms the caller truly has: a random subset of all questions. */
  const arbTruth = fc.uniqueArray(fc.constantFrom(...keys), { maxLength: keys.length }).map((yes) => new Set(yes));

  /*
   * The invariant. With "first yes wins" the interview stops at the first yes, so among the questions asked there
   * is at most one yes and "the most urgent yes among asked questions" is trivially that one. The property that
   * matters is against what the caller would have said: for a caller answering truthfully, the disposition is at
   * least as urgent as the outcome of EVERY question that applies to this patient and would be answered yes,
   * including the ones never asked because the interview stopped earlier. Stopping early never under-triages.
   * It holds exactly when, for every patient and hours verdict, the applicable questions are ordered from most to
   * least urgent (red flags first), so this checks content ordering and the engine's first-yes-wins together.
   */
  it('stopping at the first yes never under-triages: disposition <= every applicable true yes', () => {
    fc.assert(
      fc.property(arbInput, arbTruth, (input, truth) => {
        const actor = answerTruthfully(machine, input, (k) => truth.has(k));
        const { context } = actor.getSnapshot();
        const decided = context.decision!;
        expect(actor.getSnapshot().value).toBe('decided');
        const trueApplicable = applicableQuestions(protocols, input, (k) => truth.has(k)).filter((q) => truth.has(q.key));
        const rank = disposition(decided.disposition).rank;
        for (const q of trueApplicable) expect(rank, `${q.key}`).toBeLessThanOrEqual(rankOf(q, input.afterHours));
        // First yes wins: at most one yes, it is the last answer, and it decided with its own rule.
        const yeses = context.answers.filter((a) => a.answer === 'yes');
        expect(yeses.length).toBeLessThanOrEqual(1);
        const first = trueApplicable[0];
        if (first) {
          expect(context.answers.at(-1)).toMatchObject({ protocolId: first.protocol.id, questionId: first.question.id, answer: 'yes' });
          expect(decided.disposition).toBe(resolveRule(first.question.onYes.disposition, input.afterHours));
        } else {
          expect(yeses).toEqual([]);
          expect(decided.questionId).toBeNull();
        }
        // A true, applicable red flag always ends in call-911 or ed-now.
        if (trueApplicable.some((q) => q.protocol.kind === 'red-flag-screen')) expect(rank).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('random event sequences (with BACK and stray events) keep every invariant; BACK exactly undoes an ANSWER; snapshots resume', () => {
    fc.assert(
      fc.property(arbInput, fc.array(arbEvent, { maxLength: 60 }), (input, events) => {
        const actor = createActor(machine, { input });
        actor.start();
        for (const event of events) {
          const before = actor.getSnapshot();
          if (before.status === 'done') break; // a confirmed interview is stopped: nothing more to send
          actor.send(event);
          const after = actor.getSnapshot();
          expect(after.status).not.toBe('error');
          const view = readInterview(protocols, after);
          // At most one yes, only ever as the last answer, and only when decided.
          const yesAt = after.context.answers.findIndex((a) => a.answer === 'yes');
          if (yesAt !== -1) expect(yesAt).toBe(after.context.answers.length - 1);
          expect(view.disposition === null).toBe(view.status === 'asking');
          if (event.type === 'ANSWER' && before.hasTag('question')) {
            // ...and BACK right after restores exactly the state before the answer.
            actor.send({ type: 'BACK' });
            expect(actor.getSnapshot().value).toBe(before.value);
            expect(actor.getSnapshot().context).toEqual(before.context);
            actor.send(event);
            expect(actor.getSnapshot().context).toEqual(after.context);
          }
        }
        const restored = restoreInterview(protocols, JSON.parse(JSON.stringify(actor.getPersistedSnapshot())), machine);
        expect(restored.ok).toBe(true);
        if (restored.ok) {
          const resumed = createActor(machine, { snapshot: restored.snapshot, input });
          resumed.start();
          expect(readInterview(protocols, resumed.getSnapshot())).toEqual(readInterview(protocols, actor.getSnapshot()));
        }
      }),
      { numRuns: 200 },
    );
  });
});
