import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SipLab, freeSipPort } from './sipLab';

/**
 * baresip (Debian baresip-core) as a real far-end phone on the SIP lab: it registers over UDP as `user`,
 * answers automatically, sends a 440 Hz tone (a WAV file we write, G.711 at 8 kHz) and reports the DTMF events
 * it hears. Bound to 127.0.0.1; it quits by itself after `lifetimeS` and is killed on stop().
 */
export interface Baresip {
  readonly user: string;
  /** DTMF tones baresip received (RFC 4733 events it saw end). */
  readonly tonesHeard: () => string[];
  readonly output: () => string;
  stop(): Promise<void>;
}

export async function startBaresip(lab: SipLab, user: string, options: { lifetimeS?: number; timeoutMs?: number } = {}): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'careline-baresip-'));
  const port = await freeSipPort();
  writeFileSync(join(dir, 'tone.wav'), toneWav(440, 8000, 5));
  writeFileSync(
    join(dir, 'config'),
    [
      `sip_listen 127.0.0.1:${port}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      'module account.so',
      'module menu.so',
      `audio_source aufile,${join(dir, 'tone.wav')}`,
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${user}@${lab.domain}>;auth_pass=${lab.password};outbound="sip:${lab.domain}:${lab.udpPort}";answermode=auto;regint=600;audio_codecs=PCMU\n`,
  );
  const child: ChildProcess = spawn('baresip', ['-f', dir, '-4', '-n', '127.0.0.1', '-t', String(options.lifetimeS ?? 60)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (d: Buffer) => (output = (output + d.toString()).slice(-100_000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => child.pid !== undefined && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'));

  const started = Date.now();
  while (!/200 OK .*binding/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > (options.timeoutMs ?? 10_000)) {
      await stop();
      throw new Error(`baresip did not register as ${user}:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    user,
    tonesHeard: () => [...output.matchAll(/received event: '(.)' \(end=1\)/g)].map((m) => m[1]!),
    output: () => output,
    stop,
  };
}

/** A mono 16-bit PCM WAV file holding a sine tone. */
function toneWav(frequency: number, sampleRate: number, seconds: number): Buffer {
  const samples = sampleRate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * frequency * i) / sampleRate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
