import { type Locator, type Page, expect } from '@playwright/test';

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

  /** Books with Ctrl+Enter; returns the outcome ('booked' or 'queued') and the confirmation script. */
  async book(): Promise<{ outcome: string; script: string }> {
    await this.page.keyboard.press('Control+Enter');
    const result = this.byTestId('booking-result');
    await expect(result).toBeVisible({ timeout: 15_000 });
    return {
      outcome: (await result.getAttribute('data-outcome')) ?? '',
      script: (await this.byTestId('confirmation-script').innerText()).trim(),
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
}
