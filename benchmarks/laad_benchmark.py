"""Benchmark: load and join N synthetic dwellings (default 1,000,000) on the demo wijken.

Writes a cp1252 ';' corporation export with decimal commas and a complex table with RD points,
then times ``lees_portefeuille`` (read, validate, label on peildatum, complexes, spatial join, TVW).
Run: ``python benchmarks/laad_benchmark.py [N ...] [--herhaal K] [--vergelijk MAP]``.

For every N it prints, per run, the time and peak memory (RSS) of ``lees_portefeuille``, of the reader alone
(``lees_tabel``: the same file as text cells with the exact file row of every record, title block, repeated
headers, encodings and decimal commas handled) and of a bare ``pyarrow.csv.read_csv`` of the same VHE file,
and their ratios. Each measurement runs in its own process (so the peak RSS is its own), alternating,
because the machine may be shared. With ``--vergelijk MAP`` (a folder holding another version's
``verduurzaming`` package, e.g. made with ``git archive``) that version's ``lees_portefeuille`` is timed in
the same rounds.

Measured 2026-12-01 (issue 15, session 5) on 2 cores / 24 GiB, nothing else running (load 0.8-1.0), 3 rounds,
the version at the start of the session (4f86d2a) timed in the same rounds; outputs identical (every frame of
the portfolio and the findings, dtypes included, on these files and on a dirty 200,000-row copy):

=================  ====================  =====================  ==========================  ================
dwellings          pyarrow read (wall)   reader alone            lees_portefeuille (wall)    4f86d2a (wall)
=================  ====================  =====================  ==========================  ================
1,000 (fixed cost) 0.00-0.01 s, 133 MiB  3.0x                    0.24-0.27 s, 189 MiB: 53x    -
200,000 (17 MiB)   0.08-0.18 s, 220 MiB  0.09-0.15 s: 1.0x       0.60-0.75 s, 345 MiB: 7.3x   0.81-0.86 s: 8.6x
1,000,000 (87 MiB) 0.34-0.84 s, 460 MiB  0.46-0.58 s: 1.3x       3.3-3.7 s, 750 MiB: 9.2x     4.2-5.6 s: 14.1x
=================  ====================  =====================  ==========================  ================

(ratios: median of the rounds.) Each measurement is the first call in a fresh process. A second call in
the same process takes 2.4-2.7 s at 1,000,000: the first pays ~1 s more in the kernel (sys time 0.6-2.3 s,
page faults of a fresh heap; it varies from run to run on this machine whatever the malloc settings).
The reader is within 3x of the bare read; the whole load is not, and cannot be at 200,000: reading and
validating the other inputs (wijken GeoPackage, TVW schedule, complex table) and building the tables costs
0.24-0.27 s even for 1,000 dwellings, which is already 3x the bare read of 200,000. What grows with the
dwellings is validation (~0.9 s at 1,000,000: each column parsed once per distinct text, see
``waarden.per_waarde``), the label and dwelling models (~0.3 s) and the complex table with its spatial
join (~0.6 s): single-threaded vectorised passes against one multi-threaded C++ pass.
Earlier: session 4 (677c668 -> 4f86d2a) 200,000 12.6x -> 7.7x, 1,000,000 18.7x -> 12.5x; session 3
(ff4fc0e -> 46f9c3e) 200,000 9.6x -> 5.2x, 1,000,000 11.9x -> 4.4x at load 3 (a busy machine slows the bare
read more than this code, so the ratio depends on the load).
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
    """One measurement in this process: 'pyarrow' (bare read of vhe.csv), 'lees' (the reader, lees_tabel, on
    the same file) or 'laad' (lees_portefeuille)."""
    p_vhe, p_cx = map_ / "vhe.csv", map_ / "complexen.csv"
    if soort == "pyarrow":
        import pyarrow.csv as pacsv
        c0, t0 = time.process_time(), time.perf_counter()
        tabel = pacsv.read_csv(p_vhe, read_options=pacsv.ReadOptions(encoding="cp1252"),
                               parse_options=pacsv.ParseOptions(delimiter=";"))
        return {"s": time.perf_counter() - t0, "cpu": time.process_time() - c0, "piek_mib": _piek_mib(),
                "rijen": tabel.num_rows}
    if soort == "lees":  # the reader alone: the same file as text cells with the exact row map, no validation
        from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
        from verduurzaming.io.tabel import lees_tabel
        c0, t0 = time.process_time(), time.perf_counter()
        ruw = lees_tabel(p_vhe, score_functie(VHE_NAMEN, kenmerk="vhe_id"))
        return {"s": time.perf_counter() - t0, "cpu": time.process_time() - c0, "piek_mib": _piek_mib(),
                "rijen": len(ruw.data)}
    from verduurzaming.portefeuille import lees_portefeuille
    from verduurzaming.scenario import Scenario
    s = Scenario(basismap=map_, vhe=[p_vhe], complexen=[p_cx], wijken=DEMO / "wijken/voorbeeldstad_wijken.gpkg",
                 transitievisie=DEMO / "wijken/transitievisie.csv")
    c0, t0 = time.process_time(), time.perf_counter()
    p = lees_portefeuille(s)
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
            verhoudingen, ander_verh, lees_verh = [], [], []
            for ronde in range(1, a.herhaal + 1):
                pa_ = _in_proces("pyarrow", Path(tmp), ROOT)
                deze = _in_proces("laad", Path(tmp), ROOT)
                lees = _in_proces("lees", Path(tmp), ROOT)
                verhoudingen.append(deze["s"] / pa_["s"])
                lees_verh.append(lees["s"] / pa_["s"])
                regel = (f"  round {ronde}: pyarrow.csv.read_csv {pa_['s']:.2f} s (CPU {pa_['cpu']:.2f} s, peak "
                         f"{pa_['piek_mib']:,.0f} MiB); lees_portefeuille {deze['s']:.2f} s (CPU {deze['cpu']:.2f} s, peak "
                         f"{deze['piek_mib']:,.0f} MiB) = {deze['s'] / pa_['s']:.1f}x pyarrow; {deze['rijen']:,} "
                         f"dwellings, {deze['complexen']:,} complexes, {deze['bevindingen']:,} findings, accounting "
                         f"{'ok' if deze['boekhouding_klopt'] else 'WRONG'}; of which the reader alone (lees_tabel) "
                         f"{lees['s']:.2f} s (peak {lees['piek_mib']:,.0f} MiB) = {lees['s'] / pa_['s']:.1f}x")
                if a.vergelijk:
                    ander = _in_proces("laad", Path(tmp), a.vergelijk.resolve())
                    ander_verh.append(ander["s"] / pa_["s"])
                    regel += (f"; other version {ander['s']:.2f} s (CPU {ander['cpu']:.2f} s, peak "
                              f"{ander['piek_mib']:,.0f} MiB) = {ander['s'] / pa_['s']:.1f}x pyarrow")
                print(regel, flush=True)
            samen = (f"  median of {a.herhaal} rounds: lees_portefeuille {float(np.median(verhoudingen)):.1f}x "
                     f"pyarrow, the reader alone {float(np.median(lees_verh)):.1f}x")
            if ander_verh:
                samen += f", other version {float(np.median(ander_verh)):.1f}x"
            print(samen, flush=True)


if __name__ == "__main__":
    main()
