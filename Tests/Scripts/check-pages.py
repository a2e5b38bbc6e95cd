#!/usr/bin/env python3
"""Checks every HTML page of a built portal for what the Nu checker does not:
one <h1> and headings that never skip a level, relative links and #fragments that
resolve to files and ids of the build, and nothing loaded from another host.

    check-pages.py SITE_DIR      exit 1 and one line per problem when anything is wrong
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []   # levels in order
        self.ids = set()
        self.links = []      # (attribute, value)
        self.loads = []      # src/href of things the browser fetches

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.loads.append(attrs["href"])


def main(root):
    pages = {}
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                parser = Page()
                with open(path, encoding="utf-8") as handle:
                    parser.feed(handle.read())
                pages[os.path.relpath(path, root)] = parser
    problems = []
    for route, page in sorted(pages.items()):
        if page.headings.count(1) != 1:
            problems.append(f"{route}: {page.headings.count(1)} <h1> elements, expected 1")
        previous = 0
        for level in page.headings:
            if level > previous + 1:
                problems.append(f"{route}: heading h{level} follows h{previous}")
            previous = level
        for url in page.loads:
            if urlsplit(url).scheme or url.startswith("//"):
                problems.append(f"{route}: loads {url} from another host")
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            if parts.path.startswith("/"):
                # Root-relative links (the 404 page's) start at the site root.
                target = os.path.normpath(unquote(parts.path).lstrip("/") or "index.html")
            else:
                target = route if not parts.path else os.path.normpath(os.path.join(os.path.dirname(route), unquote(parts.path)))
            if target.startswith(".."):
                problems.append(f"{route}: link {href} leaves the site")
                continue
            full = os.path.join(root, target)
            if os.path.isdir(full):
                target = os.path.join(target, "index.html")
                full = os.path.join(root, target)
            if not os.path.exists(full):
                problems.append(f"{route}: link {href} points to a missing file")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                problems.append(f"{route}: link {href} points to a missing #{parts.fragment}")
    for problem in problems:
        print(problem)
    print(f"check-pages: {len(pages)} pages, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "output"))
