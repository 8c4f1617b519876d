import { type DirectoryEntry, type EnvironmentStatus, type TeamView, MAX_DRAFT_BYTES, OVERRIDE_REASON_MIN, type PatientSearchRequest, type PatientSummary, type User } from '../../src-preload/contract';
import { type AuditInput, AuditLog, type AuditSink, recordAudit, searchDetail } from '../audit/AuditLog';
import type { ServiceLineCatalog } from '../catalog/ServiceLineCatalog';
import type { ProtocolLibrary } from '../catalog/ProtocolLibrary';
import type { CallCoordinator } from '../calls/CallCoordinator';
import type { DemoPhoneLine, DemoCaller } from '../demo/DemoPhoneLine';
import { DEMO_IVR_CHOICES } from '../demo/DemoPhoneLine';
import type { DocumentationOutbox } from '../documentation/DocumentationOutbox';
import { buildEncounterTransaction } from '../documentation/encounterTransaction';
import { newPatientPlaceholderId } from '../documentation/callerAndNewPatient';
import type { ChartReader } from '../ehr/ChartReader';
import type { EhrMonitor } from '../ehr/EhrMonitor';
import { LoginError } from '../ehr/smart/LoopbackRedirect';
import { type EhrAuthentication, NO_EHR_AUTHENTICATION } from '../ehr/smart/EhrAuthentication';
import { FhirError } from '../ehr/FhirClient';
import type { PatientMatcher } from '../ehr/PatientMatcher';
import { toE164 } from '../ehr/patientSummary';
import type { PhoneIndexStore } from '../ehr/phoneIndex';
import type { DraftStore } from '../documentation/DraftStore';
import type { SessionService } from '../session/SessionService';
import type { RendererMediaEngine } from '../telephony/media/RendererMediaEngine';
import type { AgentStateService } from '../agent/AgentStateService';
import type { CallLog } from '../calls/CallLog';
import type { Logger } from '../log/logger';
import { ContractFailure, type Handlers } from './ContractRouter';
import { type SchedulingDesk, createSchedulingHandlers } from './schedulingHandlers';

export interface HandlerServices {
  readonly session: SessionService;
  readonly serviceLines: ServiceLineCatalog;
  readonly protocols: ProtocolLibrary;
  readonly calls: CallCoordinator;
  readonly matcher: PatientMatcher;
  /** Optional so older test setups keep working; the workstation always has one. */
  readonly phoneIndex?: PhoneIndexStore;
  readonly drafts?: DraftStore;
  /** Remembers the summary of charts opened, for the screen pop during an EHR outage. */
  readonly patientCache?: { remember(patients: readonly PatientSummary[]): void };
  readonly charts: ChartReader;
  readonly outbox: DocumentationOutbox;
  readonly monitor: EhrMonitor;
  readonly status: () => EnvironmentStatus;
  readonly media: RendererMediaEngine;
  readonly directory: readonly DirectoryEntry[];
  readonly callLog: CallLog;
  readonly agent: AgentStateService;
  /** The agent's EHR login; absent = the EHR needs none (demo). */
  readonly ehrAuth?: EhrAuthentication;
  /**
   * The HIPAA access log (issue 5 §5): every PHI view, search and write is recorded here. Optional so that
   * tests of other behaviour need not supply one; a failed audit write is logged as 'audit.write-failed'
   * on `logger` and never fails the user's request.
   */
  readonly audit?: AuditSink;
  readonly logger?: Logger;
  /** The team picture for supervisors (team bus, or this workstation alone). */
  readonly team?: { view(): TeamView };
  /** Scheduling (issue 6); absent = the channels answer that scheduling is not available here. */
  readonly scheduling?: SchedulingDesk | null;
  /** Why scheduling is off on this workstation (no rules file, a bad one), in words for the agent. */
  readonly schedulingUnavailable?: string | null;
  /** Present only in the demo environment. */
  readonly demo: {
    /** Null when a SIP line is configured: the demo EHR may run with a real phone (lab setups). */
    readonly line: DemoPhoneLine | null;
    readonly callers: () => readonly DemoCaller[];
    readonly setOutage: (on: boolean) => void;
  } | null;
}

