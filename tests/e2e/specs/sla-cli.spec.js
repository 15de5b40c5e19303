// One engine: `tierdesk sla` on the app's own export gives the clocks the ticket page shows,
// at the same instant (the paused demo clock).
import { test, expect } from '@playwright/test';
import { Desk } from '../pages/desk.js';
import { DemoClock } from '../pages/workspace.js';
import { BackupPage, run } from '../pages/backup.js';

test('tierdesk sla on an export agrees with the ticket pages at the same instant', async ({ page }) => {
  test.setTimeout(300_000);
  const desk = new Desk(page, '/?db=slacli&demo');
  await desk.open('#/tickets');
  const clock = new DemoClock(page);
  await clock.speed('Pause');
  const at = await clock.time.getAttribute('datetime');
  expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);

  // Open tickets from the queue, each with the clocks its page shows.
  const links = page.locator('table.tickets tbody tr td.subject a');
  await expect(links.first()).toBeVisible();
  const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).slice(0, 8);
  const shown = [];
  for (const href of hrefs) {
    const id = Number(href.match(/tickets\/(\d+)/)[1]);
    await page.evaluate((h) => { location.hash = h.slice(h.indexOf('#')); }, href);
    const metrics = page.locator('.sla-panel .sla-metric');
    await expect(page.locator('.ticket-head h1')).toContainText(`#${id}`);
    await expect(metrics.first()).toBeVisible();
    for (const m of await metrics.all()) {
      const cls = await m.getAttribute('class');
      shown.push({
        ticket: id,
        metric: await m.getAttribute('data-metric'),
        state: cls.match(/\bsla-(running|paused|met|breached|warning|none)\b/)[1],
        due: await m.getAttribute('data-due'),
      });
    }
  }
  expect(shown.length).toBeGreaterThan(8);
  expect(await clock.time.getAttribute('datetime')).toBe(at);

  await page.evaluate(() => { location.hash = '#/backup'; });
  const file = await new BackupPage(page).exportJson('sla-cli.json');
  const lines = run('cargo', ['run', '--quiet', '--release', '--bin', 'tierdesk', '--', 'sla', file, '--at', at])
    .trim().split('\n').map((l) => JSON.parse(l));
  const cli = new Map(lines.map((l) => [`${l.ticket}/${l.metric}`, l]));

  for (const s of shown) {
    const c = cli.get(`${s.ticket}/${s.metric}`);
    expect(c, `tierdesk sla has ticket ${s.ticket} ${s.metric}`).toBeTruthy();
    expect(c.state, `state of ticket ${s.ticket} ${s.metric}`).toBe(s.state);
    // A paused clock's due time is "wherever it resumes"; the others are fixed instants.
    if (s.state !== 'paused') {
      const ms = (x) => (x === null || x === undefined ? null : Date.parse(x));
      expect(ms(c.due_at), `due time of ticket ${s.ticket} ${s.metric}`).toBe(ms(s.due));
    }
  }
  test.info().annotations.push({ type: 'compared', description: `${shown.length} clocks at ${at}` });
});
