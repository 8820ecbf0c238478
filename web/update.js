// Registers Tandem's service worker (web/sw.js) and offers a new deployment once the
// browser has it: a banner with a Reload button. It never reloads on its own — a person
// may be in the middle of typing — only when the button is pressed.
//
// A plain script file of our own origin (the Content-Security-Policy forbids inline
// scripts), loaded with `defer` so it never delays the page. Under Trusted Types
// (`require-trusted-types-for 'script'`) `register()` needs a TrustedScriptURL: the
// "tandem" policy creates one for this worker's URL and nothing else.
(() => {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const WORKER = "./sw.js";
  /** How often a long-open tab asks whether a new version is deployed. */
  const CHECK_EVERY_MS = 60 * 60 * 1000;

  function workerURL() {
    if (!window.trustedTypes) return WORKER;
    const policy = window.trustedTypes.createPolicy("tandem", {
      createScriptURL(url) {
        if (url !== WORKER) throw new TypeError(`tandem: refusing script URL ${url}`);
        return url;
      },
    });
    return policy.createScriptURL(WORKER);
  }

  // Whether this page was already run by a worker; a worker taking over a page that had
  // none (the first visit) is not a new version.
  let controlled = !!sw.controller;
  let reloadAsked = false;
  sw.addEventListener("controllerchange", () => {
    if (reloadAsked) location.reload();
    else if (controlled) offer(null); // another tab took the new version: this one runs the old
    controlled = true;
  });

  /** Shows the banner; `waiting` is the new worker to hand over to (null if it already has). */
  function offer(waiting) {
    if (document.getElementById("update-banner")) return;
    const banner = document.createElement("div");
    banner.id = "update-banner";
    banner.className = "banner banner--info update-banner";
    banner.setAttribute("role", "status");
    document.body.prepend(banner);
    // Filled after insertion, so screen readers announce it as a live region.
    requestAnimationFrame(() => {
      const text = document.createElement("p");
      const strong = document.createElement("strong");
      strong.textContent = "A new version of Tandem is ready.";
      text.append(strong, " Reload to use it, when you are done with what you are typing: everything saved stays.");
      const actions = document.createElement("div");
      actions.className = "banner__actions";
      const reload = button("Reload", "button", () => {
        reload.disabled = true;
        if (waiting && waiting.state === "installed") {
          reloadAsked = true;
          waiting.postMessage("take-over"); // then "controllerchange" reloads
        } else {
          location.reload();
        }
      });
      const later = button("Later", "button button--quiet", () => banner.remove());
      actions.append(reload, later);
      banner.append(text, actions);
    });
  }

  function button(label, className, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  async function register() {
    let registration;
    try {
      registration = await sw.register(workerURL());
    } catch (error) {
      // The app still works, only not offline; nothing for the person to do.
      console.warn("Tandem could not install its offline copy:", error);
      return;
    }
    // A browser set to block workers may resolve with no registration at all.
    if (!registration) return;
    const watch = (worker) => {
      if (!worker) return;
      const check = () => {
        if (worker.state === "installed" && sw.controller) offer(worker);
      };
      check();
      worker.addEventListener("statechange", check);
    };
    watch(registration.waiting);
    watch(registration.installing);
    registration.addEventListener("updatefound", () => watch(registration.installing));

    // Browsers check for a new worker on navigation; a tab open for days checks itself.
    const update = () => registration.update().catch(() => {}); // offline: try later
    setInterval(update, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") update();
    });
  }

  // After the page's own load, so caching the app never competes with starting it.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
