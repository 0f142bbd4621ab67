// The rules' proposal (classification, next follow-up date, relapse alert) shown in the follow-up form while it
// is filled in, so an override is a choice made knowingly. Only a preview: the server applies the same rules
// when the record is stored. Offline, the line says the rules will decide on submit.
(function () {
  "use strict";
  if (!window.fetch || !window.MutationObserver) return;

  var URL = "/api/v1/followups/proposal";
  var DELAY = 400;
  var timers = {};
  var asked = 0; // only the latest answer is shown

  function show(form, text) {
    var spot = form.querySelector("[data-proposal]");
    if (spot && spot.textContent !== text) spot.textContent = text;
  }

  function offline(form) {
    var spot = form.querySelector("[data-proposal]");
    show(form, (spot && spot.getAttribute("data-offline-text")) || "");
  }

  function ask(form) {
    if (!window.JKOutbox) return offline(form);
    var mine = ++asked;
    fetch(URL, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(window.JKOutbox.values(form)),
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; })
      .then(function (reply) {
        if (mine !== asked) return;
        if (reply && reply.message) show(form, reply.message);
        else offline(form);
      });
  }

  function soon(form) {
    var key = form.getAttribute("data-draft-key") || "";
    clearTimeout(timers[key]);
    timers[key] = setTimeout(ask, DELAY, form);
  }

  function bind(form) {
    form.setAttribute("data-proposal-bound", "1");
    var again = function () { soon(form); };
    form.addEventListener("change", again);
    form.addEventListener("input", again);
    form.addEventListener("reset", again);
    soon(form); // after outbox.js has put the draft back
  }

  function scan() {
    var forms = document.querySelectorAll("form[data-outbox=followup]:not([data-proposal-bound])");
    Array.prototype.forEach.call(forms, bind);
  }

  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
})();
