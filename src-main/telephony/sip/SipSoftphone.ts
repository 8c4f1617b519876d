import { randomUUID } from 'node:crypto';
import {
  Invitation,
  Inviter,
  type Referral,
  Registerer,
  RegistererState,
  type Session,
  SessionState,
  SIPExtension,
  type URI,
  UserAgent,
} from 'sip.js';
import type { Logger } from '../../log/logger';
import type { MediaEngine } from '../media/MediaEngine';
import {
  type DialOptions,
  type LineStatus,
  type Registration,
  type TelephonyEvent,
  type TelephonyPort,
  TelephonyRefusal,
} from '../TelephonyPort';
import { BridgedSessionDescriptionHandler, type CarelineSdhOptions } from './BridgedSessionDescriptionHandler';
import { DEFAULT_IDENTITY_HEADERS, HANDOFF_CONTEXT_HEADER, type IdentityHeaderNames, callerIdentity } from './callerIdentity';
import { ensureWebSocket } from './nodeWebSocket';
import { type ReinviteOutcome, SerialQueue, backoffMs, reinviteWithRetry } from './reinviteRetry';
import { endReasonFor } from './sipStatus';
import { WireMonitor } from './WireMonitor';

export interface SipAccount {
  /** WebSocket URL of the SIP server or proxy, e.g. wss://pbx.example.org:8089/ws. */
  readonly server: string;
  /** Address of record, e.g. sip:agent1@pbx.example.org. */
  readonly aor: string;
  /** Digest user name when it differs from the AOR user. */
  readonly authorizationUsername?: string;
  /** From the OS keychain at runtime; never in the settings file. */
  readonly password: string | null;
  readonly displayName?: string;
  /** A SIP URI every request is routed through (preloaded Route), e.g. sip:edge.example.org;lr. */
  readonly outboundProxy?: string;
  readonly registerExpiresS?: number;
}

export interface SipSoftphoneOptions {
  readonly account: SipAccount;
  readonly media: MediaEngine;
  readonly logger: Logger;
  /** RFC 4733 through the media (default) with SIP INFO when the media cannot; or SIP INFO only. */
  readonly dtmf?: 'rfc4733' | 'info';
  readonly identityHeaders?: IdentityHeaderNames;
  readonly keepAliveS?: number;
  readonly random?: () => number;
}

interface Leg {
  readonly callId: string;
  session: Session;
  readonly direction: 'inbound' | 'outbound';
  readonly queue: SerialQueue;
  /** We ended it (hang up, decline, transfer): no 'ended' event for it. */
  endedByUs: boolean;
  held: boolean;
  /** Final status of our INVITE when it was refused (busy, not found...). */
  refusedWith: number | null;
  /** We sent a 2xx to an INVITE and its ACK has not arrived: no re-INVITE of ours may start before it does. */
  ack: AckWait | null;
}

/** RFC 5407 §3.1.5: a re-INVITE sent before the ACK of the previous INVITE's 2xx collides with it. */
interface AckWait {
  readonly received: Promise<void>;
  readonly resolve: () => void;
}

function ackWait(): AckWait {
  let resolve: () => void = () => undefined;
  const received = new Promise<void>((r) => (resolve = r));
  return { received, resolve };
}

/** How long we wait for an ACK before sending our re-INVITE anyway (RFC 3261 Timer H is 32 s; the far end may be gone). */
const ACK_WAIT_MS = 4000;

const DTMF_TONE_MS = 100;
/** How long stop() waits for calls to hang up before it leaves anyway. */
const STOP_WAIT_MS = 1500;

/**
 * The SIP softphone: sip.js in the main process, so registration and ringing do not depend on a visible or
 * unthrottled window. Media is delegated to a MediaEngine through BridgedSessionDescriptionHandler.
 *
 * Resilience: the WebSocket is watched by sip.js; when it drops we reconnect with jittered exponential backoff
 * (never two attempts at once), re-REGISTER once connected (never two REGISTERs in flight — WireMonitor
 * counts them on the wire) and send an ICE-restart re-INVITE on every call in progress so media follows.
 */
export class SipSoftphone implements TelephonyPort {
  readonly kind = 'sip' as const;
  readonly label: string;
  private readonly listeners = new Set<(event: TelephonyEvent) => void>();
  private readonly legs = new Map<string, Leg>();
  private readonly callIdOfSession = new WeakMap<Session, string>();
  private readonly mediaIdOfSession = new WeakMap<Session, string>();
  private readonly callIdOfMedia = new Map<string, string>();
  private readonly ua: UserAgent;
  private readonly registerer: Registerer;
  private readonly random: () => number;
  readonly wire = new WireMonitor();
  private currentStatus: LineStatus = { registration: 'unregistered', message: null };
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnecting = false;
  private stopped = false;

