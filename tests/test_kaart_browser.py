"""kaart.html in a real browser: headless Debian chromium driven by Playwright, every request blocked.

The map must draw without any request (a request, a CSP refusal or a script error fails the test).
Screenshots at 1400x900 go to /tmp/kaart_screens: the slider at 2035 with the exempt E/F/G
complexes, the corporation filter, the search result.
"""

from __future__ import annotations

from pathlib import Path

import kaart_offline as off
import numpy as np
import pandas as pd
import pytest
from kaart_helpers import HOSTILE, HOSTILE_SJABLOON, demo_portefeuille, vijandig

from verduurzaming import labels as L

pytestmark = pytest.mark.browser

SCHERMEN = Path("/tmp/kaart_screens")


@pytest.fixture(scope="module")
def browser():
    if not Path(off.CHROMIUM).exists():
        pytest.skip(f"{off.CHROMIUM} ontbreekt (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is niet geïnstalleerd")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=off.CHROMIUM, args=off.CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def kaart(tmp_path_factory):
    """The demo with hostile names, planned by the real planner (exempt E/F/G complexes included)."""
    from verduurzaming.export.kaart import schrijf_kaart
    from verduurzaming.planning import maak_plan
    s, p = demo_portefeuille()
    pv = vijandig(p)
    plan = maak_plan(pv, s, baseline=False)
    pad = schrijf_kaart(plan, pv, tmp_path_factory.mktemp("kaart"))
    return pad, plan


@pytest.fixture(scope="module")
def pagina(browser, kaart):
    pad, _ = kaart
    p = off.OfflinePagina(browser, pad)
    yield p
    assert p.verzoeken == [], f"verzoeken: {p.verzoeken}"
    assert p.fouten == [], f"fouten: {p.fouten}"
    assert p.dialogen == [], f"dialogen: {p.dialogen}"
    p.sluit()


def scherm(p: off.OfflinePagina, naam: str) -> Path:
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    doel = SCHERMEN / f"{naam}.png"
    p.page.screenshot(path=str(doel))
    assert doel.stat().st_size > 10_000
    return doel


def js(p: off.OfflinePagina, code: str, arg=None):
    return p.page.evaluate(code, arg)


def _canvas_kleuren(p: off.OfflinePagina) -> set[str]:
    """The distinct colours painted on the map's canvas (sampled every 7 px)."""
    return set(js(p, """() => { const c = document.querySelector('.leaflet-overlay-pane canvas');
        const x = c.getContext('2d'), d = x.getImageData(0, 0, c.width, c.height).data, uit = new Set();
        for (let i = 0; i < d.length; i += 4 * 7) { if (d[i + 3] > 200) uit.add('#' + [d[i], d[i+1], d[i+2]]
            .map(v => v.toString(16).padStart(2, '0')).join('')); } return Array.from(uit); }"""))


def test_kaart_tekent_zonder_enig_verzoek(pagina, kaart):
    p = pagina
    _, plan = kaart
    assert p.verzoeken == [] and p.fouten == []
    assert js(p, "() => !!window.vdKaart && !!window.L")
    n = js(p, "() => vdKaart.getekend()")
    assert n["complexen"] > 0 and n["clusters"] > 0
    assert p.page.locator(".vd-cluster").count() == n["clusters"]
    kleuren = _canvas_kleuren(p)
    assert len(kleuren) > 10  # wijk fills and complex colours on the canvas
    n_wijken = js(p, "() => { let n = 0; vdKaart.map.eachLayer(l => { if (l.feature && l.feature.geometry.type !== 'Point') n++; }); return n; }")
    assert n_wijken == js(p, "() => vdKaart.data.wijken.features.length") > 0
    legenda = p.page.locator("#vd-legenda")
    assert legenda.is_visible()
    assert "Wijken: aandeel E/F/G nu" in legenda.inner_text()
    assert p.page.locator(".leaflet-control-layers-base input[type=radio]").count() == 4
    assert p.page.locator(".leaflet-control-layers-overlays input[type=checkbox]").count() == 3
    osm = p.page.locator(".leaflet-control-layers-overlays label", has_text="OpenStreetMap")
    assert "internet nodig" in osm.inner_text() and not osm.locator("input").is_checked()
    assert p.page.locator("#vd-jaar").count() == 0  # the slider box only with its layer on
    schaal = p.page.locator(".leaflet-control-scale").inner_text()
    assert ("m" in schaal or "km" in schaal) and "ft" not in schaal and "mi" not in schaal
    assert "170 complexen, 6.901 woningen" in p.page.locator(".vd-titel").inner_text()
    scherm(p, "01_start")


