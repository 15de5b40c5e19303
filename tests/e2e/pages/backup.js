// Page object for "Backup and move" (#/backup): export, import, CSV out and in.
import { expect } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const WORK = join(REPO, 'target', 'e2e', 'backup');
mkdirSync(WORK, { recursive: true });

/** The tickets header of Tierdesk's CSV export (domain::csv::EXPORT_HEADERS). */
export const CSV_HEADER = 'Number,Subject,Status,Priority,Tier,Tier name,Group,Assignee,Requester,Requester email,Organisation,Category,Tags,Channel,Created,Updated,Resolved,CSAT';

/**
 * A demo desk backup of `tickets` tickets, made by the CLI at test time into target/ (never
 * committed): `cargo run --release --bin tierdesk -- demo --tickets N`.
 */
export function demoFile(tickets, seed = 5) {
  const path = join(WORK, `demo-${tickets}-${seed}.json`);
  if (existsSync(path) && statSync(path).size > 0) return path;
  const fd = openSync(path, 'w');
  try {
    const r = spawnSync('cargo', ['run', '--quiet', '--release', '--bin', 'tierdesk', '--', 'demo', '--tickets', String(tickets), '--seed', String(seed)], {
      cwd: REPO, stdio: ['ignore', fd, 'inherit'],
    });
    if (r.status !== 0) throw new Error(`tierdesk demo failed with status ${r.status}`);
  } finally {
    closeSync(fd);
  }
  return path;
}

export class BackupPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Backup and move' });
    this.done = page.locator('.backup-done');
    this.importSection = page.locator('section[aria-labelledby="bk-import"]');
    this.csvSection = page.locator('section[aria-labelledby="bk-csv-in"]');
    this.problems = page.locator('.bk-problem-list');
  }

  /** Opens the page on the desk stored in database `db` (`?db=...`). */
  async open(db) {
    await this.page.goto(`/?db=${db}#/backup`);
    await expect(this.heading).toBeVisible();
  }

  progress(name) {
    return this.page.getByRole('progressbar', { name });
  }

  /** Downloads a backup, saved to target/e2e/backup/<name>. */
  async exportJson(name, passphrase) {
    if (passphrase) {
      await this.page.getByLabel('Passphrase (optional, encrypts the file)').fill(passphrase);
      await this.page.getByLabel('Passphrase again').fill(passphrase);
    }
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 120_000 }),
      this.page.getByRole('button', { name: 'Download backup' }).click(),
    ]);
    const path = join(WORK, name);
    await download.saveAs(path);
    await expect(this.page.getByRole('status').filter({ hasText: 'Backup saved' })).toBeVisible();
    return path;
  }

  async chooseBackup(path) {
    await this.page.getByLabel('Choose a backup file').setInputFiles(path);
  }

  async unlock(passphrase) {
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Open file' }).click();
  }

  preview() {
    return this.page.locator('.bk-preview');
  }

  /** Imports the previewed file; the page reloads and shows what was done. */
  async importAs(mode) {
    await expect(this.preview()).toBeVisible({ timeout: 120_000 });
    if (mode === 'replace') {
      await this.page.getByRole('radio', { name: /Replace everything/ }).check();
      await this.page.getByLabel("I understand that the desk's current data is replaced.").check();
      await this.page.getByRole('button', { name: 'Replace everything' }).click();
    } else {
      await this.page.getByRole('button', { name: 'Merge into this desk' }).click();
    }
  }

  async csv(view, { bom = true } = {}) {
    await this.page.getByLabel('View', { exact: true }).selectOption(view);
    await this.page.getByLabel('Byte order mark (for Excel)').setChecked(bom);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const path = join(WORK, `${view}.csv`);
    await download.saveAs(path);
    return readFileSync(path, 'utf8');
  }

  async chooseCsv(path) {
    await this.page.getByLabel('Choose a CSV file').setInputFiles(path);
  }

  /** The select that says which column a field is read from. */
  mapping(field) {
    return this.page.locator('table.bk-mapping').getByLabel(field, { exact: true });
  }
}

/** The number of tickets in the "All tickets" queue (waits for the app to boot). */
export async function ticketCount(page, db) {
  await page.goto(`/?db=${db}#/tickets`);
  const link = page.getByRole('navigation', { name: 'Queues' }).getByRole('link', { name: /^All tickets/ });
  await expect(link).toBeVisible();
  return Number(await link.locator('.view-count').textContent());
}

/** A ticket's subject and its timeline bodies. */
export async function ticketStory(page, db, id) {
  await page.goto(`/?db=${db}#/tickets/${id}`);
  const heading = page.locator('.ticket-head h1');
  await expect(heading).toContainText(`#${id}`);
  await expect(page.locator('ol.timeline > li').first()).toBeVisible();
  return {
    heading: await heading.textContent(),
    entries: await page.locator('ol.timeline > li').count(),
    bodies: await page.locator('ol.timeline .body').allTextContents(),
  };
}

export function run(cmd, args) {
  return execFileSync(cmd, args, { cwd: REPO, encoding: 'utf8' });
}
