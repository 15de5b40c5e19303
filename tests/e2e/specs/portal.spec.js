// The requester portal (Tier 0) and kiosk mode. Each test gets a fresh browser context, so a
// fresh local desk with the demo data (its public and internal articles, its service catalog).
import { test, expect } from '@playwright/test';
import { Portal, PORTRAIT } from '../pages/portal.js';
import { TicketPage } from '../pages/ticket.js';
import { Settings } from '../pages/settings.js';

test('search as you type finds public articles only, typos included, with highlights', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open();
  await expect(page.locator('header.topbar')).toHaveCount(0);
  await expect(page.locator('.catalog-item', { hasText: 'Password reset' })).toBeVisible();
  await expect(page.locator('.topic-main').first()).toBeVisible();
  await expect(page.locator('.article-list > li').first()).toBeVisible();
  expect(await portal.smallTargets()).toEqual([]);
  await portal.shots('home');

  // "pasword": one letter missing, still found; the match is marked.
  await portal.search.pressSequentially('pasword reset');
  await expect(portal.result('Reset your password')).toHaveCount(1);
  await expect(portal.result('Reset your password').locator('.result-title mark')).toHaveText(['Reset', 'password']);
  await expect(page.getByRole('status').filter({ hasText: /articles? found/ })).toBeVisible();
  await portal.shots('search');

  // The agents' internal script about lockouts never shows; the public article does.
  await portal.search.fill('lockouts');
  await expect(portal.result('My account is locked')).toHaveCount(1);
  await expect(portal.result('Unlock an account')).toHaveCount(0);
});

test('the request form suggests articles while typing; reading one and leaving is a deflection', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open();
  await portal.request('Password reset');
  await page.getByLabel('Subject').pressSequentially('forgot my password');
  await expect(page.getByRole('heading', { name: 'These articles may solve it' })).toBeVisible();
  await expect(portal.suggestion('Reset your password')).toHaveCount(1);
  await portal.shots('request-suggestions');

  await portal.suggestion('Reset your password').locator('a').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await expect(page.locator('.article-body')).toContainText('Before you start');
  await expect(page.getByRole('link', { name: /Back to your request/ })).toBeVisible();
  await page.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByText('Thank you for your feedback.')).toBeVisible();
  await portal.shots('article');

  // Back to the home page without sending: the article solved it.
  await portal.home();
  await expect.poll(async () => (await portal.portalEvents()).map((e) => e.kind.type).sort())
    .toEqual(['article_viewed', 'deflected', 'helpful']);
  const events = await portal.portalEvents();
  expect(events.find((e) => e.kind.type === 'deflected').kind.article).toBe('reset-password');
  expect(new Set(events.map((e) => e.session)).size).toBe(1);

  // A second trip in the same visit records no second deflection.
  await portal.request('Password reset');
  await expect(page.getByLabel('Subject')).toHaveValue('');
  await page.getByLabel('Subject').fill('password expired');
  await portal.suggestions.first().locator('a').click();
  await portal.home();
  await page.waitForTimeout(300);
  expect((await portal.portalEvents()).filter((e) => e.kind.type === 'deflected')).toHaveLength(1);
});

