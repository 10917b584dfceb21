"""Benchmark: load and join N synthetic dwellings (default 1,000,000) on the demo wijken.

Writes a cp1252 ';' corporation export with decimal commas and a complex table with RD points,
then times ``load_portfolio`` (read, validate, label on peildatum, complexes, spatial join, TVW).
Run: ``python benchmarks/laad_benchmark.py [N]``. Prints wall time and peak memory.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verduurzaming.portfolio import load_portfolio  # noqa: E402
from verduurzaming.scenario import Scenario  # noqa: E402


def maak(n: int, map_: Path, per_complex: int = 35) -> tuple[Path, Path]:
    rng = np.random.default_rng(42)
    n_cx = max(1, n // per_complex)
    wijken = gpd.read_file(ROOT / "wijken/voorbeeldstad_wijken.gpkg", layer="wijken")
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        p_vhe, p_cx = maak(n, Path(tmp))
        t_maak = time.perf_counter() - t0
        s = Scenario(basismap=Path(tmp), vhe=[p_vhe], complexen=[p_cx],
                     wijken=ROOT / "wijken/voorbeeldstad_wijken.gpkg", transitievisie=ROOT / "wijken/transitievisie.csv")
        t0 = time.perf_counter()
        p = load_portfolio(s)
        t_laad = time.perf_counter() - t0
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bh = p.bevindingen.boekhouding_frame()
    print(f"dwellings {n:,}, complexes {len(p.complexen):,}, findings {len(p.bevindingen):,}")
    print(f"generate files: {t_maak:.1f} s; load + validate + join: {t_laad:.1f} s; peak RSS {piek:,.0f} MiB")
    print(bh.to_string(index=False))


if __name__ == "__main__":
    main()
