// Languages: the agent pages in German and Chinese (Simplified). Each page renders in the
// chosen language, <html lang> says which, and the main headings and buttons carry no English
// left over. Screenshots (target/e2e/i18n-de-*.png, i18n-zh-*.png) show that the text renders,
// CJK included.
import { test, expect } from '@playwright/test';
import { Desk } from '../pages/desk.js';

const SECTION_KEYS = ['who', 'agents', 'groups', 'tiers', 'calendars', 'sla', 'rules', 'general', 'data'];

const LANGS = {
  de: {
    tag: 'de',
    html: 'de',
    nav: { tickets: 'Tickets', new: 'Neues Ticket', settings: 'Einstellungen' },
    queue: { title: 'Alle Tickets', filter: 'Tickets filtern', save: 'Ansicht speichern …', subject: 'Betreff' },
    newTicket: { title: 'Neues Ticket', create: 'Ticket anlegen', subject: 'Betreff' },
    ticket: { timeline: 'Verlauf', send: 'Antwort senden', note: 'Interne Notiz hinzufügen', clocks: 'Service-Level-Uhren', opened: 'hat das Ticket eröffnet' },
    sections: ['Wer bin ich', 'Agenten', 'Gruppen', 'Stufen', 'Kalender', 'SLA-Richtlinien', 'Routing-Regeln', 'Allgemein', 'Daten dieses Browsers'],
    sectionButtons: { agents: 'Agent hinzufügen', groups: 'Gruppe hinzufügen', tiers: 'Stufen speichern', calendars: 'Kalender hinzufügen', sla: 'Richtlinie hinzufügen', rules: 'Regel hinzufügen', general: 'Allgemeine Einstellungen speichern' },
    language: 'Sprache von Tierdesk in diesem Browser',
    langName: 'Deutsch',
    demo: { bar: 'Demo-Uhr', start: 'Szenario starten', leave: 'Demo verlassen', faster: '600-mal schneller' },
    bad: { subject: 'Betreff' },
  },
  zh: {
    tag: 'zh-CN',
    html: 'zh-CN',
    nav: { tickets: '工单', new: '新建工单', settings: '设置' },
    queue: { title: '全部工单', filter: '筛选工单', save: '保存视图…', subject: '主题' },
    newTicket: { title: '新建工单', create: '创建工单', subject: '主题' },
    ticket: { timeline: '时间线', send: '发送回复', note: '添加内部备注', clocks: '服务级别计时', opened: '创建了工单' },
    sections: ['我是谁', '坐席', '小组', '级别', '日历', 'SLA 策略', '路由规则', '常规', '本浏览器的数据'],
    sectionButtons: { agents: '添加坐席', groups: '添加小组', tiers: '保存级别', calendars: '添加日历', sla: '添加策略', rules: '添加规则', general: '保存常规设置' },
    language: '此浏览器中 Tierdesk 的语言',
    langName: '中文（简体）',
    demo: { bar: '演示时钟', start: '开始场景', leave: '退出演示', faster: '600 倍速' },
    bad: { subject: '主题' },
  },
};

// English words that must not show on the converted pages (spot checks of headings, buttons
// and labels; ticket data such as subjects and names stays as it was written).
const ENGLISH = {
  queue: ['Save view', 'Any status', 'Any priority', 'Requester', '‹ Previous', 'Next ›', 'Keys:', 'All tickets', 'My open tickets'],
  newTicket: ['Create ticket', 'Description', 'Requester'],
  ticket: ['Timeline', 'Send reply', 'Add internal note', 'Time spent', 'Linked tickets', 'Watchers', 'Save root cause', 'opened the ticket', 'Escalate…', 'Log time'],
  who: ['The agent working at this browser', 'Capacity', 'On shift now?'],
  agents: ['Add agent', 'Open tickets'],
  groups: ['Add group', 'Assignment method', 'Members'],
  tiers: ['Save tiers', 'Cost per agent hour', 'Time limit'],
  calendars: ['Add calendar', 'Weekly hours', 'Monday', 'Time zone'],
  sla: ['Add policy', 'First response', 'Conditions'],
  rules: ['Add rule', 'Matches when', 'Conditions'],
  general: ['Desk name', 'Priority matrix', 'Work mode'],
  data: ['Schema version', 'Open tickets'],
  demo: ['Start scenario', 'Leave demo', 'Real time', 'Next event'],
};

async function noEnglish(locator, words) {
  const text = await locator.innerText();
  for (const w of words) expect(text, `"${w}" is still English`).not.toContain(w);
}

