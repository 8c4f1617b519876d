import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import {
  CALL_ID,
  activeCall,
  householdScreenPop,
  janeDoe,
  mateoLopez,
  ringingCall,
} from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import type { ScreenPop } from '../../../../src-preload/contract';
import { useCallSession } from '../call-session';
import { checkDob, formatDobTyping, parseDob } from './birthDate';
import { ScreenPopPane } from './ScreenPopPane';
import { SCREEN_POP_MARK } from './screenPopMark';

/** Shows the verified patient id so tests can see what the call session holds. */
function VerifiedProbe() {
  const patientId = useCallSession((s) => s.context.patient?.id ?? 'none');
  const unidentified = useCallSession((s) => JSON.stringify(s.context.unidentified ?? null));
  const caller = useCallSession((s) => JSON.stringify(s.context.caller ?? null));
  return (
    <>
      <output data-testid="probe-patient">{patientId}</output>
      <output data-testid="probe-unidentified">{unidentified}</output>
      <output data-testid="probe-caller">{caller}</output>
    </>
  );
}

function renderPane(overrides: Parameters<typeof workstationHandlers>[0] = {}) {
  return renderWithProviders(
    <>
      <ScreenPopPane />
      <VerifiedProbe />
    </>,
    { handlers: workstationHandlers(overrides), session: {} },
  );
}

describe('ScreenPopPane', { timeout: 15_000 }, () => {
  beforeEach(() => performance.clearMarks());

  it('shows the lookup in progress while ringing, then every household candidate, marking the render once', async () => {
    const { bridge } = renderPane({ 'call.screenPop': () => ok(null) });
    act(() => bridge.emit('call.incoming', ringingCall()));
    expect(await screen.findByTestId('screen-pop-loading')).toHaveTextContent('Looking up (555) 555-0123');

    act(() => bridge.emit('call.screenPop', householdScreenPop()));
    const rows = await screen.findAllByTestId('candidate-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Maria Lopez');
    expect(rows[0]).toHaveTextContent('40 y · DOB 04/12/1985 · Female');
    expect(rows[0]).toHaveTextContent('Spanish');
    expect(rows[0]).toHaveTextContent('Springfield, IL');
    expect(rows[1]).toHaveTextContent('child of Maria Lopez');
    expect(screen.queryByTestId('screen-pop-loading')).not.toBeInTheDocument();
    // Verification waits for the call to be answered.
    expect(screen.getByTestId('verify-dob-input')).toBeDisabled();

    act(() => bridge.emit('call.screenPop', householdScreenPop()));
    const marks = performance.getEntriesByName(SCREEN_POP_MARK) as PerformanceMark[];
    expect(marks).toHaveLength(1);
    expect(marks[0]?.detail).toMatchObject({ callId: CALL_ID, ringAt: ringingCall().ringAt, candidates: 2 });
    expect(typeof (marks[0]?.detail as { renderedAt: unknown }).renderedAt).toBe('number');
  });

  it('blocks a mismatched date of birth and accepts the right one with the name confirmed', async () => {
    const { bridge, user } = renderPane();
    act(() => bridge.emit('call.incoming', ringingCall()));
    await screen.findAllByTestId('candidate-row');
    act(() => bridge.emit('call.updated', activeCall()));

    // Keyboard: the list has focus after answering; 2 picks Mateo, Enter moves to the DOB field.
    const list = screen.getByRole('listbox', { name: /matching the caller/ });
    await waitFor(() => expect(list).toHaveFocus());
    await user.keyboard('2');
    expect(within(list).getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    const dob = screen.getByTestId('verify-dob-input');
    await waitFor(() => expect(dob).toHaveFocus());
    expect(screen.getByText('Verify identity: Mateo Lopez')).toBeInTheDocument();

    await user.type(dob, '09032017');
    expect(dob).toHaveValue('09/03/2017');
    expect(screen.getByText(/Does not match the date of birth on file/)).toBeInTheDocument();
    await user.click(screen.getByTestId('verify-name-confirmed'));
    expect(screen.getByTestId('use-patient')).toBeDisabled();

    await user.clear(dob);
    await user.type(dob, '09/03/2018');
    expect(screen.getByTestId('dob-match')).toBeInTheDocument();
    expect(screen.getByTestId('use-patient')).toBeEnabled();
    await user.click(screen.getByTestId('use-patient'));

    expect(screen.getByTestId('probe-patient')).toHaveTextContent(mateoLopez.id);
    expect(screen.getByTestId('verified-patient')).toHaveTextContent('Mateo Lopez');
  });

  it('requires the name to be confirmed as well', async () => {
    const { bridge, user } = renderPane();
    act(() => bridge.emit('call.incoming', activeCall()));
    await screen.findAllByTestId('candidate-row');
    await user.type(screen.getByTestId('verify-dob-input'), '04121985');
    expect(screen.getByTestId('use-patient')).toBeDisabled();
    await user.click(screen.getByTestId('verify-name-confirmed'));
    expect(screen.getByTestId('use-patient')).toBeEnabled();
  });

  it('falls back to a search by family name and date of birth when the number matches no one', async () => {
    const { bridge, user } = renderPane({
      'call.screenPop': ({ callId }) => ok({ callId, matchedBy: 'none', candidates: [], lookupMs: 9, error: null }),
    });
    act(() => bridge.emit('call.incoming', activeCall()));
    expect(await screen.findByTestId('screen-pop-match')).toHaveTextContent('No match');

    await user.type(screen.getByTestId('search-family'), 'Doe');
    await user.type(screen.getByTestId('search-dob'), '01311990');
    await user.click(screen.getByTestId('search-submit'));
    expect(bridge.invocationsOf('patient.search')).toEqual([{ family: 'Doe', birthDate: '1990-01-31' }]);

    const results = await screen.findAllByTestId('search-result-row');
    expect(results).toHaveLength(1);
    await user.click(results[0]!);
    // The DOB typed for the search is carried over; the name still needs confirming.
    expect(screen.getByTestId('verify-dob-input')).toHaveValue('01/31/1990');
    await user.click(screen.getByTestId('verify-name-confirmed'));
    await user.click(screen.getByTestId('use-patient'));
    expect(screen.getByTestId('probe-patient')).toHaveTextContent(janeDoe.id);
  });

  it('says so when the search finds nobody', async () => {
    const { bridge, user } = renderPane();
    act(() => bridge.emit('call.incoming', activeCall()));
    await screen.findAllByTestId('candidate-row');
    await user.keyboard('{Alt>}f{/Alt}');
    await waitFor(() => expect(screen.getByTestId('search-family')).toHaveFocus());
    await user.keyboard('Nobody');
    await user.type(screen.getByTestId('search-dob'), '01012000');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('search-no-results')).toBeInTheDocument();
  });
});

