import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../src-preload/contract';
import { assembleProtocolSet, compareVersions, type LoadedProtocolFile } from './assembleProtocolSet';

/**
 * Protocols here are structural stand-ins: links (`goTo`) belong to the coming format v2, which the current
 * schema does not accept yet, so the set logic is tested on objects of the shape it will have.
 */
function protocol(id: string, version: string, links: string[] = [], kind: Protocol['kind'] = 'symptom'): Protocol {
  const questions = [{ id: 'q', onYes: { disposition: 'home-care', because: 'b', careAdviceIds: [] } }, ...links.map((to, i) => ({ id: `to-${i}`, onYes: { goTo: to, because: 'see there' } }))];
  return { id, version, kind, title: id, questions, fallback: null } as unknown as Protocol;
}
const file = (name: string, p: Protocol): LoadedProtocolFile => ({ file: name, result: { ok: true, protocol: p } });

const builtIn = [file('red-flags.json', protocol('red-flags', '1.0.0', [], 'red-flag-screen')), file('chest.json', protocol('chest-pain', '1.0.0')), file('breath.json', protocol('breathing', '1.0.0', ['chest-pain']))];

describe('compareVersions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '10.0.0')).toBeLessThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
  });
});

describe('assembleProtocolSet', () => {
  it('reports built-in link problems as our bug', () => {
    const set = assembleProtocolSet([...builtIn, file('bad.json', protocol('bad', '1.0.0', ['nowhere']))], []);
    expect(set.builtInProblems).toEqual(['built-in protocols: bad: question "to-0" (onYes) goes to unknown protocol "nowhere"']);
  });

  it('refuses an import whose link points nowhere and keeps the built-in it would have replaced', () => {
    const set = assembleProtocolSet(builtIn, [file('pack/chest.json', protocol('chest-pain', '2.0.0', ['missing']))]);
    expect(set.builtInProblems).toEqual([]);
    expect(set.protocols.get('chest-pain')?.origin).toBe('built-in');
    expect(set.imports).toEqual([
      {
        file: 'pack/chest.json',
        status: 'refused',
        protocolId: 'chest-pain',
        version: '2.0.0',
        notes: [
          'pack/chest.json: refused: chest-pain: question "to-0" (onYes) goes to unknown protocol "missing"',
          'pack/chest.json: the built-in chest-pain 1.0.0 is used instead',
        ],
      },
    ]);
  });

  it('refuses every import in a cycle, even one that closes through a built-in protocol', () => {
    const set = assembleProtocolSet(builtIn, [file('pack/chest.json', protocol('chest-pain', '2.0.0', ['breathing'])), file('pack/a.json', protocol('a', '1.0.0', ['b'])), file('pack/b.json', protocol('b', '1.0.0', ['a']))]);
    expect(set.imports.map((v) => [v.file, v.status])).toEqual([
      ['pack/chest.json', 'refused'],
      ['pack/a.json', 'refused'],
      ['pack/b.json', 'refused'],
    ]);
    expect(set.imports[0]?.notes[0]).toBe('pack/chest.json: refused: cyclic link: chest-pain -> breathing -> chest-pain');
    expect(set.imports[1]?.notes[0]).toBe('pack/a.json: refused: cyclic link: a -> b -> a');
    expect([...set.protocols.keys()].sort()).toEqual(['breathing', 'chest-pain', 'red-flags']);
    expect(set.protocols.get('breathing')?.origin).toBe('built-in');
  });

  it('refuses a link into a red-flag screen, and keeps the screen', () => {
    const set = assembleProtocolSet(builtIn, [file('pack/x.json', protocol('x', '1.0.0', ['red-flags'])), file('pack/screen.json', protocol('screen', '1.0.0', [], 'red-flag-screen')), file('pack/y.json', protocol('y', '1.0.0', ['screen']))]);
    expect(set.imports.map((v) => v.status)).toEqual(['refused', 'loaded', 'refused']);
    expect(set.imports[0]?.notes[0]).toMatch(/x: question "to-0" \(onYes\) goes to red-flag screen "red-flags"/);
    expect(set.imports[2]?.notes[0]).toMatch(/y: .* goes to red-flag screen "screen"/);
    expect(set.protocols.get('screen')?.origin).toBe('imported');
    expect(set.builtInProblems).toEqual([]);
  });

  it('refuses an import that changes the kind of a built-in protocol', () => {
    const set = assembleProtocolSet(builtIn, [file('pack/chest.json', protocol('chest-pain', '3.0.0', [], 'red-flag-screen'))]);
    expect(set.imports[0]).toMatchObject({ status: 'refused', notes: ['pack/chest.json: chest-pain is a symptom protocol in the built-in set; an import may not make it a red-flag-screen (use a new id)'] });
    expect(set.protocols.get('chest-pain')?.protocol.kind).toBe('symptom');
  });

  it('refuses in turn an import that linked to a refused one', () => {
    const set = assembleProtocolSet(builtIn, [file('pack/a.json', protocol('a', '1.0.0', ['b'])), file('pack/b.json', protocol('b', '1.0.0', ['gone']))]);
    expect(set.imports.map((v) => v.status)).toEqual(['refused', 'refused']);
    expect(set.imports[0]?.notes).toEqual(['pack/a.json: refused: a: question "to-0" (onYes) goes to unknown protocol "b"']);
    expect(set.protocols.has('a')).toBe(false);
  });

  it('keeps valid imports beside refused files, and equal versions keep the first file', () => {
    const set = assembleProtocolSet(builtIn, [
      { file: 'pack/bad.json', result: { ok: false, problems: ['pack/bad.json: not valid JSON: line 1, column 1: …'] } },
      file('pack/new.json', protocol('new', '1.0.0', ['chest-pain'])),
      file('pack/new-copy.json', protocol('new', '1.0.0')),
    ]);
    expect(set.imports.map((v) => v.status)).toEqual(['refused', 'loaded', 'not-used']);
    expect(set.imports[1]?.notes).toEqual(['pack/new.json: new 1.0.0 added']);
    expect(set.imports[2]?.notes).toEqual(['pack/new-copy.json: new 1.0.0 is not used: pack/new.json has new 1.0.0; an import replaces a protocol only with a higher version']);
  });
});
