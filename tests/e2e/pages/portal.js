// Page object for the requester portal and kiosk mode: what a requester (or the staff member
// locking the kiosk) sees and does.
import { expect } from '@playwright/test';
import { join } from 'node:path';
import { SHOTS } from './desk.js';

export const PORTRAIT = { width: 768, height: 1024 };
export const LANDSCAPE = { width: 1280, height: 800 };

/** Reads every record of an IndexedDB store of the desk (the test's view of what was saved). */
function readStore(page, store) {
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const open = indexedDB.open('tierdesk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => { resolve(req.result); db.close(); };
      req.onerror = () => reject(req.error);
    };
  }), store);
}

export class Portal {
  /** `base` picks the desk, e.g. '/?demo' for the demo desk. */
  constructor(page, base = '/') {
    this.page = page;
    this.base = base;
    this.root = page.locator('.portal');
    this.search = page.getByRole('searchbox', { name: 'Search the help articles' });
    this.results = page.locator('.portal-main .portal-results > li');
    this.suggestions = page.locator('.suggestions .portal-results > li');
    this.messages = page.locator('.portal-messages > li');
    this.alert = page.locator('.portal-main [role="alert"]');
  }

  async open(hash = '#/portal') {
    await this.page.goto(`${this.base}${hash}`);
    await expect(this.root).toBeVisible();
  }

  async home() {
    await this.page.locator('.portal-brand').click();
    await expect(this.page.getByRole('heading', { name: 'How can we help?' })).toBeVisible();
  }

  // Requests

  async request(name) {
    await this.page.locator('.catalog-item', { hasText: name }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async fillRequest({ subject, name, email = '', description = '' }) {
    const p = this.page;
    await p.getByLabel('Subject').fill(subject);
    await p.getByLabel('Description').fill(description);
    await p.getByLabel('Your name').fill(name);
    await p.getByLabel('E-mail').fill(email);
  }

  async send() {
    await this.page.getByRole('button', { name: 'Send request' }).click();
  }

  /** The number of the ticket the confirmation page shows. */
  async sentReference() {
    const ref = this.page.locator('.reference');
    await expect(ref).toHaveText(/^#\d+$/);
    return Number((await ref.textContent()).slice(1));
  }

  // Checking a ticket

  async lookup(reference, who) {
    await this.open('#/portal/check');
    await this.page.getByLabel('Ticket reference').fill(reference);
    await this.page.getByLabel('E-mail address or name').fill(who);
    await this.page.getByRole('button', { name: 'Show ticket' }).click();
  }

  /** A suggested article (in the request form) by its title. */
  suggestion(title) {
    return this.suggestions.filter({ has: this.page.locator('.result-title', { hasText: title }) });
  }

  /** A search hit by its title. */
  result(title) {
    return this.results.filter({ has: this.page.locator('.result-title', { hasText: title }) });
  }

  message(text) {
    return this.messages.filter({ hasText: text });
  }

  async reply(text) {
    await this.page.getByLabel('Your reply').fill(text);
    await this.page.getByRole('button', { name: 'Send reply' }).click();
  }

  async rate(score, comment = '') {
    await this.page.locator('.score', { hasText: `${score} –` }).click();
    await this.page.getByLabel('Comment (optional)').fill(comment);
    await this.page.getByRole('button', { name: 'Send rating' }).click();
  }

  // Kiosk

  async lockKiosk(pin) {
    await this.open('#/portal/kiosk');
    await this.page.getByLabel('New PIN').fill(pin);
    await this.page.getByLabel('PIN again').fill(pin);
    await this.page.getByRole('button', { name: 'Lock this browser' }).click();
    await expect(this.page.getByRole('heading', { name: 'How can we help?' })).toBeVisible({ timeout: 20_000 });
  }

  unlockPrompt() {
    return this.page.getByRole('heading', { name: 'Staff: unlock' });
  }

  async unlock(pin) {
    await this.page.getByLabel('PIN', { exact: true }).fill(pin);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
  }

  // What was stored

  portalEvents() {
    return readStore(this.page, 'portal_events');
  }

  async meta(key) {
    const all = await readStore(this.page, 'meta');
    return all.find((r) => r.key === key)?.value;
  }

  /** Full-page screenshots at portrait and landscape tablet sizes, light and dark. */
  async shots(name) {
    for (const [orientation, size] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]]) {
      await this.page.setViewportSize(size);
      for (const scheme of ['light', 'dark']) {
        await this.page.emulateMedia({ colorScheme: scheme });
        await this.page.evaluate(() => window.scrollTo(0, 0));
        await this.page.screenshot({ path: join(SHOTS, `portal-${name}-${orientation}-${scheme}.png`), fullPage: true });
      }
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
    await this.page.setViewportSize(LANDSCAPE);
  }

  /** Visible controls of the portal smaller than 44 x 44 CSS pixels (touch targets). */
  smallTargets() {
    return this.page.evaluate(() => {
      const sel = '.portal button, .portal .button, .portal input:not([type="radio"]), .portal select, .portal textarea, '
        + '.catalog-item, .topic-main, .topic-children a, .article-link, .portal-results a, .crumbs a, .chip, .score, .portal-foot a';
      return [...document.querySelectorAll(sel)]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 44 || r.height < 44)
        .map(({ el, r }) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || el.value || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    });
  }
}
