import { describe, expect, it } from 'vitest';
import { createConsoleLogger, createMemoryLogger, scrubFields } from './logger';

describe('scrubFields', () => {
  it('keeps numbers, booleans, null and short codes', () => {
    expect(
      scrubFields({
        count: 3,
        ms: 12.5,
        epoch: 1_717_000_000_000,
        ok: true,
        status: null,
        channel: 'patient.search',
        code: 'ehr-unavailable',
        fields: 'interview.answers.3.answeredAt/root',
        kind: 'network',
        path: '/fhir/Patient',
        status404: '404',
        version: '1.2.3',
        empty: '',
      }),
    ).toEqual({
      count: 3,
      ms: 12.5,
      epoch: 1_717_000_000_000,
      ok: true,
      status: null,
      channel: 'patient.search',
      code: 'ehr-unavailable',
      fields: 'interview.answers.3.answeredAt/root',
      kind: 'network',
      path: '/fhir/Patient',
      status404: '404',
      version: '1.2.3',
      empty: '',
    });
  });

  it('drops undefined fields', () => {
    expect(scrubFields({ a: undefined, b: 1 })).toEqual({ b: 1 });
    expect(scrubFields()).toEqual({});
  });

  it.each([
    ['a full name', 'Jane Doe'],
    ['a name with punctuation', "O'Brien, Mary"],
    ['a sentence', 'caller says chest pain'],
    ['an e-mail address', 'jane@example.org'],
    ['an E.164 phone number', '+15555550123'],
    ['a US phone number', '555-555-0123'],
    ['a bare phone number', '5555550123'],
    ['an SSN', '078-05-1120'],
    ['an MRN-like number', 'MRN00012345'],
    ['an ISO birth date', '1980-02-03'],
    ['a US birth date', '02/03/1980'],
    ['a short US date', '2/3/80'],
    ['a European date', '03.02.1980'],
    ['an ISO timestamp', '2024-05-06T07:08:09Z'],
    ['a long string', 'a'.repeat(81)],
    ['a newline (log injection)', 'ok\n{"level":"error"}'],
  ])('redacts %s', (_what, value) => {
    expect(scrubFields({ value })).toEqual({ value: '[redacted]' });
  });
});

describe('loggers', () => {
  it('console logger writes one JSON line per event, scrubbed, and honours the minimum level', () => {
    const lines: string[] = [];
    const logger = createConsoleLogger('info', (line) => lines.push(line));
    logger.log('debug', 'ipc.ok', { channel: 'session.current' });
    logger.log('warn', 'ipc.invalid-payload', { channel: 'patient.search', name: 'Jane Doe', dob: '1980-02-03' });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', event: 'ipc.invalid-payload', channel: 'patient.search', name: '[redacted]', dob: '[redacted]' });
    expect(typeof line.t).toBe('string');
    expect(lines[0]).not.toContain('Jane');
    expect(lines[0]).not.toContain('1980');
  });

  it('memory logger keeps scrubbed lines', () => {
    const logger = createMemoryLogger();
    logger.log('info', 'call.screen-pop', { candidates: 2, matchedBy: 'phone', caller: 'Jane Doe' });
    expect(logger.lines).toHaveLength(1);
    expect(JSON.parse(logger.lines[0]!)).toEqual({ level: 'info', event: 'call.screen-pop', candidates: 2, matchedBy: 'phone', caller: '[redacted]' });
  });
});
