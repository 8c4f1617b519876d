import { describe, expect, it } from 'vitest';
import type { WorkstationStatus } from '../../src-preload/contract';
import { createMemoryLogger } from '../log/logger';
import { MemoryTeamBus, subjectMatches } from './TeamBus';
import { TeamMonitor } from './TeamMonitor';
import { WorkstationBeacon, statusSubject, workstationIdFrom } from './WorkstationBeacon';

const status = (id: string, failed = 0, pending = 0): WorkstationStatus => ({
  workstationId: id,
  label: `Desk ${id}`,
  user: null,
  agentState: null,
  ehr: 'not-needed',
  outbox: { pending, failed, oldestUnsentAt: pending + failed > 0 ? 5 : null },
  at: 1,
});

describe('team bus subjects', () => {
  it('match one token with * and the rest with >', () => {
    expect(subjectMatches('careline.workstation.*.status', 'careline.workstation.d1.status')).toBe(true);
    expect(subjectMatches('careline.workstation.*.status', 'careline.workstation.d1.x.status')).toBe(false);
    expect(subjectMatches('careline.>', 'careline.workstation.d1.status')).toBe(true);
    expect(subjectMatches('careline.>', 'careline')).toBe(false);
  });

  it('make a NATS-safe workstation id from a host name', () => {
    expect(workstationIdFrom('TRIAGE-PC 12.clinic.local')).toBe('TRIAGE-PC-12-clinic-local');
    expect(workstationIdFrom('...')).toBe('workstation');
  });
});

describe('TeamMonitor', () => {
  it('keeps the last status per desk, refuses malformed or spoofed ones, and marks silence stale', () => {
    const bus = new MemoryTeamBus();
    let now = 1_000;
    const logger = createMemoryLogger();
    const monitor = new TeamMonitor(bus, () => status('me'), logger, () => now, 100);
    bus.publish(statusSubject('d1'), status('d1', 0, 2));
    bus.publish(statusSubject('d2'), status('d2', 1, 0));
    bus.publish(statusSubject('d3'), { ...status('d3'), outbox: { pending: -1 } }); // malformed
    bus.publish(statusSubject('d4'), status('d1', 9, 9)); // d4 speaking for d1
    let view = monitor.view();
    expect(view.link).toBe('bus');
    expect(view.workstations.map((w) => [w.workstationId, w.outbox.failed, w.outbox.pending, w.stale])).toEqual([
      ['me', 0, 0, false],
      ['d2', 1, 0, false],
      ['d1', 0, 2, false],
    ]);
    expect(logger.lines.filter((l) => l.includes('team.status-refused'))).toHaveLength(2);
    now += 301; // more than three intervals of 100 ms
    view = monitor.view();
    expect(view.workstations.filter((w) => w.stale).map((w) => w.workstationId)).toEqual(['d2', 'd1']);
    bus.setConnected(false);
    expect(monitor.view().link).toBe('disconnected');
  });

  it('shows this workstation alone when there is no bus', () => {
    const monitor = new TeamMonitor(null, () => status('me', 0, 4), createMemoryLogger());
    expect(monitor.view()).toMatchObject({ link: 'local-only', workstations: [{ workstationId: 'me', self: true, outbox: { pending: 4 } }] });
  });
});

describe('WorkstationBeacon', () => {
  it('sends a heartbeat on start and on the interval, and on change only when something visible changed', () => {
    const bus = new MemoryTeamBus();
    const heard: WorkstationStatus[] = [];
    bus.subscribe(statusSubject('me'), (p) => heard.push(p as WorkstationStatus));
    let current = status('me');
    const beacon = new WorkstationBeacon(bus, () => ({ ...current, at: current.at + heard.length }), 60_000);
    beacon.start();
    beacon.changed(); // nothing different but the time
    expect(heard).toHaveLength(1);
    current = status('me', 1, 0);
    beacon.changed();
    expect(heard.map((h) => h.outbox.failed)).toEqual([0, 1]);
    beacon.stop();
  });
});
