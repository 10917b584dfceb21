"""Progress: realisation in (conflicts are findings), statuses of works and agreements, re-plan.

Hand-made portfolios (tests/planning_helpers.py) and the fixed test catalog, so the plan is known.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import planning_helpers as H
import pytest

from verduurzaming._fouten import ScenarioFout
from verduurzaming.afspraken import lees_afspraken, lees_vastgelegd
from verduurzaming.bevindingen import Bevindingen
from verduurzaming.planning import maak_plan
from verduurzaming.validatie.realisatie import lees_realisatie
from verduurzaming.voortgang import bereken_voortgang, herplan, realiseer

PEIL = dt.date(2027, 1, 1)


def _opzet():
    """Five complexes, E/F/G everywhere except C; capacity 6 dwellings a year."""
    p = H.portefeuille([H.cx("A", [300] * 4), H.cx("B", [350] * 3), H.cx("C", [200] * 5), H.cx("D", [340] * 2),
                     H.cx("E", [320] * 3)])
    s = H.scenario(capaciteit=6)
    pl = maak_plan(p, s, catalogus=H.CATALOGUS, baseline=False)
    return p, s, pl


def _gepland(pl):
    c = pl.complexen
    return {str(i): (p, None if pd.isna(j) else int(j)) for i, p, j in zip(c["complex_id"], c["pakket"], c["jaar"])}


def _schrijf(tmp_path, rijen, naam="realisatie.csv"):
    kol = ["corporatie", "complex_id", "pakket", "jaar", "gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label"]
    pad = tmp_path / naam
    pd.DataFrame(rijen, columns=kol).to_csv(pad, sep=";", index=False)
    return pad


def _realisatie_met_conflicten(tmp_path, pl):
    g = _gepland(pl)
    in_2026 = sorted(k for k, (p, j) in g.items() if j == 2026)
    in_2027 = sorted(k for k, (p, j) in g.items() if j == 2027)
    assert len(in_2026) >= 2 and in_2027, g
    rijen = [
        ["C1", in_2026[0], g[in_2026[0]][0], 2026, 2026, g[in_2026[0]][0], "C"],   # done as planned
        ["C1", in_2026[1], g[in_2026[1]][0], 2026, None, None, None],              # slipped
        ["C1", in_2027[0], g[in_2027[0]][0], 2027, 2026, g[in_2027[0]][0], None],  # early
        ["C1", "C", None, None, 2026, None, "G"],                                  # label got worse (C -> G)
        ["C1", "ZZZ", None, None, 2026, "licht", "B"],                             # unknown complex
        ["C1", "Q", None, None, None, None, None],                                 # unknown, but empty: still a finding
    ]
    toekomst = [k for k in sorted(g) if k not in {in_2026[0], in_2026[1], in_2027[0], "C"}][0]
    rijen.append(["C1", toekomst, g[toekomst][0], g[toekomst][1], 2029, "licht", None])  # after the peildatum
    return _schrijf(tmp_path, rijen), in_2026, in_2027, toekomst


def test_realisatie_conflicten_zijn_bevindingen(tmp_path):
    p, s, pl = _opzet()
    pad, in_2026, in_2027, toekomst = _realisatie_met_conflicten(tmp_path, pl)
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL, catalogus=H.CATALOGUS)
    f = bev.als_tabel()
    tekst = " | ".join(f["probleem"])
    assert "complex onbekend in het plan" in tekst
    assert (f["sleutel"] == "ZZZ").any() and (f["sleutel"] == "Q").any()
    assert "label verslechterd" in tekst
    assert "na de peildatum" in tekst
    bh = bev.boekhouding_frame().iloc[0]
    assert bh.rijen_in == 7 and bh.rijen_in == bh.rijen_gebruikt + bh.rijen_afgewezen
    assert bh.rijen_afgewezen == 2
    rc = r.complexen.set_index("complex_id")
    assert pd.isna(rc.loc[toekomst, "gerealiseerd_jaar"])       # future year not counted
    assert rc.loc["C", "nieuw_label"] is None or pd.isna(rc.loc["C", "nieuw_label"])  # worse complex label ignored
    assert rc.loc[in_2026[0], "nieuw_label"] == "C"


def test_statussen_werken_en_afspraken(tmp_path):
    p, s, pl = _opzet()
    pad, in_2026, in_2027, toekomst = _realisatie_met_conflicten(tmp_path, pl)
    s.afspraken = [
        dict(id="efg", indicator="geen_efg", jaar=2028),
        dict(id="al", indicator="gemiddeld_label", doel={2030: "G"}),          # met already
        dict(id="onmogelijk", indicator="gemiddeld_label", doel={2028: "A++++"}),
        dict(id="voorbij", indicator="renovaties", doel={2026: 1000}),
        dict(id="prog", indicator="uitvoeringsprogramma", wijk="WK999901", start_jaar=2026),
    ]
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL, catalogus=H.CATALOGUS)
    st = realiseer(p, pl, r, PEIL, s, H.CATALOGUS, bev)
    hp = herplan(st, s, pl, PEIL, catalogus=H.CATALOGUS)
    v = bereken_voortgang(pl, p, s, r, PEIL, herplan=hp, toestand=st, catalogus=H.CATALOGUS)
    werk = v.complexen.set_index("complex_id")["status"]
    assert werk[in_2026[0]] == "gerealiseerd volgens plan"
    assert werk[in_2026[1]] == "vertraagd"
    assert werk[in_2027[0]] == "eerder gerealiseerd"
    assert werk["C"] == "gerealiseerd, niet gepland"
    assert set(v.verschoven["complex_id"]) == {in_2026[1]}
    st_af = v.afspraken.set_index("id")["status"]
    assert st_af["efg"] == "op schema"        # the early works (4 dwellings) outweigh the slip (3)
    assert st_af["al"] == "gehaald"
    assert st_af["onmogelijk"] == "niet haalbaar"
    assert st_af["voorbij"] == "niet haalbaar"
    assert st_af["prog"] == "achter"          # started, but one complex of the programme slipped
    # labels: the complex done with label C has no E/F/G left; the worsened label did not count
    assert v.complexen.set_index("complex_id").loc[in_2026[0], "efg_nu"] == 0
    assert v.complexen.set_index("complex_id").loc["C", "slechtste_label_nu"] == "C"
    # half years: planned and realised dwellings add up to the complexes'
    h = v.halfjaar
    assert h["gepland_woningen"].sum() == v.complexen.loc[v.complexen["gepland_jaar"].notna(), "woningen"].sum()
    gr = v.complexen.loc[v.complexen["gerealiseerd_jaar"].notna(), "woningen"].sum()
    assert h["gerealiseerd_woningen"].fillna(0).sum() == gr
    # NPA figures: E/F/G remaining = start - cleared
    npa = v.npa.set_index("sleutel")
    assert npa.loc["efg", "gerealiseerd_op_peildatum"] == v.complexen["efg_nu"].sum()
    assert npa.loc["efg", "stand_start"] == v.complexen["efg_start"].sum()


def test_op_schema_als_alles_volgens_plan(tmp_path):
    p, s, pl = _opzet()
    g = _gepland(pl)
    rijen = [["C1", k, pk, j, j, pk, None] for k, (pk, j) in g.items() if j == 2026]
    pad = _schrijf(tmp_path, rijen)
    s.afspraken = [dict(id="efg", indicator="geen_efg", jaar=2028)]
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL, catalogus=H.CATALOGUS)
    st = realiseer(p, pl, r, PEIL, s, H.CATALOGUS, bev)
    hp = herplan(st, s, pl, PEIL, catalogus=H.CATALOGUS)
    v = bereken_voortgang(pl, p, s, r, PEIL, herplan=hp, toestand=st, catalogus=H.CATALOGUS)
    assert v.afspraken["status"].tolist() == ["op schema"]
    assert len(v.verschoven) == 0
    assert set(v.complexen["status"]) <= {"gerealiseerd volgens plan", "loopt dit jaar", "gepland", "geen werk"}


def test_achter_bij_vertraging_maar_herplan_haalt_2028(tmp_path):
    p, s, pl = _opzet()
    g = _gepland(pl)
    in_2026 = sorted(k for k, (pk, j) in g.items() if j == 2026)
    rijen = [["C1", k, g[k][0], 2026, 2026 if i == 0 else None, g[k][0] if i == 0 else None, None]
             for i, k in enumerate(in_2026)]
    pad = _schrijf(tmp_path, rijen)
    s.afspraken = [dict(id="efg", indicator="geen_efg", jaar=2028)]
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL, catalogus=H.CATALOGUS)
    st = realiseer(p, pl, r, PEIL, s, H.CATALOGUS, bev)
    hp = herplan(st, s, pl, PEIL, catalogus=H.CATALOGUS)
    v = bereken_voortgang(pl, p, s, r, PEIL, herplan=hp, toestand=st, catalogus=H.CATALOGUS)
    a = v.afspraken.iloc[0]
    assert a["status"] == "achter", a.to_dict()
    assert a["gerealiseerd_op_peildatum"] > a["gepland_op_peildatum"] and a["prognose_doeljaar"] == 0
    wz = v.wijzigingen.set_index("complex_id")
    assert wz.loc[in_2026[1], "reden"].startswith("vertraagd")
    # capacity 6 in 2027: with the slip the re-plan cannot clear 2028 when capacity is too small
    s.standaard_corporatie.capaciteit_woningen = 2
    hp2 = herplan(st, s, pl, PEIL, catalogus=H.CATALOGUS)
    v2 = bereken_voortgang(pl, p, s, r, PEIL, herplan=hp2, toestand=st, catalogus=H.CATALOGUS)
    assert v2.afspraken.iloc[0]["status"] == "niet haalbaar"


def test_woningregistraties_uit_corporatie_export(tmp_path):
    p, s, pl = _opzet()
    p.woningen.loc[p.woningen["vhe_id"] == "A-1", "postcode"] = "1234AB"  # helper addresses repeat per complex
    pad = tmp_path / "export.csv"
    pd.DataFrame([
        {"VHE-nummer": "A-0", "Energielabel": "B", "Registratiedatum label": "01-06-2026"},   # by VHE id
        {"VHE-nummer": "", "Postcode": "1234 AB", "Huisnummer": "2", "Energielabel": "A",      # by address
         "Registratiedatum label": "02-06-2026"},
        {"VHE-nummer": "C-0", "Energielabel": "F", "Registratiedatum label": "01-06-2026"},    # worse
        {"VHE-nummer": "X-9", "Energielabel": "B", "Registratiedatum label": "01-06-2026"},    # unknown
        {"VHE-nummer": "B-0", "Energielabel": "B", "Registratiedatum label": "01-06-2031"},    # future
    ]).to_csv(pad, sep=";", index=False)
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL)
    w = r.woningen.set_index("vhe_id")
    assert w.loc["A-0", "energielabel"] == "B" and w.loc["A-0", "gekoppeld_op"] == "vhe_id"
    assert w.loc["A-1", "gekoppeld_op"] == "adres"
    assert "X-9" not in w.index and "B-0" not in w.index
    tekst = " | ".join(bev.als_tabel()["probleem"])
    assert "label verslechterd" in tekst and "niet gevonden" in tekst and "na de peildatum" in tekst
    bh = bev.boekhouding_frame().iloc[0]
    assert bh.rijen_in == 5 == bh.rijen_gebruikt + bh.rijen_afgewezen
    st = realiseer(p, pl, r, PEIL, s, H.CATALOGUS)
    w2 = st.portefeuille.woningen.set_index("vhe_id")["energielabel"]
    assert w2["A-0"] == "B" and w2["A-1"] == "A" and w2["C-0"] == "F"   # the registration is the valid label


def test_planning_blad_uit_werkmap_teruglezen(tmp_path):
    from openpyxl import load_workbook

    from verduurzaming.export.werkboek import PLANNING_KOLOMMEN, PLANNING_MACHINENAMEN, schrijf_werkmap
    p, s, pl = _opzet()
    p.bevindingen = Bevindingen()
    wm = schrijf_werkmap(pl, p, s, tmp_path / "plan.xlsx")
    wb = load_workbook(wm)
    ws = wb["Planning"]
    kop = [c.value for c in ws[1]]  # the hidden row with the stable machine names
    assert kop == PLANNING_MACHINENAMEN and ws.row_dimensions[1].hidden
    assert [c.value for c in ws[2]] == [k.kop for k in PLANNING_KOLOMMEN]  # what people read
    ci, gj, gp, nl, so = (kop.index(k) + 1 for k in ("complex_id", "gerealiseerd_jaar", "gerealiseerd_pakket",
                                                     "nieuw_label", "soort"))
    gepland = _gepland(pl)
    gevuld = 0
    for r in range(3, ws.max_row + 1):   # one row per work: the realisation goes on the renovation row
        cid = str(ws.cell(r, ci).value)
        pk, j = gepland[cid]
        if j == 2026 and ws.cell(r, so).value == "renovatie":
            ws.cell(r, gj).value, ws.cell(r, gp).value, ws.cell(r, nl).value = 2026, pk, "c"
            gevuld += 1
    wb.save(wm)
    bev = Bevindingen()
    real = lees_realisatie([wm], bev, portefeuille=p, peildatum=PEIL, catalogus=H.CATALOGUS)
    gedaan = real.complexen.dropna(subset=["gerealiseerd_jaar"])
    assert len(gedaan) == gevuld and set(gedaan["nieuw_label"]) == {"C"}
    assert (bev.boekhouding_frame()["rijen_afgewezen"] == 0).all()
    assert len(bev) == 0 or 2 not in set(bev.als_tabel()["rij"])  # the Dutch header row is no complex
    from verduurzaming.io.realisatie import lees_vorig_plan
    bev2 = Bevindingen()
    vorig = lees_vorig_plan(wm, bev2)
    assert vorig.bron == "plan.xlsx, blad Planning"
    # every complex with a work in the ledger, its planned renovation from the renovation row
    assert len(vorig.complexen) == pl.werken[["corporatie", "complex_id"]].drop_duplicates().shape[0]
    assert len(bev2) == 0
    ren = pl.werken[pl.werken["soort"] == "renovatie"].set_index("complex_id")
    for r in vorig.complexen.itertuples():
        if r.complex_id in ren.index:
            assert r.pakket == ren.at[r.complex_id, "pakket"] and r.jaar == ren.at[r.complex_id, "jaar"]
            assert r.aanpak == ren.at[r.complex_id, "aanpak"]
    # the filled-in sheet hands out the same plan
    assert real.plan is not None and real.plan.complexen.equals(vorig.complexen)


def test_herplan_houdt_vastgelegd_en_haalt_deadline():
    p, s, pl = _opzet()
    g = _gepland(pl)
    bev = Bevindingen()
    from verduurzaming.validatie.realisatie import Realisatie
    leeg = Realisatie()
    st = realiseer(p, pl, leeg, PEIL, s, H.CATALOGUS, bev)
    for cid in ("A", "B", "D", "E"):
        for jaar, pakket in ((2027, "zwaar"), (2028, "licht")):
            s.vastgelegd = lees_vastgelegd([dict(corporatie="C1", complex_id=cid, pakket=pakket, jaar=jaar)])
            hp = herplan(st, s, pl, PEIL, catalogus=H.CATALOGUS)
            rij = H.rij(hp, cid)
            assert (rij["pakket"], int(rij["jaar"])) == (pakket, jaar)
            na = hp.per_jaar[hp.per_jaar["jaar"] == 2028]
            eind = (na["n_efg"] - na["efg_verwijderd"] - na["efg_vrijgesteld"]).sum()
            assert eind == 0, (cid, jaar, hp.diagnose)
            assert hp.per_jaar["jaar"].min() == 2027


def test_herplan_plant_gerealiseerde_complexen_niet_opnieuw(tmp_path):
    p, s, pl = _opzet()
    g = _gepland(pl)
    rijen = [["C1", k, pk, j, 2026, pk, None] for k, (pk, j) in g.items() if j is not None]
    pad = _schrijf(tmp_path, rijen)
    bev = Bevindingen()
    r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL, catalogus=H.CATALOGUS)
    st = realiseer(p, pl, r, PEIL, s, H.CATALOGUS, bev)
    hp = herplan(st, s, pl, PEIL, catalogus=H.CATALOGUS)
    assert hp.complexen["pakket"].isna().all()


def test_afspraken_fouten_geven_scenariofout():
    with pytest.raises(ScenarioFout, match="indicator"):
        lees_afspraken([dict(indicator="onzin", jaar=2028)])
    with pytest.raises(ScenarioFout, match="energielabel"):
        lees_afspraken([dict(indicator="gemiddeld_label", doel={2027: "Q"})])
    with pytest.raises(ScenarioFout, match="wijk"):
        lees_afspraken([dict(indicator="uitvoeringsprogramma", start_jaar=2027)])
    with pytest.raises(ScenarioFout, match="meer dan eens"):
        lees_afspraken([dict(id="x", indicator="geen_efg", jaar=2028)] * 2)
    with pytest.raises(ScenarioFout, match="vastgelegd"):
        lees_vastgelegd([dict(corporatie="C1", complex_id="A", jaar=2027)])
    a = lees_afspraken([dict(indicator="gemiddeld_label", doel={2030: "A", 2027: "b"})])[0]
    assert a.doelen == ((2027, "B"), (2030, "A"))


def test_gemeente_warmtenet_startpunt():
    from verduurzaming.planning.gemeente import gemeente_overzicht
    p, s, pl = _opzet()
    s.gewichten["warmtenet_drempel_woningen"] = 10
    g = gemeente_overzicht(pl, p, s)
    assert g.loc[0, "startpunt_warmtenet"] == "ja" and g.loc[0, "corporatiewoningen"] == 17
    s.gewichten["warmtenet_drempel_woningen"] = 100
    assert gemeente_overzicht(pl, p, s).loc[0, "startpunt_warmtenet"] == "nee"
    p.wijken["woningvoorraad"] = 1000  # 1.7% corporation share
    s.gewichten.update(warmtenet_drempel_woningen=10, warmtenet_drempel_pct=30)
    g = gemeente_overzicht(pl, p, s)
    assert g.loc[0, "startpunt_warmtenet"] == "nee" and np.isclose(g.loc[0, "aandeel_corporatie_pct"], 0.017)


def test_vorig_plan_bepaalt_wat_gepland_was(tmp_path):
    from verduurzaming.io.realisatie import lees_vorig_plan
    from verduurzaming.validatie.realisatie import Realisatie
    from verduurzaming.voortgang import afgesproken_plan
    p, s, pl = _opzet()
    pad = tmp_path / "plan_complexen.csv"
    pd.DataFrame({"corporatie": ["C1", "C1"], "complex_id": ["C", "A"], "pakket": ["licht", "licht"],
                  "jaar": [2026, "twintig"]}).to_csv(pad, sep=";", index=False)
    bev = Bevindingen()
    vorig = lees_vorig_plan(pad, bev)
    assert len(vorig.complexen) == 2 and "geen jaartal" in bev.als_tabel()["probleem"].iloc[0]
    ap = afgesproken_plan(p, s, vorig, catalogus=H.CATALOGUS)
    v = bereken_voortgang(ap, p, s, Realisatie(), PEIL, catalogus=H.CATALOGUS)
    st = v.complexen.set_index("complex_id")["status"]
    assert st["C"] == "vertraagd"   # planned 2026 in the old plan
    # the old plan lists no other renovation: nothing else was agreed, whatever the scenario would plan now
    assert (st.drop("C") == "geen werk").all(), st
    assert v.samenvatting["vergeleken_met"] == "vergeleken met het plan uit plan_complexen.csv"


def test_willekeurige_bytes_geven_alleen_invoerfout(tmp_path):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as stt

    from verduurzaming._fouten import VerduurzamingFout
    p, s, pl = _opzet()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(stt.binary(max_size=300), stt.sampled_from([b"", b"complex_id;gerealiseerd_jaar;nieuw_label\n",
                                                      b"VHE-nummer;Energielabel;Registratiedatum\n"]))
    def probeer(ruis, kop):
        pad = tmp_path / "r.csv"
        pad.write_bytes(kop + ruis)
        bev = Bevindingen()
        try:
            r = lees_realisatie([pad], bev, portefeuille=p, peildatum=PEIL, catalogus=H.CATALOGUS)
        except VerduurzamingFout:
            return
        for b in bev.boekhouding.values():
            assert b.klopt
        realiseer(p, pl, r, PEIL, s, H.CATALOGUS)

    probeer()
