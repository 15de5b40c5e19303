// Demo mode: a scenario plays on the demo clock at 600x, tickets breach and escalate, and the
// real desk is left exactly as it was.
import { test, expect } from '@playwright/test';
import { Desk, Queue } from '../pages/desk.js';
import { DemoClock } from '../pages/workspace.js';
import { Reports } from '../pages/reports.js';

async function realTicketCount(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('tierdesk');
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction('tickets').objectStore('tickets').count();
      req.onsuccess = () => { db.close(); resolve(req.result); };
      req.onerror = () => reject(req.error);
    };
  }));
}

test('a scenario at 600x escalates a Tier 1 ticket by its time limit; leaving demo keeps the real desk', async ({ page }) => {
  const real = new Desk(page);
  await real.open('#/tickets');
  const before = await realTicketCount(page);
  const firstSubject = await page.locator('table.tickets tbody tr').first().locator('td.subject').textContent();

  const desk = new Desk(page, '/?demo');
  const reports = new Reports(page, '/?demo');
  await reports.open();
  const createdBefore = await reports.number('created');
  await page.evaluate(() => { location.hash = '#/tickets'; });
  const clock = new DemoClock(page);
  await clock.bar.getByRole('button', { name: 'Start scenario' }).click();
  await expect(desk.notice()).toContainText('Scenario started');
  await clock.speed('600 times faster');
  // 600x: ten demo minutes per second. Within ~20 s more than three demo hours pass.
  await page.waitForTimeout(20_000);
  await clock.speed('Pause');
  await desk.shot('demo-scenario-queue');

  // The dashboard counts what the scenario did.
  await page.evaluate(() => { location.hash = '#/reports'; });
  await reports.settled();
  await expect.poll(() => reports.number('created')).toBeGreaterThan(createdBefore);
  await desk.shot('demo-scenario-dashboard');
  await page.evaluate(() => { location.hash = '#/tickets'; });

  // Some ticket moved up from Tier 1 because of its 15-minute limit.
  const queue = new Queue(page);
  await page.getByLabel('Tier').selectOption('2');
  await expect(queue.rows.first()).toBeVisible();
  let found = false;
  const n = Math.min(await queue.rows.count(), 15);
  for (let i = 0; i < n && !found; i++) {
    await queue.rows.nth(i).locator('td.subject a').click();
    const hit = page.locator('ol.timeline > li').filter({ hasText: 'tier time limit reached' });
    found = (await hit.count()) > 0;
    if (!found) await page.goBack();
  }
  expect(found).toBe(true);
  await desk.shot('demo-scenario-escalated');

  // Leaving demo mode: the real desk is as it was.
  await clock.bar.getByRole('button', { name: 'Leave demo' }).click();
  await real.ready();
  await expect(page.locator('.demo-bar')).toHaveCount(0);
  expect(await realTicketCount(page)).toBe(before);
  await page.goto('/#/tickets');
  await expect(page.locator('table.tickets tbody tr').first().locator('td.subject')).toHaveText(firstSubject);
});
