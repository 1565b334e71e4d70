/// The hub's one stylesheet and one script, written beside the pages (no external request).
/// Colours keep a contrast of at least 4.5:1 in both schemes; the column fits a 375 px screen
/// and long words (URLs) wrap instead of widening the page.
enum SiteAssets {
    static let css = """
        :root { color-scheme: light dark; --bg: #fafaf7; --fg: #1d1f21; --muted: #51575e; --link: #0b57d0;
          --card: #ffffff; --line: #d9dcd6; --accent: #1f5f52; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #121417; --fg: #e6e6e6; --muted: #b4bac1; --link: #8ab4f8; --card: #1d2025;
            --line: #343a40; --accent: #9fd3c7; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.55; font-size: 1.0625rem;
          font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
          overflow-wrap: anywhere; }
        .wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
        a { color: var(--link); }
        a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: var(--card); padding: .5rem; z-index: 1; }
        header.site { border-bottom: 1px solid var(--line); background: var(--card); }
        header.site .wrap { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between;
          gap: .25rem 1rem; padding-top: .75rem; padding-bottom: .75rem; }
        .brand { margin: 0; font-weight: 700; font-size: 1.15rem; }
        .brand a { color: var(--fg); text-decoration: none; }
        nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        nav a[aria-current="page"] { font-weight: 700; color: var(--fg); }
        main { padding-top: 1rem; padding-bottom: 2rem; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: .75rem 0 .5rem; }
        h2 { font-size: 1.3rem; line-height: 1.3; margin: 1.75rem 0 .5rem; color: var(--accent); }
        h3 { font-size: 1.15rem; line-height: 1.3; margin: 0 0 .25rem; }
        .card h2 { font-size: 1.15rem; margin: 0 0 .25rem; color: inherit; }
        .lead { font-size: 1.125rem; }
        .meta { color: var(--muted); font-size: .95rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .9rem 1rem;
          margin: 0 0 .9rem; }
        .card p { margin: .25rem 0; }
        ul.plain, ul.links { padding-left: 1.25rem; }
        ul.plain li, ul.links li { margin: .35rem 0; }
        ul.tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
        ul.tags li { border: 1px solid var(--line); border-radius: 999px; padding: .1rem .7rem; background: var(--card); }
        .text p { margin: 0 0 1rem; }
        form[role="search"] label { display: block; font-weight: 600; margin-bottom: .25rem; }
        .field { display: flex; gap: .5rem; }
        .field input { flex: 1; min-width: 0; font: inherit; padding: .45rem .6rem; border: 1px solid var(--muted);
          border-radius: 6px; background: var(--card); color: var(--fg); }
        .field button { font: inherit; padding: .45rem .9rem; border: 0; border-radius: 6px; background: var(--link);
          color: var(--card); cursor: pointer; }
        ol.results { padding-left: 1.25rem; }
        ol.results li { margin: 0 0 1rem; }
        ol.results p { margin: .15rem 0; }
        footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .95rem; padding: 1rem 0 2rem; }

        """

    /// Search in a few lines of plain JavaScript: every word of the query must start a word of
    /// the item. Results are built with `textContent`, never as HTML.
    static let searchScript = """
        (function () {
          "use strict";
          var index = JSON.parse(document.getElementById("search-index").textContent);
          var form = document.querySelector("form[role=search]");
          var input = document.getElementById("q");
          var status = document.getElementById("search-status");
          var list = document.getElementById("results");
          function words(text) {
            return text.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")
              .split(/[^a-z0-9]+/).filter(Boolean);
          }
          function matches(entry, terms) {
            var text = " " + entry.words;
            return terms.every(function (t) { return text.indexOf(" " + t) >= 0; });
          }
          function add(parent, tag, text, className) {
            var el = document.createElement(tag);
            el.textContent = text;
            if (className) { el.className = className; }
            parent.appendChild(el);
            return el;
          }
          function search(query) {
            var terms = words(query);
            list.textContent = "";
            if (terms.length === 0) { status.textContent = ""; return; }
            var hits = index.filter(function (entry) { return matches(entry, terms); });
            status.textContent = hits.length === 1 ? "1 result" : hits.length + " results";
            hits.slice(0, 100).forEach(function (entry) {
              var item = document.createElement("li");
              var link = add(item, "a", entry.title);
              link.href = entry.url;
              add(item, "p", entry.meta, "meta");
              add(item, "p", entry.excerpt);
              list.appendChild(item);
            });
          }
          form.addEventListener("submit", function (event) {
            event.preventDefault();
            search(input.value);
            try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { }
          });
          input.addEventListener("input", function () { search(input.value); });
          var query = new URLSearchParams(location.search).get("q");
          if (query) { input.value = query; search(query); }
        })();

        """
}
