import { and, assign, enqueueActions, fromPromise, setup, stateIn, type SnapshotFrom } from 'xstate';
import { interviewSettingOf } from './interviewSetting';
import {
  Caller,
  type CallInfo,
  type DispositionId,
  type DocumentEncounterRequest,
  OVERRIDE_REASON_MIN,
  ageBandOf,
  ageOn,
  type DocumentEncounterResult,
  DispositionOverride,
  Escalation,
  NewPatient,
  NURSE_NOTE_MAX,
  type Protocol,
  type Result,
  type Role,
  type WrapUpRequest,
} from '../../../../src-preload/contract';
import {
  type CallSessionContext,
  type CallSessionEvent,
  type ClinicalScope,
  type ConsultStarted,
  type EmergencyReturn,
  type EmergencySession,
  type InterviewSession,
  type LineState,
  NO_CALLER_WORDS,
  type RescheduleReturn,
  type SchedulingDraft,
  isSchedulableDisposition,
  type WorkflowStep,
} from './types';
import { askRaisedFirst } from './askRaisedFirst';

/** The red-flag screen always runs first, whatever the symptom protocol. */
export const RED_FLAG_PROTOCOL_ID = 'red-flags';

/**
 * Scope of practice: only a nurse runs a symptom protocol to a disposition (and sees care advice). Agents
 * and supervisors screen for red flags and escalate. Main enforces the same rules on what is documented.
 */
export function clinicalScopeOf(role: Role): ClinicalScope {
  return role === 'nurse' ? 'full-protocol' : 'red-flag-screen';
}

const UNEXPECTED_DOCUMENT_ERROR = {
  code: 'internal',
  message: 'Documentation failed unexpectedly. Everything is still on screen; try again.',
} as const;

/** Every step the emergency path can return to when it is left without connecting. */
const EMERGENCY_RETURNS: readonly EmergencyReturn[] = ['idle', 'identifying', 'reason', 'interview', 'disposition', 'escalation', 'scheduling', 'wrapUp'];

const UNEXPECTED_TRANSFER_ERROR = 'The transfer failed unexpectedly. Try again, or leave it as a nurse callback.';

function withError(context: CallSessionContext, error: string | null): CallSessionContext['warmTransfer'] {
  return context.warmTransfer ? { ...context.warmTransfer, error } : null;
}

export interface CallSessionInput {
  readonly role: Role;
}

const notProvided = (name: string) => async (): Promise<Result<never>> => ({
  ok: false,
  error: { code: 'internal', message: `${name} is not connected to the bridge` },
});

/**
 * One call from ring to wrap-up. Two parallel regions: `line` follows the telephone (ringing, connected,
 * ended) and `workflow` follows the agent's work (identify, reason, interview, disposition, document,
 * wrap-up). Because they are independent, a call that drops mid-interview keeps the interview, and wrap-up
 * can finish after the caller hung up. Context holds data only; the bridge is reached through the actors
 * provided by `CallSessionProvider` (`machine.provide`), so the machine is tested without any transport.
 */