describe('every caller is triaged', { timeout: 15_000 }, () => {
  const noMatch = (error: string | null = null, ehrUnreachable: ScreenPop['ehrUnreachable'] = null) =>
    ({ 'call.screenPop': ({ callId }: { callId: string }) => ok({ callId, matchedBy: 'none' as const, candidates: [], lookupMs: 9, error, ehrUnreachable }) });

  it('No chart / triage now (Alt+I): age, sex and the caller entered on the spot move the call on, unverified', async () => {
    const { bridge, user } = renderPane(noMatch());
    act(() => bridge.emit('call.incoming', activeCall()));
    expect(await screen.findByTestId('screen-pop-no-match')).toBeInTheDocument();
    await user.keyboard('{Alt>}i{/Alt}');
    await waitFor(() => expect(screen.getByTestId('unidentified-given')).toHaveFocus());
    expect(screen.getByTestId('unidentified-start')).toBeDisabled();
    expect(screen.getByTestId('unidentified-missing')).toHaveTextContent('an age or a date of birth, sex');
    // The phone defaults to the caller's number.
    expect(screen.getByTestId('unidentified-phone')).toHaveValue(activeCall().from.e164);
    await user.keyboard('Tobi');
    await user.type(screen.getByTestId('unidentified-age'), '4');
    await user.click(screen.getByTestId('unidentified-sex-male'));
    // Someone else's call: the caller's name is asked.
    await user.click(screen.getByTestId('caller-parent'));
    await user.type(screen.getByTestId('caller-name'), 'Ada Okafor{Enter}');
    expect(JSON.parse(screen.getByTestId('probe-unidentified').textContent!)).toEqual({ given: 'Tobi', ageYears: 4, sex: 'male', phone: activeCall().from.e164 });
    expect(JSON.parse(screen.getByTestId('probe-caller').textContent!)).toEqual({ relationship: 'parent', name: 'Ada Okafor', phone: activeCall().from.e164 });
    expect(screen.getByTestId('unidentified-patient')).toHaveTextContent(/Tobi.*4 y \(stated\).*not verified/);
    expect(screen.getByTestId('caller-summary')).toHaveTextContent('Parent · Ada Okafor (not the patient)');
  });

  it('asks about pregnancy only when it may apply', async () => {
    const { bridge, user } = renderPane(noMatch());
    act(() => bridge.emit('call.incoming', activeCall()));
    await user.click(await screen.findByTestId('triage-now'));
    await user.type(screen.getByTestId('unidentified-age'), '30');
    await user.click(screen.getByTestId('unidentified-sex-male'));
    expect(screen.queryByTestId('unidentified-pregnant')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('unidentified-sex-female'));
    expect(screen.getByTestId('unidentified-pregnant')).toBeInTheDocument();
    await user.clear(screen.getByTestId('unidentified-age'));
    await user.type(screen.getByTestId('unidentified-age'), '70');
    expect(screen.queryByTestId('unidentified-pregnant')).not.toBeInTheDocument();
  });

  it('an EHR outage says so and since when, never "no patient on file", and triage stays one key away', async () => {
    const since = new Date(2026, 11, 7, 14, 2).getTime();
    const { bridge } = renderPane(noMatch('The EHR cannot be reached.', { since, cached: false }));
    act(() => bridge.emit('call.incoming', activeCall()));
    const alert = await screen.findByTestId('screen-pop-ehr-down');
    expect(alert).toHaveTextContent('The EHR cannot be reached');
    expect(alert).toHaveTextContent(new Date(since).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
    expect(alert).toHaveTextContent(/Triage without a chart/);
    expect(screen.getByTestId('screen-pop-match')).toHaveTextContent('EHR unreachable');
    expect(screen.queryByText(/No patient on file/)).not.toBeInTheDocument();
    expect(screen.queryByTestId('screen-pop-no-match')).not.toBeInTheDocument();
    expect(screen.getByTestId('triage-now')).toBeEnabled();
  });

  it('looks the number up again once the EHR is back, and the household pops', async () => {
    const { bridge, user } = renderPane(noMatch('The EHR cannot be reached.', { since: 1, cached: false }));
    act(() => bridge.emit('call.incoming', activeCall()));
    await user.click(await screen.findByTestId('screen-pop-look-again'));
    expect(bridge.invocationsOf('call.lookUpAgain')).toEqual([{ callId: CALL_ID }]);
    expect(await screen.findAllByTestId('candidate-row')).toHaveLength(2);
    expect(screen.queryByTestId('screen-pop-ehr-down')).not.toBeInTheDocument();
    expect(screen.getByTestId('screen-pop-match')).toHaveTextContent('2 on file');
  });

  it('cached candidates during an outage are offered, saying where they come from', async () => {
    const { bridge } = renderPane({
      'call.screenPop': ({ callId }) => ok({ ...householdScreenPop(callId), error: 'The EHR cannot be reached: these details were saved on this workstation.', ehrUnreachable: { since: 1, cached: true } }),
    });
    act(() => bridge.emit('call.incoming', activeCall()));
    expect(await screen.findAllByTestId('candidate-row')).toHaveLength(2);
    expect(screen.getByTestId('screen-pop-ehr-down')).toHaveTextContent('saved on this workstation');
    expect(screen.getByTestId('screen-pop-match')).toHaveTextContent('2 cached · EHR down');
  });

  it('household lookup (Alt+F): results take the keyboard, verification sits under them, and the caller is asked', async () => {
    const { bridge, user } = renderPane();
    act(() => bridge.emit('call.incoming', activeCall()));
    await screen.findAllByTestId('candidate-row');
    await user.keyboard('{Alt>}f{/Alt}');
    await waitFor(() => expect(screen.getByTestId('search-family')).toHaveFocus());
    await user.keyboard('Doe');
    await user.type(screen.getByTestId('search-dob'), '01311990{Enter}');
    const results = await screen.findByTestId('search-results');
    await waitFor(() => expect(results).toHaveFocus());
    await user.keyboard('{Enter}');
    const dob = screen.getByTestId('verify-dob-input');
    await waitFor(() => expect(dob).toHaveFocus());
    // The verification card follows the results in the document (Tab order and scroll), not the pop's list.
    expect(results.compareDocumentPosition(screen.getByTestId('identity-verification')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(screen.getByTestId('verify-name-confirmed'));
    expect(screen.getByTestId('use-patient')).toBeDisabled();
    await user.click(screen.getByTestId('caller-caregiver'));
    await user.type(screen.getByTestId('caller-name'), 'Sam Doe');
    await user.click(screen.getByTestId('use-patient'));
    expect(screen.getByTestId('probe-patient')).toHaveTextContent(janeDoe.id);
    expect(JSON.parse(screen.getByTestId('probe-caller').textContent!)).toMatchObject({ relationship: 'caregiver', name: 'Sam Doe' });
  });
});

describe('date of birth entry', () => {
  it('formats while typing and parses only real dates', () => {
    expect(formatDobTyping('0412')).toBe('04/12');
    expect(formatDobTyping('04121985999')).toBe('04/12/1985');
    expect(parseDob('04/12/1985')).toBe('1985-04-12');
    expect(parseDob('02/29/2023')).toBeNull();
    expect(parseDob('02/29/2024')).toBe('2024-02-29');
    expect(parseDob('13/01/2000')).toBeNull();
  });

  it('compares with the chart date without time zone shifts', () => {
    expect(checkDob('04/12/19', '1985-04-12')).toBe('incomplete');
    expect(checkDob('04/31/1985', '1985-04-12')).toBe('invalid');
    expect(checkDob('04/13/1985', '1985-04-12')).toBe('mismatch');
    expect(checkDob('04/12/1985', '1985-04-12')).toBe('match');
    expect(checkDob('04/12/1985', null)).toBe('mismatch');
  });
});
