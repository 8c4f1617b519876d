import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TeamView } from '../../../../src-preload/contract';
import { ok } from '../../bridge';
import { renderWithProviders } from '../../test/renderWithProviders';
import { TeamPanel, backlogText } from './TeamPanel';

const NOW = Date.parse('2026-12-05T15:00:00Z');
const desk = (id: string, extra: Partial<TeamView['workstations'][number]> = {}): TeamView['workstations'][number] => ({
  workstationId: id,
  label: `Desk ${id}`,
  user: { displayName: 'Alex Rivera', role: 'agent' },
  agentState: 'available',
  ehr: 'signed-in',
  outbox: { pending: 0, failed: 0, oldestUnsentAt: null },
  at: NOW,
  self: false,
  stale: false,
  receivedAt: NOW,
  ...extra,
});

describe('TeamPanel', () => {
  it("shows each desk's backlog, who is there, and a desk that went quiet", async () => {
    const view: TeamView = {
      link: 'bus',
      workstations: [
        desk('sup', { self: true, user: { displayName: 'Sam Patel', role: 'supervisor' }, agentState: null }),
        desk('d1', { outbox: { pending: 3, failed: 1, oldestUnsentAt: NOW - 12 * 60_000 }, ehr: 'unreachable' }),
        desk('d2', { stale: true, user: null, agentState: null }),
      ],
    };
    renderWithProviders(<TeamPanel view={view} now={NOW} />);
    expect(screen.getByTestId('team-backlog-d1')).toHaveTextContent('3 waiting, 1 failed (oldest 12 min)');
    expect(within(screen.getByTestId('team-row-d1')).getByText('Unreachable')).toBeInTheDocument();
    expect(within(screen.getByTestId('team-row-sup')).getByText('this desk')).toBeInTheDocument();
    expect(within(screen.getByTestId('team-row-d2')).getByText(/Not heard from since/)).toBeInTheDocument();
    expect(within(screen.getByTestId('team-row-d2')).getByText('Nobody')).toBeInTheDocument();
    expect(screen.queryByTestId('team-link')).not.toBeInTheDocument();
  });

  it('asks main for the team and says when only this desk can be shown', async () => {
    const view: TeamView = { link: 'local-only', workstations: [desk('me', { self: true })] };
    renderWithProviders(<TeamPanel />, { handlers: { 'team.workstations': () => ok(view) } });
    expect(await screen.findByTestId('team-link')).toHaveTextContent('only this desk is shown');
    expect(screen.getByTestId('team-backlog-me')).toHaveTextContent('All sent');
  });

  it('words a backlog without a known age', () => {
    expect(backlogText({ outbox: { pending: 2, failed: 0, oldestUnsentAt: null } }, NOW)).toBe('2 waiting');
  });
});
