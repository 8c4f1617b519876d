import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { DocumentEncounterRequest, officeHoursAt, RecordedAnswer } from '../../../../../src-preload/contract';
import { compileInterview, documentedInterview, readInterview, restoreInterview, type InterviewSnapshotLike } from './index';
import { fever, inputOf, redFlags, runInterview } from './testing/fixtures';

const protocols = [redFlags, fever];
const machine = compileInterview(protocols);

function view(actor: { getSnapshot(): InterviewSnapshotLike }) {
  return readInterview(protocols, actor.getSnapshot());
}

describe('the interview actor', () => {
  it('asks the applicable red flags first, with progress, then the symptom questions', () => {
    const actor = runInterview(machine, inputOf('adult', false, 'male'), []);
    const first = view(actor);
    expect(first.status).toBe('asking');
    expect(first.current).toMatchObject({ protocolId: 'red-flags', questionId: 'not-breathing', index: 1, total: 24, indexInProtocol: 1, totalInProtocol: 10 });
    actor.send({ type: 'ANSWER', answer: 'no' });
    // infant-limp does not apply to an adult: skipped and recorded as not asked.
    expect(view(actor).current).toMatchObject({ questionId: 'unresponsive', index: 3 });
    expect(view(actor).answers.map((a) => [a.questionId, a.answer])).toEqual([
      ['not-breathing', 'no'],
      ['infant-limp', 'not-asked'],
    ]);
    for (let i = 0; i < 8; i += 1) actor.send({ type: 'ANSWER', answer: 'no' });
    expect(view(actor).current).toMatchObject({ protocolId: 'fever', protocolTitle: 'Fever', protocolKind: 'symptom', questionId: 'stiff-neck-or-rash' });
    // every recorded answer is a valid contract RecordedAnswer
    for (const a of view(actor).answers) expect(RecordedAnswer.safeParse(a).success).toBe(true);
  });

  it('a yes decides at once; the reason quotes the answer and the hours verdict when the rule depends on it', () => {
    const hours = [{ day: 1, open: '08:00', close: '17:00' }];
    const verdict = officeHoursAt(hours, 'America/New_York', new Date('2025-03-03T23:05:00Z')); // Mon 18:05 EST
    expect(verdict.open).toBe(false);
    const input = { ageBand: 'adult' as const, sex: 'male' as const, afterHours: !verdict.open, hoursBecause: verdict.because };
    const actor = createActor(machine, { input });
    actor.start();
    while (actor.getSnapshot().value !== 'fever/fever-over-3-days') actor.send({ type: 'ANSWER', answer: 'no' });
    actor.send({ type: 'ANSWER', answer: 'yes', at: 1_741_043_100_000 });
    const v = view(actor);
    expect(v.status).toBe('decided');
    expect(v.disposition?.id).toBe('seen-today-or-tomorrow');
    expect(v.disposition?.because).toBe(
      "Yes to 'Has the fever lasted more than 3 days (72 hours)?' · after hours (closed: hours Mon 08:00-17:00, now Mon 18:05 America/New_York) · " +
        (fever.questions.find((q) => q.id === 'fever-over-3-days') as Extract<(typeof fever.questions)[number], { type: 'yes-no' }> | undefined)?.onYes.because,
    );
    expect(v.careAdvice.map((a) => a.id)).toEqual(['fluids', 'fever-medicine-adults', 'call-back']);
    expect(v.answers.at(-1)).toMatchObject({ questionId: 'fever-over-3-days', answer: 'yes', answeredAt: 1_741_043_100_000 });
    expect(v.answers.filter((a) => a.answer === 'not-asked').every((a) => a.answeredAt === null)).toBe(true);
  });

  it('a red-flag yes decides without hours and with the red-flag care advice', () => {
    const actor = runInterview(machine, inputOf('older-adult', true), ['no', 'no', 'no', 'yes']);
    const v = view(actor);
    expect(v.decision).toMatchObject({ protocolId: 'red-flags', questionId: 'chest-pain', disposition: 'call-911', dependsOnHours: false });
    expect(v.disposition?.because).toMatch(/^Yes to 'Is there chest pain, pressure or squeezing right now.*' · Chest pain/);
    expect(v.disposition?.because).not.toMatch(/hours \(/);
    expect(v.careAdvice.map((a) => a.id)).toEqual(['while-waiting']);
  });

  it('no to everything gives the fallback with its care advice', () => {
    const actor = runInterview(machine, inputOf('child', false), Array(30).fill('no'));
    const v = view(actor);
    expect(v.decision).toMatchObject({ protocolId: 'fever', questionId: null, disposition: 'home-care' });
    expect(v.disposition?.because).toMatch(/^No to all \d+ questions asked · No warning signs/);
    expect(v.careAdvice.map((a) => a.id)).toEqual(['fluids', 'fever-medicine-children', 'comfort', 'call-back']);
  });

  it('BACK undoes the last answer, the skips recorded after it, and a disposition reached', () => {
    const actor = runInterview(machine, inputOf('adult', false, 'male'), ['no']);
    const afterFirst = actor.getSnapshot();
    actor.send({ type: 'ANSWER', answer: 'no' });
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().value).toBe(afterFirst.value);
    expect(actor.getSnapshot().context).toEqual(afterFirst.context);

    actor.send({ type: 'BACK' }); // back over the skipped infant-limp to not-breathing
    expect(actor.getSnapshot().value).toBe('red-flags/not-breathing');
    expect(actor.getSnapshot().context.answers).toEqual([]);
    actor.send({ type: 'BACK' }); // nothing to undo: ignored
    expect(actor.getSnapshot().value).toBe('red-flags/not-breathing');

    actor.send({ type: 'ANSWER', answer: 'yes' });
    expect(view(actor).disposition?.id).toBe('call-911');
    expect(view(actor).canGoBack).toBe(true);
    actor.send({ type: 'BACK' });
    expect(view(actor)).toMatchObject({ status: 'asking', disposition: null, decision: null, careAdvice: [] });
    expect(view(actor).current?.questionId).toBe('not-breathing');
  });

  it('CONFIRM ends the interview with the disposition as output; BACK is no longer possible', () => {
    const actor = runInterview(machine, inputOf('infant-under-3-months', false), ['no', 'no', 'no', 'no', 'no', 'yes']);
    expect(actor.getSnapshot().value).toBe('decided');
    const decided = view(actor);
    expect(decided.disposition?.id).toBe('ed-now');
    actor.send({ type: 'CONFIRM' });
    const snap = actor.getSnapshot();
    expect(snap.status).toBe('done');
    expect(snap.output).toEqual({ disposition: decided.disposition, decision: decided.decision, careAdvice: decided.careAdvice });
    expect(view(actor)).toMatchObject({ status: 'confirmed', canGoBack: false });
  });

  it('ignores answers that are not yes or no, and CONFIRM before a decision', () => {
    const actor = runInterview(machine, inputOf('adult', false), []);
    const before = actor.getSnapshot();
    actor.send({ type: 'ANSWER', answer: 'maybe' } as never);
    actor.send({ type: 'CONFIRM' });
    expect(actor.getSnapshot().value).toBe(before.value);
    expect(actor.getSnapshot().context).toEqual(before.context);
  });

  it('documents what DocumentEncounterRequest expects once decided', () => {
    const actor = runInterview(machine, inputOf('adult', true), []);
    expect(documentedInterview(protocols, actor.getSnapshot())).toBeNull();
    while (actor.getSnapshot().hasTag('question')) actor.send({ type: 'ANSWER', answer: 'no', at: 1_700_000_000_000 });
    const documented = documentedInterview(protocols, actor.getSnapshot());
    expect(DocumentEncounterRequest.shape.interview.safeParse(documented).error?.issues ?? []).toEqual([]);
    expect(documented?.protocols).toEqual([
      { id: 'red-flags', version: '1.1.0', title: 'Emergency red-flag screen' },
      { id: 'fever', version: '1.2.0', title: 'Fever' },
    ]);
  });
});

