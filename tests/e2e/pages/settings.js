// Page object for the Settings area: tabs on the left, one section at a time.
import { expect } from '@playwright/test';

export const SECTIONS = {
  who: 'Who am I',
  agents: 'Agents',
  groups: 'Groups',
  tiers: 'Tiers',
  calendars: 'Calendars',
  sla: 'SLA policies',
  rules: 'Routing rules',
  general: 'General',
  data: "This browser's data",
};

export class Settings {
  constructor(page) {
    this.page = page;
    this.me = page.getByLabel('The agent working at this browser');
    this.meBadge = page.locator('header.topbar .me');
  }

  /** Opens Settings at a section key (see SECTIONS) and waits for it. */
  async open(section = 'who') {
    await this.page.goto(`/#/settings?s=${section}`);
    await expect(this.page.locator('header.topbar')).toBeVisible();
    await expect(this.panel(section)).toBeVisible();
  }

  tab(section) {
    return this.page.getByRole('tab', { name: SECTIONS[section], exact: true });
  }

  panel(section) {
    return this.page.locator(`#panel-${section}`);
  }

  async show(section) {
    await this.tab(section).click();
    await expect(this.panel(section)).toBeVisible();
  }

  /** Says who works at this browser, by agent id. */
  async iAm(agentId) {
    await this.me.selectOption(agentId);
  }

  /** The agent dialog's form. */
  agentDialog() {
    return this.page.locator('dialog[open]');
  }

  agentRow(name) {
    return this.panel('agents').locator('tbody tr', { hasText: name });
  }

  /** The calendar editor on show (the others are hidden). */
  calendarEditor() {
    return this.panel('calendars').locator('.calendar-editor:visible');
  }

  async pickCalendar(name) {
    await this.panel('calendars').locator('.calendar-pick', { hasText: name }).click();
  }

  tierLimit(n) {
    return this.page.locator(`#tier${n}-limit`);
  }

  /** A screenshot from the top of the page (the top bar is sticky). */
  async shot(desk, name) {
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await desk.shot(name);
  }

  problems(section) {
    return this.panel(section).locator('.problems');
  }
}
