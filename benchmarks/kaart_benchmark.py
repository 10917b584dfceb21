"""Size and write time of kaart.html (and plan.gpkg): the demo and a synthetic 3,000-complex corporation.

Run: python benchmarks/kaart_benchmark.py [--planner] [--browser]
(--planner: the demo with maak_plan, else a test plan; --browser: also the time headless chromium
takes to draw the 3,000-complex map with every request blocked, a slider step and a zoom step)

Target (issue 14): a 3,000-complex corporation <= 3 MB, written in < 3 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from kaart_helpers import demo_portefeuille, nep_plan, synthetisch  # noqa: E402

from verduurzaming.export.geo import schrijf_geopackage  # noqa: E402
from verduurzaming.export.kaart import schrijf_kaart  # noqa: E402


def meet(naam: str, plan, portefeuille, uit: Path, herhaal: int = 3) -> None:
    tijden = []
    for _ in range(herhaal):
        t = time.perf_counter()
        pad = schrijf_kaart(plan, portefeuille, uit / f"{naam}.html")
        tijden.append(time.perf_counter() - t)
    t = time.perf_counter()
    g = schrijf_geopackage(plan, portefeuille, uit / f"{naam}.gpkg")
    tg = time.perf_counter() - t
    print(f"{naam:<28} {len(plan.complexen):>6} complexen {len(portefeuille.wijken):>4} wijken  "
          f"kaart {pad.stat().st_size / 1e6:6.2f} MB in {min(tijden):5.2f} s (beste van {herhaal})  "
          f"gpkg {g.stat().st_size / 1e6:5.2f} MB in {tg:4.2f} s")


def browser(pad: Path) -> None:
    """Draw time in headless chromium (tests/kaart_offline.py: all requests blocked)."""
    import kaart_offline as off
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=off.CHROMIUM, args=off.CHROMIUM_ARGS)
        t = time.perf_counter()
        p = off.OfflinePagina(b, pad)  # includes a fixed 0.5 s wait after load
        laden = time.perf_counter() - t - 0.5
        stap, zoom = p.page.evaluate("""() => { let t = performance.now();
            for (let i = 0; i < vdKaart.data.jaren.length; i++) vdKaart.zetJaar(i);
            const stap = (performance.now() - t) / vdKaart.data.jaren.length; t = performance.now();
            vdKaart.map.setZoom(vdKaart.map.getZoom() + 1, {animate: false}); return [stap, performance.now() - t]; }""")
        print(f"  chromium: geladen en getekend in {laden:4.2f} s, jaarstap {stap:4.0f} ms, zoomstap {zoom:4.0f} ms; "
              f"verzoeken {len(p.verzoeken)}, fouten {len(p.fouten)}")
        p.sluit()
        b.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", action="store_true", help="also the demo with the real maak_plan")
    ap.add_argument("--browser", action="store_true", help="also the draw time in headless chromium")
    a = ap.parse_args()
    s, p = demo_portefeuille()
    with tempfile.TemporaryDirectory() as d:
        uit = Path(d)
        meet("demo (testplan)", nep_plan(p), p, uit)
        if a.planner:
            from verduurzaming.planning import maak_plan
            meet("demo (maak_plan)", maak_plan(p, s, baseline=False), p, uit)
        for n in (500, 3000):
            groot = synthetisch(p, n)
            meet(f"synthetisch {n}", nep_plan(groot), groot, uit)
        if a.browser:
            browser(uit / "synthetisch 3000.html")


if __name__ == "__main__":
    main()
