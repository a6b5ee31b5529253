// A preview of a public page: "Back to the form" returns to the very form it was opened from (this tab
// closes), and the page's own language switcher shows the preview in that language, not the public page.
(function () {
  "use strict";
  var back = document.getElementById("atlas-preview-back");
  var languages = document.querySelector(".atlas-preview-languages");
  if (back) {
    back.addEventListener("click", function (event) {
      if (window.opener && !window.opener.closed) {
        event.preventDefault();
        window.opener.focus();
        window.close();
      }
    });
  }
  if (!languages) return;
  var select = languages.querySelector("select");
  Array.prototype.forEach.call(document.querySelectorAll("a[hreflang]"), function (link) {
    var option = select.querySelector("option[value='" + link.getAttribute("hreflang") + "']");
    if (!option || languages.contains(link)) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      select.value = option.value;
      languages.submit();
    });
  });
})();