export const callSessionMachine = setup({
  types: {
    context: {} as CallSessionContext,
    events: {} as CallSessionEvent,
    input: {} as CallSessionInput,
  },
  actors: {
    answerCall: fromPromise<Result<CallInfo>, { callId: string }>(notProvided('answerCall')),
    hangUpCall: fromPromise<Result<CallInfo>, { callId: string }>(notProvided('hangUpCall')),
    loadProtocols: fromPromise<Result<Protocol[]>, { ids: readonly string[] }>(notProvided('loadProtocols')),
    documentEncounter: fromPromise<Result<DocumentEncounterResult>, DocumentEncounterRequest>(
      notProvided('documentEncounter'),
    ),
    recordWrapUp: fromPromise<Result<CallInfo>, WrapUpRequest>(notProvided('recordWrapUp')),
    // Warm transfer of an escalated call (features/escalation/warmTransferActors.ts binds them to the bridge).
    consultNurseQueue: fromPromise<Result<ConsultStarted>, { callId: string }>(notProvided('consultNurseQueue')),
    completeTransfer: fromPromise<Result<CallInfo>, { callId: string; consultCallId: string }>(notProvided('completeTransfer')),
    cancelConsult: fromPromise<Result<CallInfo>, { callId: string; consultCallId: string | null }>(notProvided('cancelConsult')),
  },
  guards: {
    acceptsIncoming: ({ event }) => event.type === 'CALL.INCOMING' && event.call.state !== 'ended',
    incomingIsActive: ({ event }) => event.type === 'CALL.INCOMING' && event.call.state === 'active',
    updateIsActive: ({ context, event }) =>
      event.type === 'CALL.UPDATED' && isThisCall(context, event.call) && event.call.state === 'active',
    updateIsEnded: ({ context, event }) =>
      event.type === 'CALL.UPDATED' && isThisCall(context, event.call) && event.call.state === 'ended',
    updateIsThisCall: ({ context, event }) => event.type === 'CALL.UPDATED' && isThisCall(context, event.call),
    workflowIdle: stateIn({ workflow: 'idle' }),
    startsInterview: ({ event }) =>
      event.type === 'REASON.SUBMITTED' && event.reason.protocolId !== null && event.interviewInput !== null,
    canDocument: ({ context }) => context.redFlagScreen === null && buildDocumentRequest(context, 0) !== null,
    screensOnly: ({ context }) => clinicalScopeOf(context.role) === 'red-flag-screen',
    isNurse: ({ context }) => context.role === 'nurse',
    validOverride: ({ context, event }) =>
      event.type === 'DISPOSITION.OVERRIDE' &&
      (event.override === null ||
        (DispositionOverride.safeParse(event.override).success && event.override.from === context.outcome?.disposition.id)),
    validUnidentified: ({ event }) =>
      event.type === 'PATIENT.UNIDENTIFIED' && NewPatient.safeParse(event.patient).success && Caller.safeParse(event.caller).success,
    canEscalate: ({ context, event }) =>
      event.type === 'ESCALATE' &&
      Escalation.safeParse(event.escalation).success &&
      buildDocumentRequest({ ...context, escalation: event.escalation }, 0) !== null,
    wasEscalated: ({ context }) => context.redFlagScreen !== null,
    // The one-key path: documenting a warm-transfer escalation goes straight on to calling the nurse queue.
    startsWarmTransfer: and([
      ({ context, event }) => context.escalation?.route === 'warm-transfer' && 'output' in event && (event.output as Result<unknown>).ok,
      stateIn({ line: 'connected' }),
    ]),
    isSchedulingCall: ({ event }) =>
      event.type === 'REASON.SUBMITTED' && event.reason.callTypeKind === 'scheduling' && event.reason.protocolId === null,
    hasOutcome: ({ context }) => context.outcome !== null,
    // Moving an appointment needs a verified patient (the chart shown for an unverified candidate does not do).
    canReschedule: ({ context, event }) => event.type === 'SCHEDULE.OPEN' && event.reschedule !== undefined && context.patient !== null,
    reschedulingTo: ({ context }, returnTo: RescheduleReturn) => context.scheduling?.reschedule?.returnTo === returnTo,
    hasCall: ({ context }) => context.call !== null,
    hasPatient: ({ context }) => context.patient !== null,
    emergencyToDocument: ({ context }) => emergencyToDocument(context),
    emergencyReturnsTo: ({ context }, returnTo: EmergencyReturn) => context.emergency?.returnTo === returnTo,
    canLeaveEmergency: ({ event }) => event.type === 'EMERGENCY.LEAVE' && event.reason.trim().length >= OVERRIDE_REASON_MIN,
    canSchedule: ({ context }) => {
      const id = effectiveDispositionId(context);
      return context.patient !== null && id !== null && isSchedulableDisposition(id);
    },
  },
  actions: {
    startReschedule: assign({
      scheduling: ({ context, event }, returnTo: RescheduleReturn) => rescheduleDraft(context, event, returnTo),
    }),
    endReschedule: assign({ scheduling: ({ context }) => context.scheduling?.reschedule?.previous ?? null }),
    dropHold: assign({
      scheduling: ({ context }) => (context.scheduling ? { ...context.scheduling, hold: null, idempotencyKey: null } : null),
    }),
    handleEmergency: assign({
      emergency: ({ context, event }) =>
        context.emergency && event.type === 'EMERGENCY.DONE'
          ? { ...context.emergency, handledAt: context.emergency.handledAt ?? Date.now(), screen: event.screen ?? context.emergency.screen }
          : (context.emergency ?? null),
    }),
    openEmergency: assign({
      emergency: ({ context, event }, from: EmergencyReturn | 'documenting') => openEmergency(context, event, from),
    }),
    lineEndedDuringTransfer: assign({
      warmTransfer: ({ context }) => {
        if (!context.warmTransfer) return null;
        // "Transferred" on a SIP line, "Transferred (simulation)" on the demo line.
        return context.call?.endReason?.startsWith('Transferred')
          ? { ...context.warmTransfer, status: 'transferred' as const, error: null }
          : { ...context.warmTransfer, status: 'cancelled' as const, error: 'The caller hung up before the transfer.' };
      },
    }),
    warmTransferFailed: assign({
      warmTransfer: ({ context, event }) => {
        const output = 'output' in event ? (event.output as Result<unknown>) : null;
        const error = output && !output.ok ? output.error.message : UNEXPECTED_TRANSFER_ERROR;
        return { status: 'failed' as const, consultCallId: context.warmTransfer?.consultCallId ?? null, targetLabel: context.warmTransfer?.targetLabel ?? null, error };
      },
    }),
    assignUpdatedCall: assign(({ context, event }) => ({
      call: event.type === 'CALL.UPDATED' ? event.call : context.call,
      lineError: null,
    })),
  },
}).createMachine({
  id: 'callSession',
  type: 'parallel',
  context: ({ input }) => emptyContext(input.role),
  states: {
    line: {
      initial: 'noCall',
      on: {
        // Only while the workflow is idle: a call never rings over an agent's unfinished work.
        'CALL.INCOMING': [
          { guard: and(['workflowIdle', 'incomingIsActive']), target: '.connected' },
          { guard: and(['workflowIdle', 'acceptsIncoming']), target: '.ringing' },
        ],
      },
      states: {
        noCall: {},
        ringing: {
          on: {
            ANSWER: 'answering',
            'CALL.UPDATED': [
              { guard: 'updateIsActive', target: 'connected', actions: 'assignUpdatedCall' },
              { guard: 'updateIsEnded', target: 'ended', actions: 'assignUpdatedCall' },
              { guard: 'updateIsThisCall', actions: 'assignUpdatedCall' },
            ],
          },
        },
        answering: {
          invoke: {
            src: 'answerCall',
            input: ({ context }) => ({ callId: context.call?.callId ?? '' }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok && event.output.value.state === 'ended',
                target: 'ended',
                actions: assign(({ context, event }) => ({ call: event.output.ok ? event.output.value : context.call })),
              },
              {
                guard: ({ event }) => event.output.ok,
                target: 'connected',
                actions: assign(({ context, event }) => ({ call: event.output.ok ? event.output.value : context.call })),
              },
              {
                target: 'ringing',
                actions: assign({ lineError: ({ event }) => (event.output.ok ? null : event.output.error.message) }),
              },
            ],
            onError: {
              target: 'ringing',
              actions: assign({ lineError: 'The call could not be answered. Try again.' }),
            },
          },
          on: {
            'CALL.UPDATED': [
              { guard: 'updateIsActive', target: 'connected', actions: 'assignUpdatedCall' },
              { guard: 'updateIsEnded', target: 'ended', actions: 'assignUpdatedCall' },
              { guard: 'updateIsThisCall', actions: 'assignUpdatedCall' },
            ],
          },
        },
        connected: {
          entry: enqueueActions(({ enqueue }) => enqueue.raise({ type: 'LINE.CONNECTED' })),
          on: {
            HANG_UP: 'hangingUp',
            'CALL.UPDATED': [
              { guard: 'updateIsEnded', target: 'ended', actions: 'assignUpdatedCall' },
              { guard: 'updateIsThisCall', actions: 'assignUpdatedCall' },
            ],
          },
        },
        hangingUp: {
          invoke: {
            src: 'hangUpCall',
            input: ({ context }) => ({ callId: context.call?.callId ?? '' }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'ended',
                actions: assign(({ context, event }) => ({ call: event.output.ok ? event.output.value : context.call })),
              },
              {
                target: 'connected',
                actions: assign({ lineError: ({ event }) => (event.output.ok ? null : event.output.error.message) }),
              },
            ],
            onError: {
              target: 'connected',
              actions: assign({ lineError: 'The call could not be hung up. Try again.' }),
            },
          },
          on: {
            'CALL.UPDATED': [
              { guard: 'updateIsEnded', target: 'ended', actions: 'assignUpdatedCall' },
              { guard: 'updateIsThisCall', actions: 'assignUpdatedCall' },
            ],
          },
        },
        ended: {
          entry: enqueueActions(({ enqueue }) => enqueue.raise({ type: 'LINE.ENDED' })),
          // Once the agent's work on this call is finished the line is simply free again.
          always: { guard: 'workflowIdle', target: 'noCall' },
          on: {
            'CALL.UPDATED': { guard: 'updateIsThisCall', actions: 'assignUpdatedCall' },
          },
        },
      },
    },
    workflow: {
      initial: 'idle',
      // One key from anywhere: every step hands over to the emergency path (each step's own handler below
      // remembers where to come back to). Nothing of the step is lost: it stays in context.
      states: {
        idle: {
          on: {
            'EMERGENCY.OPEN': emergencyFrom('idle'),
            // After the call the chart stays: a scheduler can still move an appointment from it.
            'SCHEDULE.OPEN': rescheduleFrom('idle'),
            'CALL.INCOMING': {
              guard: 'acceptsIncoming',
              target: 'ringing',
              actions: assign(({ context, event }) => ({ ...emptyContext(context.role), call: event.call })),
            },
          },
        },
        ringing: {
          on: {
            'LINE.CONNECTED': 'identifying',
            // The caller hung up before anyone answered: a missed call, nothing to document.
            'LINE.ENDED': 'idle',
            'CANDIDATE.SELECTED': { actions: assign({ candidate: ({ event }) => event.patient }) },
          },
        },
        identifying: {
          on: {
            'EMERGENCY.OPEN': emergencyFrom('identifying'),
            'CALLER.SAID': { actions: assign({ callerSaid: ({ event }) => event.text.slice(0, 2000) }) },
            'CANDIDATE.SELECTED': { actions: assign({ candidate: ({ event }) => event.patient }) },
            'PATIENT.VERIFIED': [
              // The emergency was handled before identification: now that the patient is known, document it.
              {
                guard: 'emergencyToDocument',
                target: 'documenting',
                actions: assign({
                  patient: ({ event }) => event.patient,
                  candidate: ({ event }) => event.patient,
                  unidentified: null,
                  caller: ({ event }) => event.caller ?? null,
                  documentError: null,
                }),
              },
              {
                target: 'reason',
                actions: assign({
                  patient: ({ event }) => event.patient,
                  candidate: ({ event }) => event.patient,
                  unidentified: null,
                  caller: ({ event }) => event.caller ?? null,
                }),
              },
            ],
            // No chart (unknown caller, someone else's call, the EHR down): triage with what was entered on the spot.
            'PATIENT.UNIDENTIFIED': [
              {
                guard: and(['validUnidentified', 'emergencyToDocument']),
                target: 'documenting',
                actions: assign({
                  patient: null,
                  candidate: null,
                  unidentified: ({ event }) => event.patient,
                  caller: ({ event }) => event.caller,
                  documentError: null,
                }),
              },
              {
                guard: 'validUnidentified',
                target: 'reason',
                actions: assign({
                  patient: null,
                  candidate: null,
                  unidentified: ({ event }) => event.patient,
                  caller: ({ event }) => event.caller,
                }),
              },
            ],
            SKIP_TO_WRAP_UP: 'wrapUp',
          },
        },
        reason: {
          on: {
            'EMERGENCY.OPEN': emergencyFrom('reason'),
            'REASON.SUBMITTED': [
              {
                guard: 'startsInterview',
                target: 'interview',
                actions: assign(({ event }) => ({
                  reason: event.reason,
                  protocolError: null,
                  interview: newInterviewSession(event),
                })),
              },
              // "I need an appointment": a routine booking (no disposition, the rules' default window).
              {
                guard: 'isSchedulingCall',
                target: 'scheduling',
                actions: assign(({ context, event }) => {
                  const next = { ...context, reason: event.reason, outcome: null, override: null };
                  return { reason: event.reason, scheduling: schedulingDraftFor(next) };
                }),
              },
              // Refills, billing and messages have no interview (yet): straight to wrap-up.
              { target: 'wrapUp', actions: assign({ reason: ({ event }) => event.reason }) },
            ],
            'PATIENT.CHANGE': {
              target: 'identifying',
              actions: assign({ patient: null, candidate: null, reason: null, unidentified: null, caller: null }),
            },
            // "I need to move my appointment": straight from the chart, before any reason is given.
            'SCHEDULE.OPEN': rescheduleFrom('reason'),
            SKIP_TO_WRAP_UP: 'wrapUp',
          },
        },
        interview: {
          initial: 'loading',
          on: {
            'EMERGENCY.OPEN': emergencyFrom('interview'),
          },
          states: {
            loading: {
              invoke: {
                src: 'loadProtocols',
                input: ({ context }) => ({ ids: context.interview?.protocolIds ?? [] }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: 'running',
                    actions: assign({
                      // A red flag the caller's words raised is asked first (askRaisedFirst keeps the ordering rule).
                      interview: ({ context, event }) =>
                        context.interview && event.output.ok
                          ? { ...context.interview, protocols: askRaisedFirst(event.output.value, context.interview.callerWords.redFlags) }
                          : context.interview,
                    }),
                  },
                  {
                    target: '#callSession.workflow.reason',
                    actions: assign({
                      protocolError: ({ event }) => (event.output.ok ? null : event.output.error),
                      interview: null,
                    }),
                  },
                ],
                onError: {
                  target: '#callSession.workflow.reason',
                  actions: assign({
                    protocolError: { code: 'internal', message: 'The protocols could not be loaded. Try again.' },
                    interview: null,
                  }),
                },
              },
            },
            running: {
              on: {
                'INTERVIEW.STEPPED': {
                  actions: assign({
                    interview: ({ context, event }) =>
                      context.interview ? { ...context.interview, persistedSnapshot: event.persistedSnapshot } : null,
                  }),
                },
                'INTERVIEW.CANNOT_START': {
                  target: '#callSession.workflow.reason',
                  actions: assign({
                    protocolError: ({ event }) => ({ code: 'invalid-payload' as const, message: event.message }),
                    interview: null,
                  }),
                },
                // Only agents (and supervisors) stop here; a nurse's interview goes on into the symptom protocol.
                'INTERVIEW.RED_FLAGS_CLEARED': {
                  guard: 'screensOnly',
                  target: '#callSession.workflow.escalation',
                  actions: assign({
                    redFlagScreen: ({ event }) => event.screen,
                    outcome: null,
                    interview: ({ context, event }) =>
                      context.interview ? { ...context.interview, persistedSnapshot: event.persistedSnapshot } : null,
                  }),
                },
                'INTERVIEW.COMPLETED': {
                  target: '#callSession.workflow.disposition',
                  actions: assign({
                    redFlagScreen: null,
                    escalation: null,
                    outcome: ({ event }) => event.outcome,
                    interview: ({ context, event }) =>
                      context.interview ? { ...context.interview, persistedSnapshot: event.persistedSnapshot } : null,
                  }),
                },
              },
            },
          },
        },
        disposition: {
          on: {
            'EMERGENCY.OPEN': emergencyFrom('disposition'),
            'CARE_ADVICE.GIVEN': { actions: assign({ careAdviceGiven: ({ event }) => event.given }) },
            'NURSE_NOTE.CHANGED': { guard: 'isNurse', actions: assign({ nurseNote: ({ event }) => event.note.slice(0, NURSE_NOTE_MAX) }) },
            'DISPOSITION.OVERRIDE': {
              guard: and(['isNurse', 'validOverride']),
              actions: assign({ override: ({ event }) => (event.type === 'DISPOSITION.OVERRIDE' ? event.override : null) }),
            },
            DOCUMENT: { guard: 'canDocument', target: 'documenting', actions: assign({ documentError: null }) },
            'SCHEDULE.OPEN': [
              rescheduleFrom('disposition'),
              {
                guard: 'canSchedule',
                target: 'scheduling',
                actions: assign({ scheduling: ({ context }) => schedulingDraftFor(context) }),
              },
            ],
            // Changing an answer: the interview resumes from its snapshot; the outcome will be recomputed.
            'INTERVIEW.REOPEN': {
              target: '#callSession.workflow.interview.running',
              actions: assign(({ context, event }) => ({
                outcome: null,
                careAdviceGiven: false,
                override: null,
                documentError: null,
                interview: context.interview ? { ...context.interview, persistedSnapshot: event.persistedSnapshot } : null,
              })),
            },
          },
        },
        // An agent's red-flag screen found nothing: hand the call to a nurse (transfer or callback, with a priority).
        escalation: {
          on: {
            'EMERGENCY.OPEN': emergencyFrom('escalation'),
            ESCALATE: {
              guard: 'canEscalate',
              target: 'documenting',
              actions: assign({ escalation: ({ event }) => event.escalation, documentError: null }),
            },
            'INTERVIEW.REOPEN': {
              target: '#callSession.workflow.interview.running',
              actions: assign(({ context, event }) => ({
                redFlagScreen: null,
                escalation: null,
                documentError: null,
                interview: context.interview ? { ...context.interview, persistedSnapshot: event.persistedSnapshot } : null,
              })),
            },
          },
        },
        documenting: {
          on: {
            'EMERGENCY.OPEN': emergencyFrom('documenting'),
          },
          invoke: {
            src: 'documentEncounter',
            input: ({ context }) => {
              const request = buildDocumentRequest(context, Date.now());
              if (!request) throw new Error('documentEncounter started without a complete interview');
              return request;
            },
            onDone: [
              {
                guard: 'startsWarmTransfer',
                target: 'warmTransfer',
                actions: assign({ documentResult: ({ event }) => (event.output.ok ? event.output.value : null) }),
              },
              {
                guard: ({ event }) => event.output.ok,
                target: 'wrapUp',
                actions: assign({ documentResult: ({ event }) => (event.output.ok ? event.output.value : null) }),
              },
              {
                guard: 'emergencyToDocument',
                target: 'emergency',
                actions: assign({ documentError: ({ event }) => (event.output.ok ? null : event.output.error) }),
              },
              {
                guard: 'wasEscalated',
                target: 'escalation',
                actions: assign({ documentError: ({ event }) => (event.output.ok ? null : event.output.error) }),
              },
              {
                target: 'disposition',
                actions: assign({ documentError: ({ event }) => (event.output.ok ? null : event.output.error) }),
              },
            ],
            onError: [
              { guard: 'emergencyToDocument', target: 'emergency', actions: assign({ documentError: UNEXPECTED_DOCUMENT_ERROR }) },
              { guard: 'wasEscalated', target: 'escalation', actions: assign({ documentError: UNEXPECTED_DOCUMENT_ERROR }) },
              { target: 'disposition', actions: assign({ documentError: UNEXPECTED_DOCUMENT_ERROR }) },
            ],
          },
        },
        /**
         * The escalation is documented (a Task for the nurse queue); now the agent hands the caller over: the
         * caller waits on hold while the nurse queue is called (the consultation carries the escalation's
         * context id, so the nurse's desk pops the patient and the escalation), the agent briefs the nurse,
         * then joins them (attended transfer). Giving up leaves the Task as a nurse callback.
         */
        warmTransfer: {
          initial: 'consulting',
          entry: assign({ warmTransfer: { status: 'consulting', consultCallId: null, targetLabel: null, error: null } }),
          on: {
            // The caller's leg ended: transferred (main reports "Transferred" before it answers the completing
            // request, and the phone bar can complete it too), or the caller hung up and the Task is a callback.
            'LINE.ENDED': { target: 'wrapUp', actions: 'lineEndedDuringTransfer' },
            // An emergency while waiting for the nurse: the escalation is documented already, so leaving the
            // emergency path goes on to the wrap-up (the Task stays a callback) rather than calling the queue again.
            'EMERGENCY.OPEN': emergencyFrom('wrapUp'),
          },
          states: {
            consulting: {
              invoke: {
                src: 'consultNurseQueue',
                input: ({ context }) => ({ callId: context.call?.callId ?? '' }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: 'briefing',
                    actions: assign({
                      warmTransfer: ({ event }) =>
                        event.output.ok ? { status: 'consulting' as const, consultCallId: event.output.value.consultCallId, targetLabel: event.output.value.targetLabel, error: null } : null,
                    }),
                  },
                  { target: 'failed', actions: 'warmTransferFailed' },
                ],
                onError: { target: 'failed', actions: 'warmTransferFailed' },
              },
            },
            briefing: {
              on: {
                'WARM_TRANSFER.COMPLETE': 'completing',
                'WARM_TRANSFER.CANCEL': 'cancelling',
                // The nurse queue did not answer (or the briefing call dropped): call it again.
                'WARM_TRANSFER.RETRY': 'consulting',
              },
            },
            completing: {
              invoke: {
                src: 'completeTransfer',
                input: ({ context }) => ({ callId: context.call?.callId ?? '', consultCallId: context.warmTransfer?.consultCallId ?? '' }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: '#callSession.workflow.wrapUp',
                    actions: assign({ warmTransfer: ({ context }) => (context.warmTransfer ? { ...context.warmTransfer, status: 'transferred' as const, error: null } : null) }),
                  },
                  // Still briefing: the caller is on hold, the nurse on the line; the agent may try again or give up.
                  { target: 'briefing', actions: assign({ warmTransfer: ({ context, event }) => withError(context, event.output.ok ? null : event.output.error.message) }) },
                ],
                onError: { target: 'briefing', actions: assign({ warmTransfer: ({ context }) => withError(context, UNEXPECTED_TRANSFER_ERROR) }) },
              },
            },
            cancelling: {
              invoke: {
                src: 'cancelConsult',
                input: ({ context }) => ({ callId: context.call?.callId ?? '', consultCallId: context.warmTransfer?.consultCallId ?? null }),
                onDone: {
                  target: '#callSession.workflow.wrapUp',
                  actions: assign({
                    warmTransfer: ({ context, event }) =>
                      context.warmTransfer ? { ...context.warmTransfer, status: 'cancelled' as const, error: event.output.ok ? null : event.output.error.message } : null,
                  }),
                },
                onError: {
                  target: '#callSession.workflow.wrapUp',
                  actions: assign({ warmTransfer: ({ context }) => (context.warmTransfer ? { ...context.warmTransfer, status: 'cancelled' as const } : null) }),
                },
              },
            },
            failed: {
              on: {
                'WARM_TRANSFER.RETRY': 'consulting',
                'WARM_TRANSFER.CANCEL': 'cancelling',
              },
            },
          },
        },
        // Booking a visit for the disposition. The line region runs in parallel, so holding or moving the call
        // leaves this step (and the draft in context) untouched.
        scheduling: {
          on: {
            'EMERGENCY.OPEN': emergencyFrom('scheduling'),
            'SCHEDULE.UPDATE': {
              actions: assign({
                scheduling: ({ context, event }) => (context.scheduling ? { ...context.scheduling, ...event.draft } : null),
              }),
            },
            'SCHEDULE.BOOKED': {
              actions: assign(({ context, event }) => {
                const draft = context.scheduling;
                const reschedule = draft?.reschedule ? { ...draft.reschedule, result: event.result } : null;
                return {
                  // A reschedule is this call's booking too: the wrap-up counts it and the chart reloads on it.
                  booking: event.result,
                  // The hold became the appointment: nothing left to release.
                  scheduling: draft ? { ...draft, hold: null, idempotencyKey: null, ...(reschedule ? { reschedule } : {}) } : null,
                };
              }),
            },
            // The pane releases its hold before closing; an orphan hold simply expires in main.
            // Back to the disposition it came from; a routine booking (no interview) goes on to the wrap-up.
            // A reschedule goes back to where it was opened, with the booking draft it set aside.
            'SCHEDULE.CLOSE': [
              { guard: { type: 'reschedulingTo', params: 'idle' }, target: 'idle', actions: 'endReschedule' },
              { guard: { type: 'reschedulingTo', params: 'reason' }, target: 'reason', actions: 'endReschedule' },
              { guard: { type: 'reschedulingTo', params: 'disposition' }, target: 'disposition', actions: 'endReschedule' },
              { guard: { type: 'reschedulingTo', params: 'wrapUp' }, target: 'wrapUp', actions: 'endReschedule' },
              { guard: 'hasOutcome', target: 'disposition', actions: 'dropHold' },
              { target: 'wrapUp', actions: 'dropHold' },
            ],
          },
        },
        // The 911 script, the caller's address and callback number, connect to 911. Opened from any step; leaving
        // it without connecting needs a reason and returns to that step; once emergency services have the caller,
        // on to the wrap-up.
        emergency: {
          on: {
            'EMERGENCY.ADDRESS': {
              actions: assign({
                emergency: ({ context, event }) => (context.emergency ? { ...context.emergency, address: event.address.slice(0, 300) } : null),
              }),
            },
            'EMERGENCY.CONNECTED': {
              actions: assign({
                emergency: ({ context, event }) =>
                  context.emergency
                    ? { ...context.emergency, connected: { target: event.target, label: event.label, mode: event.mode, at: Date.now() } }
                    : null,
              }),
            },
            'EMERGENCY.DONE': [
              { guard: 'hasPatient', target: 'documenting', actions: ['handleEmergency', assign({ documentError: null })] },
              // Identity can wait until the emergency is handled: verify now, then it is documented.
              { target: 'identifying', actions: 'handleEmergency' },
            ],
            'EMERGENCY.LEAVE': EMERGENCY_RETURNS.map((step) => ({
              guard: and(['canLeaveEmergency', { type: 'emergencyReturnsTo', params: step }]),
              target: step === 'interview' ? '#callSession.workflow.interview' : `#callSession.workflow.${step}`,
              actions: assign({
                emergency: ({ context, event }) =>
                  context.emergency && event.type === 'EMERGENCY.LEAVE' ? { ...context.emergency, leftBecause: event.reason.trim().slice(0, 500) } : null,
              }),
            })),
          },
        },
        wrapUp: {
          initial: 'choosing',
          states: {
            choosing: {
              on: {
                'EMERGENCY.OPEN': emergencyFrom('wrapUp'),
                'SCHEDULE.OPEN': rescheduleFrom('wrapUp'),
                FINISH: {
                  target: 'recording',
                  actions: assign({ wrapUpCode: ({ event }) => event.code, noVisitReason: ({ event }) => event.noVisitReason ?? null, lineError: null }),
                },
              },
            },
            // Main records the code on the call (and hangs up if the caller is still on the line).
            recording: {
              invoke: {
                src: 'recordWrapUp',
                input: ({ context }) => ({
                  callId: context.call?.callId ?? '',
                  code: context.wrapUpCode ?? 'no-action',
                  // A caller documented without a chart: the Patient the EHR created (or linked) for them.
                  patientId: context.patient?.id ?? documentedPatientId(context),
                  ...(context.noVisitReason ? { noVisitReason: context.noVisitReason } : {}),
                }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.ok,
                    target: '#callSession.workflow.idle',
                    actions: enqueueActions(({ enqueue, event }) => {
                      if (event.output.ok) enqueue.raise({ type: 'CALL.UPDATED', call: event.output.value });
                    }),
                  },
                  {
                    // A session resumed after a restart: main no longer knows the call, so there is no call to
                    // record the code on. The documentation is already in the outbox; the session ends.
                    guard: ({ event }) => !event.output.ok && event.output.error.code === 'not-found',
                    target: '#callSession.workflow.idle',
                  },
                  {
                    target: 'choosing',
                    actions: assign({
                      lineError: ({ event }) => (event.output.ok ? null : `Wrap-up not saved: ${event.output.error.message}`),
                    }),
                  },
                ],
                onError: {
                  target: 'choosing',
                  actions: assign({ lineError: 'Wrap-up not saved: unexpected error. Try Finish again.' }),
                },
              },
            },
          },
        },
      },
    },
  },
});

