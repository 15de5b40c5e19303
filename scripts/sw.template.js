// Tierdesk service worker (generated from scripts/sw.template.js by scripts/gen-sw.mjs).
// Precaches this build's files under a cache named after the build, serves them cache-first,
// and answers navigations with the cached index.html, so the app starts with no network.
// A new build waits until the page says "reload" (SKIP_WAITING): old and new files never mix.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `tierdesk-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('tierdesk-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (req.mode === 'navigate') {
      const index = await cache.match('./index.html') || await cache.match('./');
      if (index) return index;
    }
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(req);
    } catch (e) {
      return new Response('Offline and not cached', { status: 503, statusText: 'Offline' });
    }
  })());
});
