/**
 * A real, headless Secret Service for tests and benches: a private D-Bus session bus (dbus-daemon) and
 * gnome-keyring-daemon's secrets component on it, unlocked with a throwaway password, all under a temporary
 * HOME / XDG_DATA_HOME / XDG_RUNTIME_DIR so the developer's own keyring is never touched.
 *
 * libsecret (inside keytar) reads DBUS_SESSION_BUS_ADDRESS once, when the process first talks to the bus, so
 * a test either sets `process.env` from `env` before its first keychain call or runs keychain code in a
 * child process with `env`. Both daemons run in their own process groups and are killed on stop() and on
 * process exit; every wait is bounded.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');

export interface SecretService {
  /** Environment for a process that should use this Secret Service. */
  readonly env: Readonly<Record<string, string>>;
  readonly busAddress: string;
  stop(): Promise<void>;
}

/** Why a Secret Service cannot be started here (missing binaries), or null when it can. */
export function secretServiceUnsupportedReason(): string | null {
  for (const bin of ['dbus-daemon', 'gnome-keyring-daemon']) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) return `${bin} is not installed (Debian: dbus, gnome-keyring)`;
  }
  return null;
}

/**
 * `keyring: false` starts the bus alone: a desktop session where no Secret Service runs (and, since this bus
 * never activates services, none will start), for the "no keychain" wording.
 */
export async function startSecretService(options: { timeoutMs?: number; keyring?: boolean } = {}): Promise<SecretService> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const unsupported = secretServiceUnsupportedReason();
  if (unsupported) throw new Error(`Cannot start a Secret Service: ${unsupported}`);

  const root = mkdtempSync(join(tmpdir(), 'careline-keyring-'));
  const dirs = { HOME: join(root, 'home'), XDG_DATA_HOME: join(root, 'data'), XDG_RUNTIME_DIR: join(root, 'run'), XDG_CONFIG_HOME: join(root, 'config') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });

  const children: ChildProcess[] = [];
  const killAll = (signal: NodeJS.Signals) => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
      try {
        process.kill(-child.pid, signal); // the whole group: nothing the daemon forked survives
      } catch {
        /* already gone */
      }
    }
  };
  const onExit = () => killAll('SIGKILL');
  process.once('exit', onExit);

  const stop = async () => {
    process.removeListener('exit', onExit);
    killAll('SIGTERM');
    await Promise.all(children.map((c) => waitForExit(c, 3_000)));
    killAll('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...dirs };
    const config = join(root, 'bus.conf');
    writeFileSync(config, busConfig(dirs.XDG_RUNTIME_DIR));
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--nopidfile', '--print-address=1'], { env: baseEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(bus);
    const busAddress = (await firstLine(bus, timeoutMs, 'dbus-daemon')).trim();
    const env = { ...baseEnv, DBUS_SESSION_BUS_ADDRESS: busAddress };
    if (options.keyring === false) return { env, busAddress, stop };

    // --unlock reads the login keyring's password on stdin and creates that keyring if needed. An empty
    // password does not create it (the collection "login" then does not exist), so a throwaway one is used.
    const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--foreground'], { env, detached: true, stdio: ['pipe', 'ignore', 'pipe'] });
    children.push(keyring);
    let keyringErr = '';
    keyring.stderr?.on('data', (d: Buffer) => (keyringErr += d.toString()));
    keyring.stdin?.end('careline-test-keyring');

    await waitUntilSecretsAnswer(env, timeoutMs, () => keyringErr);
    return { env, busAddress, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A session bus WITHOUT service activation: the standard session config would let the first libsecret call
 * auto-start a second gnome-keyring-daemon (from /usr/share/dbus-1/services) that wins the name before ours
 * and has no unlocked login keyring. Here only the daemon we start can own org.freedesktop.secrets.
 */
function busConfig(runtimeDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${runtimeDir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/** Ready means keytar itself can store and read in a fresh process with this environment (bounded). */
async function waitUntilSecretsAnswer(env: Record<string, string>, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const probe = `const k=require('keytar');k.setPassword('Careline-probe','ready','1').then(()=>k.getPassword('Careline-probe','ready')).then(v=>k.deletePassword('Careline-probe','ready').then(()=>process.exit(v==='1'?0:1)),e=>{console.error(e.message);process.exit(1)})`;
  let last = '';
  while (Date.now() < deadline) {
    const result = spawnSync(process.execPath, ['-e', probe], { cwd: REPO_ROOT, env, timeout: 5_000, encoding: 'utf8' });
    if (result.status === 0) return;
    last = (result.stderr || '').trim();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The Secret Service did not answer within ${timeoutMs} ms: ${last}\n${stderr()}`);
}

function firstLine(child: ChildProcess, timeoutMs: number, what: string): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within ${timeoutMs} ms: ${err}`)), timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolveLine(out.slice(0, nl));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${err}`));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    const timer = setTimeout(r, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      r();
    });
  });
}
