// The knowledge base for agents. Each test gets a fresh browser context, so a fresh local
// desk with the demo articles (and the demo's hostile-markup article).
import { test, expect } from '@playwright/test';
import { KnowledgeBase } from '../pages/kb.js';
import { TicketPage } from '../pages/ticket.js';

test('search with a typo finds the right article, matches highlighted', async ({ page }) => {
  const kb = new KnowledgeBase(page);
  await kb.open();
  await expect(kb.results.first()).toBeVisible();
  await kb.shot('kb-list-light');

  await kb.search.fill('pasword resset');
  await expect(kb.results.first()).toHaveAttribute('data-id', 'reset-password');
  await expect(kb.results.first().locator('.kb-row-title mark').first()).toBeVisible();
  // Prefixes while typing.
  await kb.search.fill('disconn');
  await expect(kb.row('vpn-drops')).toBeVisible();
  // A phrase must appear word for word.
  await kb.search.fill('"paper jam"');
  await expect(kb.results.first()).toHaveAttribute('data-id', 'printer-jam');
  await kb.search.fill('pasword');
  await kb.shot('kb-search-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await kb.shot('kb-search-dark');
  // The search survives a visit to an article and back.
  await kb.row('reset-password').locator('.kb-row-title').click();
  await expect(kb.heading).toHaveText('Reset your password');
  await page.goBack();
  await expect(kb.search).toHaveValue('pasword');
});

test('filters: category tree, audience and language', async ({ page }) => {
  const kb = new KnowledgeBase(page);
  await kb.open();
  const all = (await kb.ids()).length;
  expect(all).toBeGreaterThan(20);

  await kb.category('Network').click();
  await expect(kb.category('Network')).toHaveAttribute('aria-pressed', 'true');
  await expect(kb.row('vpn-drops')).toBeVisible();
  await expect(kb.row('printer-jam')).toHaveCount(0);
  await kb.category('VPN').click();
  for (const id of await kb.ids()) expect(['vpn-connect', 'vpn-drops', 'vpn-gateway-runbook', 'de-vpn-verbindung']).toContain(id);

  await kb.audience('Internal').check();
  await expect(kb.results).toHaveCount(1);
  await expect(kb.row('vpn-gateway-runbook')).toBeVisible();
  await kb.audience('Internal').uncheck();

  await kb.language('Deutsch');
  await expect(kb.results).toHaveCount(1);
  await expect(kb.row('de-vpn-verbindung')).toBeVisible();
  // Filters apply to search results too.
  await kb.search.fill('vpn');
  await expect(kb.results).toHaveCount(1);
  await kb.shot('kb-filters-light');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(kb.category('Network')).toHaveAttribute('aria-pressed', 'false');
  expect((await kb.ids()).length).toBeGreaterThan(1);
  // Drafts are listed for agents.
  await kb.search.fill('');
  await kb.audience('Draft').check();
  await expect(kb.row('draft-password-manager')).toBeVisible();
});

test('editing creates a revision; restoring brings the old text back', async ({ page }) => {
  const kb = new KnowledgeBase(page);
  await kb.openArticle('printer-jam');
  await expect(kb.body).toContainText('green drum unit');
  const rev = Number(await page.locator('.kb-rev-number').textContent());

  await kb.edit();
  await kb.bodyField().fill('## Steps\n\n1. Feed the zebrafish first.\n2. **Then** call the desk.');
  await expect(kb.preview().locator('.markdown h3')).toHaveText('Steps');
  await expect(kb.preview().locator('.markdown strong')).toHaveText('Then');
  await kb.shot('kb-editor-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await kb.shot('kb-editor-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await kb.save();

  await expect(kb.desk.notice()).toContainText(`Saved as revision ${rev + 1}.`);
  await expect(kb.body).toContainText('Feed the zebrafish first.');
  await expect(kb.body).not.toContainText('green drum unit');
  await expect(page.locator('.kb-rev-number')).toHaveText(String(rev + 1));
  await expect(kb.history.locator('li')).toHaveCount(rev + 1);
  await kb.shot('kb-article-light');

  await kb.openRevision(rev);
  await expect(kb.body).toContainText('green drum unit');
  await kb.shot('kb-revision-light');
  await kb.restore();
  await expect(kb.desk.notice()).toContainText(`Revision ${rev} restored as revision ${rev + 2}.`);
  await expect(kb.heading).toHaveText('Clear a paper jam');
  await expect(kb.body).toContainText('green drum unit');
  await expect(kb.body).not.toContainText('Feed the zebrafish first.');
  await expect(page.locator('.kb-rev-number')).toHaveText(String(rev + 2));

  // Still there after a reload (stored, and the stored index finds the restored text).
  await page.reload();
  await kb.desk.ready();
  await expect(kb.body).toContainText('green drum unit');
  await kb.open();
  await kb.search.fill('drum unit');
  await expect(kb.results.first()).toHaveAttribute('data-id', 'printer-jam');
  await kb.search.fill('zebrafish');
  await expect(kb.count).toHaveText('0 results');
});

test('hostile markup in an article stays inert text', async ({ page }) => {
  const kb = new KnowledgeBase(page);
  await kb.openArticle('security-markup-test');
  await expect(kb.body).toContainText('What you should see');
  await expect(kb.body).toContainText("<script>window.__pwned = 'script'</script>");
  await expect(kb.body).toContainText('<svg onload=');
  // Give any payload a chance to fire.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();

  const report = await kb.body.evaluate((root) => {
    const all = [root, ...root.querySelectorAll('*')];
    return {
      dangerous: root.querySelectorAll('script, svg, iframe, object, embed, img, style').length,
      onAttributes: all.flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      badLinks: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((h) => !/^(https:\/\/example\.org\/|#)/.test(h)),
      external: [...root.querySelectorAll('a[href^="https:"]')].map((a) => [a.getAttribute('rel'), a.getAttribute('target')]),
    };
  });
  expect(report.dangerous).toBe(0);
  expect(report.onAttributes).toEqual([]);
  expect(report.badLinks).toEqual([]);
  expect(report.external).toEqual([['noopener noreferrer nofollow', '_blank']]);

  // The section link scrolls to its heading instead of changing the route.
  await kb.body.getByRole('link', { name: 'this section' }).click();
  await expect(page).toHaveURL(/#\/kb\/a\/security-markup-test$/);
  await expect(kb.heading).toHaveText('Markup test: hostile content stays text');
  await kb.shot('kb-hostile-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await kb.shot('kb-hostile-dark');
});

test('link an article from a ticket and see the link both ways; a resolution becomes a draft', async ({ page }) => {
  const t = new TicketPage(page);
  const id = await t.create({ subject: 'VPN drops every ten minutes at home', requester: 'Ana Ruiz', description: 'Since Monday my VPN disconnects all the time.' });
  const kb = new KnowledgeBase(page);

  await kb.linkFromTicket('vpn disconect', 'VPN keeps disconnecting');
  await expect(t.desk.notice()).toContainText(`Linked “VPN keeps disconnecting” to #${id}.`);
  await expect(kb.ticketArticles()).toContainText('VPN keeps disconnecting');
  await expect(t.entry('linked article vpn-drops as the answer')).toHaveCount(1);
  await t.shot('kb-ticket-panel-light');

  await kb.ticketArticles().getByRole('link', { name: 'VPN keeps disconnecting' }).click();
  await expect(kb.heading).toHaveText('VPN keeps disconnecting');
  await expect(kb.linkedTickets.locator(`li[data-ticket="${id}"]`)).toContainText('VPN drops every ten minutes at home');

  // Back on the ticket: answer it, then turn the resolution into a draft article.
  await kb.linkedTickets.getByRole('link', { name: `#${id}` }).click();
  await expect(t.heading).toContainText(`#${id}`);
  await t.composer.fill('We raised the gateway lease; reconnect once and it stays up.');
  await t.sendReply();
  await expect(t.entry('We raised the gateway lease')).toHaveCount(1);
  await page.getByRole('link', { name: 'Turn the resolution into an article' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('VPN drops every ten minutes at home');
  await expect(kb.bodyField()).toHaveValue(/## Problem\n\nSince Monday my VPN disconnects all the time\.\n\n## Solution\n\nWe raised the gateway lease/);
  await expect(page.getByLabel('Audience', { exact: true })).toHaveValue('draft');
  await kb.shot('kb-draft-from-ticket-light');
  await kb.save();
  await expect(kb.heading).toHaveText('VPN drops every ten minutes at home');
  await expect(kb.linkedTickets.locator(`li[data-ticket="${id}"]`)).toHaveCount(1);

  await t.open(id);
  await expect(kb.ticketArticles().locator('li')).toHaveCount(2);
  await expect(kb.ticketArticles()).toContainText('VPN drops every ten minutes at home');

  // Both articles now count as linked from tickets.
  await page.goto('/#/kb/fix');
  await expect(page.locator('table[aria-labelledby="kb-linked"]')).toContainText('VPN keeps disconnecting');
  await expect(page.locator('table[aria-labelledby="kb-unhelpful"] tbody tr').first()).toBeVisible();
  await kb.shot('kb-fix-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await kb.shot('kb-fix-dark');
});
