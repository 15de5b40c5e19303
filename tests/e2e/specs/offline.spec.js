// Offline: after one visit the service worker serves the whole app; with the network gone the
// page reloads, works, and keeps what was done.
import { test, expect } from '@playwright/test';
import { Desk, Queue, NewTicketForm, TicketView } from '../pages/desk.js';

test('load once, go offline, reload, create a ticket, go online: all there', async ({ page, context }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets');
  // Wait until the service worker has precached the build and controls the page.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await desk.ready();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await desk.ready();
  await desk.open('#/tickets/new');
  const form = new NewTicketForm(page);
  await form.fill({ subject: 'Kiosk network cable unplugged', requester: 'Front desk' });
  await form.submit();
  await expect(new TicketView(page).heading).toContainText('Kiosk network cable');
  await desk.shot('offline-ticket');

  await context.setOffline(false);
  await page.reload();
  await desk.ready();
  await page.goto('/#/tickets');
  const queue = new Queue(page);
  await queue.search('Kiosk network cable');
  await expect(queue.rows).toHaveCount(1);
});

test('the manifest and the service worker list this build\'s hashed files', async ({ request }) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.name).toBe('Tierdesk');
  const sw = await (await request.get('/sw.js')).text();
  expect(sw).toMatch(/tierdesk-web-[0-9a-f]+_bg\.wasm/);
  expect(sw).toContain('./index.html');
});