export type CallSessionMachine = typeof callSessionMachine;
export type CallSessionSnapshot = SnapshotFrom<CallSessionMachine>;

export function emptyContext(role: Role): CallSessionContext {
  return {
    role,
    call: null,
    lineError: null,
    candidate: null,
    patient: null,
    unidentified: null,
    caller: null,
    reason: null,
    interview: null,
    protocolError: null,
    outcome: null,
    careAdviceGiven: false,
    override: null,
    redFlagScreen: null,
    escalation: null,
    documentResult: null,
    documentError: null,
    wrapUpCode: null,
    scheduling: null,
    booking: null,
    emergency: null,
    nurseNote: '',
    warmTransfer: null,
    noVisitReason: null,
  };
}

/** The disposition in force: a nurse's override wins over the engine's. */
export function effectiveDispositionId(context: Pick<CallSessionContext, 'outcome' | 'override'>): DispositionId | null {
  if (!context.outcome) return null;
  return context.override?.from === context.outcome.disposition.id ? context.override.to : context.outcome.disposition.id;
}

/** The emergency path opened from `from` (documenting returns to the pane it was documenting from). */
function emergencyFrom(from: EmergencyReturn | 'documenting') {
  return { guard: 'hasCall', target: '#callSession.workflow.emergency', actions: { type: 'openEmergency', params: from } } as const;
}