def _thema(p, naam: str) -> None:
    p.page.locator(".leaflet-control-layers-base label", has_text=naam).locator("input").check()
    p.page.wait_for_timeout(250)


def test_themas_sluiten_elkaar_uit_en_een_legenda_past_op_1024(browser, kaart):
    pad, _ = kaart
    p = off.OfflinePagina(browser, pad, viewport=(1024, 768))
    try:
        gezien = []
        for naam, kop in (("warmtestrategie", "Wijken: warmtestrategie"), ("CO2-reductie", "Wijken: CO2-reductie"),
                          ("aandeel E/F/G", "Wijken: aandeel E/F/G")):
            _thema(p, naam)
            assert p.page.locator(".leaflet-control-layers-base input:checked").count() == 1
            tekst = p.page.locator("#vd-legenda").inner_text()
            assert tekst.count("Wijken:") == 1 and kop in tekst, tekst
            doos = p.page.locator("#vd-legenda").bounding_box()
            assert doos["y"] >= 0 and doos["y"] + doos["height"] <= 768 and doos["x"] + doos["width"] <= 1024
            # the legend box shows its content without a scroll bar
            assert js(p, "() => { const d = document.getElementById('vd-legenda'); return d.scrollHeight <= d.clientHeight + 1; }"), naam
            gezien.append(frozenset(_canvas_kleuren(p)))
        assert len(set(gezien)) == 3  # each theme paints other colours
        scherm(p, "02_thema_1024")
        assert p.verzoeken == [] and p.fouten == []
    finally:
        p.sluit()


def _efg_eind(plan, jaar: int) -> int:
    """E/F/G at the end of ``jaar``: now less what the ledger's works (demolitions included) took away."""
    w = plan.werken
    return int(plan.complexen["n_efg"].sum() - w.loc[w["jaar"] <= jaar, "efg_weg"].sum())


