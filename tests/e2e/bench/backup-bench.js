// Backup benchmark (run on demand, not part of `make test`):
//
//   cd tests/e2e && node bench/backup-bench.js [tickets ...]     (default: 10000 100000)
//
// Needs the release build (dist/, or DIST=<dir>) and the `tierdesk` CLI (built with cargo).
// For each size: the app's import ("Replace everything", from choosing the file to the done
// message after the reload) and export ("Download backup" to the finished download), and in
// the same page a plain JavaScript ceiling: JSON.parse of the same file and one IndexedDB
// transaction putting every record into stores with the app's indexes, then one transaction
// reading everything back with getAll and JSON.stringify into a Blob. Prints a table and
// writes target/bench/backup.json.
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('..', import.meta.url));
const repo = join(here, '..', '..');
const out = join(repo, 'target', 'bench');
mkdirSync(out, { recursive: true });
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10_000, 100_000];
const port = Number(process.env.E2E_PORT ?? 4299);
const base = `http://127.0.0.1:${port}`;

function demoFile(tickets) {
  const path = join(out, `demo-${tickets}.json`);
  if (existsSync(path) && statSync(path).size > 0) return path;
  console.error(`generating ${tickets} demo tickets…`);
  const fd = openSync(path, 'w');
  const r = spawnSync('cargo', ['run', '--quiet', '--release', '--bin', 'tierdesk', '--', 'demo', '--tickets', String(tickets), '--seed', '3'], {
    cwd: repo, stdio: ['ignore', fd, 'inherit'],
  });
  closeSync(fd);
  if (r.status !== 0) throw new Error('tierdesk demo failed');
  return path;
}

async function serve() {
  const server = spawn('node', ['static-server.mjs'], { cwd: here, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  return server;
}

const seconds = (ms) => Math.round(ms) / 1000;

/** The app: import with "Replace everything", then export. */
async function app(page, file, db) {
  await page.goto(`${base}/?db=${db}#/backup`);
  await page.getByRole('heading', { name: 'Backup and move' }).waitFor();
  const t0 = Date.now();
  await page.getByLabel('Choose a backup file').setInputFiles(file);
  await page.locator('.bk-preview').waitFor({ timeout: 1_800_000 });
  const t1 = Date.now();
  await page.getByRole('radio', { name: /Replace everything/ }).check();
  await page.getByLabel("I understand that the desk's current data is replaced.").check();
  await page.getByRole('button', { name: 'Replace everything' }).click();
  await page.locator('.backup-done').waitFor({ timeout: 1_800_000 });
  const t2 = Date.now();
  // The write itself, measured in the page (the wall time above also has the reload).
  const write = Number(await page.locator('.backup-done').getAttribute('data-write-ms'));
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 1_800_000 }),
    page.getByRole('button', { name: 'Download backup' }).click(),
  ]);
  const saved = join(out, `${db}-export.json`);
  await download.saveAs(saved);
  const t3 = Date.now();
  return { check_ms: t1 - t0, write_ms: write, import_ms: t1 - t0 + write, reload_ms: t2 - t1 - write, export_ms: t3 - t2, export_bytes: statSync(saved).size };
}

/** Plain JavaScript in the same page: the ceiling for the same records. */
async function ceiling(page, file, name) {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', file);
  return page.evaluate(async (name) => {
    const text = await document.getElementById('bench-file').files[0].text();
    const t0 = performance.now();
    const b = JSON.parse(text);
    const t1 = performance.now();
    await new Promise((ok) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = r.onerror = ok; });
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => {
        const d = r.result;
        const t = d.createObjectStore('tickets', { keyPath: 'id' });
        for (const [ix, path] of [['status', 'status'], ['tier', 'tier'], ['updated', 'ix_updated'], ['assignee', 'assignee'], ['open_updated', ['ix_open', 'ix_updated']]]) t.createIndex(ix, path);
        const e = d.createObjectStore('events', { keyPath: 'id' });
        e.createIndex('ticket', ['ticket', 'seq']);
        e.createIndex('assigned', ['kind.type', 'kind.to', 'at']);
        d.createObjectStore('articles', { keyPath: 'id' }).createIndex('updated', 'updated_at');
        d.createObjectStore('article_revisions', { keyPath: ['article', 'rev'] });
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const stores = ['tickets', 'events', 'articles', 'article_revisions'];
    const t2 = performance.now();
    await new Promise((ok, fail) => {
      const tx = db.transaction(stores, 'readwrite');
      for (const t of b.tickets) {
        t.ix_updated = Date.parse(t.updated_at);
        t.ix_open = ['resolved', 'closed'].includes(t.status) ? 0 : 1;
        tx.objectStore('tickets').put(t);
      }
      for (const s of stores.slice(1)) for (const r of b[s]) tx.objectStore(s).put(r);
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    const t3 = performance.now();
    const all = await new Promise((ok, fail) => {
      const tx = db.transaction(stores);
      const got = {};
      for (const s of stores) tx.objectStore(s).getAll().onsuccess = (ev) => { got[s] = ev.target.result; };
      tx.oncomplete = () => ok(got);
      tx.onerror = () => fail(tx.error);
    });
    const blob = new Blob([JSON.stringify(all)], { type: 'application/json' });
    const t4 = performance.now();
    db.close();
    await new Promise((ok) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = r.onerror = ok; });
    return { parse_ms: t1 - t0, put_ms: t3 - t2, import_ms: (t1 - t0) + (t3 - t2), export_ms: t4 - t3, export_bytes: blob.size };
  }, name);
}

const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--js-flags=--max-old-space-size=8192'],
});
const results = [];
try {
  for (const n of SIZES) {
    const file = demoFile(n);
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const db = `bench-${n}-${Date.now().toString(36)}`;
    console.error(`${n} tickets: the app…`);
    const ours = await app(page, file, db);
    console.error(`${n} tickets: plain JavaScript…`);
    const plain = await ceiling(page, file, `${db}-ceiling`);
    results.push({ tickets: n, file_bytes: statSync(file).size, app: ours, ceiling: plain,
      ratio: { import: ours.import_ms / plain.import_ms, write: ours.write_ms / plain.put_ms, export: ours.export_ms / plain.export_ms } });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}

const rows = [['tickets', 'file MB', 'app import s', '(check s', 'write s)', 'JS parse+put s', 'import ratio', 'write ratio', 'app export s', 'JS getAll+stringify s', 'export ratio']];
for (const r of results) {
  rows.push([
    r.tickets.toLocaleString('en'), (r.file_bytes / 1e6).toFixed(1), seconds(r.app.import_ms), seconds(r.app.check_ms), seconds(r.app.write_ms),
    seconds(r.ceiling.import_ms), r.ratio.import.toFixed(2), r.ratio.write.toFixed(2), seconds(r.app.export_ms), seconds(r.ceiling.export_ms), r.ratio.export.toFixed(2),
  ].map(String));
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join('  '));
writeFileSync(join(out, 'backup.json'), JSON.stringify({ when: new Date().toISOString(), results }, null, 2) + '\n');
console.log(`\nwritten to ${join(out, 'backup.json')}`);
