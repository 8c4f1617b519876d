import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Protocol, type PatientSummary, type ServiceLine } from '../../../../src-preload/contract';
import bitesJson from '../../../../resources/protocols/bites-stings.json';
import feverJson from '../../../../resources/protocols/fever.json';
import medicationJson from '../../../../resources/protocols/medication-question.json';
import redFlagsJson from '../../../../resources/protocols/red-flags.json';
import { ok } from '../../bridge';
import { WorkflowPane } from '../../app/WorkflowPane';
import { sessionAtReason } from '../../test/callSessions';
import { familyMedicine, mariaLopez, mateoLopez, nurseUser } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { findSelectOption } from '../../test/selectOption';

// The reason pane passes where and when to the interview: the installed demonstration protocols branch on the
// patient's state (a tick bite where Lyme disease is common) and on the time at the site (a dose due overnight).
const protocols = [redFlagsJson, bitesJson, medicationJson, feverJson].map((p) => Protocol.parse(p));
const line: ServiceLine = { ...familyMedicine, protocolIds: ['bites-stings', 'medication-question', 'fever'] };
const TICK = /tick removed in the last 3 days/;
const OVERNIGHT = /due before 7 a\.m\./;

// Monday 2025-03-03 10:00 and 23:30 in New York (the line's time zone).
const MONDAY_10 = new Date('2025-03-03T15:00:00Z');
const MONDAY_2330 = new Date('2025-03-04T04:30:00Z');

function renderReason(patient: PatientSummary = mariaLopez) {
  return renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers({
      'serviceLine.list': () => ok([line]),
      'protocol.get': ({ id }) => {
        const protocol = protocols.find((p) => p.id === id);
        return protocol ? ok(protocol) : { ok: false, error: { code: 'not-found', message: `No protocol ${id}.` } };
      },
    }),
    session: { user: nurseUser, serviceLines: [line] },
    callSnapshot: sessionAtReason('nurse', patient),
  });
}

type User = ReturnType<typeof renderReason>['user'];

async function startTriage(user: User, reason: string, protocolTitle: RegExp) {
  await user.click(screen.getByTestId('call-type-symptoms'));
  await user.type(screen.getByTestId('reason-input'), reason);
  await user.click(await screen.findByTestId('protocol-select'));
  await user.click(await findSelectOption(protocolTitle));
}

/** Answers no (N) until `question` is asked; returns whether it was, before the interview ended. */
async function answerNoUntil(user: User, question: RegExp): Promise<boolean> {
  await screen.findByTestId('interview-question');
  for (let i = 0; i < 40; i += 1) {
    const current = screen.queryByTestId('interview-question');
    if (!current) return false;
    if (question.test(current.textContent ?? '')) return true;
    await user.keyboard('n');
  }
  return false;
}

