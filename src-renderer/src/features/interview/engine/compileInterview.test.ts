import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../../../../src-preload/contract';
import { compileInterview, compileInterviewConfig, InterviewCompileError, interviewInputProblems } from './index';
import { fever, flatQuestions, inputOf, planOf, PROTOCOL_SETS, redFlags, resolve, soreThroat } from './testing/fixtures';

describe('compileInterview', () => {
  it.each(PROTOCOL_SETS)('%s: compiling is deterministic (JSON-equal configs, also from a deep copy)', (_name, protocols) => {
    const a = JSON.stringify(compileInterviewConfig(protocols, { resolve }));
    const b = JSON.stringify(compileInterviewConfig(protocols, { resolve }));
    const c = JSON.stringify(compileInterviewConfig(structuredClone(protocols) as Protocol[], { resolve }));
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(JSON.stringify(compileInterview(protocols, { resolve }).config)).toBe(a);
  });

  it.each(PROTOCOL_SETS)('%s: one state per question, named protocolId/questionId, then decided and confirmed', (_name, protocols) => {
    const config = compileInterviewConfig(protocols, { resolve });
    // The listed protocols' questions in order, then those of every protocol a link opens.
    const keys = planOf(protocols).questions.map((q) => q.key);
    expect(keys.slice(0, flatQuestions(protocols).length)).toEqual(flatQuestions(protocols).map((q) => q.key));
    expect(Object.keys(config.states ?? {})).toEqual([...keys, 'decided', 'confirmed']);
    expect(config.initial).toBe(keys[0]);
    expect(config.states?.confirmed?.type).toBe('final');
  });

  it('the config is data: everything but context and output survives JSON, and content guards appear verbatim', () => {
    const config = compileInterviewConfig([redFlags, fever]);
    const { context: _c, output: _o, ...rest } = config;
    expect(JSON.parse(JSON.stringify(rest))).toEqual(rest);
    const pregnant = config.states?.['fever/pregnant-or-postpartum'];
    const always = JSON.stringify(pregnant?.always);
    expect(always).toContain('"type":"notEnabled"');
    expect(always).toContain(JSON.stringify(fever.questions.find((q) => q.id === 'pregnant-or-postpartum')?.enableWhen));
  });

  it('refuses lists that cannot make a safe interview', () => {
    expect(() => compileInterview([])).toThrow(InterviewCompileError);
    expect(() => compileInterview([redFlags])).toThrow(/needs a symptom protocol/);
    expect(() => compileInterview([fever, redFlags])).toThrow(/red flags are asked first/);
    expect(() => compileInterview([redFlags, fever, fever])).toThrow(/appears twice/);
    const broken = { ...fever, questions: [] } as unknown as Protocol;
    expect(() => compileInterview([redFlags, broken])).toThrow(/is invalid/);
  });

  it('compiles more than one symptom protocol; first yes wins across them, the last one gives the fallback', () => {
    const machine = compileInterview([redFlags, fever, soreThroat]);
    const actor = createActor(machine, { input: inputOf('adult', false) });
    actor.start();
    while (actor.getSnapshot().hasTag('question')) actor.send({ type: 'ANSWER', answer: 'no' });
    expect(actor.getSnapshot().context.decision).toMatchObject({ protocolId: 'sore-throat', questionId: null, disposition: 'home-care' });
  });

  // Hostile content: whatever a file holds, compiling either works or fails with an InterviewCompileError for
  // the author; it never crashes with another error.
  it('random corruptions of a protocol compile or fail with an InterviewCompileError, never crash', () => {
    const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
      value !== null && typeof value === 'object'
        ? [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]))]
        : [prefix];
    const all = paths(fever).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.anything(), (path, replacement) => {
        const copy = structuredClone(fever) as unknown as Record<string | number, unknown>;
        let at: Record<string | number, unknown> = copy;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
        at[path.at(-1)!] = replacement;
        try {
          compileInterview([redFlags, copy as unknown as Protocol]);
        } catch (error) {
          expect(error).toBeInstanceOf(InterviewCompileError);
          expect((error as Error).message).toMatch(/^protocol #1 \(.*\) is invalid: /);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('checks the input: the UI can ask first, and the machine refuses it too', () => {
    const protocols = [redFlags, fever];
    expect(interviewInputProblems(protocols, inputOf('adult', true))).toEqual([]);
    expect(interviewInputProblems(protocols, { ...inputOf('adult', true), ageBand: 'toddler' }).join()).toMatch(/ageBand/);
    const narrow = { ...fever, id: 'adult-fever', audience: { ageBands: ['adult' as const], label: 'Adults' } };
    expect(interviewInputProblems([redFlags, narrow], inputOf('child', false))).toEqual([
      'Fever (adult-fever) is not written for age band child (Adults)',
    ]);
    const actor = createActor(compileInterview([redFlags, narrow]), { input: inputOf('child', false) });
    const errors: unknown[] = [];
    actor.subscribe({ error: (e) => errors.push(e) });
    actor.start();
    expect(actor.getSnapshot().status).toBe('error');
    expect(String(errors[0])).toMatch(/not written for age band child/);
  });
});