describe('persistence', () => {
  const input = inputOf('infant', true);

  it('a persisted snapshot survives JSON and resumes at the same question', () => {
    const actor = runInterview(machine, input, ['no', 'no', 'no', 'no', 'no', 'no', 'no']);
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as unknown;
    const restored = restoreInterview(protocols, stored, machine);
    if (!restored.ok) throw new Error(restored.reason);
    const resumed = createActor(machine, { snapshot: restored.snapshot, input });
    resumed.start();
    expect(resumed.getSnapshot().value).toBe(actor.getSnapshot().value);
    expect(view(resumed)).toEqual(view(actor));
    resumed.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(view(resumed)).toEqual(view(actor));
    resumed.send({ type: 'ANSWER', answer: 'yes' });
    expect(view(resumed).status).toBe('decided');
  });

  it('a decided or confirmed interview round-trips too', () => {
    const actor = runInterview(machine, input, ['no', 'yes']);
    for (const step of ['decided', 'confirmed'] as const) {
      if (step === 'confirmed') actor.send({ type: 'CONFIRM' });
      const restored = restoreInterview(protocols, JSON.parse(JSON.stringify(actor.getPersistedSnapshot())));
      if (!restored.ok) throw new Error(restored.reason);
      const resumed = createActor(machine, { snapshot: restored.snapshot, input });
      resumed.start();
      expect(view(resumed)).toEqual(view(actor));
      expect(resumed.getSnapshot().status).toBe(step === 'confirmed' ? 'done' : 'active');
    }
  });

  it('refuses a snapshot from other protocol versions, with tampered answers, or that is not a snapshot', () => {
    const actor = runInterview(machine, input, ['no', 'no']);
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as { context: { answers: { answer: string }[] } };
    const newer = { ...fever, version: '1.3.0' };
    expect(restoreInterview([redFlags, newer], stored)).toMatchObject({ ok: false, reason: expect.stringMatching(/fever@1.2.0.*fever@1.3.0/) });
    const tampered = structuredClone(stored);
    tampered.context.answers[0]!.answer = 'yes';
    expect(restoreInterview(protocols, tampered)).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer lead/) });
    expect(restoreInterview(protocols, { hello: 'world' })).toMatchObject({ ok: false, reason: expect.stringMatching(/not an interview snapshot/) });
    expect(() => readInterview([redFlags, newer], actor.getSnapshot())).toThrow(/compiled from/);
  });
});
