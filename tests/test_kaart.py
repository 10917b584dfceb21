"""The map as written HTML: self-contained, its data, colours, reasons, escaping of hostile names, size."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from kaart_helpers import HOSTILE, HOSTILE_2, HOSTILE_SJABLOON, nep_plan, synthetisch, vijandig

from verduurzaming import labels as L
from verduurzaming.export import kaart as K
from verduurzaming.export.kaart import kaart_data, schrijf_kaart, veilig


@pytest.fixture(scope="module")
def demo(demo_scenario, demo_portefeuille):
    return demo_scenario, demo_portefeuille


@pytest.fixture(scope="module")
def vijandige_kaart(demo, tmp_path_factory):
    _, p = demo
    pv = vijandig(p)
    plan = nep_plan(pv)
    pad = schrijf_kaart(plan, pv, tmp_path_factory.mktemp("k"))
    h = pad.read_text(encoding="utf-8")
    return pad, h, plan, kaart_data(h)


@pytest.fixture(scope="module")
def echte_kaart(demo, demo_plan, tmp_path_factory):
    _, p = demo
    plan = demo_plan
    pad = schrijf_kaart(plan, p, tmp_path_factory.mktemp("echt"))
    h = pad.read_text(encoding="utf-8")
    return plan, p, h, kaart_data(h)


def _scripts(h: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", h, flags=re.S)


def test_schrijft_kaart_html_in_map(vijandige_kaart):
    pad, h, _, _ = vijandige_kaart
    assert pad.name == "kaart.html"
    assert h.startswith("<!DOCTYPE html>")
    assert not list(pad.parent.glob(".kaart.html.*"))  # no temp file left


def test_zelfstandig_zonder_verzoeken(vijandige_kaart):
    _, h, _, _ = vijandige_kaart
    # no external script, style sheet, image or font: everything inline
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", h, flags=re.I)
    assert "@import" not in h
    urls = set(re.findall(r"https?://[^\s\"'()<>]+", h))
    # the only address is the optional background (OpenStreetMap), off by default; the rest are
    # names in licence comments and Leaflet's attribution link, which nothing loads
    geladen = {u for u in urls if "{z}" in u or u.endswith((".js", ".css", ".png"))}
    assert geladen == {"https://tile.openstreetmap.org/{z}/{x}/{y}.png"}, geladen
    assert "Content-Security-Policy" in h and "default-src 'none'" in h
    assert re.search(r"url\((?!data:|#default)", h) is None  # Leaflet's images as data URIs
    assert "sourceMappingURL" not in h
    from xstatic.pkg import leaflet
    assert leaflet.VERSION.startswith("1.9") and '"1.9.3"' in h  # Leaflet itself, inline


def test_lagen_en_legenda(vijandige_kaart):
    _, h, plan, d = vijandige_kaart
    assert d["lagen"] == {"efg": K.LAAG_EFG, "tvw": K.LAAG_TVW, "co2": K.LAAG_CO2, "geen": K.LAAG_GEEN,
                          "complexen": K.LAAG_COMPLEXEN, "jaar": K.LAAG_JAAR, "osm": K.LAAG_OSM}
    assert "internet" in K.LAAG_OSM
    assert d["jaren"] == plan.jaren and d["deadline"] == 2028
    # the fake plan has no solver table: not proven, and the map says so under its title
    assert d["status"].startswith("NIET alle eisen gehaald of bewezen")
    js = _scripts(h)[-1]
    assert "L.control.layers(themas, overlays" in js  # themes are base layers (radio buttons)
    assert "imperial: false" in js
    assert "markerClusterGroup" not in h and "jquery" not in h.lower()


def test_complexen_een_geojson_laag(vijandige_kaart):
    _, h, plan, d = vijandige_kaart
    fc = d["complexen"]
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == len(plan.complexen)
    assert sum(f["properties"]["w"] for f in fc["features"]) == d["woningen"] == int(plan.complexen["woningen"].sum())
    assert f"{K._getal(d['woningen'])} woningen" in d["onder"]
    assert "L.circleMarker" in h and h.count("L.circleMarker") == 1  # drawn by our script, not per marker


def test_kleuren_mengen_geen_signalen():
    labels = {k.lower() for k in L.KLEUR.values()}
    thema = {k for _, k, _ in K.EFG_KLASSEN} | {k for _, k, _ in K.CO2_KLASSEN} | set(K.STRATEGIE_KLEUR.values())
    assert not (labels & {k.lower() for k in thema})
    a_klassen = [L.KLEUR[x] for x in ("A++++", "A+++", "A++", "A+", "A")]
    assert len(set(a_klassen)) == 5
    assert L.KLEUR["A"] == "#00843d"  # the official A green stays


def test_vijandige_namen_zijn_geescaped(vijandige_kaart):
    _, h, _, _ = vijandige_kaart
    assert "<img src=x" not in h
    assert "<svg onload" not in h
    assert "<script>alert" not in h
    assert "${alert(3)}" not in h
    assert "Flat 1337" not in h and "uid=" not in h
    assert "{{" not in h and "{%" not in h and "{#" not in h
    assert r"Flat \u0026#123;\u0026#123;7*191\u0026#125;\u0026#125;" in h
    for s in _scripts(h):
        assert "alert(1)>" not in s.replace("&gt;", "")
    assert h.lower().count("<script") == h.lower().count("</script>") == 3


def test_veilig():
    assert veilig(HOSTILE) == "&lt;img src=x onerror=alert(1)&gt;"
    v = veilig(HOSTILE_2)
    for slecht in ("<", ">", "`", "${", "\\"):
        assert slecht not in v
    assert veilig(None) == "" and veilig(float("nan")) == ""
    assert "{" not in veilig(HOSTILE_SJABLOON) and "}" not in veilig(HOSTILE_SJABLOON)
    assert veilig("a\x1b[31mb\x00c") == "a[31mbc"


def test_json_in_script_zonder_accolades_in_tekst():
    import json

    from verduurzaming.export.kaart import _json_script
    data = {"naam": HOSTILE_SJABLOON, "lijst": [{"a": "{#x#}"}, {}], "n": 1}
    s = _json_script(data)
    assert json.loads(s) == data
    for begin in ("{{", "{%", "{#"):
        assert begin not in s


def test_schendingen_vallen_op(vijandige_kaart):
    _, _, plan, d = vijandige_kaart
    fout = (plan.complexen["schendingen"].str.len() > 0) | (plan.complexen["binnen_wup"] == False)  # noqa: E712
    assert fout.any()
    assert sum(1 for f in d["complexen"]["features"] if f["properties"].get("f")) == int(fout.sum())


def test_geschatte_ligging_uit_positie(vijandige_kaart, demo):
    from verduurzaming.export.positie import POSITIE_GESCHAT, complex_posities
    _, _, plan, d = vijandige_kaart
    _, p = demo
    x, _, soort = complex_posities(plan.complexen, p.wijken)
    geschat = [bool(f["properties"].get("g")) for f in d["complexen"]["features"]]
    assert geschat == list(soort == POSITIE_GESCHAT) and any(geschat)
    zonder = [f["geometry"] is None for f in d["complexen"]["features"]]
    assert zonder == list(~np.isfinite(x)) and d["zonder_ligging"] == sum(zonder)
    assert not hasattr(K, "_complex_punten")


def test_waarom_buiten_wup_noemt_de_deadline():
    wijk = {"uitvoering_start": 2030, "uitvoering_eind": 2033, "aardgasvrij_jaar": 2035}
    r = {"jaar": 2026, "redenen": "EFG-deadline", "binnen_wup": False, "onderhoud_jaar": 2031}
    t = K._waarom(r, wijk, 2028)
    assert "buiten de WUP-uitvoering (2030&ndash;2033)</b> vanwege de deadline 2028" in t
    r2 = {"jaar": 2031, "redenen": "DMJOP;WUP-uitvoering", "binnen_wup": True, "onderhoud_jaar": 2031}
    t2 = K._waarom(r2, wijk, 2028)
    assert "DMJOP-onderhoud (2031)" in t2 and "in de WUP-uitvoering van de wijk (2030&ndash;2033)" in t2
    assert K._waarom({"jaar": None, "vrijgesteld": True, "n_efg": 4, "vrijstelling_reden": "monument"}, wijk,
                     2028) == "geen renovatie: vrijgesteld (monument)"


def test_popupgegevens_van_het_echte_plan(echte_kaart):
    plan, _, _, d = echte_kaart
    assert d["status"] is None  # proven optimal, no violation: no warning line under the title
    cx = plan.complexen
    feats = d["complexen"]["features"]
    T = d["teksten"]
    buiten = np.flatnonzero(~cx["binnen_wup"].fillna(True).to_numpy(bool))
    assert len(buiten)
    for i in buiten:
        p = feats[i]["properties"]
        assert "buiten de WUP-uitvoering" in T[p["y"]]
        if "EFG-deadline" in cx["redenen"].iloc[i]:
            assert "vanwege de deadline 2028" in T[p["y"]]
    for i, f in enumerate(feats):
        p, r = f["properties"], cx.iloc[i]
        assert p["w"] == r["woningen"]
        assert p["k"] == pytest.approx(r["kosten_eur"], abs=0.01)   # all works of the complex, the ledger summed
        if p["j"] is not None:
            assert p["j"] == r["jaar"]
        assert sum(w[3] for w in p["wr"]) == pytest.approx(r["kosten_eur"], abs=0.01)
        assert p["dm"] == (None if pd.isna(r["onderhoud_jaar"]) else int(r["onderhoud_jaar"]))
        assert p["ep"][0] == round(r["ep2_gem_kwh_m2"])
        assert L.LABELS[p["l"]] == r["slechtste_label"]
        # the popup says how many labels are estimated or expire before the deadline
        assert p["lg"] == [int(r["n_geschat"]), int(r["n_label_verloopt"])]
    assert sum(f["properties"]["lg"][0] > 0 for f in feats) > 0
    # exempt E/F/G complexes keep their E/F/G label at the end of the plan
    vrij = [f["properties"] for f in feats if "v" in f["properties"] and f["properties"]["ea"] > 0]
    assert vrij and all(L.LABELS[p["la"]] in L.SLECHT for p in vrij)


def test_tvw_tooltip_noemt_corporaties_en_startpunt_warmtenet(echte_kaart):
    plan, _, h, _ = echte_kaart
    startpunten = int((plan.gemeente["startpunt_warmtenet"] == "ja").sum())
    assert 0 < startpunten < len(plan.gemeente)
    assert h.count(r"\u003cb\u003eStartpunt warmtenet") == startpunten  # once per wijk: data, not per layer
    assert "Corporaties: Woonstede Voorbeeldstad (" in h


def test_gemeentefilter(demo, tmp_path):
    _, p = demo
    plan = nep_plan(p)
    pad = schrijf_kaart(plan, p, tmp_path / "gm.html", gemeente="9999")
    assert pad.exists() and "Voorbeeldstad" in pad.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="GM0001"):
        schrijf_kaart(plan, p, tmp_path / "x.html", gemeente="GM0001")


def test_zelfde_invoer_zelfde_bestand(demo, tmp_path):
    _, p = demo
    plan = nep_plan(p)
    a = schrijf_kaart(plan, p, tmp_path / "a.html").read_bytes()
    b = schrijf_kaart(plan, p, tmp_path / "b.html").read_bytes()
    assert a == b


def test_grootte_demo_en_3000_complexen(demo, tmp_path):
    _, p = demo
    pad = schrijf_kaart(nep_plan(p), p, tmp_path / "demo.html")
    assert pad.stat().st_size < 500_000
    groot = synthetisch(p, 3000)
    pad = schrijf_kaart(nep_plan(groot), groot, tmp_path / "3000.html")
    assert pad.stat().st_size <= 3_000_000, pad.stat().st_size


def test_gemeente_fout_is_gebruikersfout(demo, demo_plan, tmp_path):
    """A wrong gemeente for the map is the user's error with a Dutch message (exit 2 in the CLI), not a bare ValueError."""
    from verduurzaming._fouten import KoppelFout, ScenarioFout
    _, p = demo
    with pytest.raises(ScenarioFout, match="geen CBS-gemeentecode"):
        schrijf_kaart(demo_plan, p, tmp_path, gemeente="Voorbeeldstad")
    with pytest.raises(KoppelFout, match="GM0001 heeft geen wijken.*GM9999"):
        schrijf_kaart(demo_plan, p, tmp_path, gemeente="GM0001")
    assert not list(tmp_path.iterdir())