test('a requester sends a request, checks it, replies; the agent resolves it; the requester rates it', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open();
  await portal.request('Password reset');
  await portal.fillRequest({
    subject: 'Locked out of the VPN after the password change',
    description: 'The VPN client says my password is wrong.',
    name: 'Rosa Diaz',
    email: 'rosa.diaz@example.org',
  });
  // "Which system?" is required.
  await portal.send();
  await expect(portal.alert.filter({ hasText: 'Some answers are missing' })).toBeVisible();
  const system = page.getByLabel('Which system?');
  await expect(system).toHaveAttribute('aria-invalid', 'true');
  await expect(system.locator('xpath=..')).toContainText('Please fill this in.');
  await expect(system).toBeFocused();
  await portal.shots('request-errors');
  await system.selectOption('VPN');
  await portal.send();
  await expect(page.getByRole('heading', { name: /your request was sent/ })).toBeVisible();
  const id = await portal.sentReference();
  await expect(page.locator('.portal-thanks')).toContainText(`enter #${id} with the e-mail address or the name`);
  await portal.shots('thanks');

  // The agent sees the ticket from the portal, writes an internal note and a public reply.
  const agent = new TicketPage(page);
  await agent.open(id);
  await expect(page.locator('.ticket-head')).toContainText('Locked out of the VPN');
  await agent.mode('note');
  await agent.composer.fill('Internal: account flagged by security, do not tell the requester.');
  await agent.addNote();
  await expect(agent.entry('account flagged by security')).toHaveCount(1);
  await agent.composer.fill('Hello Rosa, please try again now; we reset the VPN profile.');
  await agent.sendReply();
  await expect(agent.entry('we reset the VPN profile')).toHaveCount(1);

  // Wrong combinations all get the same neutral answer.
  await portal.lookup(`#${id}`, 'someone.else@example.org');
  const neutral = await portal.alert.textContent();
  expect(neutral).toContain('No ticket matches');
  await portal.lookup('#987654', 'rosa.diaz@example.org');
  expect(await portal.alert.textContent()).toBe(neutral);
  await portal.lookup('not a number', 'rosa.diaz@example.org');
  expect(await portal.alert.textContent()).toBe(neutral);

  // E-mail in another case with spaces around: found. Only the public conversation shows.
  await portal.lookup(`${id}`, '  ROSA.DIAZ@example.org ');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`#${id}`);
  await expect(page.locator('.ticket-status')).toContainText('Open');
  await expect(portal.message('The VPN client says my password is wrong.')).toHaveCount(1);
  await expect(portal.message('we reset the VPN profile')).toHaveCount(1);
  await expect(page.locator('.portal')).not.toContainText('account flagged by security');
  await expect(page.locator('.portal')).not.toContainText('Assigned');

  await portal.reply('Still the same error, sorry.');
  await expect(page.getByText('Your reply was sent.')).toBeVisible();
  await expect(portal.message('Still the same error, sorry.')).toHaveCount(1);
  await portal.shots('ticket');

  // By name works too (case-insensitive).
  await portal.lookup(`#${id}`, 'rosa diaz');
  await expect(portal.message('Still the same error, sorry.')).toHaveCount(1);

  // The agent sees the reply and resolves the ticket.
  await agent.open(id);
  await expect(agent.entry('Still the same error, sorry.')).toHaveCount(1);
  await page.locator('#f-status').selectOption('resolved');
  await expect(agent.badges).toContainText('Resolved');

  // The requester rates it; afterwards it shows as rated, also after a reload.
  await portal.lookup(`#${id}`, 'rosa.diaz@example.org');
  await expect(page.locator('.ticket-status')).toContainText('Resolved');
  await expect(page.getByText('If the problem is back, reply and it opens again.')).toBeVisible();
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByText('Choose a rating from 1 to 5 first.')).toBeVisible();
  await portal.rate(5, 'Quick and friendly.');
  await expect(page.getByText('You rated this ticket 5 of 5. Thank you!')).toBeVisible();
  await portal.shots('rated');
  await page.reload();
  await portal.lookup(`#${id}`, 'rosa.diaz@example.org');
  await expect(page.getByText('You rated this ticket 5 of 5. Thank you!')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send rating' })).toHaveCount(0);
  await expect(page.locator('.portal')).not.toContainText('account flagged by security');

  // Inside the reopen window, a reply opens the ticket again.
  await portal.reply('It broke again this morning.');
  await expect(page.locator('.ticket-status')).toContainText('Open');
  await expect(portal.message('It broke again this morning.')).toHaveCount(1);

  // The agent sees the rating, the reply and the reopened status.
  await agent.open(id);
  await expect(agent.entry('It broke again this morning.')).toHaveCount(1);
  await expect(agent.badges).toContainText('Open');
  const events = await portal.portalEvents();
  expect(events.filter((e) => e.kind.type === 'ticket_submitted').map((e) => e.kind.ticket)).toEqual([id]);
});

