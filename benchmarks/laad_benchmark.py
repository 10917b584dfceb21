"""Benchmark: load and join N synthetic dwellings (default 1,000,000) on the demo wijken.

Writes a cp1252 ';' corporation export with decimal commas and a complex table with RD points,
then times ``load_portfolio`` (read, validate, label on peildatum, complexes, spatial join, TVW).
Run: ``python benchmarks/laad_benchmark.py [N ...] [--herhaal K] [--vergelijk MAP]``.

For every N it prints, per run, the time and peak memory (RSS) of ``load_portfolio`` and of a bare
``pyarrow.csv.read_csv`` of the same VHE file, and their ratio. Each measurement runs in its own
process (so the peak RSS is its own), alternating, because the machine may be shared. With
``--vergelijk MAP`` (a folder holding another version's ``verduurzaming`` package, e.g. made with
``git archive``) that version's ``load_portfolio`` is timed in the same rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "verduurzaming" / "demo"


def maak(n: int, map_: Path, per_complex: int = 35) -> tuple[Path, Path]:
    rng = np.random.default_rng(42)
    n_cx = max(1, n // per_complex)
    wijken = gpd.read_file(DEMO / "wijken/voorbeeldstad_wijken.gpkg", layer="wijken")
    punten = wijken.sample_points(size=n_cx // len(wijken) + 1, rng=rng).explode(index_parts=False)
    punten = punten.iloc[:n_cx]
    cx = pd.DataFrame({"Complexnummer": np.arange(n_cx) + 10000,
                       "Complexnaam": [f"Complex {i}" for i in range(n_cx)],
                       "X": [f"{v:.1f}".replace(".", ",") for v in punten.x],
                       "Y": [f"{v:.1f}".replace(".", ",") for v in punten.y],
                       "Monument": rng.choice(["ja", "nee"], n_cx, p=[0.02, 0.98]),
                       "Onderhoudsjaar": rng.integers(2026, 2040, n_cx)})
    complex_van = rng.integers(0, n_cx, n) + 10000
    ep2 = rng.gamma(9, 22, n)
    labels = pd.cut(ep2, [-1e9, 0, 50, 75, 105, 160, 190, 250, 290, 335, 380, 1e9],
                    labels=["A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"]).astype(str)
    jaar = rng.integers(2016, 2026, n)
    vhe = pd.DataFrame({
        "VHE-nummer": np.arange(n) + 1_000_000, "Complexnummer": complex_van, "Corporatie": "Grote Corporatie",
        "Postcode": [f"{9000 + i % 900} AB" for i in range(n)], "Huisnummer": np.arange(n) % 300 + 1,
        "Toevoeging": "", "Bouwjaar": rng.integers(1930, 2020, n),
        "Woningtype": rng.choice(["eengezinswoning", "portiekflat", "galerijflat"], n),
        "Gebruiksoppervlakte (m²)": [f"{v:.1f}".replace(".", ",") for v in rng.uniform(40, 130, n)],
        "Energielabel": labels, "EP2 (kWh/m²)": [f"{v:.2f}".replace(".", ",") for v in ep2],
        "Registratiedatum label": [f"15-06-{j}" for j in jaar],
        "Gasverbruik (m³)": np.where(rng.random(n) < 0.7, rng.integers(500, 2000, n).astype(str), ""),
    })
    p_vhe, p_cx = map_ / "vhe.csv", map_ / "complexen.csv"
    vhe.to_csv(p_vhe, sep=";", index=False, encoding="cp1252")
    cx.to_csv(p_cx, sep=";", index=False, encoding="cp1252")
    return p_vhe, p_cx


def _piek_mib() -> float:
    """Peak RSS of this process. VmHWM belongs to the process's own memory map (fresh after exec);
    ru_maxrss would also count the parent's RSS at fork time (the generator of the files)."""
    try:
        for regel in Path("/proc/self/status").read_text().splitlines():
            if regel.startswith("VmHWM:"):
                return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def meet(soort: str, map_: Path) -> dict:
    """One measurement in this process: 'pyarrow' (bare read of vhe.csv) or 'laad' (load_portfolio)."""
    p_vhe, p_cx = map_ / "vhe.csv", map_ / "complexen.csv"
    if soort == "pyarrow":
        import pyarrow.csv as pacsv
        c0, t0 = time.process_time(), time.perf_counter()
        tabel = pacsv.read_csv(p_vhe, read_options=pacsv.ReadOptions(encoding="cp1252"),
                               parse_options=pacsv.ParseOptions(delimiter=";"))
        return {"s": time.perf_counter() - t0, "cpu": time.process_time() - c0, "piek_mib": _piek_mib(),
                "rijen": tabel.num_rows}
    from verduurzaming.portfolio import load_portfolio
    from verduurzaming.scenario import Scenario
    s = Scenario(basismap=map_, vhe=[p_vhe], complexen=[p_cx], wijken=DEMO / "wijken/voorbeeldstad_wijken.gpkg",
                 transitievisie=DEMO / "wijken/transitievisie.csv")
    c0, t0 = time.process_time(), time.perf_counter()
    p = load_portfolio(s)
    uit = {"s": time.perf_counter() - t0, "cpu": time.process_time() - c0, "piek_mib": _piek_mib(), "rijen": len(p.woningen),
           "complexen": len(p.complexen), "bevindingen": len(p.bevindingen)}
    bh = p.bevindingen.boekhouding_frame()
    uit["boekhouding_klopt"] = bool((bh.rijen_in == bh.rijen_gebruikt + bh.rijen_afgewezen).all())
    return uit


