import { hostname } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentStatus, User, WorkstationStatus } from '../src-preload/contract';
import { AgentStateService } from './agent/AgentStateService';
import { AuditLog, type AuditSink, recordAudit } from './audit/AuditLog';
import { CallCoordinator } from './calls/CallCoordinator';
import { EscalationHandoffReader } from './calls/EscalationHandoffReader';
import { CALL_LOG_CAPACITY, CallLog, SqliteCallLogStore } from './calls/CallLog';
import { ProtocolLibrary } from './catalog/ProtocolLibrary';
import { ServiceLineCatalog } from './catalog/ServiceLineCatalog';
import { type CarelineConfig, type SipTelephonyConfig, ehrAuthOf } from './config/carelineConfig';
import { withEmergencyEntry } from './calls/emergencyDirectory';
import { DEMO_DIRECTORY, DEMO_EMERGENCY_ENTRY, DEMO_IVR_CHOICES, type DemoCaller, DemoPhoneLine } from './demo/DemoPhoneLine';
import { loadDemoCallers } from './demo/demoCallers';
import { DEMO_IDENTITIES } from './demo/demoIdentities';
import type { DemoFhirServer } from './demo/ehr/DemoFhirServer';
import { startDemoEhr } from './demo/ehr/startDemoEhr';
import { DEFAULT_BACKOFF, DocumentationOutbox } from './documentation/DocumentationOutbox';
import { SqliteDraftStore } from './documentation/DraftStore';
import { SqliteOutboxStore } from './documentation/SqliteOutboxStore';
import { type CarelineDatabase, openMemoryDatabase } from './storage/EncryptedDatabase';
import { migrate } from './storage/migrations';
import type { Keychain } from './storage/keychain';
import { ChartReader } from './ehr/ChartReader';
import { EhrMonitor } from './ehr/EhrMonitor';
import { NewPatientLinker } from './documentation/NewPatientLinker';
import { FhirClient } from './ehr/FhirClient';
import { PatientMatcher } from './ehr/PatientMatcher';
import { CapabilityCache } from './ehr/capabilities';
import { type EhrAuthentication, NO_EHR_AUTHENTICATION, createEhrAuthentication } from './ehr/smart/EhrAuthentication';
import { CachingPatientSource, PatientSummaryCache } from './ehr/patientCache';
import { IndexedCallerLookup, SqlitePhoneIndex } from './ehr/phoneIndex';
import { ContractRouter } from './ipc/ContractRouter';
import { EventHub } from './ipc/EventHub';
import { createHandlers } from './ipc/handlers';
import { schedulingDesk } from './ipc/schedulingDesk';
import type { Logger } from './log/logger';
import { NoSecretStore, type SecretStore } from './security/SecretStore';
import { SessionService } from './session/SessionService';
import { SipSoftphone } from './telephony/sip/SipSoftphone';
import type { TelephonyPort } from './telephony/TelephonyPort';
import { RendererMediaEngine } from './telephony/media/RendererMediaEngine';
import { type Team, startTeam } from './team/startTeam';
import { startScheduling } from './scheduling/startScheduling';
import { schedulingDeliverers } from './scheduling/fhir/appointmentDelivery';
import type { TeamBus } from './team/TeamBus';
import { workstationIdFrom } from './team/WorkstationBeacon';

export interface MainServicesOptions {
  readonly host: EnvironmentStatus['host'];
  /** The folder holding service-lines.json and protocols/ (repo `resources/`, or the packaged copy). */
  readonly resourcesDir: string;
  readonly config: CarelineConfig;
  readonly logger: Logger;
  /** Where the SIP password comes from (the OS keychain in the packaged app). */
  readonly secrets?: SecretStore;
  /** The local cache the host opened (Electron: encrypted, see storage/openCache.ts); absent = in memory. */
  readonly cache?: { readonly database: CarelineDatabase; readonly mode: 'encrypted' | 'memory-only'; readonly message: string | null };
  /** Keeps each user's EHR refresh token across restarts (the OS keychain); absent = EHR logins last a run. */
  readonly keychain?: Pick<Keychain, 'getSecret' | 'setSecret' | 'deleteSecret'>;
  /** Tests: an in-process team bus instead of NATS (several workstations in one process). */
  readonly teamBus?: TeamBus;
  /** Tests: the beacon interval (default 15 s). */
  readonly teamIntervalMs?: number;
  /** Opens a URL in the system browser (the EHR's SMART login page); the Electron host passes shell.openExternal. */
  readonly openExternal?: (url: string) => Promise<void>;
}

