import type { FakeHandlers } from '../bridge/fakeBridge';
import { ok } from '../bridge';
import {
  activeCall,
  agentState,
  chartOf,
  coughProtocol,
  demoEnv,
  demoIdentities,
  demoLineOptions,
  endedCall,
  familyMedicine,
  feverProtocol,
  householdScreenPop,
  janeDoe,
  mariaLopez,
  mateoLopez,
  redFlagsProtocol,
} from './fixtures';
import { fakeScheduling } from './schedulingFixtures';

/** A fake main process that answers every channel the workstation uses with the synthetic fixtures. */
export function workstationHandlers(overrides: FakeHandlers = {}): FakeHandlers {
  const patients = [mariaLopez, mateoLopez, janeDoe];
  const protocols = [redFlagsProtocol, feverProtocol, coughProtocol];
  return {
    'env.status': () => ok(demoEnv),
    'session.current': () => ok(null),
    'session.demoIdentities': () => ok(demoIdentities),
    'session.signIn': ({ userId }) => {
      const user = demoIdentities.find((u) => u.id === userId);
      return user ? ok(user) : { ok: false, error: { code: 'not-found', message: 'Unknown identity.' } };
    },
    'session.signOut': () => ok({}),
    'serviceLine.list': () => ok([familyMedicine]),
    'protocol.get': ({ id }) => {
      const protocol = protocols.find((p) => p.id === id);
      return protocol ? ok(protocol) : { ok: false, error: { code: 'not-found', message: `No protocol ${id}.` } };
    },
    'call.current': () => ok(null),
    'call.answer': ({ callId }) => ok(activeCall({ callId })),
    'call.hangUp': ({ callId }) => ok(endedCall({ callId })),
    'call.wrapUp': ({ callId, code, patientId }) => ok({ ...endedCall({ callId }), wrapUp: { code, at: Date.now(), userId: 'test-user', patientId } }),
    'call.screenPop': ({ callId }) => ok(householdScreenPop(callId)),
    'call.lookUpAgain': ({ callId }) => ok(householdScreenPop(callId)),
    'patient.search': ({ family, birthDate }) =>
      ok(patients.filter((p) => p.family.toLowerCase() === family.toLowerCase() && p.birthDate === birthDate)),
    'patient.chart': ({ patientId }) => {
      const patient = patients.find((p) => p.id === patientId);
      return patient ? ok(chartOf(patient)) : { ok: false, error: { code: 'not-found', message: 'No chart.' } };
    },
    'outbox.list': () => ok([]),
    'agent.state': () => ok(agentState()),
    'agent.setState': ({ state, awayReason }) => ok(agentState({ state, awayReason: awayReason ?? null })),
    'callLog.list': () => ok([]),
    'demoLine.options': () => ok(demoLineOptions),
    // Scheduling answers from a stateful fake of main's scheduling service (holds, bookings, waitlist).
    ...fakeScheduling().handlers,
    ...overrides,
  };
}
