"""The interactive map (folium): wijken and complexes, the plan year by year, legends in Dutch.

The map only reads Plan tables (``plan.complexen``, ``plan.wijk_jaar``, ``plan.jaren``) and the
portfolio's wijk geometries; it never recomputes the plan.

Layers (switchable in the layer control, each with its own legend section):

- ``Wijken: aandeel E/F/G nu`` -- share of corporation dwellings with label E, F or G now;
- ``Wijken: warmtestrategie (TVW)`` -- strategy, WUP and aardgasvrij years in the tooltip;
- ``Wijken: CO2-reductie tot <eindjaar>`` -- planned CO2 reduction of the corporation stock;
- ``Complexen: slechtste label nu`` -- circle markers in official label colours, radius by dwellings,
  clustered when zoomed out, popup with the plan per complex;
- ``Planning per jaar`` -- a year slider: complexes renovated in the chosen year, the wijk colours
  (E/F/G share at the end of that year).

Complexes renovated outside their wijk's WUP uitvoering window, or that miss the deadline (any
entry in ``schendingen``), get a thick black border.

Safety: every text from the input (complex, wijk, corporation names, codes) goes through
:func:`veilig` before it reaches the page: HTML-escaped, and with ``\\``, `````` and ``$``
written as entities, because folium puts popup and tooltip HTML inside JavaScript template
literals. Data blobs are JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes, so no text can
close the ``<script>``.

Braces are escaped too (``&#123;``/``&#125;`` in HTML, ``\\u007b``/``\\u007d`` inside JSON
strings): branca renders every element's script, header and html output a second time as a
Jinja template (``figure.script.add_child(Element(rendered))`` in ``MacroElement.render``, and
``Element(template)`` compiles its text), so a ``{{``, ``{%`` or ``{#`` from the data would be
evaluated during ``plan`` -- ``{{ lipsum.__globals__.os.popen(...) }}`` runs a shell command.
With no brace left in any data text, no Jinja delimiter can form from it.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.template import Template

from .. import labels as L
from ..codes import canoniek
from ..tekst import zonder_stuurtekens
from .atomair import atomair_pad

__all__ = ["write_map", "veilig", "VEREENVOUDIG_M"]

#: tolerance [m] of the wijk outline simplification (RD New), before reprojecting
VEREENVOUDIG_M = 5.0
#: coordinate decimals in EPSG:4326 (1e-5 degree is about 1 m)
DECIMALEN = 5

LAAG_EFG = "Wijken: aandeel E/F/G nu"
LAAG_TVW = "Wijken: warmtestrategie (TVW)"
LAAG_COMPLEXEN = "Complexen: slechtste label nu"
LAAG_JAAR = "Planning per jaar"

#: E/F/G share classes (upper bound inclusive) and colours (ColorBrewer YlOrRd)
EFG_KLASSEN = [(0.0, "#ffffcc", "geen E/F/G"), (0.10, "#fed976", "tot 10%"), (0.25, "#fd8d3c", "10 tot 25%"),
               (0.50, "#e31a1c", "25 tot 50%"), (1.0, "#800026", "50% of meer")]
#: CO2 reduction classes (lower bound) and colours (ColorBrewer Greens)
CO2_KLASSEN = [(0.50, "#006d2c", "50% of meer"), (0.25, "#31a354", "25 tot 50%"), (0.10, "#74c476", "10 tot 25%"),
               (0.0001, "#c7e9c0", "tot 10%"), (-math.inf, "#f7f7f7", "geen reductie")]
STRATEGIE_KLEUR = {"warmtenet": "#e6550d", "all-electric": "#3182bd", "hybride": "#756bb1",
                   "groengas": "#31a354", "onbekend": "#bdbdbd"}
STRATEGIE_TEKST = {"warmtenet": "warmtenet", "all-electric": "all-electric", "hybride": "hybride warmtepomp",
                   "groengas": "groen gas", "onbekend": "nog onbekend"}
GEEN_WONINGEN = "#e0e0e0"
FOUT_RAND = "#000000"


# ---------------------------------------------------------------- text and numbers

def veilig(tekst: object) -> str:
    """Input text as inert HTML that is also safe inside a JS template literal (folium's popups)."""
    if tekst is None or (isinstance(tekst, float) and math.isnan(tekst)) or tekst is pd.NA:
        return ""
    s = html.escape(zonder_stuurtekens(str(tekst)), quote=True)
    # braces as entities: folium/branca render the page twice through Jinja (see the module doc)
    return (s.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
            .replace("{", "&#123;").replace("}", "&#125;").replace("\n", " ").replace("\r", " "))


#: a JSON string literal (as json.dumps writes it)
_JSON_TEKST = re.compile(r'"(?:[^"\\]|\\.)*"')


def _json_script(obj: object) -> str:
    """JSON that can sit inside a ``<script>`` element and survives branca's second Jinja pass.

    No ``</script>`` or ``<!--`` (``<``, ``>``, ``&`` as ``\\u`` escapes), and no brace inside a
    string (``\\u007b``/``\\u007d``): outside strings JSON braces are always followed by ``"``
    or ``}``, so ``{{``, ``{%`` and ``{#`` cannot form.
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    s = _JSON_TEKST.sub(lambda m: m.group().replace("{", "\\u007b").replace("}", "\\u007d"), s)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _leeg(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _int(x: object) -> int | None:
    return None if _leeg(x) else int(x)


def _getal(x: object, dec: int = 0) -> str:
    """Dutch number format: 1.234.567 and 12,5."""
    if _leeg(x):
        return "-"
    s = f"{float(x):,.{dec}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def _euro(x: object) -> str:
    return "-" if _leeg(x) else f"&euro;&nbsp;{_getal(x)}"


def _pct(x: object) -> str:
    return "-" if _leeg(x) else f"{_getal(100 * float(x), 0)}%"


def _jaar(x: object) -> str:
    return "-" if _leeg(x) else str(int(x))


def _efg_kleur(aandeel: float | None) -> str:
    if aandeel is None or _leeg(aandeel):
        return GEEN_WONINGEN
    if aandeel <= 0:
        return EFG_KLASSEN[0][1]
    for grens, kleur, _ in EFG_KLASSEN[1:]:
        if aandeel <= grens:
            return kleur
    return EFG_KLASSEN[-1][1]


def _co2_kleur(red: float | None) -> str:
    if red is None or _leeg(red):
        return GEEN_WONINGEN
    for grens, kleur, _ in CO2_KLASSEN:
        if red >= grens:
            return kleur
    return CO2_KLASSEN[-1][1]


def _straal(woningen: float) -> float:
    """Marker radius [px] by dwellings: area grows with the number of dwellings, 4 to 18 px."""
    return float(np.clip(3 + 1.6 * math.sqrt(max(float(woningen), 0.0)), 4, 18))


# ---------------------------------------------------------------- data from the plan

def _selectie(plan, portfolio, gemeente: str | None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, str]:
    wijken = portfolio.wijken.copy()
    cx = plan.complexen.copy()
    naam = ""
    if gemeente:
        code = canoniek(gemeente, "GM")
        if code is None:
            raise ValueError(f"gemeente {gemeente!r} is geen CBS-gemeentecode (zoals GM0363 of 363)")
        wijken = wijken[wijken["gemeente_code"] == code]
        if wijken.empty:
            bekend = ", ".join(sorted(set(portfolio.wijken["gemeente_code"].dropna())))
            raise ValueError(f"gemeente {code} heeft geen wijken in de wijkgeometrieën (wel: {bekend})")
        cx = cx[cx["wijk_code"].isin(set(wijken["wijk_code"])) | (cx.get("gemeente_code") == code)]
        gemeente = code
    if "gemeente_naam" in wijken and wijken["gemeente_naam"].notna().any():
        naam = str(wijken["gemeente_naam"].dropna().mode().iloc[0])
    elif gemeente:
        naam = gemeente
    if wijken.crs is None:
        raise ValueError("de wijkgeometrieën hebben geen CRS; verwacht EPSG:28992 (RD New)")
    return wijken.reset_index(drop=True), cx.reset_index(drop=True), naam


def _wijk_cijfers(wijken: gpd.GeoDataFrame, cx: pd.DataFrame, plan) -> pd.DataFrame:
    """Per wijk: dwellings, E/F/G now, CO2 before/after, and E/F/G at the end of each plan year."""
    jaren = [int(j) for j in (plan.jaren or sorted(plan.wijk_jaar["jaar"].unique()))]
    g = cx[cx["wijk_code"].notna()].groupby("wijk_code")
    d = pd.DataFrame({
        "woningen": g["woningen"].sum(),
        "n_efg": g["n_efg"].sum(),
        "complexen": g.size(),
        "co2_voor": g["co2_kg_voor"].sum(min_count=1) if "co2_kg_voor" in cx else np.nan,
        "co2_na": g["co2_kg_na"].sum(min_count=1) if "co2_kg_na" in cx else np.nan,
    }).reindex(wijken["wijk_code"])
    d["woningen"] = d["woningen"].fillna(0).astype(int)
    d["n_efg"] = d["n_efg"].fillna(0).astype(int)
    d["complexen"] = d["complexen"].fillna(0).astype(int)
    # E/F/G at the END of year Y = start of Y+1 in wijk_jaar; the last year from plan.complexen
    # (dwellings of complexes renovated up to Y count with their label after, the others as now)
    wj = plan.wijk_jaar.pivot_table(index="wijk_code", columns="jaar", values="n_efg", aggfunc="sum") \
        if len(plan.wijk_jaar) else pd.DataFrame()
    jaar_cx = pd.array(cx["jaar"], dtype="Int64")
    eind = {}
    for i, Y in enumerate(jaren):
        volgend = jaren[i + 1] if i + 1 < len(jaren) else None
        if volgend is not None and volgend in wj.columns:
            eind[Y] = wj[volgend].reindex(d.index).fillna(d["n_efg"])
        else:
            klaar = (jaar_cx <= Y).fillna(False)
            n = np.where(np.asarray(klaar, dtype=bool), cx["n_efg_na"], cx["n_efg"])
            s = pd.Series(n, index=cx.index).groupby(cx["wijk_code"]).sum()
            eind[Y] = s.reindex(d.index).fillna(0)
    d["efg_eind"] = [[int(eind[Y].loc[k]) for Y in jaren] for k in d.index]
    d.index.name = "wijk_code"
    return d.reset_index(), jaren


def _geometrie_4326(wijken: gpd.GeoDataFrame, tolerantie_m: float) -> gpd.GeoSeries:
    geo = wijken.geometry.to_crs(28992) if wijken.crs.to_epsg() != 28992 else wijken.geometry
    geo = geo.simplify(tolerantie_m, preserve_topology=True).to_crs(4326)
    return gpd.GeoSeries(shapely.transform(geo.values, lambda c: np.round(c, DECIMALEN)), crs=4326)


def _complex_punten(cx: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """lat, lon (EPSG:4326) per complex and whether the location is approximate.

    Complexes without coordinates are drawn near the centre of their wijk, spread on a small
    spiral so they do not overlap (marked as approximate in the popup); without wijk they are
    left out (NaN).
    """
    n = len(cx)
    x, y = np.full(n, np.nan), np.full(n, np.nan)
    benaderd = np.zeros(n, dtype=bool)
    crs = cx.crs or wijken.crs
    geo = gpd.GeoSeries(cx.geometry.values, crs=crs).to_crs(28992) if len(cx) else gpd.GeoSeries([], crs=28992)
    heeft = np.asarray(geo.notna() & ~geo.is_empty, dtype=bool) if n else np.zeros(0, dtype=bool)
    if heeft.any():
        x[heeft] = geo[heeft].x.to_numpy()
        y[heeft] = geo[heeft].y.to_numpy()
    midden = {}
    w = wijken[wijken.geometry.notna() & ~wijken.geometry.is_empty]
    if len(w):
        rp = w.geometry.to_crs(28992).representative_point()
        midden = dict(zip(w["wijk_code"], zip(rp.x, rp.y)))
    teller: dict[str, int] = {}
    for i in np.flatnonzero(~heeft):
        code = cx["wijk_code"].iloc[i]
        if _leeg(code) or code not in midden:
            continue
        k = teller.get(code, 0)
        teller[code] = k + 1
        hoek, r = k * 2.39996, 40.0 * math.sqrt(k)  # golden-angle spiral, 40 m steps
        x[i], y[i] = midden[code][0] + r * math.cos(hoek), midden[code][1] + r * math.sin(hoek)
        benaderd[i] = True
    ok = ~np.isnan(x)
    lat, lon = np.full(n, np.nan), np.full(n, np.nan)
    if ok.any():
        pts = gpd.GeoSeries(gpd.points_from_xy(x[ok], y[ok]), crs=28992).to_crs(4326)
        lat[ok], lon[ok] = np.round(pts.y.to_numpy(), DECIMALEN), np.round(pts.x.to_numpy(), DECIMALEN)
    return lat, lon, benaderd


def _fout(r: pd.Series) -> bool:
    """Stands out on the map: renovated outside the WUP uitvoering window or any violation."""
    buiten = r.get("binnen_wup")
    return (not _leeg(buiten) and not bool(buiten)) or bool(str(r.get("schendingen") or "").strip())


# ---------------------------------------------------------------- popups and tooltips

def _label_chip(label: str) -> str:
    kleur = L.KLEUR.get(label, "#999")
    return (f'<span style="display:inline-block;min-width:2.6em;padding:0 3px;background:{kleur};color:#fff;'
            f'font-weight:bold;text-shadow:0 0 2px #000">{veilig(label)}</span>')


def _popup_html(r: pd.Series, wijk: dict | None, benaderd: bool) -> str:
    rijen = []
    for lab in L.LABELS:
        voor, na = int(r.get(f"n_{lab}", 0) or 0), int(r.get(f"n_{lab}_na", 0) or 0)
        if voor or na:
            rijen.append(f"<tr><td>{_label_chip(lab)}</td><td class='g'>{voor}</td><td class='g'>{na}</td></tr>")
    gepland = not _leeg(r.get("jaar"))
    pakket = veilig(r.get("pakket_naam") or r.get("pakket")) if gepland else "geen renovatie gepland"
    if wijk is None:
        tvw = "geen wijk bekend"
    else:
        strat = STRATEGIE_TEKST.get(wijk["strategie"], wijk["strategie"])
        start, eind = wijk["uitvoering_start"], wijk["uitvoering_eind"]
        venster = f"uitvoering {_jaar(start)}&ndash;{_jaar(eind)}" if not _leeg(start) else "geen uitvoeringsperiode"
        bw = r.get("binnen_wup")
        if not gepland:
            past = "niet van toepassing (geen renovatie)"
        elif _leeg(bw):
            past = "wijk heeft geen uitvoeringsperiode"
        elif bool(bw):
            past = "past in de WUP-uitvoering"
        else:
            past = "<b class='fout'>buiten de WUP-uitvoering</b>"
        tvw = (f"{veilig(strat)}; {venster}; aardgasvrij {_jaar(wijk['aardgasvrij_jaar'])}<br>"
               f"<span class='tvw-fit'>{past}</span>")
    schend = str(r.get("schendingen") or "").strip()
    pv = (f"{_jaar(r.get('pv_jaar'))}: {_getal(r.get('pv_kwp'), 1)} kWp, {_getal(r.get('pv_kwh_jaar'))} kWh/jaar"
          if not _leeg(r.get("pv_jaar")) else "geen")
    co2 = f"{_getal((r.get('co2_kg_voor') or 0) / 1000, 1)} &rarr; {_getal((r.get('co2_kg_na') or 0) / 1000, 1)} ton/jaar"
    wijknaam = veilig(wijk["wijk_naam"]) if wijk is not None else "-"
    delen = [
        "<div class='vd-popup'>",
        f"<h4 class='cx-naam'>{veilig(r.get('complex_naam') or r.get('complex_id'))}</h4>",
        f"<div class='cx-corp'>{veilig(r.get('corporatie'))} &middot; complex {veilig(r.get('complex_id'))} "
        f"&middot; {wijknaam}</div>",
        "<table class='vd-t'>",
        f"<tr><th>Woningen</th><td class='cx-woningen'>{_getal(r.get('woningen'))}</td></tr>",
        f"<tr><th>Pakket</th><td class='cx-pakket'>{pakket}</td></tr>",
        f"<tr><th>Jaar</th><td class='cx-jaar'>{_jaar(r.get('jaar'))}</td></tr>",
        f"<tr><th>Kosten</th><td class='cx-kosten'>{_euro(r.get('kosten_eur')) if gepland else '-'}</td></tr>",
        f"<tr><th>Zonnepanelen</th><td>{pv}</td></tr>",
        f"<tr><th>CO2</th><td>{co2}</td></tr>",
        f"<tr><th>Transitievisie</th><td class='cx-tvw'>{tvw}</td></tr>",
        "</table>",
        "<table class='vd-l'><tr><th>Label</th><th>nu</th><th>na plan</th></tr>", *rijen, "</table>",
    ]
    if schend:
        delen.append(f"<div class='fout cx-schending'>{veilig(schend)}</div>")
    if benaderd:
        delen.append("<div class='opm'>Ligging benaderd: geen co&ouml;rdinaten, getoond midden in de wijk.</div>")
    if r.get("vrijgesteld") is True:
        delen.append(f"<div class='opm'>Vrijgesteld: {veilig(r.get('vrijstelling_reden'))}</div>")
    delen.append("</div>")
    return "".join(delen)


def _wijk_tooltip(w: pd.Series, c: pd.Series, soort: str, eindjaar: int, gm: pd.Series | None = None) -> str:
    kop = f"<b>{veilig(w['wijk_naam'])}</b> ({veilig(w['wijk_code'])})<br>"
    if soort == "efg":
        if not c["woningen"]:
            return kop + "geen corporatiewoningen"
        return kop + (f"E/F/G nu: {_pct(c['n_efg'] / c['woningen'])} ({_getal(c['n_efg'])} van "
                      f"{_getal(c['woningen'])} corporatiewoningen, {c['complexen']} complexen)")
    if soort == "tvw":
        strat = STRATEGIE_TEKST.get(w["strategie"], w["strategie"])
        return kop + (f"Strategie: {veilig(strat)}<br>WUP: {_jaar(w['wup_start'])}&ndash;{_jaar(w['wup_gereed'])}"
                      f"<br>Uitvoering: {_jaar(w['uitvoering_start'])}&ndash;{_jaar(w['uitvoering_eind'])}"
                      f"<br>Aardgasvrij: {_jaar(w['aardgasvrij_jaar'])}") + _gemeente_regels(gm)
    voor, na = c["co2_voor"], c["co2_na"]
    if _leeg(voor) or not voor:
        return kop + "geen CO2-gegevens van corporatiewoningen"
    return kop + (f"CO2-reductie tot {eindjaar}: {_pct(1 - na / voor)}<br>"
                  f"{_getal(voor / 1000, 0)} &rarr; {_getal(na / 1000, 0)} ton/jaar")


def _gemeente_regels(gm: pd.Series | None) -> str:
    """Corporations in the wijk and whether it can be a warmtenet starting point (plan.gemeente)."""
    if gm is None:
        return ""
    uit = ""
    if not _leeg(gm.get("corporaties")) and gm.get("corporaties"):
        uit += f"<br>Corporaties: {veilig(gm['corporaties'])}"
    if not _leeg(gm.get("binnen_wup_woningen")) or not _leeg(gm.get("buiten_wup_woningen")):
        uit += (f"<br>Renovaties binnen/buiten WUP: {_getal(gm.get('binnen_wup_woningen') or 0)}"
                f" / {_getal(gm.get('buiten_wup_woningen') or 0)} woningen")
    if gm.get("startpunt_warmtenet") == "ja":
        uit += "<br><b>Startpunt warmtenet</b> (genoeg corporatiewoningen)"
    return uit


# ---------------------------------------------------------------- custom elements

class _Css(MacroElement):
    _template = Template("""
{% macro header(this, kwargs) %}<style>
.vd-legenda{background:rgba(255,255,255,.94);padding:6px 9px;font:12px/1.35 Arial,sans-serif;border-radius:5px;
  box-shadow:0 1px 5px rgba(0,0,0,.35);max-width:260px;max-height:60vh;overflow:auto}
.vd-legenda h4{margin:4px 0 3px;font-size:13px}
.vd-legenda i{display:inline-block;width:14px;height:12px;margin-right:5px;vertical-align:-1px;border:1px solid #777}
.vd-legenda i.rond{border-radius:50%}
.vd-legenda i.fout{border:3px solid #000;border-radius:50%;width:10px;height:8px}
.vd-titel{background:rgba(255,255,255,.94);padding:5px 10px;font:bold 15px Arial,sans-serif;border-radius:5px;
  box-shadow:0 1px 5px rgba(0,0,0,.35)}
.vd-titel small{font-weight:normal;font-size:11px;display:block}
.vd-jaar{background:rgba(255,255,255,.94);padding:6px 10px;font:12px Arial,sans-serif;border-radius:5px;
  box-shadow:0 1px 5px rgba(0,0,0,.35);width:300px}
.vd-jaar input{width:100%}
.vd-jaar .vd-jaar-waarde{font-weight:bold;font-size:15px}
.vd-popup{font:12px/1.35 Arial,sans-serif;min-width:250px}
.vd-popup h4{margin:0 0 2px;font-size:14px}
.vd-popup table{border-collapse:collapse;margin-top:4px}
.vd-popup th{text-align:left;padding-right:8px;vertical-align:top;font-weight:600}
.vd-popup td.g{text-align:right;padding:0 6px}
.vd-popup .fout{color:#b00;margin-top:4px}
.vd-popup .opm{color:#555;font-style:italic;margin-top:4px}
</style>{% endmacro %}
""")


class _Titel(MacroElement):
    _template = Template("""
{% macro script(this, kwargs) %}
(function(){
  var c = L.control({position: 'topleft'});
  c.onAdd = function(){ var d = L.DomUtil.create('div', 'vd-titel'); d.innerHTML = {{ this.inhoud }}; return d; };
  c.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, inhoud_html: str):
        super().__init__()
        self.inhoud = _json_script(inhoud_html)


class _Legenda(MacroElement):
    """One legend box; each section shows while its layer is on the map."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function(){
  var map = {{ this._parent.get_name() }};
  var delen = [{% for laag, inhoud in this.delen %}[{{ laag.get_name() }}, {{ inhoud }}]{% if not loop.last %},{% endif %}{% endfor %}];
  var c = L.control({position: 'bottomright'});
  var doos;
  c.onAdd = function(){
    doos = L.DomUtil.create('div', 'vd-legenda');
    doos.id = 'vd-legenda';
    L.DomEvent.disableClickPropagation(doos); L.DomEvent.disableScrollPropagation(doos);
    delen.forEach(function(d, i){ var s = L.DomUtil.create('div', 'vd-legenda-deel', doos); s.innerHTML = d[1]; d.push(s); });
    return doos;
  };
  c.addTo(map);
  function bij(){ var n = 0; delen.forEach(function(d){ var aan = map.hasLayer(d[0]); d[2].style.display = aan ? '' : 'none'; n += aan ? 1 : 0; });
    doos.style.display = n ? '' : 'none'; }
  map.on('overlayadd overlayremove layeradd layerremove', bij);
  setTimeout(bij, 0);
})();
{% endmacro %}
""")

    def __init__(self, delen: list[tuple[object, str]]):
        super().__init__()
        self.delen = [(laag, _json_script(inhoud)) for laag, inhoud in delen]


class _JaarControle(MacroElement):
    """A year slider: wijk colours (E/F/G at the end of the year) and the complexes renovated that year."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function(){
  var map = {{ this._parent.get_name() }};
  var groep = {{ this.groep.get_name() }};
  var D = {{ this.data }};
  var KL = D.efg_klassen, GEEN = D.geen;
  function kleurEfg(a){ if (a === null) return GEEN; if (a <= 0) return KL[0][1];
    for (var i = 1; i < KL.length; i++) { if (a <= KL[i][0]) return KL[i][1]; } return KL[KL.length-1][1]; }
  function pct(a){ return a === null ? '-' : Math.round(100*a) + '%'; }
  var wijken = L.geoJSON(D.wijken, {
    style: function(){ return {color: '#555', weight: 1, fillOpacity: 0.6}; },
    onEachFeature: function(f, l){ l.bindTooltip('', {sticky: true}); }
  }).addTo(groep);
  var cxLaag = L.featureGroup().addTo(groep);
  var markers = D.complexen.map(function(c){
    var m = L.circleMarker([c.lat, c.lon], {radius: c.r, className: 'vd-jaar-cx'});
    m.vd = c;
    m.bindTooltip('');
    cxLaag.addLayer(m);
    return m;
  });
  var ctl = L.control({position: 'bottomleft'});
  var invoer, tekst;
  ctl.onAdd = function(){
    var d = L.DomUtil.create('div', 'vd-jaar');
    d.id = 'vd-jaar';
    d.innerHTML = '<div>Planning per jaar: <span class="vd-jaar-waarde"></span></div>' +
      '<input type="range" min="0" max="' + (D.jaren.length - 1) + '" step="1" value="0" aria-label="jaar">' +
      '<div class="vd-jaar-tekst"></div>';
    L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d);
    invoer = d.querySelector('input'); tekst = d.querySelector('.vd-jaar-tekst');
    invoer.addEventListener('input', function(){ if (!map.hasLayer(groep)) { map.addLayer(groep); } toon(+invoer.value); });
    return d;
  };
  ctl.addTo(map);
  function toon(i){
    var Y = D.jaren[i];
    ctl.getContainer().querySelector('.vd-jaar-waarde').textContent = Y;
    var nEfg = 0, nW = 0;
    wijken.eachLayer(function(l){
      var p = l.feature.properties, n = p.efg[i], a = p.woningen ? n / p.woningen : null;
      nEfg += n; nW += p.woningen;
      l.setStyle({fillColor: kleurEfg(a)});
      l.setTooltipContent(p.naam + '<br>E/F/G eind ' + Y + ': ' + pct(a) + (p.woningen ? ' (' + n + ' van ' + p.woningen + ' woningen)' : ''));
    });
    var nu = 0, wnu = 0;
    markers.forEach(function(m){
      var c = m.vd, stijl;
      if (c.jaar === Y) {
        nu += 1; wnu += c.w;
        stijl = {radius: c.r + 2, fillColor: c.kna, fillOpacity: 0.95, color: c.fout ? '#000' : '#1f4e9c', weight: 4, opacity: 1};
        m.setTooltipContent(c.naam + '<br>gerenoveerd in ' + Y + ': ' + c.pakket);
      } else if (c.jaar !== null && c.jaar < Y) {
        stijl = {radius: c.r, fillColor: c.kna, fillOpacity: 0.55, color: '#555', weight: 1, opacity: 0.7};
        m.setTooltipContent(c.naam + '<br>gerenoveerd in ' + c.jaar);
      } else {
        stijl = {radius: c.r * 0.7, fillColor: '#ffffff', fillOpacity: 0.3, color: '#999', weight: 1, opacity: 0.6};
        m.setTooltipContent(c.naam + (c.jaar === null ? '<br>geen renovatie gepland' : '<br>gepland in ' + c.jaar));
      }
      m.setStyle(stijl);
      if (c.jaar === Y) { m.bringToFront(); }
    });
    tekst.textContent = 'In ' + Y + ' gerenoveerd: ' + nu + ' complexen (' + wnu + ' woningen). ' +
      'E/F/G eind ' + Y + ': ' + nEfg + ' van ' + nW + ' woningen.';
    ctl.getContainer().setAttribute('data-jaar', Y);
    ctl.getContainer().setAttribute('data-renovaties', nu);
  }
  toon(0);
})();
{% endmacro %}
""")

    def __init__(self, groep, data: dict):
        super().__init__()
        self.groep = groep
        self.data = _json_script(data)


class _CircleMarkerCluster(MacroElement):
    """Leaflet.markercluster hides markers with setOpacity, which CircleMarker lacks: add it."""

    _template = Template("""
{% macro script(this, kwargs) %}
if (!L.CircleMarker.prototype.setOpacity) {
  L.CircleMarker.include({setOpacity: function(o){
    if (this._vdStijl === undefined) { this._vdStijl = {opacity: this.options.opacity, fillOpacity: this.options.fillOpacity}; }
    return this.setStyle({opacity: o * this._vdStijl.opacity, fillOpacity: o * this._vdStijl.fillOpacity}); }});
}
{% endmacro %}
""")


#: cluster icon: count, coloured by the worst current label among its complexes
_CLUSTER_ICOON = """
function(cluster) {
  var rang = __RANG__, kleur = __KLEUR__, slechtst = -1;
  cluster.getAllChildMarkers().forEach(function(m){ var r = rang[m.options.fillColor]; if (r > slechtst) slechtst = r; });
  var k = slechtst >= 0 ? kleur[slechtst] : '#888';
  var n = cluster.getChildCount(), d = n < 10 ? 30 : (n < 100 ? 36 : 44);
  return L.divIcon({html: '<div style="background:' + k + ';width:' + d + 'px;height:' + d + 'px;border-radius:50%;' +
    'border:3px solid rgba(255,255,255,.8);box-shadow:0 0 3px #333;color:#fff;font:bold 12px Arial;line-height:' + (d-6) + 'px;' +
    'text-align:center;text-shadow:0 0 2px #000">' + n + '</div>', className: 'vd-cluster', iconSize: L.point(d, d)});
}
"""


# ---------------------------------------------------------------- legends

def _legenda_efg(titel: str) -> str:
    rijen = "".join(f"<div><i style='background:{k}'></i>{t}</div>" for _, k, t in EFG_KLASSEN)
    return (f"<h4>{titel}</h4>{rijen}<div><i style='background:{GEEN_WONINGEN}'></i>geen corporatiewoningen</div>"
            "<div style='color:#555'>aandeel corporatiewoningen met label E, F of G</div>")


def _legenda_tvw() -> str:
    rijen = "".join(f"<div><i style='background:{STRATEGIE_KLEUR[s]}'></i>{t}</div>" for s, t in STRATEGIE_TEKST.items())
    return f"<h4>Warmtestrategie (Transitievisie Warmte)</h4>{rijen}<div style='color:#555'>WUP- en aardgasvrij-jaren in de tooltip</div>"


def _legenda_co2(eindjaar: int) -> str:
    rijen = "".join(f"<div><i style='background:{k}'></i>{t}</div>" for _, k, t in CO2_KLASSEN)
    return (f"<h4>Geplande CO2-reductie tot {eindjaar}</h4>{rijen}"
            f"<div><i style='background:{GEEN_WONINGEN}'></i>geen corporatiewoningen</div>")


def _legenda_complexen(n_weg: int) -> str:
    rijen = "".join(f"<i class='rond' style='background:{L.KLEUR[lab]}' title='{lab}'></i>{lab} " +
                    ("<br>" if k % 4 == 3 else "") for k, lab in enumerate(L.LABELS))
    weg = f"<div style='color:#555'>{n_weg} complexen zonder ligging of wijk niet getoond</div>" if n_weg else ""
    return ("<h4>Complexen: slechtste label nu</h4>" + rijen +
            "<div>grootte: aantal woningen; groepen tonen het aantal complexen</div>"
            "<div><i class='fout'></i>buiten WUP-uitvoering of deadline gemist</div>" + weg)


def _legenda_jaar() -> str:
    return (_legenda_efg("Planning per jaar: E/F/G eind van het jaar") +
            "<div><i class='rond' style='background:#fff;border:3px solid #1f4e9c'></i>gerenoveerd in het gekozen jaar "
            "(kleur: label na)</div><div><i class='rond' style='background:#bbb'></i>eerder gerenoveerd</div>"
            "<div><i class='rond' style='background:#fff;border-color:#999'></i>nog niet / niet gepland</div>")


# ---------------------------------------------------------------- the map

def _maak_kaart(plan, portfolio, gemeente: str | None, tolerantie_m: float) -> folium.Map:
    wijken, cx, gemeente_naam = _selectie(plan, portfolio, gemeente)
    cijfers, jaren = _wijk_cijfers(wijken, cx, plan)
    cijfers = cijfers.set_index("wijk_code")
    eindjaar = jaren[-1] if jaren else None
    geo = _geometrie_4326(wijken, tolerantie_m)
    heeft_geo = np.asarray(geo.notna() & ~geo.is_empty, dtype=bool)

    lat, lon, benaderd = _complex_punten(cx, wijken)
    if heeft_geo.any():
        minx, miny, maxx, maxy = geo[heeft_geo].total_bounds
    elif np.isfinite(lat).any():
        miny, maxy, minx, maxx = np.nanmin(lat), np.nanmax(lat), np.nanmin(lon), np.nanmax(lon)
    else:
        miny, maxy, minx, maxx = 50.75, 53.55, 3.35, 7.22  # the Netherlands

    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=13, tiles=None,
                   control_scale=True, prefer_canvas=False)
    # only what this map uses: no bootstrap, glyphicons, awesome-markers or font-awesome from CDNs
    m.default_js = [(n, u) for n, u in m.default_js if n in ("leaflet", "jquery")]
    m.default_css = [(n, u) for n, u in m.default_css if n == "leaflet_css"]
    folium.TileLayer("OpenStreetMap", name="Achtergrond (OpenStreetMap)", control=False, opacity=0.7).add_to(m)
    _Css().add_to(m)
    m.fit_bounds([[miny, minx], [maxy, maxx]])

    wijk_info = {r["wijk_code"]: r for _, r in wijken.iterrows()}
    gem = getattr(plan, "gemeente", None)
    gem_info = {r["wijk_code"]: r for _, r in gem.iterrows()} if gem is not None and len(gem) else {}

    # --- wijk layers
    def wijk_laag(naam: str, soort: str, kleur_fn, show: bool) -> folium.FeatureGroup:
        fg = folium.FeatureGroup(name=naam, show=show)
        feats = []
        for i, (_, w) in enumerate(wijken.iterrows()):
            if not heeft_geo[i]:
                continue
            c = cijfers.loc[w["wijk_code"]]
            feats.append({"type": "Feature", "geometry": shapely.geometry.mapping(geo.iloc[i]),
                          "properties": {"kleur": kleur_fn(w, c), "tip": _wijk_tooltip(w, c, soort, eindjaar, gem_info.get(w["wijk_code"]))}})
        if feats:
            folium.GeoJson(
                {"type": "FeatureCollection", "features": feats}, name=naam,
                style_function=lambda f: {"fillColor": f["properties"]["kleur"], "color": "#444", "weight": 1,
                                          "fillOpacity": 0.6},
                highlight_function=lambda f: {"weight": 3, "color": "#000"},
                tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
            ).add_to(fg)
        fg.add_to(m)
        return fg

    laag_efg = wijk_laag(LAAG_EFG, "efg",
                         lambda w, c: _efg_kleur(c["n_efg"] / c["woningen"] if c["woningen"] else None), True)
    laag_tvw = wijk_laag(LAAG_TVW, "tvw",
                         lambda w, c: STRATEGIE_KLEUR.get(w["strategie"], STRATEGIE_KLEUR["onbekend"]), False)
    naam_co2 = f"Wijken: CO2-reductie tot {eindjaar}"

    def co2_kleur(w, c):
        if not c["woningen"] or _leeg(c["co2_voor"]) or not c["co2_voor"]:
            return GEEN_WONINGEN
        return _co2_kleur(1 - c["co2_na"] / c["co2_voor"])
    laag_co2 = wijk_laag(naam_co2, "co2", co2_kleur, False)

    # --- complexes, clustered
    _CircleMarkerCluster().add_to(m)
    laag_cx = folium.FeatureGroup(name=LAAG_COMPLEXEN, show=True)
    rang = _json_script({L.KLEUR[lab]: L.RANG[lab] for lab in L.LABELS})
    kleur_rang = _json_script({L.RANG[lab]: L.KLEUR[lab] for lab in L.LABELS})
    cluster = folium.plugins.MarkerCluster(
        name=LAAG_COMPLEXEN, control=False, icon_create_function=_CLUSTER_ICOON.replace("__RANG__", rang).replace("__KLEUR__", kleur_rang),
        options={"maxClusterRadius": 45, "disableClusteringAtZoom": 16, "spiderfyOnMaxZoom": True})
    cluster.add_to(laag_cx)
    jaar_cx = []
    n_weg = 0
    for i, (_, r) in enumerate(cx.iterrows()):
        if math.isnan(lat[i]):
            n_weg += 1
            continue
        fout = _fout(r)
        label = r.get("slechtste_label")
        kleur = L.KLEUR.get(label, "#999999")
        wijk = wijk_info.get(r["wijk_code"]) if not _leeg(r.get("wijk_code")) else None
        straal = _straal(r.get("woningen") or 0)
        jaar = _int(r.get("jaar"))
        tip = (f"{veilig(r.get('complex_naam') or r.get('complex_id'))} &middot; {veilig(r.get('corporatie'))}<br>"
               f"{_getal(r.get('woningen'))} woningen, slechtste label {veilig(label)}"
               + (f", renovatie {jaar}" if jaar else ", geen renovatie gepland"))
        folium.CircleMarker(
            location=[float(lat[i]), float(lon[i])], radius=straal,
            color=FOUT_RAND if fout else "#333333", weight=4 if fout else 1, opacity=1,
            fill_color=kleur, fill_opacity=0.85, class_name=f"vd-cx vd-cx-{i}" + (" vd-fout" if fout else ""),
            popup=folium.Popup(_popup_html(r, wijk, bool(benaderd[i])), max_width=380),
            tooltip=folium.Tooltip(tip),
        ).add_to(cluster)
        kna = L.KLEUR.get(r.get("slechtste_label_na"), kleur)
        pak = veilig(r.get("pakket_naam") or r.get("pakket")) if jaar else ""
        jaar_cx.append({"lat": float(lat[i]), "lon": float(lon[i]), "r": round(straal, 1), "jaar": jaar,
                        "w": int(r.get("woningen") or 0), "kna": kna, "fout": fout, "pakket": pak,
                        "naam": veilig(r.get("complex_naam") or r.get("complex_id"))})
    laag_cx.add_to(m)

    # --- plan year by year
    laag_jaar = folium.FeatureGroup(name=LAAG_JAAR, show=False).add_to(m)
    feats = []
    for i, (_, w) in enumerate(wijken.iterrows()):
        if not heeft_geo[i]:
            continue
        c = cijfers.loc[w["wijk_code"]]
        feats.append({"type": "Feature", "geometry": shapely.geometry.mapping(geo.iloc[i]),
                      "properties": {"naam": f"<b>{veilig(w['wijk_naam'])}</b>", "woningen": int(c["woningen"]),
                                     "efg": [int(v) for v in c["efg_eind"]]}})
    if jaren:
        _JaarControle(laag_jaar, {
            "jaren": jaren, "wijken": {"type": "FeatureCollection", "features": feats}, "complexen": jaar_cx,
            "efg_klassen": [[g, k] for g, k, _ in EFG_KLASSEN], "geen": GEEN_WONINGEN}).add_to(m)

    # --- title, legend, layer control
    titel = f"Verduurzamingsplan {veilig(gemeente_naam)}".strip()
    onder = f"{jaren[0]}&ndash;{eindjaar} &middot; {len(cx)} complexen, {_getal(cx['woningen'].sum())} woningen" \
        if jaren else ""
    _Titel(f"{titel}<small>{onder}</small>").add_to(m)
    _Legenda([(laag_efg, _legenda_efg("Aandeel E/F/G nu")), (laag_tvw, _legenda_tvw()),
              (laag_co2, _legenda_co2(eindjaar)), (laag_cx, _legenda_complexen(n_weg)),
              (laag_jaar, _legenda_jaar())]).add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    return m


def write_map(plan, portfolio, pad: str | Path, *, gemeente: str | None = None,
              vereenvoudig_m: float = VEREENVOUDIG_M) -> Path:
    """Write the interactive map of a plan as one HTML file (atomically).

    Parameters
    ----------
    plan
        A :class:`~verduurzaming.planning.Plan`; only its tables are read.
    portfolio
        The portfolio the plan was made for (wijk geometries and TVW schedule, EPSG:28992).
    pad
        Output file, or a folder (then ``kaart.html`` in it).
    gemeente
        CBS gemeente code (``GM0363``, ``363``): only that gemeente's wijken and complexes.
    vereenvoudig_m
        Tolerance [m] for simplifying wijk outlines in RD New before reprojecting.

    Returns
    -------
    Path
        The file written.
    """
    pad = Path(pad)
    if pad.suffix.lower() not in (".html", ".htm"):
        pad = pad / "kaart.html"
    m = _maak_kaart(plan, portfolio, gemeente, vereenvoudig_m)
    tekst = m.get_root().render()
    with atomair_pad(pad) as tmp:
        tmp.write_text(tekst, encoding="utf-8")
    return pad
