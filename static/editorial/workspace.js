// The translation workspace: checks and preview as the translator types (the server's checks, the same
// as on save), Ctrl+Enter to save and go on, a warning before leaving unsaved text.
(function () {
  "use strict";
  var form = document.getElementById("ws-form");
  if (!form) return;
  var field = document.getElementById("ws-text");
  var findings = document.getElementById("ws-findings");
  var preview = document.getElementById("ws-preview");
  var saved = field.value;
  var timer = null;
  var sequence = 0;
  var submitting = false;

  function showFindings(list) {
    findings.textContent = "";
    if (!list.length) {
      var none = document.createElement("p");
      none.textContent = findings.dataset.none;
      findings.appendChild(none);
      return;
    }
    var ul = document.createElement("ul");
    ul.className = "ws-warnings";
    list.forEach(function (finding) {
      var li = document.createElement("li");
      li.dataset.kind = finding.kind;
      li.textContent = finding.message;
      ul.appendChild(li);
    });
    findings.appendChild(ul);
  }

  function check() {
    var mine = ++sequence;
    var body = new FormData();
    body.append("text", field.value);
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    fetch(form.dataset.checkUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (mine !== sequence) return;
        showFindings(data.findings);
        preview.innerHTML = data.preview; // sanitised by the server's Markdown renderer
      })
      .catch(function () {
        if (mine !== sequence) return;
        findings.textContent = form.dataset.sessionEnded;
      });
  }

  // What is typed is kept in this browser with the version of the record it was typed against: after a
  // session expired, a closed tab or a crash it comes back when this text is opened again, as long as
  // nobody (this translator included) has saved the record since.
  var draftKey = "atlas-workspace:" + location.pathname;
  var mark = form.dataset.version;
  function keepDraft() {
    try {
      localStorage.setItem(draftKey, JSON.stringify({ mark: mark, text: field.value }));
    } catch (error) {
      /* storage full or off: the warning before leaving still applies */
    }
  }
  try {
    var draft = JSON.parse(localStorage.getItem(draftKey) || "null");
    if (!draft || draft.mark !== mark || draft.text === field.value) {
      localStorage.removeItem(draftKey);
    } else {
      field.value = draft.text;
      var note = document.getElementById("ws-restored");
      note.hidden = false;
      check();
    }
  } catch (error) {
    /* no storage: nothing to restore */
  }

  field.addEventListener("input", function () {
    keepDraft();
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      document.getElementById("ws-save-next").click();
    }
  });

  form.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && field.value !== saved) {
      event.preventDefault();
      event.returnValue = form.dataset.leaveWarning;
    }
  });

  // The shortcut and the live checks are in place from here on.
  form.dataset.ready = "1";

  Array.prototype.forEach.call(document.querySelectorAll(".ws-use"), function (button) {
    button.addEventListener("click", function () {
      field.value = button.dataset.text;
      field.focus();
      check();
    });
  });
})();
