import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProtocolLibrary } from './ProtocolLibrary';
import { ServiceLineCatalog } from './ServiceLineCatalog';

const resources = resolve(__dirname, '../../resources');

describe('ServiceLineCatalog', () => {
  it('maps every dialed number of the shipped file to its service line', () => {
    const catalog = ServiceLineCatalog.fromResources(resources);
    expect(catalog.forDnis('+16175550100')?.id).toBe('adult-primary-care');
    expect(catalog.forDnis('+16175550101')?.id).toBe('pediatrics');
    expect(catalog.forDnis('+19999999999')).toBeNull();
    const dnis = catalog.lines.flatMap((l) => l.dnis);
    expect(new Set(dnis).size).toBe(dnis.length);
  });

  it('offers only protocols that are installed', () => {
    const catalog = ServiceLineCatalog.fromResources(resources);
    const library = ProtocolLibrary.fromDirectory(join(resources, 'protocols'));
    for (const line of catalog.lines) for (const id of line.protocolIds) expect(library.get(id), `${line.id} -> ${id}`).not.toBeNull();
  });

  it('refuses an invalid file with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careline-lines-'));
    try {
      writeFileSync(join(dir, 'service-lines.json'), JSON.stringify({ serviceLines: [{ id: 'x', dnis: ['555-1234'] }] }));
      expect(() => ServiceLineCatalog.fromResources(dir)).toThrow(/invalid: .*dnis/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ProtocolLibrary', () => {
  it('refuses content that is not JSON or does not validate, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careline-protocols-'));
    try {
      writeFileSync(join(dir, 'broken.json'), '{ not json');
      writeFileSync(join(dir, 'incomplete.json'), JSON.stringify({ id: 'x', version: '1' }));
      expect(() => ProtocolLibrary.fromDirectory(dir)).toThrow(/broken\.json: not valid JSON[\s\S]*incomplete\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
