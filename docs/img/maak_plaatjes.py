"""Make the README's pictures from the demo: the map in headless chromium, workbook pages via LibreOffice.

    python docs/img/maak_plaatjes.py

Writes ``docs/img/kaart.png`` (kaart.html in Debian chromium through Playwright, fully offline: folium's
CDN files come from an npm cache, map tiles are a blank PNG, as in ``tests/test_kaart_browser.py``) and
``docs/img/werkmap_samenvatting.png``, ``werkmap_npa_monitor.png`` and ``werkmap_wijken.png`` (verduurzamingsplan.xlsx ->
``libreoffice --headless --convert-to pdf`` -> ``pdftoppm -png -r 70``). Every PNG is kept under 400 KB.

Needs: ``/usr/bin/chromium``, ``playwright`` (the ``[test]`` extra), ``npm`` or a filled cache in
``~/.cache/verduurzaming/kaart-cdn`` (``VERDUURZAMING_NPM_CACHE``), ``libreoffice`` and poppler-utils.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MAP = Path(__file__).resolve().parent
ROOT = MAP.parents[1]
MAX_BYTES = 400_000

CHROMIUM = "/usr/bin/chromium"
NPM_PAKKETTEN = ["leaflet@1.9.3", "jquery@3.7.1", "bootstrap@5.2.2", "leaflet.markercluster@1.1.0",
                 "@fortawesome/fontawesome-free@6.2.0", "drmonty-leaflet-awesome-markers@2.0.2"]
NPM_CACHE = Path(os.environ.get("VERDUURZAMING_NPM_CACHE", Path.home() / ".cache/verduurzaming/kaart-cdn"))
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
BLANCO_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP49P4lAAWhAstl7N0JAAAAAElFTkSuQmCC")
PAGINA = "http://kaart.test/kaart.html"
TYPE = {".js": "application/javascript", ".css": "text/css", ".png": "image/png", ".woff2": "font/woff2",
        ".woff": "font/woff", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".map": "application/json"}


def npm_cache() -> Path:
    nm = NPM_CACHE / "node_modules"
    if not (nm / "leaflet/dist/leaflet.js").exists():
        if not shutil.which("npm"):
            sys.exit(f"npm-cache met folium's CDN-bestanden ontbreekt ({NPM_CACHE}) en npm is er niet")
        NPM_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", str(NPM_CACHE),
                        *NPM_PAKKETTEN], check=True, timeout=600)
    return nm


def demo(tmp: Path):
    """Plan the demo and write the map and the workbook into tmp."""
    from verduurzaming import lees_scenario, load_portfolio, make_plan, write_map, write_workbook
    s = lees_scenario(ROOT / "scenario.toml")
    p = load_portfolio(s)
    plan = make_plan(p, s)
    return write_map(plan, p, tmp / "kaart.html"), write_workbook(plan, p, s, tmp / "verduurzamingsplan.xlsx")


def kaart_png(html: Path, uit: Path) -> Path:
    from playwright.sync_api import sync_playwright
    nm = npm_cache()
    tekst = html.read_bytes()
    onbeantwoord: list[str] = []

    def route(r):
        url = r.request.url
        if url == PAGINA:
            return r.fulfill(status=200, body=tekst, content_type="text/html; charset=utf-8")
        if TEGEL.match(url):
            return r.fulfill(status=200, body=BLANCO_PNG, content_type="image/png")
        for prefix, doel in CDN:
            kaal = url.split("?")[0]
            if kaal.startswith(prefix) and (nm / (doel + kaal[len(prefix):])).is_file():
                bestand = nm / (doel + kaal[len(prefix):])
                return r.fulfill(status=200, path=str(bestand), content_type=TYPE.get(bestand.suffix, "text/plain"))
        onbeantwoord.append(url)
        return r.abort()

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                                               "--disable-background-networking"])
        page = b.new_page(viewport={"width": 1100, "height": 720})
        page.route("**/*", route)
        page.goto(PAGINA, wait_until="load")
        page.wait_for_selector(".leaflet-container")
        page.wait_for_timeout(800)
        # open the layer control, so the picture shows what can be switched on
        page.locator(".leaflet-control-layers").hover()
        page.wait_for_timeout(300)
        page.screenshot(path=str(uit))
        b.close()
    if onbeantwoord:
        print("let op, verzoeken zonder antwoord:", onbeantwoord)
    return uit


def werkmap_pngs(xlsx: Path, tmp: Path) -> list[Path]:
    """The first pages of the sheets Samenvatting, NPA-monitor and Wijken as PNG at 70 dpi."""
    profiel = tmp / "lo-profiel"
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profiel}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(xlsx)], check=True, capture_output=True, timeout=300)
    pdf = tmp / (xlsx.stem + ".pdf")
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                          check=True).stdout).group(1))
    teksten = {i: subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True,
                                 text=True).stdout for i in range(1, n + 1)}

    def eerste(*woorden: str) -> int | None:
        return next((i for i, t in teksten.items() if all(w in t for w in woorden)), None)

    paden = []
    for naam, pagina in [("werkmap_samenvatting", 1), ("werkmap_npa_monitor", eerste("Sleutel", "Indicator")),
                         ("werkmap_wijken", eerste("Wijkcode", "TVW-strategie"))]:
        if pagina is None:
            print(f"{naam}: pagina niet gevonden")
            continue
        doel = MAP / naam
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(pagina), "-l", str(pagina), "-singlefile",
                        str(pdf), str(doel)], check=True)
        paden.append(doel.with_suffix(".png"))
    return paden


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        html, xlsx = demo(tmp)
        paden = [kaart_png(html, MAP / "kaart.png")] + werkmap_pngs(xlsx, tmp)
    for p in paden:
        grootte = p.stat().st_size
        print(f"{p.relative_to(ROOT)}: {grootte / 1024:.0f} KB")
        if grootte > MAX_BYTES:
            sys.exit(f"{p} is groter dan {MAX_BYTES // 1000} KB")


if __name__ == "__main__":
    main()
