// The admin's change forms: language tabs named by their own names with the state of each text, lists of
// texts edited line by line, the preview in a tab of its own that returns to this form, and a warning
// before leaving a changed form.
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("#content-main form[method=post]");
    if (!form) return;
    var strings = document.getElementById("atlas-form-strings");
    var say = strings ? strings.dataset : {};

    // --- Language tabs ------------------------------------------------------------------------------
    // jQuery UI makes each <li> the tab (focus, arrow keys) and leaves a link inside it: two interactive
    // controls in one, which screen readers announce twice. The link loses its address and stays the
    // tab's label; jQuery UI still activates the tab on a click.
    function unnestLink(link) {
      var container = link.closest(".ui-tabs");
      var tabs = container && window.django && window.django.jQuery(container).tabs("instance");
      if (!tabs) return;
      // Every panel is on this page; jQuery UI would otherwise look for the link's address.
      tabs._isLocal = function () {
        return true;
      };
      link.removeAttribute("href");
      link.removeAttribute("tabindex");
    }

    function labelTabs() {
      var links = document.querySelectorAll(".ui-tabs-nav a[href^='#tab_']");
      var names = {};
      Array.prototype.forEach.call(links, function (link) {
        if (link.dataset.atlasLabelled) return;
        var field = document.getElementById(link.getAttribute("href").slice(5));
        if (!field || !field.dataset.atlasLanguage) return;
        link.dataset.atlasLabelled = "1";
        names[field.getAttribute("lang")] = field.dataset.atlasLanguage;
        link.textContent = "";
        var name = document.createElement("span");
        name.lang = field.getAttribute("lang");
        name.dir = field.getAttribute("dir");
        name.textContent = field.dataset.atlasLanguage;
        link.appendChild(name);
        link.removeAttribute("title");
        if (field.dataset.atlasState) {
          var mark = document.createElement("span");
          mark.className = "atlas-tab-mark atlas-tab-" + field.dataset.atlasState;
          mark.setAttribute("aria-hidden", "true");
          mark.textContent = " " + field.dataset.atlasMark;
          link.appendChild(mark);
          var spoken = document.createElement("span");
          spoken.className = "visually-hidden";
          spoken.textContent = ", " + field.dataset.atlasStateLabel;
          link.appendChild(spoken);
          link.title = field.dataset.atlasStateLabel;
          link.parentNode.classList.add("atlas-tab-" + field.dataset.atlasState);
        }
        unnestLink(link);
      });
      var select = document.getElementById("modeltranslation-main-switch");
      if (select && !select.dataset.atlasLabelled) {
        select.dataset.atlasLabelled = "1";
        Array.prototype.forEach.call(select.options, function (option) {
          var code = option.textContent.trim().toLowerCase();
          if (code === "ind") code = "id"; // modeltranslation's column suffix for Indonesian
          var name = names[code];
          if (name) {
            option.textContent = name;
            option.lang = code;
          }
        });
        var label = document.createElement("label");
        label.htmlFor = select.id;
        label.className = "atlas-switch-label";
        label.textContent = say.switchLabel || "Language of the tabs";
        select.parentNode.insertBefore(label, select);
      }
    }

    // --- Lists of texts -----------------------------------------------------------------------------
    function listRow(list, value) {
      var row = list.querySelector("template").content.firstElementChild.cloneNode(true);
      row.querySelector("input").value = value || "";
      return row;
    }
    function initList(list) {
      var rows = list.querySelector(".atlas-list-rows");
      Array.prototype.forEach.call(list.querySelectorAll(".atlas-list-remove"), function (b) {
        b.hidden = false;
      });
      var add = list.querySelector(".atlas-list-add");
      add.hidden = false;
      list.addEventListener("click", function (event) {
        var remove = event.target.closest(".atlas-list-remove");
        if (remove) {
          var row = remove.closest("li");
          var next = row.nextElementSibling || row.previousElementSibling;
          row.remove();
          if (!rows.children.length) rows.appendChild(listRow(list));
          (next ? next.querySelector("input") : add).focus();
        }
      });
      add.addEventListener("click", function () {
        var row = listRow(list);
        rows.appendChild(row);
        row.querySelector("input").focus();
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll(".atlas-list"), initList);

    // --- Preview: one tab of its own, which returns to this form ---------------------------------------
    var previewWindow = "atlas-preview-" + location.pathname.replace(/[^a-z0-9]+/gi, "-");
    Array.prototype.forEach.call(form.querySelectorAll("button[name=_preview]"), function (button) {
      button.addEventListener("click", function () {
        // Opened by this page, the preview can close itself and bring this form back.
        window.open("", previewWindow);
        button.formTarget = previewWindow;
      });
    });

    // --- A warning before leaving a changed form ----------------------------------------------------
    function snapshot() {
      var data = new FormData(form);
      var parts = [];
      data.forEach(function (value, key) {
        if (key === "csrfmiddlewaretoken" || key.charAt(0) === "_") return;
        parts.push(key + "=" + (typeof value === "string" ? value.replace(/\r\n/g, "\n") : value.name));
      });
      return parts.join("&");
    }
    var opened = null;
    var leaving = false;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (button && button.formTarget) return; // the preview: this page stays
      leaving = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (leaving || opened === null || snapshot() === opened) return;
      event.preventDefault();
      event.returnValue = say.leaveWarning || "";
    });

    function start() {
      labelTabs();
      if (opened === null) opened = snapshot();
      form.dataset.atlasReady = "1";
    }
    // modeltranslation builds its tabs when the document is ready: label them right after.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(function () {
        setTimeout(start, 0);
      });
    } else {
      start();
    }
    window.addEventListener("load", labelTabs);
  }

  // The admin loads this script in the page's head, before the form exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
