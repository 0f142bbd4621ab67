// Registers the Jingkang service worker and tells it which URLs this page needs offline.
// Service workers only run on https or localhost; elsewhere this does nothing.
(function () {
  if (!("serviceWorker" in navigator)) return;
  var sw = navigator.serviceWorker;
  var updateRequested = false;
  var reloading = false;

  function sameOrigin(list) {
    var out = [];
    list.forEach(function (u) {
      if (!u) return;
      try {
        var url = new URL(u, location.href);
        if (url.origin === location.origin) out.push(url.href);
      } catch (e) {
        /* not a URL */
      }
    });
    return out;
  }

  // Full path of a route ("tasks" under root -> "/tasks/"); null for dynamic or catch-all routes.
  function routePage(routes, route) {
    var segments = [];
    for (var r = route; r; r = routes[r.parentId]) if (r.path) segments.unshift(r.path);
    var path = segments.join("/");
    if (/[:*]/.test(path)) return null;
    return path ? "/" + path + "/" : "/";
  }

  // window.__reactRouterManifest only exists after load; it lists every route's module (so
  // client-side page switches work offline) and every static page (so a reload offline works).
  function routeUrls() {
    var manifest = window.__reactRouterManifest;
    var urls = [];
    if (!manifest) return urls;
    var routes = manifest.routes || {};
    var parts = [manifest.entry || {}];
    Object.keys(routes).forEach(function (id) {
      var page = routePage(routes, routes[id]);
      if (page && routes[id].module && id !== "root") urls.push(page);
      parts.push(routes[id] || {});
    });
    parts.forEach(function (r) {
      if (r.module) urls.push(r.module);
      (r.imports || []).concat(r.css || []).forEach(function (u) {
        urls.push(u);
      });
    });
    if (manifest.url) urls.push(manifest.url);
    return urls;
  }

  function cacheUrls(urls) {
    sw.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: "cache-urls", urls: sameOrigin(urls) });
    });
  }

  function cacheEverythingLoaded() {
    var urls = [location.pathname];
    performance.getEntriesByType("resource").forEach(function (e) {
      urls.push(e.name);
    });
    cacheUrls(urls.concat(routeUrls()));
  }

  // A new build's worker waits until we ask it to take over, then we reload once onto the new build.
  function askToTakeOver(worker) {
    if (!worker || !sw.controller) return; // first install: nothing old to replace
    updateRequested = true;
    worker.postMessage({ type: "skip-waiting" });
  }

  sw.addEventListener("controllerchange", function () {
    // Only reload for an update this page asked for (the first install also fires controllerchange).
    if (!updateRequested || reloading) return;
    reloading = true;
    location.reload();
  });

  sw.register("/sw.js", { scope: "/" })
    .then(function (reg) {
      document.documentElement.dataset.swRegistered = "1";
      askToTakeOver(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed") askToTakeOver(worker);
        });
      });
    })
    .catch(function (err) {
      console.warn("Service worker registration failed", err);
    });

  if (document.readyState === "complete") cacheEverythingLoaded();
  else window.addEventListener("load", cacheEverythingLoaded);

  // Client-side page switches never reach the worker as navigations: cache the new page's HTML too,
  // so reloading it offline works.
  var pushState = history.pushState;
  history.pushState = function () {
    var result = pushState.apply(this, arguments);
    setTimeout(function () {
      cacheUrls([location.pathname]);
    }, 0);
    return result;
  };
})();