def test_jaarschuif_toont_wat_er_over_is(pagina, kaart):
    p = pagina
    _, plan = kaart
    p.page.locator(".leaflet-control-layers-overlays label", has_text="Planning per jaar").locator("input").check()
    p.page.wait_for_timeout(300)
    doos = p.page.locator("#vd-jaar")
    assert doos.is_visible()
    assert p.page.locator("#vd-jaar .vd-ticks span").count() == len(plan.jaren)
    assert p.page.locator("#vd-jaar .vd-speel").is_visible()
    # play: the year moves on by itself, the button pauses it
    js(p, "() => vdKaart.zetJaar(0)")
    p.page.locator("#vd-jaar .vd-speel").click()
    p.page.wait_for_timeout(1300)
    p.page.locator("#vd-jaar .vd-speel").click()
    assert int(doos.get_attribute("data-jaar")) > plan.jaren[0]
    woningen = int(plan.complexen["woningen"].sum())
    for k in range(len(plan.jaren)):
        p.page.eval_on_selector("#vd-jaar input", "(e, k) => { e.value = k; e.dispatchEvent(new Event('input')); }", k)
        jaar = plan.jaren[k]
        assert int(doos.get_attribute("data-jaar")) == jaar
        assert int(doos.get_attribute("data-efg")) == _efg_eind(plan, jaar), jaar
        w = plan.werken
        weg = int(w.loc[(w["soort"] == "sloop") & (w["jaar"] <= jaar), "woningen_aangepakt"].sum())
        assert int(doos.get_attribute("data-woningen")) == woningen - weg  # the stock: demolished ones have left
        assert int(doos.get_attribute("data-gesloopt")) == weg
        ren = w[(w["soort"] == "renovatie") & (w["jaar"] == jaar)]
        assert int(doos.get_attribute("data-renovaties")) == len(ren)
        assert int(doos.get_attribute("data-renovatie-woningen")) == round(ren["woningen_aangepakt"].sum())
        assert float(doos.get_attribute("data-kosten")) == pytest.approx(w.loc[w["jaar"] == jaar, "kosten_eur"].sum(),
                                                                         abs=0.01)
    assert "van 6.732 woningen (169 gesloopt)" in doos.inner_text()   # the last year: the demo demolishes four complexes
    # every complex renovated in the chosen year is ringed: on its own or in a ringed group
    k = plan.jaren.index(2028)
    p.page.eval_on_selector("#vd-jaar input", "(e, k) => { e.value = k; e.dispatchEvent(new Event('input')); }", k)
    los = js(p, "() => vdKaart.markers.filter(m => m && vdKaart.map.hasLayer(m) && m.options.color === '#1f4e9c').length")
    groepen = p.page.locator(".vd-cluster div[style*='#1f4e9c']").count()
    assert los + groepen >= 1 and los <= int(doos.get_attribute("data-renovaties"))
    # the exempt E/F/G complexes stay in their E/F/G colour; the ones demolished by the chosen year are drawn as gone
    cx = plan.complexen
    nu = int(doos.get_attribute("data-jaar"))
    sloop = plan.werken[(plan.werken["soort"] == "sloop") & (plan.werken["jaar"] <= nu)]
    weg = pd.Series(list(zip(cx["corporatie"], cx["complex_id"].astype(str)))).isin(
        set(zip(sloop["corporatie"], sloop["complex_id"].astype(str)))).to_numpy(bool)
    vrij = np.flatnonzero((cx["vrijgesteld"] & (cx["n_efg_na"] > 0) & cx["jaar"].isna()).to_numpy(bool) & ~weg)
    assert len(vrij) and weg.any()
    efg_kleuren = {L.KLEUR[x] for x in L.SLECHT}
    for k in vrij:
        kleur = js(p, "(k) => vdKaart.markers[k] && vdKaart.markers[k].options.fillColor", int(k))
        assert kleur is None or kleur in efg_kleuren, (k, kleur)
    for k in np.flatnonzero(weg):
        kleur = js(p, "(k) => vdKaart.markers[k] && vdKaart.markers[k].options.fillColor", int(k))
        assert kleur is None or kleur == "#fff", (k, kleur)
    assert "vrijgesteld" in doos.inner_text()
    zichtbaar = [int(k) for k in vrij if js(p, "(k) => !!vdKaart.markers[k]", int(k))]
    js(p, "(ks) => { vdKaart.map.fitBounds(L.latLngBounds(ks.map(k => vdKaart.markers[k].getLatLng())).pad(0.3), {maxZoom: 16}); }",
       zichtbaar)
    p.page.wait_for_timeout(400)
    assert any(js(p, "(k) => vdKaart.map.hasLayer(vdKaart.markers[k])", k) for k in zichtbaar) or \
        js(p, "() => vdKaart.getekend().clusters") > 0
    kleuren = _canvas_kleuren(p)
    assert kleuren & efg_kleuren, kleuren
    scherm(p, "03_schuif_2035_vrijgesteld")
    p.page.locator(".leaflet-control-layers-overlays label", has_text="Planning per jaar").locator("input").uncheck()
    p.page.wait_for_timeout(200)
    assert p.page.locator("#vd-jaar").count() == 0
    js(p, "() => { vdKaart.map.fitBounds(vdKaart.data.grenzen); }")


def test_corporatiefilter(pagina, kaart):
    p = pagina
    _, plan = kaart
    p.page.wait_for_timeout(600)   # a zoom the test before started has ended
    voor = js(p, "() => vdKaart.getekend()")
    namen = p.page.locator("#vd-corp label").all_inner_texts()
    assert len(namen) == plan.complexen["corporatie"].nunique()
    weg = next(i for i, n in enumerate(namen) if "WonenPlus" in n)
    p.page.locator("#vd-corp label").nth(weg).locator("input").uncheck()
    p.page.wait_for_timeout(300)
    na = js(p, "() => vdKaart.getekend()")
    assert na["complexen"] + na["clusters"] < voor["complexen"] + voor["clusters"]
    assert "filter: 2 van 3 corporaties" in p.page.locator(".vd-titel").inner_text()
    idx = js(p, "() => vdKaart.markers.map((m, k) => m && vdKaart.map.hasLayer(m) ? k : -1).filter(k => k >= 0)")
    corps = plan.complexen["corporatie"].to_numpy()
    assert idx and not any(corps[k] == "WonenPlus" for k in idx)
    scherm(p, "04_filter_zonder_wonenplus")
    p.page.locator("#vd-corp label").nth(weg).locator("input").check()
    p.page.wait_for_timeout(200)
    assert js(p, "() => vdKaart.getekend()") == voor


