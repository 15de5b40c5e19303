// Page object for the knowledge base (agents): search and filters, an article, the editor,
// revisions, and the "answer articles" panel on a ticket.
import { expect } from '@playwright/test';
import { Desk } from './desk.js';

export class KnowledgeBase {
  constructor(page, base = '/') {
    this.page = page;
    this.desk = new Desk(page, base);
    this.search = page.getByRole('searchbox', { name: 'Search articles' });
    this.results = page.locator('ol.kb-results > li.kb-row');
    this.count = page.locator('.kb-main .count');
    this.heading = page.locator('.kb-article-head h1');
    this.body = page.locator('.kb-article-body');
    this.history = page.locator('ol.kb-revs');
    this.linkedTickets = page.locator('ul.kb-linked');
  }

  async open() {
    await this.desk.open('#/kb');
    await expect(this.search).toBeVisible();
  }

  async openArticle(id) {
    await this.desk.open(`#/kb/a/${id}`);
    await expect(this.heading).toBeVisible();
  }

  row(id) {
    return this.page.locator(`li.kb-row[data-id="${id}"]`);
  }

  /** The ids of the listed articles, in order. */
  async ids() {
    return this.results.evaluateAll((rows) => rows.map((r) => r.dataset.id));
  }

  /** A category in the filter tree, by its exact name ("Network", "VPN"). */
  category(name) {
    return this.page.locator('.kb-tree .tree-item').filter({ hasText: new RegExp(`^${name} \\d+$`) });
  }

  audience(label) {
    return this.page.locator('.kb-audiences').getByLabel(label);
  }

  async language(label) {
    await this.page.locator('#kb-language').selectOption({ label });
  }

  // Editing

  async edit() {
    await this.page.getByRole('link', { name: 'Edit', exact: true }).click();
    await expect(this.page.getByLabel('Title', { exact: true })).toBeVisible();
  }

  bodyField() {
    return this.page.getByLabel('Text', { exact: true });
  }

  preview() {
    return this.page.getByRole('region', { name: 'Preview' });
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }

  /** Opens an earlier revision from the history beside the article. */
  async openRevision(n) {
    await this.history.getByRole('link', { name: `View revision ${n}` }).click();
    await expect(this.page.getByRole('button', { name: 'Restore this version' })).toBeVisible();
  }

  async restore() {
    await this.page.getByRole('button', { name: 'Restore this version' }).click();
    const dlg = this.page.getByRole('dialog', { name: 'Restore revision' });
    await expect(dlg).toBeVisible();
    await dlg.getByRole('button', { name: 'Restore this version' }).click();
  }

  // Ticket panel

  /** Links an article to the open ticket through the picker in its side panel. */
  async linkFromTicket(query, title) {
    await this.page.getByLabel('Find an article to link').fill(query);
    await this.page.getByRole('button', { name: `Link “${title}”` }).click();
  }

  ticketArticles() {
    return this.page.locator('ul.kb-ticket-articles');
  }

  async shot(name) {
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.desk.shot(name);
  }
}
