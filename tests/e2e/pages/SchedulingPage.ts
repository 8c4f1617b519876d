import { type Locator, type Page, expect } from '@playwright/test';

export interface BookedVisit {
  readonly outcome: string;
  readonly script: string;
  /** The start as the chart shows it ("Mon, Mar 2, 10:20 AM", plus the zone when it differs). */
  readonly when: string;
  readonly provider: string;
}

/**
 * Page object of the scheduling pane (issue 6), named for what a scheduler does: open scheduling from the
 * disposition (Alt+S), move through the ranked offers, hold one (Enter), book it (Ctrl+Enter), read the script.
 */
export class SchedulingPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** From the disposition: Alt+S opens scheduling with the suggested visit type and the window. */
  async openFromDisposition(): Promise<void> {
    await expect(this.byTestId('action-schedule')).toBeEnabled();
    await this.page.keyboard.press('Alt+S');
    await expect(this.byTestId('scheduling-pane')).toBeVisible();
  }

  windowLabel(): Locator {
    return this.byTestId('scheduling-window');
  }

  offers(): Locator {
    return this.byTestId('offer-row');
  }

  /** Waits for the ranked offers (the search shows progress meanwhile) and returns how many there are. */
  async waitForOffers(): Promise<number> {
    await expect(this.offers().first()).toBeVisible({ timeout: 15_000 });
    await expect(this.byTestId('offer-list')).toBeFocused();
    return this.offers().count();
  }

  /** Picks the offer by its rank (1–9) and holds it with Enter; the hold's countdown shows. */
  async holdRank(rank: number): Promise<void> {
    await this.page.keyboard.press(String(rank));
    await expect(this.offers().nth(rank - 1)).toHaveAttribute('aria-selected', 'true');
    await this.page.keyboard.press('Enter');
    await expect(this.byTestId('booking-form')).toBeVisible();
    await expect(this.byTestId('hold-countdown')).toContainText(/Held \d+:\d\d/);
  }

  /** The reason for the visit (pre-filled from the reason for the call), replaced when given. */
  async setReason(reason: string): Promise<void> {
    await this.byTestId('booking-reason').fill(reason);
  }

  /**
   * Books with Ctrl+Enter; returns the outcome ('booked' or 'queued'), the confirmation script, and the booked
   * time and provider as the chart shows them (to find its row there).
   */
  async book(): Promise<BookedVisit> {
    await this.page.keyboard.press('Control+Enter');
    const result = this.byTestId('booking-result');
    await expect(result).toBeVisible({ timeout: 15_000 });
    // "Mon, Mar 2, 10:20 AM · Dr. Dana Kim · Main Street Clinic": the first visit's time and provider.
    const [when = '', provider = ''] = (await this.byTestId('booking-result-details').innerText()).split(' · ');
    return {
      outcome: (await result.getAttribute('data-outcome')) ?? '',
      script: (await this.byTestId('confirmation-script').innerText()).trim(),
      when: when.trim(),
      provider: provider.trim(),
    };
  }

  /** Back to the disposition (Ctrl+Enter on the result) to document the call. */
  async backToDisposition(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
    await expect(this.byTestId('disposition-pane')).toBeVisible();
    await expect(this.byTestId('action-booked')).toBeVisible();
  }

  /** The chart's upcoming appointments (right pane). */
  chartAppointments(): Locator {
    return this.byTestId('chart-appointment-row');
  }

  /** The chart's row of a visit booked here (the patient may have others on file). */
  chartAppointment(visit: Pick<BookedVisit, 'when' | 'provider'>): Locator {
    return this.chartAppointments().filter({ hasText: visit.when }).filter({ hasText: visit.provider });
  }

  /**
   * From the chart: Reschedule… on the appointment row (reached by keyboard: focus, Enter) opens the scheduling
   * pane in reschedule mode; waits for its header ("Reschedule <visit> on <date> with <provider>").
   */
  async rescheduleFromChart(row: Locator): Promise<void> {
    const button = row.getByRole('button', { name: /^Reschedule…/ });
    await expect(button).toBeEnabled();
    await button.focus();
    await this.page.keyboard.press('Enter');
    await expect(this.byTestId('scheduling-title')).toContainText(/^Reschedule /);
  }

  /** The reason for the change (asked, never pre-filled); it is documented on the appointment it replaces. */
  async setChangeReason(reason: string): Promise<void> {
    await expect(this.byTestId('booking-reason')).toHaveValue('');
    await this.byTestId('booking-reason').fill(reason);
  }

  /** Reschedules with Ctrl+Enter: the same result card as a booking (outcome and confirmation script). */
  async reschedule(): Promise<BookedVisit> {
    await expect(this.byTestId('booking-book')).toHaveText(/Reschedule appointment/);
    return this.book();
  }

  /** Closes the reschedule (Ctrl+Enter on the result), back to the step it was opened from. */
  async closeReschedule(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
    await expect(this.byTestId('scheduling-pane')).toBeHidden();
  }

  /**
   * From the chart: Cancel… on the row, the reason (a quick pick when it is one of them, else typed), Enter; waits
   * for the status that says it was cancelled.
   */
  async cancelFromChart(row: Locator, reason: string): Promise<void> {
    const button = row.getByRole('button', { name: /^Cancel…/ });
    await button.focus();
    await this.page.keyboard.press('Enter');
    const input = this.byTestId('cancel-reason');
    await expect(input).toBeFocused();
    await input.fill(reason);
    await this.page.keyboard.press('Enter');
    await expect(this.byTestId('chart-appointment-cancelled')).toContainText('Cancelled:', { timeout: 15_000 });
  }
}