for (const [code, L] of Object.entries(LANGS)) {
  test.describe(`in ${code}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((tag) => localStorage.setItem('tierdesk.lang', tag), L.tag);
    });

    test('the queue, a new ticket and a ticket speak the language', async ({ page }) => {
      const desk = new Desk(page);
      await desk.open('#/tickets');
      await expect(page.locator('html')).toHaveAttribute('lang', L.html);
      const nav = page.getByRole('navigation').first();
      await expect(nav.getByRole('link', { name: L.nav.tickets, exact: true })).toBeVisible();
      await expect(nav.getByRole('link', { name: L.nav.new, exact: true })).toBeVisible();
      await expect(nav.getByRole('link', { name: L.nav.settings, exact: true })).toBeVisible();
      await expect(page.locator('#queue-title')).toHaveText(L.queue.title);
      await expect(page.getByRole('searchbox', { name: L.queue.filter })).toBeVisible();
      await expect(page.getByRole('button', { name: L.queue.save })).toBeVisible();
      await expect(page.locator('table.tickets thead')).toContainText(L.queue.subject);
      await expect(page.locator('table.tickets tbody tr').first()).toBeVisible();
      await noEnglish(page.locator('main'), ENGLISH.queue);
      await desk.shot(`i18n-${code}-queue`);

      await desk.open('#/tickets/new');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(L.newTicket.title);
      await expect(page.getByRole('button', { name: L.newTicket.create })).toBeVisible();
      // A refused form names the field in the language.
      await page.getByRole('button', { name: L.newTicket.create }).click();
      await expect(page.getByRole('alert').first()).toContainText(L.bad.subject);
      await noEnglish(page.locator('main'), ENGLISH.newTicket);
      await desk.shot(`i18n-${code}-new-ticket`);

      await desk.open('#/tickets/42');
      await expect(page.locator('.ticket-head h1')).toContainText('#42');
      await expect(page.locator('#timeline-heading')).toHaveText(L.ticket.timeline);
      await expect(page.getByRole('button', { name: L.ticket.send })).toBeVisible();
      await expect(page.getByRole('button', { name: L.ticket.note })).toBeVisible();
      await expect(page.getByRole('region', { name: L.ticket.clocks })).toBeVisible();
      await expect(page.locator('ol.timeline > li').first()).toContainText(L.ticket.opened);
      await noEnglish(page.locator('main'), ENGLISH.ticket);
      await desk.shot(`i18n-${code}-ticket`);
    });

    test('every settings section speaks the language, with the language picker', async ({ page }) => {
      const desk = new Desk(page);
      await desk.open('#/settings?s=who');
      await expect(page.locator('html')).toHaveAttribute('lang', L.html);
      const picker = page.getByLabel(L.language);
      await expect(picker).toBeVisible();
      await expect(picker.locator('option:checked')).toHaveText(L.langName);
      for (const [i, key] of SECTION_KEYS.entries()) {
        const tab = page.getByRole('tab', { name: L.sections[i], exact: true });
        await tab.click();
        const panel = page.locator(`#panel-${key}`);
        await expect(panel).toBeVisible();
        await expect(panel.getByRole('heading', { level: 2 }).first()).toHaveText(L.sections[i]);
        const button = L.sectionButtons[key];
        if (button) await expect(panel.getByRole('button', { name: button, exact: true }).first()).toBeVisible();
        await noEnglish(panel, ENGLISH[key]);
        await page.evaluate(() => window.scrollTo(0, 0));
        await desk.shot(`i18n-${code}-settings-${key}`);
      }
    });

    test('the demo mode bar speaks the language', async ({ page }) => {
      const desk = new Desk(page, '/?demo');
      await desk.open('#/tickets');
      const bar = page.getByRole('group', { name: L.demo.bar });
      await expect(bar).toBeVisible();
      await expect(bar.getByRole('button', { name: L.demo.start })).toBeVisible();
      await expect(bar.getByRole('button', { name: L.demo.leave })).toBeVisible();
      await expect(bar.getByRole('button', { name: L.demo.faster })).toBeVisible();
      await noEnglish(bar, ENGLISH.demo);
      await desk.shot(`i18n-${code}-demo`);
    });
  });
}

test.describe('from the browser language', () => {
  test.use({ locale: 'de-DE' });

  test('a German browser gets German without a saved choice', async ({ page }) => {
    const desk = new Desk(page);
    await desk.open('#/tickets');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.locator('#queue-title')).toHaveText('Alle Tickets');
  });
});

test('choosing a language in Settings saves it and reloads in it', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/settings?s=who');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Language of Tierdesk in this browser').selectOption({ label: '中文（简体）' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await desk.ready();
  await expect(page.getByRole('tab', { name: '我是谁', exact: true })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('tierdesk.lang'))).toBe('zh-CN');
  await page.getByLabel('此浏览器中 Tierdesk 的语言').selectOption({ label: 'English' });
  await expect(page.getByRole('tab', { name: 'Who am I', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
