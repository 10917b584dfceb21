"""Realisation: matched to the right corporation's dwelling, and judged against the plan and the
catalogue (``validatie/realisatie.py``): implausible labels and years are findings, not progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import planning_helpers as H
from typer.testing import CliRunner

from verduurzaming.bevindingen import Bevindingen
from verduurzaming.cli import app
from verduurzaming.planning import maak_plan
from verduurzaming.validatie.realisatie import MARGE_LABELSTAPPEN, Realisatie, lees_realisatie, toets_realisatie
from verduurzaming.voortgang import bereken_voortgang, realiseer

PEIL = dt.date(2027, 1, 1)


# ---------------------------------------------------------------- two corporations, one VHE number

def _twee_corporaties():
    """C1 and C2 both have complex 'A' (so both have VHE numbers A-0 .. A-2); only C2 has 'U'."""
    p = H.portefeuille([H.cx("A", [300] * 3, corporatie="C1"), H.cx("A", [360] * 3, corporatie="C2"),
                     H.cx("U", [320] * 2, corporatie="C2")])
    w = p.woningen
    w["bag_vbo_id"] = [f"0599010000{i:06d}" for i in range(len(w))]
    return p


def _vhe_export(tmp_path: Path, rijen: list[dict]) -> Path:
    pad = tmp_path / "nieuwe_export.csv"
    pd.DataFrame(rijen).to_csv(pad, sep=";", index=False)
    return pad


def test_vhe_nummer_van_twee_corporaties(tmp_path):
    p = _twee_corporaties()
    w = p.woningen
    bag_c2_a0 = w[(w["corporatie"] == "C2") & (w["vhe_id"] == "A-0")]["bag_vbo_id"].iloc[0]
    pad = _vhe_export(tmp_path, [
        {"VHE-nummer": "A-0", "Corporatie": "C1", "Energielabel": "B", "Registratiedatum label": "01-06-2026"},
        {"VHE-nummer": "A-1", "Corporatie": "", "Energielabel": "A", "Registratiedatum label": "01-06-2026"},
        {"VHE-nummer": "A-2", "Corporatie": "C9", "Energielabel": "A", "Registratiedatum label": "01-06-2026"},
        {"VHE-nummer": "U-0", "Corporatie": "", "Energielabel": "C", "Registratiedatum label": "01-06-2026"},
        {"VHE-nummer": "U-1", "Corporatie": "C1", "Energielabel": "C", "Registratiedatum label": "01-06-2026"},
        {"VHE-nummer": "", "BAG-id": bag_c2_a0, "Corporatie": "c1", "Energielabel": "A",
         "Registratiedatum label": "01-06-2026"},
        {"VHE-nummer": "a-9", "BAG-id": bag_c2_a0, "Corporatie": " c2 ", "Energielabel": "C",
         "Registratiedatum label": "02-06-2026"},
    ])
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL)
    gekoppeld = {(c, v): (lab, hoe) for c, v, lab, hoe in
                 zip(r.woningen["corporatie"], r.woningen["vhe_id"], r.woningen["energielabel"], r.woningen["gekoppeld_op"])}
    # C1's A-0 only; C2's U-0 (the only U-0); C2's A-0 by BAG id when the row names C2 (any case/spacing)
    assert gekoppeld == {("C1", "A-0"): ("B", "vhe_id"), ("C2", "U-0"): ("C", "vhe_id"), ("C2", "A-0"): ("C", "bag_id")}
    f = bev.als_tabel()
    afgewezen = f[f["actie"].str.contains("niet gebruikt|afgewezen", case=False) | (f["ernst"] == "fout")]
    tekst = " | ".join(afgewezen["probleem"])
    assert "komt voor bij meer corporaties (C1, C2) en de rij noemt geen corporatie" in tekst
    assert "VHE-nummer A-2 hoort in de portefeuille bij C1, C2, de rij noemt corporatie C9" in tekst
    assert "VHE-nummer U-1 hoort in de portefeuille bij C2, de rij noemt corporatie C1" in tekst
    assert f"BAG-id {bag_c2_a0.lstrip('0')} hoort in de portefeuille bij corporatie C2, de rij noemt c1" in tekst
    assert "niet gevonden" not in tekst  # refused with a reason, not 'not found'
    bh = bev.boekhouding_frame().iloc[0]
    assert bh.rijen_in == 7 == bh.rijen_gebruikt + bh.rijen_afgewezen and bh.rijen_afgewezen == 4

    s = H.scenario(capaciteit=20)
    st = realiseer(p, None, r, PEIL, s, H.CATALOGUS)
    na = st.portefeuille.woningen.set_index(["corporatie", "vhe_id"])["energielabel"]
    voor = p.woningen.set_index(["corporatie", "vhe_id"])["energielabel"]
    assert na[("C1", "A-0")] == "B" and na[("C2", "A-0")] == "C" and na[("C2", "U-0")] == "C"
    for k in [("C1", "A-1"), ("C2", "A-1"), ("C1", "A-2"), ("C2", "A-2"), ("C2", "U-1")]:
        assert na[k] == voor[k], k


def test_zelfde_vhe_twee_corporaties_beide_registraties_blijven(tmp_path):
    """Two rows for VHE A-0, one per corporation: both count (deduplicated per corporation)."""
    p = _twee_corporaties()
    pad = _vhe_export(tmp_path, [
        {"VHE-nummer": "A-0", "Corporatie": "C1", "Energielabel": "B", "Registratiedatum label": "01-06-2026"},
        {"VHE-nummer": "A-0", "Corporatie": "C2", "Energielabel": "D", "Registratiedatum label": "03-06-2026"},
    ])
    r = lees_realisatie([pad], Bevindingen(), portefeuille=p, peildatum=PEIL)
    assert sorted(zip(r.woningen["corporatie"], r.woningen["energielabel"])) == [("C1", "B"), ("C2", "D")]
    st = realiseer(p, None, r, PEIL, H.scenario(capaciteit=20), H.CATALOGUS)
    na = st.portefeuille.woningen.set_index(["corporatie", "vhe_id"])["energielabel"]
    assert na[("C1", "A-0")] == "B" and na[("C2", "A-0")] == "D"


# ---------------------------------------------------------------- plausibility against plan and catalogue

def _opzet():
    """The default catalogue (with hybride_wp); complexes F (EP2 360), E (EP2 300) and a spare one."""
    p = H.portefeuille([H.cx("F", [360] * 3), H.cx("E", [300] * 2), H.cx("G", [400] * 2)])
    s = H.scenario(capaciteit=20)
    pl = maak_plan(p, s, baseline=False)
    return p, s, pl


def _planning_csv(tmp_path, rijen):
    kol = ["corporatie", "complex_id", "gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label", "pv_gerealiseerd_jaar"]
    pad = tmp_path / "realisatie.csv"
    pd.DataFrame(rijen, columns=kol).to_csv(pad, sep=";", index=False)
    return pad


def _voortgang(tmp_path, rijen):
    p, s, pl = _opzet()
    pad = _planning_csv(tmp_path, rijen)
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL)
    st = realiseer(p, pl, r, PEIL, s, bev=bev)
    v = bereken_voortgang(pl, p, s, r, PEIL, toestand=st)
    return p, pl, st, v, bev


def _jaar(pl, cid):
    j = pl.complexen.set_index("complex_id").loc[cid, "jaar"]
    return None if pd.isna(j) else int(j)


def test_f_naar_a4plus_met_hybride_warmtepomp_is_niet_volgens_plan(tmp_path):
    p, s, pl = _opzet()
    jf, je = _jaar(pl, "F"), _jaar(pl, "E")
    assert jf and je, pl.complexen[["complex_id", "pakket", "jaar"]]
    rijen = [["C1", "F", min(jf, 2027), "hybride_wp", "A++++", None],
             ["C1", "E", min(je, 2027), pl.complexen.set_index("complex_id").loc["E", "pakket"], "D", None]]
    p, pl, st, v, bev = _voortgang(tmp_path, rijen)
    f = bev.als_tabel()
    rij = f[f["probleem"].str.contains("niet aannemelijk")]
    assert len(rij) == 1 and rij["sleutel"].iloc[0] == "F" and rij["waarde"].iloc[0] == "A++++"
    assert "hybride_wp haalt vanuit de startsituatie (slechtste label F" in rij["probleem"].iloc[0]
    status = v.complexen.set_index("complex_id")["status"]
    assert status["F"] == "gerealiseerd, te controleren"
    assert status["E"] in ("gerealiseerd volgens plan", "eerder gerealiseerd")   # a plausible label: no flag
    # the label is not applied; the heat pump's own effect (the result model from EP2 360) is
    from verduurzaming import labels as L
    from verduurzaming.planning.opties import na_pakket, vul_catalogus_aan
    vhe = ["F-0", "F-1", "F-2"]
    w0 = p.woningen.set_index("vhe_id").loc[vhe].reset_index()
    cat = vul_catalogus_aan(s)
    effect = na_pakket(w0, w0["ep2_kwh_m2"].to_numpy(float), cat[cat["pakket"] == "hybride_wp"].iloc[0])
    verwacht = set(L.label_uit_ep2(effect["ep2_na"]))
    assert verwacht and "A++++" not in verwacht and max(L.RANG[x] for x in verwacht) < L.RANG["F"]
    na = st.portefeuille.woningen.set_index("vhe_id")
    assert set(na.loc[vhe, "energielabel"]) == verwacht
    assert st.complexen.set_index("complex_id").loc["F", "controle"].startswith("nieuw label A++++ niet haalbaar")


def test_label_binnen_de_marge_telt(tmp_path):
    """F -> B with a hybrid heat pump: the pump reaches C or D, B is at most 2 steps better: within the margin."""
    assert MARGE_LABELSTAPPEN == 2
    p, s, pl = _opzet()
    jf = _jaar(pl, "F")
    p, pl, st, v, bev = _voortgang(tmp_path, [["C1", "F", min(jf, 2027), "hybride_wp", "B", None]])
    assert not bev.als_tabel()["probleem"].str.contains("niet aannemelijk").any()
    assert set(st.portefeuille.woningen.set_index("vhe_id").loc[["F-0", "F-1"], "energielabel"]) == {"B"}
    assert v.complexen.set_index("complex_id").loc["F", "status"] != "gerealiseerd, te controleren"


def test_label_zonder_pakket_tegen_de_hele_catalogus(tmp_path):
    """No package known (not realised, not planned): A++++ is beyond every package in an insulation-only
    catalogue (an all-electric package with PV could reach it, so it is left out here)."""
    p, s, pl = _opzet()
    r = Realisatie(complexen=pd.DataFrame([dict(corporatie="C1", complex_id="G", gerealiseerd_jaar=2026,
                                                gerealiseerd_pakket=None, nieuw_label="A++++",
                                                pv_gerealiseerd_jaar=pd.NA, gepland_pakket=None, gepland_jaar=None,
                                                bestand="r.csv", rij=2)]))
    from verduurzaming.planning.opties import vul_catalogus_aan
    cat = vul_catalogus_aan(s)
    bev = Bevindingen()
    isolatie = cat[cat["pakket"].isin(["schil_basis", "schil_standaard"])]
    assert len(isolatie) == 2
    uit = toets_realisatie(r, bev, portefeuille=p, catalogus=isolatie, startjaar=2026, peildatum=PEIL)
    assert uit.complexen["nieuw_label"].isna().all()
    assert "geen enkel pakket uit de maatregelencatalogus haalt" in " ".join(bev.als_tabel()["probleem"])
    assert r.complexen["nieuw_label"].iloc[0] == "A++++"  # the input is not changed


def test_realisatie_voor_de_start_van_het_plan(tmp_path):
    p, s, pl = _opzet()
    jf = _jaar(pl, "F")
    assert s.startjaar == 2026
    p, pl, st, v, bev = _voortgang(tmp_path, [["C1", "F", 2001, "hybride_wp", "C", 2003]])
    f = bev.als_tabel()
    tekst = " | ".join(f["probleem"])
    assert "gerealiseerd jaar 2001 ligt voor de start van het plan (2026): niet als gerealiseerd geteld" in tekst
    assert "PV-jaar 2003 ligt voor de start van het plan (2026)" in tekst
    c = v.complexen.set_index("complex_id")
    assert c.loc["F", "status"] not in ("eerder gerealiseerd", "gerealiseerd volgens plan",
                                        "gerealiseerd, niet gepland")
    assert c.loc["F", "status"] == ("vertraagd" if jf < 2027 else "loopt dit jaar" if jf == 2027 else "gepland")
    assert pd.isna(c.loc["F", "gerealiseerd_jaar"]) and pd.isna(c.loc["F", "pv_gerealiseerd_jaar"])
    assert set(st.portefeuille.woningen.set_index("vhe_id").loc[["F-0", "F-1"], "energielabel"]) == {"F"}
    assert v.samenvatting["complexen_gerealiseerd"] == 0


def test_realisatie_na_de_peildatum(tmp_path):
    """Planning sheet (reader) and a table built in code (validation): both flag and do not count."""
    p, pl, st, v, bev = _voortgang(tmp_path, [["C1", "E", 2030, "hybride_wp", "C", None]])
    assert "gerealiseerd jaar ligt na de peildatum 01-01-2027" in " ".join(bev.als_tabel()["probleem"])
    assert pd.isna(v.complexen.set_index("complex_id").loc["E", "gerealiseerd_jaar"])
    p, s, _ = _opzet()
    r = Realisatie(complexen=pd.DataFrame([dict(corporatie="C1", complex_id="E", gerealiseerd_jaar=2030,
                                                gerealiseerd_pakket="hybride_wp", nieuw_label="C",
                                                pv_gerealiseerd_jaar=2031, gepland_pakket=None, gepland_jaar=None,
                                                bestand="r.csv", rij=2)]))
    bev = Bevindingen()
    uit = toets_realisatie(r, bev, portefeuille=p, catalogus=H.CATALOGUS, startjaar=2026, peildatum=PEIL)
    tekst = " | ".join(bev.als_tabel()["probleem"])
    assert "gerealiseerd jaar 2030 ligt na de peildatum" in tekst and "PV-jaar 2031 ligt na de peildatum" in tekst
    assert uit.complexen[["gerealiseerd_jaar", "nieuw_label", "pv_gerealiseerd_jaar"]].isna().all().all()


def test_woningregistratie_voor_de_start_telt_met_waarschuwing(tmp_path):
    p = _twee_corporaties()
    pad = _vhe_export(tmp_path, [
        {"VHE-nummer": "U-0", "Corporatie": "C2", "Energielabel": "C", "Registratiedatum label": "01-06-2024"},
        {"VHE-nummer": "U-1", "Corporatie": "C2", "Energielabel": "C", "Registratiedatum label": "01-06-2026"},
    ])
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL)
    st = realiseer(p, None, r, PEIL, H.scenario(capaciteit=20), H.CATALOGUS, bev)
    f = bev.als_tabel()
    w = f[f["probleem"].str.contains("geen resultaat van het plan")]
    assert list(w["sleutel"]) == ["U-0"] and list(w["ernst"]) == ["waarschuwing"]
    assert st.portefeuille.woningen.set_index(["corporatie", "vhe_id"]).loc[("C2", "U-0"), "energielabel"] == "C"


# ---------------------------------------------------------------- end to end through the CLI

WORTEL = Path(__file__).resolve().parents[1]


def test_voortgang_cli_onaannemelijke_realisatie(tmp_path):
    """`verduurzaming voortgang` on the demo with an extra realisation: an F/G complex 'to A++++ with a
    hybrid heat pump' and one 'realised in 2001' show up as findings and statuses in voortgang.xlsx."""
    uit0 = tmp_path / "eerst"
    args = ["voortgang", "--scenario", str(WORTEL / "scenario_voortgang.toml"), "--peildatum", "2027-01-01"]
    r = CliRunner().invoke(app, [*args, "--uitvoer", str(uit0)])
    assert r.exit_code == 0, r.output
    cx = pd.read_excel(uit0 / "voortgang.xlsx", sheet_name="Complexen", dtype={"Complex": str})
    kandidaat = cx[cx["Label bij start"].isin(["F", "G"]) & cx["Gerealiseerd jaar"].isna()
                   & cx["Gepland jaar"].notna()]
    assert len(kandidaat) >= 2, cx[["Complex", "Label bij start", "Status"]]
    a, b = kandidaat.iloc[0], kandidaat.iloc[1]
    pad = _planning_csv(tmp_path, [[a["Corporatie"], a["Complex"], min(int(a["Gepland jaar"]), 2026),
                                    "hybride_wp", "A++++", None],
                                   [b["Corporatie"], b["Complex"], 2001, "hybride_wp", "C", None]])
    uit = tmp_path / "daarna"
    r = CliRunner().invoke(app, [*args, "--realisatie", str(pad), "--uitvoer", str(uit)])
    assert r.exit_code == 0, r.output
    cx = pd.read_excel(uit / "voortgang.xlsx", sheet_name="Complexen", dtype={"Complex": str})
    status = dict(zip(zip(cx["Corporatie"], cx["Complex"]), cx["Status"]))
    assert status[(a["Corporatie"], a["Complex"])] == "gerealiseerd, te controleren"
    assert status[(b["Corporatie"], b["Complex"])] not in ("eerder gerealiseerd", "gerealiseerd volgens plan")
    bev = pd.read_excel(uit / "voortgang.xlsx", sheet_name="Bevindingen")
    eigen = bev[bev["Bestand"] == "realisatie.csv"]
    tekst = " | ".join(eigen["Probleem"])
    assert "nieuw label A++++ is niet aannemelijk" in tekst
    assert "gerealiseerd jaar 2001 ligt voor de start van het plan" in tekst
