// Page object for the ticket page: what an agent sees and does on one ticket.
import { expect } from '@playwright/test';
import { Desk, NewTicketForm } from './desk.js';

export class TicketPage {
  /** `base` '/?demo' opens the demo desk, whose clock the demo bar moves. */
  constructor(page, base = '/') {
    this.page = page;
    this.desk = new Desk(page, base);
    this.heading = page.locator('.ticket-head h1');
    this.badges = page.locator('.ticket-head .badges');
    this.sla = page.getByRole('region', { name: 'Service level clocks' });
    this.banner = page.locator('.merged-banner');
    this.timeline = page.locator('ol.timeline > li');
    this.composer = page.getByLabel('Reply or note');
    this.preview = page.getByRole('region', { name: 'Preview' });
    this.links = page.locator('.link-list > li');
    this.timeTable = page.locator('.time-table');
  }

  /** Opens a new ticket through the "New ticket" page; the browser stays on it. Returns its number. */
  async create({ subject, requester = 'Kim Lee', email = '', description = '', priority }) {
    await this.desk.open('#/tickets/new');
    const form = new NewTicketForm(this.page);
    await form.fill({ subject, description, requester, email, priority });
    await form.submit();
    await expect(this.heading).toContainText(subject);
    return Number(this.page.url().match(/#\/tickets\/(\d+)/)[1]);
  }

  async open(id) {
    await this.desk.open(`#/tickets/${id}`);
    await expect(this.heading).toContainText(`#${id}`);
  }

  /** The name of the agent working at this browser (top right). */
  async me() {
    return (await this.page.locator('header.topbar .me').textContent()).trim();
  }

  /** A full-page screenshot from the top (the sticky bar would otherwise cover the heading). */
  async shot(name) {
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.desk.shot(name);
  }

  /** One SLA clock's card in the panel, by its label ("First response"). */
  clock(label) {
    return this.sla.locator('.sla-metric', { hasText: label });
  }

  entry(text) {
    return this.timeline.filter({ hasText: text });
  }

  dialog(title) {
    return this.page.getByRole('dialog', { name: title });
  }

  // Composer

  async mode(kind) {
    await this.page.getByRole('radio', { name: kind === 'note' ? 'Internal note' : 'Public reply' }).check();
  }

  async sendReply() {
    await this.page.getByRole('button', { name: 'Send reply' }).click();
  }

  async addNote() {
    await this.page.getByRole('button', { name: 'Add internal note' }).click();
  }

  async canned(name) {
    await this.page.getByLabel('Insert a canned response').selectOption({ label: name });
  }

  // Actions

  async take() {
    await this.page.getByRole('button', { name: 'Take', exact: true }).click();
  }

  /** Picks the assignee whose option starts with `name` (options read "Name (T1)"). */
  async assign(name) {
    const select = this.page.locator('#f-assignee');
    const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
    await select.selectOption(value);
  }

  /** Escalates with the `e` key; `reason` may be empty to see it refused. */
  async escalate(reason, tier) {
    await this.page.keyboard.press('e');
    const dlg = this.dialog('Move to another tier');
    await expect(dlg).toBeVisible();
    if (tier !== undefined) await dlg.getByLabel('Move to', { exact: true }).selectOption(String(tier));
    await dlg.getByLabel('Reason (required)').fill(reason);
    await dlg.getByRole('button', { name: 'Move ticket' }).click();
    return dlg;
  }

  async link(kindLabel, other) {
    await this.page.locator('#link-kind').selectOption({ label: kindLabel });
    await this.page.locator('#link-other').fill(String(other));
    await this.page.getByRole('button', { name: 'Link', exact: true }).click();
  }

  async unlink(other) {
    await this.page.getByRole('button', { name: `Remove link to #${other}` }).click();
  }

  async mergeInto(keep) {
    await this.page.getByRole('button', { name: 'Merge…' }).click();
    const dlg = this.dialog('Merge into another ticket');
    await dlg.getByLabel('Number of the ticket to keep').fill(String(keep));
    await expect(dlg).toContainText(`Keep #${keep}:`);
    await dlg.getByRole('button', { name: `Merge into #${keep}` }).click();
    await expect(dlg).toBeHidden();
  }

  async logTime(minutes) {
    await this.page.getByLabel('Minutes').fill(String(minutes));
    await this.page.getByRole('button', { name: 'Log time' }).click();
  }

  // Priority

  async setMatrix(impact, urgency) {
    const details = this.page.locator('details.matrix');
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
    await this.page.locator('#f-impact').selectOption(String(impact));
    await this.page.locator('#f-urgency').selectOption(String(urgency));
    await this.page.getByRole('button', { name: 'Set from matrix' }).click();
  }

  async setPriority(value) {
    await this.page.locator('#f-priority').selectOption(value);
  }
}
