import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/renderWithProviders';
import { isValidShortcut } from '../phone-bar/shortcuts';
import { NextActions, SCHEDULE_HOTKEY } from './NextActions';

describe('NextActions', () => {
  it('offers scheduling for a disposition that books a visit', async () => {
    const onSchedule = vi.fn();
    const { user } = renderWithProviders(<NextActions dispositionId="seen-within-4-hours" onSchedule={onSchedule} />);
    await user.click(screen.getByTestId('action-schedule'));
    expect(onSchedule).toHaveBeenCalledTimes(1);
  });

  it('keeps its shortcut out of the phone shortcuts a user can assign', () => {
    expect(isValidShortcut(SCHEDULE_HOTKEY)).toBe(false);
  });

  it.each([
    ['call-911', 'needs care now'],
    ['ed-now', 'needs care now'],
    ['poison-control', 'sends the caller elsewhere'],
  ] as const)('never schedules for %s, and says why', (dispositionId, why) => {
    renderWithProviders(<NextActions dispositionId={dispositionId} onSchedule={() => {}} />);
    expect(screen.getByTestId('action-schedule')).toBeDisabled();
    expect(screen.getByTestId('action-schedule')).toHaveTextContent(why);
  });
});
