import { afterEach, describe, expect, it } from 'vitest';
import type { TeamView, WorkstationStatus } from '../../src-preload/contract';
import { createMemoryLogger } from '../../src-main/log/logger';
import { type Team, startTeam } from '../../src-main/team/startTeam';
import { type NatsServer, startNatsServer } from '../support/natsServer';

/**
 * The team bus against a real nats-server on loopback: two agent desks and a supervisor's desk, each with
 * its own NATS connection, as on a contact-center floor. What the supervisor sees is each desk's backlog.
 */
let server: NatsServer | null = null;
const teams: Team[] = [];

afterEach(async () => {
  for (const t of teams.splice(0)) await t.dispose();
  await server?.stop();
  server = null;
});

function desk(id: string, backlog: { pending: number; failed: number }, token: string | null = null): { team: Team; status: WorkstationStatus } {
  const status: WorkstationStatus = {
    workstationId: id,
    label: `Desk ${id}`,
    user: { displayName: `Agent ${id}`, role: 'agent' },
    agentState: 'available',
    ehr: 'signed-in',
    outbox: { ...backlog, oldestUnsentAt: backlog.pending + backlog.failed > 0 ? 1_000 : null },
    at: 0,
  };
  const team = startTeam({ servers: [server!.url], token, workstationId: id }, () => ({ ...status, at: Date.now() }), createMemoryLogger(), { intervalMs: 200 });
  teams.push(team);
  return { team, status };
}

async function until(read: () => TeamView, ok: (v: TeamView) => boolean, ms = 8_000): Promise<TeamView> {
  const deadline = Date.now() + ms;
  for (;;) {
    const view = read();
    if (ok(view)) return view;
    if (Date.now() > deadline) throw new Error(`team view never settled: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('team bus (NATS)', () => {
  it("shows a supervisor every desk's backlog, marks a silent desk stale, and recovers after a bus restart", async () => {
    server = await startNatsServer();
    const a = desk('desk-a', { pending: 3, failed: 1 });
    desk('desk-b', { pending: 0, failed: 0 });
    const supervisor = desk('sup-1', { pending: 0, failed: 0 });
    const view = await until(() => supervisor.team.monitor.view(), (v) => v.link === 'bus' && v.workstations.length === 3);
    // Its own desk first, then the one with failed documentation, then the rest.
    expect(view.workstations.map((w) => [w.workstationId, w.self, w.outbox.pending, w.outbox.failed])).toEqual([
      ['sup-1', true, 0, 0],
      ['desk-a', false, 3, 1],
      ['desk-b', false, 0, 0],
    ]);

    // A desk goes quiet (shut down): after three beacon intervals it shows stale, not gone.
    await a.team.dispose();
    teams.splice(teams.indexOf(a.team), 1);
    await until(() => supervisor.team.monitor.view(), (v) => v.workstations.find((w) => w.workstationId === 'desk-a')?.stale === true);

    // The bus itself dies and comes back on the same port: everyone reconnects and reports again.
    await server.kill();
    await until(() => supervisor.team.monitor.view(), (v) => v.link === 'disconnected');
    await server.start();
    const back = await until(
      () => supervisor.team.monitor.view(),
      (v) => v.link === 'bus' && v.workstations.find((w) => w.workstationId === 'desk-b')?.stale === false && v.workstations.find((w) => w.workstationId === 'desk-b')!.receivedAt > Date.now() - 400,
      15_000,
    );
    expect(back.workstations.find((w) => w.workstationId === 'desk-a')?.stale).toBe(true);
  }, 40_000);

  it('connects with a token when the server wants one, and a desk without it is never heard', async () => {
    server = await startNatsServer({ token: 'lab-team-token' });
    const supervisor = desk('sup-1', { pending: 0, failed: 0 }, 'lab-team-token');
    desk('desk-a', { pending: 2, failed: 0 }, 'lab-team-token');
    desk('desk-x', { pending: 9, failed: 9 }, null);
    await until(() => supervisor.team.monitor.view(), (v) => v.workstations.some((w) => w.workstationId === 'desk-a'));
    await new Promise((r) => setTimeout(r, 600)); // three beacons of desk-x, had it been let in
    expect(supervisor.team.monitor.view().workstations.map((w) => w.workstationId)).toEqual(['sup-1', 'desk-a']);
  }, 20_000);
});
