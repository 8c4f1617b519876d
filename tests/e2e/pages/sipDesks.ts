import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../playwright.config';
import type { CallLogEntry, DirectoryEntry } from '../../../src-preload/contract';
import { type SipLab, startSipLab } from '../../support/sipLab';
import { type WebHostProcess, startWebHostProcess } from '../../support/webHostProcess';
import { WsTestClient } from '../../support/wsClient';
import { WorkstationPage } from './workstationPage';

/** One workstation on the SIP lab: its own web host (main services + softphone), browser context and page. */
export interface SipDesk {
  readonly user: string;
  readonly host: WebHostProcess;
  readonly context: BrowserContext;
  readonly ws: WorkstationPage;
  /** The web host's contract over WebSocket, for what the test reads but the screen does not show. */
  readonly client: WsTestClient;
}

export interface SipDeskOptions {
  /** SIP user (the desk registers as sip:<user>@<lab domain>). */
  readonly user: string;
  /** The demo identity to sign in as. */
  readonly signInAs: string;
  /** The EHR: the desk's own demo EHR by default, or another desk's (a shared EHR, as at a real site). */
  readonly ehr?: { readonly kind: 'demo'; readonly patients: number; readonly seed: number } | { readonly kind: 'fhir'; readonly label: string; readonly baseUrl: string };
  readonly directory?: readonly DirectoryEntry[];
}

/**
 * Opens SIP workstations on a lab for one spec file and closes them (and their config files) afterwards.
 * Each desk is registered before `open` returns.
 */
export class SipDesks {
  private readonly desks: SipDesk[] = [];
  private readonly configDir = mkdtempSync(join(tmpdir(), 'careline-e2e-sip-'));

  constructor(private readonly lab: () => SipLab) {}

  async open(browser: Browser, options: SipDeskOptions): Promise<SipDesk> {
    const lab = this.lab();
    const configPath = join(this.configDir, `${options.user.replace(/[^A-Za-z0-9]/g, '_')}.json`);
    const ehr = options.ehr ?? { kind: 'demo', patients: 40, seed: 7 };
    writeFileSync(
      configPath,
      JSON.stringify({
        ehr: ehr.kind === 'fhir' ? { ...ehr, auth: { kind: 'none' } } : ehr,
        telephony: { kind: 'sip', server: lab.wsUrl, aor: `sip:${options.user}@${lab.domain}`, displayName: options.user, directory: options.directory ?? [] },
      }),
    );
    const host = await startWebHostProcess({ configPath, env: { CARELINE_SIP_PASSWORD: lab.password } });
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    const ws = new WorkstationPage(page);
    await page.goto(host.url);
    await ws.signInAs(options.signInAs);
    await expect(ws.byTestId('phone-registration')).toHaveAttribute('data-registration', 'registered', { timeout: 20_000 });
    const client = await WsTestClient.connect(host.origin, host.token);
    const desk = { user: options.user, host, context, ws, client };
    this.desks.push(desk);
    return desk;
  }

  async closeAll(): Promise<void> {
    for (const desk of this.desks.splice(0)) {
      desk.client.close();
      await desk.context.close().catch(() => undefined);
      await desk.host.stop();
    }
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

/** Audio as the desk's renderer measured it (getStats, reported to main every 5 s): packets received on a call. */
export async function packetsReceived(desk: SipDesk, callId: string): Promise<number> {
  const result = await desk.client.invoke('callLog.list', {});
  if (!result.ok) throw new Error(result.error.message);
  const entry = result.value.find((e: CallLogEntry) => e.callId === callId);
  return entry?.quality?.packetsReceived ?? 0;
}

/**
 * For a spec file of calls between desks: Chromium with fake microphones (real WebRTC between the pages), the SIP
 * lab started before its tests, and every desk and the lab stopped after them. Call at the top of the file.
 */
export function useSipDesks(): { readonly lab: () => SipLab; readonly desks: SipDesks } {
  test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] } });
  let lab: SipLab | null = null;
  const current = () => {
    if (!lab) throw new Error('the SIP lab is not running');
    return lab;
  };
  const desks = new SipDesks(current);
  test.beforeAll(async () => {
    lab = await startSipLab();
  });
  test.afterAll(async () => {
    await desks.closeAll();
    await lab?.stop();
  });
  return { lab: current, desks };
}