export interface MainServices {
  readonly router: ContractRouter;
  readonly events: EventHub;
  readonly calls: CallCoordinator;
  readonly status: () => EnvironmentStatus;
  /** The embedded demo environment, when it is the one in use (tests read its FHIR base URL). */
  readonly demo: { readonly ehr: DemoFhirServer; readonly line: DemoPhoneLine | null } | null;
  /** The phone line in use: the demo line (simulation) or the SIP softphone. */
  readonly telephony: TelephonyPort;
  serviceLineName(id: string): string | null;
  dispose(): Promise<void>;
}

/**
 * The composition root: every main-process service is built here, by hand, from its dependencies. The
 * Electron host and the web host both call this, so they run the very same services.
 */
export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const { config, logger } = options;
  const serviceLines = ServiceLineCatalog.fromResources(options.resourcesDir);
  const protocols = ProtocolLibrary.load({ builtInDir: join(options.resourcesDir, 'protocols'), importDirs: config.protocolImportDirs });
  // The reasons name files and protocol fields (no PHI), but the logger keeps only codes: count them here.
  if (protocols.problems().length) logger.log('warn', 'protocols.imports-refused', { problems: protocols.problems().length });
  const events = new EventHub();

  let demoEhr: DemoFhirServer | null = null;
  let fhir: FhirClient;
  let ehrLabel: string;
  let ehrAuth: EhrAuthentication = NO_EHR_AUTHENTICATION;
  if (config.ehr.kind === 'demo') {
    // Fresh ages and future slots: the population is generated for today unless a date is pinned.
    const referenceDate = config.ehr.referenceDate ?? new Date().toISOString().slice(0, 10);
    const started = await startDemoEhr({ patients: config.ehr.patients, seed: config.ehr.seed, referenceDate });
    demoEhr = started.server;
    fhir = new FhirClient({ baseUrl: demoEhr.baseUrl });
    ehrLabel = 'Demo EHR (simulation)';
    logger.log('info', 'demo.ehr-started', { patients: config.ehr.patients });
  } else {
    ehrAuth = createEhrAuthentication(ehrAuthOf(config.ehr), {
      fhirBaseUrl: config.ehr.baseUrl,
      openExternal: options.openExternal,
      env: process.env,
      logger,
      keychain: options.keychain,
    });
    fhir = new FhirClient({ baseUrl: config.ehr.baseUrl, auth: ehrAuth.auth ?? undefined });
    ehrLabel = config.ehr.label;
  }

  let demoCallers: DemoCaller[] = [];
  const line = new DemoPhoneLine(
    () => demoCallers,
    serviceLines.lines.flatMap((l) => l.dnis),
  );
  if (demoEhr) demoCallers = await loadDemoCallers(fhir);

  const session = new SessionService(DEMO_IDENTITIES);
  // The local cache: the host opens the encrypted one (Electron: key in the OS keychain); without one (the dev/test
  // web host, tests) an in-memory database runs the very same stores and migrations, durable only for the process.
  const cache = options.cache ?? { database: openMemoryDatabase(), mode: 'memory-only' as const, message: 'Local cache in memory (development host).' };
  migrate(cache.database.db);
  // HIPAA access log (issue 5 §5): hash-chained, append-only, in the cache.
  const audit = new AuditLog(cache.database.db);
  // Searches and operations are asked for only where the EHR's CapabilityStatement offers them.
  const matcher = new PatientMatcher(fhir, undefined, undefined, { capabilities: new CapabilityCache((signal) => fhir.capabilities(signal)) });
  // Learned from verified calls and opened charts (issue 5 §2).
  const phoneIndex = new SqlitePhoneIndex(cache.database.db);
  // Screen-pop summaries of recently seen patients (TTL), so a repeat caller pops even while the EHR is down.
  const patientCache = new PatientSummaryCache(cache.database.db);
  patientCache.purgeExpired();
  const purgeTimer = setInterval(() => patientCache.purgeExpired(), 60 * 60 * 1000);
  purgeTimer.unref();
  const drafts = new SqliteDraftStore(cache.database.db);
  const monitor = new EhrMonitor(fhir);
  // Bookings and cancellations share the outbox with documentation, each kind with its own deliverer.
  const outbox = new DocumentationOutbox(fhir, new SqliteOutboxStore(cache.database.db), logger, DEFAULT_BACKOFF, Date.now, {
    deliverers: schedulingDeliverers(),
    // A call documented without a chart goes to the chart the EHR is sure of, else creates one (exactly once).
    linkNewPatient: new NewPatientLinker(matcher).link,
  });
  // Documentation acknowledged before a crash is delivered first thing (exactly once: identifiers + If-None-Exist).
  outbox.start();
  // The agent's state decides which calls ring (offerPolicy) and follows every call; the call log records them.
  const agent = new AgentStateService({ events, logger, rules: config.agent });
  const callLog = new CallLog(CALL_LOG_CAPACITY, new SqliteCallLogStore(cache.database.db));
  // The renderer's WebRTC engine, served over the media RPC: the SIP softphone's audio.
  const media = new RendererMediaEngine(events, logger);
  const telephony: TelephonyPort =
    config.telephony.kind === 'sip' ? await createSoftphone(config.telephony, media, options.secrets ?? new NoSecretStore(), logger) : line;
  const demoLine = telephony === line ? line : null;
  // The emergency path always has somewhere to connect: the site's emergency entry, else 911 (the demo line's
  // is a labeled simulation number, never the real 911).
  const directory = withEmergencyEntry(config.telephony.directory ?? (demoLine ? DEMO_DIRECTORY : []), demoLine ? DEMO_EMERGENCY_ENTRY : undefined);
  const ivrChoices: readonly { digit: string; label: string }[] = config.telephony.kind === 'sip' ? config.telephony.ivrChoices : DEMO_IVR_CHOICES;
  const calls = new CallCoordinator({
    port: telephony,
    matcher: new IndexedCallerLookup(new CachingPatientSource(matcher, patientCache), phoneIndex),
    events,
    logger,
    serviceLineFor: (dnis) => serviceLines.forDnis(dnis)?.id ?? null,
    ivrLabel: (digit) => ivrChoices.find((c) => c.digit === digit)?.label ?? `Option ${digit}`,
    // Calls ring only a signed-in, available agent: the phone registers at startup, before anyone signs in.
    offerPolicy: { mayOffer: (liveCalls) => session.current() !== null && agent.mayOffer(liveCalls) },
    observers: [agent.observe, callLog.record],
    audit,
    currentUser: () => session.current(),
    ehrHealth: { unreachableSince: () => monitor.unreachableSince(), recheck: () => void monitor.check() },
    // A warm transfer's escalation is read from the EHR the transferring desk documented it in.
    handoffs: new EscalationHandoffReader(fhir),
  });

  const status = (): EnvironmentStatus => ({
    mode: demoEhr ? 'demo' : 'configured',
    host: options.host,
    ehr: { label: ehrLabel, baseUrl: fhir.base, ...monitor.current },
    cache: { mode: cache.mode, message: cache.message },
    telephony: { label: telephony.label, kind: telephony.kind, ready: telephony.status.registration === 'registered', ...telephony.status },
  });
  telephony.onEvent((event) => {
    if (event.type === 'status') events.publish('env.status', status());
  });
  monitor.onChange(() => events.publish('env.status', status()));
  outbox.onChange((items) => events.publish('outbox.changed', items));
  ehrAuth.onChange((view) => events.publish('ehr.session', view));
  recordEhrSignIns(ehrAuth, audit, () => session.current(), logger);
  monitor.start();

  // Scheduling (issue 6): the clinic's rules file, the engine over the EHR's schedules, the waitlist.
  const scheduling = startScheduling({ config, resourcesDir: options.resourcesDir, demo: demoEhr !== null, fhir, outbox, db: cache.database.db, logger });
  scheduling.waitlist?.onChange((entries) => events.publish('waitlist.changed', entries));

  const team = await createTeam(options, () => ({ session, agent, ehrAuth, monitor, outbox }));
  outbox.onChange(() => team.changed());
  team.monitor.onChange((view) => {
    if (session.current()?.role === 'supervisor') events.publish('team.workstations', view);
  });

  const handlers = createHandlers({
    session,
    serviceLines,
    protocols,
    calls,
    matcher,
    phoneIndex,
    patientCache,
    drafts,
    charts: new ChartReader(fhir),
    outbox,
    monitor,
    status,
    media,
    directory,
    callLog,
    agent,
    ehrAuth,
    audit,
    logger,
    team: team.monitor,
    scheduling: scheduling.scheduling && scheduling.waitlist ? schedulingDesk(scheduling.scheduling, scheduling.waitlist) : null,
    schedulingUnavailable: scheduling.unavailable,
    demo: demoEhr
      ? { line: demoLine, callers: () => demoCallers, setOutage: (on) => demoEhr?.setOutage(on) }
      : null,
  });

  return {
    router: new ContractRouter(handlers, logger),
    events,
    calls,
    status,
    demo: demoEhr ? { ehr: demoEhr, line: demoLine } : null,
    telephony,
    serviceLineName: (id) => serviceLines.get(id)?.name ?? null,
    async dispose() {
      scheduling.waitlist?.dispose();
      await team.dispose();
      monitor.stop();
      clearInterval(purgeTimer);
      ehrAuth.dispose();
      await outbox.dispose();
      calls.dispose();
      await telephony.stop();
      agent.dispose();
      media.dispose();
      await demoEhr?.stop();
      // The host that opened the cache closes it; ours (in memory) goes with the process.
      if (!options.cache) cache.database.close();
    },
  };
}

