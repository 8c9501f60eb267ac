// The amendment editor's live diagnostics: the text goes to /v1/check (the same endpoint API
// clients use) with the session's CSRF token, half a second after the last key press.
(function () {
  "use strict";
  var area = document.getElementById("amendment");
  var box = document.getElementById("diagnostics");
  if (!area || !box) { return; }
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var lang = document.documentElement.getAttribute("lang") || "vi";
  var timer = null;
  var sent = 0;

  function show(findings) {
    box.textContent = "";
    if (!findings.length) {
      var ok = document.createElement("p");
      ok.className = "ok";
      ok.textContent = box.getAttribute("data-ok");
      box.appendChild(ok);
      return;
    }
    var list = document.createElement("ul");
    findings.forEach(function (f) {
      var item = document.createElement("li");
      item.className = "finding " + f.severity;
      var where = f.line ? (f.line + ":" + f.column + " ") : "";
      item.textContent = where + f.code + " " + f.message;
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function check() {
    var mine = ++sent;
    box.setAttribute("aria-busy", "true");
    fetch("/v1/check?lang=" + encodeURIComponent(lang), {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8", "x-csrf-token": token },
      body: area.value,
      credentials: "same-origin"
    }).then(function (reply) { return reply.json(); }).then(function (data) {
      if (mine !== sent) { return; }
      box.removeAttribute("aria-busy");
      show(data.diagnostics || data.errors || []);
    }).catch(function () { box.removeAttribute("aria-busy"); });
  }

  area.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  });
  check();
})();
