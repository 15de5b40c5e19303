// The first vertical slice and navigation on a plain static host.
import { test, expect } from '@playwright/test';
import { Desk, Queue, NewTicketForm, TicketView } from '../pages/desk.js';

test('a first visit shows demo tickets, never an empty screen', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets');
  const queue = new Queue(page);
  await expect(queue.rows.first()).toBeVisible();
  expect(await queue.rows.count()).toBeGreaterThan(10);
  await desk.shot('queue');
});

test('create a ticket, see it listed, open it, comment, reload: all still there', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets/new');
  const form = new NewTicketForm(page);
  await desk.shot('new-ticket');
  await form.fill({
    subject: 'Badge reader at the east door rejects every card',
    description: 'Since this morning nobody can get in through the east door.',
    requester: 'Kim Lee',
    email: 'kim.lee@example.org',
    priority: 'high',
  });
  await form.submit();

  const ticket = new TicketView(page);
  await expect(ticket.heading).toContainText('Badge reader at the east door');
  const url = page.url();
  const id = url.match(/#\/tickets\/(\d+)/)[1];

  await page.goto('/#/tickets');
  const queue = new Queue(page);
  await queue.search('badge reader');
  await expect(queue.row('Badge reader at the east door')).toHaveCount(1);
  await expect(queue.row('Badge reader at the east door')).toContainText('High');
  await queue.row('Badge reader at the east door').getByRole('link', { name: `#${id}` }).click();
  await expect(ticket.heading).toContainText(`#${id}`);

  await ticket.reply('We are sending someone to reset the reader.');
  await expect(ticket.timeline.filter({ hasText: 'We are sending someone' })).toHaveCount(1);
  await ticket.note('Controller firmware looked stuck.');
  await expect(ticket.timeline.filter({ hasText: 'Controller firmware' })).toContainText('internal');
  await desk.shot('ticket');

  await page.reload();
  await desk.ready();
  await expect(ticket.heading).toContainText('Badge reader at the east door');
  await expect(ticket.timeline.filter({ hasText: 'We are sending someone' })).toHaveCount(1);
  await expect(ticket.timeline.filter({ hasText: 'Controller firmware' })).toHaveCount(1);
  await expect(page.locator('.ticket-head .badges')).toContainText('Open');
});

test('a bad form names the field and saves nothing', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets/new');
  const form = new NewTicketForm(page);
  await form.fill({ subject: 'Scanner offline', requester: 'Ana', email: 'ana-at-example' });
  await form.submit();
  await expect(page.getByRole('alert')).toContainText('Email');
  await expect(page).toHaveURL(/#\/tickets\/new$/);
  await page.goto('/#/tickets');
  await new Queue(page).search('Scanner offline');
  await expect(new Queue(page).rows).toHaveCount(0);
});

test('a deep link reloads to the same page under a subpath of a plain static host', async ({ page }) => {
  const desk = new Desk(page, '/some/sub/path/');
  await desk.open('#/tickets');
  await desk.open('#/tickets/42');
  const ticket = new TicketView(page);
  await expect(ticket.heading).toContainText('#42');
  const heading = await ticket.heading.textContent();
  await page.reload();
  await desk.ready();
  await expect(ticket.heading).toHaveText(heading);
  expect(page.url()).toContain('/some/sub/path/#/tickets/42');
  await desk.shot('deep-link-subpath');
});

test('an unknown page says so and links back', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('settings page lists agents for the who-am-I switch', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/settings');
  const select = page.getByLabel('The agent working at this browser');
  expect(await select.locator('option').count()).toBeGreaterThan(3);
  await desk.shot('settings');
});

test('another tab upgrading the database is told to this tab, not a blank page', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets');
  // Another tab with a newer schema opens the same database at a higher version.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const probe = indexedDB.open('tierdesk');
    probe.onsuccess = () => {
      const v = probe.result.version;
      probe.result.close();
      const up = indexedDB.open('tierdesk', v + 1);
      up.onsuccess = () => { up.result.close(); resolve(); };
      up.onerror = () => reject(up.error);
    };
  }));
  await expect(page.getByRole('heading', { name: 'Tierdesk was updated in another tab' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
});

test('a browser without IndexedDB gets a message, not a blank page', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await page.goto('/#/tickets');
  await expect(page.getByRole('heading', { name: 'Tierdesk could not start' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('IndexedDB');
});
