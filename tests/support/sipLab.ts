import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The SIP test lab: a throwaway Kamailio (registrar + proxy, UDP/TCP/WebSocket on 127.0.0.1) plus sipp runs
 * against it. See tests/sip-lab/kamailio.cfg for what the proxy does and how auth works.
 */

export const SIP_LAB_DIR = resolve(__dirname, '../sip-lab');
export const SCENARIO_DIR = join(SIP_LAB_DIR, 'scenarios');
const HOST = '127.0.0.1';
const KAMAILIO = process.env.KAMAILIO_BIN ?? (existsSync('/usr/sbin/kamailio') ? '/usr/sbin/kamailio' : 'kamailio');
const SIPP = process.env.SIPP_BIN ?? 'sipp';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;

export interface SipLab {
  readonly domain: string;
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly wsPort: number;
  readonly wsUrl: string;
  readonly password: string;
  /** Kamailio's pid while it runs (it is also its process group: children die with it). */
  readonly pid: () => number | undefined;
  /** Kamailio's stderr so far (the tail, capped). */
  readonly stderr: () => string;
  /** SIGTERM, SIGKILL after 3 s; removes the temp dir. */
  stop(): Promise<void>;
  /** Abrupt stop of the whole process group (default SIGKILL); ports and temp dir stay for start(). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** (Re)start on the same ports; resolves when Kamailio answers SIP. Registrations do not survive. */
  start(): Promise<void>;
  restart(): Promise<void>;
}

export interface SippOptions {
  /** A file in tests/sip-lab/scenarios ('uac-call' or 'uac-call.xml'), an absolute path, or a sipp built-in ('uac'). */
  scenario: string;
  /** Callee user ([service], sipp -s). */
  target?: string;
  /** Our lab user: From / digest user for callers; the user a server scenario registers as. */
  localUser?: string;
  calls?: number;
  rate?: number;
  concurrency?: number;
  /** Hard bound: sipp gives up (and fails) after this many seconds. */
  timeoutS: number;
  transport?: 'u1' | 't1';
  extraArgs?: string[];
  /** -key name value; overrides the defaults (user, caller, ivr, digit, contact_*, expires). */
  values?: Record<string, string>;
}

export interface SippResult {
  /** 0: every call succeeded, 1: some failed, 97/99/255/254/...: sipp's other exit codes; -1 if killed. */
  exitCode: number;
  successful: number;
  failed: number;
  stdout: string;
  stderr: string;
  statsCsv?: string;
  /** Per call, sipp's response time (scenario start -> the <recv rtd="true"> reply, e.g. INVITE -> 200), in ms. */
  responseTimesMs: number[];
}

export interface SippRun {
  /** Its local SIP port (what a server scenario registered as Contact). */
  readonly port: number;
  done: Promise<SippResult>;
  stop(): Promise<void>;
}

/** Every process we started, so an aborted test run cannot leave Kamailio or sipp behind. */
const liveGroups = new Set<number>();
const tempDirs = new Set<string>();
process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether any live (non-zombie) process is left in the group. Workers killed with their parent are reparented
 * to PID 1, which may reap them late; a zombie holds no ports, so it must not delay a restart.
 */
function groupAlive(pgid: number): boolean {
  if (!existsSync('/proc/self/stat')) return killGroup(pgid, 0);
  return readdirSync('/proc').some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      // "pid (comm) state ppid pgrp ...": comm may contain spaces, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && state !== 'Z';
    } catch {
      return false; // exited while we looked
    }
  });
}
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Kills a detached child's whole process group (Kamailio forks workers) and waits until it is gone. */
async function terminateGroup(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const hasExited = child.exitCode !== null || child.signalCode !== null;
  // Never signal a group that is already gone: its id may belong to someone else by now.
  if (hasExited && !groupAlive(pid)) {
    liveGroups.delete(pid);
    return;
  }
  const exited = hasExited ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
  killGroup(pid, signal);
  const escalate = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
  await exited;
  // Workers may outlive the main process by a moment; the ports are free only when the whole group is gone.
  for (let i = 0; i < 60 && groupAlive(pid); i++) {
    if (i === 20) killGroup(pid, 'SIGKILL');
    await sleep(50);
  }
  clearTimeout(escalate);
  liveGroups.delete(pid);
}

