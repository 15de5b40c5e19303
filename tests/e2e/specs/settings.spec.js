// Settings: who works at this browser, and admins changing the desk. Every bad edit must
// name its field and save nothing.
import { test, expect } from '@playwright/test';
import { Desk } from '../pages/desk.js';
import { Settings, SECTIONS } from '../pages/settings.js';

test('switching who-am-I shows the name in the top bar and survives a reload', async ({ page }) => {
  const desk = new Desk(page);
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('jonas');
  await expect(settings.meBadge).toHaveText('Jonas Weber');
  const card = settings.panel('who').locator('.me-card');
  await expect(card).toContainText('Jonas Weber');
  await expect(card).toContainText('Tier 1');
  await expect(card).toContainText(/On shift now\?\s*[✔✖] (Yes|No)/);
  await settings.shot(desk, 'settings-who-jonas');
  await page.reload();
  await desk.ready();
  await expect(settings.meBadge).toHaveText('Jonas Weber');
});

test('a non-admin sees the agents read only, with a note', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('jonas');
  await settings.show('agents');
  await expect(settings.panel('agents').getByRole('note')).toContainText('Read only: Jonas Weber is not an admin');
  await expect(settings.panel('agents').getByRole('button', { name: 'Add agent' })).toBeDisabled();
  await expect(settings.panel('agents').getByRole('button', { name: 'Edit Lena Fischer' })).toHaveCount(0);
});

test('the section tabs work by keyboard', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.tab('who').focus();
  await page.keyboard.press('ArrowDown');
  await expect(settings.tab('agents')).toBeFocused();
  await expect(settings.tab('agents')).toHaveAttribute('aria-selected', 'true');
  await expect(settings.panel('agents')).toBeVisible();
  await page.keyboard.press('End');
  await expect(settings.panel('data')).toBeVisible();
  await expect(settings.panel('data')).toContainText('Schema version');
  await expect(page).toHaveURL(/#\/settings\?s=data$/);
});

test('an admin adds a Tier 2 agent with a skill, and the agent appears in the assignee lists', async ({ page }) => {
  const desk = new Desk(page);
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  await settings.show('agents');
  await settings.panel('agents').getByRole('button', { name: 'Add agent' }).click();
  const dialog = settings.agentDialog();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name').fill('Zara Quinn');
  await dialog.getByLabel('E-mail').fill('zara.quinn@example.org');
  await dialog.getByLabel('Tier 2 · Technical support').check();
  await dialog.getByLabel('Network (Tier 2)').check();
  await dialog.getByLabel('Skills').fill('python');
  await dialog.getByLabel('Skills').press('Enter');
  await expect(dialog.locator('.chip', { hasText: 'python' })).toBeVisible();
  await settings.shot(desk, 'settings-agent-dialog');
  await dialog.getByRole('button', { name: 'Save agent' }).click();
  await expect(dialog).toBeHidden();
  const row = settings.agentRow('Zara Quinn');
  await expect(row).toContainText('python');
  await expect(row).toContainText('Network');
  await expect(row.locator('td').first()).toHaveText('2');
  await settings.shot(desk, 'settings-agents');

  await page.goto('/#/tickets');
  await desk.ready();
  const assignee = page.getByRole('combobox', { name: 'Assignee' });
  await expect(assignee.locator('option', { hasText: 'Zara Quinn' })).toHaveCount(1);
  await page.reload();
  await desk.ready();
  await expect(page.getByRole('combobox', { name: 'Assignee' }).locator('option', { hasText: 'Zara Quinn' })).toHaveCount(1);
});

test('removing an agent asks first and says how many open tickets they own', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  await settings.show('agents');
  const row = settings.agentRow('Lena Fischer');
  const open = (await row.locator('td.num').last().textContent()).trim();
  await settings.panel('agents').getByRole('button', { name: 'Remove Lena Fischer' }).click();
  const dialog = page.locator('dialog[open]');
  const expected = open === '0' ? 'owns no open tickets' : `still owns ${open} open ticket`;
  await expect(dialog).toContainText(expected);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(settings.agentRow('Lena Fischer')).toHaveCount(1);
  await settings.panel('agents').getByRole('button', { name: 'Remove Lena Fischer' }).click();
  await page.locator('dialog[open]').getByRole('button', { name: 'Remove Lena Fischer' }).click();
  await expect(settings.agentRow('Lena Fischer')).toHaveCount(0);
  await page.reload();
  await expect(settings.panel('agents')).toBeVisible();
  await expect(settings.agentRow('Lena Fischer')).toHaveCount(0);
});

