"""The interactive map: one self-contained HTML file that makes no request of its own.

The map only reads Plan tables (``plan.complexen``, ``plan.jaren``, ``plan.gemeente``) and the
portfolio's wijk geometries; it never recomputes the plan.

The page is assembled here as plain text, not through folium: Leaflet's JavaScript and CSS come
inline from the ``xstatic-leaflet`` package (its images as data URIs), our own script and style
from ``kaart_web/`` (package data), and the map's data as one JSON ``<script type=
"application/json">`` element that our script reads. Folium would have to be stripped of its CDN
links and its per-marker code, and branca renders every element's output a second time as a Jinja
template, so an inlined library or data text with ``{{`` would be evaluated; what remained of it
would be an empty shell. Here nothing passes through a template engine.

What the map shows (``kaart_web/kaart.js`` draws it):

- wijk themes as mutually exclusive base layers, each with its own colour ramp and legend:
  share of E/F/G (ColorBrewer BuPu), TVW strategy (categorical), CO2 reduction (Blues), or none;
- complexes as one GeoJSON layer on a canvas, in the label colours, clustered on a pixel grid when
  zoomed out; clusters coloured by their share of E/F/G dwellings (the BuPu ramp);
- a year slider (with ticks and a play button) that sets the whole map to the end of that year:
  each complex with its label after the works up to then, complexes renovated that year ringed;
- a corporation filter, a search by complex name or id, a metric scale bar;
- OpenStreetMap tiles as an optional background, off by default (the only thing that would need
  the internet; the page's Content-Security-Policy allows nothing else).

Safety: every text from the input (complex, wijk, corporation names, codes) goes through
:func:`veilig` before it reaches the data: HTML-escaped (our script puts it into the page as HTML),
with ``\\``, `````` and ``$`` and braces as entities so that no Jinja delimiter or template literal
can form from it in any output. The JSON is written by :func:`_json_script`: ``<``, ``>`` and ``&``
as ``\\u`` escapes, so no text can close the ``<script>``, and braces inside strings escaped too.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import math
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import labels as L
from .._fouten import KoppelFout, ScenarioFout
from ..codes import canoniek
from ..planning.werken import SOORT_NL
from ..planning.werken import SOORTEN as WERKSOORTEN
from ..tekst import getal, zonder_stuurtekens
from .atomair import atomair_pad
from .positie import POSITIE_GESCHAT, complex_posities

__all__ = ["VEREENVOUDIG_M", "kaart_data", "schrijf_kaart", "veilig"]

#: tolerance [m] of the wijk outline simplification (RD New), before reprojecting
VEREENVOUDIG_M = 5.0
#: coordinate decimals in EPSG:4326 (1e-5 degree is about 1 m)
DECIMALEN = 5
LAAG_EFG = "Wijken: aandeel E/F/G"
LAAG_TVW = "Wijken: warmtestrategie (TVW)"
LAAG_CO2 = "Wijken: CO2-reductie"
LAAG_GEEN = "Wijken: geen kleur"
LAAG_COMPLEXEN = "Complexen (energielabel)"
LAAG_JAAR = "Planning per jaar"
LAAG_OSM = "Achtergrond OpenStreetMap (internet nodig)"

#: E/F/G share classes (upper bound inclusive) and colours (ColorBrewer BuPu: no label colour)
EFG_KLASSEN = [(0.0, "#edf8fb", "geen E/F/G"), (0.10, "#b3cde3", "tot 10%"), (0.25, "#8c96c6", "10 tot 25%"),
               (0.50, "#8856a7", "25 tot 50%"), (1.0, "#810f7c", "50% of meer")]
#: CO2 reduction classes (lower bound) and colours (ColorBrewer Blues: no label colour)
CO2_KLASSEN = [(0.50, "#08519c", "50% of meer"), (0.25, "#3182bd", "25 tot 50%"), (0.10, "#6baed6", "10 tot 25%"),
               (0.0001, "#bdd7e7", "tot 10%"), (-math.inf, "#f7f7f7", "geen reductie")]
#: TVW strategies: categorical colours away from the label greens, yellows and reds
STRATEGIE_KLEUR = {"warmtenet": "#8c510a", "all-electric": "#2166ac", "hybride": "#762a83",
                   "groengas": "#35978f", "onbekend": "#bdbdbd"}
STRATEGIE_TEKST = {"warmtenet": "warmtenet", "all-electric": "all-electric", "hybride": "hybride warmtepomp",
                   "groengas": "groen gas", "onbekend": "nog onbekend"}
GEEN_WONINGEN = "#e0e0e0"
#: plan reason codes (``plan.complexen.redenen``) in words; {..} filled per complex
REDEN_TEKST = {
    "EFG-deadline": "E/F/G weg v&oacute;&oacute;r de deadline {deadline}",
    "DMJOP": "samen met het DMJOP-onderhoud ({dmjop})",
    "WUP-uitvoering": "in de WUP-uitvoering van de wijk ({venster})",
    "doel-gemiddeld-label": "voor het doel gemiddeld label",
    "aardgasvrij-ready": "aardgasvrij-klaar v&oacute;&oacute;r {aardgasvrij} (TVW)",
}

_WEB = Path(__file__).with_name("kaart_web")


# ---------------------------------------------------------------- text and numbers

def veilig(tekst: object) -> str:
    """Input text as inert HTML, also safe inside a JS template literal and free of template braces."""
    if tekst is None or (isinstance(tekst, float) and math.isnan(tekst)) or tekst is pd.NA:
        return ""
    s = html.escape(zonder_stuurtekens(str(tekst)), quote=True)
    # braces as entities: no Jinja delimiter can form from the text in any output (the map was
    # once rendered twice through Jinja by folium/branca; the same texts reach other outputs)
    return (s.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
            .replace("{", "&#123;").replace("}", "&#125;").replace("\n", " ").replace("\r", " "))


#: a JSON string literal (as json.dumps writes it)
_JSON_TEKST = re.compile(r'"(?:[^"\\]|\\.)*"')


def _werk(r: dict, jaar: int | None) -> str | None:
    """The popup's renovation line: the plan's words for the works (year, scope, survey first; why an exempt
    complex keeps its E/F/G), or year and package for a plan table without them."""
    if not _leeg(r.get("werk")):
        return str(r["werk"])
    return f"{jaar}: {r.get('pakket_naam') or r.get('pakket')}" if jaar else None


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


def _int(x: Any) -> int | None:
    return None if _leeg(x) else int(x)


def _getal(x: Any, dec: int = 0) -> str:
    """Dutch number format (1.234.567 and 12,5); "-" when empty."""
    return "-" if _leeg(x) else getal(x, dec)


def _euro(x: Any) -> str:
    return "-" if _leeg(x) else f"&euro;&nbsp;{_getal(x)}"


def _pct(x: Any) -> str:
    return "-" if _leeg(x) else f"{_getal(100 * float(x), 0)}%"


def _jaar(x: Any) -> str:
    return "-" if _leeg(x) else str(int(x))


def _efg_kleur(aandeel: float | None) -> str:
    """The E/F/G-share class colour (also used by the GeoPackage styles)."""
    if aandeel is None or _leeg(aandeel):
        return GEEN_WONINGEN
    if aandeel <= 0:
        return EFG_KLASSEN[0][1]
    for grens, kleur, _ in EFG_KLASSEN[1:]:
        if aandeel <= grens:
            return kleur
    return EFG_KLASSEN[-1][1]


def _straal(woningen: float) -> float:
    """Marker radius [px] by dwellings: area grows with the number of dwellings, 4 to 18 px."""
    return float(np.clip(3 + 1.6 * math.sqrt(max(float(woningen), 0.0)), 4, 18))


# ---------------------------------------------------------------- data from the plan

def _selectie(plan, portefeuille, gemeente: str | None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, str]:
    wijken = portefeuille.wijken.copy()
    cx = plan.complexen.copy()
    naam = ""
    if gemeente:
        code = canoniek(gemeente, "GM")
        if code is None:
            raise ScenarioFout(f"gemeente {gemeente!r} is geen CBS-gemeentecode (zoals GM0363 of 363)")
        wijken = wijken[wijken["gemeente_code"] == code]
        if wijken.empty:
            bekend = ", ".join(sorted(set(portefeuille.wijken["gemeente_code"].dropna())))
            raise KoppelFout(f"gemeente {code} heeft geen wijken in de wijkgeometrieën (wel: {bekend})")
        cx = cx[cx["wijk_code"].isin(set(wijken["wijk_code"])) | (cx.get("gemeente_code") == code)]
        gemeente = code
    if "gemeente_naam" in wijken and wijken["gemeente_naam"].notna().any():
        naam = str(wijken["gemeente_naam"].dropna().mode().iloc[0])
    elif gemeente:
        naam = gemeente
    if wijken.crs is None:
        raise KoppelFout("de wijkgeometrieën hebben geen CRS; verwacht EPSG:28992 (RD New)")
    return wijken.reset_index(drop=True), cx.reset_index(drop=True), naam


def _geometrie_4326(wijken: gpd.GeoDataFrame, tolerantie_m: float) -> gpd.GeoSeries:
    geo = wijken.geometry.to_crs(28992) if wijken.crs.to_epsg() != 28992 else wijken.geometry
    geo = geo.simplify(tolerantie_m, preserve_topology=True).to_crs(4326)
    return gpd.GeoSeries(shapely.transform(geo.values, lambda c: np.round(c, DECIMALEN)), crs=4326)


def _fout(r: dict) -> bool:
    """Stands out on the map: renovated outside the WUP uitvoering window or any violation."""
    buiten = r.get("binnen_wup")
    return (not _leeg(buiten) and not bool(buiten)) or bool(str(r.get("schendingen") or "").strip())


def _venster(wijk: dict | None) -> str:
    if wijk is None or _leeg(wijk.get("uitvoering_start")):
        return ""
    return f"{_jaar(wijk['uitvoering_start'])}&ndash;{_jaar(wijk.get('uitvoering_eind'))}"


def _waarom(r: dict, wijk: dict | None, deadline: int) -> str:
    """Why this year (HTML): the plan's reason codes in words, and the WUP fit.

    A renovation outside the wijk's WUP uitvoering window says what moved it there: the deadline
    (when the complex has E/F/G) or the DMJOP moment.
    """
    codes = [c for c in str(r.get("redenen") or "").split(";") if c.strip()]
    if _leeg(r.get("jaar")):
        if r.get("vrijgesteld") is True and int(r.get("n_efg") or 0) > 0:
            return f"geen renovatie: vrijgesteld ({veilig(r.get('vrijstelling_reden'))})"
        return "geen renovatie gepland"
    velden = {"deadline": deadline, "dmjop": _jaar(r.get("onderhoud_jaar")), "venster": _venster(wijk),
              "aardgasvrij": _jaar(wijk.get("aardgasvrij_jaar")) if wijk else "-"}
    delen = []
    for c in codes:
        if c in REDEN_TEKST:
            delen.append(REDEN_TEKST[c].format(**velden))
        else:
            delen.append(veilig(c))
    bw = r.get("binnen_wup")
    if not _leeg(bw) and not bool(bw):
        oorzaak = ("vanwege de deadline " + str(deadline)) if "EFG-deadline" in codes else \
            ("vanwege het DMJOP-onderhoud" if "DMJOP" in codes else "")
        delen = [d for d in delen if not d.startswith("E/F/G weg")]
        delen.insert(0, f"<b class='fout'>buiten de WUP-uitvoering ({velden['venster']})</b>"
                     + (f" {oorzaak}" if oorzaak else ""))
    if not delen:
        return "geen vaste aanleiding: de goedkoopste keuze binnen capaciteit en budget"
    return "; ".join(delen)


def _tvw_tekst(r: dict, wijk: dict | None) -> str:
    if wijk is None:
        return "geen wijk bekend"
    strat = STRATEGIE_TEKST.get(wijk["strategie"], wijk["strategie"])
    venster = _venster(wijk)
    venster = f"uitvoering {venster}" if venster else "geen uitvoeringsperiode"
    bw = r.get("binnen_wup")
    if _leeg(r.get("jaar")):
        past = "niet van toepassing (geen renovatie)"
    elif _leeg(bw):
        past = "wijk heeft geen uitvoeringsperiode"
    elif bool(bw):
        past = "past in de WUP-uitvoering"
    else:
        past = "<b class='fout'>buiten de WUP-uitvoering</b>"
    return (f"{veilig(strat)}; {venster}; aardgasvrij {_jaar(wijk.get('aardgasvrij_jaar'))}<br>"
            f"<span class='tvw-fit'>{past}</span>")


class _Teksten:
    """Interned strings: texts many complexes share (corporation, wijk, package, reason) once."""

    def __init__(self) -> None:
        self.lijst: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        i = self._index.get(s)
        if i is None:
            i = self._index[s] = len(self.lijst)
            self.lijst.append(s)
        return i


def _num(x: Any, dec: int = 0) -> float | int | None:
    if _leeg(x):
        return None
    v = round(float(x), dec)
    return int(v) if dec == 0 else v


def _werken_per_complex(werken: pd.DataFrame) -> dict[tuple[str, str], list[list]]:
    """Per complex its works from the ledger as [year, kind, dwellings worked on, cost in euro, E/F/G cleared]
    (kaart.js sums these for the year slider: the same sums as every other output)."""
    uit: dict[tuple[str, str], list[list]] = {}
    if not len(werken):
        return uit
    kol = ["corporatie", "complex_id", "jaar", "soort", "woningen_aangepakt", "kosten_eur", "efg_weg"]
    for r in werken[kol].itertuples(index=False):
        uit.setdefault((str(r.corporatie), str(r.complex_id)), []).append(
            [int(r.jaar), WERKSOORTEN.index(r.soort), round(float(r.woningen_aangepakt), 1),
             round(float(r.kosten_eur), 2), int(r.efg_weg)])
    return uit


def _complexen(cx: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame, wijk_info: dict, corp_index: dict,
               teksten: _Teksten, deadline: int, werken: dict | None = None) -> tuple[dict, int]:
    """The complexes as one GeoJSON FeatureCollection with short property names (kaart.js reads them).

    Every complex of the selection is a feature, also one without any position (geometry null,
    not drawn), so the slider's totals count the same set as the title.
    """
    x, y, soort = complex_posities(cx, wijken)
    lat, lon = np.full(len(cx), np.nan), np.full(len(cx), np.nan)
    ok = np.isfinite(x)
    if ok.any():
        pts = gpd.GeoSeries(gpd.points_from_xy(x[ok], y[ok]), crs=28992).to_crs(4326)
        lat[ok], lon[ok] = np.round(pts.y.to_numpy(), DECIMALEN), np.round(pts.x.to_numpy(), DECIMALEN)
    rang = {lab: k for k, lab in enumerate(L.LABELS)}
    feats = []
    zonder = 0
    for i, r in enumerate(cx.to_dict("records")):
        wijk = wijk_info.get(r.get("wijk_code")) if not _leeg(r.get("wijk_code")) else None
        jaar = _int(r.get("jaar"))
        voor = [[k, int(r.get(f"n_{lab}") or 0)] for k, lab in enumerate(L.LABELS) if r.get(f"n_{lab}")]
        na = [[k, int(r.get(f"n_{lab}_na") or 0)] for k, lab in enumerate(L.LABELS) if r.get(f"n_{lab}_na")]
        lab = r.get("slechtste_label")
        lab_na = r.get("slechtste_label_na") if not _leeg(r.get("slechtste_label_na")) else lab
        woningen = int(r.get("woningen") or 0)
        p = {
            "i": veilig(r.get("complex_id")), "n": veilig(r.get("complex_naam") or r.get("complex_id")),
            "c": corp_index[str(r.get("corporatie"))], "wk": veilig(r.get("wijk_code")) if wijk is not None else None,
            "wn": teksten(veilig(wijk["wijk_naam"])) if wijk is not None else None,
            "w": woningen, "r": round(_straal(woningen), 1),
            "l": rang.get(lab), "la": rang.get(lab_na), "lv": voor, "ln": na,
            "e": int(r.get("n_efg") or 0), "ea": int(r.get("n_efg_na") if not _leeg(r.get("n_efg_na")) else r.get("n_efg") or 0),
            "j": jaar,
            "p": teksten(veilig(w)) if (w := _werk(r, jaar)) else None,
            "k": round(float(r.get("kosten_eur") or 0), 2),
            "wr": (werken or {}).get((str(r.get("corporatie")), str(r.get("complex_id"))), []),
            "dm": _int(r.get("onderhoud_jaar")), "dg": 1 if r.get("dmjop_gecombineerd") is True else 0,
            # labels that are not a registered, valid NTA 8800 label: the E/F/G counts above rest on them
            "lg": [_int(r.get("n_geschat")) or 0, _int(r.get("n_label_verloopt")) or 0],
            "ep": [_num(r.get("ep2_gem_kwh_m2")), _num(r.get("ep2_na_kwh_m2"))],
            "pv": ([_int(r.get("pv_jaar")), _num(r.get("pv_kwp"), 1), _num(r.get("pv_kwh_jaar"))]
                   if not _leeg(r.get("pv_jaar")) else None),
            "co": [_num((r.get("co2_kg_voor") or 0) / 1000, 1), _num((r.get("co2_kg_na") or 0) / 1000, 1)],
            "y": teksten(_waarom(r, wijk, deadline)), "t": teksten(_tvw_tekst(r, wijk)),
        }
        sch = str(r.get("schendingen") or "").strip()
        if sch:
            p["s"] = veilig(sch)
        if _fout(r):
            p["f"] = 1
        if soort[i] == POSITIE_GESCHAT:
            p["g"] = 1
        if r.get("vrijgesteld") is True:
            p["v"] = teksten(veilig(r.get("vrijstelling_reden")))
        if np.isfinite(lat[i]):
            geom = {"type": "Point", "coordinates": [float(lon[i]), float(lat[i])]}
        else:
            geom = None
            zonder += 1
        feats.append({"type": "Feature", "geometry": geom, "properties": p})
    return {"type": "FeatureCollection", "features": feats}, zonder


def _wijken(wijken: gpd.GeoDataFrame, geo: gpd.GeoSeries, gem_info: dict) -> dict:
    feats = []
    for i, w in enumerate(wijken.to_dict("records")):
        g = geo.iloc[i]
        if g is None or g.is_empty:
            continue
        strat = w.get("strategie") if w.get("strategie") in STRATEGIE_KLEUR else "onbekend"
        feats.append({"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": {
            "c": veilig(w["wijk_code"]), "n": veilig(w["wijk_naam"]), "code": veilig(w["wijk_code"]), "s": strat,
            "tvw": _tvw_tooltip(w, gem_info.get(w["wijk_code"]))}})
    return {"type": "FeatureCollection", "features": feats}


def _tvw_tooltip(w: dict, gm: pd.Series | None) -> str:
    strat = STRATEGIE_TEKST.get(str(w.get("strategie") or ""), w.get("strategie"))
    return (f"Strategie: {veilig(strat)}<br>WUP: {_jaar(w.get('wup_start'))}&ndash;{_jaar(w.get('wup_gereed'))}"
            f"<br>Uitvoering: {_jaar(w.get('uitvoering_start'))}&ndash;{_jaar(w.get('uitvoering_eind'))}"
            f"<br>Aardgasvrij: {_jaar(w.get('aardgasvrij_jaar'))}") + _gemeente_regels(gm)


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


def _data(plan, portefeuille, gemeente: str | None, tolerantie_m: float) -> dict:
    wijken, cx, gemeente_naam = _selectie(plan, portefeuille, gemeente)
    jaren = [int(j) for j in (plan.jaren or sorted(plan.wijk_jaar["jaar"].unique()))]
    deadline = int(plan.deadline)
    geo = _geometrie_4326(wijken, tolerantie_m)
    wijk_info = {w["wijk_code"]: w for w in wijken.drop(columns="geometry").to_dict("records")}
    gem = plan.gemeente
    gem_info = {r["wijk_code"]: r for _, r in gem.iterrows()} if len(gem) else {}
    corporaties = sorted({str(c) for c in cx["corporatie"]})
    corp_index = {c: k for k, c in enumerate(corporaties)}
    teksten = _Teksten()
    complexen, zonder = _complexen(cx, wijken, wijk_info, corp_index, teksten, deadline,
                                   _werken_per_complex(plan.werken))
    wijk_fc = _wijken(wijken, geo, gem_info)

    heeft_geo = np.asarray(geo.notna() & ~geo.is_empty, dtype=bool)
    punten = np.array([f["geometry"]["coordinates"] for f in complexen["features"] if f["geometry"]]).reshape(-1, 2)
    if heeft_geo.any():
        minx, miny, maxx, maxy = geo[heeft_geo].total_bounds
    elif len(punten):
        minx, miny = punten.min(axis=0)
        maxx, maxy = punten.max(axis=0)
    else:
        miny, maxy, minx, maxx = 50.75, 53.55, 3.35, 7.22  # the Netherlands

    titel = f"Verduurzamingsplan {veilig(gemeente_naam)}".strip()
    woningen = int(cx["woningen"].fillna(0).sum()) if len(cx) else 0
    onder = (f"{jaren[0]}&ndash;{jaren[-1]} &middot; " if jaren else "") + \
        f"{_getal(len(cx))} complexen, {_getal(woningen)} woningen"
    from ..planning.controle import oordeel
    goed, status = oordeel(plan)  # a time limit or a missed requirement is said on the map too
    return {
        "titel": titel, "onder": onder, "status": None if goed else veilig(status), "woningen": woningen,
        "jaren": jaren, "deadline": deadline,
        "grenzen": [[float(miny), float(minx)], [float(maxy), float(maxx)]],
        "labels": [[lab, L.KLEUR[lab]] for lab in L.LABELS], "slecht": [L.LABELS.index(x) for x in L.SLECHT],
        "efg": [[g, k, t] for g, k, t in EFG_KLASSEN],
        "co2": [[None if g == -math.inf else g, k, t] for g, k, t in CO2_KLASSEN],
        "strategie": {s: [STRATEGIE_KLEUR[s], STRATEGIE_TEKST[s]] for s in STRATEGIE_KLEUR},
        "geen": GEEN_WONINGEN,
        "lagen": {"efg": LAAG_EFG, "tvw": LAAG_TVW, "co2": LAAG_CO2, "geen": LAAG_GEEN, "complexen": LAAG_COMPLEXEN,
                  "jaar": LAAG_JAAR, "osm": LAAG_OSM},
        "corporaties": [veilig(c) for c in corporaties], "teksten": teksten.lijst, "zonder_ligging": zonder,
        "wijken": wijk_fc, "complexen": complexen, "werksoorten": [SOORT_NL[k] for k in WERKSOORTEN],
    }


# ---------------------------------------------------------------- the page

_DATA_URI = re.compile(r"url\((images/[\w.-]+\.png)\)")
_BRONKAART = re.compile(r"^//# sourceMappingURL=.*$", re.M)


@functools.lru_cache(maxsize=1)
def _leaflet() -> tuple[str, str]:
    """Leaflet's JS and CSS from the xstatic-leaflet package, images as data URIs, no source map link."""
    from xstatic.pkg import leaflet
    basis = Path(leaflet.BASE_DIR)
    js = _BRONKAART.sub("", (basis / "leaflet.js").read_text(encoding="utf-8"))

    def inline(m: re.Match) -> str:
        data = base64.b64encode((basis / m.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = _DATA_URI.sub(inline, (basis / "leaflet.css").read_text(encoding="utf-8"))
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("Leaflet bevat een sluit-tag; kan niet inline")
    return js, css


@functools.lru_cache(maxsize=1)
def _eigen() -> tuple[str, str]:
    return ((_WEB / "kaart.js").read_text(encoding="utf-8"), (_WEB / "kaart.css").read_text(encoding="utf-8"))


#: the page may load nothing from elsewhere: only the optional OpenStreetMap tiles
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data: https://tile.openstreetmap.org")


def _pagina(data: dict) -> str:
    leaflet_js, leaflet_css = _leaflet()
    js, css = _eigen()
    titel = re.sub(r"<[^>]*>", "", data["titel"])
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>{titel}</title>\n",
        "<style>\n", leaflet_css, "\n</style>\n<style>\n", css, "\n</style>\n",
        "<script>\n", leaflet_js, "\n</script>\n</head>\n<body>\n<div id=\"vd-kaart\"></div>\n",
        "<script type=\"application/json\" id=\"vd-data\">", _json_script(data), "</script>\n",
        "<script>\n", js, "\n</script>\n</body>\n</html>\n",
    ])


def kaart_data(tekst: str) -> dict:
    """The data of a written map (the ``vd-data`` JSON element), e.g. for tests and other tools."""
    m = re.search(r'<script type="application/json" id="vd-data">(.*?)</script>', tekst, flags=re.S)
    if m is None:
        raise ValueError("geen kaartgegevens (vd-data) in dit bestand")
    return json.loads(m.group(1))


def schrijf_kaart(plan, portefeuille, pad: str | Path, *, gemeente: str | None = None,
              vereenvoudig_m: float = VEREENVOUDIG_M) -> Path:
    """Write the interactive map of a plan as one self-contained HTML file (atomically).

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
    tekst = _pagina(_data(plan, portefeuille, gemeente, vereenvoudig_m))
    with atomair_pad(pad) as tmp:
        tmp.write_text(tekst, encoding="utf-8")
    return pad
