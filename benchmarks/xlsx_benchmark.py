"""Benchmark: reading a corporation export in XLSX (``lees_tabel``), calamine for the data rows vs openpyxl.

Writes the rows of ``laad_benchmark.maak`` (default 80,000 dwellings, a large corporation) to an .xlsx
with openpyxl and times the reader twice in fresh processes: as it is (data rows by calamine) and with
calamine switched off (every row by openpyxl's read-only reader, as before). Both must give the same table.
Run: ``python benchmarks/xlsx_benchmark.py [N]``.

Measured 2026-12-01 on 2 cores / 24 GiB, nothing else running, 80,000 dwellings (13 columns, inline
strings as pandas/openpyxl write them, 5 MiB): openpyxl 18.5-21.8 s, calamine 3.2-3.7 s (of which calamine's
own parse ~1.5 s; the rest is building the text rows), same table.

2026-12-08, the machine shared (load 1.4-2.3 on 2 cores): the scan for the block of cells that hold something (issue
21, io/bladinhoud.py) costs about 0.25 s of it: calamine 2.32 s before, 2.38 s after in this script; three rounds of
three reads in one process each, 2.05 / 2.14 / 2.32 s before and 2.34 / 2.46 / 2.60 s after (best of three).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def meet(pad: Path, calamine: bool) -> dict:
    import hashlib

    import verduurzaming.io.tabel as T
    from verduurzaming.io.kolommen import VHE_NAMEN, score_functie
    if not calamine:
        T._datarijen_calamine = lambda *a, **k: None
    t0 = time.perf_counter()
    r = T.lees_tabel(pad, score_functie(VHE_NAMEN, kenmerk="vhe_id"))
    s = time.perf_counter() - t0
    vingerafdruk = hashlib.sha256(r.data.to_csv().encode() + str(list(r.rijnummers)).encode()).hexdigest()
    return {"s": s, "rijen": len(r.data), "vingerafdruk": vingerafdruk}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--meet":
        print(json.dumps(meet(Path(sys.argv[2]), sys.argv[3] == "ja")))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 80_000
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import pandas as pd
    from laad_benchmark import maak
    with tempfile.TemporaryDirectory() as tmp:
        p_vhe, _ = maak(n, Path(tmp))
        d = pd.read_csv(p_vhe, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
        pad = Path(tmp) / "vhe.xlsx"
        t0 = time.perf_counter()
        d.to_excel(pad, index=False, engine="openpyxl")
        grootte = pad.stat().st_size / 1024**2
        print(f"{n:,} dwellings: xlsx written in {time.perf_counter() - t0:.1f} s ({grootte:.0f} MiB)")
        uit = {}
        for calamine in (True, False):
            r = subprocess.run([sys.executable, __file__, "--meet", str(pad), "ja" if calamine else "nee"],
                               capture_output=True, text=True, check=True, cwd=ROOT)
            uit[calamine] = json.loads(r.stdout.strip().splitlines()[-1])
            lezer = "calamine" if calamine else "openpyxl"
            print(f"  {lezer}: {uit[calamine]['s']:.2f} s, {uit[calamine]['rijen']:,} rows", flush=True)
        print("  same table: " + ("yes" if uit[True]["vingerafdruk"] == uit[False]["vingerafdruk"] else "NO"))


if __name__ == "__main__":
    main()