  constructor(private readonly options: SipSoftphoneOptions) {
    ensureWebSocket();
    this.random = options.random ?? Math.random;
    const { account } = options;
    const uri = UserAgent.makeURI(account.aor);
    if (!uri) throw new Error(`The SIP address "${account.aor}" is not valid (expected sip:user@host).`);
    this.label = `SIP · ${uri.user ?? ''}@${uri.host}`;
    this.ua = new UserAgent({
      uri,
      transportOptions: { server: account.server, connectionTimeout: 5, keepAliveInterval: options.keepAliveS ?? 20, traceSip: false },
      authorizationUsername: account.authorizationUsername ?? uri.user,
      authorizationPassword: account.password ?? undefined,
      displayName: account.displayName,
      contactParams: { transport: 'ws' },
      preloadedRouteSet: account.outboundProxy ? [account.outboundProxy] : [],
      sipExtensionReplaces: SIPExtension.Supported,
      userAgentString: 'Careline softphone',
      // sip.js logs whole SIP messages, which carry caller numbers and names: only the category of an error
      // reaches our log.
      logLevel: 'error',
      logBuiltinEnabled: false,
      logConnector: (level, category) => {
        if (level === 'error') options.logger.log('warn', 'sip.stack-error', { category: category.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 40) });
      },
      sessionDescriptionHandlerFactory: (session) => {
        const mediaId = randomUUID();
        this.mediaIdOfSession.set(session, mediaId);
        return new BridgedSessionDescriptionHandler(options.media, mediaId, () => this.callIdOfSession.get(session) ?? null);
      },
      delegate: {
        onInvite: (invitation) => this.guard('invite', () => this.onInvite(invitation)),
        onConnect: () => this.onConnected(),
        onDisconnect: (error) => this.onDisconnected(error),
      },
    });
    this.wire.attach(this.ua.transport, options.logger);
    this.registerer = new Registerer(this.ua, { expires: account.registerExpiresS ?? 300, refreshFrequency: 85 });
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) this.setStatus('registered', null);
      else if (state === RegistererState.Unregistered && !this.stopped && this.currentStatus.registration === 'registered') {
        this.setStatus('registering', 'Registration lapsed; registering again.');
        void this.register();
      }
    });
  }

  get status(): LineStatus {
    return this.currentStatus;
  }

  /** Connects and registers. Resolves when registered; rejects with words for the agent otherwise. */
  async start(): Promise<void> {
    this.setStatus('registering', null);
    try {
      await this.ua.start();
    } catch {
      this.setStatus('reconnecting', 'The phone server cannot be reached; retrying.');
      this.scheduleReconnect();
      throw new TelephonyRefusal(`The phone server at ${this.options.account.server} cannot be reached.`);
    }
    await this.register();
    if (this.currentStatus.registration !== 'registered') throw new TelephonyRefusal(this.currentStatus.message ?? 'Registration failed.');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    // A call still waiting for an ACK cannot send BYE before it arrives (up to 32 s, RFC 3261 Timer H): hang up
    // what can be hung up, but never let a closing workstation wait for the far end.
    const ends = [...this.legs.values()].map((leg) => {
      leg.endedByUs = true;
      return this.end(leg.session).catch(() => undefined);
    });
    await Promise.race([Promise.all(ends), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
    if (this.ua.isConnected() && this.registerer.state === RegistererState.Registered) {
      await this.registerer.unregister().catch(() => undefined);
    }
    await this.registerer.dispose().catch(() => undefined);
    await this.ua.stop().catch(() => undefined);
    this.setStatus('unregistered', null);
  }

  onEvent(listener: (event: TelephonyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The media id our session description handler used for this call (tests match RTP to calls with it). */
  mediaIdOf(callId: string): string | null {
    const leg = this.legs.get(callId);
    return leg ? (this.mediaIdOfSession.get(leg.session) ?? null) : null;
  }

  callIdForMedia(mediaId: string): string | null {
    return this.callIdOfMedia.get(mediaId) ?? null;
  }

  async answer(callId: string): Promise<void> {
    const session = this.require(callId).session;
    if (!(session instanceof Invitation) || session.state !== SessionState.Initial) throw new TelephonyRefusal('This call is no longer ringing.');
    this.require(callId).ack = ackWait();
    await session.accept({ sessionDescriptionHandlerOptions: sdh({ hold: false }) });
  }

  async decline(callId: string): Promise<void> {
    const leg = this.require(callId);
    leg.endedByUs = true;
    if (leg.session instanceof Invitation && leg.session.state === SessionState.Initial) await leg.session.reject({ statusCode: 486 });
  }

  async hangUp(callId: string): Promise<void> {
    const leg = this.legs.get(callId);
    if (!leg) return;
    leg.endedByUs = true;
    await this.end(leg.session);
  }

  async dial(callId: string, target: string, options: DialOptions = {}): Promise<void> {
    if (this.currentStatus.registration !== 'registered') throw new TelephonyRefusal('The phone is not registered; calls cannot be placed right now.');
    const uri = this.targetUri(target);
    // A warm transfer's context id rides on the consultation INVITE; the caller's REFER/Replaces INVITE later
    // lands on that same dialog at the receiving desk, so the context stays with the call there.
    const extraHeaders = options.contextId ? [`${HANDOFF_CONTEXT_HEADER}: ${options.contextId}`] : [];
    const inviter = new Inviter(this.ua, uri, { extraHeaders, sessionDescriptionHandlerOptions: sdh({ hold: false }) });
    const leg = this.track(callId, inviter, 'outbound');
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => {
          leg.refusedWith = response.message.statusCode ?? null;
        },
      },
    });
  }

  async hold(callId: string, hold: boolean): Promise<void> {
    const leg = this.require(callId);
    await leg.queue.run(async () => {
      const outcome = await this.reinvite(leg, { hold });
      if (!outcome.accepted) throw new TelephonyRefusal(`The other side refused to ${hold ? 'hold' : 'resume'} the call (${outcome.status}).`);
      leg.held = hold;
    });
  }

  async sendDtmf(callId: string, tones: string): Promise<void> {
    const leg = this.require(callId);
    if (leg.session.state !== SessionState.Established) throw new TelephonyRefusal('Tones can be sent only on a connected call.');
    const mediaId = this.mediaIdOfSession.get(leg.session);
    if (this.options.dtmf !== 'info' && mediaId && (await this.options.media.sendDtmf(mediaId, tones, DTMF_TONE_MS))) return;
    // SIP INFO (application/dtmf-relay), one request per tone, in order.
    for (const tone of tones) {
      await leg.session.info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=${DTMF_TONE_MS * 2}\r\n` } },
      });
    }
  }

  async blindTransfer(callId: string, target: string): Promise<void> {
    const leg = this.require(callId);
    if (leg.session.state !== SessionState.Established) throw new TelephonyRefusal('Only a connected call can be transferred.');
    const accepted = await this.refer(leg.session, this.targetUri(target));
    if (!accepted) throw new TelephonyRefusal('The caller\'s phone refused the transfer.');
    // A blind transfer is done once the far end accepts the REFER (202): we leave the call (RFC 5589 §6).
    leg.endedByUs = true;
    this.emit({ type: 'ended', callId, reason: 'Transferred' });
    await this.end(leg.session);
  }

  async completeTransfer(callId: string, consultCallId: string): Promise<void> {
    const leg = this.require(callId);
    const consult = this.require(consultCallId);
    if (leg.session.state !== SessionState.Established || consult.session.state !== SessionState.Established) {
      throw new TelephonyRefusal('Both calls must be connected to complete the transfer.');
    }
    const accepted = await this.refer(leg.session, consult.session);
    if (!accepted) throw new TelephonyRefusal('The caller\'s phone refused the transfer.');
    // The caller now calls the consulted party with Replaces; that party drops our consultation leg when the
    // replacement connects. Wait for it (bounded), then leave the caller's leg.
    leg.endedByUs = true;
    consult.endedByUs = true;
    await waitForState(consult.session, SessionState.Terminated, 10_000);
    this.emit({ type: 'ended', callId, reason: 'Transferred' });
    this.emit({ type: 'ended', callId: consultCallId, reason: 'Transferred' });
    await this.end(leg.session);
    await this.end(consult.session);
  }

  private onInvite(invitation: Invitation): void {
    const replacee = invitation.replacee;
    const replacedCallId = replacee ? this.callIdOfSession.get(replacee) : undefined;
    if (replacee && replacedCallId) {
      // Attended transfer arriving here: the caller replaces the consultation we were on. The call continues
      // under the same call id, now with the caller.
      const leg = this.require(replacedCallId);
      this.callIdOfSession.set(invitation, replacedCallId);
      leg.session = invitation;
      this.watch(leg, invitation);
      const identity = this.identityOf(invitation);
      void invitation
        .accept({ sessionDescriptionHandlerOptions: sdh({ hold: false }) })
        .then(() => this.end(replacee))
        .then(() => this.emit({ type: 'party', callId: replacedCallId, fromRaw: identity.fromRaw, displayName: identity.displayName }))
        .catch(() => this.options.logger.log('warn', 'sip.replaces-failed', {}));
      return;
    }
    const callId = randomUUID();
    this.track(callId, invitation, 'inbound');
    this.emit({ type: 'incoming', call: { callId, ...this.identityOf(invitation) } });
  }

  private identityOf(invitation: Invitation) {
    const request = invitation.request;
    return callerIdentity(
      { requestUriUser: request.ruri?.user ?? null, header: (name) => request.getHeader(name) },
      this.options.identityHeaders ?? DEFAULT_IDENTITY_HEADERS,
    );
  }

  /** We are the transferee: follow the REFER with a new INVITE; the call keeps its id. */
  private onRefer(leg: Leg, referral: Referral): void {
    void referral
      .accept()
      .then(async () => {
        const previous = leg.session;
        const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: sdh({ hold: false }) });
        this.callIdOfSession.set(inviter, leg.callId);
        leg.session = inviter;
        this.watch(leg, inviter);
        this.ignoreEnd(previous);
        await inviter.invite();
        const target = referral.referTo.uri.user ?? referral.referTo.uri.toString();
        this.emit({ type: 'party', callId: leg.callId, fromRaw: target, displayName: referral.referTo.displayName || null });
      })
      .catch(() => this.options.logger.log('warn', 'sip.refer-follow-failed', {}));
  }

  private track(callId: string, session: Session, direction: Leg['direction']): Leg {
    const leg: Leg = { callId, session, direction, queue: new SerialQueue(), endedByUs: false, held: false, refusedWith: null, ack: null };
    this.legs.set(callId, leg);
    this.callIdOfSession.set(session, callId);
    this.watch(leg, session);
    return leg;
  }

  private readonly superseded = new WeakSet<Session>();

  private ignoreEnd(session: Session): void {
    this.superseded.add(session);
  }

  private watch(leg: Leg, session: Session): void {
    let wasEstablished = false;
    session.delegate = {
      onRefer: (referral) => this.onRefer(leg, referral),
      // In-dialog INFO (e.g. DTMF from a far-end phone) is acknowledged; nothing in it is logged.
      onInfo: (info) => void info.accept().catch(() => undefined),
      // We answered a re-INVITE of the far end with a 2xx: its ACK is now in flight.
      onInvite: (_request, _response, statusCode) => {
        if (statusCode >= 200 && statusCode < 300) leg.ack = ackWait();
      },
      onAck: () => {
        leg.ack?.resolve();
        leg.ack = null;
      },
    };
    session.stateChange.addListener((state) => {
      const mediaId = this.mediaIdOfSession.get(session);
      if (mediaId) this.callIdOfMedia.set(mediaId, leg.callId);
      if (state === SessionState.Established) {
        wasEstablished = true;
        if (session instanceof Inviter && leg.session === session && !this.superseded.has(session)) this.emit({ type: 'answered', callId: leg.callId });
      }
      if (state !== SessionState.Terminated) return;
      if (mediaId) this.callIdOfMedia.delete(mediaId);
      if (this.superseded.has(session) || leg.session !== session) return;
      this.legs.delete(leg.callId);
      if (leg.endedByUs) return;
      this.emit({ type: 'ended', callId: leg.callId, reason: endReasonFor(leg.direction, wasEstablished, leg.refusedWith) });
    });
  }

  private async reinvite(leg: Leg, options: CarelineSdhOptions): Promise<ReinviteOutcome> {
    if (leg.ack) await Promise.race([leg.ack.received, new Promise((r) => setTimeout(r, ACK_WAIT_MS))]);
    return reinviteWithRetry(
      () =>
        new Promise<ReinviteOutcome>((resolve, reject) => {
          leg.session
            .invite({
              sessionDescriptionHandlerOptions: sdh(options),
              requestDelegate: {
                onAccept: () => resolve({ accepted: true }),
                onReject: (response) => {
                  const retryAfter = Number.parseInt(response.message.getHeader('Retry-After') ?? '', 10);
                  resolve({ accepted: false, status: response.message.statusCode ?? 0, retryAfterS: Number.isFinite(retryAfter) ? retryAfter : null });
                },
              },
            })
            .catch(reject);
        }),
      { weOwnCallId: leg.direction === 'outbound', random: this.random },
    );
  }

  private refer(session: Session, target: URI | Session): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      session
        .refer(target, {
          requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
          // NOTIFYs report the transferee's progress (RFC 3515); we only acknowledge them.
          onNotify: (notification) => void notification.accept().catch(() => undefined),
        })
        .catch(reject);
    });
  }

  private async end(session: Session): Promise<void> {
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) await session.cancel();
        else if (session instanceof Invitation) await session.reject({ statusCode: 480 });
        return;
      case SessionState.Established:
        await session.bye();
        return;
      default:
        return;
    }
  }

  private onConnected(): void {
    this.reconnectAttempt = 0;
    if (this.stopped || this.currentStatus.registration !== 'reconnecting') return;
    this.setStatus('registering', 'Connected again; registering.');
    void this.register().then(() => {
      // Calls in progress: the connection (and perhaps the network path) changed; renegotiate media.
      for (const leg of this.legs.values()) {
        if (leg.session.state === SessionState.Established) {
          void leg.queue.run(() => this.reinvite(leg, { hold: leg.held, iceRestart: true })).catch(() => undefined);
        }
      }
    });
  }

  private onDisconnected(error?: Error): void {
    if (this.stopped || !error) return;
    this.options.logger.log('warn', 'sip.disconnected', {});
    this.wire.reset();
    this.setStatus('reconnecting', 'Lost the connection to the phone server; reconnecting.');
    this.scheduleReconnect();
  }

  /** One reconnection attempt at a time, with backoff; sip.js's own reconnection is off. */
  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer || this.reconnecting) return;
    this.reconnectAttempt += 1;
    const delay = backoffMs(this.reconnectAttempt, this.random);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.reconnecting = true;
      this.ua
        .reconnect()
        .catch(() => {
          this.setStatus('reconnecting', `The phone server cannot be reached; retrying (attempt ${this.reconnectAttempt}).`);
        })
        .finally(() => {
          this.reconnecting = false;
          if (!this.ua.isConnected()) this.scheduleReconnect();
        });
    }, delay);
  }

  private registering: Promise<void> | null = null;

  /**
   * Never two REGISTERs in flight: a register() while one is outstanding joins it (sip.js's own refresh is
   * guarded by the Registerer, which refuses a second request with RequestPendingError).
   */
  private register(): Promise<void> {
    this.registering ??= new Promise<void>((resolve) => {
      this.registerer
        .register({
          requestDelegate: {
            // After a reconnect the Registerer may still believe it is Registered (a lost connection does not
            // change its state), so no state change fires: the 200 OK itself is the signal.
            onAccept: () => {
              this.setStatus('registered', null);
              resolve();
            },
            onReject: (response) => {
              const code = response.message.statusCode ?? 0;
              this.setStatus(
                'failed',
                code === 401 || code === 403 || code === 407
                  ? `The phone server refused the sign-in (${code}): check the SIP user and password.`
                  : `Registration was refused (${code}).`,
              );
              resolve();
            },
          },
        })
        .catch(() => resolve());
    }).finally(() => {
      this.registering = null;
    });
    return this.registering;
  }

  private targetUri(target: string): URI {
    const text = /^sips?:/i.test(target) ? target : `sip:${target}@${this.ua.configuration.uri.host}`;
    const uri = UserAgent.makeURI(text);
    if (!uri) throw new TelephonyRefusal(`"${target}" is not a number or SIP address we can call.`);
    return uri;
  }

  private require(callId: string): Leg {
    const leg = this.legs.get(callId);
    if (!leg) throw new TelephonyRefusal('That call is no longer on this phone.');
    return leg;
  }

  private setStatus(registration: Registration, message: string | null): void {
    if (this.currentStatus.registration === registration && this.currentStatus.message === message) return;
    this.currentStatus = { registration, message };
    this.emit({ type: 'status', status: this.currentStatus });
  }

  private emit(event: TelephonyEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** A bug or a hostile message in one request must not take the phone down. */
  private guard(what: string, work: () => void): void {
    try {
      work();
    } catch {
      this.options.logger.log('error', 'sip.handler-failed', { what });
    }
  }
}

function sdh(options: CarelineSdhOptions): CarelineSdhOptions {
  return options;
}

function waitForState(session: Session, state: SessionState, timeoutMs: number): Promise<void> {
  if (session.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      session.stateChange.removeListener(listener);
      resolve();
    }
    const listener = (next: SessionState) => {
      if (next === state) done();
    };
    session.stateChange.addListener(listener);
  });
}
