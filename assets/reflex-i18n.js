// Reflex draws its "new version" banner with plain DOM and English text (utils/state.js). Translate it from
// the catalogue strings the page head puts in window.JK_TEXT, in the language of the jk_lang cookie.
(function () {
  "use strict";
  var BANNER_ID = "reflex-new-version-banner";
  function lang() {
    var match = document.cookie.match(/(?:^|;\s*)jk_lang=([^;]+)/);
    return match && decodeURIComponent(match[1]) === "en" ? "en" : "zh-CN";
  }
  function translate(banner) {
    var text = (window.JK_TEXT || {})[lang()];
    if (!text || banner.dataset.jkTranslated) return;
    banner.dataset.jkTranslated = "1";
    var button = banner.querySelector("button");
    banner.firstChild.textContent = text.new_version;
    if (button) {
      button.textContent = text.reload;
      button.style.minHeight = "44px";
    }
    banner.setAttribute("lang", lang());
  }
  new MutationObserver(function () {
    var banner = document.getElementById(BANNER_ID);
    if (banner) translate(banner);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
