// Many tabs on one desk: a change in one shows in the other without a reload; conflicting
// edits are caught; automation runs in one tab only.
import { test, expect } from '@playwright/test';
import { Desk, Queue, NewTicketForm, TicketView } from '../pages/desk.js';

test('a ticket created in one tab appears in the other within a second', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  const deskA = new Desk(a);
  const deskB = new Desk(b);
  await deskA.open('#/tickets');
  await deskB.open('#/tickets');
  const before = await b.locator('.count').first().textContent();
  await deskA.open('#/tickets/new');
  const form = new NewTicketForm(a);
  await form.fill({ subject: 'Projector in room 4 shows no signal', requester: 'Lena Vogt' });
  await form.submit();
  await expect(new TicketView(a).heading).toContainText('Projector');
  // Tab B has not reloaded: the new ticket arrives through the broadcast.
  const queueB = new Queue(b);
  await expect(queueB.row('Projector in room 4')).toHaveCount(1, { timeout: 3000 });
  await expect(b.locator('.count').first()).not.toHaveText(before);
});

test('a change based on an older revision is refused and the other change is shown', async ({ page }) => {
  const desk = new Desk(page);
  await desk.open('#/tickets/new');
  const form = new NewTicketForm(page);
  await form.fill({ subject: 'Scanner on floor 2 offline', requester: 'Ida Berg' });
  await form.submit();
  const ticket = new TicketView(page);
  await expect(ticket.heading).toContainText('Scanner on floor 2');
  const id = Number(page.url().match(/#\/tickets\/(\d+)/)[1]);
  // Another tab (whose broadcast has not arrived yet) renames the ticket and bumps its revision.
  await page.evaluate((id) => new Promise((resolve, reject) => {
    const open = indexedDB.open('tierdesk');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('tickets', 'readwrite');
      const store = tx.objectStore('tickets');
      const get = store.get(id);
      get.onsuccess = () => {
        const t = get.result;
        t.subject = 'Scanner on floor 2 offline (renamed elsewhere)';
        t.rev += 1;
        store.put(t);
      };
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), id);
  // This tab still shows the old revision and changes the priority: refused, not lost silently.
  await page.getByLabel('Priority', { exact: true }).first().selectOption('high');
  await expect(desk.notice()).toContainText('was changed in another tab');
  await expect(ticket.heading).toContainText('renamed elsewhere');
  // Redoing it on top of the newer version works.
  await page.getByLabel('Priority', { exact: true }).first().selectOption('high');
  await expect(page.locator('.ticket-head .badges, .ticket-header .badges').first()).toContainText('High');
});
