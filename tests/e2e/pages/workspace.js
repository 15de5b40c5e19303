// Page objects for the agent workspace: queues with their views, bulk actions, the demo clock.
import { expect } from '@playwright/test';

export class Views {
  constructor(page) {
    this.page = page;
    this.nav = page.getByRole('navigation', { name: 'Queues' });
  }

  link(name) {
    return this.nav.getByRole('link', { name: new RegExp(`^${name}`) });
  }

  async count(name) {
    const text = await this.link(name).locator('.view-count').textContent();
    return Number(text);
  }

  async open(name) {
    await this.link(name).click();
    await expect(this.page.locator('#queue-title')).toHaveText(name);
  }
}

export class Bulk {
  constructor(page) {
    this.page = page;
    this.bar = page.getByRole('region', { name: 'Bulk actions' });
  }

  async selectPage() {
    await this.page.getByLabel('Select every ticket on this page').check();
  }

  async assignTo(agentName) {
    await this.page.getByLabel('Assign selected to').selectOption({ label: agentName });
  }
}

export class DemoClock {
  constructor(page) {
    this.page = page;
    this.bar = page.getByRole('group', { name: 'Demo clock' });
    this.time = this.bar.locator('.demo-time');
  }

  async speed(name) {
    await this.bar.getByRole('button', { name }).click();
  }

  async nextEvent() {
    await this.bar.getByRole('button', { name: /Next event/ }).click();
  }

  async hourAhead() {
    await this.bar.getByRole('button', { name: '+1 h' }).click();
  }
}
