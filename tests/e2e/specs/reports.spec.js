// Reports: the KPI dashboard on the demo desk, the incident report of linked tickets, and
// tiered support against swarming. Each test gets a fresh browser context, so a fresh desk
// with the demo data.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Reports, num } from '../pages/reports.js';
import { TicketPage } from '../pages/ticket.js';
import { Desk } from '../pages/desk.js';

test('the dashboard shows every KPI of the demo desk, each explained and reachable by keyboard', async ({ page }) => {
  const r = new Reports(page);
  await r.open();
  expect(await r.number('created')).toBeGreaterThan(5);
  expect(await r.number('resolved')).toBeGreaterThan(0);
  expect(await r.number('backlog')).toBeGreaterThan(0);
  for (const key of ['time_to_acknowledge', 'first_response', 'time_to_resolve', 'resolution_time']) {
    await expect(r.value(key)).toHaveText(/\d+ (min|h|d)/);
    await expect(r.card(key)).toContainText('n = ');
  }
  for (const key of ['first_contact_resolution', 'reopen', 'escalation', 'sla']) {
    await expect(r.value(key)).toHaveText(/^\d+%$/);
  }
  await expect(r.card('escalation_steps')).toContainText('Tier 1 → Tier 2');
  await expect(r.card('sla')).toContainText('First response');
  await expect(r.value('csat')).toHaveText(/of 5|—/);
  await expect(r.value('deflection')).toHaveText(/No portal data|%/);
  expect(await r.page.locator('.kpi').count()).toBeGreaterThanOrEqual(20);

  // The period's explanation is the next stop after the period picker.
  await page.getByLabel('Period', { exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'What is “Period”?' })).toBeFocused();

  // Every card's "?" opens and closes its explanation from the keyboard, and the
  // explanation is also the tooltip.
  const buttons = await r.helpButtons.all();
  expect(buttons.length).toBeGreaterThanOrEqual(20);
  for (const b of buttons) {
    const help = page.locator(`#${await b.getAttribute('aria-controls')}`);
    await expect(help).toBeHidden();
    await b.focus();
    await page.keyboard.press('Enter');
    await expect(b).toHaveAttribute('aria-expanded', 'true');
    await expect(help).toBeVisible();
    expect((await help.textContent()).length).toBeGreaterThan(20);
    expect(await b.getAttribute('title')).toBe(await help.textContent());
    await page.keyboard.press(' ');
    await expect(help).toBeHidden();
  }
  await r.card('first_contact_resolution').locator('.kpi-help-toggle').click();

  // Charts have captions and their numbers behind "Show data".
  for (const caption of ['Tickets created and resolved per day', 'Open tickets by age', 'SLA compliance per day', 'Tickets that reached each tier']) {
    await expect(r.chart(caption)).toHaveCount(1);
  }
  const funnel = await r.chartData('Tickets that reached each tier');
  expect(funnel[0]).toEqual(['Tier', 'Tickets']);
  expect(funnel.length).toBe(6);
  await r.shot('reports-dashboard-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await r.shot('reports-dashboard-dark');

  await r.breakdown('Per tier');
  const table = page.locator('table.breakdown-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr').first()).toContainText('Tier');
  await r.breakdown('Per agent');
  await expect(page.locator('table.breakdown-table[data-dim="agent"] tbody tr')).not.toHaveCount(0);
  await page.emulateMedia({ colorScheme: 'light' });
  await r.shot('reports-breakdown');
  await page.setViewportSize({ width: 420, height: 900 });
  await r.shot('reports-dashboard-narrow');
});

test('changing the period changes the numbers', async ({ page }) => {
  const r = new Reports(page);
  await r.open();
  const week = await r.number('created');
  await r.period('Last 30 days');
  const month = await r.number('created');
  expect(month).toBeGreaterThan(week);
  await r.period('Today');
  const today = await r.number('created');
  expect(today).toBeLessThan(week);
  const days = await r.chartData('Tickets created and resolved per day');
  expect(days.length).toBe(2);

  await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Custom' });
  await page.getByLabel('First day').fill('2030-01-10');
  await page.getByLabel('Last day (included)').fill('2030-01-01');
  await expect(page.getByRole('alert').filter({ hasText: 'The first day must not be after the last day.' })).toBeVisible();
  await expect(page.getByLabel('First day')).toHaveAttribute('aria-invalid', 'true');
});

test('creating and resolving a ticket changes "resolved" and the charts\' data', async ({ page }) => {
  const r = new Reports(page);
  await r.open();
  await r.period('Today');
  const before = { created: await r.number('created'), resolved: await r.number('resolved') };
  const rowsBefore = await r.chartData('Tickets created and resolved per day');

  const t = new TicketPage(page);
  await t.create({ subject: 'Projector in room 4 shows no picture', requester: 'Ola Nordmann' });
  await page.locator('#f-status').selectOption('resolved');
  await expect(t.badges).toContainText('Resolved');

  await r.desk.open('#/reports');
  await r.settled();
  await r.period('Today');
  await expect(r.value('resolved')).toHaveText(String(before.resolved + 1));
  await expect(r.value('created')).toHaveText(String(before.created + 1));
  const rowsAfter = await r.chartData('Tickets created and resolved per day');
  const [, created0, resolved0] = rowsBefore[1];
  const [, created1, resolved1] = rowsAfter[1];
  expect(num(created1)).toBe(num(created0) + 1);
  expect(num(resolved1)).toBe(num(resolved0) + 1);
});