/**
 * The SIP softphone for a configured account. It starts in the background: the workstation opens at once and
 * the status line shows "registering…" until the server answers (or why it did not).
 */
async function createSoftphone(config: SipTelephonyConfig, media: RendererMediaEngine, secrets: SecretStore, logger: Logger): Promise<SipSoftphone> {
  const password = await secrets.get(config.aor);
  const phone = new SipSoftphone({
    account: {
      server: config.server,
      aor: config.aor,
      authorizationUsername: config.authorizationUsername,
      password,
      displayName: config.displayName,
      outboundProxy: config.outboundProxy,
      registerExpiresS: config.registerExpiresS,
    },
    media,
    logger,
    dtmf: config.dtmf,
    identityHeaders: { ivr: config.ivrHeaders },
  });
  if (password === null) logger.log('warn', 'sip.no-password', {});
  phone.start().catch(() => logger.log('warn', 'sip.start-failed', {}));
  return phone;
}

interface TeamSources {
  readonly session: SessionService;
  readonly agent: AgentStateService;
  readonly ehrAuth: EhrAuthentication;
  readonly monitor: EhrMonitor;
  readonly outbox: DocumentationOutbox;
}

/** This desk on the team bus (when configured): what it reports is counts and states, never PHI. */
async function createTeam(options: MainServicesOptions, sources: () => TeamSources): Promise<Team> {
  const { config, logger } = options;
  const workstationId = workstationIdFrom(config.team?.workstationId ?? hostname());
  const label = config.team?.label ?? hostname();
  const read = (): WorkstationStatus => {
    const { session, agent, ehrAuth, monitor, outbox } = sources();
    const user = session.current();
    const ehr = monitor.current.state === 'unreachable' ? 'unreachable' : ehrAuth.view().state;
    return {
      workstationId,
      label,
      user: user ? { displayName: user.displayName, role: user.role } : null,
      agentState: user ? agent.current().state : null,
      ehr,
      outbox: outbox.backlog(),
      at: Date.now(),
    };
  };
  const token = config.team?.auth === 'token' ? ((await options.keychain?.getSecret('team-bus').catch(() => null)) ?? null) : null;
  if (config.team?.auth === 'token' && token === null) logger.log('warn', 'team.no-token', {});
  const bus = config.team ? { servers: config.team.servers, token, workstationId } : null;
  return startTeam(bus, read, logger, { bus: options.teamBus, intervalMs: options.teamIntervalMs });
}

/**
 * The EHR login in the access log: signed in (a login, a resumed one included), and the end of it (signed
 * out, or expired at the EHR). The person is the Careline user at that moment.
 */
function recordEhrSignIns(ehrAuth: EhrAuthentication, audit: AuditSink, who: () => User | null, logger: Logger): void {
  let previous = ehrAuth.view().state;
  ehrAuth.onChange((view) => {
    const was = previous;
    previous = view.state;
    const user = who();
    const base = { userId: user?.id ?? 'system', userRole: user?.role ?? 'system', patientId: null, purpose: 'operations', resource: 'EHR', outcome: 'success' } as const;
    if (view.state === 'signed-in' && was !== 'signed-in') recordAudit(audit, { ...base, action: 'login', detail: '' }, logger);
    if (was === 'signed-in' && (view.state === 'signed-out' || view.state === 'expired')) recordAudit(audit, { ...base, action: 'logout', detail: view.state === 'expired' ? 'expired' : '' }, logger);
  });
}
