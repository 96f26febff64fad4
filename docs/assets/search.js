// Vietnamese search over the static index written by cchc/outputs/search.py.
// Fetches only meta.json, the buckets of the typed words and the chunks of the shown results.
(function () {
  "use strict";
  // Folding comes from assets/fold.js, generated from the Python rule the index was built with.
  var F = window.cchcFold;
  var TOKEN = /\d+(?:[.,]\d+)+|[\p{L}\p{N}]+/gu;
  var cache = {};
  var fold = F.fold;

  function analyse(token) {
    var folded = fold(token), marked = F.marked(token);
    return { folded: folded, marked: marked === folded ? null : marked };
  }

  // A phone number typed in groups ("0913 456 789", "0913.456.789", "+84 913 456 789") is one word
  // of digits; a procedure code ("1.001193") is not a phone number.
  function joinNumber(query) {
    var digits = query.replace(/\D/g, "");
    var phone = digits.length >= 9 && digits.length <= 12 && /^(0|84)/.test(digits);
    return /^[\d\s.+()-]+$/.test(query.trim()) && phone ? digits : query;
  }

  function tokens(text) {
    return (text.normalize("NFC").toLowerCase().match(TOKEN) || []).map(analyse);
  }

  function fnv1a(bytes) {
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h;
  }

  function get(url, type) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) return null;
        return type === "json" ? r.json() : r.arrayBuffer();
      }).catch(function () { return null; });
    }
    return cache[url];
  }

  // A bucket's terms (format: cchc/outputs/search.py). Each: ids, title ids, 2-bit frequency codes.
  function readBucket(buffer, total) {
    var bytes = new Uint8Array(buffer), pos = 0, terms = {}, decoder = new TextDecoder();
    function varint() {
      var value = 0, shift = 0, b;
      do { b = bytes[pos++]; value += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
      return value;
    }
    function deltas(n) {
      var ids = new Int32Array(n), doc = -1;
      for (var i = 0; i < n; i++) { doc += varint() + 1; ids[i] = doc; }
      return ids;
    }
    while (pos < bytes.length) {
      var length = varint();
      var term = decoder.decode(bytes.subarray(pos, pos + length)); pos += length;
      var n = varint(), flags = bytes[pos++], ids;
      if (flags & 1) {
        ids = new Int32Array(n);
        for (var doc = 0, k = 0; doc < total; doc++) if (bytes[pos + (doc >> 3)] & (1 << (doc & 7))) ids[k++] = doc;
        pos += (total + 7) >> 3;
      } else {
        ids = deltas(n);
      }
      var titles = deltas(varint()), freq = null;
      if (flags & 2) { freq = bytes.subarray(pos, pos + ((n + 3) >> 2)); pos += (n + 3) >> 2; }
      terms[term] = { ids: ids, titles: titles, freq: freq };
    }
    return terms;
  }

  function Index(base) {
    this.base = base;
    this.meta = null;  // fetched on the first search, not on every page view
  }

  Index.prototype.postings = function (meta, term) {
    var encoded = new TextEncoder().encode(term);
    var url = this.base + "search/t/" + (fnv1a(encoded) % meta.buckets) + ".bin";
    return get(url, "bin").then(function (buffer) {
      if (!buffer) return null;
      if (!cache[url + "#"]) cache[url + "#"] = readBucket(buffer, meta.docs);
      return cache[url + "#"][term] || null;
    });
  };

  // The most frequent syllables starting with `prefix` (the word still being typed).
  Index.prototype.completions = function (prefix) {
    var url = this.base + "search/v/" + prefix.codePointAt(0) + ".json";
    return get(url, "json").then(function (words) {
      var found = (words || []).filter(function (w) { return w.indexOf(prefix) === 0; }).slice(0, 5);
      return found.length ? found : [prefix];
    });
  };

  // Rank: documents with more of the typed words first, then by score (title hits, typed
  // syllable pairs, exact diacritics, frequency, rarity), then the newest (lowest number).
  // `partial`: the last word is still being typed, so it also matches its completions.
  Index.prototype.search = function (query, limit, partial) {
    var self = this, words = tokens(joinNumber(query));
    if (!words.length) return Promise.resolve({ words: words, total: 0, hits: [] });
    var typing = partial && /[^\s]$/.test(query) && /^[a-z]+$/.test(words[words.length - 1].folded);
    this.meta = this.meta || get(this.base + "search/meta.json", "json");
    return this.meta.then(function (meta) {
      if (!meta) throw new Error("search index missing");
      if (meta.version !== F.indexVersion) throw new Error("search index of another version");
      var unique = [], seen = {};
      words.forEach(function (w) { if (!seen[w.folded]) { seen[w.folded] = 1; unique.push(w); } });
      var last = typing ? unique[unique.length - 1] : null;
      var alternatives = last ? self.completions(last.folded) : Promise.resolve(null);
      return alternatives.then(function (completions) {
        if (completions) last.completions = completions;
        var wanted = unique.map(function (w) {
          var forms = w === last ? completions : [w.folded];
          return Promise.all(forms.map(function (f) { return self.postings(meta, "u" + f); }));
        });
        var pairs = [];
        // A pair or marked form with an unfinished last word matches nothing: no harm.
        for (var i = 1; i < words.length; i++) pairs.push(self.postings(meta, "b" + words[i - 1].folded + " " + words[i].folded));
        var marked = unique.map(function (w) { return w.marked ? self.postings(meta, "m" + w.marked) : Promise.resolve(null); });
        return Promise.all([Promise.all(wanted), Promise.all(pairs), Promise.all(marked)]);
      }).then(function (lists) {
        var N = meta.docs, matched = new Uint8Array(N), score = new Float64Array(N);
        var FREQ = [1, 1.9, 2.6, 3.3];  // about 1 + log(1 + frequency) for the codes 1, 2-3, 4-7, 8+
        function idf(p) { return Math.log(1 + N / p.ids.length); }
        lists[0].forEach(function (forms) {
          var counted = new Uint8Array(N);  // a word counts once per document, whichever form matched
          forms.forEach(function (p) {
            if (!p) return;
            var w = idf(p);
            for (var i = 0; i < p.ids.length; i++) {
              var id = p.ids[i];
              if (!counted[id]) { counted[id] = 1; matched[id]++; }
              score[id] += w * FREQ[(p.freq[i >> 2] >> ((i & 3) * 2)) & 3];
            }
            for (var t = 0; t < p.titles.length; t++) score[p.titles[t]] += 4 * w;
          });
        });
        // Typed syllable pairs (weight 3) and exact diacritics (weight 2) only reorder matches.
        function boost(p, weight) {
          if (!p) return;
          var w = weight * idf(p);
          for (var i = 0; i < p.ids.length; i++) if (matched[p.ids[i]]) score[p.ids[i]] += w;
          for (var t = 0; t < p.titles.length; t++) if (matched[p.titles[t]]) score[p.titles[t]] += w;
        }
        lists[1].forEach(function (p) { boost(p, 3); });
        lists[2].forEach(function (p) { boost(p, 2); });
        var ids = [];
        for (var d = 0; d < N; d++) if (matched[d]) ids.push(d);
        ids.sort(function (a, b) { return (matched[b] - matched[a]) || (score[b] - score[a]) || (a - b); });
        var top = ids.slice(0, limit);
        var chunks = {};
        top.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = 1; });
        return Promise.all(Object.keys(chunks).map(function (c) {
          return get(self.base + "search/d/" + c + ".json", "json").then(function (docs) { chunks[c] = docs; });
        })).then(function () {
          return {
            words: unique, total: ids.length,
            hits: top.map(function (id) {
              var d = chunks[Math.floor(id / meta.chunk)][id % meta.chunk];
              return { title: d[0], url: d[1], kind: d[2], meta: d[3], snippet: d[4], all: matched[id] === unique.length };
            })
          };
        });
      });
    });
  };

  // Text with the typed words (compared folded) wrapped in <mark>, built as DOM nodes.
  function highlighted(text, words) {
    var wanted = {}, fragment = document.createDocumentFragment(), last = 0, match;
    words.forEach(function (w) { wanted[w.folded] = 1; (w.completions || []).forEach(function (c) { wanted[c] = 1; }); });
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text))) {
      if (wanted[fold(match[0])]) {
        fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.textContent = match[0];
        fragment.appendChild(mark);
        last = match.index + match[0].length;
      }
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function render(container, status, result, base, moreUrl) {
    container.textContent = "";
    if (!result.words.length) { status.textContent = ""; container.hidden = true; return; }
    container.hidden = false;
    status.textContent = result.total ? "Tìm thấy " + result.total + " kết quả" : "Không tìm thấy kết quả. Hãy thử từ khóa khác, hoặc ít từ hơn.";
    var list = el("ol", "cchc-hits");
    result.hits.forEach(function (hit) {
      var item = el("li", "cchc-hit");
      var kind = el("span", "cchc-hit__kind"); kind.textContent = hit.kind;
      var link = el("a", "cchc-hit__title"); link.href = base + hit.url; link.appendChild(highlighted(hit.title, result.words));
      item.appendChild(kind); item.appendChild(link);
      if (hit.meta) { var meta = el("span", "cchc-hit__meta"); meta.textContent = hit.meta; item.appendChild(meta); }
      if (hit.snippet) { var p = el("p", "cchc-hit__snippet"); p.appendChild(highlighted(hit.snippet, result.words)); item.appendChild(p); }
      list.appendChild(item);
    });
    container.appendChild(list);
    if (moreUrl && result.total > result.hits.length) {
      var more = el("a", "cchc-hits__more"); more.href = moreUrl; more.textContent = "Xem tất cả " + result.total + " kết quả";
      container.appendChild(more);
    }
  }

  function attach(form) {
    var base = form.getAttribute("data-base");
    var index = new Index(base);
    var input = form.querySelector("input[name=q]");
    var results = document.getElementById(form.getAttribute("data-results"));
    var status = document.getElementById(form.getAttribute("data-status"));
    var limit = Number(form.getAttribute("data-limit") || 20);
    var dropdown = form.hasAttribute("data-dropdown");
    var timer = null, latest = 0;
    // The search page keeps its query in the address (?q=), so Back and a shared link show the same results.
    function remember(query) {
      if (dropdown || !window.history || !history.replaceState) return;
      var url = new URL(location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }
    function run(partial) {
      var query = input.value, ticket = ++latest;
      remember(query);
      if (!query.trim()) { render(results, status, { words: [], hits: [] }, base); form.setAttribute("data-searched", ""); return; }
      index.search(query, limit, partial === true).then(function (result) {
        if (ticket !== latest) return;
        var moreUrl = dropdown ? form.action + "?q=" + encodeURIComponent(query) : null;
        render(results, status, result, base, moreUrl);
        form.setAttribute("data-searched", query);
      }).catch(function () {
        status.textContent = "Không tải được bộ tìm kiếm. Hãy thử lại.";
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(true); }, 30); });
    if (!dropdown) {
      form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      var q = new URLSearchParams(location.search).get("q");
      if (q) { input.value = q; run(); }
    } else {
      document.addEventListener("click", function (event) { if (!form.contains(event.target)) results.hidden = true; });
      input.addEventListener("focus", function () { if (results.childNodes.length) results.hidden = false; });
      form.addEventListener("keydown", function (event) { if (event.key === "Escape") { results.hidden = true; input.blur(); } });
    }
  }

  document.documentElement.classList.add("cchc-js");
  Array.prototype.forEach.call(document.querySelectorAll("form.cchc-search"), attach);
})();
