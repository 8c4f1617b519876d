/**
 * Done-means of issue 3: malformed or hostile protocol files (random, truncated, cyclic links, unknown
 * vocabulary) produce clear validation errors and never crash. Runs are bounded so the file stays well under
 * 20 s on a shared machine; fast-check prints the seed of any failure to replay it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Condition, DISPOSITION_IDS, type Protocol } from '../../src-preload/contract';
import { checkProtocolLinks, type ProtocolLike } from '../../src-preload/contract/domain/protocolLinks';
// eslint-disable-next-line no-restricted-imports -- a test may drive the renderer's pure engine: accepted content must compile
import { compileInterview, InterviewCompileError } from '../../src-renderer/src/features/interview/engine';
import { assembleProtocolSet } from './assembleProtocolSet';
import { loadProtocolBytes, loadProtocolText, PROTOCOL_FILE_LIMITS, type ProtocolLoadResult } from './loadProtocolText';

type Json = Record<string, unknown>;
type QuestionJson = Json & { id: string; onYes: Json & { careAdviceIds?: string[] }; enableWhen?: unknown[] };
type ProtocolJson = Json & { questions: QuestionJson[] };

const builtInDir = resolve(__dirname, '../../resources/protocols');
const realFiles = readdirSync(builtInDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(builtInDir, name), 'utf8') }));
const redFlagsProtocol = (() => {
  const result = loadProtocolText('red-flags.json', realFiles.find((f) => f.name === 'red-flags.json')?.text ?? '');
  if (!result.ok) throw new Error('the shipped red-flag screen must load');
  return result.protocol;
})();
const FILE = 'pack/hostile.json';
const MAX_LINE = 500;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

const parseReal = (text: string): ProtocolJson => JSON.parse(text) as ProtocolJson;
const realFile = fc.constantFrom(...realFiles);

/** A refusal a content author can act on: names the file, bounded, and no crash dressed up as a message. */
function expectClearRefusal(result: ProtocolLoadResult, mentions?: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThanOrEqual(1);
  expect(result.problems.length).toBeLessThanOrEqual(PROTOCOL_FILE_LIMITS.maxProblems + 1);
  for (const p of result.problems) {
    expect(p.startsWith(`${FILE}: `), p).toBe(true);
    expect(p.length).toBeLessThanOrEqual(MAX_LINE);
    expect(p).not.toMatch(/internal error/);
  }
  if (mentions) expect(result.problems.join('\n')).toContain(mentions);
}

function expectPrototypesIntact(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as Json).polluted).toBeUndefined();
  expect(([] as unknown as Json).polluted).toBeUndefined();
}

/** Accepted content must make a safe interview, or be refused by the compiler in its own terms. */
function expectCompilesOrCompileError(protocol: Protocol): 'compiled' | 'refused' {
  try {
    compileInterview(protocol.kind === 'symptom' ? [redFlagsProtocol, protocol] : [protocol]);
    return 'compiled';
  } catch (error) {
    expect(error).toBeInstanceOf(InterviewCompileError);
    return 'refused';
  }
}

const RUNS = { numRuns: 150 };

describe('protocol loader under fuzzing', () => {
  it('keeps every shipped protocol valid', () => {
    for (const { name, text } of realFiles) expect(loadProtocolText(name, text).ok, name).toBe(true);
  });

  it('refuses arbitrary JSON values clearly', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expectClearRefusal(loadProtocolText(FILE, JSON.stringify(value) ?? 'null'));
        expectPrototypesIntact();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses arbitrary text and arbitrary bytes, including invalid UTF-8, clearly', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => expectClearRefusal(loadProtocolText(FILE, text))), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => expectClearRefusal(loadProtocolBytes(FILE, bytes))), { numRuns: 300 });
    fc.assert(
      fc.property(realFile, fc.nat(), fc.constantFrom([0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82]), ({ text }, at, bad) => {
        const bytes = new TextEncoder().encode(text);
        const i = at % bytes.length;
        const corrupted = Uint8Array.from([...bytes.subarray(0, i), ...bad, ...bytes.subarray(i)]);
        expectClearRefusal(loadProtocolBytes(FILE, corrupted), 'not UTF-8 text');
      }),
      RUNS,
    );
  });

  it('refuses every truncation of a real protocol, naming the line and column', () => {
    const smallest = [...realFiles].sort((a, b) => a.text.length - b.text.length)[0]!;
    const end = smallest.text.trimEnd().length;
    for (let length = 0; length < end; length++) {
      const result = loadProtocolText(FILE, smallest.text.slice(0, length));
      expectClearRefusal(result);
      if (!result.ok) expect(result.problems[0]).toMatch(/not valid JSON: line \d+, column \d+: /);
    }
    expect(loadProtocolText(FILE, smallest.text.slice(0, end)).ok).toBe(true);
    fc.assert(
      fc.property(realFile, fc.nat(), ({ text }, cut) => {
        expectClearRefusal(loadProtocolText(FILE, text.slice(0, cut % text.trimEnd().length)), 'not valid JSON: line');
      }),
      RUNS,
    );
  });
});

