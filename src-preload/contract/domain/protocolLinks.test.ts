import { describe, expect, it } from 'vitest';
import { checkProtocolLinks, findProtocolLinkProblems, type ProtocolLike, protocolLinks } from './protocolLinks';

const outcome = { disposition: 'home-care', because: 'self care' };
const goTo = (id: string) => ({ goTo: id, because: `go to ${id}` });

function symptom(id: string, ...links: string[]): ProtocolLike {
  return {
    id,
    kind: 'symptom',
    questions: [{ id: 'q1', onYes: outcome }, ...links.map((to, i) => ({ id: `link-${i}`, onYes: goTo(to) }))],
    fallback: outcome,
  };
}

const redFlags: ProtocolLike = { id: 'red-flags', kind: 'red-flag-screen', questions: [{ id: 'q', onYes: { disposition: 'call-911', because: 'x' } }], fallback: null };

describe('protocolLinks', () => {
  it('finds links wherever an outcome may be written, and says where', () => {
    const p: ProtocolLike = {
      id: 'a',
      kind: 'symptom',
      questions: [
        { id: 'yes', onYes: goTo('b') },
        { id: 'choice', options: [{ outcome }, { outcome: goTo('c') }] },
        { id: 'number', bands: [{ outcome: goTo('d') }], ifUnknown: goTo('e') },
      ],
      fallback: goTo('f'),
    };
    expect(protocolLinks(p)).toEqual([
      { from: 'a', where: 'question "yes" (onYes)', to: 'b' },
      { from: 'a', where: 'question "choice" (options[1])', to: 'c' },
      { from: 'a', where: 'question "number" (bands[0])', to: 'd' },
      { from: 'a', where: 'question "number" (ifUnknown)', to: 'e' },
      { from: 'a', where: 'fallback', to: 'f' },
    ]);
  });

  it('ignores outcomes that are not links, and a goTo that is not a string', () => {
    expect(protocolLinks({ id: 'a', kind: 'symptom', questions: [{ id: 'q', onYes: { goTo: 42 } }], fallback: null })).toEqual([]);
  });
});

describe('checkProtocolLinks', () => {
  it('accepts a sound set, including a chain and a diamond', () => {
    expect(checkProtocolLinks([redFlags, symptom('a', 'b', 'c'), symptom('b', 'd'), symptom('c', 'd'), symptom('d')])).toEqual([]);
  });

  it('names a link to a protocol that is not installed', () => {
    expect(checkProtocolLinks([symptom('a', 'chest-pain')])).toEqual(['a: question "link-0" (onYes) goes to unknown protocol "chest-pain"']);
  });

  it('shortens a hostile target id in the message', () => {
    const [message] = checkProtocolLinks([symptom('a', 'x'.repeat(10_000))]);
    expect(message).toBe(`a: question "link-0" (onYes) goes to unknown protocol "${'x'.repeat(59)}…"`);
  });

  it('refuses a link into a red-flag screen, blaming the linking protocol', () => {
    const problems = findProtocolLinkProblems([redFlags, symptom('a', 'red-flags')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.protocolIds).toEqual(['a']);
    expect(problems[0]?.message).toMatch(/^a: question "link-0" \(onYes\) goes to red-flag screen "red-flags"/);
  });

  it('reports cycles as "cyclic link: a -> b -> a", including a protocol linking to itself', () => {
    expect(checkProtocolLinks([symptom('a', 'b'), symptom('b', 'a')])).toEqual(['cyclic link: a -> b -> a']);
    expect(checkProtocolLinks([symptom('self', 'self')])).toEqual(['cyclic link: self -> self']);
    const long = findProtocolLinkProblems([symptom('x', 'a'), symptom('a', 'b'), symptom('b', 'c'), symptom('c', 'a')]);
    expect(long).toEqual([{ protocolIds: ['a', 'b', 'c'], message: 'cyclic link: a -> b -> c -> a' }]);
  });

  it('reports each independent cycle and the unknown link beside them', () => {
    const problems = checkProtocolLinks([symptom('a', 'b'), symptom('b', 'a', 'gone'), symptom('c', 'd'), symptom('d', 'c')]);
    expect(problems).toEqual([
      'b: question "link-1" (onYes) goes to unknown protocol "gone"',
      'cyclic link: a -> b -> a',
      'cyclic link: c -> d -> c',
    ]);
  });

  it('walks a long chain without exhausting the stack', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => symptom(`p${i}`, `p${(i + 1) % 20_000}`));
    const problems = checkProtocolLinks(chain);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe('cyclic link: p0 -> p1 -> p2 -> p3 -> p4 -> p5 -> ... 19989 more ... -> p19995 -> p19996 -> p19997 -> p19998 -> p19999 -> p0');
  });
});
