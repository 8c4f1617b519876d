import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './sipLab';

/**
 * A throwaway nats-server (Debian package nats-server) on 127.0.0.1 for the team-bus tests: started,
 * killed and restarted on the same port by the tests, always stopped by them.
 */
const NATS = process.env.NATS_SERVER_BIN ?? 'nats-server';
const READY_TIMEOUT_MS = 10_000;

export interface NatsServer {
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  /** Abrupt stop (SIGKILL): clients see the connection drop. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startNatsServer(options: { token?: string } = {}): Promise<NatsServer> {
  const port = await freePort('tcp');
  let child: ChildProcess | null = null;
  let output = '';
  const server: NatsServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    async start() {
      output = '';
      const args = ['-a', '127.0.0.1', '-p', String(port), ...(options.token ? ['--auth', options.token] : [])];
      const started = spawn(NATS, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      started.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
      started.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
      const deadline = Date.now() + READY_TIMEOUT_MS;
      while (!(await accepts(port))) {
        if (started.exitCode !== null) throw new Error(`nats-server exited (${started.exitCode}): ${output}`);
        if (Date.now() > deadline) throw new Error(`nats-server not ready within ${READY_TIMEOUT_MS} ms: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill() {
      await end('SIGKILL');
    },
    async stop() {
      await end('SIGTERM');
    },
  };
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  await server.start();
  return server;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
