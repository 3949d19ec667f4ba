/* Old addresses keep working (written for this project; no third-party code).
 *
 * A redirect page written by the survey's engine loads this script with data-redirect (the
 * new address) and data-moved (old anchor -> new address); the script keeps the reader's
 * #fragment, or follows the anchor's new address. Without script, the page's meta refresh
 * does the same, without the fragment.
 *
 * On an ordinary page, a note <p class="survey-moved" id="OLD"> stands where an anchor used to
 * be, with a link <a data-moved-from="OLD" href="NEW">; the script follows it when the address
 * names OLD. Without script, the browser shows the note and its link.
 */
(function () {
  "use strict";

  function currentFragment() {
    var raw = window.location.hash.slice(1);
    try {
      return decodeURIComponent(raw);
    } catch (error) {
      return raw;
    }
  }

  var script = document.currentScript;
  if (script && script.hasAttribute("data-redirect")) {
    var moved = JSON.parse(script.getAttribute("data-moved") || "{}");
    var fragment = currentFragment();
    var target = new URL(script.getAttribute("data-redirect"), window.location.href);
    if (fragment && Object.prototype.hasOwnProperty.call(moved, fragment)) {
      target = new URL(moved[fragment], window.location.href);
    } else {
      target.hash = window.location.hash;
    }
    window.stop(); // the meta refresh below is never read, so it cannot drop the fragment
    window.location.replace(target.href);
    return;
  }

  function follow() {
    var fragment = currentFragment();
    if (!fragment) {
      return;
    }
    var links = document.querySelectorAll("a[data-moved-from]");
    for (var i = 0; i < links.length; i += 1) {
      if (links[i].getAttribute("data-moved-from") === fragment) {
        window.location.replace(links[i].href);
        return;
      }
    }
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
