"""Nothing lost: every input row is in the portfolio or in the findings, and the dwelling counts of
all outputs agree with each other and with the input.

Runs ``verduurzaming plan`` (subprocess) on the demo and, when ``../shared/data/real`` is present,
on a corporation export built from real BAG addresses in Voorburg with the real CBS 2022 buurten.
Per (corporation, complex) the dwellings in complexen.csv, plan_complexen.csv, the workbook's
Planning sheet, the map's popups and plan.gpkg must be the same; the totals must equal the
dwellings read, per corporation also the NPA-monitor and plan_corporatie_jaar.csv, per wijk the
GeoPackage's wijken layer; and dwellings used + rows rejected = data rows in the input files.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

import helpers_vijandig as H
import numpy as np
import pandas as pd
import pytest

REAL = H.ROOT.parent / "shared" / "data" / "real" / "bag_voorburg_bezuidenhout"


def _datarijen(pad: Path) -> set[int]:
    """Row numbers (header = 1) of the non-empty data rows, read without the tool's readers."""
    if pad.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook
        wb = load_workbook(pad, read_only=True)
        try:
            return {i for i, r in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1)
                    if i > 1 and any(v not in (None, "") for v in r)}
        finally:
            wb.close()
    tekst = pad.read_bytes().decode("utf-8-sig", errors="replace") if not _is_cp1252(pad) else \
        pad.read_bytes().decode("cp1252")
    rijen = list(csv.reader(tekst.splitlines(), delimiter=";"))
    return {i for i, r in enumerate(rijen, start=1) if i > 1 and any(v.strip() for v in r)}


def _is_cp1252(pad: Path) -> bool:
    try:
        pad.read_bytes().decode("utf-8-sig")
        return False
    except UnicodeDecodeError:
        return True


def _per_complex(df: pd.DataFrame, corp: str, cid: str, n: str) -> pd.Series:
    s = df[[corp, cid, n]].copy()
    s[corp] = s[corp].astype(str).str.lstrip("'")
    s[cid] = s[cid].astype(str)
    s[n] = pd.to_numeric(s[n].astype(str).str.replace(".", "", regex=False)).astype(int)
    return s.groupby([corp, cid])[n].sum().sort_index()


def _controleer(uit: Path, vhe_bestanden: list[Path], scenario_args: list[str]) -> dict:
    from openpyxl import load_workbook

    from verduurzaming.portefeuille import lees_portefeuille
    from verduurzaming.scenario import lees_scenario

    # --- rows: input = used + rejected (in-process read of the same scenario)
    s = lees_scenario(Path(scenario_args[1]))
    p = lees_portefeuille(s)
    bev = p.bevindingen.als_tabel()
    n_in = 0
    for f in vhe_bestanden:
        rijen = _datarijen(f)
        n_in += len(rijen)
        gebruikt = set(p.woningen.loc[p.woningen["bron_bestand"] == f.name, "bron_rij"].astype(int))
        afgewezen = set(bev.loc[(bev["bestand"] == f.name) & (bev["actie"] == "rij afgewezen"), "rij"].astype(int))
        assert not gebruikt & afgewezen, f"{f.name}: rijen zowel gebruikt als afgewezen"
        zoek = rijen - gebruikt - afgewezen
        assert not zoek, f"{f.name}: {len(zoek)} rijen nergens terug, bv. {sorted(zoek)[:5]}"
        assert (gebruikt | afgewezen) <= rijen
    n = len(p.woningen)

    # --- the outputs
    cx = H.lees_csv(uit / "complexen.csv")
    pc = H.lees_csv(uit / "plan_complexen.csv")
    ref = _per_complex(pc, "corporatie", "complex_id", "woningen")
    assert ref.sum() == n
    pd.testing.assert_series_equal(_per_complex(cx, "corporatie", "complex_id", "woningen"), ref, check_names=False)
    verwacht_corp = p.woningen.groupby("corporatie").size().sort_index()

    wb = load_workbook(uit / "verduurzamingsplan.xlsx", read_only=True)
    # 'Planning per complex': one row per complex (the Planning sheet itself has one row per work)
    rijen = list(wb["Planning per complex"].iter_rows(values_only=True))
    k = len(rijen[0])
    planning = pd.DataFrame([tuple(r[:k]) + (None,) * (k - len(r)) for r in rijen[1:]], columns=rijen[0])
    planning = planning.dropna(subset=["Complex"])
    pd.testing.assert_series_equal(_per_complex(planning, "Corporatie", "Complex", "Woningen"), ref,
                                   check_names=False)
    npa = list(wb["NPA-monitor"].iter_rows(values_only=True))
    npa_w = {r[0]: r[3:] for r in npa[1:] if r[1] == "woningen"}
    # the stock at the start of the first year is every dwelling read; it only shrinks by demolition after that
    for corp, aantal in verwacht_corp.items():
        assert npa_w[corp][0] == aantal and all(v <= aantal for v in npa_w[corp] if v is not None), corp
    pj = H.lees_csv(uit / "plan_corporatie_jaar.csv")
    pj["corporatie"] = pj["corporatie"].str.lstrip("'")
    for corp, aantal in verwacht_corp.items():
        w = pj.loc[pj["corporatie"] == corp, "woningen"].astype(int).tolist()
        assert w[0] == aantal and w == sorted(w, reverse=True), corp

    # map: one feature (popup) per complex, with corporation, complex id and dwellings
    from verduurzaming.export.kaart import kaart_data
    d = kaart_data((uit / "kaart.html").read_text(encoding="utf-8"))
    kaart = pd.DataFrame([(html.unescape(d["corporaties"][f["properties"]["c"]]), html.unescape(f["properties"]["i"]),
                           f["properties"]["w"]) for f in d["complexen"]["features"]],
                         columns=["corporatie", "complex_id", "woningen"])
    assert len(kaart) == len(ref), (len(kaart), len(ref))
    pd.testing.assert_series_equal(_per_complex(kaart, "corporatie", "complex_id", "woningen"), ref,
                                   check_names=False)

    lagen = H.gpkg_lagen(uit / "plan.gpkg")
    pd.testing.assert_series_equal(_per_complex(lagen["complexen"], "corporatie", "complex_id", "woningen"), ref,
                                   check_names=False)
    met_wijk = pc[pc["wijk_code"] != ""]
    per_wijk = met_wijk.assign(w=met_wijk["woningen"].astype(int)).groupby("wijk_code")["w"].sum()
    wl = lagen["wijken"].set_index("wijk_code")["woningen"]
    assert (wl.reindex(per_wijk.index).to_numpy() == per_wijk.to_numpy()).all()
    assert wl.drop(per_wijk.index).eq(0).all()
    return {"rijen_in": n_in, "woningen": n, "complexen": len(ref)}