/** One hostile edit of a real protocol, and what the refusal must mention. */
interface Mutation {
  readonly text: string;
  readonly mentions: string;
}

/** The n-th (mod count) yes-no question whose yes leads to a disposition: the edits below target `onYes`. */
const CONDITION_TYPES = Condition.options.map((o) => o.shape.type.value);

const questionIndex = (p: ProtocolJson, n: number): number => {
  const yesNo = p.questions.flatMap((q, i) => (q.type === 'yes-no' && q.onYes && 'disposition' in q.onYes ? [i] : []));
  if (yesNo.length === 0) throw new Error(`${String(p.id)} has no yes-no question with a disposition to mutate`);
  return yesNo[n % yesNo.length]!;
};

const mutations: fc.Arbitrary<Mutation>[] = [
  // A required field dropped.
  fc.tuple(realFile, fc.constantFrom('id', 'version', 'status', 'kind', 'title', 'disclaimer', 'sources', 'audience', 'questions')).map(([{ text }, key]) => {
    const p = parseReal(text);
    delete p[key];
    return { text: JSON.stringify(p), mentions: `${key}: required field is missing` };
  }),
  // A field of the wrong type.
  fc.tuple(realFile, fc.constantFrom('id', 'version', 'title', 'sources', 'audience', 'questions', 'careAdvice')).map(([{ text }, key]) => {
    const p: Json = parseReal(text);
    p[key] = typeof p[key] === 'string' ? 42 : Array.isArray(p[key]) ? { not: 'a list' } : 'text';
    return { text: JSON.stringify(p), mentions: `${key}: expected` };
  }),
  // A guard type the engine does not know.
  fc.tuple(realFile, fc.nat(), fc.stringMatching(/^[A-Za-z]{1,24}$/).filter((t) => !(CONDITION_TYPES as readonly string[]).includes(t))).map(([{ text }, n, type]) => {
    const p = parseReal(text);
    const i = questionIndex(p, n);
    p.questions[i]!.enableWhen = [{ type, params: {} }];
    return { text: JSON.stringify(p), mentions: `questions[${i}].enableWhen[0].type: unknown type "${type}"` };
  }),
  // A disposition id that does not exist (sometimes absurdly long).
  fc.tuple(realFile, fc.nat(), fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ minLength: 5000, maxLength: 20_000 })).filter((d) => !(DISPOSITION_IDS as readonly string[]).includes(d))).map(([{ text }, n, disposition]) => {
    const p = parseReal(text);
    const i = questionIndex(p, n);
    p.questions[i]!.onYes = { ...p.questions[i]!.onYes, disposition };
    return { text: JSON.stringify(p), mentions: `questions[${i}].onYes.disposition: Invalid option` };
  }),
  // A huge string: the whole file over the size limit.
  fc.tuple(realFile, fc.integer({ min: PROTOCOL_FILE_LIMITS.maxBytes, max: PROTOCOL_FILE_LIMITS.maxBytes * 2 })).map(([{ text }, size]) => {
    const p = parseReal(text);
    p.title = 'x'.repeat(size);
    return { text: JSON.stringify(p), mentions: 'limit for one protocol' };
  }),
  // Deeply nested arrays.
  fc.tuple(realFile, fc.integer({ min: PROTOCOL_FILE_LIMITS.maxDepth, max: 20_000 }), fc.constantFrom('title', 'sources', 'careAdvice')).map(([{ text }, depth, key]) => {
    const p = parseReal(text);
    p[key] = '@@NEST@@';
    return { text: JSON.stringify(p).replace('"@@NEST@@"', `${'['.repeat(depth)}1${']'.repeat(depth)}`), mentions: `nested deeper than ${PROTOCOL_FILE_LIMITS.maxDepth} levels` };
  }),
  // Keys that attack prototypes, at the top, in a question or in an outcome.
  fc.tuple(realFile, fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty'), fc.constantFrom('top', 'question', 'outcome')).map(([{ text }, n, key, where]) => {
    const p = parseReal(text);
    const i = questionIndex(p, n);
    const target = where === 'top' ? p : where === 'question' ? p.questions[i]! : p.questions[i]!.onYes;
    target['@@KEY@@'] = { polluted: true, toString: 'x' };
    return { text: JSON.stringify(p).replace('"@@KEY@@"', JSON.stringify(key)), mentions: `unknown field "${key}"` };
  }),
  // Two questions with the same id.
  fc.tuple(realFile, fc.nat(), fc.nat()).filter(([{ text }]) => parseReal(text).questions.length > 1).map(([{ text }, a, b]) => {
    const p = parseReal(text);
    const i = questionIndex(p, a);
    const j = (i + 1 + (b % (p.questions.length - 1))) % p.questions.length;
    p.questions[Math.max(i, j)]!.id = p.questions[Math.min(i, j)]!.id;
    return { text: JSON.stringify(p), mentions: `duplicate question id ${p.questions[Math.min(i, j)]!.id}` };
  }),
  // Care advice that does not exist.
  fc.tuple(realFile, fc.nat(), fc.stringMatching(/^[a-z-]{1,30}$/)).map(([{ text }, n, advice]) => {
    const p = parseReal(text);
    const i = questionIndex(p, n);
    const missing = `missing-${advice}`;
    p.questions[i]!.onYes = { ...p.questions[i]!.onYes, careAdviceIds: [...(p.questions[i]!.onYes.careAdviceIds ?? []), missing] };
    return { text: JSON.stringify(p), mentions: `unknown care advice ${missing}` };
  }),
];