function openEmergency(context: CallSessionContext, event: CallSessionEvent, from: EmergencyReturn | 'documenting'): EmergencySession | null {
  if (event.type !== 'EMERGENCY.OPEN') return context.emergency ?? null;
  const returnTo: EmergencyReturn = from === 'documenting' ? (context.redFlagScreen ? 'escalation' : 'disposition') : from;
  const because = event.because?.trim().slice(0, 500) || 'Opened by the agent';
  // Opened again on the same call: the address typed and the connection made are kept.
  const previous = context.emergency ?? null;
  return {
    draftId: previous?.draftId ?? context.interview?.draftId ?? crypto.randomUUID(),
    openedAt: previous?.openedAt ?? Date.now(),
    returnTo,
    because,
    address: previous?.address ?? '',
    connected: previous?.connected ?? null,
    leftBecause: null,
    answers: [...(previous?.answers ?? []), ...(event.answers ?? [])].slice(0, 50),
    handledAt: null,
    screen: previous?.screen ?? null,
  };
}

/**
 * Opening a reschedule of a chart appointment from `returnTo`: a fresh draft for it (routine window unless the
 * session has a disposition; no reason pre-filled, since the reason for the change is asked), the booking draft
 * in progress set aside until it closes.
 */
function rescheduleFrom(returnTo: RescheduleReturn) {
  return {
    guard: 'canReschedule',
    target: '#callSession.workflow.scheduling',
    actions: { type: 'startReschedule', params: returnTo },
  } as const;
}

