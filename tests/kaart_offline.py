"""Show kaart.html in headless Debian chromium without internet: folium's CDN files come from npm
packages installed into a cache folder, map tiles get a blank PNG, the page itself is served from
memory. Used by the browser test and by docs/img/maak_plaatjes.py.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
#: npm packages with folium 0.20's CDN files (leaflet.awesome-markers 2.0.2 is on npm only as the
#: drmonty-leaflet-awesome-markers mirror; the map itself needs only leaflet, jquery, markercluster)
NPM_PAKKETTEN = ["leaflet@1.9.3", "jquery@3.7.1", "bootstrap@5.2.2", "leaflet.markercluster@1.1.0",
                 "@fortawesome/fontawesome-free@6.2.0", "drmonty-leaflet-awesome-markers@2.0.2"]
NPM_CACHE = Path(os.environ.get("VERDUURZAMING_NPM_CACHE", Path.home() / ".cache/verduurzaming/kaart-cdn"))
#: CDN URL prefix -> folder in node_modules (a URL's rest is the path below it)
CDN = [
    ("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/", "leaflet/"),
    ("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/", "bootstrap/"),
    ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/", "@fortawesome/fontawesome-free/"),
    ("https://code.jquery.com/jquery-3.7.1.min.js", "jquery/dist/jquery.min.js"),
    ("https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/", "leaflet.markercluster/dist/"),
    ("https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js",
     "drmonty-leaflet-awesome-markers/js/leaflet.awesome-markers.js"),
    ("https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css",
     "drmonty-leaflet-awesome-markers/css/leaflet.awesome-markers.css"),
]
TEGEL = re.compile(r"^https?://[^/]*(tile|basemaps)[^/]*/(.*/)?\d+/\d+/\d+(@2x)?\.png(\?.*)?$")
BLANCO_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP49P4lAAWhAstl7N0JAAAAAElFTkSuQmCC")  # 1x1, OSM land colour
PAGINA = "http://kaart.test/kaart.html"
TYPE = {".js": "application/javascript", ".css": "text/css", ".png": "image/png", ".woff2": "font/woff2",
        ".woff": "font/woff", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".map": "application/json"}
NODIG = ["leaflet/dist/leaflet.js", "jquery/dist/jquery.min.js", "leaflet.markercluster/dist/leaflet.markercluster.js"]


class GeenCdn(RuntimeError):
    """The npm cache is missing and cannot be filled (no npm, or npm install failed)."""


def npm_cache() -> Path:
    """node_modules with folium's CDN files, installed from the npm registry when missing."""
    nm = NPM_CACHE / "node_modules"
    if not all((nm / p).exists() for p in NODIG):
        if not shutil.which("npm"):
            raise GeenCdn(f"npm-cache met folium's CDN-bestanden ontbreekt ({NPM_CACHE}) en npm is er niet")
        NPM_CACHE.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix",
                            str(NPM_CACHE), *NPM_PAKKETTEN], capture_output=True, text=True, timeout=600)
        if r.returncode != 0 or not all((nm / p).exists() for p in NODIG):
            raise GeenCdn(f"npm install in {NPM_CACHE} mislukt: {r.stderr[-500:]}")
    return nm


def router(html: Path, nm: Path, onbeantwoord: list[str]) -> Callable:
    """A Playwright route handler serving ``html`` at PAGINA, the CDN files and blank tiles;
    every other URL is aborted and recorded in ``onbeantwoord``."""
    tekst = html.read_bytes()

    def route(r):
        url = r.request.url
        if url == PAGINA:
            return r.fulfill(status=200, body=tekst, content_type="text/html; charset=utf-8")
        if TEGEL.match(url):
            return r.fulfill(status=200, body=BLANCO_PNG, content_type="image/png")
        kaal = url.split("?")[0]
        for prefix, doel in CDN:
            if kaal.startswith(prefix):
                bestand = nm / (doel + kaal[len(prefix):])
                if bestand.is_file():
                    return r.fulfill(status=200, path=str(bestand),
                                     content_type=TYPE.get(bestand.suffix, "application/octet-stream"))
        onbeantwoord.append(url)
        return r.abort()

    return route