describe('hostile edits of real protocols', () => {
  it('are refused with a problem that names what is wrong, and never touch prototypes', () => {
    fc.assert(
      fc.property(fc.oneof(...mutations), ({ text, mentions }) => {
        expectClearRefusal(loadProtocolText(FILE, text), mentions);
        expectPrototypesIntact();
      }),
      { numRuns: 400 },
    );
  });
});

/** Every JSON location in a value, as a path of keys. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function replaceAt(root: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let here = copy;
  for (const key of path.slice(0, -1)) here = here[key] as Record<string | number, unknown>;
  here[path.at(-1)!] = replacement;
  return copy;
}

/** Valid-looking variants: the vocabulary of the schema with random values, so many of them are accepted. */
const plausibleValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...DISPOSITION_IDS),
  fc.constantFrom('red-flag-screen', 'symptom', 'draft', 'retired', 'yes-no', '1.0.0', 'x'),
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.record({ type: fc.constantFrom('ageBand', 'afterHours', 'sex', 'answered'), params: fc.record({ is: fc.boolean() }) }).map((g) => [g]),
  fc.jsonValue({ maxDepth: 2 }),
);

describe('whatever the loader accepts', () => {
  it('compiles with the interview engine, or is refused by it with an InterviewCompileError', () => {
    const seen = { accepted: 0, compiled: 0, refused: 0, rejected: 0 };
    fc.assert(
      fc.property(realFile, fc.nat(), plausibleValue, fc.subarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 1 }), ({ text }, n, value, keep) => {
        const original = parseReal(text);
        original.questions = keep.filter((i) => i < original.questions.length).map((i) => original.questions[i]!);
        const all = paths(original);
        const mutated = replaceAt(original, all[n % all.length]!, value);
        const result = loadProtocolText(FILE, JSON.stringify(mutated) ?? 'null');
        if (!result.ok) {
          seen.rejected++;
          expectClearRefusal(result);
          return;
        }
        seen.accepted++;
        seen[expectCompilesOrCompileError(result.protocol)]++;
      }),
      { numRuns: 400 },
    );
    // The property must have exercised both sides, or it proves nothing (about 8% of variants are accepted).
    expect(seen.accepted).toBeGreaterThan(5);
    expect(seen.rejected).toBeGreaterThan(5);
    expect(seen.compiled).toBeGreaterThan(0);
  });
});