export async function freePort(kind: 'udp' | 'tcp'): Promise<number> {
  if (kind === 'tcp') {
    return new Promise((res, rej) => {
      const server = createServer();
      server.once('error', rej);
      server.listen(0, HOST, () => {
        const { port } = server.address() as { port: number };
        server.close(() => res(port));
      });
    });
  }
  return new Promise((res, rej) => {
    const socket = createSocket('udp4');
    socket.once('error', rej);
    socket.bind(0, HOST, () => {
      const { port } = socket.address();
      socket.close(() => res(port));
    });
  });
}

async function udpPortFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const socket = createSocket('udp4');
    socket.once('error', () => res(false));
    socket.bind(port, HOST, () => socket.close(() => res(true)));
  });
}

/** A port free on both UDP and TCP: SIP listens on both with the same number. */
export async function freeSipPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await freePort('tcp');
    if (await udpPortFree(port)) return port;
  }
  throw new Error('no port free on both UDP and TCP');
}

/** Kamailio answers an OPTIONS to itself (see REQINIT): proof that its UDP workers run, not just that a socket is bound. */
async function sipPing(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((res) => {
    const socket = createSocket('udp4');
    const callId = `ping-${process.pid}-${Date.now()}`;
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean) {
      clearTimeout(timer);
      socket.close();
      res(ok);
    }
    socket.once('error', () => finish(false));
    socket.on('message', (msg) => finish(msg.toString().startsWith('SIP/2.0 200')));
    socket.bind(0, HOST, () => {
      const { port: local } = socket.address();
      const request = [
        `OPTIONS sip:${HOST}:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP ${HOST}:${local};branch=z9hG4bK-${callId};rport`,
        `From: <sip:lab-ping@${HOST}>;tag=${callId}`,
        `To: <sip:${HOST}:${port}>`,
        `Call-ID: ${callId}`,
        'CSeq: 1 OPTIONS',
        'Max-Forwards: 70',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(request, port, HOST);
    });
  });
}

async function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((res) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      res(true);
    });
    socket.once('error', () => res(false));
  });
}

export async function startSipLab(options: { password?: string; logLevel?: number } = {}): Promise<SipLab> {
  const password = options.password ?? 'careline-lab';
  // The password becomes a cfg string define: keep it to characters that need no quoting.
  if (!/^[A-Za-z0-9._~+-]+$/.test(password)) throw new Error('lab password: use [A-Za-z0-9._~+-] only');
  const udpPort = await freeSipPort();
  let wsPort = await freePort('tcp');
  while (wsPort === udpPort) wsPort = await freePort('tcp');
  const dir = mkdtempSync(join(tmpdir(), 'careline-sip-lab-'));
  tempDirs.add(dir);

  let child: ChildProcess | undefined;
  let stderr = '';
  const append = (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 256_000) stderr = stderr.slice(-128_000);
  };
  const tail = () => stderr.split('\n').slice(-40).join('\n');

  const args = [
    '-f', join(SIP_LAB_DIR, 'kamailio.cfg'),
    '-l', `udp:${HOST}:${udpPort}`,
    '-l', `tcp:${HOST}:${udpPort}`,
    '-l', `tcp:${HOST}:${wsPort}`,
    '-A', `WS_PORT=${wsPort}`,
    '-A', `LAB_PASSWORD="${password}"`,
    '-A', `LOG_LEVEL=${options.logLevel ?? 1}`,
    '-P', join(dir, 'kamailio.pid'),
    '-Y', dir,
    '-DD', '-E',
    '-m', '64', '-M', '8',
  ];

  async function start(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) throw new Error('SIP lab already running');
    mkdirSync(dir, { recursive: true });
    tempDirs.add(dir);
    // Detached: Kamailio and its forked workers form one process group that kill() can take down together.
    const proc = spawn(KAMAILIO, args, { cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr?.on('data', append);
    if (proc.pid !== undefined) liveGroups.add(proc.pid);
    let exited: string | undefined;
    proc.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
    proc.once('error', (err) => (exited = `failed to start: ${err.message}`));

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited) break;
      if ((await sipPing(udpPort, 60)) && (await tcpAccepts(wsPort))) return;
      await sleep(25);
    }
    await terminateGroup(proc, 'SIGKILL', 0);
    throw new Error(`Kamailio ${exited ?? `not ready within ${READY_TIMEOUT_MS} ms`} (udp ${udpPort}, ws ${wsPort}):\n${tail()}`);
  }

  async function kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (child) await terminateGroup(child, signal, STOP_GRACE_MS);
  }

  await start();
  return {
    domain: HOST,
    udpPort,
    tcpPort: udpPort,
    wsPort,
    wsUrl: `ws://${HOST}:${wsPort}`,
    password,
    pid: () => (child && child.exitCode === null && child.signalCode === null ? child.pid : undefined),
    stderr: () => stderr,
    kill,
    start,
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
    async restart() {
      await kill('SIGTERM');
      await start();
    },
  };
}

