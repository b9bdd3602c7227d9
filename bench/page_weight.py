"""The finder page's weight: its HTML plus every stylesheet, script and image it references.

Fetched in-process for a real search (list view, then map view) on the 10,000-meeting benchmark
database. Sizes are uncompressed and gzip-compressed: static files as WhiteNoise pre-compresses
them (level 9, and never larger than the file), the HTML as a compressing proxy sends it
(level 6). The map view also counts the
two marker images ``map.js`` asks for; map tiles come from the tile server and are not counted.
"""

from __future__ import annotations

import gzip
from html.parser import HTMLParser

from django.test import Client

from bench.common import print_table
from bench.database import bench_database

MEETINGS = 10_000
SEARCH = "/meetings/?near=Austin%2C+TX"
TARGET_KB = 150
# Leaflet's default marker, which map.js loads from data-icons when it draws the markers.
MARKER_IMAGES = ["marker-icon.png", "marker-shadow.png"]


class Assets(HTMLParser):
    """The URLs of stylesheets, icons, scripts and images in a page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.icon_dirs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and ("stylesheet" in rel or "icon" in rel) and attributes.get("href"):
            self.urls.append(attributes["href"])
        elif tag in ("script", "img") and attributes.get("src"):
            self.urls.append(attributes["src"])
        if attributes.get("data-icons"):
            self.icon_dirs.append(attributes["data-icons"])


def body(client: Client, url: str) -> bytes:
    response = client.get(url)
    try:
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response.getvalue() if response.streaming else response.content
    finally:
        response.close()


def weigh(client: Client, path: str) -> tuple[list[list[str]], list[str], int, int]:
    """Rows per file, the asset URLs, and total bytes uncompressed and gzipped."""
    html = body(client, path)
    parser = Assets()
    parser.feed(html.decode())
    urls = list(dict.fromkeys(parser.urls))
    for directory in parser.icon_dirs:
        urls += [directory + image for image in MARKER_IMAGES]
    files = [("HTML " + path, html, gzip.compress(html, compresslevel=6, mtime=0))]
    for url in urls:
        content = body(client, url)
        packed = gzip.compress(content, compresslevel=9, mtime=0)
        # WhiteNoise keeps no compressed copy of a file gzip cannot shrink (a PNG).
        files.append((url, content, min(packed, content, key=len)))
    rows = [
        [name, f"{len(raw) / 1024:.1f}", f"{len(packed) / 1024:.1f}"] for name, raw, packed in files
    ]
    total = sum(len(raw) for _, raw, _ in files)
    total_gzip = sum(len(packed) for _, _, packed in files)
    return rows, urls, total, total_gzip


def run() -> None:
    with bench_database(MEETINGS):
        client = Client(HTTP_HOST="localhost")
        summary_rows = []
        for view, path in (("list", SEARCH), ("map", SEARCH + "&view=map")):
            rows, urls, total, total_gzip = weigh(client, path)
            print_table(f"Finder page, {view} view: files (KB)", ["file", "bytes", "gzip"], rows)
            leaflet = any("leaflet" in url for url in urls)
            target = ""
            if view == "list":
                verdict = "met" if total_gzip < TARGET_KB * 1024 else "MISSED"
                target = f"< {TARGET_KB} KB: {verdict} gzip, "
                target += "met" if total < TARGET_KB * 1024 else "missed"
                target += " uncompressed"
            summary_rows.append(
                [
                    view,
                    str(len(rows)),
                    f"{total / 1024:.1f}",
                    f"{total_gzip / 1024:.1f}",
                    "yes" if leaflet else "no",
                    target,
                ]
            )
        print_table(
            f"Finder page weight, {SEARCH} (KB)",
            ["view", "files", "KB", "KB gzip", "Leaflet loaded", "target"],
            summary_rows,
        )