describe('links over random protocol graphs', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const graph = fc.record({
    size: fc.integer({ min: 1, max: ids.length }),
    edges: fc.array(fc.tuple(fc.nat(), fc.oneof(fc.nat({ max: 7 }), fc.constantFrom('red-flags', 'nowhere'))), { maxLength: 12 }),
  });

  function build({ size, edges }: { size: number; edges: [number, number | string][] }): ProtocolLike[] {
    const present = ids.slice(0, size);
    const links = new Map(present.map((id) => [id, [] as string[]]));
    for (const [from, to] of edges) links.get(present[from % size]!)!.push(typeof to === 'number' ? (ids[to] ?? `unknown-${to}`) : to);
    const outcome = { disposition: 'home-care', because: 'x' };
    return [
      { id: 'red-flags', kind: 'red-flag-screen', questions: [{ id: 'q', onYes: outcome }], fallback: null },
      ...present.map((id) => ({ id, kind: 'symptom', questions: (links.get(id) ?? []).map((to, i) => ({ id: `q${i}`, onYes: { goTo: to, because: 'see' } })), fallback: outcome })),
    ];
  }

  /** Reference: Kahn's algorithm over the links between installed symptom protocols. */
  function hasCycle(protocols: readonly ProtocolLike[]): boolean {
    const known = new Set(protocols.filter((p) => p.kind === 'symptom').map((p) => p.id));
    const out = new Map<string, string[]>();
    const inDegree = new Map([...known].map((id) => [id, 0]));
    for (const p of protocols) {
      for (const q of p.questions) {
        const to = (q.onYes as { goTo?: string } | undefined)?.goTo;
        if (!to || !known.has(to) || out.get(p.id)?.includes(to)) continue;
        out.set(p.id, [...(out.get(p.id) ?? []), to]);
        inDegree.set(to, (inDegree.get(to) ?? 0) + 1);
      }
    }
    const ready = [...inDegree].filter(([, d]) => d === 0).map(([id]) => id);
    let removed = 0;
    while (ready.length) {
      const id = ready.pop()!;
      removed++;
      for (const to of out.get(id) ?? []) {
        inDegree.set(to, inDegree.get(to)! - 1);
        if (inDegree.get(to) === 0) ready.push(to);
      }
    }
    return removed < known.size;
  }

  it('finds exactly the unknown targets, the red-flag targets and whether there is a cycle', () => {
    fc.assert(
      fc.property(graph, (g) => {
        const protocols = build(g);
        const problems = checkProtocolLinks(protocols);
        const links = protocols.flatMap((p) => p.questions.map((q) => (q.onYes as { goTo?: string }).goTo)).filter((t): t is string => !!t);
        const installed = new Set(protocols.map((p) => p.id));
        expect(problems.filter((m) => m.includes('unknown protocol')).length).toBe(links.filter((t) => !installed.has(t)).length);
        expect(problems.filter((m) => m.includes('red-flag screen')).length).toBe(links.filter((t) => t === 'red-flags').length);
        expect(problems.some((m) => m.startsWith('cyclic link: '))).toBe(hasCycle(protocols));
        for (const m of problems.filter((x) => x.startsWith('cyclic link: '))) {
          const cycle = m.slice('cyclic link: '.length).split(' -> ');
          expect(cycle[0]).toBe(cycle.at(-1));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a link-sound set after refusing imports, whatever the imports link to', () => {
    fc.assert(
      fc.property(graph, (g) => {
        const [redFlags, ...imported] = build(g);
        const asFile = (p: ProtocolLike) => ({ file: `${p.id}.json`, result: { ok: true as const, protocol: { ...p, version: '1.0.0' } as unknown as Protocol } });
        const set = assembleProtocolSet([asFile(redFlags!)], imported.map(asFile));
        expect(set.builtInProblems).toEqual([]);
        expect(checkProtocolLinks([...set.protocols.values()].map((i) => i.protocol))).toEqual([]);
        for (const v of set.imports) expect(v.status === 'loaded').toBe(set.protocols.has(v.protocolId ?? ''));
      }),
      { numRuns: 300 },
    );
  });
});
