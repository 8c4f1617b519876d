import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EhrSession } from '../../../../src-preload/contract';
import { ok } from '../../bridge';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { EhrSessionControl } from './EhrSessionControl';

const session = (overrides: Partial<EhrSession>): EhrSession => ({ state: 'signed-out', user: null, expiresAt: null, message: null, ...overrides });

describe('EhrSessionControl', () => {
  it('shows nothing for an EHR without per-agent login', async () => {
    renderWithProviders(<EhrSessionControl />, { handlers: workstationHandlers({ 'ehr.session': () => ok(session({ state: 'not-needed' })) }), session: {} });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('ehr-session')).toBeNull();
  });

  it('signs in (the browser opens in main), follows the session event, and signs out', async () => {
    const { bridge, user } = renderWithProviders(<EhrSessionControl />, {
      handlers: workstationHandlers({
        'ehr.session': () => ok(session({})),
        'ehr.signIn': () => ok(session({ state: 'signing-in' })),
        'ehr.signOut': () => ok(session({ state: 'signed-out' })),
      }),
      session: {},
    });
    await user.click(await screen.findByTestId('ehr-sign-in'));
    expect(bridge.invocationsOf('ehr.signIn')).toEqual([{}]);
    expect(screen.getByTestId('ehr-session')).toHaveAttribute('data-state', 'signing-in');
    act(() => bridge.emit('ehr.session', session({ state: 'signed-in', user: 'Jordan Lee, RN' })));
    expect(screen.getByTestId('ehr-session')).toHaveTextContent('EHR: Jordan Lee, RN');
    await user.click(screen.getByTestId('ehr-sign-out'));
    expect(bridge.invocationsOf('ehr.signOut')).toEqual([{}]);
    act(() => bridge.emit('ehr.session', session({ state: 'expired', message: 'The EHR ended the session.' })));
    expect(screen.getByTestId('ehr-sign-in')).toHaveTextContent('sign in again');
  });
});
