"""The spine on the bundled demo: accounting, labels on the peildatum, joins, exemptions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from verduurzaming import labels as lbl
from verduurzaming.portefeuille import LABEL_KOLOMMEN, lees_portefeuille


def test_elke_rij_is_verantwoord(demo_portefeuille):
    bh = demo_portefeuille.bevindingen.boekhouding_frame()
    assert set(bh["bestand"]) >= {"woonstede_vhe.csv", "wonenplus_vhe.xlsx", "woonstede_complexen.csv",
                                  "voorbeeldstad_wijken.gpkg", "transitievisie.csv", "ep_online_voorbeeldstad.csv"}
    assert (bh["rijen_in"] == bh["rijen_gebruikt"] + bh["rijen_afgewezen"]).all(), bh
    vhe = bh.set_index("bestand").loc[["woonstede_vhe.csv", "wonenplus_vhe.xlsx"]]
    # the demo has 4,506 + 2,396 data rows; one duplicate VHE is rejected
    assert vhe["rijen_in"].tolist() == [4506, 2396]
    assert int(vhe["rijen_gebruikt"].sum()) == len(demo_portefeuille.woningen) == 6901
    assert int(vhe["rijen_afgewezen"].sum()) == 1


def test_woningen_kloppen_met_complexen(demo_portefeuille):
    w, c = demo_portefeuille.woningen, demo_portefeuille.complexen
    assert c["woningen"].sum() == len(w)
    assert (c[LABEL_KOLOMMEN].sum(axis=1) == c["woningen"]).all()
    assert c["n_efg"].sum() == w["energielabel"].isin(lbl.SLECHT).sum()
    assert not c.duplicated(["corporatie", "complex_id"]).any()
    assert w["energielabel"].isin(lbl.LABELS).all()
    assert w["ep2_kwh_m2"].notna().all()
    assert c.crs.to_epsg() == 28992


def test_demo_gebreken_zijn_bevindingen(demo_portefeuille):
    b = demo_portefeuille.bevindingen.als_tabel()
    h = b[(b["waarde"] == "H")]
    assert set(h["sleutel"]) == {"1000462", "20423"}
    assert (h["actie"] == "waarde genegeerd").all()
    dubbel = b[b["probleem"].str.startswith("dubbel VHE-nummer")]
    assert dubbel["sleutel"].tolist() == ["1002585"] and dubbel["actie"].tolist() == ["rij afgewezen"]
    tegen = b[b["probleem"].str.contains("past niet bij de EP2")]
    assert tegen["sleutel"].tolist() == ["1004742"]
    # EP2 312.4 decides: the dwelling is E, not the B the export claims
    w = demo_portefeuille.woningen.set_index("vhe_id")
    assert w.loc["1004742", "energielabel"] == "E"
    buiten = b[b["probleem"].str.contains("buiten alle wijken")]
    assert buiten["sleutel"].tolist() == ["1087"]
    c = demo_portefeuille.complexen.set_index("complex_id")
    assert pd.isna(c.loc["1087", "wijk_code"])
    assert b[b["sleutel"] == "1005627"]["kolom"].tolist()[0] == "Bouwjaar"


def test_label_op_peildatum_en_ep_online(demo_portefeuille):
    w = demo_portefeuille.woningen
    # EP-online labels later than the corporation's registration win (211 addresses in the demo)
    assert (w["label_bron"] == "ep-online").sum() == 211
    # expired labels (older than 10 years on 2026-01-01) and missing labels are estimated
    peil = pd.Timestamp(demo_portefeuille.peildatum)
    geldig = w[~w["label_geschat"]]
    assert (geldig["label_geldig_tot"] >= peil).all()
    assert w["label_geschat"].sum() > 0
    assert (w.loc[w["label_geschat"], "label_bron"] == "geschat").all()
    # a label registered in 2017 expires in 2027, before the deadline
    verloopt = w[w["label_verloopt_voor_deadline"]]
    assert (verloopt["label_geldig_tot"] <= pd.Timestamp(2028, 12, 31)).all() and len(verloopt) > 0


def test_later_peildatum_verandert_geldigheid(demo_scenario):
    import copy
    s = copy.copy(demo_scenario)
    s.peildatum = dt.date(2030, 1, 1)
    later = lees_portefeuille(s)
    eerder = lees_portefeuille(demo_scenario)
    assert later.woningen["label_geschat"].sum() > eerder.woningen["label_geschat"].sum()


def test_wijken_en_transitievisie(demo_portefeuille):
    wk = demo_portefeuille.wijken.set_index("wijk_code")
    assert len(wk) == 14 and wk.crs.to_epsg() == 28992
    assert wk.loc["WK999905", "strategie"] == "warmtenet"
    assert wk.loc["WK999905", "uitvoering_start"] == 2027 and wk.loc["WK999905", "aardgasvrij_jaar"] == 2032
    assert wk.loc["WK999903", "strategie"] == "all-electric"
    c = demo_portefeuille.complexen
    # WonenPlus joins by code (no coordinates), Woonstede by point in polygon
    wp = c[c["corporatie"] == "WonenPlus"]
    assert wp["wijk_code"].notna().all() and wp.geometry.isna().all()
    ws = c[c["corporatie"] != "WonenPlus"]
    assert ws["wijk_code"].notna().sum() == len(ws) - 1


def test_vrijstellingen(demo_portefeuille):
    c = demo_portefeuille.complexen.set_index("complex_id")
    assert c.loc["1007", "vrijstelling_reden"] == "monument"
    assert c.loc["1035", "vrijstelling_reden"] == "sloop 2027"
    assert not c.loc["1047", "vrijgesteld"]  # sloop 2030 is after the deadline: no exemption
    assert c.loc["304", "monument"]


def test_complex_gemiddelde_ep2_is_gewogen(demo_portefeuille):
    w, c = demo_portefeuille.woningen, demo_portefeuille.complexen
    r = c.iloc[5]
    d = w[(w["corporatie"] == r["corporatie"]) & (w["complex_id"] == r["complex_id"])]
    assert np.isclose(r["ep2_gem_kwh_m2"], np.average(d["ep2_kwh_m2"], weights=d["gbo_m2"]))


def test_label_zonder_registratiedatum_is_geen_zeker_label(tmp_path):
    """A label without a registration date cannot be shown valid on the peildatum: it is kept as an estimate
    with a finding naming file, row and dwelling, never counted as a certain (registered) label."""
    from typer.testing import CliRunner

    import verduurzaming as V
    from verduurzaming.cli import app

    assert CliRunner().invoke(app, ["demo", str(tmp_path / "d")]).exit_code == 0
    pad = tmp_path / "d" / "data" / "labels" / "woonstede_vhe.csv"
    regels = pad.read_text(encoding="cp1252").split("\n")
    kop = regels[0].split(";")
    i = next(k for k, r in enumerate(regels[1:], start=1) if r.split(";")[0] == "1000318")
    v = regels[i].split(";")
    v[kop.index("Energielabel")], v[kop.index("Registratiedatum label")] = "A+++", ""
    regels[i] = ";".join(v)
    pad.write_text("\n".join(regels), encoding="cp1252")
    p = V.lees_portefeuille(V.lees_scenario(tmp_path / "d" / "scenario.toml"))
    w = p.woningen.set_index("vhe_id").loc["1000318"]
    assert w["energielabel"] == "A+++" and w["label_bron"] == "geschat" and bool(w["label_geschat"])
    b = p.bevindingen.als_tabel()
    rij = b[b["sleutel"].astype(str) == "1000318"]
    assert rij["probleem"].str.contains("zonder registratiedatum").any()
    assert int(rij["rij"].iloc[0]) == i + 1 and rij["bestand"].iloc[0] == "woonstede_vhe.csv"
