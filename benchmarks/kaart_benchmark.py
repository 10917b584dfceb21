"""Size and write time of kaart.html (and plan.gpkg): the demo and a synthetic 3,000-complex corporation.

Run: python benchmarks/kaart_benchmark.py [--planner]   (--planner: the demo with make_plan, else a test plan)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from kaart_helpers import demo_portfolio, nep_plan, synthetisch  # noqa: E402

from verduurzaming.export.geo import write_geopackage  # noqa: E402
from verduurzaming.export.kaart import write_map  # noqa: E402


def meet(naam: str, plan, portfolio, uit: Path, herhaal: int = 3) -> None:
    tijden = []
    for _ in range(herhaal):
        t = time.perf_counter()
        pad = write_map(plan, portfolio, uit / f"{naam}.html")
        tijden.append(time.perf_counter() - t)
    t = time.perf_counter()
    g = write_geopackage(plan, portfolio, uit / f"{naam}.gpkg")
    tg = time.perf_counter() - t
    print(f"{naam:<28} {len(plan.complexen):>6} complexen {len(portfolio.wijken):>4} wijken  "
          f"kaart {pad.stat().st_size / 1e6:6.2f} MB in {min(tijden):5.2f} s (beste van {herhaal})  "
          f"gpkg {g.stat().st_size / 1e6:5.2f} MB in {tg:4.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", action="store_true", help="also the demo with the real make_plan")
    a = ap.parse_args()
    s, p = demo_portfolio()
    with tempfile.TemporaryDirectory() as d:
        uit = Path(d)
        meet("demo (testplan)", nep_plan(p), p, uit)
        if a.planner:
            from verduurzaming.planning import make_plan
            meet("demo (make_plan)", make_plan(p, s, baseline=False), p, uit)
        for n in (500, 3000):
            groot = synthetisch(p, n)
            meet(f"synthetisch {n}", nep_plan(groot), groot, uit)


if __name__ == "__main__":
    main()
