/* HS suggestion as the product's name is typed (progressive enhancement of
   templates/catalog/_hs_suggest.html: without this script the server's list stays). */
(function () {
  "use strict";
  function setUp(box) {
    var target = document.getElementById(box.dataset.target);
    var source = document.getElementById(box.dataset.source);
    var list = box.querySelector("[data-hs-list]");
    var status = box.querySelector("[data-hs-status]");
    var timer = null;
    var seq = 0;
    box.querySelectorAll("[data-hs-use]").forEach(function (b) { b.hidden = false; });
    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-hs-use]");
      if (!button || !target) return;
      event.preventDefault();
      target.value = button.dataset.code;
      target.dispatchEvent(new Event("change", { bubbles: true }));
      status.textContent = box.dataset.used.replace("%s", button.dataset.code);
      target.focus();
    });
    function mark() {
      var span = document.createElement("span");
      span.className = "muted";
      span.textContent = " (" + box.dataset.suggestedLabel + ") ";
      return span;
    }
    function item(s) {
      var li = document.createElement("li");
      var code = s.code.slice(0, 4) + "." + s.code.slice(4);
      if (box.dataset.mode === "pick") {
        var label = document.createElement("label");
        var box2 = document.createElement("input");
        box2.type = "checkbox"; box2.name = "hs_pick"; box2.value = s.code;
        var strong = document.createElement("strong");
        strong.textContent = code;
        label.append(box2, " ", strong, " " + s.label, mark());
        li.append(label);
        return li;
      }
      var strongCode = document.createElement("strong");
      strongCode.textContent = code;
      var use = document.createElement("button");
      use.type = "button"; use.className = "btn-small"; use.dataset.hsUse = "";
      use.dataset.code = code; use.textContent = box.dataset.useLabel;
      li.append(strongCode, " " + s.label, mark(), use);
      return li;
    }
    function run() {
      var q = source.value.trim();
      if (q.length < 3 || !navigator.onLine) return;
      var mine = ++seq;
      var url = box.dataset.url + "?" + new URLSearchParams({ q: q, lang: box.dataset.lang });
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
        .then(function (answer) {
          if (mine !== seq) return;
          var items = answer[0] ? answer[1].suggestions.slice(0, 3) : [];
          list.replaceChildren.apply(list, items.map(item));
          if (items.length) box.querySelector("[data-hs-heading]").textContent = box.dataset.heading;
          status.textContent = answer[0] ? "" : String(answer[1].detail || "");
        })
        .catch(function () { /* offline or refused: the server's list stays */ });
    }
    if (source) {
      source.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(run, 350);
      });
    }
  }
  document.querySelectorAll("[data-hs-suggest]:not([data-hs-ready])").forEach(function (box) {
    box.dataset.hsReady = "1";
    setUp(box);
  });
})();
