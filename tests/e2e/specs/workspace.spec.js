// The agent workspace: routing and assignment on create, tier limits on the demo clock,
// bulk actions, keyboard-only triage.
import { test, expect } from '@playwright/test';
import { Desk, Queue, NewTicketForm, TicketView } from '../pages/desk.js';
import { Views, Bulk, DemoClock } from '../pages/workspace.js';
import { Portal } from '../pages/portal.js';

test('a Tier 1 ticket is routed, assigned round-robin, escalates to Tier 2 by its time limit on the demo clock, is resolved, reopened by the requester and resolved again', async ({ page }) => {
  const desk = new Desk(page, '/?demo');
  await desk.open('#/tickets/new');
  const clock = new DemoClock(page);
  await expect(clock.bar).toBeVisible();
  const form = new NewTicketForm(page);
  await form.fill({
    subject: 'Forgot my password and I am locked out',
    description: 'Need a password reset before the 10:00 meeting.',
    requester: 'Noor Haddad',
    email: 'noor@example.org',
  });
  await form.submit();
  const ticket = new TicketView(page);
  await expect(ticket.heading).toContainText('locked out');
  // The keyword rule routes it to the Accounts category in Tier 1 ...
  await expect(ticket.timeline.filter({ hasText: 'routing rule' })).toHaveCount(1);
  // ... and Tier 1's round robin gives it an owner.
  await expect(ticket.timeline.filter({ hasText: /assigned to .* \(round robin\)/ })).toHaveCount(1);
  await desk.shot('workspace-routed');

  // The Tier 1 limit is 15 business minutes: jump the demo clock past it.
  await clock.hourAhead();
  const escalated = ticket.timeline.filter({ hasText: 'tier time limit reached' });
  await expect(escalated).toHaveCount(1, { timeout: 15_000 });
  await expect(escalated.first()).toContainText('escalated from');
  await expect(page.locator('.ticket-head .badges')).toContainText('T2');
  await desk.shot('workspace-escalated');

  // Resolved; the requester replies from the portal and it opens again; resolved once more.
  const id = Number((await ticket.heading.textContent()).match(/#(\d+)/)[1]);
  const badges = page.locator('.ticket-head .badges');
  await page.locator('#f-status').selectOption('resolved');
  await expect(badges).toContainText('Resolved');
  const portal = new Portal(page, '/?demo');
  await portal.lookup(`#${id}`, 'noor@example.org');
  await expect(page.locator('.ticket-status')).toContainText('Resolved');
  await portal.reply('Locked out again after lunch.');
  await expect(page.locator('.ticket-status')).toContainText('Open');
  await desk.open(`#/tickets/${id}`);
  await expect(ticket.timeline.filter({ hasText: 'Locked out again after lunch.' })).toHaveCount(1);
  await expect(badges).toContainText('Open');
  await page.locator('#f-status').selectOption('resolved');
  await expect(badges).toContainText('Resolved');
  await desk.shot('workspace-resolved-again');
});

test('bulk-assign 50 tickets in one action', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets');
  const queue = new Queue(page);
  await expect(queue.rows).toHaveCount(50);
  const bulk = new Bulk(page);
  await bulk.selectPage();
  await expect(bulk.bar).toContainText('50 selected');
  const agent = (await page.getByLabel('Assign selected to').locator('option').nth(2).textContent()).trim();
  await bulk.assignTo(agent);
  await expect(desk.notice()).toContainText('Assign: 50 tickets changed.');
  await page.getByLabel('Assignee').selectOption({ label: agent });
  expect(Number((await page.locator('.count').textContent()).split(' ')[0])).toBeGreaterThanOrEqual(50);
  await desk.shot('workspace-bulk');
});

test('keyboard-only triage: filter, move, select, open, create, shortcuts help', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets');
  await page.locator('body').press('/');
  await expect(page.locator('#queue-search')).toBeFocused();
  await page.keyboard.type('printer');
  // Arrow down leaves the filter for the list; then j / k walk it.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('table.tickets tbody tr').first()).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.locator('table.tickets tbody tr').nth(1)).toBeFocused();
  await page.keyboard.press('x');
  await expect(page.getByRole('region', { name: 'Bulk actions' })).toContainText('1 selected');
  await page.keyboard.press('k');
  await expect(page.locator('table.tickets tbody tr').nth(0)).toBeFocused();
  const subject = (await page.locator('table.tickets tbody tr').nth(0).locator('td.subject').textContent()).trim();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ticket-head h1')).toContainText(subject);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await page.keyboard.press('c');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
});

test('view counts follow a change without a reload', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/queue/mine');
  const views = new Views(page);
  const before = await views.count('My open tickets');
  await desk.open('#/tickets/new');
  const form = new NewTicketForm(page);
  await form.fill({ subject: 'Monitor flickers', requester: 'Ana Ruiz' });
  await form.submit();
  await expect(page.locator('.ticket-head h1')).toContainText('Monitor flickers');
  // Round robin may have given it to me already; otherwise take it.
  const mine = page.getByText('Assigned to you');
  const take = page.getByRole('button', { name: /^Take/ });
  await expect(mine.or(take)).toBeVisible();
  if (await take.isVisible()) {
    await take.click();
    await expect(desk.notice()).toBeVisible();
  }
  await expect(mine).toBeVisible();
  await page.goto('/#/queue/mine');
  await expect.poll(() => views.count('My open tickets')).toBe(before + 1);
});
