import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, disposition, isLinkOutcome, type Protocol } from '../../../../../src-preload/contract';
import { readInterview, restoreInterview, type AnswerValue, type InterviewEvent, type InterviewInput } from './index';
import { answerProblemFor, answerSpecOf } from './answerRules';
import { resolvedInput } from './interviewInput';
import type { InterviewPlan } from './interviewPlan';
import { answerTruthfully, compiled, inputOf, outcomeOfAnswer, planOf, PROTOCOL_SETS, rankOfOutcome, representativeAnswers, resolve, SEXES } from './testing/fixtures';
import type { AnswerEntry, InterviewContext } from './types';
import { contentGuardHolds } from './vocabulary';

const arbInput: fc.Arbitrary<InterviewInput> = fc
  .record({
    ageBand: fc.constantFrom(...AGE_BANDS),
    afterHours: fc.boolean(),
    sex: fc.constantFrom(...SEXES),
    pregnancy: fc.constantFrom('pregnant' as const, 'not-pregnant' as const, 'unknown' as const),
    ageMonths: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: null }),
  })
  .map(({ ageBand, afterHours, sex, pregnancy, ageMonths }) => inputOf(ageBand, afterHours, sex, { pregnancy, ageMonths }));

/**
 * What a truthful caller would have reached if every applicable question were asked (no early stop), on the
 * main chain and on every protocol a link on the way would open: each deciding answer with its rank.
 */
function hypotheticalRanks(plan: InterviewPlan, input: InterviewInput, truth: (key: string) => AnswerValue, followed: ReadonlySet<string>): { key: string; rank: number; redFlag: boolean }[] {
  const found: { key: string; rank: number; redFlag: boolean }[] = [];
  const resolved = resolvedInput(input);
  const walk = (protocols: readonly Protocol[], visited: Set<string>) => {
    const answers: AnswerEntry[] = [];
    for (const p of protocols) {
      for (const question of p.questions) {
        const key = `${p.id}/${question.id}`;
        const context: InterviewContext = { ...resolved, protocols: [], answers, links: [], decision: null };
        if (!question.enableWhen.every((c) => contentGuardHolds(context, c, p.id))) {
          answers.push({ protocolId: p.id, questionId: question.id, answer: 'not-asked', at: null, source: null });
          continue;
        }
        const answer = truth(key);
        answers.push({ protocolId: p.id, questionId: question.id, answer, at: null, source: 'asked' });
        const outcome = outcomeOfAnswer(question, answer, input.afterHours);
        if (!outcome) continue;
        if (isLinkOutcome(outcome)) {
          const target = plan.byId.get(outcome.goTo)!;
          if (outcome.atLeast !== undefined) found.push({ key, rank: rankOfOutcome(outcome, input.afterHours), redFlag: false });
          if (!target.audience.ageBands.includes(input.ageBand)) found.push({ key, rank: disposition('seen-within-4-hours').rank, redFlag: false });
          // A linked protocol's questions are asked only once the link is followed: they count then, not before.
          else if (followed.has(target.id) && !visited.has(target.id)) walk([target], new Set([...visited, target.id]));
        } else {
          found.push({ key, rank: rankOfOutcome(outcome, input.afterHours), redFlag: p.kind === 'red-flag-screen' });
        }
      }
    }
  };
  walk(plan.protocols, new Set(plan.protocols.map((p) => p.id)));
  return found;
}

/** A yes decides, so it is the last answer; the only yes before it can be one that followed a link. */
function expectYesOnlyLast(context: InterviewContext): void {
  const linkAnswers = new Set(context.links.map((l) => l.answerIndex));
  context.answers.forEach((a, i) => {
    if (a.answer === 'yes' && !linkAnswers.has(i)) expect(i).toBe(context.answers.length - 1);
  });
}

/** The representative answers the question accepts (a truthful caller gives a value in range). */
function accepted(q: InterviewPlan['questions'][number]['question']): AnswerValue[] {
  return representativeAnswers(q).filter((a) => answerProblemFor(answerSpecOf(q), a) === null);
}

