"""kaart.html in a real browser: headless Debian chromium driven by Playwright, fully offline.

Every request is routed: the page itself, folium's CDN files (from npm packages installed into a
cache folder), map tiles (a blank PNG). A request that nothing answers fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kaart_offline as cdn
from kaart_helpers import HOSTILE, HOSTILE_SJABLOON, demo_portfolio, nep_plan, vijandig

pytestmark = pytest.mark.browser

SCHERMEN = Path("/tmp/kaart_screens")


@pytest.fixture(scope="module")
def npm_cache() -> Path:
    try:
        return cdn.npm_cache()
    except cdn.GeenCdn as e:
        pytest.skip(str(e))


@pytest.fixture(scope="module")
def browser():
    if not Path(cdn.CHROMIUM).exists():
        pytest.skip(f"{cdn.CHROMIUM} ontbreekt (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is niet geïnstalleerd")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=cdn.CHROMIUM, args=cdn.CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def kaart(tmp_path_factory):
    s, p = demo_portfolio()
    pv = vijandig(p)
    plan = nep_plan(pv)
    from verduurzaming.export.kaart import write_map
    pad = write_map(plan, pv, tmp_path_factory.mktemp("kaart"))
    return pad, plan


class Pagina:
    def __init__(self, browser, npm: Path, html: Path, schermmap: Path):
        self.onbeantwoord: list[str] = []
        self.dialogen: list[str] = []
        self.fouten: list[str] = []
        self.schermmap = schermmap
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 860})
        self.page = self.ctx.new_page()
        self.page.on("dialog", lambda d: (self.dialogen.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.fouten.append(str(e)))
        self.page.route("**/*", cdn.router(html, npm, self.onbeantwoord))
        self.page.goto(cdn.PAGINA, wait_until="load")
        self.page.wait_for_selector(".leaflet-container")
        self.page.wait_for_timeout(500)

    def js(self, code: str, arg=None):
        return self.page.evaluate(code, arg)

    def scherm(self, naam: str) -> Path:
        p = self.schermmap / f"{naam}.png"
        self.page.screenshot(path=str(p))
        SCHERMEN.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, SCHERMEN / p.name)
        return p


#: JS helpers: the folium map and the marker cluster are global variables of the page
JS_KAART = "Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map)"
JS_CLUSTER = ("Object.keys(window).filter(k => k.startsWith('marker_cluster_')).map(k => window[k])"
              ".find(v => v instanceof L.MarkerClusterGroup)")


@pytest.fixture(scope="module")
def pagina(browser, npm_cache, kaart, tmp_path_factory):
    pad, plan = kaart
    p = Pagina(browser, npm_cache, pad, tmp_path_factory.mktemp("schermen"))
    yield p
    p.ctx.close()


def _laag(p: Pagina, naam: str, aan: bool) -> None:
    label = p.page.locator(".leaflet-control-layers-overlays label", has_text=naam)
    vink = label.locator("input")
    if vink.is_checked() != aan:
        vink.click()
    p.page.wait_for_timeout(300)


def test_kaart_laadt_zonder_onbeantwoorde_verzoeken(pagina):
    p = pagina
    assert p.onbeantwoord == [], f"verzoeken zonder antwoord: {p.onbeantwoord}"
    assert p.fouten == [], f"JavaScript-fouten: {p.fouten}"
    assert p.js(f"!!({JS_KAART})")
    assert p.page.locator(".leaflet-overlay-pane path").count() > 0
    assert p.page.locator("#vd-legenda").is_visible()
    assert "Aandeel E/F/G nu" in p.page.locator("#vd-legenda").inner_text()
    assert "Complexen: slechtste label nu" in p.page.locator("#vd-legenda").inner_text()
    namen = p.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert len(namen) == 5, namen
    p.scherm("01_start")


def test_elke_laag_tekent_en_heeft_legenda(pagina):
    p = pagina
    lagen = [("aandeel E/F/G", "Aandeel E/F/G nu"), ("warmtestrategie", "Warmtestrategie"),
             ("CO2-reductie", "Geplande CO2-reductie"), ("Complexen", "Complexen: slechtste label nu"),
             ("Planning per jaar", "Planning per jaar")]
    for naam, _ in lagen:
        _laag(p, naam, False)
    assert not p.page.locator("#vd-legenda").is_visible()
    for i, (naam, legenda) in enumerate(lagen):
        _laag(p, naam, True)
        n = p.page.locator(".leaflet-overlay-pane path, .leaflet-marker-pane .vd-cluster").count()
        assert n > 0, f"laag {naam} tekent niets"
        tekst = p.page.locator("#vd-legenda").inner_text()
        assert legenda in tekst, (naam, tekst)
        p.scherm(f"02_laag_{i}_{naam.replace(' ', '_').replace('/', '')}")
        _laag(p, naam, False)
    assert p.onbeantwoord == [] and p.fouten == [] and p.dialogen == []
    _laag(p, "aandeel E/F/G", True)
    _laag(p, "Complexen", True)


def _open_popup(p: Pagina, i: int) -> str:
    """Zoom until complex i is a marker of its own, click it like a user, return the popup text."""
    p.js(f"""(i) => new Promise(klaar => {{
        const c = {JS_CLUSTER};
        ({JS_KAART}).closePopup();
        const m = c.getLayers().find(l => (l.options.className || '').split(' ').includes('vd-cx-' + i));
        // zoomToShowLayer waits for an icon, which a CircleMarker has not: zoom past the clustering instead
        ({JS_KAART}).setView(m.getLatLng(), 17, {{animate: false}});
        setTimeout(() => {{ m.bringToFront(); klaar(); }}, 500);
    }})""", i)
    p.page.locator(f"path.vd-cx-{i}").click()
    p.page.wait_for_selector(".leaflet-popup-content", state="visible")
    p.page.wait_for_timeout(400)  # popup fade-in
    return p.page.locator(".leaflet-popup-content").inner_text()


def test_klik_op_complex_toont_popup_met_juiste_cijfers(pagina, kaart):
    p = pagina
    _, plan = kaart
    cx = plan.complexen
    kand = [i for i in range(len(cx)) if cx.geometry.iloc[i] is not None and cx["jaar"].notna().iloc[i]
            and i > 2 and cx["kosten_eur"].iloc[i] >= 1_000_000]
    i = kand[0]
    r = cx.iloc[i]
    tekst = _open_popup(p, i)
    p.scherm("03_popup")
    assert r["complex_naam"] in tekst
    assert r["corporatie"] in tekst
    assert f"Woningen\t{r['woningen']}" in tekst or f"Woningen {r['woningen']}" in tekst
    kosten = f"{r['kosten_eur']:,.0f}".replace(",", ".")
    assert kosten in tekst, (kosten, tekst)
    assert str(int(r["jaar"])) in tekst
    assert "Isolatie naar de Standaard" in tekst
    assert "Transitievisie" in tekst
    p.page.keyboard.press("Escape")
    p.js(f"() => ({JS_KAART}).closePopup()")


def test_vijandige_naam_is_tekst_en_er_draait_geen_script(pagina):
    p = pagina
    tekst = _open_popup(p, 0)
    p.scherm("04_vijandige_naam")
    assert HOSTILE in tekst
    assert p.page.locator(".leaflet-popup-content img").count() == 0
    assert p.page.locator("img[src='x'], svg[onload], script:not([src])").filter(has_text="alert(4)").count() == 0
    assert p.page.locator("img[src=x]").count() == 0
    tekst2 = _open_popup(p, 1)
    assert "</script><script>alert(2)</script>" in tekst2 and "${alert(3)}" in tekst2
    tekst3 = _open_popup(p, 3)  # Jinja in the name: shown as written, never evaluated
    assert HOSTILE_SJABLOON in tekst3 and "Flat 1337" not in tekst3 and "uid=" not in tekst3
    assert p.dialogen == [], f"een dialoog ging open: {p.dialogen}"
    assert p.fouten == []
    p.js(f"() => ({JS_KAART}).closePopup()")


def test_jaarcontrole_verandert_wat_getoond_wordt(pagina, kaart):
    p = pagina
    _, plan = kaart
    _laag(p, "Complexen", False)
    _laag(p, "aandeel E/F/G", False)
    _laag(p, "Planning per jaar", True)
    p.js(f"() => {{ const m = {JS_KAART}; const b = L.latLngBounds([]);"
         f"m.eachLayer(l => {{ if (l instanceof L.GeoJSON) b.extend(l.getBounds()); }}); m.fitBounds(b); }}")
    jaren = plan.jaren
    cx = plan.complexen
    heeft_plek = cx["wijk_code"].notna() | cx.geometry.notna()
    resultaten = {}
    for k in (0, 2, len(jaren) - 1):
        p.page.eval_on_selector("#vd-jaar input",
                                "(e, k) => { e.value = k; e.dispatchEvent(new Event('input')); }", k)
        p.page.wait_for_timeout(300)
        jaar = int(p.page.get_attribute("#vd-jaar", "data-jaar"))
        assert jaar == jaren[k]
        n = int(p.page.get_attribute("#vd-jaar", "data-renovaties"))
        verwacht = int(((cx["jaar"] == jaar).fillna(False) & heeft_plek).sum())
        assert n == verwacht, (jaar, n, verwacht)
        assert f"In {jaar} gerenoveerd: {verwacht} complexen" in p.page.locator("#vd-jaar").inner_text()
        vullingen = p.js("() => Array.from(document.querySelectorAll('.leaflet-overlay-pane path'))"
                         ".map(e => e.getAttribute('fill')).join(',')")
        resultaten[jaar] = vullingen
        assert p.page.locator("#vd-legenda").inner_text().count("Planning per jaar") >= 1
        p.scherm(f"05_jaar_{jaar}")
    assert len(set(resultaten.values())) == len(resultaten), "de jaarcontrole verandert niets op de kaart"
    assert p.onbeantwoord == [] and p.fouten == [] and p.dialogen == []
