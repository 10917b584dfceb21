"""Write time and peak memory of the workbook for a 3,000- and a 100,000-complex plan.

Synthetic Plan tables built directly (tests/werkboek_helpers.py), no solver. Each size runs in
its own process so that peak RSS (resource.getrusage maxrss) belongs to that size alone.

    python benchmarks/werkboek_benchmark.py            # both sizes
    python benchmarks/werkboek_benchmark.py 3000       # one size
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parent / "tests"))


def meet(n: int) -> dict:
    from werkboek_helpers import synthetisch

    from verduurzaming.export.werkboek import schrijf_werkmap

    plan, portefeuille, scenario = synthetisch(n, n_bevindingen=min(n, 20_000))
    rss_voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        pad = schrijf_werkmap(plan, portefeuille, scenario, Path(d) / "plan.xlsx")
        sec = time.perf_counter() - t0
        grootte = pad.stat().st_size
    rss_na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"complexen": n, "bevindingen": len(portefeuille.bevindingen), "seconden": round(sec, 1),
            "bestand_mb": round(grootte / 1e6, 1), "piek_rss_mb_na_plan": round(rss_voor / 1024),
            "piek_rss_mb": round(rss_na / 1024), "schrijven_extra_mb": round((rss_na - rss_voor) / 1024)}


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--een":
        print(json.dumps(meet(int(argv[1]))))
        return
    maten = [int(a) for a in argv] or [3_000, 100_000]
    for n in maten:
        r = subprocess.run([sys.executable, __file__, "--een", str(n)], capture_output=True, text=True, check=True)
        d = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"{d['complexen']:>7,} complexen ({d['bevindingen']:,} bevindingen): {d['seconden']:6.1f} s, "
              f"{d['bestand_mb']:5.1f} MB; piek RSS {d['piek_rss_mb']:,} MB "
              f"(plan gebouwd: {d['piek_rss_mb_na_plan']:,} MB, schrijven +{d['schrijven_extra_mb']:,} MB)")


if __name__ == "__main__":
    main(sys.argv[1:])
