/**
 * Screen-pop time as the agent sees it: from the ring event in main (CallInfo.ringAt) to the candidates
 * rendered in the real renderer (the `careline:screenpop-rendered` mark), over 50 demo calls against a demo
 * EHR of 10,000 synthetic patients, through the web host in Debian Chromium. Also the renderer's time to
 * interactive (navigation start -> `careline:interactive`). Prints p50/p95; asserts nothing.
 */
import { chromium } from 'playwright-core';
import type { CallInfo, ScreenPop } from '../src-preload/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { startWebHostProcess } from '../tests/support/webHostProcess';
import { WsTestClient, unwrap } from '../tests/support/wsClient';
import { summary } from './stats';

const PATIENTS = 10_000;
const CALLS = 50;
const TTI_RUNS = 10;

interface ScreenPopMark {
  readonly callId: string;
  readonly ringAt: number;
  readonly renderedAt: number;
  readonly candidates: number;
}

async function main(): Promise<void> {
  const host = await startWebHostProcess({ patients: PATIENTS, seed: 42, timeoutMs: 120_000 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    // Time to interactive, each run in a fresh browser context (cold caches, new session storage).
    const tti: number[] = [];
    for (let i = 0; i < TTI_RUNS; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(host.url);
      await page.waitForFunction(() => performance.getEntriesByName('careline:interactive').length > 0, undefined, { timeout: 30_000 });
      tti.push(await page.evaluate(() => performance.getEntriesByName('careline:interactive')[0]!.startTime));
      await context.close();
    }

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('signin-identity').first().waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.getByTestId('workstation').waitFor();

    const line = await WsTestClient.connect(host.origin, host.token);
    const callers = unwrap(await line.invoke('demoLine.options', {})).callers;
    const endToEnd: number[] = [];
    const inMain: number[] = [];
    let candidates = 0;
    for (let i = 0; i < CALLS; i += 1) {
      const caller = callers[i % callers.length]!;
      const call: CallInfo = unwrap(await line.invoke('demoLine.ring', { callerPhone: caller.phone, dnis: '+16175550100' }));
      const handle = await page.waitForFunction(
        (callId) => {
          const mark = performance.getEntriesByName('careline:screenpop-rendered').find((m) => (m as PerformanceMark).detail?.callId === callId);
          return mark ? (mark as PerformanceMark).detail : null;
        },
        call.callId,
        { timeout: 30_000 },
      );
      const mark = (await handle.jsonValue()) as ScreenPopMark;
      endToEnd.push(mark.renderedAt - call.ringAt);
      candidates += mark.candidates;
      const pop = await line.waitForEvent<ScreenPop>('call.screenPop', (p) => p.callId === call.callId);
      inMain.push(pop.lookupMs);
      // The caller hangs up before an answer: the workstation goes back to idle for the next call.
      unwrap(await line.invoke('call.hangUp', { callId: call.callId }));
      await page.waitForFunction(() => document.querySelector('[data-testid="call-state"]')?.getAttribute('data-state') === 'noCall');
    }
    line.close();

    console.log(`setup: ${PATIENTS} synthetic patients in the demo EHR, ${CALLS} demo calls, Chromium ${browser.version()}`);
    console.log(summary('screen pop, ring event in main -> candidates rendered', endToEnd));
    console.log(summary('  of which: phone lookup in main (FHIR Patient?phone= over HTTP)', inMain));
    console.log(`  candidates per call: ${(candidates / CALLS).toFixed(2)} on average`);
    console.log(summary('renderer time to interactive (navigation start -> careline:interactive)', tti));
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