function rescheduleDraft(context: CallSessionContext, event: CallSessionEvent, returnTo: RescheduleReturn): SchedulingDraft | null {
  if (event.type !== 'SCHEDULE.OPEN' || !event.reschedule) return context.scheduling;
  const previous = context.scheduling?.reschedule ? context.scheduling.reschedule.previous : context.scheduling;
  return {
    dispositionId: effectiveDispositionId(context),
    visitTypeId: null,
    preferences: {},
    reason: '',
    sendConfirmation: true,
    outsideWindowReason: '',
    hold: null,
    idempotencyKey: null,
    reschedule: { ...event.reschedule, returnTo, previous: previous ? { ...previous, hold: null, idempotencyKey: null } : null, result: null },
  };
}

/**
 * The draft for (re)opening scheduling: kept when it was made for the same disposition (the agent went back to
 * the disposition and came again), otherwise a fresh one with the reason for the call as the reason for the visit.
 */
function schedulingDraftFor(context: CallSessionContext): SchedulingDraft {
  const dispositionId = effectiveDispositionId(context);
  if (context.scheduling && !context.scheduling.reschedule && context.scheduling.dispositionId === dispositionId) return context.scheduling;
  return {
    dispositionId,
    visitTypeId: null,
    preferences: {},
    reason: context.reason?.reasonForCall.trim().slice(0, 500) ?? '',
    sendConfirmation: true,
    outsideWindowReason: '',
    hold: null,
    idempotencyKey: null,
  };
}

