import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import { WorkflowPane } from '../../app/WorkflowPane';
import { DRAFT_ID, homeCareOutcome, sessionAtDisposition } from '../../test/callSessions';
import { agentUser, mariaLopez, nurseUser, outboxItem } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { useCallSession } from '../call-session';

/** What the call session holds (the draft autosave persists exactly this). */
function NoteProbe() {
  const note = useCallSession((s) => s.context.nurseNote ?? '');
  return <output data-testid="probe-note">{note}</output>;
}

const written = {
  outcome: 'written' as const,
  outboxId: '11111111-2222-4333-8444-555555555555',
  encounterId: 'enc-42',
  questionnaireResponseId: 'qr-42',
  communicationId: null,
};

describe('DispositionPane', () => {
  it('shows an agent the disposition, its reason and the script, but no care advice', () => {
    renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: { user: agentUser },
      callSnapshot: sessionAtDisposition('agent'),
    });
    const card = screen.getByTestId('disposition-card');
    expect(card).toHaveAttribute('data-disposition-id', 'home-care');
    expect(card).toHaveAttribute('data-urgency', 'green');
    expect(screen.getByTestId('disposition-label')).toHaveTextContent('Home care');
    expect(screen.getByTestId('disposition-because')).toHaveTextContent('Fever without warning signs');
    expect(screen.getByTestId('disposition-script')).toHaveTextContent('This can be cared for at home.');
    expect(screen.queryByTestId('care-advice')).not.toBeInTheDocument();
    expect(screen.queryByText('Drink plenty of fluids.')).not.toBeInTheDocument();
  });

  it('shows a nurse the care advice and documents it once the nurse confirms giving it', async () => {
    const { bridge, user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers({ 'encounter.document': () => ok(written) }),
      session: { user: nurseUser },
      callSnapshot: sessionAtDisposition('nurse'),
    });
    expect(screen.getByTestId('care-advice')).toHaveTextContent('Drink plenty of fluids.');
    await user.click(screen.getByTestId('care-advice-given'));
    await user.click(screen.getByTestId('document-button'));

    const [request] = bridge.invocationsOf('encounter.document');
    expect(request).toMatchObject({
      draftId: DRAFT_ID,
      patientId: mariaLopez.id,
      identityVerifiedBy: 'name-and-birth-date',
      careAdvice: homeCareOutcome.careAdvice,
      interview: { disposition: { id: 'home-care' }, answers: homeCareOutcome.answers },
    });
    const result = await screen.findByTestId('document-result');
    expect(result).toHaveAttribute('data-outcome', 'written');
    expect(screen.getByTestId('document-encounter-id')).toHaveTextContent('enc-42');
    expect(screen.getByTestId('wrap-up')).toBeInTheDocument();
  });

  it('never sends care advice for an agent (Ctrl+Enter documents)', async () => {
    const { bridge, user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers({ 'encounter.document': () => ok(written) }),
      session: { user: agentUser },
      callSnapshot: sessionAtDisposition('agent'),
    });
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('document-result');
    expect(bridge.invocationsOf('encounter.document')[0]?.careAdvice).toBeNull();
  });

  it('keeps everything on screen with the reason when documentation fails, and retries with the same draft', async () => {
    let attempts = 0;
    const { bridge, user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers({
        'encounter.document': () => {
          attempts += 1;
          return attempts === 1
            ? { ok: false, error: { code: 'invalid-payload', message: 'The EHR refused the encounter: reason is too long.' } }
            : ok({ outcome: 'queued', outboxId: outboxItem().id, reason: 'EHR unreachable; will retry in 30 s' });
        },
        'outbox.list': () => ok([outboxItem()]),
      }),
      session: { user: nurseUser },
      callSnapshot: sessionAtDisposition('nurse'),
    });
    await user.click(screen.getByTestId('care-advice-given'));
    await user.click(screen.getByTestId('document-button'));

    expect(await screen.findByTestId('document-error')).toHaveTextContent('The EHR refused the encounter: reason is too long.');
    expect(screen.getByTestId('disposition-card')).toBeInTheDocument();
    expect(screen.getByTestId('care-advice-given')).toBeChecked();
    expect(screen.getByTestId('document-button')).toHaveTextContent('Retry: document to EHR');

    await user.click(screen.getByTestId('document-button'));
    const result = await screen.findByTestId('document-result');
    expect(result).toHaveAttribute('data-outcome', 'queued');
    expect(result).toHaveTextContent('Saved for retry: EHR unreachable; will retry in 30 s');
    await waitFor(() => expect(result).toHaveTextContent('Encounter · Fever (adult) · 14:02'));
    const drafts = bridge.invocationsOf('encounter.document').map((r) => r.draftId);
    expect(drafts).toEqual([DRAFT_ID, DRAFT_ID]);
  });

  it('lets a nurse override with a reason: shown on the card and documented with the engine disposition', async () => {
    const { bridge, user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers({ 'encounter.document': () => ok(written) }),
      session: { user: nurseUser },
      callSnapshot: sessionAtDisposition('nurse'),
    });
    await user.keyboard('{Alt>}o{/Alt}');
    const apply = await screen.findByTestId('override-apply');
    await user.click(screen.getByTestId('override-to'));
    await user.click(await screen.findByRole('option', { name: /Be seen today \(more urgent\)/ }));
    await user.type(screen.getByTestId('override-reason'), 'too short');
    expect(apply).toBeDisabled();
    // Not documented by accident while the override is open.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.invocationsOf('encounter.document')).toHaveLength(0);
    await user.type(screen.getByTestId('override-reason'), ': caller sounds confused');
    await user.click(apply);

    const card = screen.getByTestId('disposition-card');
    expect(card).toHaveAttribute('data-disposition-id', 'seen-today');
    expect(card).toHaveAttribute('data-engine-disposition-id', 'home-care');
    expect(screen.getByTestId('disposition-override')).toHaveTextContent(
      'Overridden from Home care to Be seen today by nurse: too short: caller sounds confused',
    );
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('document-result');
    expect(bridge.invocationsOf('encounter.document')[0]).toMatchObject({
      interview: { disposition: { id: 'home-care' } },
      override: { from: 'home-care', to: 'seen-today', reason: 'too short: caller sounds confused' },
    });
  });

  it('offers an agent no override and no nurse note, and says which next actions are not built yet', async () => {
    const { user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: { user: agentUser },
      callSnapshot: sessionAtDisposition('agent'),
    });
    expect(screen.queryByTestId('override-open')).not.toBeInTheDocument();
    await user.keyboard('{Alt>}o{/Alt}');
    expect(screen.queryByTestId('override-form')).not.toBeInTheDocument();
    // Home care may book a routine visit: scheduling is real now.
    expect(screen.getByTestId('action-schedule')).toBeEnabled();
    expect(screen.getByTestId('action-schedule')).toHaveTextContent('Schedule appointment');
    // No stale "needs the softphone" transfer: agents hand calls over from the escalation step.
    expect(screen.queryByTestId('action-transfer')).not.toBeInTheDocument();
    expect(screen.getByTestId('action-page')).toBeDisabled();
    expect(screen.queryByTestId('script-911')).not.toBeInTheDocument();
    expect(screen.queryByTestId('nurse-note')).not.toBeInTheDocument();
  });

  it("documents a nurse's note typed after Alt+N, trimmed, and keeps it in the session (so a draft keeps it)", async () => {
    const { bridge, user } = renderWithProviders(
      <>
        <WorkflowPane />
        <NoteProbe />
      </>,
      {
      handlers: workstationHandlers({ 'encounter.document': () => ok(written) }),
      session: { user: nurseUser },
      callSnapshot: sessionAtDisposition('nurse'),
      },
    );
    await user.keyboard('{Alt>}n{/Alt}');
    expect(screen.getByTestId('nurse-note')).toHaveFocus();
    await user.keyboard('  Caller calm; fever down with acetaminophen.  ');
    expect(screen.getByTestId('probe-note')).toHaveTextContent('Caller calm; fever down with acetaminophen.');
    expect(screen.getByTestId('nurse-note')).toHaveAttribute('maxlength', '2000');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('document-result');
    expect(bridge.invocationsOf('encounter.document')[0]?.nurseNote).toBe('Caller calm; fever down with acetaminophen.');
  });

  it('sends no nurse note when the nurse wrote none', async () => {
    const { bridge, user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers({ 'encounter.document': () => ok(written) }),
      session: { user: nurseUser },
      callSnapshot: sessionAtDisposition('nurse'),
    });
    await user.type(screen.getByTestId('nurse-note'), '   ');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('document-result');
    expect(bridge.invocationsOf('encounter.document')[0]).not.toHaveProperty('nurseNote');
  });
});
