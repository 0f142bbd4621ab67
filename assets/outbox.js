// Device outbox for field forms (DESIGN.md "Offline in a Reflex app"). A Reflex event queued offline is lost
// on reload, so Reflex never sees these submissions: a plain <form data-outbox="kind"> is captured here into
// IndexedDB and posted to the sync route, online and offline alike. Only the server's acknowledgement removes
// an item, its draft and the typed values. Texts come from window.JK_TEXT, as in reflex-i18n.js.
(function () {
  "use strict";
  if (!window.indexedDB || !window.fetch || !window.Promise) return; // the form then stays a plain form

  var DB_NAME = "jk-device";
  var STORE = "outbox";
  var DRAFT_PREFIX = "jk-draft:";
  var SYNC_URL = "/api/v1/sync";
  var DRAFT_DELAY = 300;
  var TIMEOUT = 20000;
  var RETRY_EVERY = 15000;
  var SENT = { stored: true, duplicate: true };
  var HELD = { rejected: true, conflict: true };
  var NOT_FIELDS = /^(submit|button|reset|image|file|fieldset|output)$/;

  var dbPromise = null;
  var draftTimers = {}; // storage key -> {form, timer}; flushed at once when the page is hidden
  var running = null; // the sync under way: one at a time
  var again = false; // a sync was asked for while one ran: run once more after it
  var retryTimer = null;
  var loginNeeded = false; // after a 401/403 the timer waits for the next submit or online event
  var shownCount = null; // last count read, re-applied to counters React renders anew

  function say(key) {
    var match = document.cookie.match(/(?:^|;\s*)jk_lang=([^;]+)/);
    var all = window.JK_TEXT || {};
    var text = all[match && decodeURIComponent(match[1]) === "en" ? "en" : "zh-CN"] || all["zh-CN"] || {};
    return text[key] || key; // a missing catalogue key shows itself rather than an empty status line
  }

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function emit(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // randomUUID only exists in secure contexts (https, localhost); a plain-http LAN address lacks it.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = "";
    for (var i = 0; i < 16; i++) {
      hex += (i === 4 || i === 6 || i === 8 || i === 10 ? "-" : "") + (b[i] + 256).toString(16).slice(1);
    }
    return hex;
  }

  // ---- IndexedDB. Other device data may share jk-device later: open whatever version it has and upgrade
  // only when this store is missing, rather than pinning a version number that a newer script outgrows.
  function openDb(version) {
    return new Promise(function (resolve, reject) {
      var request = version ? indexedDB.open(DB_NAME, version) : indexedDB.open(DB_NAME);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "client_id" });
      };
      request.onsuccess = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) {
          db.close();
          return resolve(openDb(db.version + 1));
        }
        db.onversionchange = function () {
          db.close(); // let another tab upgrade instead of blocking it; the next use reopens
          dbPromise = null;
        };
        resolve(db);
      };
      request.onerror = function () { reject(request.error); };
    });
  }

  // Runs work(store) in one transaction; resolves, once committed, to the result of the request work returns.
  function withStore(mode, work) {
    dbPromise = dbPromise || openDb().catch(function (err) { dbPromise = null; throw err; });
    return dbPromise.then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(request ? request.result : undefined); };
        tx.onerror = tx.onabort = function () { reject(tx.error || new Error("outbox transaction failed")); };
      });
    });
  }

  function readAll() {
    return withStore("readonly", function (s) { return s.getAll(); }).then(function (all) {
      return all.sort(function (a, b) {
        return a.captured_at < b.captured_at ? -1 : a.captured_at > b.captured_at ? 1 : 0;
      });
    });
  }

  // ---- Form values, in one shape for the draft and for the item's data.
  function idInput(form) {
    return form.querySelector('input[name="client_id"]');
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "client_id" && !el.disabled && !NOT_FIELDS.test(el.type);
    });
  }

  function serialise(form) {
    var data = {};
    var all = fields(form);
    all.forEach(function (el) {
      var name = el.name;
      if (el.type === "checkbox") {
        var group = all.filter(function (o) { return o.type === "checkbox" && o.name === name; }).length > 1;
        if (group) {
          data[name] = data[name] || []; // a group with nothing ticked still arrives, as []
          if (el.checked) data[name].push(el.value);
        } else if (el.checked) {
          data[name] = el.value; // "on" unless the markup gives a value; omitted when unticked
        }
      } else if (el.type !== "radio" || el.checked) {
        data[name] = el.value;
      }
    });
    return data;
  }

  function restore(form, values) {
    fields(form).forEach(function (el) {
      var value = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = (value == null ? [] : [].concat(value)).indexOf(el.value) >= 0;
      } else if (value != null) {
        el.value = value;
      }
    });
  }

  // ---- Drafts in localStorage: typed values survive a reload, a closed tab and a page switch.
  function draftKey(form) {
    var key = form.getAttribute("data-draft-key");
    return key ? DRAFT_PREFIX + key : null;
  }

  function readDraft(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  function stopTimer(key) {
    if (draftTimers[key]) clearTimeout(draftTimers[key].timer);
    delete draftTimers[key];
  }

  function saveDraft(form) {
    var key = draftKey(form);
    if (!key) return;
    stopTimer(key);
    var draft = { client_id: idInput(form).value, values: serialise(form), saved_at: new Date() };
    try {
      localStorage.setItem(key, JSON.stringify(draft));
    } catch (e) {
      /* storage full or blocked: a submitted form still reaches the outbox */
    }
  }

  function saveDraftSoon(event) {
    var form = event.currentTarget;
    var key = draftKey(form);
    if (!key) return;
    stopTimer(key);
    draftTimers[key] = { form: form, timer: setTimeout(saveDraft, DRAFT_DELAY, form) };
  }

  function flushDrafts() {
    Object.keys(draftTimers).forEach(function (key) { saveDraft(draftTimers[key].form); });
  }

  function dropDraft(key, clientId) {
    if (!key) return;
    key = DRAFT_PREFIX + key;
    var draft = readDraft(key);
    if (draft && draft.client_id !== clientId) return; // the form already holds a newer fill
    stopTimer(key);
    localStorage.removeItem(key);
  }

  // ---- What the page shows.
  function boundForms() {
    return Array.prototype.slice.call(document.querySelectorAll("form[data-outbox-bound]"));
  }

  function formFor(clientId) {
    return boundForms().filter(function (form) { return idInput(form).value === clientId; })[0] || null;
  }

  function setStatus(form, state, extra) {
    form.setAttribute("data-outbox-state", state); // for styling
    var line = form.querySelector("[data-outbox-status]");
    if (line) line.textContent = say("outbox_" + state) + (extra ? " " + extra : "");
  }

  function clearErrors(form) {
    each(form.querySelectorAll("[data-error-for]"), function (el) { el.textContent = ""; });
    each(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
  }

  // Errors go beside their fields; one without a place goes to the status line, so none is hidden.
  function showHeld(form, state, message, errors) {
    var spots = form.querySelectorAll("[data-error-for]");
    var extra = message ? [message] : [];
    clearErrors(form);
    Object.keys(errors || {}).forEach(function (field) {
      var spot = Array.prototype.filter.call(spots, function (el) {
        return el.getAttribute("data-error-for") === field;
      })[0];
      each(form.elements, function (el) { if (el.name === field) el.setAttribute("aria-invalid", "true"); });
      if (spot) spot.textContent = errors[field];
      else extra.push(errors[field]);
    });
    setStatus(form, state, extra.join(" "));
  }

  // An empty outbox leaves the span as rendered: no text change under React before it has hydrated.
  function paintCounters() {
    if (shownCount === null) return;
    var text = shownCount ? String(shownCount) : "";
    each(document.querySelectorAll("[data-outbox-count]"), function (el) {
      if (el.textContent !== text) el.textContent = text;
      if (el.hidden !== !shownCount) el.hidden = !shownCount;
    });
  }

  function refresh() {
    return readAll().then(function (all) {
      shownCount = all.length;
      paintCounters();
      return all;
    });
  }

  // ---- Sync: every pending item in one request; the server stores each client_id once.
  // Resolves to the reply, "login", or null for anything to try again later: no network, the timeout, a 5xx,
  // or a body that is no reply (a captive portal's page, say).
  function post(batch) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT); // also stops a stalled body
    var items = batch.map(function (item) {
      return { client_id: item.client_id, kind: item.kind, data: item.data, captured_at: item.captured_at };
    });
    return fetch(SYNC_URL, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ items: items }),
      signal: controller.signal,
    })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) return "login";
        if (!response.ok) return null;
        return response.json().then(function (reply) {
          return reply && Array.isArray(reply.results) ? reply : null;
        });
      })
      .catch(function () { return null; })
      .then(function (reply) {
        clearTimeout(timer);
        return reply;
      });
  }

  function applyResults(batch, results) {
    var sent = {};
    var settled = []; // [item, result] pairs the outbox now reflects
    batch.forEach(function (item) { sent[item.client_id] = item; });
    return withStore("readwrite", function (store) {
      results.forEach(function (result) {
        var item = result && sent[result.client_id];
        if (!item) return; // an item without an answer stays pending
        if (SENT[result.status]) {
          store.delete(item.client_id);
          settled.push([item, result]);
        } else if (HELD[result.status]) {
          store.get(item.client_id).onsuccess = function (event) {
            var now = event.target.result;
            // Resubmitted while this request was out: the newer fill waits for the next round instead.
            if (!now || now.captured_at !== item.captured_at) return;
            now.state = result.status;
            now.message = result.message || "";
            now.errors = result.errors || {};
            now.current = result.current || null;
            store.put(now);
            settled.push([now, result]);
          };
        }
      });
    }).then(function () {
      settled.forEach(function (pair) { report(pair[0], pair[1]); });
    });
  }

  // A form may name a page form (data-sent-form) that wants to hear which record the server stored: it is
  // submitted with that client id, so the page can show the saved record without reloading.
  function tellPage(form, clientId) {
    var target = document.getElementById(form.getAttribute("data-sent-form") || "");
    if (!target || !target.requestSubmit) return;
    var input = idInput(target);
    if (input) input.value = clientId;
    target.requestSubmit();
  }

  function report(item, result) {
    var form = formFor(item.client_id);
    if (SENT[result.status]) {
      dropDraft(item.draft_key, item.client_id);
      if (form) {
        form.reset();
        clearErrors(form);
        idInput(form).value = newId();
        setStatus(form, "sent");
        tellPage(form, item.client_id);
      }
      var id = result.id == null ? null : result.id;
      emit("jk-outbox-sent", { client_id: item.client_id, kind: item.kind, id: id });
    } else {
      if (form) showHeld(form, result.status, result.message, result.errors);
      emit("jk-outbox-rejected", result);
    }
  }

  function syncOnce() {
    return readAll().then(function (all) {
      // Rejected and conflicting items wait until the user resubmits them.
      var batch = all.filter(function (item) { return item.state === "pending"; });
      if (!batch.length) return "idle";
      return post(batch).then(function (reply) {
        if (reply === "login") {
          loginNeeded = true;
          boundForms().forEach(function (form) { setStatus(form, "login"); });
          emit("jk-outbox-login", {});
          return "login";
        }
        if (!reply) {
          batch.forEach(function (item) {
            var form = formFor(item.client_id);
            if (form) setStatus(form, "offline");
          });
          return "offline";
        }
        loginNeeded = false;
        return applyResults(batch, reply.results).then(function () { return "done"; });
      });
    });
  }

  function runUntilSettled() {
    again = false;
    return syncOnce()
      .catch(function (err) {
        console.warn("Outbox sync failed", err);
        return "error";
      })
      .then(function (outcome) {
        if (again) return runUntilSettled();
        running = null;
        return refresh().then(function (all) {
          clearTimeout(retryTimer);
          retryTimer = null;
          // With only the server down the online event never fires: a timer keeps trying.
          var waiting = all.some(function (item) { return item.state === "pending"; });
          if (waiting && !loginNeeded) retryTimer = setTimeout(sync, RETRY_EVERY);
          return outcome;
        });
      });
  }

  // Resolves to "idle" (nothing pending), "done", "offline", "login" or "error".
  function sync() {
    if (running) {
      again = true;
      return running;
    }
    running = runUntilSettled();
    return running;
  }

  // ---- Binding: Reflex renders these forms after hydration, and anew on every page switch.
  function onSubmit(event) {
    var form = event.currentTarget;
    event.preventDefault();
    clearErrors(form);
    if (!form.reportValidity()) return;
    var item = {
      client_id: idInput(form).value || (idInput(form).value = newId()),
      kind: form.getAttribute("data-outbox"),
      data: serialise(form),
      captured_at: new Date().toISOString(),
      draft_key: form.getAttribute("data-draft-key"),
      state: "pending",
    };
    saveDraft(form); // the draft now matches what was queued, should the page close before the reply
    loginNeeded = false;
    // keyPath client_id: a corrected resubmission replaces the earlier item instead of queueing a twin.
    withStore("readwrite", function (s) { return s.put(item); })
      .then(function () {
        setStatus(form, "queued");
        refresh();
        return sync();
      })
      .catch(function (err) { console.warn("Outbox could not keep the form (its draft has it)", err); });
  }

  // After a reload or a page switch, say again what became of this fill.
  function showWaiting(form, clientId) {
    withStore("readonly", function (s) { return s.get(clientId); })
      .then(function (item) {
        if (!item || idInput(form).value !== clientId) return;
        if (HELD[item.state]) showHeld(form, item.state, item.message, item.errors);
        else setStatus(form, "queued");
      })
      .catch(function () {});
  }

  function bind(form) {
    form.dataset.outboxBound = "1";
    var input = idInput(form);
    if (!input) return console.warn("Outbox form without a client_id input", form);
    var key = draftKey(form);
    var draft = key && readDraft(key);
    if (draft) {
      restore(form, draft.values || {});
      if (draft.client_id) input.value = draft.client_id; // a resend of this draft keeps its id
    }
    if (!input.value) input.value = newId();
    form.addEventListener("submit", onSubmit);
    form.addEventListener("input", saveDraftSoon);
    form.addEventListener("change", saveDraftSoon);
    showWaiting(form, input.value);
  }

  function scan() {
    each(document.querySelectorAll("form[data-outbox]:not([data-outbox-bound])"), bind);
    paintCounters();
  }

  // For logout: nothing of this user's stays on the device.
  function clearAll() {
    Object.keys(draftTimers).forEach(stopTimer);
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    keys.forEach(function (key) {
      if (key && key.indexOf(DRAFT_PREFIX) === 0) localStorage.removeItem(key);
    });
    clearTimeout(retryTimer);
    retryTimer = null;
    return withStore("readwrite", function (s) { return s.clear(); }).then(refresh).then(function () {});
  }

  window.JKOutbox = {
    sync: sync,
    items: readAll,
    values: serialise,
    clearAll: clearAll,
    count: function () { return withStore("readonly", function (s) { return s.count(); }); },
  };

  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
  window.addEventListener("online", function () {
    loginNeeded = false;
    sync();
  });
  // Leaving or reloading a page fires both; either one saves what the debounce has not saved yet.
  window.addEventListener("pagehide", flushDrafts);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushDrafts();
  });
  if (document.readyState === "complete") sync();
  else window.addEventListener("load", function () { sync(); });
})();
