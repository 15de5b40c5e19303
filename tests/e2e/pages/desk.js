// Page objects: what a person sees and does, so specs read like the journeys they test.
import { expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const SHOTS = fileURLToPath(new URL('../../../target/e2e/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

export class Desk {
  constructor(page, base = '/') {
    this.page = page;
    this.base = base;
  }

  /** Opens the app at a hash route, e.g. '#/tickets/42', and waits until it has booted. */
  async open(hash = '#/tickets') {
    await this.page.goto(`${this.base}${hash}`);
    await this.ready();
  }

  async ready() {
    await expect(this.page.locator('header.topbar')).toBeVisible();
  }

  async shot(name) {
    await this.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  notice() {
    return this.page.locator('.notice');
  }
}

export class Queue {
  constructor(page) {
    this.page = page;
    this.rows = page.locator('table.tickets tbody tr');
    this.filter = page.getByRole('searchbox', { name: 'Filter tickets' });
  }

  row(subject) {
    return this.rows.filter({ hasText: subject });
  }

  async search(text) {
    await this.filter.fill(text);
  }
}

export class NewTicketForm {
  constructor(page) {
    this.page = page;
  }

  async fill({ subject, description = '', requester, email = '', priority }) {
    const p = this.page;
    await p.getByLabel('Subject').fill(subject);
    await p.getByLabel('Description').fill(description);
    await p.getByLabel('Requester').fill(requester);
    await p.getByLabel('E-mail').fill(email);
    if (priority) await p.getByLabel('Priority').selectOption(priority);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Create ticket' }).click();
  }
}

export class TicketView {
  constructor(page) {
    this.page = page;
    this.heading = page.locator('.ticket-head h1');
    this.timeline = page.locator('ol.timeline > li');
    this.composer = page.getByLabel('Reply or note');
  }

  async reply(text) {
    await this.composer.fill(text);
    await this.page.getByRole('button', { name: 'Send reply' }).click();
  }

  async note(text) {
    await this.composer.fill(text);
    await this.page.getByRole('button', { name: 'Add internal note' }).click();
  }
}
