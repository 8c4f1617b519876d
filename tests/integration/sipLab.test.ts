import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type SipLab, type SippRun, sipp, startSipLab } from '../support/sipLab';

// Proves the SIP lab itself with sipp and a hand-written WebSocket client; the softphone suites build on it.
let lab: SipLab;
const runs: SippRun[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  lab = await startSipLab();
});

afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await Promise.all(runs.map((r) => r.stop()));
  await lab?.stop();
});

/** Starts a sipp run and remembers it so afterAll can stop it whatever happens. */
async function run(options: Parameters<typeof sipp>[1]): Promise<SippRun> {
  const r = await sipp(lab, options);
  runs.push(r);
  return r;
}

async function callOnce(target: string, calls = 1) {
  const uac = await run({ scenario: 'uac-call', target, localUser: 'caller1', calls, rate: 20, timeoutS: 15, extraArgs: ['-d', '100'] });
  return uac.done;
}

const kamailioProcesses = (port: number): string[] => {
  try {
    return execFileSync('pgrep', ['-f', `kamailio.*udp:127.0.0.1:${port}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

describe('SIP lab (Kamailio + sipp)', () => {
  it('registers a sipp callee with digest auth and connects 3 authenticated calls through the proxy', async () => {
    const uas = await run({ scenario: 'uas-answer', localUser: 'sippuas', calls: 3, timeoutS: 20 });
    const uac = await callOnce('sippuas', 3);
    const callee = await uas.done;
    expect(uac, uac.stderr).toMatchObject({ exitCode: 0, successful: 3, failed: 0 });
    expect(callee, callee.stderr).toMatchObject({ exitCode: 0, successful: 3, failed: 0 });
  });

  it('answers 404 for a user that never registered and 480 for one that is gone', async () => {
    const unknown = await callOnce('nobody-here');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toMatch(/SIP\/2\.0 404/);
    // sippuas registered in the previous test and unregistered when its run ended.
    const gone = await callOnce('sippuas');
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(/SIP\/2\.0 480/);
  });

  it('connects a call over TCP', async () => {
    const uas = await run({ scenario: 'uas-answer', localUser: 'tcpuas', calls: 1, timeoutS: 15, transport: 't1' });
    const uac = await (await run({ scenario: 'uac-call', target: 'tcpuas', calls: 1, timeoutS: 15, transport: 't1' })).done;
    expect(uac, uac.stderr).toMatchObject({ exitCode: 0, successful: 1 });
    expect((await uas.done).successful).toBe(1);
  });

  it('carries hold, resume and SIP INFO DTMF in-dialog, and uas-expect-info insists on the INFO', async () => {
    const uas = await run({ scenario: 'uas-expect-info', localUser: 'dtmfuas', calls: 1, timeoutS: 15 });
    const uac = await (await run({ scenario: 'uac-hold-info', target: 'dtmfuas', calls: 1, timeoutS: 15, values: { digit: '#' } })).done;
    expect(uac, uac.stderr).toMatchObject({ exitCode: 0, successful: 1 });
    expect((await uas.done).successful).toBe(1);

    const strict = await run({ scenario: 'uas-expect-info', localUser: 'dtmfuas', calls: 1, timeoutS: 15 });
    await callOnce('dtmfuas'); // no INFO: the callee fails the call when the BYE arrives instead
    expect(await strict.done).toMatchObject({ exitCode: 1, failed: 1 });
  });

  it('survives malformed and unexpected traffic and still connects the call after it', async () => {
    // The two junk INVITEs can reach the callee and are never ACKed, so it takes more than one "call" and is stopped.
    const uas = await run({ scenario: 'uas-answer', localUser: 'victim', calls: 10, timeoutS: 30 });
    const junk = await (await run({ scenario: 'malformed', target: 'victim', timeoutS: 20, extraArgs: ['-d', '100'] })).done;
    expect(junk, junk.stderr).toMatchObject({ exitCode: 0, successful: 1, failed: 0 });
    await uas.stop();
    expect(lab.pid()).toBeDefined();
  });

  it('accepts a SIP WebSocket client: REGISTER with digest, then a call delivered over the socket', async () => {
    const client = await WsSipClient.connect(lab.wsUrl);
    sockets.push(client.ws);
    const challenge = await client.register('wsagent');
    expect(challenge.status).toBe(401);
    const ok = await client.register('wsagent', lab.password, challenge.header('WWW-Authenticate'));
    expect(ok.status).toBe(200);

    const uac = await run({ scenario: 'uac-call', target: 'wsagent', calls: 1, timeoutS: 15, extraArgs: ['-d', '200'] });
    const invite = await client.nextRequest('INVITE');
    // The proxy record-routes and points the caller's Contact back at itself for the WS leg.
    expect(invite.header('Record-Route')).toContain(`127.0.0.1:${lab.wsPort};transport=ws`);
    expect(invite.header('X-Careline-IVR')).toBe('2');
    expect(invite.header('P-Asserted-Identity')).toContain('+16175550123');
    client.reply(invite, 200, 'OK', ['Content-Type: application/sdp'], 'v=0\r\no=ws 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n');
    await client.nextRequest('ACK');
    client.reply(await client.nextRequest('BYE'), 200, 'OK');
    expect((await uac.done).successful).toBe(1);

    // Now the WS side hangs up: its BYE follows the Record-Route set back to the caller.
    const remoteBye = await run({ scenario: 'uac-call-remote-bye', target: 'wsagent', calls: 1, timeoutS: 15 });
    const second = await client.nextRequest('INVITE');
    client.reply(second, 200, 'OK', ['Content-Type: application/sdp'], 'v=0\r\no=ws 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n');
    await client.nextRequest('ACK');
    expect((await client.bye(second)).status).toBe(200);
    expect(await remoteBye.done).toMatchObject({ exitCode: 0, successful: 1 });
    client.ws.close();
  });

  it('comes back on the same ports within 5 s after a kill, and calls work again', async () => {
    const ports = [lab.udpPort, lab.wsPort];
    await lab.kill();
    expect(kamailioProcesses(lab.udpPort)).toEqual([]);
    const t0 = Date.now();
    await lab.start();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect([lab.udpPort, lab.wsPort]).toEqual(ports);
    const uas = await run({ scenario: 'uas-answer', localUser: 'sippuas', calls: 2, timeoutS: 15 });
    expect(await callOnce('sippuas', 2)).toMatchObject({ exitCode: 0, successful: 2 });
    expect((await uas.done).successful).toBe(2);
  });

  it('stop leaves no Kamailio process behind', async () => {
    const other = await startSipLab({ password: 'other-pw' });
    const pid = other.pid();
    expect(kamailioProcesses(other.udpPort).length).toBeGreaterThan(1); // main + forked workers
    await other.stop();
    expect(kamailioProcesses(other.udpPort)).toEqual([]);
    expect(() => process.kill(-pid!, 0)).toThrow();
  });
});

/** Just enough of a SIP-over-WebSocket UA (RFC 7118) to prove the lab's WS listener; sip.js does this for real. */
class WsSipMessage {
  constructor(readonly raw: string) {}
  get firstLine(): string {
    return this.raw.split('\r\n')[0] ?? '';
  }
  get status(): number {
    return Number(this.firstLine.split(' ')[1]);
  }
  get method(): string | undefined {
    return this.firstLine.startsWith('SIP/2.0') ? undefined : this.firstLine.split(' ')[0];
  }
  headers(name: string): string[] {
    const head = this.raw.split('\r\n\r\n')[0] ?? '';
    return head
      .split('\r\n')
      .slice(1)
      .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      .map((l) => l.slice(name.length + 1).trim());
  }
  header(name: string): string {
    return this.headers(name).join(', ');
  }
}

class WsSipClient {
  private readonly inbox: WsSipMessage[] = [];
  private waiter?: () => void;
  private cseq = 1;
  private readonly callId = randomUUID();
  private readonly host = `${randomUUID().slice(0, 8)}.invalid`;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.inbox.push(new WsSipMessage(data.toString()));
      this.waiter?.();
    });
  }

  static async connect(url: string): Promise<WsSipClient> {
    const ws = new WebSocket(url, 'sip');
    await new Promise<void>((res, rej) => {
      ws.once('open', () => res());
      ws.once('error', rej);
    });
    expect(ws.protocol).toBe('sip');
    return new WsSipClient(ws);
  }

  private async next(match: (m: WsSipMessage) => boolean, timeoutMs = 10_000): Promise<WsSipMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex(match);
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no matching SIP message over WS; got:\n${this.inbox.map((m) => m.firstLine).join('\n')}`);
      await new Promise<void>((r) => {
        this.waiter = r;
        setTimeout(r, 200);
      });
    }
  }

  nextRequest(method: string): Promise<WsSipMessage> {
    return this.next((m) => m.method === method);
  }

  async register(user: string, password?: string, challenge?: string): Promise<WsSipMessage> {
    const uri = 'sip:127.0.0.1';
    const lines = [
      `REGISTER ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.host};branch=z9hG4bK${randomUUID()}`,
      `From: <sip:${user}@127.0.0.1>;tag=${this.callId.slice(0, 8)}`,
      `To: <sip:${user}@127.0.0.1>`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.cseq++} REGISTER`,
      // What sip.js sends: an unroutable contact plus outbound parameters.
      `Contact: <sip:${user}@${this.host};transport=ws>;+sip.instance="<urn:uuid:${randomUUID()}>";reg-id=1;expires=600`,
      'Supported: path, gruu, outbound',
      'Max-Forwards: 70',
    ];
    if (password && challenge) {
      const param = (n: string) => challenge.match(new RegExp(`${n}="([^"]*)"`))?.[1] ?? '';
      const md5 = (s: string) => createHash('md5').update(s).digest('hex');
      const realm = param('realm');
      const nonce = param('nonce');
      const response = md5(`${md5(`${user}:${realm}:${password}`)}:${nonce}:${md5(`REGISTER:${uri}`)}`);
      lines.push(`Authorization: Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`);
    }
    this.ws.send(`${lines.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`);
    return this.next((m) => m.method === undefined && m.header('CSeq').endsWith('REGISTER') && m.status >= 200);
  }

  /** Hangs up a call we answered (reply() gave it our To tag). */
  async bye(invite: WsSipMessage): Promise<WsSipMessage> {
    const to = invite.header('To');
    const lines = [
      `BYE ${invite.header('Contact').replace(/^.*<([^>]+)>.*$/, '$1')} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.host};branch=z9hG4bK${randomUUID()}`,
      `From: ${to.includes(';tag=') ? to : `${to};tag=ws${this.callId.slice(0, 6)}`}`,
      `To: ${invite.header('From')}`,
      `Call-ID: ${invite.header('Call-ID')}`,
      'CSeq: 1 BYE',
      ...invite.headers('Record-Route').map((r) => `Route: ${r}`),
      'Max-Forwards: 70',
      'Content-Length: 0',
    ];
    this.ws.send(`${lines.join('\r\n')}\r\n\r\n`);
    return this.next((m) => m.method === undefined && m.header('CSeq') === '1 BYE');
  }

  reply(request: WsSipMessage, status: number, reason: string, extra: string[] = [], body = ''): void {
    const copy = ['Via', 'Record-Route', 'From', 'Call-ID', 'CSeq'].flatMap((h) => request.headers(h).map((v) => `${h}: ${v}`));
    const to = request.header('To');
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...copy,
      `To: ${to.includes(';tag=') ? to : `${to};tag=ws${this.callId.slice(0, 6)}`}`,
      `Contact: <sip:wsagent@${this.host};transport=ws>`,
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
    ];
    this.ws.send(`${lines.join('\r\n')}\r\n\r\n${body}`);
  }
}
