// Procedure catalog filter: loads a compact index once, matches without diacritics,
// and renders at most PAGE rows at a time so a phone stays responsive with 2,000 procedures.
(function () {
  "use strict";
  var PAGE = 50;
  var form = document.querySelector(".cchc-filter");
  if (!form || !window.fetch) return;
  var status = document.querySelector(".cchc-filter__status");
  var results = document.querySelector(".cchc-results");
  var fieldsSection = document.querySelector(".cchc-fields");
  var base = form.getAttribute("data-base");
  var index = null, folded = [], matches = [], shown = 0;

  // The portal's one folding rule (assets/fold.js, generated from cchc/text.py), then words only.
  function fold(text) {
    return window.cchcFold.fold(text).replace(/[^a-z0-9.]+/g, " ").trim();
  }

  // The filter lives in the address (?q=&level=&online=): Back and a shared link show the same list.
  var PARAMS = ["q", "level", "online"];
  function remember() {
    if (!window.history || !history.replaceState) return;
    var url = new URL(location.href);
    PARAMS.forEach(function (name) {
      var value = form[name].value;
      if (value.trim()) url.searchParams.set(name, value); else url.searchParams.delete(name);
    });
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }
  function restore() {
    var params = new URLSearchParams(location.search), any = false;
    PARAMS.forEach(function (name) {
      var value = params.get(name);
      if (value === null) return;
      if (form[name].tagName === "SELECT" && !form[name].querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      form[name].value = value; any = true;
    });
    return any;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Each finished filter bumps data-filtered on the form, so tests (and scripts) know the list is current.
  function filter() {
    remember();
    render();
    form.setAttribute("data-filtered", String(Number(form.getAttribute("data-filtered") || 0) + 1));
  }

  function render() {
    var words = fold(form.q.value).split(" ").filter(Boolean);
    var level = form.level.value, online = form.online.value;
    if (!words.length && level === "" && online === "") {
      results.hidden = true; status.hidden = true; fieldsSection.hidden = false;
      return;
    }
    matches = [];
    for (var i = 0; i < index.rows.length; i++) {
      var row = index.rows[i];
      if (level !== "" && row[3].indexOf(level) < 0) continue;
      if (online !== "" && String(row[4]) !== online) continue;
      var text = folded[i], ok = true;
      for (var w = 0; w < words.length && ok; w++) ok = text.indexOf(words[w]) >= 0;
      if (ok) matches.push(row);
    }
    results.textContent = "";
    shown = 0;
    fieldsSection.hidden = true;
    results.hidden = false;
    status.hidden = false;
    status.textContent = matches.length ? "Tìm thấy " + matches.length + " thủ tục" : "Không tìm thấy thủ tục phù hợp. Hãy thử từ khóa khác.";
    more();
  }

  function more() {
    var list = results.querySelector("ul") || results.appendChild(el("ul", "cchc-procedures"));
    var end = Math.min(matches.length, shown + PAGE);
    for (; shown < end; shown++) {
      var row = matches[shown];
      var item = el("li");
      var link = el("a", null, row[1]);
      link.href = base + row[5];
      item.appendChild(link);
      item.appendChild(el("br"));
      var levels = row[3].split("").map(function (n) { return "cấp " + index.levels[n]; }).join(", ");
      item.appendChild(el("span", "cchc-meta", "Mã " + row[0] + " · " + index.fields[row[2]] + " · " + levels +
        (row[4] < 2 ? " · Trực tuyến " + index.online[row[4]] : "")));
      list.appendChild(item);
    }
    var button = results.querySelector(".cchc-more");
    if (button) button.remove();
    if (shown < matches.length) {
      button = el("button", "md-button cchc-more", "Hiện thêm " + Math.min(PAGE, matches.length - shown) + " thủ tục");
      button.type = "button";
      button.addEventListener("click", more);
      results.appendChild(button);
    }
  }

  fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
    index = data;
    folded = data.rows.map(function (row) {
      return fold(row[0] + " " + row[1] + " " + data.fields[row[2]] + " " + row[6]);
    });
    form.hidden = false;
    var timer = null;
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(filter, 80); });
    form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
    if (restore()) filter();
  });
})();
