import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { configuredEnv, nurseUser } from '../test/fixtures';
import { workstationHandlers } from '../test/handlers';
import { renderWithProviders } from '../test/renderWithProviders';
import { ok } from '../bridge';
import { AppRoot } from './App';
import { INTERACTIVE_MARK } from './interactiveMark';

describe('AppRoot', () => {
  it('signs in with a demo identity chosen from the keyboard', async () => {
    const { bridge, user } = renderWithProviders(<AppRoot />, { handlers: workstationHandlers() });

    const list = await screen.findByRole('listbox', { name: 'Demo identities' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('Alex Rivera'),
      expect.stringContaining('Noor Haddad, RN'),
      expect.stringContaining('Sam Okafor'),
    ]);
    expect(within(options[1]!).getByText('Triage nurse')).toBeInTheDocument();
    expect(screen.getByTestId('demo-badge')).toHaveTextContent('DEMO · simulated phone line & EHR · synthetic patients');
    await waitFor(() => expect(list).toHaveFocus());

    await user.keyboard('{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');

    expect(bridge.invocationsOf('session.signIn')).toEqual([{ userId: nurseUser.id }]);
    expect(await screen.findByTestId('workstation')).toBeInTheDocument();
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('Noor Haddad, RN');
    expect(screen.getByTestId('signed-in-role')).toHaveTextContent('Triage nurse');
    // The demo label stays on the workstation.
    expect(screen.getByTestId('demo-badge')).toBeInTheDocument();
    expect(performance.getEntriesByName(INTERACTIVE_MARK)).toHaveLength(1);
  });

  it('shows the sign-in error and stays on the sign-in screen', async () => {
    const { user } = renderWithProviders(<AppRoot />, {
      handlers: workstationHandlers({
        'session.signIn': () => ({ ok: false, error: { code: 'not-permitted', message: 'This identity is disabled.' } }),
      }),
    });
    await user.click(await screen.findByTestId('signin-submit'));
    expect(await screen.findByTestId('signin-error')).toHaveTextContent('This identity is disabled.');
    expect(screen.queryByTestId('workstation')).not.toBeInTheDocument();
  });

  it('goes straight to the workstation when already signed in, without demo labels in a configured environment', async () => {
    renderWithProviders(<AppRoot />, {
      handlers: workstationHandlers({ 'env.status': () => ok(configuredEnv), 'session.current': () => ok(nurseUser) }),
    });
    expect(await screen.findByTestId('workstation')).toBeInTheDocument();
    expect(screen.queryByTestId('demo-badge')).not.toBeInTheDocument();
    expect(screen.queryByTestId('demo-line-open')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('status-host')).toHaveTextContent('Desktop'));
  });
});
