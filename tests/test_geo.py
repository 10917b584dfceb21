"""plan.gpkg read back: layers, CRS, attribute names."""

from __future__ import annotations

import geopandas as gpd
import pyogrio
import pytest
from kaart_helpers import demo_portefeuille, nep_plan

from verduurzaming.export.geo import schrijf_geopackage


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory):
    _, p = demo_portefeuille()
    plan = nep_plan(p)
    return schrijf_geopackage(plan, p, tmp_path_factory.mktemp("g")), plan, p


def test_lagen_en_crs(gpkg):
    pad, plan, p = gpkg
    assert pad.name == "plan.gpkg"
    lagen = dict(pyogrio.list_layers(pad))
    assert lagen.keys() == {"wijken", "complexen", "layer_styles"}
    assert "Polygon" in lagen["wijken"] and lagen["complexen"] == "Point" and lagen["layer_styles"] is None
    for laag in ("wijken", "complexen"):
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
    schrijf_geopackage(plan, p, doel)
    schrijf_geopackage(plan, p, doel)
    assert dict(pyogrio.list_layers(doel)).keys() == {"wijken", "complexen", "layer_styles"}
    assert sorted(x.name for x in tmp_path.iterdir()) == ["uit.gpkg"]


def test_qgis_stijlen(gpkg):
    """QGIS finds a default style per layer in layer_styles: label colours on the complexes, E/F/G share on wijken."""
    import xml.etree.ElementTree as ET

    import pandas as pd

    from verduurzaming import labels as L
    pad, plan, p = gpkg
    st = pyogrio.read_dataframe(pad, layer="layer_styles")
    assert set(st["f_table_name"]) == {"wijken", "complexen"}
    for laag in ("wijken", "complexen"):
        rijen = st[st["f_table_name"] == laag]
        assert rijen["useAsDefault"].astype(bool).sum() == 1, laag
        assert (rijen["f_geometry_column"] == pyogrio.read_info(pad, layer=laag)["geometry_name"]).all()
    qml = ET.fromstring(st.loc[(st["f_table_name"] == "complexen") & st["useAsDefault"].astype(bool), "styleQML"].iloc[0]
                        .split("\n", 1)[1])
    r = qml.find("renderer-v2")
    assert r.get("type") == "categorizedSymbol" and r.get("attr") == "slechtste_label"
    kleur = {}
    for cat in r.iter("category"):
        sym = r.find(f"symbols/symbol[@name='{cat.get('symbol')}']")
        kleur[cat.get("value")] = sym.find("layer/Option/Option[@name='color']").get("value")
    assert list(kleur) == list(L.LABELS)
    g = L.KLEUR["G"].lstrip("#")
    assert kleur["G"] == ",".join(str(int(g[i:i + 2], 16)) for i in (0, 2, 4)) + ",255"
    w = ET.fromstring(st.loc[(st["f_table_name"] == "wijken"), "styleQML"].iloc[0].split("\n", 1)[1]).find("renderer-v2")
    assert w.get("type") == "graduatedSymbol" and w.get("attr") == "aandeel_efg_nu"
    bovengrenzen = [float(x.get("upper")) for x in w.iter("range")]
    assert bovengrenzen == sorted(bovengrenzen) and bovengrenzen[-1] == 1.0
    assert pd.notna(st["styleQML"]).all()


def test_jaren_als_geheel_getal(gpkg):
    pad, plan, p = gpkg
    info = pyogrio.read_info(pad, layer="complexen")
    soort = dict(zip(info["fields"], info["dtypes"]))
    for k in ("jaar", "woningen", "n_efg", "onderhoud_jaar", "bouwjaar"):
        if k in soort:
            assert soort[k].startswith("int"), (k, soort[k])
    wi = pyogrio.read_info(pad, layer="wijken")
    ws = dict(zip(wi["fields"], wi["dtypes"]))
    for k in ("aardgasvrij_jaar", "uitvoering_start", f"n_efg_{plan.jaren[0]}", "woningen"):
        assert ws[k].startswith("int"), (k, ws[k])


def test_positie_zonder_coordinaten(gpkg):
    """A complex without coordinates sits in its wijk, flagged as estimated; one without wijk has no point."""
    pad, plan, p = gpkg
    c = gpd.read_file(pad, layer="complexen")
    w = gpd.read_file(pad, layer="wijken")
    zonder = plan.complexen.geometry.isna() | plan.complexen.geometry.is_empty
    assert zonder.any(), "the demo has complexes without coordinates"
    m = c.merge(plan.complexen.loc[zonder, ["corporatie", "complex_id"]], on=["corporatie", "complex_id"])
    met_wijk = m[m["wijk_code"].notna() & m["wijk_code"].isin(w["wijk_code"])]
    assert len(met_wijk) and (met_wijk["positie"] == "geschat (in de wijk)").all()
    binnen = met_wijk.apply(lambda r: w.loc[w["wijk_code"] == r["wijk_code"]].geometry.iloc[0].buffer(500)
                            .contains(r.geometry), axis=1)
    assert binnen.all()
    gemeten = c.merge(plan.complexen.loc[~zonder, ["corporatie", "complex_id"]], on=["corporatie", "complex_id"])
    assert (gemeten["positie"] == "coördinaten").all()
    assert (m.loc[m["wijk_code"].isna(), "geometry"].isna()).all()
