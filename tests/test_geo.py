"""plan.gpkg read back: layers, CRS, attribute names."""

from __future__ import annotations

import geopandas as gpd
import pyogrio
import pytest

from kaart_helpers import demo_portfolio, nep_plan
from verduurzaming.export.geo import write_geopackage


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory):
    _, p = demo_portfolio()
    plan = nep_plan(p)
    return write_geopackage(plan, p, tmp_path_factory.mktemp("g")), plan, p


def test_lagen_en_crs(gpkg):
    pad, plan, p = gpkg
    assert pad.name == "plan.gpkg"
    lagen = dict(pyogrio.list_layers(pad))
    assert lagen.keys() == {"wijken", "complexen"}
    assert "Polygon" in lagen["wijken"] and lagen["complexen"] == "Point"
    for laag in lagen:
        assert pyogrio.read_info(pad, layer=laag)["crs"] == "EPSG:28992"
    assert not list(pad.parent.glob(".*tmp*"))


def test_attributen(gpkg):
    pad, plan, p = gpkg
    w = gpd.read_file(pad, layer="wijken")
    c = gpd.read_file(pad, layer="complexen")
    assert len(w) == len(p.wijken) and len(c) == len(plan.complexen)
    for k in ("wijk_code", "wijk_naam", "strategie", "uitvoering_start", "aardgasvrij_jaar", "woningen", "n_efg_nu",
              "aandeel_efg_nu", "co2_kg_voor", "co2_kg_na", "co2_reductie_pct", "buiten_wup_woningen",
              f"n_efg_{plan.jaren[0]}"):
        assert k in w.columns, k
    for k in ("corporatie", "complex_id", "complex_naam", "wijk_code", "woningen", "slechtste_label", "pakket",
              "jaar", "kosten_eur", "binnen_wup", "buiten_wup", "n_efg_na", "slechtste_label_na", "co2_kg_na",
              "schendingen", "n_A++++", "n_G_na"):
        assert k in c.columns, k
    assert int(w["woningen"].sum()) == int(plan.complexen.loc[plan.complexen["wijk_code"].notna(), "woningen"].sum())
    # planned year and cost survive the round trip
    m = c.merge(plan.complexen[["corporatie", "complex_id", "kosten_eur"]], on=["corporatie", "complex_id"])
    assert (m["kosten_eur_x"] - m["kosten_eur_y"]).abs().max() < 0.01


def test_overschrijft_atomair(gpkg, tmp_path):
    pad, plan, p = gpkg
    doel = tmp_path / "uit.gpkg"
    write_geopackage(plan, p, doel)
    write_geopackage(plan, p, doel)
    assert dict(pyogrio.list_layers(doel)).keys() == {"wijken", "complexen"}
    assert sorted(x.name for x in tmp_path.iterdir()) == ["uit.gpkg"]