describe('the reason pane hears where and when', { timeout: 60_000 }, () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('prefills where the patient is from the chart address, and offers who calls and pregnancy', async () => {
    vi.setSystemTime(MONDAY_10);
    const { user } = renderReason();
    await user.click(screen.getByTestId('call-type-symptoms'));
    const fields = screen.getByTestId('caller-answers');
    expect(within(fields).getByTestId('location-state')).toHaveValue('IL');
    expect(within(fields).getByRole('textbox', { name: 'ZIP code where the patient is now' })).toHaveValue('62701');
    expect(screen.getByTestId('location-source')).toHaveTextContent('from the chart address');
    expect(within(fields).getByTestId('caller-role')).toHaveValue('The patient');
    expect(within(fields).getByText('Is the patient pregnant?')).toBeInTheDocument();
  });

  it('a child: a parent calls by default, and pregnancy is not asked', async () => {
    vi.setSystemTime(MONDAY_10);
    const { user } = renderReason(mateoLopez);
    await user.click(screen.getByTestId('call-type-symptoms'));
    const fields = screen.getByTestId('caller-answers');
    expect(within(fields).getByTestId('caller-role')).toHaveValue('A parent');
    expect(within(fields).queryByText('Is the patient pregnant?')).not.toBeInTheDocument();
  });

  it('a caller who says the patient is in Connecticut takes the Lyme tick-bite branch', async () => {
    vi.setSystemTime(MONDAY_10);
    const { user } = renderReason();
    await startTriage(user, 'bitten by a tick on a hike', /^Bites and stings/);
    const state = screen.getByTestId('location-state');
    await user.clear(state);
    await user.type(state, 'CT');
    await user.click(await findSelectOption(/^CT$/));
    const zip = screen.getByRole('textbox', { name: 'ZIP code where the patient is now' });
    await user.clear(zip);
    await user.type(zip, '06103');
    expect(screen.getByTestId('location-source')).toHaveTextContent("caller's answer");
    await user.click(screen.getByRole('radio', { name: 'Not pregnant' }));
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByTestId('interview-input-location')).toHaveTextContent("in CT 06103 (caller's answer)");
    expect(screen.getByTestId('interview-inputs')).toHaveTextContent('the patient calls · not pregnant');
    expect(await answerNoUntil(user, TICK)).toBe(true);
    await user.keyboard('y');
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'seen-today');
    expect(screen.getByTestId('care-advice')).toHaveTextContent('After a tick bite where Lyme disease is common');
  });

  it('with the chart address in Illinois the tick-bite question is not asked', async () => {
    vi.setSystemTime(MONDAY_10);
    const { user } = renderReason();
    await startTriage(user, 'bitten by a tick on a hike', /^Bites and stings/);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('interview-input-location')).toHaveTextContent('in IL 62701 (chart address)');
    expect(await answerNoUntil(user, TICK)).toBe(false);
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'home-care');
  });

  /** An insulin question at `at`: the interview starts, showing the site time it heard. */
  async function insulinQuestionAt(at: Date, siteTime: string) {
    vi.setSystemTime(at);
    const rendered = renderReason();
    await startTriage(rendered.user, 'question about my insulin', /^Medication question/);
    await rendered.user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('interview-input-time')).toHaveTextContent(`${siteTime} at the site`);
    return rendered;
  }

  it('at 23:30 at the site the overnight dose question is asked; at 10:00 it is not', async () => {
    const night = await insulinQuestionAt(MONDAY_2330, '23:30');
    expect(await answerNoUntil(night.user, OVERNIGHT)).toBe(true);
    await night.user.keyboard('y');
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'seen-within-4-hours');
    night.unmount();

    const day = await insulinQuestionAt(MONDAY_10, '10:00');
    expect(await answerNoUntil(day.user, OVERNIGHT)).toBe(false);
  });

  it('a ZIP that is not 5 digits holds the interview until it is fixed', async () => {
    vi.setSystemTime(MONDAY_10);
    const { user } = renderReason();
    await startTriage(user, 'bitten by a tick on a hike', /^Bites and stings/);
    const zip = screen.getByRole('textbox', { name: 'ZIP code where the patient is now' });
    await user.clear(zip);
    await user.type(zip, '061');
    expect(screen.getByText('A ZIP code is 5 digits')).toBeInTheDocument();
    expect(screen.getByTestId('reason-submit')).toBeDisabled();
    await user.type(zip, '03');
    expect(screen.getByTestId('reason-submit')).toBeEnabled();
  });
});

describe('care advice chosen by age band, from the UI', { timeout: 60_000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(MONDAY_10);
  });
  afterEach(() => vi.useRealTimers());

  /** A fever call answered no to everything: home care, with the fever care advice for this patient. */
  async function feverAdviceFor(patient: PatientSummary): Promise<HTMLElement> {
    const { user } = renderReason(patient);
    await startTriage(user, 'fever since yesterday', /^Fever/);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await answerNoUntil(user, /^$/)).toBe(false);
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'home-care');
    return screen.getByTestId('care-advice');
  }

  it('an adult is offered the adult medicine advice, not the one written for babies and children', async () => {
    const advice = await feverAdviceFor(mariaLopez);
    expect(advice).toHaveTextContent('Fever medicine for adults');
    expect(advice).not.toHaveTextContent('Fever medicine for babies, children and teens');
  });

  it('a child is offered the advice dosed for children', async () => {
    const advice = await feverAdviceFor(mateoLopez);
    expect(advice).toHaveTextContent('Fever medicine for babies, children and teens');
    expect(advice).not.toHaveTextContent('Fever medicine for adults');
  });
});
