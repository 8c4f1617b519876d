import { Alert, Badge, Button, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import {
  type SlotOffer,
  type SlotSearchRequest,
  type SlotSearchResult,
  type VisitTypeSummary,
  disposition,
} from '../../../../src-preload/contract';
import { useBridge, useInvoke } from '../../bridge';
import { Shortcut, ShortcutButton } from '../../ui';
import {
  type RescheduleReturn,
  type SchedulingDraft,
  selectBooking,
  selectPatient,
  selectScheduling,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import { BACK_HOTKEY } from '../interview';
import { useSession } from '../session';
import { BOOK_HOTKEY, BookingForm, bookingProblem } from './BookingForm';
import { BookingResultCard } from './BookingResultCard';
import { ExclusionsDisclosure } from './ExclusionsDisclosure';
import { NoneInWindow } from './NoneInWindow';
import { OfferList } from './OfferList';
import { PreferencesForm } from './PreferencesForm';
import { WaitlistAddForm } from './WaitlistAddForm';
import { isOutsideWindow } from './schedulingFormat';

export interface SchedulingPaneProps {
  /** The workstation's IANA zone (tests pin it; the app uses the system's). */
  readonly workstationZone?: string;
}

/**
 * Booking the visit the disposition calls for, by keyboard: the offers are ranked with their reasons, ↑/↓ (j/k)
 * or 1–9 choose, Enter holds, Ctrl+Enter books, Esc releases, Alt+B goes back. Ctrl+Enter belongs to this pane
 * while it is open (the disposition's "document" is not on screen then). Everything the agent enters lives in
 * the call session, so a held call, a conflict or a re-search never loses it.
 */
export function SchedulingPane(props: SchedulingPaneProps) {
  const actor = useCallSessionActor();
  const bridge = useBridge();
  const { user } = useSession();
  const draft = useCallSession(selectScheduling);
  const callBooking = useCallSession(selectBooking);
  const patient = useCallSession(selectPatient);
  const callId = useCallSession((s) => s.context.call?.callId ?? null);
  const isNurse = user.role === 'nurse';
  // An appointment call (no interview) came from the reason step and goes on to the wrap-up.
  const fromDisposition = useCallSession((s) => s.context.outcome !== null);
  const backLabel = fromDisposition ? 'Back to disposition' : 'Go to wrap-up';

  const visitTypes = useInvoke('schedule.visitTypes', { dispositionId: draft?.dispositionId ?? null });
  const directory = useInvoke('schedule.directory', {});
  const update = (patch: Partial<SchedulingDraft>) => actor.send({ type: 'SCHEDULE.UPDATE', draft: patch });
  // Moving a chart appointment: same offers and hold, but Ctrl+Enter reschedules it instead of booking anew.
  const reschedule = draft?.reschedule ?? null;
  const mode = reschedule ? 'reschedule' : 'book';
  // The result shown is this pane's own: a reschedule must not show the booking made earlier in the call.
  const booking = reschedule ? reschedule.result : callBooking;

  // The suggested visit type for the disposition (or, for a reschedule, the appointment's own) is taken as soon
  // as the list arrives (the agent may change it).
  const suggested = visitTypes.data
    ? ((reschedule ? (visitTypes.data.find((v) => v.id === reschedule.visitTypeId) ?? visitTypes.data.find((v) => v.label === reschedule.visitTypeLabel)) : undefined) ?? suggestedVisitType(visitTypes.data))
    : null;
  const needsVisitType = draft !== null && draft.visitTypeId === null && suggested !== null;
  useEffect(() => {
    if (needsVisitType && suggested) actor.send({ type: 'SCHEDULE.UPDATE', draft: { visitTypeId: suggested.id } });
  }, [needsVisitType, suggested, actor]);

  const request: SlotSearchRequest | null =
    draft && patient && draft.visitTypeId
      ? { patientId: patient.id, dispositionId: draft.dispositionId, visitTypeId: draft.visitTypeId, preferences: draft.preferences, limit: 10 }
      : null;
  const search = useInvoke('schedule.search', request);
  const requestKey = JSON.stringify(request);
  // A conflict answers fresh offers for the same request: they replace the list until the request changes.
  const [refreshed, setRefreshed] = useState<{ readonly key: string; readonly result: SlotSearchResult } | null>(null);
  const result = refreshed?.key === requestKey ? refreshed.result : search.data;

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = result?.offers.find((o) => o.offerId === selectedId) ?? result?.offers[0] ?? null;
  const [holding, setHolding] = useState(false);
  const [bookingInFlight, setBooking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [waitlistOpen, setWaitlistOpen] = useState(false);
  const [waitlisted, setWaitlisted] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // The offers take focus when they first arrive (and again after a conflict), so the arrows work at once.
  const firstResult = useRef(true);
  const hasOffers = (result?.offers.length ?? 0) > 0;
  useEffect(() => {
    if (hasOffers && firstResult.current) {
      firstResult.current = false;
      listRef.current?.focus();
    }
  }, [hasOffers]);

  const hold = draft?.hold ?? null;
  const outsideWindow = hold !== null && result !== undefined && isOutsideWindow(hold.offer, result.window);

  const holdOffer = async (offer: SlotOffer) => {
    if (!patient || holding || bookingInFlight) return;
    if (hold?.offer.offerId === offer.offerId) return;
    setHolding(true);
    setError(null);
    if (hold) void bridge.invoke('schedule.release', { holdId: hold.holdId });
    const held = await bridge.invoke('schedule.hold', { patientId: patient.id, offerId: offer.offerId });
    setHolding(false);
    if (!held.ok) {
      setError(`Could not hold that slot: ${held.error.message}`);
      update({ hold: null, idempotencyKey: null });
      if (held.error.code === 'conflict' || held.error.code === 'not-found') search.reload();
      return;
    }
    setSelectedId(offer.offerId);
    setConflict(null);
    // One key per booking attempt of this hold: a retry after an error reuses it, so main never books twice.
    update({ hold: held.value, idempotencyKey: crypto.randomUUID() });
  };

  const release = () => {
    if (!hold || bookingInFlight) return;
    void bridge.invoke('schedule.release', { holdId: hold.holdId });
    update({ hold: null, idempotencyKey: null });
    listRef.current?.focus();
  };

  const book = async () => {
    if (!draft || !hold || !patient || bookingInFlight) return;
    if (bookingProblem({ reason: draft.reason, outsideWindow, outsideWindowReason: draft.outsideWindowReason, mode }) !== null) return;
    const idempotencyKey = draft.idempotencyKey ?? crypto.randomUUID();
    if (draft.idempotencyKey === null) update({ idempotencyKey });
    setBooking(true);
    setError(null);
    const answer = reschedule
      ? await bridge.invoke('schedule.reschedule', {
          appointmentId: reschedule.appointmentId,
          patientId: patient.id,
          holdId: hold.holdId,
          reason: changeReason(draft.reason, outsideWindow ? draft.outsideWindowReason : null),
          idempotencyKey,
        })
      : await bridge.invoke('schedule.book', {
          holdId: hold.holdId,
          patientId: patient.id,
          idempotencyKey,
          reason: draft.reason.trim(),
          callId,
          dispositionId: draft.dispositionId,
          outsideWindowReason: outsideWindow ? draft.outsideWindowReason.trim() : null,
          sendConfirmation: draft.sendConfirmation,
        });
    setBooking(false);
    if (!answer.ok) {
      const what = reschedule ? 'Not rescheduled yet' : 'Not booked yet';
      setError(`${what}: ${answer.error.message} Try again; the same request is retried, never made twice.`);
      return;
    }
    const value = answer.value;
    if (value.outcome === 'conflict') {
      setConflict(value.message);
      setRefreshed({ key: requestKey, result: value.refreshed });
      setSelectedId(value.refreshed.offers[0]?.offerId ?? null);
      update({ hold: null, idempotencyKey: null });
      listRef.current?.focus();
      return;
    }
    actor.send({ type: 'SCHEDULE.BOOKED', result: value });
  };

  const back = () => {
    if (bookingInFlight) return;
    if (hold) void bridge.invoke('schedule.release', { holdId: hold.holdId });
    actor.send({ type: 'SCHEDULE.CLOSE' });
  };

  const primary = () => {
    if (booking) back();
    else if (hold) void book();
  };
  useHotkeys(
    [
      [BOOK_HOTKEY, primary],
      [BACK_HOTKEY, back, { usePhysicalKeys: true }],
    ],
    // Work while typing the reason, as the other panes' primary actions do.
    [],
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Esc releases the hold, unless it is closing an open dropdown.
    if (event.key !== 'Escape' || !hold) return;
    if (event.target instanceof HTMLElement && event.target.closest('[aria-expanded="true"]')) return;
    event.preventDefault();
    release();
  };

  if (!draft || !patient) return null;
  const dispositionLabel = draft.dispositionId ? disposition(draft.dispositionId).label : 'Routine visit';
  const closeLabel = reschedule ? RESCHEDULE_BACK_LABELS[reschedule.returnTo] : backLabel;

  return (
    <Stack gap="md" maw={860} role="region" aria-label="Scheduling" data-testid="scheduling-pane" onKeyDown={onKeyDown}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} size="h4" data-testid="scheduling-title">
            {reschedule ? `Reschedule ${reschedule.label}` : `Schedule for ${patient.displayName}`}
          </Title>
          {reschedule ? (
            <Text size="sm" c="dimmed">
              For {patient.displayName}. The old appointment is cancelled once the new one is in the EHR.
            </Text>
          ) : null}
          <Group gap={6}>
            <Badge variant="light">{dispositionLabel}</Badge>
            <Text size="sm" fw={600} data-testid="scheduling-window">
              {result ? result.window.label : 'Reading the window…'}
            </Text>
          </Group>
        </Stack>
        <ShortcutButton variant="subtle" onClick={back} disabled={bookingInFlight} data-testid="scheduling-back" keys={BACK_HOTKEY}>
          {closeLabel}
        </ShortcutButton>
      </Group>

      {booking ? (
        <BookingResultCard
          result={booking}
          onDone={back}
          doneLabel={reschedule ? closeLabel : fromDisposition ? 'Back to the disposition to document' : 'Go to wrap-up'}
          workstationZone={props.workstationZone}
        />
      ) : (
        <>
          <Select
            label="Visit type"
            data={(visitTypes.data ?? []).map((v) => ({ value: v.id, label: visitTypeLabel(v) }))}
            value={draft.visitTypeId}
            onChange={(id) => id && update({ visitTypeId: id, hold: null, idempotencyKey: null })}
            disabled={hold !== null || bookingInFlight}
            allowDeselect={false}
            data-testid="scheduling-visit-type"
          />
          <PreferencesForm
            value={draft.preferences}
            onChange={(preferences) => update({ preferences })}
            directory={directory.data}
            disabled={hold !== null || bookingInFlight}
          />

          {conflict ? (
            <Alert color="orange" variant="filled" role="alert" title="That slot was just taken" data-testid="booking-conflict">
              <Text size="sm">{conflict} Here are fresh offers; what you entered is kept.</Text>
            </Alert>
          ) : null}
          {error ? (
            <Alert color="red" variant="light" role="alert" data-testid="scheduling-error">
              <Text size="sm">{error}</Text>
            </Alert>
          ) : null}
          {visitTypes.error ? (
            <RetryAlert message={`Could not load the visit types: ${visitTypes.error.message}`} onRetry={visitTypes.reload} testId="scheduling-visit-types-error" />
          ) : null}
          {search.error ? (
            <RetryAlert message={`Could not search: ${search.error.message}`} onRetry={search.reload} testId="scheduling-search-error" />
          ) : null}

          {search.loading || (!request && !visitTypes.error) ? (
            <Group gap="xs" role="status" aria-live="polite" data-testid="scheduling-searching">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                {request ? 'Searching the schedules for the best slots…' : 'Loading visit types…'}
              </Text>
            </Group>
          ) : null}

          {result ? (
            <Stack gap="sm" aria-busy={search.loading}>
              {result.distanceLimit ? (
                <Text size="xs" c="dimmed" data-testid="distance-limit" data-source={result.distanceLimit.source}>
                  {result.distanceLimit.label}
                </Text>
              ) : null}
              {result.noneInWindow ? (
                <NoneInWindow
                  message={result.noneInWindow.message}
                  alternatives={result.noneInWindow.alternatives}
                  isNurse={isNurse}
                  outsideWindowReason={draft.outsideWindowReason}
                  onOutsideWindowReasonChange={(outsideWindowReason) => update({ outsideWindowReason })}
                  onHoldAfterWindow={(offer) => void holdOffer(offer)}
                  holding={holding}
                  onWaitlist={() => setWaitlistOpen(true)}
                  workstationZone={props.workstationZone}
                />
              ) : null}
              {result.offers.length > 0 ? (
                <>
                  <Group justify="space-between">
                    <Text size="sm" c="dimmed" data-testid="offer-count">
                      {result.offers.length} offers from {result.considered} slots considered
                    </Text>
                    <Group gap="xs">
                      <Text size="xs" c="dimmed">
                        <Shortcut keys="↑" /> <Shortcut keys="↓" /> or <Shortcut keys="J" />/<Shortcut keys="K" /> move, <Shortcut keys="1" />–<Shortcut keys="9" /> pick,{' '}
                        <Shortcut keys="Enter" /> hold
                      </Text>
                    </Group>
                  </Group>
                  <OfferList
                    ref={listRef}
                    offers={result.offers}
                    selectedOfferId={selected?.offerId ?? null}
                    onSelect={(o) => setSelectedId(o.offerId)}
                    onHold={(o) => void holdOffer(o)}
                    heldOfferId={hold?.offer.offerId ?? null}
                    workstationZone={props.workstationZone}
                  />
                </>
              ) : null}
              <ExclusionsDisclosure exclusions={result.exclusions} considered={result.considered} />
            </Stack>
          ) : null}

          {hold ? (
            <BookingForm
              hold={hold}
              reason={draft.reason}
              onReasonChange={(reason) => update({ reason })}
              sendConfirmation={draft.sendConfirmation}
              onSendConfirmationChange={(sendConfirmation) => update({ sendConfirmation })}
              outsideWindow={outsideWindow}
              outsideWindowReason={draft.outsideWindowReason}
              onOutsideWindowReasonChange={(outsideWindowReason) => update({ outsideWindowReason })}
              booking={bookingInFlight}
              onBook={() => void book()}
              onRelease={release}
              workstationZone={props.workstationZone}
              mode={mode}
            />
          ) : null}

          {!hold && result && draft.visitTypeId ? (
            waitlistOpen ? (
              <WaitlistAddForm
                patientId={patient.id}
                visitTypeId={draft.visitTypeId}
                preferences={draft.preferences}
                defaultFrom={result.window.from}
                onAdded={(entry) => {
                  setWaitlistOpen(false);
                  setWaitlisted(`Added to the waitlist at position ${entry.position}.`);
                }}
                onCancel={() => setWaitlistOpen(false)}
              />
            ) : (
              <Group gap="xs">
                <Button variant="default" onClick={() => setWaitlistOpen(true)} data-testid="waitlist-open">
                  Nothing suits the caller: add to waitlist
                </Button>
                {waitlisted ? (
                  <Text size="sm" c="green.8" role="status" data-testid="waitlist-added">
                    {waitlisted}
                  </Text>
                ) : null}
              </Group>
            )
          ) : null}
        </>
      )}
    </Stack>
  );
}

interface RetryAlertProps {
  readonly message: string;
  readonly onRetry: () => void;
  readonly testId: string;
}

function RetryAlert(props: RetryAlertProps) {
  return (
    <Alert color="red" variant="light" role="alert" data-testid={props.testId}>
      <Group justify="space-between">
        <Text size="sm">{props.message}</Text>
        <Button size="compact-sm" variant="light" onClick={props.onRetry}>
          Try again
        </Button>
      </Group>
    </Alert>
  );
}

const RESCHEDULE_BACK_LABELS: Record<RescheduleReturn, string> = {
  idle: 'Close',
  reason: 'Back to the reason for the call',
  disposition: 'Back to disposition',
  wrapUp: 'Back to wrap-up',
};

/**
 * The reason a reschedule sends: reschedule has no field for a nurse's past-the-window reason, so it is kept
 * with the reason for the change (documented on the cancelled appointment) rather than dropped.
 */
export function changeReason(reason: string, outsideWindowReason: string | null): string {
  const base = reason.trim();
  const text = outsideWindowReason ? `${base} · Past the disposition's window: ${outsideWindowReason.trim()}` : base;
  return text.slice(0, 500);
}

/** The visit type the rules propose for the disposition, else the first one. */
export function suggestedVisitType(types: readonly VisitTypeSummary[]): VisitTypeSummary | null {
  return types.find((v) => v.suggested) ?? types[0] ?? null;
}

function visitTypeLabel(v: VisitTypeSummary): string {
  const steps = v.steps.length > 1 ? ` (${v.steps.join(' → ')})` : '';
  return `${v.label}${steps} · ${v.durationMinutes} min${v.suggested ? ' · suggested' : ''}`;
}