test('the dashboard follows the demo clock', async ({ page }) => {
  const r = new Reports(page, '/?demo');
  await r.open();
  const underAnHour = async () => num((await r.chartData('Open tickets by age'))[1][1]);
  // The demo desk always has a few tickets that came in during the last hour.
  expect(await underAnHour()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: '+1 h' }).click();
  await expect(async () => expect(await underAnHour()).toBe(0)).toPass({ timeout: 15_000 });
  await r.shot('reports-dashboard-demo');
});

test('the incident report lists every linked ticket and prints without the app around it', async ({ page }) => {
  const t = new TicketPage(page);
  const a = await t.create({ subject: 'Mail server <b>down</b> for everyone', requester: 'Ops' });
  const b = await t.create({ subject: 'Cannot send mail from Outlook', requester: 'Kim Lee' });
  const c = await t.create({ subject: 'Shared mailbox not updating', requester: 'Ana Lima' });
  const d = await t.create({ subject: 'Phone app shows no new mail', requester: 'Jo Park' });
  await t.open(a);
  await t.link('problem behind', b);
  await expect(t.links.filter({ hasText: `#${b}` })).toHaveCount(1);
  await t.link('parent of', c);
  await expect(t.links.filter({ hasText: `#${c}` })).toHaveCount(1);
  await t.composer.fill('Mail queue is stuck on the relay.');
  await t.addNote();
  await t.open(b);
  await t.link('related to', d);
  await expect(t.links.filter({ hasText: `#${d}` })).toHaveCount(1);

  // From any ticket of the group: here the child.
  await t.open(c);
  await page.getByRole('link', { name: 'Incident report' }).click();
  await expect(page).toHaveURL(new RegExp(`#/reports/incident/${c}$`));
  const rows = page.locator('table.incident-tickets tbody tr');
  await expect(rows).toHaveCount(4);
  for (const id of [a, b, c, d]) {
    await expect(rows.filter({ hasText: `#${id}` })).toHaveCount(1);
  }
  await expect(page.locator('section[aria-labelledby="ir-problems"]')).toContainText(`#${a}`);
  await expect(page.locator('section.incident-ticket')).toHaveCount(4);
  await expect(page.locator('h2', { hasText: 'Mail server <b>down</b> for everyone' })).toHaveCount(1);
  const note = page.locator('.incident-entry', { hasText: 'Mail queue is stuck' });
  await expect(note).toContainText('internal');
  await expect(page.locator('.incident-tiers').first()).toContainText('Tier 1');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download as Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`incident-${c}.md`);
  const md = readFileSync(await download.path(), 'utf8');
  expect(md).toContain(`# Incident report: \\#${c} Shared mailbox not updating`);
  for (const id of [a, b, c, d]) expect(md).toContain(`| \\#${id} |`);
  expect(md).toContain('Mail server \\<b\\>down\\</b\\> for everyone');
  expect(md).not.toContain('<b>');

  await page.evaluate(() => window.scrollTo(0, 0));
  await new Desk(page).shot('reports-incident-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await new Desk(page).shot('reports-incident-dark');
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  await expect(page.locator('header.topbar')).toBeHidden();
  await expect(page.locator('.report-toolbar')).toBeHidden();
  await expect(rows).toHaveCount(4);
  await new Desk(page).shot('reports-incident-print');
});

test('the comparison shows tiered support and swarming side by side', async ({ page }) => {
  const r = new Reports(page);
  await r.desk.open('#/reports/compare');
  const table = page.locator('table.compare-table');
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.locator('thead')).toContainText('Tiered');
  await expect(table.locator('thead')).toContainText('Swarming');
  const created = table.locator('tr[data-kpi="created"] td');
  await expect(created).toHaveCount(2);
  const [tiered, swarm] = await created.allTextContents();
  expect(num(tiered)).toBeGreaterThan(5);
  expect(tiered).toBe(swarm);
  for (const key of ['escalation', 'time_to_resolve', 'first_response', 'sla', 'time_spent_minutes', 'cost_per_ticket', 'first_contact_resolution']) {
    const cells = await table.locator(`tr[data-kpi="${key}"] td`).allTextContents();
    expect(cells.length).toBe(2);
    for (const c of cells) expect(c).not.toBe('');
  }
  const esc = await table.locator('tr[data-kpi="escalation"] td').allTextContents();
  expect(num(esc[0])).toBeGreaterThan(num(esc[1]));
  await expect(page.getByText('Swarming: the first agent keeps the ticket')).toBeVisible();
  await r.shot('reports-compare-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await r.shot('reports-compare-dark');

  // Another seed and length: the run shows its progress and new numbers.
  await page.getByLabel('Seed').fill('11');
  await page.getByLabel('Tickets arrive for').selectOption({ label: '24 hours' });
  await page.getByRole('button', { name: 'Run the simulation' }).click();
  await expect(page.getByRole('button', { name: 'Run the simulation' })).toBeEnabled({ timeout: 60_000 });
  const more = num(await table.locator('tr[data-kpi="created"] td').first().textContent());
  expect(more).toBeGreaterThan(num(tiered));
});

for (const [locale, title, period, tickets] of [['de-DE', 'Berichte', 'Zeitraum', 'Eingang'], ['zh-CN', '报表', '期间', '新建工单']]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });
    test(`the dashboard speaks the page's language (${locale})`, async ({ page }) => {
      const r = new Reports(page);
      await r.open();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.getByLabel(period, { exact: true })).toBeVisible();
      await expect(r.card('created').locator('.kpi-label')).toHaveText(tickets);
      const help = r.card('created').locator('.kpi-help-toggle');
      await help.focus();
      await page.keyboard.press('Enter');
      await expect(r.card('created').locator('.kpi-help')).toBeVisible();
      await r.shot(`reports-dashboard-${locale}`);
    });
  });
}
