// Jingkang service worker: keeps the app shell usable offline. Served from assets/ at /sw.js (scope "/").
// Bump VERSION on any change here; activate then deletes the caches of other versions.
const VERSION = "v1";
const PAGES = `jk-pages-${VERSION}`;
const STATIC = `jk-static-${VERSION}`;
const OFFLINE_URL = "/offline.html";
const PRECACHE = [
  OFFLINE_URL,
  "/manifest.webmanifest",
  "/favicon.ico",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/maskable-512.png",
  "/icons/apple-touch-icon.png",
];
// Live server traffic: Reflex's websocket and uploads, the JSON API, health checks. Never cached.
const BYPASS = ["/_event", "/api", "/ping", "/_health", "/_upload"];
// Build output with content hashes in the file name (Vite puts it under /assets/); safe to keep forever.
const HASHED = /^\/(assets|_next)\//;
const STATIC_EXT = /\.(m?js|css|woff2?|ttf|otf|png|jpe?g|gif|webp|svg|ico|webmanifest)$/;
// Reflex sends `Vary: Origin` on static files; a plain match then misses every cached chunk.
const MATCH = { ignoreVary: true };
const MAX_HASHED = 400; // chunks of old builds pile up under a fixed VERSION; drop the oldest beyond this

const bypassed = (path) => BYPASS.some((p) => path === p || path.startsWith(`${p}/`));
// Prod redirects /tasks -> /tasks/ (307), so pages are stored under the trailing-slash form.
const withSlash = (url) => url.origin + (url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`);

self.addEventListener("install", (event) => {
  // cache: "reload" skips the HTTP cache so a new version never precaches a stale offline page.
  event.waitUntil(
    caches.open(STATIC).then((c) => c.addAll(PRECACHE.map((u) => new Request(u, { cache: "reload" })))),
  );
  // No skipWaiting() here: taking over pages still running the old build's bundles would mix builds.
  // The page asks for it (`skip-waiting`) and reloads, so the switch happens at one deliberate moment.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = [PAGES, STATIC];
      for (const name of await caches.keys()) {
        if (name.startsWith("jk-") && !keep.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "skip-waiting") self.skipWaiting();
  else if (msg.type === "cache-urls" && Array.isArray(msg.urls)) event.waitUntil(cacheUrls(msg.urls));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || req.headers.get("upgrade")) return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || bypassed(url.pathname)) return;
  if (req.mode === "navigate") event.respondWith(networkFirstPage(req, url));
  else if (HASHED.test(url.pathname)) event.respondWith(cacheFirst(req));
  else if (STATIC_EXT.test(url.pathname)) event.respondWith(staleWhileRevalidate(req, event));
});

async function networkFirstPage(req, url) {
  const cache = await caches.open(PAGES);
  try {
    // Redirect mode is "manual" for navigations: a 307 comes back opaque, is not cached, and the
    // browser follows it, so the final /route/ is fetched (and cached) through here next.
    const res = await fetch(req);
    if (res.ok && isHtml(res)) await cache.put(req, res.clone());
    return res;
  } catch {
    return (
      (await cache.match(req, MATCH)) ||
      (await cache.match(withSlash(url), MATCH)) ||
      (await caches.match(OFFLINE_URL, MATCH)) ||
      Response.error()
    );
  }
}

async function cacheFirst(req) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(req, MATCH);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

// Unhashed files (sw-register.js, offline.js, icons) keep their name across builds: serve the cached
// copy at once (works offline) and refresh it in the background so a new build reaches the device.
async function staleWhileRevalidate(req, event) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(req, MATCH);
  const refresh = fetch(req).then(async (res) => {
    if (res.ok) await cache.put(req, res.clone());
    return res;
  });
  if (!hit) return refresh;
  event.waitUntil(refresh.catch(() => {}));
  return hit;
}

// Called after load with every URL the page used, so other routes work offline too.
async function cacheUrls(urls) {
  const pages = await caches.open(PAGES);
  const statics = await caches.open(STATIC);
  const unique = [...new Set(urls.map((u) => new URL(u, self.location.origin).href))];
  await Promise.all(
    unique.map(async (href) => {
      const url = new URL(href);
      if (url.origin !== self.location.origin || bypassed(url.pathname)) return;
      const isStatic = HASHED.test(url.pathname) || STATIC_EXT.test(url.pathname);
      const cache = isStatic ? statics : pages;
      // Navigations and stale-while-revalidate keep cached copies fresh; only fill the gaps here.
      if ((await cache.match(href, MATCH)) || (!isStatic && (await cache.match(withSlash(url), MATCH)))) return;
      try {
        const res = await fetch(href, { credentials: "same-origin" });
        if (!res.ok || (!isStatic && !isHtml(res))) return;
        await cache.put(res.url || href, await unredirected(res));
      } catch {
        // Offline or gone: the next load asks again.
      }
    }),
  );
  await trimHashed(statics);
}

const isHtml = (res) => (res.headers.get("content-type") || "").includes("text/html");

// A response that followed a redirect may not answer a navigation (browsers reject it): store a copy.
async function unredirected(res) {
  if (!res.redirected) return res;
  return new Response(await res.blob(), { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function trimHashed(cache) {
  const hashed = (await cache.keys()).filter((r) => HASHED.test(new URL(r.url).pathname));
  const excess = hashed.slice(0, Math.max(0, hashed.length - MAX_HASHED)); // keys() is oldest first
  await Promise.all(excess.map((r) => cache.delete(r)));
}
