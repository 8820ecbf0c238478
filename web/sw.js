// Tandem's service worker: keeps the app's own files so it opens with no network.
//
// scripts/offline-hook.mjs writes the built copy (dist/sw.js), replacing PRECACHE below
// with every file of the build and its integrity hash, and VERSION with a hash of that
// list: a new deployment changes this file, which is how the browser notices it.
//
// What it does, and what it never does:
// - install: fetches every listed file, checked against its hash, into a cache named
//   after this worker's scope and version. A file that fails its check fails the
//   install, so a half-deployed build is never kept; the old version keeps running.
// - It waits (no skipWaiting on its own): web/update.js shows a banner and asks it to
//   take over only when the person chooses to reload.
// - activate: drops the caches of older versions of this scope, keeping the one before
//   (a tab still running it may need its files).
// - fetch: answers GET requests for the listed files, and navigations to the app's
//   page, from the cache. Everything else — other paths, other origins — goes to the
//   network untouched, and nothing fetched at run time is ever stored.
const VERSION = "dev";
const PRECACHE = [["./index.html", ""]];

const PREFIX = `tandem ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
const scope = new URL(self.registration.scope);
const page = new URL("./index.html", scope).href;
const listed = new Set(PRECACHE.map(([path]) => new URL(path, scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(PRECACHE.map(async ([path, integrity]) => {
      const request = new Request(new URL(path, scope), { cache: "no-cache", integrity });
      const response = await fetch(request);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      await cache.put(request.url, response);
    }));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // caches.keys() lists caches in the order they were created.
    const ours = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    await Promise.all(ours.slice(0, -1).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  let key = null;
  if (request.mode === "navigate") {
    // The app routes in the URL's hash; its page lives at the scope itself.
    url.search = "";
    if (url.href === scope.href || url.href === page) key = page;
  } else if (listed.has(url.href)) {
    key = url.href;
  }
  if (!key) return;
  event.respondWith((async () => {
    // Ours first, then an older version's (a tab opened before an update), then the network.
    const cached = (await caches.open(CACHE).then((c) => c.match(key))) ?? (await findInOlderCaches(key));
    return cached ?? fetch(request);
  })());
});

async function findInOlderCaches(key) {
  for (const name of (await caches.keys()).reverse()) {
    if (!name.startsWith(PREFIX)) continue;
    const hit = await (await caches.open(name)).match(key);
    if (hit) return hit;
  }
  return undefined;
}
