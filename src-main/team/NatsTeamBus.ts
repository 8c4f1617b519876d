import { type NatsConnection, type Subscription, connect } from 'nats';
import type { Logger } from '../log/logger';
import type { TeamBus } from './TeamBus';

export interface NatsTeamBusOptions {
  /** nats://host:port (or tls://); several for a cluster. */
  readonly servers: readonly string[];
  /** A token or user/password from the OS keychain (never the settings file); none for a lab server. */
  readonly token?: string;
  readonly user?: string;
  readonly pass?: string;
  /** The connection's name in the server's monitoring (the workstation id). */
  readonly name: string;
  readonly logger: Logger;
  /** Between reconnect attempts (default 2 s, jittered by the client). */
  readonly reconnectWaitMs?: number;
}

/**
 * The team bus over NATS (nats.js 2.x). Connects in the background and keeps reconnecting for as long as
 * the workstation runs, so a bus that is down at start or restarts later never stops the workstation:
 * publishes while disconnected are dropped (a status is re-sent on the next beacon, nothing depends on one
 * message), subscriptions are restored by the client on reconnect.
 */
export class NatsTeamBus implements TeamBus {
  private connection: NatsConnection | null = null;
  private readonly subscriptions = new Set<{ subject: string; handler: (payload: unknown, subject: string) => void; live: Subscription | null }>();
  private readonly listeners = new Set<(connected: boolean) => void>();
  private closed = false;
  private isConnected = false;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  private constructor(private readonly options: NatsTeamBusOptions) {}

  /** Starts connecting; resolves at once (the link comes up when the server is reachable). */
  static start(options: NatsTeamBusOptions): NatsTeamBus {
    const bus = new NatsTeamBus(options);
    void bus.connectLoop();
    return bus;
  }

  get connected(): boolean {
    return this.isConnected;
  }

  publish(subject: string, payload: unknown): void {
    if (!this.connection || !this.isConnected) return;
    try {
      this.connection.publish(subject, this.encoder.encode(JSON.stringify(payload)));
    } catch {
      // Closing or reconnecting: the next beacon re-sends the state.
    }
  }

  subscribe(subject: string, handler: (payload: unknown, subject: string) => void): () => void {
    const entry = { subject, handler, live: null as Subscription | null };
    this.subscriptions.add(entry);
    if (this.connection) entry.live = this.attach(this.connection, entry);
    return () => {
      this.subscriptions.delete(entry);
      entry.live?.unsubscribe();
    };
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = null;
    this.setConnected(false);
    if (connection) await connection.close().catch(() => undefined);
  }

  private attach(connection: NatsConnection, entry: { subject: string; handler: (payload: unknown, subject: string) => void }): Subscription {
    return connection.subscribe(entry.subject, {
      callback: (error, message) => {
        if (error) return;
        let payload: unknown;
        try {
          payload = JSON.parse(this.decoder.decode(message.data));
        } catch {
          this.options.logger.log('warn', 'team.unreadable-message', {});
          return;
        }
        entry.handler(payload, message.subject);
      },
    });
  }

  /** The first connection (retried until it works); after that the client's own reconnect takes over. */
  private async connectLoop(): Promise<void> {
    const wait = this.options.reconnectWaitMs ?? 2_000;
    while (!this.closed && !this.connection) {
      try {
        const connection = await connect({
          servers: [...this.options.servers],
          name: this.options.name,
          token: this.options.token,
          user: this.options.user,
          pass: this.options.pass,
          reconnect: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: wait,
          timeout: 5_000,
        });
        if (this.closed) {
          await connection.close();
          return;
        }
        this.connection = connection;
        for (const entry of this.subscriptions) entry.live = this.attach(connection, entry);
        this.setConnected(true);
        this.options.logger.log('info', 'team.connected', {});
        void this.watch(connection);
      } catch {
        this.options.logger.log('warn', 'team.connect-failed', {});
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  }

  private async watch(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') this.setConnected(false);
      if (status.type === 'reconnect') this.setConnected(true);
    }
  }

  private setConnected(connected: boolean): void {
    if (connected === this.isConnected) return;
    this.isConnected = connected;
    for (const l of this.listeners) l(connected);
  }
}
