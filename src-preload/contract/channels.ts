import { z } from 'zod';
import { Empty } from './schemas/common';
import { AgentState, CallLogEntry, SetAgentStateRequest } from './schemas/agent';
import {
  BlindTransferRequest,
  CallIdRequest,
  CallInfo,
  CompleteTransferRequest,
  ConsultRequest,
  DialRequest,
  DirectoryEntry,
  DtmfRequest,
  HoldRequest,
  ScreenPop,
  WrapUpRequest,
} from './schemas/call';
import { CallQuality, MediaAttachRequest, MediaRequest, MediaResponse } from './schemas/media';
import { AuditExport, AuditExportRequest } from './schemas/audit';
import { DiscardDraftRequest, DraftIdRequest, DraftSummary, DraftWithSnapshot, SaveDraftRequest } from './schemas/draft';
import {
  DocumentEncounterRequest,
  DocumentEncounterResult,
  OutboxItem,
  OutboxRetryRequest,
} from './schemas/documentation';
import { EhrSession } from './schemas/ehr';
import { DemoLineOptions, DemoOutageRequest, DemoRingRequest, EnvironmentStatus } from './schemas/environment';
import { Chart, ChartRequest, PatientSearchRequest, PatientSummary } from './schemas/patient';
import { Protocol, ProtocolRequest } from './schemas/protocol';
import {
  AppointmentSummary,
  BookingRequest,
  BookingResult,
  CancelAppointmentRequest,
  HoldIdRequest,
  MassReschedulePlan,
  MassRescheduleRequest,
  PatientAppointmentsRequest,
  RescheduleRequest,
  SchedulingDirectory,
  SlotHold,
  SlotHoldRequest,
  SlotSearchRequest,
  SlotSearchResult,
  VisitTypeSummary,
  VisitTypesRequest,
  WaitlistAddRequest,
  WaitlistEntry,
  WaitlistIdRequest,
} from './schemas/scheduling';
import { ServiceLine } from './schemas/serviceLine';
import { SignInRequest, User } from './schemas/session';
import { TeamView } from './schemas/team';

/**
 * The contract between main and renderer: the only place channel names are written.
 * Names are `domain.verb`. Requests are validated in main; responses are typed for the renderer.
 */