function scenarioArgs(scenario: string): { args: string[]; server: boolean } {
  const candidates = [scenario, join(SCENARIO_DIR, scenario), join(SCENARIO_DIR, `${scenario}.xml`)];
  const file = candidates.find((f) => f.endsWith('.xml') && existsSync(f));
  if (!file) return { args: ['-sn', scenario], server: scenario.startsWith('uas') };
  // A scenario that starts by receiving is a server (callee): it must be registered to get calls.
  const xml = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const recv = xml.indexOf('<recv');
  const send = xml.indexOf('<send');
  return { args: ['-sf', file], server: recv !== -1 && (send === -1 || recv < send) };
}

function parseStats(csv: string | undefined, stdout: string): { successful: number; failed: number } {
  if (csv) {
    const lines = csv.trim().split('\n');
    const header = lines[0]?.split(';') ?? [];
    const last = lines.at(-1)?.split(';') ?? [];
    const ok = header.indexOf('SuccessfulCall(C)');
    const ko = header.indexOf('FailedCall(C)');
    if (lines.length > 1 && ok >= 0 && ko >= 0) return { successful: Number(last[ok]), failed: Number(last[ko]) };
  }
  // Fallback: the final screen, "Successful call | periodic | cumulative".
  const screen = (label: string) => Number(stdout.match(new RegExp(`${label}\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)`, 'g'))?.at(-1)?.match(/(\d+)\s*$/)?.[1] ?? 0);
  return { successful: screen('Successful call'), failed: screen('Failed call') };
}

/** sipp -trace_rtt writes "<scenario>_<pid>_rtt.csv": Date_ms;response_time_ms;rtd_no per measured call. */
function readResponseTimes(dir: string): number[] {
  const file = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  if (!file) return [];
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(';')[1]))
    .filter((ms) => Number.isFinite(ms) && ms > 0);
}