function isThisCall(context: CallSessionContext, call: CallInfo): boolean {
  return context.call !== null && context.call.callId === call.callId;
}

function newInterviewSession(event: CallSessionEvent): InterviewSession | null {
  if (event.type !== 'REASON.SUBMITTED' || event.reason.protocolId === null || event.interviewInput === null) return null;
  // The red-flag screen is always asked first, then the chosen symptom protocol.
  const protocolIds = [...new Set([RED_FLAG_PROTOCOL_ID, event.reason.protocolId])];
  return {
    draftId: crypto.randomUUID(),
    startedAt: Date.now(),
    input: event.interviewInput,
    protocolIds,
    protocols: [],
    persistedSnapshot: null,
    callerWords: event.callerWords ?? NO_CALLER_WORDS,
  };
}

/**
 * The documentation request for the current context, or null while something it needs is missing.
 * Two outcomes: a disposition (with a nurse's override, and care advice only from a nurse who confirmed
 * giving it), or an agent's escalation (the red-flag screen only, no disposition, no advice). Main refuses
 * what a role may not document anyway.
 */
export function buildDocumentRequest(context: CallSessionContext, now: number): DocumentEncounterRequest | null {
  if (emergencyToDocument(context)) return buildEmergencyDocumentRequest(context, now);
  const { patient, reason, interview, outcome, redFlagScreen, escalation } = context;
  const unidentified = context.unidentified ?? null;
  if ((!patient && !unidentified) || !reason || !interview || interview.protocols.length === 0) return null;
  const reasonForCall = reason.reasonForCall.trim();
  if (reasonForCall.length === 0) return null;
  // A verified chart, or the patient entered on the spot (a new Patient, and the documentation says unverified).
  const subject = patient
    ? { patientId: patient.id, identityVerifiedBy: 'name-and-birth-date' as const }
    : { newPatient: { ...unidentified! }, identityVerifiedBy: 'unverified' as const };
  const base = {
    draftId: interview.draftId,
    callId: context.call?.callId ?? null,
    ...subject,
    ...(context.caller ? { caller: { ...context.caller } } : {}),
    serviceLineId: reason.serviceLineId,
    callTypeId: reason.callTypeId,
    reasonForCall,
    startedAt: interview.startedAt,
    endedAt: Math.max(now, interview.startedAt),
  };
  const interviewPart = (protocols: readonly Protocol[]) => ({
    protocols: protocols.map((p) => ({ id: p.id, version: p.version, title: p.title })),
    ageBand: interview.input.ageBand,
    afterHours: interview.input.afterHours,
    hoursBecause: interview.input.hoursBecause.slice(0, 300),
    setting: interviewSettingOf(interview.input),
  });

  if (redFlagScreen) {
    if (!escalation) return null;
    // Only what was run is documented: the red-flag screen, not the symptom protocol left for the nurse.
    const screens = interview.protocols.filter((p) => p.kind === 'red-flag-screen');
    if (screens.length === 0) return null;
    return {
      ...base,
      interview: { ...interviewPart(screens), answers: redFlagScreen.answers.map((a) => ({ ...a })), disposition: null },
      careAdvice: null,
      escalation: { ...escalation },
    };
  }

  if (!outcome) return null;
  const careAdvice =
    context.role === 'nurse' && context.careAdviceGiven && outcome.careAdvice.length > 0
      ? outcome.careAdvice.map((a) => ({ id: a.id, title: a.title, text: a.text }))
      : null;
  const override = context.role === 'nurse' && context.override?.from === outcome.disposition.id ? context.override : null;
  const nurseNote = context.role === 'nurse' ? (context.nurseNote ?? '').trim().slice(0, NURSE_NOTE_MAX) : '';
  return {
    ...base,
    interview: {
      // The chain asked, plus any protocol a link led to (loaded linked protocols that were not reached are not).
      ...interviewPart(interview.protocols.filter((p) => interview.protocolIds.includes(p.id) || outcome.answers.some((a) => a.protocolId === p.id))),
      answers: outcome.answers.map((a) => ({ ...a })),
      disposition: { id: outcome.disposition.id, because: outcome.disposition.because.slice(0, 1000) },
    },
    careAdvice,
    ...(override ? { override: { ...override } } : {}),
    ...(nurseNote ? { nurseNote } : {}),
  };
}

