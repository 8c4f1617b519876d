import { type DirectoryEntry, type EnvironmentStatus, OVERRIDE_REASON_MIN } from '../../src-preload/contract';
import type { ServiceLineCatalog } from '../catalog/ServiceLineCatalog';
import type { ProtocolLibrary } from '../catalog/ProtocolLibrary';
import type { CallCoordinator } from '../calls/CallCoordinator';
import type { DemoPhoneLine, DemoCaller } from '../demo/DemoPhoneLine';
import { DEMO_IVR_CHOICES } from '../demo/DemoPhoneLine';
import type { DocumentationOutbox } from '../documentation/DocumentationOutbox';
import { buildEncounterTransaction } from '../documentation/encounterTransaction';
import type { ChartReader } from '../ehr/ChartReader';
import type { EhrMonitor } from '../ehr/EhrMonitor';
import { LoginError } from '../ehr/smart/LoopbackRedirect';
import { type EhrAuthentication, NO_EHR_AUTHENTICATION } from '../ehr/smart/EhrAuthentication';
import { FhirError } from '../ehr/FhirClient';
import type { PatientMatcher } from '../ehr/PatientMatcher';
import type { SessionService } from '../session/SessionService';
import type { RendererMediaEngine } from '../telephony/media/RendererMediaEngine';
import type { AgentStateService } from '../agent/AgentStateService';
import type { CallLog } from '../calls/CallLog';
import { ContractFailure, type Handlers } from './ContractRouter';

export interface HandlerServices {
  readonly session: SessionService;
  readonly serviceLines: ServiceLineCatalog;
  readonly protocols: ProtocolLibrary;
  readonly calls: CallCoordinator;
  readonly matcher: PatientMatcher;
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

  return {
    'session.demoIdentities': () => s.session.demoIdentities(),
    'session.signIn': ({ userId }) => s.session.signIn(userId),
    'session.current': () => s.session.current(),
    'session.signOut': () => {
      s.session.signOut();
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
    'call.wrapUp': ({ callId, code, patientId }) => s.calls.wrapUp(callId, code, patientId, s.session.require()),
    'call.screenPop': ({ callId }) => {
      s.session.require();
      return s.calls.screenPop(callId);
    },

    'ehr.session': () => {
      s.session.require();
      return ehrAuth.view();
    },
    'ehr.signIn': async () => {
      s.session.require();
      try {
        return await ehrAuth.signIn();
      } catch (error) {
        // LoginError messages are written for the agent and carry no token, code or state.
        if (error instanceof LoginError) throw new ContractFailure('ehr-unavailable', error.message);
        throw error;
      }
    },
    'ehr.signOut': async () => {
      s.session.require();
      await ehrAuth.signOut();
      return ehrAuth.view();
    },

    'patient.search': (request) => {
      s.session.require();
      return ehr(() => s.matcher.byNameAndBirthDate(request));
    },
    'patient.chart': ({ patientId }) => {
      s.session.require();
      return ehr(() => s.charts.read(patientId));
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
      const result = await s.outbox.submit(bundle, {
        idempotencyKey: request.draftId,
        patientId: request.patientId,
        label: `Encounter · ${protocolTitles || 'Red-flag screen'} · ${time} UTC`,
      });
      if (result.outcome === 'queued') void s.monitor.check();
      return result;
    },
    'outbox.list': () => {
      s.session.require();
      return s.outbox.list();
    },
    'outbox.retry': async ({ id }) => {
      s.session.require();
      const item = await s.outbox.retry(id);
      if (!item) throw new ContractFailure('not-found', 'That outbox item does not exist.');
      return item;
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