/** One sipp process; resolves when it exits by itself (it always does: -timeout). */
function runSipp(args: string[], dir: string, name: string, timeoutS: number): { child: ChildProcess; done: Promise<SippResult> } {
  const statsFile = join(dir, `${name}-stats.csv`);
  const fullArgs = [...args, '-nostdin', '-timeout', `${timeoutS}s`, '-timeout_error', '-trace_stat', '-stf', statsFile, '-trace_err', '-error_file', join(dir, `${name}-errors.log`), '-trace_rtt', '-rtt_freq', '1'];
  const child = spawn(SIPP, fullArgs, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-200_000)));
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-200_000)));
  // Belt and braces: sipp's own -timeout should end it first.
  const watchdog = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), (timeoutS + 10) * 1000);
  const done = new Promise<SippResult>((res) => {
    const finish = (exitCode: number) => {
      clearTimeout(watchdog);
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      const statsCsv = existsSync(statsFile) ? readFileSync(statsFile, 'utf8') : undefined;
      const errors = join(dir, `${name}-errors.log`);
      if (existsSync(errors)) stderr += readFileSync(errors, 'utf8').slice(-20_000);
      res({ exitCode, ...parseStats(statsCsv, stdout), stdout, stderr, statsCsv, responseTimesMs: readResponseTimes(dir) });
    };
    child.once('error', (err) => {
      stderr += `\nspawn ${SIPP}: ${err.message}`;
      finish(-1);
    });
    // sipp reports -1/-2 fatal errors as 255/254.
    child.once('exit', (code) => finish(code ?? -1));
  });
  return { child, done };
}

/**
 * Runs sipp against the lab. Caller scenarios go to the proxy (UDP or TCP); server scenarios (they start with
 * <recv>, e.g. uas-answer) listen on their own port and, given localUser, are registered there first by a
 * separate register.xml run (sipp cannot take a call with a new Call-ID in a client scenario) and
 * unregistered again when they finish. Resolves once the run has started (and is registered).
 */
export async function sipp(lab: SipLab, options: SippOptions): Promise<SippRun> {
  const transport = options.transport ?? 'u1';
  const [port, mediaPort] = [await freeSipPort(), await freePort('udp')];
  const dir = mkdtempSync(join(tmpdir(), 'careline-sipp-'));
  tempDirs.add(dir);
  const { args: scenario, server } = scenarioArgs(options.scenario);
  const user = options.localUser ?? (server ? 'sippuas' : 'caller1');
  const proxyPort = transport === 't1' ? lab.tcpPort : lab.udpPort;
  const keys: Record<string, string> = {
    user,
    caller: '+16175550123',
    ivr: '2',
    digit: '5',
    contact_port: String(port),
    contact_transport: transport === 't1' ? 'tcp' : 'udp',
    expires: '600',
    ...options.values,
  };
  const args = [
    ...(server ? [] : [`${HOST}:${proxyPort}`]),
    ...scenario,
    '-i', HOST, '-bind_local', '-p', String(port), '-mp', String(mediaPort),
    '-t', transport,
    '-m', String(options.calls ?? 1),
    ...(options.rate !== undefined ? ['-r', String(options.rate)] : []),
    ...(options.concurrency !== undefined ? ['-l', String(options.concurrency)] : []),
    ...(options.target !== undefined ? ['-s', options.target] : []),
    '-au', user, '-ap', lab.password,
    ...Object.entries(keys).flatMap(([k, v]) => ['-key', k, v]),
    ...(options.extraArgs ?? []),
  ];
  const main = runSipp(args, dir, 'sipp', options.timeoutS);

  const register = async (expires: number): Promise<SippResult> =>
    (await sipp(lab, {
      scenario: 'register',
      localUser: user,
      timeoutS: 5,
      values: { contact_port: String(port), contact_transport: keys.contact_transport!, expires: String(expires) },
    })).done;

  const registered = server && options.localUser !== undefined;
  if (registered) {
    const reg = await register(600);
    if (reg.exitCode !== 0) {
      await terminateGroup(main.child, 'SIGKILL', 0);
      throw new Error(`registering ${user} for ${options.scenario} failed (exit ${reg.exitCode}):\n${reg.stderr.slice(-2000)}`);
    }
  }
  const done = main.done.then(async (result) => {
    // A dead contact would keep receiving forks for this user (4 s 408 each): remove it, best effort.
    if (registered && lab.pid() !== undefined) await register(0).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
    return result;
  });
  return {
    port,
    done,
    async stop() {
      await terminateGroup(main.child, 'SIGTERM', STOP_GRACE_MS);
      await done;
    },
  };
}
