import { type Locator, type Page, expect } from '@playwright/test';
import type { NoVisitReasonCode } from '../../../src-preload/contract';

/** Page object of the agent workstation, named for what an agent does, not for the DOM. */
export class WorkstationPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Signs in with the keyboard: the identity's number, then Enter. */
  async signInAs(displayName: string): Promise<void> {
    const rows = this.byTestId('signin-identity');
    const workstation = this.byTestId('workstation');
    // The session lives in main: a later test of the same spec file finds the user still signed in.
    await expect(rows.first().or(workstation)).toBeVisible();
    if (await workstation.isVisible()) {
      await expect(workstation, 'signed in as the same identity').toContainText(displayName);
      return;
    }
    const names = await rows.allInnerTexts();
    const index = names.findIndex((n) => n.includes(displayName));
    expect(index, `demo identity ${displayName}`).toBeGreaterThanOrEqual(0);
    await this.page.keyboard.press(String(index + 1));
    await this.page.keyboard.press('Enter');
    await expect(this.byTestId('workstation')).toBeVisible();
  }

  /** Rings the demo phone line (a simulation) from a chosen synthetic caller. */
  async ringDemoCall(options: { callerPhone: string; dnis: string; ivrDigit: string }): Promise<void> {
    await this.page.keyboard.press('Alt+D');
    await expect(this.byTestId('demo-line-panel')).toBeVisible();
    await this.byTestId('demo-caller-select').selectOption(options.callerPhone);
    await this.byTestId('demo-line-select').selectOption(options.dnis);
    await this.byTestId('demo-ivr-select').selectOption(options.ivrDigit);
    await this.byTestId('demo-ring').click();
    await expect(this.byTestId('demo-ring-result')).toContainText('Ringing');
    await this.page.keyboard.press('Escape');
    await expect(this.byTestId('demo-line-panel')).toBeHidden();
  }

  /** The demo line's simulated caller with no chart: its number, read from the demo panel. */
  async unknownCallerPhone(): Promise<string> {
    await this.page.keyboard.press('Alt+D');
    const option = this.byTestId('demo-caller-select').locator('option', { hasText: 'Unknown caller' });
    const phone = await option.getAttribute('value');
    await this.page.keyboard.press('Escape');
    await expect(this.byTestId('demo-line-panel')).toBeHidden();
    expect(phone, 'the demo line offers an unknown caller').toBeTruthy();
    return phone!;
  }

  /**
   * No chart / triage now (Alt+I), with the keyboard: what the caller gives, then who is calling (Enter starts).
   * Sex is chosen with the arrow keys in its radio group, as an agent would.
   */
  async triageWithoutChart(p: { given?: string; family?: string; age: number; sex: 'female' | 'male'; pregnant?: 'no'; address?: string; caller?: { relationship: 'parent' | 'caregiver' | 'other'; name: string } }): Promise<void> {
    await this.page.keyboard.press('Alt+I');
    await expect(this.byTestId('unidentified-given')).toBeFocused();
    if (p.given) await this.page.keyboard.type(p.given);
    if (p.family) await this.byTestId('unidentified-family').fill(p.family);
    await this.byTestId('unidentified-age').fill(String(p.age));
    await this.byTestId(`unidentified-sex-${p.sex}`).check();
    if (p.pregnant) await this.byTestId(`unidentified-pregnant-${p.pregnant}`).check();
    if (p.address) await this.byTestId('unidentified-address').fill(p.address);
    if (p.caller) {
      await this.byTestId(`caller-${p.caller.relationship}`).check();
      await this.byTestId('caller-name').fill(p.caller.name);
    }
    await expect(this.byTestId('unidentified-start')).toBeEnabled();
    await this.page.keyboard.press('Enter');
    await expect(this.byTestId('unidentified-patient')).toBeVisible();
    await expect(this.byTestId('reason-pane')).toBeVisible();
  }

  async callState(): Promise<string | null> {
    return this.byTestId('call-state').getAttribute('data-state');
  }

  candidate(name: string): Locator {
    return this.byTestId('candidate-row').filter({ has: this.byTestId('candidate-name').getByText(name, { exact: true }) });
  }

  /** Picks a candidate, types the DOB the caller states (MM/DD/YYYY), confirms the name and uses the patient. */
  async verifyAndUse(name: string, birthDate: string): Promise<void> {
    await this.candidate(name).click();
    const [y, m, d] = birthDate.split('-');
    const dob = this.byTestId('verify-dob-input');
    await dob.click();
    await dob.pressSequentially(`${m}/${d}/${y}`);
    await expect(this.byTestId('dob-match')).toBeVisible();
    await this.byTestId('verify-name-confirmed').check();
    await this.byTestId('use-patient').click();
    await expect(this.byTestId('verified-patient')).toContainText(name);
  }

  /**
   * Call type and the caller's words; the protocol is picked in the Select by title, or — without one — the
   * symptom checker's preselected top suggestion is kept.
   */
  async giveReason(options: { callTypeId: string; reason: string; protocolTitle?: string; where?: { state: string; zip: string } }): Promise<void> {
    await this.byTestId(`call-type-${options.callTypeId}`).check();
    await this.byTestId('reason-input').fill(options.reason);
    if (options.protocolTitle) {
      const protocol = this.byTestId('protocol-select');
      await protocol.click();
      // The checker may have preselected a protocol: replace its label with the search.
      await protocol.press('Control+A');
      await protocol.pressSequentially(options.protocolTitle);
      // The Select's options; the checker's suggestion list (also options) is numbered "1. …".
      await this.page.getByRole('option', { name: new RegExp(`^${options.protocolTitle}`) }).first().click();
    } else {
      await expect(this.byTestId('checker-suggestion').first()).toHaveAttribute('aria-selected', 'true');
    }
    if (options.where) await this.tellWhereThePatientIs(options.where);
    await this.page.keyboard.press('Control+Enter');
    await expect(this.byTestId('interview-pane')).toBeVisible();
  }

  /** Where the patient is now, as the caller says (replacing the chart address the pane is prefilled with). */
  async tellWhereThePatientIs(where: { state: string; zip: string }): Promise<void> {
    const state = this.byTestId('location-state');
    await state.click();
    await state.press('Control+A');
    await state.pressSequentially(where.state);
    await this.page.getByRole('option', { name: where.state, exact: true }).click();
    await expect(state).toHaveValue(where.state);
    const zip = this.byTestId('location-zip');
    await zip.fill(where.zip);
    await expect(this.byTestId('location-source')).toHaveText("caller's answer");
  }

  /**
   * Answers every question with the keyboard until the interview ends (a disposition, or for an agent the
   * escalation step): yes exactly to the questions `answerYes` picks. When the caller's words suggest the same
   * answer, Enter confirms the suggestion instead of Y/N. Returns the questions asked and those confirmed.
   */
  async answerInterview(answerYes: (question: string) => boolean): Promise<{ asked: string[]; confirmed: string[] }> {
    const asked: string[] = [];
    const confirmed: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const question = this.byTestId('interview-question');
      const end = this.byTestId('disposition-card').or(this.byTestId('escalation-pane'));
      await expect(question.or(end).first()).toBeVisible();
      if (await end.first().isVisible()) return { asked, confirmed };
      const text = (await question.innerText()).trim();
      asked.push(text);
      const wanted = answerYes(text) ? 'yes' : 'no';
      const suggestion = this.byTestId('interview-suggestion');
      if ((await suggestion.isVisible()) && (await suggestion.getAttribute('data-answer')) === wanted) {
        confirmed.push(text);
        await this.page.keyboard.press('Enter');
      } else {
        await this.page.keyboard.press(wanted === 'yes' ? 'y' : 'n');
      }
      await expect(async () => {
        const now = (await question.isVisible()) ? (await question.innerText()).trim() : null;
        expect(now).not.toBe(text);
      }).toPass({ timeout: 5_000 });
    }
    throw new Error('the interview did not reach a disposition within 60 answers');
  }

  /** A nurse's override (Alt+O): the new disposition by its label, and the reason. */
  async overrideDisposition(toLabel: string, reason: string): Promise<void> {
    await this.page.keyboard.press('Alt+O');
    const to = this.byTestId('override-to');
    await expect(to).toBeFocused();
    await to.pressSequentially(toLabel);
    await this.page.getByRole('option', { name: new RegExp(`^${toLabel}`) }).first().click();
    await this.byTestId('override-reason').fill(reason);
    await this.byTestId('override-apply').click();
    await expect(this.byTestId('disposition-override')).toContainText(reason);
  }

  /** Documents (Ctrl+Enter) and waits for the result; returns the encounter id when written. */
  async document(): Promise<string> {
    await this.page.keyboard.press('Control+Enter');
    const result = this.byTestId('document-result');
    await expect(result).toHaveAttribute('data-outcome', 'written');
    return (await this.byTestId('document-encounter-id').innerText()).trim();
  }

  /**
   * Wrap-up with "resolved" (Ctrl+Enter): the line is free again. When the disposition called for a visit that
   * was not booked on the call, `noVisit` is the reason the agent picks (wrap-up asks for one).
   */
  async finishCall(options: { noVisit?: NoVisitReasonCode } = {}): Promise<void> {
    if (options.noVisit) await this.byTestId(`no-visit-${options.noVisit}`).check();
    await this.byTestId('wrap-up-code-resolved').check();
    await this.page.keyboard.press('Control+Enter');
    await expect(this.byTestId('call-state')).toHaveAttribute('data-state', 'noCall');
  }
}

/** The demo line's "Simulate EHR outage" switch (a simulation control). */
export async function setDemoEhrOutage(ws: WorkstationPage, on: boolean): Promise<void> {
  await ws.page.keyboard.press('Alt+D');
  const toggle = ws.byTestId('demo-ehr-outage');
  await expect(toggle).toBeVisible();
  if ((await toggle.isChecked()) !== on) {
    await toggle.focus();
    await ws.page.keyboard.press('Space');
  }
  await expect(toggle).toBeChecked({ checked: on });
  await ws.page.keyboard.press('Escape');
  await expect(ws.byTestId('demo-line-panel')).toBeHidden();
}

/** The demo web host's workstation at the small screen (1280x720), signed in as the demo nurse. */
export async function nurseDeskAt1280(page: Page, url: string): Promise<WorkstationPage> {
  await page.setViewportSize({ width: 1280, height: 720 });
  const ws = new WorkstationPage(page);
  await page.goto(url);
  await ws.signInAs('Jordan Lee');
  return ws;
}
