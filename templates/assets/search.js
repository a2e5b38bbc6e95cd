/* Rapport search. A plain script with no dependencies and no network request: the index
   comes from search/index.js (written at build time), which sets window.RAPPORT_SEARCH,
   so search works from file:// as well as from any static host.
   Every word of the query must appear in a page's title, tags or text; results are
   grouped by kind, best match first. Results are built with DOM calls and textContent,
   never innerHTML, so note text cannot inject markup. */
(function () {
  "use strict";

  var data = window.RAPPORT_SEARCH;
  var results = document.getElementById("search-results");
  var input = document.getElementById("search-query");
  if (!results || !input) return;
  if (!data || !data.pages) {
    results.textContent = "The search index is missing: rebuild the portal.";
    return;
  }
  var root = results.getAttribute("data-root") || "";
  var perGroup = 50;

  // Case and accents do not matter: "resume" finds "Résumé".
  function fold(text) {
    var lower = String(text || "").toLowerCase();
    return lower.normalize ? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : lower;
  }

  var pages = data.pages.map(function (page) {
    return {
      page: page,
      title: fold(page.title),
      tags: fold((page.tags || []).join(" ")),
      text: fold(page.text)
    };
  });

  function words(query) {
    return fold(query).split(/\s+/).filter(function (word) { return word.length > 0; });
  }

  // Title matches weigh most, then tags, then text; a page that misses a word scores 0.
  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var points = 0;
      if (entry.title.indexOf(term) >= 0) points += 10;
      if (entry.tags.indexOf(term) >= 0) points += 5;
      if (entry.text.indexOf(term) >= 0) points += 1;
      if (points === 0) return 0;
      total += points;
    }
    return total;
  }

  // About 200 characters of the page's text around the first match.
  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i]);
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < at) start = space + 1;
    }
    var piece = text.slice(start, start + 200);
    return (start > 0 ? "…" : "") + piece + (start + 200 < text.length ? "…" : "");
  }

  // Appends `text` to `parent`, wrapping each match of a term in <mark>.
  function highlight(parent, text, terms) {
    var lower = text.toLowerCase();
    var position = 0;
    while (position < text.length) {
      var next = -1;
      var length = 0;
      for (var i = 0; i < terms.length; i++) {
        var found = lower.indexOf(terms[i], position);
        if (found >= 0 && (next < 0 || found < next)) {
          next = found;
          length = terms[i].length;
        }
      }
      if (next < 0) break;
      parent.appendChild(document.createTextNode(text.slice(position, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      parent.appendChild(mark);
      position = next + length;
    }
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(query) {
    results.textContent = "";
    var terms = words(query);
    if (terms.length === 0) {
      results.appendChild(element("p", "muted", "Type a word or two: a title, a name, a tag, a KPI."));
      return;
    }
    var groups = {};
    var count = 0;
    pages.forEach(function (entry) {
      var points = score(entry, terms);
      if (points === 0) return;
      (groups[entry.page.kind] = groups[entry.page.kind] || []).push({ entry: entry, points: points });
      count += 1;
    });
    results.appendChild(element("p", "search-summary",
      count === 0 ? "No results for “" + query.trim() + "”." :
        count + (count === 1 ? " result" : " results") + " for “" + query.trim() + "”."));
    (data.groups || []).forEach(function (group) {
      var found = groups[group.kind];
      if (!found) return;
      found.sort(function (a, b) {
        if (b.points !== a.points) return b.points - a.points;
        var dates = (b.entry.page.date || "").localeCompare(a.entry.page.date || "");
        return dates !== 0 ? dates : a.entry.page.title.localeCompare(b.entry.page.title);
      });
      var section = element("section", "search-group");
      var heading = element("h2", null, group.title + " ");
      heading.appendChild(element("span", "count", String(found.length)));
      section.appendChild(heading);
      var list = element("ol", "search-list");
      found.slice(0, perGroup).forEach(function (hit) {
        var page = hit.entry.page;
        var item = element("li");
        var link = element("a");
        link.href = root + page.url;
        highlight(link, page.title, terms);
        item.appendChild(link);
        if (page.date) item.appendChild(element("span", "muted", " " + page.date));
        if (page.text) {
          var excerpt = element("p", "excerpt");
          highlight(excerpt, snippet(page.text, terms), terms);
          item.appendChild(excerpt);
        }
        list.appendChild(item);
      });
      section.appendChild(list);
      if (found.length > perGroup) {
        section.appendChild(element("p", "muted", "and " + (found.length - perGroup) + " more: add a word to narrow the search."));
      }
      results.appendChild(section);
    });
  }

  function queryFromLocation() {
    var match = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!match) return "";
    try {
      return decodeURIComponent(match[1].replace(/\+/g, " "));
    } catch (error) {
      return "";
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      render(input.value);
      // Keep the query in the address so the results can be shared; some browsers refuse
      // this on file:// pages, which is harmless.
      try {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      } catch (error) { /* ignored */ }
    }, 120);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    render(input.value);
  });

  input.value = queryFromLocation();
  render(input.value);
})();