def test_zoeken_zoomt_en_opent_popup_met_waarom(pagina, kaart):
    p = pagina
    _, plan = kaart
    cx = plan.complexen
    buiten = ~cx["binnen_wup"].fillna(True).to_numpy(bool)
    k = next(i for i in range(4, len(cx)) if buiten[i] and "EFG-deadline" in cx["redenen"].iloc[i])
    r = cx.iloc[k]
    zoek = p.page.locator("#vd-zoek input")
    zoek.fill(str(r["complex_naam"])[:8])
    p.page.wait_for_timeout(200)
    hits = p.page.locator("#vd-zoek .vd-zoek-hit")
    assert hits.count() >= 1
    hits.filter(has_text=str(r["complex_id"])).first.click()
    p.page.wait_for_selector(".leaflet-popup-content", state="visible")
    p.page.wait_for_timeout(400)
    tekst = p.page.locator(".leaflet-popup-content").inner_text()
    assert r["complex_naam"] in tekst and r["corporatie"] in tekst
    assert "vanwege de deadline 2028" in tekst and "buiten de WUP-uitvoering" in tekst
    kosten = f"{r['kosten_eur']:,.0f}".replace(",", ".")
    assert f"{kosten} (alle werken)" in tekst.replace("\xa0", " ")
    for w in plan.werken[(plan.werken["corporatie"] == r["corporatie"])
                         & (plan.werken["complex_id"] == r["complex_id"])].itertuples():
        per = f"{w.kosten_eur / w.woningen_aangepakt:,.0f}".replace(",", ".")
        assert f"{w.jaar} " in tekst and f"{per} per woning" in tekst.replace("\xa0", " ")
    assert "DMJOP-onderhoud" in tekst and "EP2" in tekst and "kWh/m²" in tekst
    assert f"{r['slechtste_label']} → {r['slechtste_label_na']}" in tekst
    assert f"Werk\t{r['werk']}" in tekst  # the plan's words: what, for which dwellings, when
    if r["n_geschat"] > 0:  # an estimated label is said, not shown as if registered
        assert f"{int(r['n_geschat'])} van {int(r['woningen'])} labels geschat" in tekst
    else:
        assert "labels geschat" not in tekst
    assert js(p, "() => vdKaart.map.getZoom()") >= 16
    # hovering the complex does not put its tooltip over the popup
    xy = js(p, "(k) => { const pt = vdKaart.map.latLngToContainerPoint(vdKaart.markers[k].getLatLng()); return [pt.x, pt.y]; }", k)
    doos = p.page.locator("#vd-kaart").bounding_box()
    p.page.mouse.move(doos["x"] + xy[0], doos["y"] + xy[1])
    p.page.wait_for_timeout(300)
    assert p.page.locator(".leaflet-tooltip").count() == 0
    scherm(p, "05_zoeken_popup")
    js(p, "() => { vdKaart.map.closePopup(); }")


def test_vrijgesteld_complex_zegt_waarom_efg_blijft(pagina, kaart):
    p = pagina
    _, plan = kaart
    cx = plan.complexen
    k = next(i for i in range(len(cx)) if cx["pakket"].isna().iloc[i] and cx["vrijgesteld"].iloc[i]
             and cx["n_efg_na"].iloc[i] > 0)
    js(p, "(k) => { vdKaart.map.setView(vdKaart.markers[k].getLatLng(), 17); vdKaart.markers[k].openPopup(); }", k)
    p.page.wait_for_selector(".leaflet-popup-content", state="visible")
    p.page.wait_for_timeout(300)
    tekst = p.page.locator(".leaflet-popup-content").inner_text()
    assert f"Werk\tgeen werk: vrijgesteld ({cx['vrijstelling_reden'].iloc[k]})" in tekst
    scherm(p, "06_vrijgesteld_popup")
    js(p, "() => { vdKaart.map.closePopup(); }")


def test_klik_en_vijandige_naam_blijft_tekst(pagina):
    p = pagina
    for k, naam in ((0, HOSTILE), (3, HOSTILE_SJABLOON)):
        xy = js(p, """(k) => { const m = vdKaart.markers[k]; if (!m) return null;
            vdKaart.map.setView(m.getLatLng(), 18, {animate: false});
            const pt = vdKaart.map.latLngToContainerPoint(m.getLatLng()); return [pt.x, pt.y]; }""", k)
        if xy is None:
            continue
        p.page.wait_for_timeout(300)
        doos = p.page.locator("#vd-kaart").bounding_box()
        p.page.mouse.click(doos["x"] + xy[0], doos["y"] + xy[1])
        p.page.wait_for_selector(".leaflet-popup-content", state="visible")
        tekst = p.page.locator(".leaflet-popup-content").inner_text()
        assert naam in tekst and "Flat 1337" not in tekst and "uid=" not in tekst
        assert p.page.locator(".leaflet-popup-content img").count() == 0
        js(p, "() => { vdKaart.map.closePopup(); }")
    assert p.dialogen == [] and p.fouten == [] and p.verzoeken == []
