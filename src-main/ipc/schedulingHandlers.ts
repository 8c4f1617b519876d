import type {
  AppointmentSummary,
  BookingResult,
  DispositionId,
  MassReschedulePlan,
  ParsedRequest,
  SchedulingDirectory,
  SlotHold,
  SlotSearchResult,
  User,
  VisitTypeSummary,
  WaitlistEntry,
} from '../../src-preload/contract';
import type { AuditInput } from '../audit/AuditLog';
import { ContractFailure, type Handlers } from './ContractRouter';

/**
 * What the scheduling channels need from main's scheduling services (issue 6): the engine behind the FHIR
 * adapter, the booking path through the outbox, and the waitlist. The handlers below add what belongs to
 * the process boundary: who may do what, and the PHI access log.
 */
export interface SchedulingDesk {
  visitTypes(dispositionId: DispositionId | null): Promise<VisitTypeSummary[]> | VisitTypeSummary[];
  directory(): Promise<SchedulingDirectory>;
  search(request: ParsedRequest<'schedule.search'>): Promise<SlotSearchResult>;
  hold(patientId: string, offerId: string, user: User): Promise<SlotHold>;
  release(holdId: string): Promise<void>;
  book(request: ParsedRequest<'schedule.book'>, user: User): Promise<BookingResult>;
  appointments(patientId: string): Promise<AppointmentSummary[]>;
  cancel(request: ParsedRequest<'schedule.cancel'>, user: User): Promise<AppointmentSummary>;
  reschedule(request: ParsedRequest<'schedule.reschedule'>, user: User): Promise<BookingResult>;
  massReschedulePlan(request: ParsedRequest<'schedule.massReschedulePlan'>, user: User): Promise<MassReschedulePlan>;
  waitlist(): WaitlistEntry[] | Promise<WaitlistEntry[]>;
  addToWaitlist(request: ParsedRequest<'waitlist.add'>, user: User): Promise<WaitlistEntry>;
  removeFromWaitlist(id: string, user: User): Promise<void>;
}

export interface SchedulingHandlerTools {
  readonly require: () => User;
  /** Runs a PHI access and records it in the audit log, success or failure (see handlers.ts). */
  readonly audited: <T>(
    user: User,
    entry: Pick<AuditInput, 'action' | 'resource' | 'patientId'>,
    work: () => Promise<T>,
    detail: (result: T) => string,
    failureDetail?: string,
  ) => Promise<T>;
  /** Turns EHR failures into contract errors an agent can act on. */
  readonly ehr: <T>(work: () => Promise<T>) => Promise<T>;
  /** Why there is no scheduling here (said to the agent); null = the generic sentence. */
  readonly unavailable?: string | null;
}

type SchedulingChannel = Extract<keyof Handlers, `schedule.${string}` | `waitlist.${string}`>;

/**
 * The `schedule.*` and `waitlist.*` channels. Every signed-in role books (schedulers are agents); booking
 * outside the disposition's window is a clinical decision, so only a nurse may, with a reason; the mass
 * reschedule plan is a supervisor's tool. Every read or write of a patient's scheduling data is audited.
 */
export function createSchedulingHandlers(desk: SchedulingDesk | null, tools: SchedulingHandlerTools): Pick<Handlers, SchedulingChannel> {
  const { require, audited, ehr } = tools;
  const scheduling = (): SchedulingDesk => {
    if (!desk) throw new ContractFailure('internal', tools.unavailable ?? 'Scheduling is not available on this workstation.');
    return desk;
  };
  return {
    'schedule.visitTypes': async ({ dispositionId }) => {
      require();
      return scheduling().visitTypes(dispositionId);
    },
    'schedule.directory': () => {
      require();
      return ehr(() => scheduling().directory());
    },
    'schedule.search': (request) => {
      const user = require();
      return audited(
        user,
        // Ranking reads the patient's coverage, PCP, language and home ZIP: a view of their record.
        { action: 'search', resource: 'Slot', patientId: request.patientId },
        () => ehr(() => scheduling().search(request)),
        (r) => `visitType=${request.visitTypeId};offers=${r.offers.length};considered=${r.considered}`,
        `visitType=${request.visitTypeId}`,
      );
    },
    'schedule.hold': ({ patientId, offerId }) => {
      const user = require();
      return audited(user, { action: 'write', resource: 'Slot', patientId }, () => ehr(() => scheduling().hold(patientId, offerId, user)), () => 'hold', 'hold');
    },
    'schedule.release': async ({ holdId }) => {
      require();
      await ehr(() => scheduling().release(holdId));
      return {};
    },
    'schedule.book': async (request) => {
      const user = require();
      if (request.outsideWindowReason !== null && user.role !== 'nurse') {
        throw new ContractFailure('not-permitted', 'Only a nurse may book a visit later than the disposition allows. Transfer the caller to the nurse line.');
      }
      return audited(
        user,
        { action: 'write', resource: 'Appointment', patientId: request.patientId },
        () => ehr(() => scheduling().book(request, user)),
        (r) => `book;outcome=${r.outcome}`,
        'book',
      );
    },
    'schedule.appointments': ({ patientId }) => {
      const user = require();
      return audited(user, { action: 'view', resource: 'Appointment', patientId }, () => ehr(() => scheduling().appointments(patientId)), (r) => `results=${r.length}`);
    },
    'schedule.cancel': (request) => {
      const user = require();
      return audited(
        user,
        { action: 'write', resource: `Appointment/${request.appointmentId}`, patientId: request.patientId },
        () => ehr(() => scheduling().cancel(request, user)),
        (r) => `cancel;status=${r.status}`,
        'cancel',
      );
    },
    'schedule.reschedule': (request) => {
      const user = require();
      return audited(
        user,
        { action: 'write', resource: `Appointment/${request.appointmentId}`, patientId: request.patientId },
        () => ehr(() => scheduling().reschedule(request, user)),
        (r) => `reschedule;outcome=${r.outcome}`,
        'reschedule',
      );
    },
    'schedule.massReschedulePlan': async (request) => {
      const user = require();
      if (user.role !== 'supervisor') throw new ContractFailure('not-permitted', 'Only a supervisor may plan a mass reschedule.');
      return audited(
        user,
        { action: 'search', resource: 'Appointment', patientId: null },
        () => ehr(() => scheduling().massReschedulePlan(request, user)),
        (r) => `scope=${request.scope.kind};affected=${r.affected.length};unplaced=${r.affected.filter((a) => a.proposal === null).length}`,
      );
    },
    'waitlist.list': () => {
      const user = require();
      // The list shows patients' names: a view of several records at once.
      return audited(user, { action: 'view', resource: 'Waitlist', patientId: null }, async () => scheduling().waitlist(), (r) => `entries=${r.length}`);
    },
    'waitlist.add': (request) => {
      const user = require();
      return audited(user, { action: 'write', resource: 'Waitlist', patientId: request.patientId }, () => ehr(() => scheduling().addToWaitlist(request, user)), () => 'add', 'add');
    },
    'waitlist.remove': async ({ id }) => {
      const user = require();
      const entry = (await scheduling().waitlist()).find((e) => e.id === id);
      if (!entry) throw new ContractFailure('not-found', 'That waitlist entry does not exist.');
      await audited(user, { action: 'write', resource: 'Waitlist', patientId: entry.patientId }, () => scheduling().removeFromWaitlist(id, user), () => 'remove', 'remove');
      return {};
    },
  };
}
