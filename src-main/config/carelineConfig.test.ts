import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './carelineConfig';

describe('loadConfig', () => {
  it('defaults to the embedded demo environment', () => {
    expect(loadConfig({})).toEqual({
      ehr: { kind: 'demo', patients: 500, seed: 42 },
      telephony: { kind: 'demo-line' },
      protocolImportDirs: [],
      cache: { policy: 'encrypted-only' },
      scheduling: {},
      agent: { afterCallWorkSeconds: 60, awayReasons: ['Break', 'Lunch', 'Meeting', 'Training', 'Coaching'] },
    });
  });

  it('reads a SIP account with defaults, never a password, and refuses bad ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careline-config-'));
    try {
      const path = join(dir, 'careline.json');
      const sip = { kind: 'sip', server: 'wss://pbx.example.org:8089/ws', aor: 'sip:2104@pbx.example.org' };
      writeFileSync(path, JSON.stringify({ telephony: sip }));
      expect(loadConfig({ CARELINE_CONFIG: path }).telephony).toEqual({
        ...sip,
        registerExpiresS: 300,
        dtmf: 'rfc4733',
        ivrHeaders: ['X-Careline-IVR', 'X-IVR-Choice'],
        ivrChoices: [],
        directory: [],
      });
      const bad: Array<[unknown, RegExp]> = [
        [{ ...sip, server: 'https://pbx.example.org' }, /telephony.server/],
        [{ ...sip, aor: '2104' }, /telephony.aor/],
        [{ ...sip, password: 'secret' }, /telephony/],
        [{ ...sip, dtmf: 'inband' }, /telephony.dtmf/],
        [{ ...sip, directory: [{ id: 'x', label: 'X', kind: 'agent', target: 'not a target!' }] }, /telephony.directory.0.target/],
        [{ ...sip, ivrHeaders: ['Bad Header'] }, /telephony.ivrHeaders.0/],
      ];
      for (const [telephony, message] of bad) {
        writeFileSync(path, JSON.stringify({ telephony }));
        expect(() => loadConfig({ CARELINE_CONFIG: path }), JSON.stringify(telephony)).toThrow(message);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the agent settings and refuses bad ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careline-config-'));
    try {
      const path = join(dir, 'careline.json');
      writeFileSync(path, JSON.stringify({ agent: { afterCallWorkSeconds: 0 } }));
      expect(loadConfig({ CARELINE_CONFIG: path }).agent).toEqual({ afterCallWorkSeconds: 0, awayReasons: ['Break', 'Lunch', 'Meeting', 'Training', 'Coaching'] });
      writeFileSync(path, JSON.stringify({ agent: { awayReasons: ['Huddle'] } }));
      expect(loadConfig({ CARELINE_CONFIG: path }).agent).toEqual({ afterCallWorkSeconds: 60, awayReasons: ['Huddle'] });
      const bad: Array<[unknown, RegExp]> = [
        [{ afterCallWorkSeconds: 1801 }, /agent.afterCallWorkSeconds/],
        [{ afterCallWorkSeconds: -1 }, /agent.afterCallWorkSeconds/],
        [{ afterCallWorkSeconds: 1.5 }, /agent.afterCallWorkSeconds/],
        [{ awayReasons: [] }, /agent.awayReasons/],
        [{ awayReasons: Array.from({ length: 21 }, (_, i) => `Reason ${i}`) }, /agent.awayReasons/],
        [{ awayReasons: ['x'.repeat(61)] }, /agent.awayReasons.0/],
        [{ awayReasons: [''] }, /agent.awayReasons.0/],
        [{ awayReasons: ['Break', 'Break'] }, /agent.awayReasons: away reasons must be unique/],
        [{ wrapUpSeconds: 10 }, /agent/],
      ];
      for (const [agent, message] of bad) {
        writeFileSync(path, JSON.stringify({ agent }));
        expect(() => loadConfig({ CARELINE_CONFIG: path }), JSON.stringify(agent)).toThrow(message);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads protocol import folders and the scheduling rules file, relative to the configuration file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careline-config-'));
    try {
      const path = join(dir, 'careline.json');
      writeFileSync(path, JSON.stringify({ protocolImportDirs: ['licensed', '/opt/careline/protocols'], scheduling: { rulesPath: 'rules/clinic.json' } }));
      expect(loadConfig({ CARELINE_CONFIG: path }).protocolImportDirs).toEqual([join(dir, 'licensed'), '/opt/careline/protocols']);
      expect(loadConfig({ CARELINE_CONFIG: path }).scheduling).toEqual({ rulesPath: join(dir, 'rules/clinic.json') });
      writeFileSync(path, JSON.stringify({ scheduling: { maxDistanceKm: 50 } }));
      expect(loadConfig({ CARELINE_CONFIG: path }).scheduling).toEqual({ maxDistanceKm: 50 });
      writeFileSync(path, JSON.stringify({ protocolImportDirs: 'licensed' }));
      expect(() => loadConfig({ CARELINE_CONFIG: path })).toThrow(/invalid: protocolImportDirs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a FHIR server configuration and explains a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careline-config-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify({ ehr: { kind: 'fhir', baseUrl: 'https://fhir.example.org/R4' } }));
      expect(loadConfig({ CARELINE_CONFIG: good }).ehr).toEqual({ kind: 'fhir', label: 'EHR', baseUrl: 'https://fhir.example.org/R4' });
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ehr: { kind: 'fhir', baseUrl: 'not a url' } }));
      expect(() => loadConfig({ CARELINE_CONFIG: bad })).toThrow(/invalid: ehr.baseUrl/);
      expect(() => loadConfig({ CARELINE_CONFIG: join(dir, 'missing.json') })).toThrow(/Cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