def _in_proces(soort: str, map_: Path, code: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    r = subprocess.run([sys.executable, __file__, "--meet", soort, str(map_)], env=env, capture_output=True,
                       text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="*", type=int, default=[200_000, 1_000_000])
    ap.add_argument("--herhaal", type=int, default=2, help="rounds per N (pyarrow, load, [other version])")
    ap.add_argument("--vergelijk", type=Path, help="folder with another version's verduurzaming package")
    ap.add_argument("--meet", nargs=2, metavar=("SOORT", "MAP"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.meet:
        print(json.dumps(meet(a.meet[0], Path(a.meet[1]))))
        return
    for n in a.n:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            maak(n, Path(tmp))
            grootte = (Path(tmp) / "vhe.csv").stat().st_size / 1024**2
            print(f"dwellings {n:,}: files made in {time.perf_counter() - t0:.1f} s (vhe.csv {grootte:.0f} MiB)")
            verhoudingen, ander_verh = [], []
            for ronde in range(1, a.herhaal + 1):
                pa_ = _in_proces("pyarrow", Path(tmp), ROOT)
                deze = _in_proces("laad", Path(tmp), ROOT)
                verhoudingen.append(deze["s"] / pa_["s"])
                regel = (f"  round {ronde}: pyarrow.csv.read_csv {pa_['s']:.2f} s (CPU {pa_['cpu']:.2f} s, peak "
                         f"{pa_['piek_mib']:,.0f} MiB); load_portfolio {deze['s']:.2f} s (CPU {deze['cpu']:.2f} s, peak "
                         f"{deze['piek_mib']:,.0f} MiB) = {deze['s'] / pa_['s']:.1f}x pyarrow; {deze['rijen']:,} "
                         f"dwellings, {deze['complexen']:,} complexes, {deze['bevindingen']:,} findings, accounting "
                         f"{'ok' if deze['boekhouding_klopt'] else 'WRONG'}")
                if a.vergelijk:
                    ander = _in_proces("laad", Path(tmp), a.vergelijk.resolve())
                    ander_verh.append(ander["s"] / pa_["s"])
                    regel += (f"; other version {ander['s']:.2f} s (CPU {ander['cpu']:.2f} s, peak "
                              f"{ander['piek_mib']:,.0f} MiB) = {ander['s'] / pa_['s']:.1f}x pyarrow")
                print(regel, flush=True)
            samen = f"  median of {a.herhaal} rounds: load_portfolio {float(np.median(verhoudingen)):.1f}x pyarrow"
            if ander_verh:
                samen += f", other version {float(np.median(ander_verh)):.1f}x"
            print(samen, flush=True)


if __name__ == "__main__":
    main()
