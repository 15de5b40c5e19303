// Trunk post_build hook: writes sw.js into the staging directory with the build's file list
// and a version derived from the files' contents (a new build = a new service worker).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('gen-sw: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const full = join(d, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const files = walk(dir)
  .map((f) => relative(dir, f).split('\\').join('/'))
  .filter((f) => f !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const list = ['./', ...files.map((f) => `./${f}`)];
const template = readFileSync(new URL('./sw.template.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'sw.js'), template.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(list, null, 2)));
console.log(`gen-sw: ${list.length} files, version ${version}`);
