// Suggestions as you type, for every search form that names its suggestion endpoint (data-suggest).
// The ARIA 1.2 combobox pattern: the input owns a listbox, arrow keys move through its options,
// Enter opens the chosen one, Escape closes the list; a live region says how many there are.
// Without this script the form submits to the search page as before.
(function () {
  "use strict";
  var MIN_LENGTH = 2;
  var DELAY = 120;
  var LIMIT = 8;
  var counter = 0;

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input) return;
    var id = "search-suggestions-" + (++counter);
    var list = document.createElement("ul");
    var live = document.createElement("div");
    var active = -1;
    var items = [];
    var timer = null;
    var pending = null;

    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.dataset.suggestLabel || "");
    list.hidden = true;
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    form.classList.add("suggesting");
    form.appendChild(list);
    form.appendChild(live);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function mark(index) {
      active = index;
      items.forEach(function (item, position) {
        item.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    }

    function show(results) {
      list.textContent = "";
      items = results.map(function (hit, position) {
        var option = document.createElement("li");
        var number = document.createElement("span");
        var name = document.createElement("span");
        option.id = id + "-" + position;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = hit.url;
        number.className = "suggestion-number";
        number.textContent = hit.numbers.join(" / ");
        name.className = "suggestion-name";
        name.textContent = hit.name;
        option.appendChild(number);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(name);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(hit.url);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      var count = results.length;
      live.textContent = count
        ? (form.dataset.suggestLabel || "") + ": " + count
        : form.dataset.suggestNone || "";
      if (count) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function ask() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        close();
        return;
      }
      if (pending) pending.abort();
      pending = new AbortController();
      var address = form.dataset.suggest + "?" + new URLSearchParams({
        q: query,
        lang: document.documentElement.lang,
        limit: String(LIMIT),
      });
      fetch(address, { headers: { Accept: "application/json" }, signal: pending.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (answer) {
          if (input.value.trim() === query) show(answer.results || []);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) {
          if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
          return;
        }
        event.preventDefault();
        // -1 is the input itself: past the last option the focus comes back to what was typed.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= items.length) next = -1;
        if (next < -1) next = items.length - 1;
        mark(next);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].dataset.url);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("form[data-suggest]").forEach(enhance);
})();