export const invokeContract = {
  'session.demoIdentities': { request: Empty, response: z.array(User) },
  'session.signIn': { request: SignInRequest, response: User },
  'session.current': { request: Empty, response: User.nullable() },
  'session.signOut': { request: Empty, response: Empty },

  'env.status': { request: Empty, response: EnvironmentStatus },
  'serviceLine.list': { request: Empty, response: z.array(ServiceLine) },
  'protocol.get': { request: ProtocolRequest, response: Protocol },

  'call.current': { request: Empty, response: CallInfo.nullable() },
  /** Every call of this workstation that has not ended (a second line, a consultation), newest first. */
  'call.list': { request: Empty, response: z.array(CallInfo) },
  'call.answer': { request: CallIdRequest, response: CallInfo },
  /** Refuse a ringing call (486 Busy Here: the queue offers it to another agent). */
  'call.decline': { request: CallIdRequest, response: CallInfo },
  'call.hangUp': { request: CallIdRequest, response: CallInfo },
  'call.dial': { request: DialRequest, response: CallInfo },
  'call.hold': { request: HoldRequest, response: CallInfo },
  'call.dtmf': { request: DtmfRequest, response: Empty },
  'call.blindTransfer': { request: BlindTransferRequest, response: CallInfo },
  /** Attended transfer: hold the caller and call the target; returns the consultation call. */
  'call.consult': { request: ConsultRequest, response: CallInfo },
  'call.completeTransfer': { request: CompleteTransferRequest, response: CallInfo },
  /** Transfer and dial targets configured for this site. */
  'directory.list': { request: Empty, response: z.array(DirectoryEntry) },
  'call.screenPop': { request: CallIdRequest, response: ScreenPop.nullable() },
  /** Runs the caller lookup of a live call again (the EHR is back after an outage); the new pop is also pushed. */
  'call.lookUpAgain': { request: CallIdRequest, response: ScreenPop },
  /** Records the wrap-up code on the call (and ends it if the caller is still on the line). */
  'call.wrapUp': { request: WrapUpRequest, response: CallInfo },

  'agent.state': { request: Empty, response: AgentState },
  'agent.setState': { request: SetAgentStateRequest, response: AgentState },
  'callLog.list': { request: Empty, response: z.array(CallLogEntry) },

  /** The renderer's media engine (WebRTC) serves main's SIP sessions: see schemas/media.ts. */
  'media.attach': { request: MediaAttachRequest, response: Empty },
  'media.respond': { request: MediaResponse, response: Empty },
  'media.quality': { request: CallQuality, response: Empty },

  /** The agent's EHR login (SMART on FHIR): state and display name only, never a token. */
  'ehr.session': { request: Empty, response: EhrSession },
  /** Opens the EHR login in the system browser; resolves when signed in (or why not). */
  'ehr.signIn': { request: Empty, response: EhrSession },
  /** Forgets the EHR tokens (and revokes them where the EHR offers revocation). */
  'ehr.signOut': { request: Empty, response: EhrSession },

  'patient.search': { request: PatientSearchRequest, response: z.array(PatientSummary) },
  'patient.chart': { request: ChartRequest, response: Chart },

  'encounter.document': { request: DocumentEncounterRequest, response: DocumentEncounterResult },
  'outbox.list': { request: Empty, response: z.array(OutboxItem) },
  /** Interview drafts of the signed-in user (crash recovery); see schemas/draft.ts. */
  /** Supervisors only: the PHI access log of this workstation (the export itself is audited). */
  'audit.export': { request: AuditExportRequest, response: AuditExport },
  'draft.save': { request: SaveDraftRequest, response: Empty },
  'draft.list': { request: Empty, response: z.array(DraftSummary) },
  'draft.load': { request: DraftIdRequest, response: DraftWithSnapshot },
  'draft.discard': { request: DiscardDraftRequest, response: Empty },
  'outbox.retry': { request: OutboxRetryRequest, response: OutboxItem },
  /** Supervisors only: every workstation of the team (signed-in agent, state, EHR link, outbox backlog). */
  'team.workstations': { request: Empty, response: TeamView },

  /** Scheduling (issue 6): visit types, ranked slots with reasons, hold, book, cancel, reschedule. */
  'schedule.visitTypes': { request: VisitTypesRequest, response: z.array(VisitTypeSummary) },
  'schedule.directory': { request: Empty, response: SchedulingDirectory },
  'schedule.search': { request: SlotSearchRequest, response: SlotSearchResult },
  /** A short reservation of an offer while the agent confirms it with the caller. */
  'schedule.hold': { request: SlotHoldRequest, response: SlotHold },
  'schedule.release': { request: HoldIdRequest, response: Empty },
  /** Books a held offer through the outbox; a slot taken meanwhile answers 'conflict' with fresh offers. */
  'schedule.book': { request: BookingRequest, response: BookingResult },
  'schedule.appointments': { request: PatientAppointmentsRequest, response: z.array(AppointmentSummary) },
  'schedule.cancel': { request: CancelAppointmentRequest, response: AppointmentSummary },
  'schedule.reschedule': { request: RescheduleRequest, response: BookingResult },
  /** Supervisors: the affected appointments of a provider or location closure, with proposed new slots. */
  'schedule.massReschedulePlan': { request: MassRescheduleRequest, response: MassReschedulePlan },
  'waitlist.list': { request: Empty, response: z.array(WaitlistEntry) },
  'waitlist.add': { request: WaitlistAddRequest, response: WaitlistEntry },
  'waitlist.remove': { request: WaitlistIdRequest, response: Empty },

  /** Demo environment only (simulation controls); main refuses them when a real environment is configured. */
  'demoLine.options': { request: Empty, response: DemoLineOptions },
  'demoLine.ring': { request: DemoRingRequest, response: CallInfo },
  'demoEhr.setOutage': { request: DemoOutageRequest, response: Empty },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Events main pushes to the renderer. */
export const eventContract = {
  'call.incoming': CallInfo,
  'call.updated': CallInfo,
  'call.screenPop': ScreenPop,
  'env.status': EnvironmentStatus,
  'agent.state': AgentState,
  'media.request': MediaRequest,
  'outbox.changed': z.array(OutboxItem),
  'ehr.session': EhrSession,
  /** The waitlist changed (an entry added, offered a freed slot, booked or removed). */
  'waitlist.changed': z.array(WaitlistEntry),
  /** Supervisors: the team view changed (a workstation reported, or went quiet). */
  'team.workstations': TeamView,
} as const satisfies Record<string, z.ZodType>;

export type InvokeContract = typeof invokeContract;
export type InvokeChannel = keyof InvokeContract;
export type InvokeRequest<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
export type ParsedRequest<C extends InvokeChannel> = z.output<InvokeContract[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<InvokeContract[C]['response']>;

export type EventContract = typeof eventContract;
export type EventChannel = keyof EventContract;
export type EventPayload<E extends EventChannel> = z.output<EventContract[E]>;

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(eventContract) as EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(invokeContract, name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventContract, name);
}