test('kiosk lock keeps the agent pages out of reach until the PIN opens them', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');

  const portal = new Portal(page);
  await portal.lockKiosk('2468');
  await expect(page.locator('header.topbar')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Staff: unlock' })).toBeVisible();

  // Only a salted PBKDF2 hash is stored, never the PIN.
  const lock = await portal.meta('kiosk');
  expect(lock.pin.algorithm).toBe('PBKDF2-SHA256');
  expect(lock.pin.iterations).toBeGreaterThanOrEqual(600000);
  expect(lock.pin.salt).toMatch(/^[0-9a-f]{32}$/);
  expect(lock.pin.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(lock)).not.toContain('2468');

  // Direct navigation to agent pages shows the PIN prompt, never the agent shell.
  for (const hash of ['#/tickets', '#/settings', '#/tickets/new', '#/tickets/1']) {
    await page.goto(`/${hash}`);
    await expect(portal.unlockPrompt()).toBeVisible();
    await expect(page.locator('header.topbar')).toHaveCount(0);
    await expect(page.locator('table.tickets')).toHaveCount(0);
  }
  // Agent shortcuts are off.
  await page.locator('h1').click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  // The kiosk settings page is behind the PIN too.
  await page.goto('/#/portal/kiosk');
  await expect(portal.unlockPrompt()).toBeVisible();
  // The lock survives a reload.
  await page.goto('/#/tickets');
  await page.reload();
  await expect(portal.unlockPrompt()).toBeVisible();
  await portal.shots('unlock');

  // A wrong PIN is refused, after a delay.
  const started = Date.now();
  await portal.unlock('1357');
  await expect(page.getByRole('alert')).toContainText('Wrong PIN');
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  await expect(page.locator('header.topbar')).toHaveCount(0);

  // The right PIN opens the page that was asked for.
  await portal.unlock('2468');
  await expect(page.locator('header.topbar')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('table.tickets tbody tr').first()).toBeVisible();

  // Lock again from the portal: the agent pages are closed again.
  await portal.open('#/portal');
  await page.getByRole('button', { name: 'Lock again' }).click();
  await page.goto('/#/tickets');
  await expect(portal.unlockPrompt()).toBeVisible();

  // An admin leaves kiosk mode; the lock is gone, also after a reload.
  await portal.unlock('2468');
  await expect(page.locator('header.topbar')).toBeVisible({ timeout: 20_000 });
  await portal.open('#/portal/kiosk');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(page.getByText('Kiosk mode is off.')).toBeVisible();
  expect(await portal.meta('kiosk')).toBeFalsy();
  await page.goto('/#/tickets');
  await page.reload();
  await expect(page.locator('header.topbar')).toBeVisible();
});

test('a ticket sent at a locked kiosk has the kiosk channel; portrait layout stays readable', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  const portal = new Portal(page);
  await portal.lockKiosk('97531');
  await page.setViewportSize(PORTRAIT);
  await portal.request('Something else');
  await portal.fillRequest({ subject: 'The coffee machine shows error E42', name: 'Kim Lee' });
  await portal.send();
  const id = await portal.sentReference();
  // No horizontal scrolling in portrait.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.goto('/#/tickets');
  await portal.unlock('97531');
  const agent = new TicketPage(page);
  await agent.open(id);
  await expect(agent.timeline.first()).toContainText('kiosk');
});

test('a kiosk left alone for ten minutes starts over; a suggestion read before counts as deflected', async ({ page }) => {
  await page.clock.install();
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  const portal = new Portal(page);
  await portal.lockKiosk('8642');
  await portal.request('Password reset');
  await page.getByLabel('Subject').fill('forgot my password');
  await page.getByLabel('Your name').fill('Kim Lee');
  await portal.suggestion('Reset your password').locator('a').click();
  const article = page.getByRole('heading', { level: 1, name: 'Reset your password' });
  await expect(article).toBeVisible();

  await page.clock.fastForward('09:00');
  await page.waitForTimeout(500);
  await expect(article).toBeVisible();
  expect((await portal.portalEvents()).filter((e) => e.kind.type === 'deflected')).toHaveLength(0);

  await page.clock.fastForward('01:30');
  await expect(page.getByRole('heading', { name: 'How can we help?' })).toBeVisible();
  await expect.poll(async () => (await portal.portalEvents()).filter((e) => e.kind.type === 'deflected').length).toBe(1);
  // Nothing of the last person is left for the next one.
  await portal.request('Password reset');
  await expect(page.getByLabel('Subject')).toHaveValue('');
  await expect(page.getByLabel('Your name')).toHaveValue('');
});