def test_demo_niets_kwijt(tmp_path):
    r = H.draai_plan(tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    labels = H.ROOT / "data" / "labels"
    telling = _controleer(tmp_path, [labels / "woonstede_vhe.csv", labels / "wonenplus_vhe.xlsx"],
                          ["--scenario", str(H.ROOT / "scenario.toml")])
    assert telling["rijen_in"] == 4506 + 2396
    assert telling["woningen"] == telling["rijen_in"] - 1  # one duplicate VHE rejected, with a finding


def test_echte_bag_voorburg_niets_kwijt(tmp_path):
    bron = REAL / "verblijfsobjecten_met_adres.csv"
    if not bron.exists():
        pytest.skip(f"echte BAG-gegevens niet aanwezig ({bron}); alleen in de ontwikkelomgeving")
    vbo = pd.read_csv(bron, dtype=str)
    vbo = vbo[vbo["gebruiksdoel"].eq("woonfunctie") & vbo["postcode"].notna()]
    vbo = vbo.sample(min(4000, len(vbo)), random_state=7).sort_values("verblijfsobject_id")
    rng = np.random.default_rng(7)
    complex_id = (vbo["pand_ids"].str.split(",").str[0].astype("int64") % 211 + 1000).astype(str)
    vhe = pd.DataFrame({
        "VHE-nummer": vbo["verblijfsobject_id"], "Complexnummer": complex_id, "Corporatie": "Haagse Woningen",
        "Postcode": vbo["postcode"], "Huisnummer": vbo["huisnummer"],
        "Toevoeging": vbo["huisletter"].fillna("") + vbo["huisnummertoevoeging"].fillna(""),
        "Bouwjaar": vbo["pand_bouwjaar"], "Woningtype": "appartement",
        "Gebruiksoppervlakte (m²)": vbo["oppervlakte"],
        "EP2 (kWh/m²)": [f"{x:.1f}".replace(".", ",") for x in rng.uniform(60, 420, len(vbo))],
        "Registratiedatum label": "15-03-2022",
    })
    cxs = vbo.assign(c=complex_id.values).groupby("c").agg(x=("x_rd", "first"), y=("y_rd", "first")).reset_index()
    complexen = pd.DataFrame({"Complexnummer": cxs["c"], "Complexnaam": "Complex " + cxs["c"],
                              "X": cxs["x"].str.replace(".", ",", regex=False),
                              "Y": cxs["y"].str.replace(".", ",", regex=False)})
    vhe.to_csv(tmp_path / "vhe.csv", sep=";", index=False, encoding="cp1252")
    complexen.to_csv(tmp_path / "complexen.csv", sep=";", index=False, encoding="cp1252")
    scen = tmp_path / "scenario.toml"
    scen.write_text(f"""[scenario]
naam = "Voorburg (echte BAG)"
peildatum = 2026-01-01
startjaar = 2026
eindjaar = 2032
deadline = 2028

[invoer]
vhe = ["vhe.csv"]
complexen = ["complexen.csv"]
wijken = "{(REAL / 'bag_voorburg_bezuidenhout.gpkg').as_posix()}"
wijken_laag = "cbs_buurten_2022"

[corporatie."Haagse Woningen"]
capaciteit_woningen = 3000
budget_eur = 200_000_000
""", encoding="utf-8")
    uit = tmp_path / "uit"
    r = H.draai_plan(uit, "--scenario", str(scen))
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    telling = _controleer(uit, [tmp_path / "vhe.csv"], ["--scenario", str(scen)])
    assert telling["rijen_in"] == len(vbo)
