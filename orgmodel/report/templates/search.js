// orgmodel report: find a council, forum, organisation, position or goal by its name or id.
// The index is window.ORGMODEL_SEARCH, set by search-index.js (a script, because pages opened
// from the file system cannot load a JSON file). Results are built with textContent only.
(function () {
  "use strict";
  var MAX = 15;
  var form = document.querySelector("form.search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var index = window.ORGMODEL_SEARCH || [];
  if (!form || !input || !list) { return; }
  var root = document.body.getAttribute("data-root") || "";

  function fold(text) {
    return String(text).toLowerCase()
      .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  var entries = index.map(function (row) {
    return { id: row[0], name: row[1], kind: row[2], url: row[3],
             name_key: fold(row[1]), id_key: fold(row[0]) };
  });

  function score(entry, words, query) {
    for (var i = 0; i < words.length; i++) {
      if (entry.name_key.indexOf(words[i]) < 0 && entry.id_key.indexOf(words[i]) < 0) { return -1; }
    }
    if (entry.id_key === query || entry.name_key === query) { return 0; }
    if (entry.name_key.indexOf(query) === 0) { return 1; }
    if (entry.name_key.indexOf(query) >= 0) { return 2; }
    return 3;
  }

  function search(text) {
    var query = fold(text).trim().replace(/\s+/g, " ");
    if (!query) { return []; }
    var words = query.split(" ");
    var found = [];
    entries.forEach(function (entry) {
      var s = score(entry, words, query);
      if (s >= 0) { found.push([s, entry]); }
    });
    found.sort(function (a, b) {
      return a[0] - b[0] || a[1].name_key.localeCompare(b[1].name_key) || (a[1].id < b[1].id ? -1 : 1);
    });
    return found.map(function (pair) { return pair[1]; });
  }

  function show() {
    var found = search(input.value);
    list.textContent = "";
    if (!input.value.trim()) {
      list.hidden = true;
      status.textContent = "";
      return;
    }
    found.slice(0, MAX).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.url;
      link.textContent = entry.name + " ";
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = entry.kind;
      link.appendChild(kind);
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = found.length === 0;
    if (!found.length) {
      status.textContent = form.getAttribute("data-empty");
    } else if (found.length > MAX) {
      status.textContent = form.getAttribute("data-more").replace("{n}", MAX).replace("{total}", found.length);
    } else {
      var count = form.getAttribute(found.length === 1 ? "data-count-one" : "data-count");
      status.textContent = count.replace("{n}", found.length);
    }
  }

  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      input.value = "";
      show();
    } else if (event.key === "ArrowDown" && list.firstChild) {
      event.preventDefault();
      list.firstChild.firstChild.focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    var item = document.activeElement && document.activeElement.parentNode;
    if (event.key === "ArrowDown" && item && item.nextSibling) {
      event.preventDefault();
      item.nextSibling.firstChild.focus();
    } else if (event.key === "ArrowUp" && item) {
      event.preventDefault();
      (item.previousSibling ? item.previousSibling.firstChild : input).focus();
    } else if (event.key === "Escape") {
      input.focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) { window.location.href = first.href; }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) { list.hidden = true; }
  });
  // Results left open would cover the element that receives focus next (WCAG 2.4.7).
  form.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !form.contains(event.relatedTarget)) { list.hidden = true; }
  });
  // A mouse press on a result keeps focus where it is, so the list stays open until the click lands
  // (browsers that do not focus links on click would otherwise close it first).
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("focus", function () { if (input.value.trim()) { show(); } });
})();