test('a bad calendar edit names the field and saves nothing', async ({ page }) => {
  const desk = new Desk(page);
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  await settings.show('calendars');
  await settings.pickCalendar('8/5');
  const editor = settings.calendarEditor();
  await expect(editor.getByLabel('Monday')).toHaveValue('09:00-17:00');
  await editor.getByLabel('Monday').fill('17:00-09:00');
  await editor.getByLabel('Time zone').fill('Mars/Base');
  await expect(editor.locator('.open-now')).toContainText('Unknown time zone');
  await settings.panel('calendars').getByRole('button', { name: 'Save calendars' }).click();
  await expect(settings.problems('calendars')).toContainText('Nothing was saved');
  await expect(editor.locator('.day-row', { hasText: 'Monday' }).locator('.field-error')).toContainText('Monday: the range 17:00-09:00 does not end after it starts');
  await expect(editor.locator('.field-error', { hasText: 'Time zone' })).toContainText('"Mars/Base" is not a known time zone');
  await expect(desk.notice()).toContainText('Nothing was saved');
  await settings.shot(desk, 'settings-calendar-problem');

  await page.reload();
  await expect(settings.panel('calendars')).toBeVisible();
  await settings.pickCalendar('8/5');
  await expect(settings.calendarEditor().getByLabel('Monday')).toHaveValue('09:00-17:00');
  await expect(settings.calendarEditor().getByLabel('Time zone')).toHaveValue('UTC');
});

test('a range that is not a time range is refused before the checks, beside its day', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  await settings.show('calendars');
  await settings.pickCalendar('12/5');
  const editor = settings.calendarEditor();
  await editor.getByLabel('Tuesday').fill('9am-5pm');
  await settings.panel('calendars').getByRole('button', { name: 'Save calendars' }).click();
  await expect(editor.locator('.day-row', { hasText: 'Tuesday' }).locator('.field-error')).toContainText('"9am-5pm" is not a range like 09:00-17:00');
  await page.reload();
  await settings.pickCalendar('12/5');
  await expect(settings.calendarEditor().getByLabel('Tuesday')).toHaveValue('08:00-20:00');
});

test('the Tier 1 time limit persists across a reload; a zero limit is refused', async ({ page }) => {
  const desk = new Desk(page);
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  await settings.show('tiers');
  await expect(settings.tierLimit(1)).toHaveValue('15');
  await settings.tierLimit(1).fill('0');
  await settings.panel('tiers').getByRole('button', { name: 'Save tiers' }).click();
  await expect(settings.panel('tiers').locator('.field-error', { hasText: 'Tier 1 › Time limit' })).toContainText('must be at least 1 minute');
  await settings.tierLimit(1).fill('30');
  await settings.panel('tiers').getByRole('button', { name: 'Save tiers' }).click();
  await expect(desk.notice()).toContainText('Saved the tiers');
  await expect(settings.problems('tiers')).toHaveCount(0);
  await page.reload();
  await expect(settings.panel('tiers')).toBeVisible();
  await expect(settings.tierLimit(1)).toHaveValue('30');
  await expect(settings.tierLimit(2)).toHaveValue('240');
});

test('SLA policies move up and down, and the order is saved', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  await settings.show('sla');
  const titles = settings.panel('sla').locator('.policy-card h3');
  await expect(titles.first()).toHaveText('1. Critical, around the clock');
  await settings.panel('sla').getByRole('button', { name: 'Move Standard up' }).click();
  await expect(titles.first()).toHaveText('1. Standard');
  await expect(settings.panel('sla').getByRole('button', { name: 'Move Standard down' })).toBeFocused();
  await settings.panel('sla').getByRole('button', { name: 'Save SLA policies' }).click();
  await expect(new Desk(page).notice()).toContainText('Saved the SLA policies');
  await page.reload();
  await expect(settings.panel('sla')).toBeVisible();
  await expect(settings.panel('sla').locator('.policy-card h3').first()).toHaveText('1. Standard');
});

test('an empty routing condition is refused, named by rule and row', async ({ page }) => {
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  await settings.show('rules');
  const rule = settings.panel('rules').locator('.rule-card').first();
  await rule.getByRole('button', { name: 'Add condition' }).click();
  await expect(rule.getByLabel('Condition 2 kind')).toBeVisible();
  await settings.panel('rules').getByRole('button', { name: 'Save routing rules' }).click();
  await expect(rule.locator('.field-error')).toContainText('Routing rule "Password and account requests" › Condition 2 › Keywords: has no keywords');
  await rule.getByLabel('Condition 2 value').fill('sso, login');
  await settings.panel('rules').getByRole('button', { name: 'Save routing rules' }).click();
  await expect(new Desk(page).notice()).toContainText('Saved the routing rules');
  await page.reload();
  await expect(settings.panel('rules').locator('.rule-card').first().getByLabel('Condition 2 value')).toHaveValue('sso, login');
});

test('every section has a screenshot', async ({ page }) => {
  const desk = new Desk(page);
  const settings = new Settings(page);
  await settings.open('who');
  await settings.iAm('admin');
  for (const key of Object.keys(SECTIONS)) {
    await settings.show(key);
    await settings.shot(desk, `settings-${key}`);
  }
});
