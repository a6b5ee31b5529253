/* Swagger UI as the rest of the site: dark when the reader's system is, and with the names and keyboard
   access its controls lack, added as it renders them. Only attributes and a class on <html> change: the
   elements stay React's, so nothing here fights its updates. */
(() => {
  "use strict";

  // Swagger UI ships a dark theme behind html.dark-mode; follow the system's preference, also when it changes.
  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  const followScheme = () => document.documentElement.classList.toggle("dark-mode", dark.matches);
  followScheme();
  dark.addEventListener("change", followScheme);

  function selectName(select) {
    const row = select.closest("tr[data-param-name]");
    if (row) {
      return row.dataset.paramName;
    }
    if (select.id === "servers") {
      return "Servers";
    }
    const titled = select.closest("[class*='media-type'], .content-type-wrapper, .response-control-examples");
    const title = titled && titled.querySelector("small, label");
    return (title && title.textContent.trim()) || "Media type";
  }

  function hasName(element) {
    // Swagger UI wraps the server list in a <label> with no text of its own, which names nothing.
    const labelled = Array.from(element.labels || []).some(
      (label) => label.textContent.replace(element.textContent, "").trim() !== "",
    );
    return labelled || element.hasAttribute("aria-label") || element.hasAttribute("aria-labelledby");
  }

  function complete(root) {
    for (const select of root.querySelectorAll("select")) {
      if (!hasName(select)) {
        select.setAttribute("aria-label", selectName(select));
      }
    }
    // Long examples scroll sideways: reachable with the keyboard, so that they can be scrolled without a mouse.
    for (const block of root.querySelectorAll("pre:not([tabindex])")) {
      block.setAttribute("tabindex", "0");
    }
  }

  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) {
      return;
    }
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      complete(document.body);
    });
  });

  document.addEventListener("DOMContentLoaded", () => {
    const container = document.getElementById("swagger-ui");
    observer.observe(container, { childList: true, subtree: true });
    complete(container);
  });
})();