/** Maps every contract channel to the service that answers it. Each handler checks who may call it. */
export function createHandlers(s: HandlerServices): Handlers {
  const demo = () => {
    if (!s.demo) throw new ContractFailure('not-permitted', 'Simulation controls exist only in the demo environment.');
    return s.demo;
  };
  const ehrAuth = s.ehrAuth ?? NO_EHR_AUTHENTICATION;
  const drafts = () => {
    if (!s.drafts) throw new ContractFailure('internal', 'Drafts are not available in this host.');
    return s.drafts;
  };
  const ehr = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof FhirError) {
        if (error.transient) void s.monitor.check();
        throw new ContractFailure(error.status === 404 ? 'not-found' : 'ehr-unavailable', error.message);
      }
      throw error;
    }
  };
  /**
   * Runs a PHI access and records it, success or failure: a failed read is still an attempt on the record.
   * Every access from the workstation is for treatment (triage, nurse advice and scheduling calls); see
   * AuditPurpose in src-main/audit/auditChain.ts for the mapping.
   */
  const audited = async <T>(
    user: User,
    entry: Pick<AuditInput, 'action' | 'resource' | 'patientId'>,
    work: () => Promise<T>,
    detail: (result: T) => string,
    failureDetail = '',
  ): Promise<T> => {
    const base = { userId: user.id, userRole: user.role, purpose: 'treatment', ...entry } as const;
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const code = error instanceof ContractFailure ? error.code : 'internal';
      recordAudit(s.audit, { ...base, detail: [failureDetail, `error=${code}`].filter(Boolean).join(';'), outcome: 'failure' }, s.logger);
      throw error;
    }
    recordAudit(s.audit, { ...base, detail: detail(result), outcome: 'success' }, s.logger);
    return result;
  };

  return {
    ...createSchedulingHandlers(s.scheduling ?? null, { require: () => s.session.require(), audited, ehr, unavailable: s.schedulingUnavailable ?? null }),
    'session.demoIdentities': () => s.session.demoIdentities(),
    // The EHR login belongs to the person, not the workstation: when someone signs out of Careline (or a
    // different person signs in) the EHR tokens are revoked and forgotten, so the next agent on a shared
    // workstation never reads or writes the chart under the previous agent's EHR identity.
    'session.signIn': async ({ userId }) => {
      const sign = (outcome: 'success' | 'failure', role: User['role'] | 'system', detail = ''): void =>
        recordAudit(s.audit, { userId, userRole: role, action: 'login', patientId: null, purpose: 'operations', resource: 'Careline', detail, outcome }, s.logger);
      let user: User;
      try {
        user = s.session.signIn(userId);
      } catch (error) {
        sign('failure', 'system', `error=${error instanceof ContractFailure ? error.code : 'internal'}`);
        throw error;
      }
      sign('success', user.role);
      await ehrAuth.switchUser(user.id);
      // In the background: the 'ehr.session' event tells the status line how it went.
      ehrAuth.resume().catch((error: unknown) => {
        s.logger?.log('warn', 'ehr.resume-crashed', { error: error instanceof Error ? error.name : 'unknown' });
      });
      return user;
    },
    'session.current': () => s.session.current(),
    'session.signOut': async () => {
      const user = s.session.current();
      s.session.signOut();
      if (user) recordAudit(s.audit, { userId: user.id, userRole: user.role, action: 'logout', patientId: null, purpose: 'operations', resource: 'Careline', detail: '', outcome: 'success' }, s.logger);
      await ehrAuth.switchUser(null);
      return {};
    },

    'env.status': () => s.status(),
    'serviceLine.list': () => {
      s.session.require();
      return [...s.serviceLines.lines];
    },
    'protocol.get': ({ id }) => {
      s.session.require();
      const protocol = s.protocols.get(id);
      if (!protocol) throw new ContractFailure('not-found', `No protocol "${id}" is installed.`);
      return protocol;
    },

    'call.current': () => {
      s.session.require();
      return s.calls.current();
    },
    'call.list': () => {
      s.session.require();
      return s.calls.live();
    },
    'call.answer': ({ callId }) => {
      s.session.require();
      return s.calls.answer(callId);
    },
    'call.decline': ({ callId }) => {
      s.session.require();
      return s.calls.decline(callId);
    },
    'call.hangUp': ({ callId }) => {
      s.session.require();
      return s.calls.hangUp(callId);
    },
    'call.dial': ({ target }) => {
      s.session.require();
      return s.calls.dial(target);
    },
    'call.hold': ({ callId, hold }) => {
      s.session.require();
      return s.calls.hold(callId, hold);
    },
    'call.dtmf': async ({ callId, tones }) => {
      s.session.require();
      await s.calls.sendDtmf(callId, tones);
      return {};
    },
    'call.blindTransfer': ({ callId, target }) => {
      s.session.require();
      return s.calls.blindTransfer(callId, target);
    },
    'call.consult': ({ callId, target }) => {
      s.session.require();
      return s.calls.consult(callId, target);
    },
    'call.completeTransfer': ({ callId, consultCallId }) => {
      s.session.require();
      return s.calls.completeTransfer(callId, consultCallId);
    },

    'directory.list': () => {
      s.session.require();
      return [...s.directory];
    },

    // The media engine serves SIP sessions whoever is signed in (a call can ring before sign-in completes).
    'media.attach': (request) => {
      s.media.attach(request.engine);
      return {};
    },
    'media.respond': (response) => {
      s.media.respond(response);
      return {};
    },
    'media.quality': (quality) => {
      s.session.require();
      s.callLog.quality(quality);
      return {};
    },
    'agent.state': () => {
      s.session.require();
      return s.agent.current();
    },
    'agent.setState': (request) => {
      s.session.require();
      return s.agent.setState(request);
    },
    'callLog.list': () => {
      s.session.require();
      return s.callLog.list();
    },
    'call.wrapUp': async ({ callId, code, patientId, noVisitReason }) => {
      const call = await s.calls.wrapUp(callId, code, patientId, s.session.require(), noVisitReason ?? null);
      // The agent verified who called from this number: the next call from it pops this patient, even from an
      // EHR that cannot search by phone.
      if (patientId && call.from.e164 && call.direction === 'inbound') s.phoneIndex?.learn(call.from.e164, patientId, 'call', Date.now());
      return call;
    },
    'call.lookUpAgain': async ({ callId }) => {
      const user = s.session.require();
      // The lookup itself is audited as a search by the coordinator; showing its result is a view, as below.
      const pop = await s.calls.lookUpAgain(callId);
      recordAudit(s.audit, { userId: user.id, userRole: user.role, action: 'view', patientId: null, purpose: 'treatment', resource: 'Patient', detail: `source=screen-pop-again;candidates=${pop.candidates.length}`, outcome: 'success' }, s.logger);
      return pop;
    },
    'call.screenPop': ({ callId }) => {
      const user = s.session.require();
      const pop = s.calls.screenPop(callId);
      // The candidates were found by the ring-time search (audited by the call coordinator as a 'search' by
      // phone). Showing them again is one 'view' row with the count, not a row per candidate: a candidate list
      // is demographics to tell household members apart, and the chart the agent then opens is the per-patient
      // 'view' (patient.chart) — the same granularity as a name search.
      if (pop) {
        recordAudit(s.audit, { userId: user.id, userRole: user.role, action: 'view', patientId: null, purpose: 'treatment', resource: 'Patient', detail: `source=screen-pop;candidates=${pop.candidates.length}`, outcome: 'success' }, s.logger);
      }
      return pop;
    },

    'ehr.session': () => {
      s.session.require();
      return ehrAuth.view();
    },
    'ehr.signIn': () => {
      s.session.require();
      // The login waits for the agent in the browser (minutes), longer than a request may wait: answer at
      // once ("signing-in") and let the 'ehr.session' event carry the outcome (and view().message why not).
      ehrAuth.signIn().catch((error: unknown) => {
        s.logger?.log('warn', 'ehr.sign-in-ended', { kind: error instanceof LoginError ? error.kind : 'internal' });
      });
      return ehrAuth.view();
    },
    'ehr.signOut': async () => {
      s.session.require();
      await ehrAuth.signOut();
      return ehrAuth.view();
    },

    'patient.search': (request) => {
      const user = s.session.require();
      const params = searchParameterNames(request);
      return audited(user, { action: 'search', resource: 'Patient', patientId: null }, () => ehr(() => s.matcher.byNameAndBirthDate(request)), (found) => searchDetail(params, found.length), searchDetail(params, 0));
    },
    'patient.chart': async ({ patientId }) => {
      const user = s.session.require();
      const chart = await audited(user, { action: 'view', resource: `Patient/${patientId}`, patientId }, () => ehr(() => s.charts.read(patientId)), () => 'view=chart');
      for (const phone of chart.patient.phones) {
        const e164 = toE164(phone);
        if (e164) s.phoneIndex?.learn(e164, patientId, 'chart', Date.now());
      }
      s.patientCache?.remember([chart.patient]);
      return chart;
    },

    'encounter.document': async (request) => {
      const user = s.session.require();
      // Scope of practice is enforced here, not only hidden in the UI: only nurses give care advice.
      if (request.careAdvice && request.careAdvice.length > 0 && user.role !== 'nurse') {
        throw new ContractFailure('not-permitted', 'Only a nurse may give care advice. Transfer the caller to the nurse line.');
      }
      // A nurse owns the clinical decision; an override from anyone else is refused, whatever the UI showed.
      if (request.override && user.role !== 'nurse') {
        throw new ContractFailure('not-permitted', 'Only a nurse may override a disposition. Escalate the call to a nurse instead.');
      }
      // The nurse note is a clinical note: a nurse's, like care advice.
      if (request.nurseNote && user.role !== 'nurse') {
        throw new ContractFailure('not-permitted', 'Only a nurse may add a nurse note.');
      }
      if (request.override && request.override.reason.trim().length < OVERRIDE_REASON_MIN) {
        throw new ContractFailure('invalid-payload', `Give a reason of at least ${OVERRIDE_REASON_MIN} characters for the override.`);
      }
      if (request.endedAt < request.startedAt) throw new ContractFailure('invalid-payload', 'The interview ends before it starts.');
      const line = s.serviceLines.get(request.serviceLineId);
      const callType = line?.callTypes.find((t) => t.id === request.callTypeId);
      const bundle = buildEncounterTransaction(request, {
        user,
        serviceLineName: line?.name ?? request.serviceLineId,
        callTypeLabel: callType?.label ?? request.callTypeId,
      });
      const protocolTitles = request.escalation
        ? `Escalated to a nurse (${request.escalation.priority})`
        : request.interview.protocols.filter((p) => p.id !== 'red-flags').map((p) => p.title).join(', ');
      const time = new Date(request.endedAt).toISOString().slice(11, 16);
      const result = await audited(
        user,
        // A caller with no chart yet: the new Patient is written with the encounter (audited as one write).
        { action: 'write', resource: 'Encounter', patientId: request.patientId ?? null },
        () =>
          s.outbox.submit(bundle, {
            idempotencyKey: request.draftId,
            patientId: request.patientId ?? newPatientPlaceholderId(request.draftId),
            label: `Encounter${request.newPatient ? ' + new patient' : ''} · ${protocolTitles || 'Red-flag screen'} · ${time} UTC`,
          }),
        // 'queued' is accepted but not yet in the EHR; the retry that sends it is audited again.
        (r) => `result=${r.outcome}${request.newPatient ? `;new-patient=${r.outcome === 'written' && r.patientId ? r.patientId : 'pending'}` : ''}`,
      );
      // The outbox holds the documentation now (written or queued): the draft has done its job.
      s.drafts?.delete(request.draftId);
      // A warm transfer: the documentation id is the context id the consultation carries to the nurse's desk.
      if (request.escalation?.route === 'warm-transfer' && request.callId) s.calls.recordEscalation(request.callId, request.draftId);
      if (result.outcome === 'queued') void s.monitor.check();
      return result;
    },
    'audit.export': ({ format, from, to }) => {
      const user = s.session.require();
      if (user.role !== 'supervisor') throw new ContractFailure('not-permitted', 'Only a supervisor may export the access log.');
      if (!(s.audit instanceof AuditLog)) throw new ContractFailure('internal', 'The access log is not kept in this host.');
      const chainIntact = s.audit.verify().ok;
      const by = { userId: user.id, userRole: user.role };
      if (format === 'csv') {
        const content = s.audit.exportCsv({ from, to }, by);
        return { content, rows: Math.max(0, content.split('\r\n').filter(Boolean).length - 1), chainIntact };
      }
      const events = s.audit.exportAuditEvents({ from, to }, by);
      return { content: JSON.stringify(events), rows: events.length, chainIntact };
    },
    'draft.save': ({ draftId, patientId, label, step, snapshot }) => {
      const user = s.session.require();
      const snapshotJson = JSON.stringify(snapshot ?? null);
      if (snapshotJson.length > MAX_DRAFT_BYTES) throw new ContractFailure('invalid-payload', 'This draft is too large to save; finish and document it now.');
      const existing = drafts().get(draftId);
      if (existing && existing.userId !== user.id) throw new ContractFailure('not-permitted', 'This draft belongs to someone else.');
      drafts().save({ draftId, userId: user.id, patientId, label, step, savedAt: Date.now(), snapshotJson });
      return {};
    },
    'draft.list': () => {
      const user = s.session.require();
      return drafts().list(user.id).map(({ draftId, patientId, label, step, savedAt }) => ({ draftId, patientId, label, step, savedAt }));
    },
    'draft.load': ({ draftId }) => {
      const user = s.session.require();
      const draft = drafts().get(draftId);
      if (!draft || draft.userId !== user.id) throw new ContractFailure('not-found', 'That draft is no longer saved.');
      const { patientId, label, step, savedAt, snapshotJson } = draft;
      return { draftId, patientId, label, step, savedAt, snapshot: JSON.parse(snapshotJson) as unknown };
    },
    'draft.discard': ({ draftId }) => {
      const user = s.session.require();
      const draft = drafts().get(draftId);
      if (!draft || draft.userId !== user.id) throw new ContractFailure('not-found', 'That draft is no longer saved.');
      // The reason is the user's words (it may name the patient): it is not logged; the audit log records the discard.
      drafts().delete(draftId);
      return {};
    },
    'outbox.list': () => {
      s.session.require();
      return s.outbox.list();
    },
    'outbox.retry': async ({ id }) => {
      const user = s.session.require();
      const patientId = s.outbox.list().find((i) => i.id === id)?.patientId ?? null;
      // An unknown id touches no patient's record: nothing to audit.
      if (patientId === null) throw new ContractFailure('not-found', 'That outbox item does not exist.');
      const item = await audited(user, { action: 'write', resource: 'Encounter', patientId }, () => s.outbox.retry(id), (i) => `retry;state=${i?.state ?? 'gone'}`, 'retry');
      if (!item) throw new ContractFailure('not-found', 'That outbox item does not exist.');
      return item;
    },

    'team.workstations': () => {
      const user = s.session.require();
      if (user.role !== 'supervisor') throw new ContractFailure('not-permitted', 'Only a supervisor may watch the team.');
      if (!s.team) throw new ContractFailure('internal', 'The team view is not available in this host.');
      return s.team.view();
    },

    'demoLine.options': () => {
      s.session.require();
      const d = demo();
      return {
        lines: s.serviceLines.lines.flatMap((l) => l.dnis.map((dnis) => ({ dnis, serviceLineId: l.id, label: `${l.name} · ${dnis}` }))),
        callers: [...d.callers()],
        ivrChoices: DEMO_IVR_CHOICES.map((c) => ({ ...c })),
      };
    },
    'demoLine.ring': (request) => {
      s.session.require();
      const line = demo().line;
      if (!line) throw new ContractFailure('not-permitted', 'A SIP line is configured: the simulated phone line is off.');
      const incoming = line.ring(request);
      const call = s.calls.current();
      if (!call || call.callId !== incoming.callId) {
        // Refused by the agent-state policy (away, after-call work, already on two calls): say so.
        if (!s.calls.get(incoming.callId)) throw new ContractFailure('conflict', 'The demo call was not offered: this workstation is not taking calls now (see your agent state).');
        throw new ContractFailure('internal', 'The demo call did not ring.');
      }
      return call;
    },
    'demoEhr.setOutage': ({ outage }) => {
      s.session.require();
      demo().setOutage(outage);
      void s.monitor.check();
      return {};
    },
  };
}

/** FHIR search parameter names of a name search: which were used, never their values (those are PHI). */
function searchParameterNames(request: PatientSearchRequest): string[] {
  const names: string[] = ['family', 'birthdate'];
  if (request.given) names.push('given');
  return names;
}
