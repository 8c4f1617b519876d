import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolLibrary } from './ProtocolLibrary';

const builtInDir = resolve(__dirname, '../../resources/protocols');
const realProtocol = (id: string): Record<string, unknown> => JSON.parse(readFileSync(join(builtInDir, `${id}.json`), 'utf8')) as Record<string, unknown>;

let dir: string;
let pack: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'careline-library-'));
  pack = join(dir, 'licensed');
  mkdirSync(pack);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): void {
  writeFileSync(join(pack, name), typeof content === 'string' ? content : JSON.stringify(content));
}

describe('ProtocolLibrary', () => {
  it('loads the built-in set with no problems', () => {
    const library = ProtocolLibrary.fromDirectory(builtInDir);
    expect(library.ids()).toContain('red-flags');
    expect(library.ids().length).toBeGreaterThanOrEqual(23);
    expect(library.problems()).toEqual([]);
    expect(library.origin('fever')).toEqual({ origin: 'built-in', file: join(builtInDir, 'fever.json'), version: library.get('fever')?.version });
  });

  it('lets an import replace a built-in protocol only with a higher version, and says which won and why', () => {
    const builtInVersion = realProtocol('fever').version as string;
    write('fever-newer.json', { ...realProtocol('fever'), version: '9.0.0', title: 'Fever (licensed)' });
    write('headache-same.json', realProtocol('headache'));
    write('cough-older.json', { ...realProtocol('cough-cold'), version: '0.0.1', title: 'Old cough' });
    write('new-protocol.json', { ...realProtocol('nosebleed'), id: 'licensed-nosebleed', version: '1.0.0' });

    const library = ProtocolLibrary.load({ builtInDir, importDirs: [pack] });
    expect(library.get('fever')?.title).toBe('Fever (licensed)');
    expect(library.origin('fever')).toMatchObject({ origin: 'imported', version: '9.0.0' });
    expect(library.get('headache')?.version).toBe(realProtocol('headache').version);
    expect(library.origin('headache')?.origin).toBe('built-in');
    expect(library.get('cough-cold')?.title).not.toBe('Old cough');
    expect(library.get('licensed-nosebleed')).not.toBeNull();

    const byFile = Object.fromEntries(library.imports().map((v) => [v.file.slice(pack.length + 1), v]));
    expect(byFile['fever-newer.json']?.status).toBe('loaded');
    expect(byFile['fever-newer.json']?.notes.join()).toContain(`fever 9.0.0 replaces the built-in ${builtInVersion} (higher version)`);
    expect(byFile['headache-same.json']?.status).toBe('not-used');
    expect(byFile['cough-older.json']?.status).toBe('not-used');
    expect(byFile['new-protocol.json']?.notes.join()).toContain('licensed-nosebleed 1.0.0 added');
    expect(library.problems().join('\n')).toMatch(/headache-same\.json: headache .* is not used: the built-in headache is .*higher version/);
    expect(library.problems().join('\n')).toMatch(/cough-older\.json: cough-cold 0\.0\.1 is not used/);
  });

  it('between two imports of one protocol, the higher version wins wherever it comes from', () => {
    const other = join(dir, 'other');
    mkdirSync(other);
    write('a.json', { ...realProtocol('fever'), version: '5.0.0', title: 'five' });
    writeFileSync(join(other, 'b.json'), JSON.stringify({ ...realProtocol('fever'), version: '6.0.0', title: 'six' }));
    const library = ProtocolLibrary.load({ builtInDir, importDirs: [pack, other] });
    expect(library.get('fever')?.title).toBe('six');
    expect(library.problems().join('\n')).toMatch(/a\.json: fever 5\.0\.0 is not used: .*b\.json has the higher version 6\.0\.0/);
  });

  it('refuses invalid imported files with their reasons and loads the rest', () => {
    write('broken.json', '{ "id": "x",');
    write('unknown-guard.json', (() => {
      const p = realProtocol('fever');
      (p.questions as { enableWhen?: unknown[] }[])[0]!.enableWhen = [{ type: 'zipCode', params: { in: ['10001'] } }];
      return { ...p, version: '9.9.9' };
    })());
    write('good.json', { ...realProtocol('nosebleed'), id: 'licensed-nosebleed' });
    write('notes.yaml', 'id: x');
    writeFileSync(join(pack, 'README.txt'), 'not a protocol');

    const library = ProtocolLibrary.load({ builtInDir, importDirs: [pack, join(dir, 'missing')] });
    expect(library.get('licensed-nosebleed')).not.toBeNull();
    expect(library.origin('fever')?.origin).toBe('built-in');
    const problems = library.problems().join('\n');
    expect(problems).toMatch(/broken\.json: not valid JSON: line 1, column 13: /);
    expect(problems).toMatch(/unknown-guard\.json: questions\[0\]\.enableWhen\[0\]\.type: unknown type "zipCode"; this version of Careline knows ageBand/);
    expect(problems).toMatch(/notes\.yaml: YAML is not supported; convert the protocol to JSON/);
    expect(problems).toMatch(/missing: cannot read this protocol folder \(ENOENT\)/);
    expect(problems).not.toMatch(/README/);
    expect(library.imports().map((v) => v.status)).toEqual(['refused', 'loaded', 'refused']);
  });

  it('keeps control characters of file names out of reports', () => {
    write('evil\u001b[31m.json', '{');
    const problems = ProtocolLibrary.load({ builtInDir, importDirs: [pack] }).problems();
    expect(problems).toEqual([expect.stringMatching(/evil\?\[31m\.json: not valid JSON/)]);
    expect(problems.join()).not.toContain('\u001b');
  });

  it('fails loudly when built-in content is invalid: that is our bug', () => {
    write('fine.json', realProtocol('fever'));
    write('bad.json', { ...realProtocol('headache'), questions: [] });
    expect(() => ProtocolLibrary.fromDirectory(pack)).toThrow(/Protocol content in .* is invalid:\n.*bad\.json: questions: /);
    expect(() => ProtocolLibrary.load({ builtInDir: join(dir, 'nowhere'), importDirs: [] })).toThrow(/cannot read this protocol folder/);
  });
});
