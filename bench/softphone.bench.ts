/**
 * Softphone figures against the SIP lab (Kamailio on 127.0.0.1, started and stopped here):
 * 1. registration delay: REGISTER sent -> 200 OK on the wire (after the digest challenge), and start() ->
 *    registered as the agent sees it (WebSocket connect + challenge + REGISTER), over 100 softphones;
 * 2. session setup delay: INVITE -> 200 OK between two Careline softphones (407 challenge included), 100 calls;
 * 3. load: N softphones registered in ONE process (auto-answer, plain-RTP media without audio frames) while
 *    sipp places calls to them through Kamailio at a stated rate: success ratio and setup delay p95 from sipp.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createMemoryLogger } from '../src-main/log/logger';
import { PlainRtpEngine } from '../src-main/telephony/media/PlainRtpEngine';
import { SipSoftphone } from '../src-main/telephony/sip/SipSoftphone';
import type { TelephonyEvent } from '../src-main/telephony/TelephonyPort';
import { type SipLab, sipp, startSipLab } from '../tests/support/sipLab';
import { mib, percentile, summary } from './stats';

const REGISTRATIONS = 100;
const CALLS = 100;
const LOAD_AGENTS = Number(process.env.BENCH_LOAD_AGENTS ?? 200);
const LOAD_RATE = Number(process.env.BENCH_LOAD_RATE ?? 10);
const LOAD_CALLS = Number(process.env.BENCH_LOAD_CALLS ?? 400);

function softphone(lab: SipLab, user: string, media = new PlainRtpEngine({ sendAudio: false })): SipSoftphone {
  return new SipSoftphone({
    account: { server: lab.wsUrl, aor: `sip:${user}@${lab.domain}`, password: lab.password },
    media,
    logger: createMemoryLogger(),
    keepAliveS: 60,
  });
}

function autoAnswer(phone: SipSoftphone): void {
  phone.onEvent((event) => {
    if (event.type === 'incoming') void phone.answer(event.call.callId).catch(() => undefined);
  });
}

function nextEvent(phone: SipSoftphone, match: (e: TelephonyEvent) => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out'));
    }, timeoutMs);
    const off = phone.onEvent((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

async function registrationDelays(lab: SipLab): Promise<void> {
  const wire: number[] = [];
  const startToRegistered: number[] = [];
  for (let i = 0; i < REGISTRATIONS; i++) {
    const phone = softphone(lab, `reg${i}`);
    const started = performance.now();
    await phone.start();
    startToRegistered.push(performance.now() - started);
    wire.push(...phone.wire.registerDelaysMs);
    await phone.stop();
  }
  console.log(summary('registration, REGISTER -> 200 OK (wire)', wire));
  console.log(summary('registration, start() -> registered (connect + challenge + REGISTER)', startToRegistered));
}

async function setupDelays(lab: SipLab): Promise<void> {
  const caller = softphone(lab, 'bench-caller');
  const callee = softphone(lab, 'bench-callee');
  await Promise.all([caller.start(), callee.start()]);
  autoAnswer(callee);
  const delays: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const callId = crypto.randomUUID();
    const answered = nextEvent(caller, (e) => e.type === 'answered' && e.callId === callId);
    const started = performance.now();
    await caller.dial(callId, 'bench-callee');
    await answered;
    delays.push(performance.now() - started);
    const ended = nextEvent(callee, (e) => e.type === 'ended');
    await caller.hangUp(callId);
    await ended;
  }
  console.log(summary('session setup, INVITE -> 200 OK (softphone to softphone, 407 challenge included)', delays));
  await Promise.all([caller.stop(), callee.stop()]);
}

async function load(lab: SipLab): Promise<void> {
  const phones: SipSoftphone[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  const registerStarted = performance.now();
  // Register in batches of 20 so the proxy sees a realistic burst, not 200 sockets in one tick.
  for (let i = 0; i < LOAD_AGENTS; i += 20) {
    const batch = Array.from({ length: Math.min(20, LOAD_AGENTS - i) }, (_, k) => softphone(lab, `load${i + k}`));
    await Promise.all(batch.map((p) => p.start()));
    batch.forEach(autoAnswer);
    phones.push(...batch);
  }
  const registerMs = performance.now() - registerStarted;
  const registered = phones.filter((p) => p.status.registration === 'registered').length;
  const rss = process.memoryUsage().rss;
  console.log(`load: ${registered}/${LOAD_AGENTS} softphones registered in one process in ${(registerMs / 1000).toFixed(1)} s; heap +${mib(process.memoryUsage().heapUsed - heapBefore)}, RSS ${mib(rss)}`);

  const csv = join(tmpdir(), `careline-load-${process.pid}.csv`);
  writeFileSync(csv, ['SEQUENTIAL', ...phones.map((_, i) => `load${i};`)].join('\n') + '\n');
  const run = await sipp(lab, {
    scenario: 'uac-load.xml',
    localUser: 'loadgen',
    calls: LOAD_CALLS,
    rate: LOAD_RATE,
    concurrency: 100,
    timeoutS: Math.ceil(LOAD_CALLS / LOAD_RATE) + 60,
    extraArgs: ['-inf', csv, '-d', '1000'],
  });
  const result = await run.done;
  const setup = result.responseTimesMs;
  console.log(
    `load: sipp placed ${LOAD_CALLS} calls at ${LOAD_RATE} calls/s through Kamailio to ${LOAD_AGENTS} agents: ` +
      `${result.successful} answered, ${result.failed} failed, success ratio ${((100 * result.successful) / LOAD_CALLS).toFixed(1)} %` +
      (setup.length ? `; setup delay INVITE -> 200 (sipp response time, 407 challenge included): n=${setup.length} p50=${percentile(setup, 50).toFixed(1)} ms p95=${percentile(setup, 95).toFixed(1)} ms` : ''),
  );
  await Promise.all(phones.map((p) => p.stop()));
}

async function main(): Promise<void> {
  const lab = await startSipLab({ logLevel: -1 });
  try {
    await registrationDelays(lab);
    await setupDelays(lab);
    await load(lab);
  } finally {
    await lab.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
