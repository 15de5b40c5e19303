// The ticket page: an agent's day on one ticket. Each test gets a fresh browser context, so a
// fresh local desk with the demo data; tickets are created through the "New ticket" page.
import { test, expect } from '@playwright/test';
import { TicketPage } from '../pages/ticket.js';

test('reply and internal note, each previewed exactly as it will be sent', async ({ page }) => {
  const t = new TicketPage(page);
  await t.create({ subject: 'Label printer in the warehouse prints blank labels', requester: 'Rosa Diaz' });

  const reply = 'Hello Rosa,\nplease switch the printer off and on.\n\nThanks';
  await t.composer.fill(reply);
  await expect(t.preview).toContainText('Preview: what Rosa Diaz will receive');
  // Plain text with its line breaks, exactly as typed.
  expect(await t.preview.locator('.body').textContent()).toBe(reply);
  expect(await t.preview.locator('.body').innerText()).toContain('Hello Rosa,\nplease switch');
  await t.sendReply();
  await expect(t.entry('please switch the printer off')).toHaveCount(1);
  await expect(t.entry('please switch the printer off')).toHaveClass(/entry-reply/);
  await expect(t.composer).toHaveValue('');
  await expect(t.preview).toHaveCount(0);
  await expect(t.badges).toContainText('Open');

  // n: note mode, when not typing.
  await page.locator('#timeline-heading').click();
  await page.keyboard.press('n');
  await expect(t.composer).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Internal note' })).toBeChecked();
  await page.keyboard.type('Driver 4.2 on this one; r and n typed here are text.');
  await expect(t.composer).toHaveValue('Driver 4.2 on this one; r and n typed here are text.');
  await expect(t.preview).toContainText('internal note, agents only');
  await t.shot('ticket-composer-note');
  await t.addNote();
  const note = t.entry('Driver 4.2 on this one');
  await expect(note).toHaveClass(/entry-note/);
  await expect(note.locator('.tag-internal')).toHaveText('internal');

  // r: back to a public reply.
  await page.locator('#timeline-heading').click();
  await page.keyboard.press('r');
  await expect(t.composer).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Public reply' })).toBeChecked();

  // The SLA panel shows each clock in words.
  await expect(t.sla).toContainText('First response');
  await expect(t.sla).toContainText('Resolution');
  await t.shot('ticket-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await t.shot('ticket-dark');
  await page.setViewportSize({ width: 420, height: 900 });
  await t.shot('ticket-narrow');
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  await page.setViewportSize({ width: 900, height: 1200 });
  await t.shot('ticket-print');
});

test('a canned response fills in the requester, the ticket and the agent', async ({ page }) => {
  const t = new TicketPage(page);
  const id = await t.create({ subject: 'Cannot open the shared team calendar', requester: 'Hannah Schmidt' });
  const me = await t.me();
  await t.canned('We are on it');
  await expect(t.composer).toHaveValue(/^Hello Hannah Schmidt,/);
  await expect(t.composer).toHaveValue(new RegExp(`#${id}`));
  await expect(t.composer).toHaveValue(new RegExp(`${me}$`));
  await expect(t.composer).not.toHaveValue(/\{\{/);
  await expect(t.preview).toContainText('Hello Hannah Schmidt,');
  await t.sendReply();
  await expect(t.entry('Hello Hannah Schmidt,')).toHaveCount(1);
});

test('escalating needs a reason, and the move with its reason lands in the timeline', async ({ page }) => {
  const t = new TicketPage(page);
  await t.create({ subject: 'Docking station loses the second monitor' });
  await expect(t.badges).toContainText('T1');

  const dlg = await t.escalate('');
  await expect(dlg.getByRole('alert')).toContainText('Give a reason');
  await expect(dlg.getByLabel('Move to', { exact: true })).toHaveValue('2');
  await expect(t.badges).toContainText('T1');

  await dlg.getByLabel('Reason (required)').fill('Needs a hands-on hardware check');
  await dlg.getByRole('button', { name: 'Move ticket' }).click();
  await expect(dlg).toBeHidden();
  const moved = t.entry('Needs a hands-on hardware check');
  await expect(moved).toHaveCount(1);
  await expect(moved).toContainText(/escalated from .+ to .+ by hand/);
  await expect(moved).toHaveClass(/entry-tier/);
  await expect(t.badges).toContainText('T2');
  // Tier 2 and up: the root cause is shown above the timeline.
  await expect(page.locator('.root-cause.prominent')).toBeVisible();
  await t.shot('ticket-tier2');
});

test('take assigns the ticket to me', async ({ page }) => {
  const t = new TicketPage(page);
  await t.create({ subject: 'Headset microphone is very quiet' });
  const me = await t.me();
  // Hand it to someone outside tier 1 first: automatic assignment may have picked me.
  await t.assign('Lena Fischer');
  await expect(t.entry('assigned to Lena Fischer')).toHaveCount(1);
  await t.take();
  await expect(page.locator('.ticket-actions .mine')).toHaveText(/Assigned to you/);
  await expect(page.locator('#f-assignee option:checked')).toHaveText(new RegExp(`^${me}`));
  await expect(t.entry(`assigned to ${me}`).last()).toBeVisible();
});

test('a link is shown on both tickets, with the other subject, and removed from both', async ({ page }) => {
  const t = new TicketPage(page);
  const a = await t.create({ subject: 'Wi-Fi in meeting room 4 keeps dropping' });
  const b = await t.create({ subject: 'Video call froze in meeting room 4' });

  await t.link('child of', a);
  const toA = t.links.filter({ hasText: `#${a}` });
  await expect(toA).toContainText('child of');
  await expect(toA).toContainText('Wi-Fi in meeting room 4 keeps dropping');
  await expect(t.entry(`linked as child of #${a}`)).toHaveCount(1);

  await toA.getByRole('link', { name: `#${a}` }).click();
  await expect(t.heading).toContainText(`#${a}`);
  const toB = t.links.filter({ hasText: `#${b}` });
  await expect(toB).toContainText('parent of');
  await expect(toB).toContainText('Video call froze in meeting room 4');
  await expect(t.entry(`linked as parent of #${b}`)).toHaveCount(1);

  await t.unlink(b);
  await expect(t.links).toHaveText(['No links']);
  await t.open(b);
  await expect(t.links).toHaveText(['No links']);
});

test('merging shows a banner on the merged ticket and "merged from" on the survivor', async ({ page }) => {
  const t = new TicketPage(page);
  const keep = await t.create({ subject: 'Projector in room 2 shows no picture' });
  const dup = await t.create({ subject: 'Room 2 projector has no picture' });
  await t.composer.fill('Checking the cable.');
  await t.sendReply();
  await expect(t.entry('Checking the cable.')).toHaveCount(1);

  await t.mergeInto(keep);
  await expect(t.banner).toContainText(`Merged into #${keep}`);
  await expect(t.badges).toContainText('Closed');
  await expect(t.entry(`merged this ticket into #${keep}`)).toHaveCount(1);
  // Its own history stays visible.
  await expect(t.entry('Checking the cable.')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Send reply' })).toBeDisabled();
  await t.shot('ticket-merged');

  await t.banner.getByRole('link', { name: `#${keep}` }).click();
  await expect(t.heading).toContainText(`#${keep}`);
  await expect(t.entry(`merged #${dup} into this ticket`)).toHaveCount(1);
  await expect(t.banner).toHaveCount(0);
});

test('logged time adds up per agent', async ({ page }) => {
  const t = new TicketPage(page);
  await t.create({ subject: 'Laptop fan is loud during video calls' });
  const me = await t.me();
  await t.logTime(0);
  await expect(page.locator('.time-spent .field-error')).toContainText('between 1 minute and 24 hours');
  await t.logTime(25);
  await expect(t.entry('logged 25 min')).toHaveCount(1);
  await t.logTime(20);
  await expect(t.entry('logged 20 min')).toHaveCount(1);
  await expect(t.timeTable.locator('tbody tr', { hasText: me })).toContainText('45 min');
  await expect(t.timeTable.locator('tfoot')).toContainText('45 min');
});

test('priority from impact x urgency; overriding the matrix asks for a reason', async ({ page }) => {
  const t = new TicketPage(page);
  await t.create({ subject: 'Payroll export fails for the finance team', priority: 'low' });
  await expect(t.badges).toContainText('Low');

  await t.setMatrix(1, 1);
  await expect(page.locator('.matrix-answer')).toHaveText('Matrix: Critical');
  await expect(t.badges).toContainText('Critical');
  await expect(t.entry('changed priority from Low to Critical')).toHaveCount(1);

  await t.setPriority('medium');
  const dlg = t.dialog('Override the priority matrix');
  await expect(dlg).toContainText('gives Critical');
  await dlg.getByRole('button', { name: 'Set to Medium' }).click();
  await expect(dlg.getByRole('alert')).toContainText('Give a reason');
  await dlg.getByLabel('Reason (required)').fill('Only one report so far');
  await dlg.getByRole('button', { name: 'Set to Medium' }).click();
  await expect(dlg).toBeHidden();
  await expect(t.entry('changed priority from Critical to Medium because "Only one report so far"')).toHaveCount(1);
  await expect(page.locator('.override-note')).toContainText('Only one report so far');
  await expect(t.badges).toContainText('Medium');
});

test('SLA clocks follow the desk clock; past breaches join the timeline as derived entries', async ({ page }) => {
  // The demo desk: its clock starts on a working morning and the demo bar moves it.
  const t = new TicketPage(page, '/?demo');
  await t.create({ subject: 'Main file server unreachable for everyone', priority: 'critical' });
  const first = t.clock('First response');
  await expect(first).toContainText('Running');
  await expect(first).toContainText('15 min left');
  await expect(t.entry('First response breached')).toHaveCount(0);
  // The ticking panel is not a live region.
  await expect(page.locator('.sla-panel[aria-live], .sla-panel [aria-live]')).toHaveCount(0);

  await page.getByRole('button', { name: '+1 h' }).click();
  await expect(first).toContainText('Breached');
  await expect(first).toContainText('overdue by 45 min');
  const breach = t.entry('First response breached');
  await expect(breach).toHaveCount(1);
  await expect(breach).toHaveClass(/entry-derived/);
  await expect(breach.locator('.tag-derived')).toHaveText('derived');
  await expect(t.entry('First response due soon')).toHaveCount(1);
  await t.shot('ticket-sla-breached');
});

test("another tab's change shows up here and the unsent text stays in the box", async ({ page, context }) => {
  const t = new TicketPage(page);
  const id = await t.create({ subject: 'Badge printer jams on every second card' });
  await t.composer.fill('Half-written answer,\nnot sent yet');

  const other = await context.newPage();
  const t2 = new TicketPage(other);
  await t2.open(id);
  await t2.composer.fill('Written in the other tab');
  await t2.addNote();
  await expect(t2.entry('Written in the other tab')).toHaveCount(1);

  // Coming back to this tab reloads the ticket; the draft is untouched.
  await page.bringToFront();
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(t.entry('Written in the other tab')).toHaveCount(1);
  await expect(t.composer).toHaveValue('Half-written answer,\nnot sent yet');
  await t.sendReply();
  await expect(t.entry('Half-written answer,')).toHaveCount(1);
});
