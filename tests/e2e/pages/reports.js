// Page object for the reports: the KPI dashboard, the incident report and the comparison of
// tiered support with swarming.
import { expect } from '@playwright/test';
import { Desk } from './desk.js';

/** "1,234" / "42%" / "3 h 5 min" -> the leading number (NaN for "—"). */
export function num(text) {
  const m = (text ?? '').replace(/,/g, '').match(/-?\d+(\.\d+)?/);
  return m ? Number(m[0]) : NaN;
}

export class Reports {
  constructor(page, base = '/') {
    this.page = page;
    this.desk = new Desk(page, base);
    this.body = page.locator('.report-body');
    this.periodLine = page.locator('.period-line');
    this.helpButtons = page.locator('.kpi .kpi-help-toggle');
  }

  async open() {
    await this.desk.open('#/reports');
    await this.settled();
  }

  /** Waits until a report is shown and no run is going on. */
  async settled() {
    await expect(this.periodLine).not.toBeEmpty();
    await expect(this.body).toHaveAttribute('aria-busy', 'false');
  }

  card(key) {
    return this.page.locator(`.kpi[data-kpi="${key}"]`);
  }

  value(key) {
    return this.card(key).locator('.kpi-value');
  }

  async number(key) {
    return num(await this.value(key).textContent());
  }

  /** Picks a period by its label and waits for the report on it. */
  async period(label) {
    const before = await this.periodLine.textContent();
    await this.page.getByLabel('Period', { exact: true }).selectOption({ label });
    await expect(this.periodLine).not.toHaveText(before);
    await this.settled();
  }

  async breakdown(label) {
    await this.page.getByLabel('Breakdown', { exact: true }).selectOption({ label });
  }

  chart(caption) {
    return this.page.locator('figure.chart', { has: this.page.locator('figcaption', { hasText: caption }) });
  }

  /** A chart's data table as rows of cell texts (header row first), opening "Show data". */
  async chartData(caption) {
    const fig = this.chart(caption);
    const details = fig.locator('details.chart-data');
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
    const table = fig.locator('table');
    await expect(table).toBeVisible();
    return table.locator('tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  }

  async shot(name) {
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.desk.shot(name);
  }
}