describe.each(PROTOCOL_SETS)('%s: properties', (name, protocols: readonly Protocol[]) => {
  const machine = compiled.get(name)!;
  const plan = planOf(protocols);
  /** What the caller truly answers to each question: one of its representative answers, 'no'-like most often. */
  const arbTruth = fc
    .tuple(...plan.questions.map((q) => fc.oneof({ weight: 3, arbitrary: fc.constant<null>(null) }, { weight: 1, arbitrary: fc.constantFrom(...accepted(q.question)) })))
    .map((picked) => {
      const table = new Map<string, AnswerValue>();
      plan.questions.forEach((q, i) => {
        const reps = accepted(q.question);
        const fallback = reps.find((a) => outcomeOfAnswer(q.question, a, false) === null && outcomeOfAnswer(q.question, a, true) === null) ?? reps[0]!;
        table.set(q.key, picked[i] ?? fallback);
      });
      return table;
    });

  /*
   * The invariant. The interview stops at the first answer with an outcome, so the property that matters is
   * against what the caller would have said: for a caller answering truthfully, the disposition is at least as
   * urgent as the outcome of EVERY applicable question they would have answered with an outcome, including the
   * ones never asked because the interview stopped earlier (and the questions of any protocol a link would
   * open once followed; before that a link counts with its `atLeast`). Stopping early never under-triages. It holds exactly when, for every patient and hours verdict,
   * applicable outcomes are ordered from most to least urgent, so this checks content and engine together.
   */
  it('stopping at the first deciding answer never under-triages', () => {
    fc.assert(
      fc.property(arbInput, arbTruth, (input, truth) => {
        const actor = answerTruthfully(machine, input, (k) => truth.get(k) ?? 'no', plan);
        const { context } = actor.getSnapshot();
        expect(actor.getSnapshot().value).toBe('decided');
        const rank = disposition(context.decision!.disposition).rank;
        const hypothetical = hypotheticalRanks(plan, input, (k) => truth.get(k) ?? 'no', new Set(context.links.map((l) => l.goTo)));
        for (const h of hypothetical) expect(rank, h.key).toBeLessThanOrEqual(h.rank);
        // A true, applicable red flag always ends in call-911 or ed-now.
        if (hypothetical.some((h) => h.redFlag)) expect(rank).toBeLessThanOrEqual(1);
        expectYesOnlyLast(context);
      }),
      { numRuns: 300 },
    );
  });

  it('random event sequences (with BACK, stray and refused answers) keep every invariant; BACK exactly undoes an ANSWER; snapshots resume', () => {
    const allAnswers: InterviewEvent[] = [
      ...new Map(plan.questions.flatMap((q) => representativeAnswers(q.question)).map((a) => [JSON.stringify(a), { type: 'ANSWER', answer: a } as InterviewEvent])).values(),
    ];
    const arbEvent: fc.Arbitrary<InterviewEvent> = fc.oneof(
      { weight: 4, arbitrary: fc.constant<InterviewEvent>({ type: 'ANSWER', answer: 'no' }) },
      { weight: 3, arbitrary: fc.constantFrom(...allAnswers) },
      { weight: 2, arbitrary: fc.constant<InterviewEvent>({ type: 'BACK' }) },
      { weight: 1, arbitrary: fc.constant<InterviewEvent>({ type: 'CONFIRM' }) },
    );
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
          expectYesOnlyLast(after.context);
          expect(view.disposition === null).toBe(view.status === 'asking');
          if (event.type === 'ANSWER' && before.hasTag('question') && after.context.answers.length > before.context.answers.length) {
            // ...and BACK right after restores exactly the state before the answer.
            actor.send({ type: 'BACK' });
            expect(actor.getSnapshot().value).toBe(before.value);
            expect(actor.getSnapshot().context).toEqual(before.context);
            actor.send(event);
            expect(actor.getSnapshot().context).toEqual(after.context);
          } else if (event.type === 'ANSWER' && before.hasTag('question')) {
            // A refused answer changes nothing.
            expect(after.value).toBe(before.value);
            expect(after.context).toEqual(before.context);
          }
        }
        const restored = restoreInterview(protocols, JSON.parse(JSON.stringify(actor.getPersistedSnapshot())), machine, { resolve });
        expect(restored.ok).toBe(true);
        if (restored.ok) {
          const resumed = createActor(machine, { snapshot: restored.snapshot, input });
          resumed.start();
          expect(readInterview(protocols, resumed.getSnapshot())).toEqual(readInterview(protocols, actor.getSnapshot()));
        }
      }),
      { numRuns: 150 },
    );
  });
});