/** An emergency handled on this call (not left as "not an emergency") and not documented yet. */
function emergencyToDocument(context: CallSessionContext): boolean {
  const emergency = context.emergency;
  return !!emergency && emergency.handledAt !== null && emergency.leftBecause === null && context.documentResult === null;
}

/**
 * The documentation of an emergency handled on the call: disposition "Call 911" because of what opened the path,
 * under the red-flag screen, with the red-flag answers the caller confirmed and the answers of an interview that
 * had reached its disposition. Keyed on the interview's draft when there is one: one encounter per call.
 */
function buildEmergencyDocumentRequest(context: CallSessionContext, now: number): DocumentEncounterRequest | null {
  const { patient, emergency, interview, reason, call, outcome } = context;
  // Without a chart the emergency is documented with the new Patient entered on the spot (unverified).
  const unidentified = context.unidentified ?? null;
  if ((!patient && !unidentified) || !emergency || emergency.handledAt === null) return null;
  const screens = interview?.protocols.filter((p) => p.kind === 'red-flag-screen').map((p) => ({ id: p.id, version: p.version, title: p.title })) ?? [];
  const protocols = emergency.screen ? [emergency.screen] : screens;
  if (protocols.length === 0) return null;
  const connected = emergency.connected ? `; connected to ${emergency.connected.label} (${emergency.connected.mode === 'consult' ? 'attended' : 'transferred'})` : '';
  const address = emergency.address.trim() ? `; address given: ${emergency.address.trim()}` : '';
  const birthDate = patient?.birthDate ?? unidentified?.birthDate ?? null;
  const statedYears = patient ? undefined : unidentified?.ageYears;
  const ageBand =
    interview?.input.ageBand ??
    (birthDate
      ? ageBandOf(ageOn(birthDate, new Date(now).toISOString().slice(0, 10)))
      : statedYears !== undefined
        ? ageBandOf({ years: statedYears, months: statedYears * 12 })
        : 'adult');
  const reasonForCall = (reason?.reasonForCall ?? context.callerSaid ?? '').trim() || emergency.because;
  return {
    draftId: emergency.draftId,
    callId: call?.callId ?? null,
    ...(patient
      ? { patientId: patient.id, identityVerifiedBy: 'name-and-birth-date' as const }
      : { newPatient: { ...unidentified! }, identityVerifiedBy: 'unverified' as const }),
    ...(context.caller ? { caller: { ...context.caller } } : {}),
    serviceLineId: (reason?.serviceLineId ?? call?.dialed.serviceLineId ?? 'unknown').slice(0, 64),
    callTypeId: (reason?.callTypeId ?? 'emergency').slice(0, 64),
    reasonForCall: reasonForCall.slice(0, 2000),
    startedAt: emergency.openedAt,
    endedAt: Math.max(now, emergency.openedAt),
    interview: {
      protocols,
      ageBand,
      afterHours: interview?.input.afterHours ?? false,
      hoursBecause: (interview?.input.hoursBecause ?? 'Emergency path').slice(0, 300),
      answers: [...(outcome?.answers ?? []), ...emergency.answers].map((a) => ({ ...a })),
      disposition: { id: 'call-911', because: `Emergency path: ${emergency.because}${connected}${address}`.slice(0, 1000) },
    },
    careAdvice: null,
  };
}

/** The Patient the EHR created or linked for a caller documented without a chart (null until written). */
function documentedPatientId(context: CallSessionContext): string | null {
  const result = context.documentResult;
  return result?.outcome === 'written' ? (result.patientId ?? null) : null;
}

/** The workflow step, flattened (the interview's loading/running substates are one step to the UI). */
export function workflowStepOf(snapshot: CallSessionSnapshot): WorkflowStep {
  const value = snapshot.value as { workflow: WorkflowStep | Partial<Record<WorkflowStep, string>> };
  return typeof value.workflow === 'string' ? value.workflow : (Object.keys(value.workflow)[0] as WorkflowStep);
}

export function lineStateOf(snapshot: CallSessionSnapshot): LineState {
  return (snapshot.value as { line: LineState }).line;
}
