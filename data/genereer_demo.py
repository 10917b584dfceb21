"""Generate the bundled, fictional demo data set (gemeente "Voorbeeldstad", GM9999).

Run from the repository root::

    python data/genereer_demo.py

Deterministic: one ``numpy.random.Generator`` with a fixed seed, no clock, no set order.
Running it twice gives byte-identical files (the GeoPackage timestamp is fixed with GDAL's
``OGR_CURRENT_DATE``; the XLSX zip entries and document properties get fixed dates).

Writes (paths relative to the repository root):

- ``wijken/voorbeeldstad_wijken.gpkg``   layers ``wijken`` and ``buurten`` (CBS layout, EPSG:28992)
- ``wijken/transitievisie.csv``          TVW schedule per wijk (``;``, UTF-8)
- ``data/labels/woonstede_vhe.csv``      corporation VHE export (``;``, cp1252, decimal commas)
- ``data/labels/woonstede_complexen.csv`` corporation complex export (same format)
- ``data/labels/wonenplus_vhe.xlsx``     second corporation, sheet ``VHE``, complex columns repeated
- ``data/labels/ep_online_voorbeeldstad.csv`` EP-online v2 (37 columns) extract

Everything is fictional; see ``data/README.md`` for the figures the distributions follow and
the deliberate defects.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

# fixed timestamp in gpkg_contents.last_change; must be set before GDAL writes
os.environ["OGR_CURRENT_DATE"] = "2025-01-01T00:00:00.000Z"

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from shapely.geometry import MultiPolygon, Point, Polygon  # noqa: E402

SEED = 20250101
ROOT = Path(__file__).resolve().parent.parent
PEILDATUM = date(2026, 1, 1)
GEMEENTECODE = "GM9999"
GEMEENTENAAM = "Voorbeeldstad"
CBS_JAAR = 2024
CENTRUM_XY = (155000.0, 445000.0)

LABELS = ["A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"]
# NTA 8800 EP2 bands (kWh/m2.jr), upper bound inclusive; open ends closed for sampling
EP2_BAND = {
    "A++++": (-30.0, 0.0), "A+++": (0.0, 50.0), "A++": (50.0, 75.0), "A+": (75.0, 105.0),
    "A": (105.0, 160.0), "B": (160.0, 190.0), "C": (190.0, 250.0), "D": (250.0, 290.0),
    "E": (290.0, 335.0), "F": (335.0, 380.0), "G": (380.0, 480.0),
}
# gas use m3/yr of an eengezinswoning by label (brief: ~800 for A, ~1,600 for G)
GAS_EENGEZINS = {
    "A++++": 0, "A+++": 0, "A++": 450, "A+": 650, "A": 800, "B": 950, "C": 1100,
    "D": 1250, "E": 1400, "F": 1500, "G": 1600,
}
GAS_FACTOR_TYPE = {
    "eengezinswoning": 1.0, "tussenwoning": 0.95, "hoekwoning": 1.08, "meergezinswoning": 0.68,
    "portiekflat": 0.68, "galerijflat": 0.65, "appartement": 0.6, "seniorenwoning": 0.6,
}

# (name, bouwjaar range of the wijk, number of complexes, street names)
WIJKEN = [
    ("Centrum", (1885, 1935), 10, ["Kerkstraat", "Markt", "Achterom", "Lange Gracht", "Torenstraat", "Nieuwstraat"]),
    ("Oude Haven", (1905, 1940), 8, ["Havenkade", "Schippersstraat", "Loswal", "Kaaistraat", "Sluisweg"]),
    ("Kerkebuurt", (1928, 1958), 11, ["Kosterstraat", "Pastoorslaan", "Kapelweg", "Klokstraat"]),
    ("Bloemenbuurt", (1950, 1964), 16, ["Rozenstraat", "Tulpstraat", "Asterlaan", "Dahliastraat", "Irisplein", "Lelieweg"]),
    ("Vogelwijk", (1955, 1968), 15, ["Merelstraat", "Lijsterlaan", "Spreeuwweg", "Zwaluwstraat", "Meeuwenplein"]),
    ("Molenwijk", (1962, 1972), 19, ["Molenweg", "Korenmolen", "Wiekenlaan", "Maalderij", "Stellingmolen", "Molenerf"]),
    ("Schildersbuurt", (1965, 1975), 17, ["Rembrandtlaan", "Vermeerstraat", "Frans Halsstraat", "Jan Steenweg", "Mondriaanplein"]),
    ("Industrieterrein Zuid", (1958, 1972), 3, ["Fabrieksweg", "Ambachtsstraat"]),
    ("De Horst", (1970, 1980), 16, ["Horsterweg", "Eikenhof", "Beukenlaan", "Berkenstraat", "Elzenhof"]),
    ("De Esch", (1974, 1986), 14, ["Esdoornlaan", "Akkerweg", "Kampstraat", "Brinkhof"]),
    ("Het Rietveld", (1978, 1991), 13, ["Rietlaan", "Lisdoddestraat", "Biezenhof", "Waterlelie"]),
    ("Noorderpolder", (1986, 1999), 10, ["Polderweg", "Dijkstraat", "Gemaalweg", "Slotenhof"]),
    ("Spoorzicht", (1995, 2012), 9, ["Stationsweg", "Seinhuis", "Perronlaan"]),
    ("Waterrijk", (2005, 2023), 9, ["Waterkant", "Steigerlaan", "Jachthaven"]),
]
assert sum(w[2] for w in WIJKEN) == 170

# the TVW schedule (modelled on the Leidschendam-Voorburg planning annex, 2024)
TVW = {
    "Centrum": ("warmtenet", None, None, None, None, None,
                "Kansrijk voor warmtenet (restwarmte); geen startjaar vastgesteld in de TVW."),
    "Oude Haven": ("warmtenet", 2027, 2028, 2029, 2034, 2035,
                   "Transitiewijk: WUP opstellen 2027-2028; uitvoering warmtenet 2029-2034; wijk van het gas af 2035."),
    "Kerkebuurt": ("hybride", None, None, None, None, None,
                   "Voorlopig hybride warmtepomp; heroverweging bij herziening TVW."),
    "Bloemenbuurt": ("all-electric", 2022, 2023, 2024, 2028, 2029,
                     "Transitiewijk in uitvoering: WUP gereed 2023; uitvoering 2024-2028 (na-isolatie en warmtepompen); wijk van het gas af 2029."),
    "Vogelwijk": ("hybride", None, None, None, None, None, "Hybride als tussenstap; geen planning."),
    "Molenwijk": ("warmtenet", 2025, 2026, 2027, 2031, 2032,
                  "Transitiewijk: WUP wordt opgesteld 2025-2026; uitvoering warmtenet 2027-2031; wijk van het gas af 2032."),
    "Schildersbuurt": ("warmtenet", None, None, None, None, None, "Aansluiting op warmtenet Molenwijk na 2032 (indicatief)."),
    "Industrieterrein Zuid": ("onbekend", None, None, None, None, None, "Bedrijventerrein; strategie nog niet bepaald."),
    "De Horst": ("hybride", 2028, 2029, 2030, 2034, None,
                 "Transitiewijk (later): WUP 2028-2029; hybride warmtepompen 2030-2034; aardgasvrij pas na 2035 (groengas of all-electric)."),
    "De Esch": ("all-electric", None, None, None, None, None, "Goed geisoleerde grondgebonden woningen; natuurlijk moment."),
    "Het Rietveld": ("all-electric", None, None, None, None, None, ""),
    "Noorderpolder": ("groengas", None, None, None, None, None, "Buitengebied en lintbebouwing: groengas of hybride."),
    "Spoorzicht": ("onbekend", None, None, None, None, None, ""),
    "Waterrijk": ("all-electric", None, None, None, None, None, "Grotendeels al aardgasvrij gebouwd (na 2018)."),
}

TYPE_EENGEZINS = ("eengezinswoning", "tussenwoning", "hoekwoning")

EP_ONLINE_HEADER = (
    "Pand_opnamedatum;Pand_opnametype;Pand_status;Pand_berekeningstype;Pand_energieindex;"
    "Pand_energieklasse;Pand_energielabel_is_prive;Pand_is_op_basis_van_referentie_gebouw;"
    "Pand_gebouwklasse;Meting_geldig_tot;Pand_registratiedatum;Pand_postcode;Pand_huisnummer;"
    "Pand_huisnummer_toev;Pand_detailaanduiding;Pand_bagverblijfsobjectid;Pand_bagligplaatsid;"
    "Pand_bagstandplaatsid;Pand_bagpandid;Pand_gebouwtype;Pand_gebouwsubtype;Pand_projectnaam;"
    "Pand_projectobject;Pand_SBIcode;Pand_gebruiksoppervlakte;Pand_energiebehoefte;"
    "Pand_eis_energiebehoefte;Pand_primaire_fossiele_energie;Pand_eis_primaire_fossiele_energie;"
    "Pand_primaire_fossiele_energie_EMG_forfaitair;Pand_aandeel_hernieuwbare_energie;"
    "Pand_eis_aandeel_hernieuwbare_energie;Pand_aandeel_hernieuwbare_energie_EMG_forfaitair;"
    "Pand_temperatuuroverschrijding;Pand_eis_temperatuuroverschrijding;Pand_warmtebehoefte;"
    "Pand_energieindex_met_EMG_forfaitair"
).split(";")
assert len(EP_ONLINE_HEADER) == 37

# old Energie-Index bands (label -> (lo, hi)) for EP-online rows registered before 2021
EI_BAND = {
    "A++": (0.3, 0.5), "A+": (0.51, 0.7), "A": (0.71, 1.05), "B": (1.06, 1.3), "C": (1.31, 1.6),
    "D": (1.61, 2.0), "E": (2.01, 2.4), "F": (2.41, 2.9), "G": (2.91, 3.4),
}


# ---------------------------------------------------------------- helpers

def nl_num(x: float | None, decimals: int) -> str:
    """Number with a decimal comma, empty for None/NaN."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    return f"{x:.{decimals}f}".replace(".", ",")


def sample_in(rng: np.random.Generator, poly, n: int, min_dist: float, existing=(), max_tries=20000):
    """n points inside ``poly`` at least ``min_dist`` apart (and from ``existing``)."""
    minx, miny, maxx, maxy = poly.bounds
    pts: list[tuple[float, float]] = []
    tries = 0
    while len(pts) < n:
        tries += 1
        if tries > max_tries:
            min_dist *= 0.8
            tries = 0
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if not poly.contains(Point(x, y)):
            continue
        if any((x - a) ** 2 + (y - b) ** 2 < min_dist**2 for a, b in list(existing) + pts):
            continue
        pts.append((x, y))
    return pts


def voronoi_cells(points, clip):
    """Voronoi cells of ``points`` clipped to ``clip``, in the order of ``points``."""
    vor = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=clip.envelope.buffer(2000))
    cells = list(vor.geoms)
    out = []
    for x, y in points:
        p = Point(x, y)
        cell = next(c for c in cells if c.contains(p))
        out.append(cell.intersection(clip))
    return out


def largest_polygon(g):
    if isinstance(g, Polygon):
        return g
    return max((p for p in g.geoms if isinstance(p, Polygon)), key=lambda p: p.area)


def as_multi(g):
    g = shapely.set_precision(g, 0.001)
    if isinstance(g, Polygon):
        return MultiPolygon([g])
    polys = [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon) and p.area > 1.0]
    return MultiPolygon(polys)


# ---------------------------------------------------------------- geography

def town_outline(rng: np.random.Generator) -> Polygon:
    cx, cy = CENTRUM_XY
    theta = np.linspace(0, 2 * np.pi, 96, endpoint=False)
    ph = rng.uniform(0, 2 * np.pi, 4)
    r = 3600 * (1 + 0.13 * np.sin(2 * theta + ph[0]) + 0.08 * np.sin(3 * theta + ph[1])
                + 0.05 * np.sin(5 * theta + ph[2]) + 0.025 * np.sin(9 * theta + ph[3]))
    r = r * (1 + rng.normal(0, 0.012, theta.size))
    ring = [(cx + ri * np.cos(t), cy + ri * np.sin(t)) for ri, t in zip(r, theta)]
    return Polygon(ring).buffer(0)


def make_wijken(rng: np.random.Generator):
    outline = town_outline(rng)
    seeds = sample_in(rng, outline, len(WIJKEN), 1500)
    # Lloyd relaxation for plausible, roundish wijken of similar size
    for _ in range(3):
        cells = voronoi_cells(seeds, outline)
        seeds = [(largest_polygon(c).centroid.x, largest_polygon(c).centroid.y) for c in cells]
    cells = [largest_polygon(c) for c in voronoi_cells(seeds, outline)]
    # names: Centrum nearest the centre, Industrieterrein Zuid the southernmost of the rest,
    # the other wijken outward in the order of their age
    cx, cy = outline.centroid.x, outline.centroid.y
    order = sorted(range(len(cells)), key=lambda i: (cells[i].centroid.x - cx) ** 2 + (cells[i].centroid.y - cy) ** 2)
    centrum = order[0]
    rest = order[1:]
    zuid = min(rest[4:], key=lambda i: cells[i].centroid.y)
    rest = [i for i in rest if i != zuid]
    assigned: dict[str, int] = {"Centrum": centrum, "Industrieterrein Zuid": zuid}
    other_names = [w[0] for w in WIJKEN if w[0] not in assigned]
    for name, i in zip(other_names, rest):
        assigned[name] = i
    rows = []
    for k, (name, *_rest) in enumerate(WIJKEN):
        rows.append({
            "wijkcode": f"WK9999{k:02d}", "wijknaam": name, "gemeentecode": GEMEENTECODE,
            "gemeentenaam": GEMEENTENAAM, "water": "NEE", "jaar": CBS_JAAR,
            "geometry": as_multi(cells[assigned[name]]),
        })
    wijken = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:28992")
    return outline, wijken


def make_buurten(rng: np.random.Generator, wijken: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows = []
    for _, w in wijken.iterrows():
        poly = w.geometry
        area_km2 = poly.area / 1e6
        k = int(np.clip(round(area_km2 * 1.1 + rng.uniform(0.3, 1.4)), 2, 4))
        seeds = sample_in(rng, poly.buffer(-150), k, np.sqrt(poly.area / k) * 0.6)
        for _ in range(2):
            cells = voronoi_cells(seeds, poly)
            seeds = [(largest_polygon(c).centroid.x, largest_polygon(c).centroid.y) for c in cells]
            seeds = [s if poly.contains(Point(s)) else (largest_polygon(c).representative_point().x,
                                                       largest_polygon(c).representative_point().y)
                     for s, c in zip(seeds, cells)]
        cells = voronoi_cells(seeds, poly)
        c0 = poly.centroid
        used: list[str] = []
        for j, cell in enumerate(cells):
            dx, dy = cell.centroid.x - c0.x, cell.centroid.y - c0.y
            if np.hypot(dx, dy) < 150:
                suffix = "Midden"
            else:
                octant = int(np.round(np.degrees(np.arctan2(dy, dx)) / 45.0)) % 8
                suffix = ["Oost", "Noordoost", "Noord", "Noordwest", "West", "Zuidwest", "Zuid", "Zuidoost"][octant]
            naam = f"{w.wijknaam} {suffix}"
            n = 2
            while naam in used:
                naam = f"{w.wijknaam} {suffix} {n}"
                n += 1
            used.append(naam)
            rows.append({
                "buurtcode": f"BU{w.wijkcode[2:]}{j:02d}", "buurtnaam": naam, "wijkcode": w.wijkcode,
                "gemeentecode": GEMEENTECODE, "gemeentenaam": GEMEENTENAAM, "water": "NEE",
                "jaar": CBS_JAAR, "geometry": as_multi(cell),
            })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:28992")


# ---------------------------------------------------------------- stock

def choose_types(rng, bouwjaar: int) -> str:
    """Complex kind by building period (corporation stock: flats mostly 1955-1975)."""
    if bouwjaar < 1945:
        opts, p = ["eengezins", "portiekflat", "meergezinswoning"], [0.6, 0.25, 0.15]
    elif bouwjaar < 1976:
        opts, p = ["eengezins", "portiekflat", "galerijflat", "seniorenwoning"], [0.36, 0.32, 0.25, 0.07]
    elif bouwjaar < 1991:
        opts, p = ["eengezins", "galerijflat", "appartement", "seniorenwoning"], [0.55, 0.15, 0.18, 0.12]
    else:
        opts, p = ["eengezins", "appartement", "seniorenwoning"], [0.42, 0.48, 0.10]
    return str(rng.choice(opts, p=p))


def complex_size(rng, kind: str) -> int:
    if kind == "eengezins":
        return int(np.clip(rng.lognormal(np.log(28), 0.5), 8, 90))
    if kind in ("portiekflat", "galerijflat"):
        return int(np.clip(rng.lognormal(np.log(48), 0.45), 16, 160))
    if kind == "seniorenwoning":
        return int(np.clip(rng.lognormal(np.log(24), 0.4), 10, 60))
    return int(np.clip(rng.lognormal(np.log(34), 0.45), 10, 110))


def base_label_index(rng, bouwjaar: int) -> int:
    """Complex's typical label index (0 = A++++ .. 10 = G) for a complex without E/F/G."""
    if bouwjaar >= 2015:
        return int(rng.choice([1, 2, 3], p=[0.25, 0.45, 0.30]))
    if bouwjaar >= 2000:
        return int(rng.choice([3, 4, 5], p=[0.25, 0.6, 0.15]))
    if bouwjaar >= 1990:
        return int(rng.choice([4, 5, 6], p=[0.45, 0.4, 0.15]))
    if bouwjaar >= 1975:
        return int(rng.choice([4, 5, 6, 7], p=[0.2, 0.4, 0.3, 0.1]))
    return int(rng.choice([3, 4, 5, 6, 7], p=[0.05, 0.25, 0.3, 0.28, 0.12]))


def rand_date(rng, start: date, end: date) -> date:
    return start + timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def ep2_for(rng, label: str) -> float:
    lo, hi = EP2_BAND[label]
    return round(float(rng.uniform(lo + 0.5, hi - 0.5)), 2)


def postcode_letters(i: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTVWXZ"  # no I, O, Q, U, Y as in PostNL practice
    pair = letters[i // len(letters)] + letters[i % len(letters)]
    return pair


def make_stock(rng: np.random.Generator, wijken: gpd.GeoDataFrame, outline: Polygon):
    """Complexes and dwellings for both corporations (before defects)."""
    # complexes, wijk by wijk
    complexen = []
    for k, (wnaam, (j0, j1), n, streets) in enumerate(WIJKEN):
        wgeom = wijken.geometry.iloc[k]
        inner = wgeom.buffer(-60)
        pts = sample_in(rng, inner, n, 160)
        for i in range(n):
            bj = int(rng.integers(j0, j1 + 1))
            if wnaam == "Centrum" and rng.random() < 0.4:  # inner-city infill
                bj = int(rng.integers(1978, 1996))
            complexen.append({"wijk_idx": k, "wijkcode": f"WK9999{k:02d}", "wijknaam": wnaam,
                              "x": round(pts[i][0], 1), "y": round(pts[i][1], 1), "bouwjaar": bj,
                              "street": streets[i % len(streets)]})
    rng.shuffle(complexen)
    # WonenPlus: 60 of the 170 complexes, Woonstede the other 110
    is_wp = np.zeros(len(complexen), bool)
    is_wp[rng.choice(len(complexen), 60, replace=False)] = True
    for c, wp in zip(complexen, is_wp):
        c["corporatie"] = "WonenPlus" if wp else "Woonstede Voorbeeldstad"
        c["kind"] = choose_types(rng, c["bouwjaar"])
        c["n"] = complex_size(rng, c["kind"])

    # monuments: pre-1935 complexes in Centrum / Oude Haven (4 Woonstede + 1 WonenPlus)
    def pick(cands, m):
        cands = sorted(cands, key=lambda c: (c["bouwjaar"], c["x"]))
        idx = rng.choice(len(cands), m, replace=False)
        return [cands[i] for i in sorted(idx)]

    old = [c for c in complexen if c["bouwjaar"] < 1936 and c["wijknaam"] in ("Centrum", "Oude Haven")]
    mon = pick([c for c in old if c["corporatie"] != "WonenPlus"], 4) + pick([c for c in old if c["corporatie"] == "WonenPlus"], 1)
    for c in complexen:
        c["monument"] = any(c is m for m in mon)
    # demolition plans: 1950s-60s flats / houses (3 Woonstede, 1 WonenPlus)
    sl_c = [c for c in complexen if 1950 <= c["bouwjaar"] <= 1968 and not c["monument"]]
    sloop = pick([c for c in sl_c if c["corporatie"] != "WonenPlus"], 3) + pick([c for c in sl_c if c["corporatie"] == "WonenPlus"], 1)
    for c in complexen:
        c["sloopjaar"] = None
    for c, jaar in zip(sloop, [2027, 2030, 2031, 2027]):
        c["sloopjaar"] = jaar

    # E/F/G complexes: all demolition complexes, 3 monuments, 20 more old unrenovated ones
    for c in complexen:
        c["efg"] = c["sloopjaar"] is not None
    for m in mon[:3]:
        m["efg"] = True
    cand = [c for c in complexen if not c["efg"] and not c["monument"] and c["bouwjaar"] < 1986]
    w = np.array([4.0 if c["bouwjaar"] < 1976 else 1.0 for c in cand])
    chosen = rng.choice(len(cand), 20, replace=False, p=w / w.sum())
    for i in sorted(chosen):
        cand[i]["efg"] = True

    # numbering, names, attributes
    pc_counter: dict[int, int] = {}
    names_used: set[tuple[str, str]] = set()
    ws_nr, wp_nr = 1001, 301
    for c in sorted(complexen, key=lambda c: (c["corporatie"], c["wijk_idx"], c["bouwjaar"], c["x"])):
        if c["corporatie"] == "WonenPlus":
            c["complex"] = wp_nr
            wp_nr += 1
        else:
            c["complex"] = ws_nr
            ws_nr += 1
        kind_name = {"eengezins": "", "portiekflat": "Portiekflats ", "galerijflat": "Galerijflat ",
                     "seniorenwoning": "Seniorenwoningen ", "appartement": "Appartementen ",
                     "meergezinswoning": "Bovenwoningen "}[c["kind"]]
        base = f"{kind_name}{c['street']}"
        naam, n = base, 2
        while (c["corporatie"], naam) in names_used:
            naam = f"{base} {['', '', 'II', 'III', 'IV', 'V', 'VI'][n] if n < 7 else n}"
            n += 1
        names_used.add((c["corporatie"], naam))
        c["naam"] = naam
        c["onderhoudsjaar"] = int(rng.integers(2026, 2041))
        c["pc4"] = 9960 + c["wijk_idx"]
        pc_counter.setdefault(c["pc4"], 0)
    complexen.sort(key=lambda c: (c["corporatie"] != "Woonstede Voorbeeldstad", c["complex"]))

    # dwellings
    woningen = []
    vhe_ws, vhe_wp = 1000137, 20011
    for c in complexen:
        n, kind, bj = c["n"], c["kind"], c["bouwjaar"]
        generic = kind == "eengezins" and rng.random() < 0.35  # some exports write just "eengezinswoning"
        two_phase = rng.random() < 0.12
        # label campaign of the complex
        if bj >= 2021:
            campaign = rand_date(rng, date(bj, 3, 1), date(min(bj + 1, 2025), 6, 30))
        else:
            era = rng.choice(["2015", "ei", "nta"], p=[0.13, 0.34, 0.53])
            if era == "2015":
                campaign = rand_date(rng, date(2015, 1, 15), date(2015, 12, 15))
            elif era == "ei":
                campaign = rand_date(rng, date(2016, 1, 15), date(2020, 11, 30))
            else:
                campaign = rand_date(rng, date(2021, 2, 1), date(2025, 9, 30))
        base = int(rng.choice([8, 9], p=[0.75, 0.25])) if c["efg"] else base_label_index(rng, bj)
        has_gas = rng.random() < 0.8
        gbo_mu = {"eengezins": 92, "portiekflat": 66, "galerijflat": 70, "seniorenwoning": 58,
                  "appartement": 72, "meergezinswoning": 64}[kind]
        street = c["street"]
        nr = int(rng.integers(1, 40))
        if kind == "eengezins":
            nr = nr * 2 + 1 if rng.random() < 0.5 else nr * 2
        pcl = pc_counter[c["pc4"]]
        row_len = int(rng.integers(4, 9))
        for i in range(n):
            # address
            if kind == "portiekflat":
                hn, toev = nr + 2 * (i // 8), "ABCDEFGH"[i % 8]
            elif kind == "appartement":
                hn, toev = nr + 2 * (i // 12), str(i % 12 + 1)
            elif kind == "meergezinswoning":
                hn, toev = nr + i // 2, ("" if i % 2 == 0 else "A")
            elif kind == "eengezins":
                hn, toev = nr + 2 * i, ""
            else:
                hn, toev = nr + i, ""
            postcode = f"{c['pc4']} {postcode_letters(pcl + i // 24)}"
            # type
            if kind == "eengezins":
                pos = i % row_len
                hoek = pos == 0 or pos == row_len - 1 or i == n - 1
                wtype = "eengezinswoning" if generic else ("hoekwoning" if hoek else "tussenwoning")
            else:
                wtype = kind
            # label
            off = int(rng.choice([-2, -1, 0, 1, 2], p=[0.15, 0.3, 0.3, 0.15, 0.1])) if c["efg"] else \
                int(rng.choice([-1, 0, 1], p=[0.2, 0.6, 0.2]))
            if wtype == "hoekwoning" and rng.random() < 0.35:
                off += 1
            li = base + off
            li = min(max(li, 1), 10 if c["efg"] else 7)
            label = LABELS[li]
            if rng.random() < 0.12 and bj < 2021:  # individual relabel at a change of tenant
                reg = rand_date(rng, date(2021, 3, 1), date(2025, 10, 31))
            else:
                reg = campaign + timedelta(days=int(rng.integers(0, 45)))
            ep2 = ep2_for(rng, label) if reg >= date(2021, 1, 1) else None
            if reg < date(2021, 1, 1) and label in ("A++++", "A+++"):
                label = "A++"  # the old Energie-Index knew no A+++ / A++++
            gbo = round(float(np.clip(rng.normal(gbo_mu, 9), 38, 140)), 1)
            gas = None
            if c["corporatie"] != "WonenPlus" and has_gas and rng.random() < 0.88:
                g = GAS_EENGEZINS[label] * GAS_FACTOR_TYPE[wtype] * rng.normal(1, 0.12)
                gas = int(round(max(g, 0)))
            if rng.random() < 0.03:  # no label at all
                label, ep2, reg = None, None, None
            if c["corporatie"] == "WonenPlus":
                vhe, vhe_wp = vhe_wp, vhe_wp + 1
            else:
                vhe, vhe_ws = vhe_ws, vhe_ws + int(rng.integers(1, 4))
            woningen.append({
                "vhe": vhe, "complex": c["complex"], "corporatie": c["corporatie"], "postcode": postcode,
                "huisnummer": hn, "toevoeging": toev,
                "bouwjaar": bj + (1 if two_phase and i >= n // 2 else 0), "woningtype": wtype,
                "gbo": gbo, "label": label, "ep2": ep2, "reg": reg, "gas": gas, "street": street,
            })
        pc_counter[c["pc4"]] = pcl + (n - 1) // 24 + 1
        # roof and PV
        if kind == "eengezins":
            dak = n * rng.uniform(14, 24)
        elif kind in ("seniorenwoning",):
            dak = n * rng.uniform(10, 18)
        else:
            dak = n * rng.uniform(5, 10)
        if c["monument"]:
            dak = dak * 0.2 if rng.random() < 0.5 else 0.0
        c["dak"] = round(float(dak), 1)
        c["pv"] = (not c["efg"]) and (bj >= 2010 or rng.random() < 0.17)
    return complexen, woningen


# ---------------------------------------------------------------- writers

def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def csv_text(header: list[str], rows: list[list[str]], eol: str) -> str:
    def cell(v: str) -> str:
        return f'"{v}"' if (";" in v or '"' in v) else v
    lines = [";".join(header)] + [";".join(cell(v) for v in r) for r in rows]
    return eol.join(lines) + eol


def write_gpkg(wijken, buurten) -> None:
    path = ROOT / "wijken" / "voorbeeldstad_wijken.gpkg"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.stem + ".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    wijken.to_file(tmp, layer="wijken", driver="GPKG", engine="pyogrio")
    buurten.to_file(tmp, layer="buurten", driver="GPKG", engine="pyogrio")
    tmp.replace(path)


def write_tvw(wijken) -> None:
    header = ["wijk_code", "wijk_naam", "strategie", "wup_start", "wup_gereed", "uitvoering_start",
              "uitvoering_eind", "aardgasvrij_jaar", "toelichting"]
    rows = []
    for _, w in wijken.iterrows():
        s, *jaren, toel = TVW[w.wijknaam]
        rows.append([w.wijkcode, w.wijknaam, s] + ["" if j is None else str(j) for j in jaren] + [toel])
    write_bytes(ROOT / "wijken" / "transitievisie.csv", csv_text(header, rows, "\n").encode("utf-8"))


def ja_nee(b: bool) -> str:
    return "ja" if b else "nee"


def write_woonstede(complexen, woningen) -> None:
    header = ["VHE-nummer", "Complexnummer", "Corporatie", "Postcode", "Huisnummer", "Toevoeging",
              "Bouwjaar", "Woningtype", "Gebruiksoppervlakte (m²)", "Energielabel", "EP2 (kWh/m²)",
              "Registratiedatum label", "Gasverbruik (m³)"]
    rows = []
    for w in woningen:
        if w["corporatie"] == "WonenPlus":
            continue
        row = [str(w["vhe"]), str(w["complex"]), w["corporatie"], w["postcode"], str(w["huisnummer"]),
               w["toevoeging"], str(w["bouwjaar"]), w["woningtype"], nl_num(w["gbo"], 1), w["label"] or "",
               nl_num(w["ep2"], 2), w["reg"].strftime("%d-%m-%Y") if w["reg"] else "",
               "" if w["gas"] is None else str(w["gas"])]
        rows.append(row)
        if w.get("dup"):
            rows.append(list(row))
    write_bytes(ROOT / "data" / "labels" / "woonstede_vhe.csv", csv_text(header, rows, "\r\n").encode("cp1252"))

    header = ["Complexnummer", "Corporatie", "Complexnaam", "X", "Y", "Monument", "Sloopjaar",
              "Onderhoudsjaar", "Dakoppervlak geschikt (m²)", "Zonnepanelen aanwezig"]
    rows = []
    for c in complexen:
        if c["corporatie"] == "WonenPlus":
            continue
        sloop = str(c["sloopjaar"]) if c["sloopjaar"] else c["sloop_leeg"]
        rows.append([str(c["complex"]), c["corporatie"], c["naam"], nl_num(c["x"], 1), nl_num(c["y"], 1),
                     ja_nee(c["monument"]), sloop, str(c["onderhoudsjaar"]), nl_num(c["dak"], 1),
                     ja_nee(c["pv"])])
    write_bytes(ROOT / "data" / "labels" / "woonstede_complexen.csv", csv_text(header, rows, "\r\n").encode("cp1252"))


FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def deterministic_xlsx(data: bytes) -> bytes:
    """Rewrite an openpyxl XLSX with fixed zip timestamps and document dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                                 rb"\g<1>2025-01-01T00:00:00Z\g<3>", content)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, content)
    return out.getvalue()


def write_wonenplus(complexen, woningen) -> None:
    header = ["Eenheid", "Complex", "Corporatie", "Postcode", "Huisnr", "Toev", "Bouwjaar", "Type woning",
              "GBO", "Label", "EP2", "Datum registratie", "Complexnaam", "Wijkcode", "Monument", "Sloopjaar",
              "Onderhoudsjaar", "Dakoppervlak geschikt (m²)", "Zonnepanelen aanwezig"]
    cmap = {c["complex"]: c for c in complexen if c["corporatie"] == "WonenPlus"}
    wb = Workbook()
    ws = wb.active
    ws.title = "VHE"
    ws.append(header)
    for w in woningen:
        if w["corporatie"] != "WonenPlus":
            continue
        c = cmap[w["complex"]]
        ws.append([
            w["vhe"], w["complex"], w["corporatie"], w["postcode"].replace(" ", ""), w["huisnummer"],
            w["toevoeging"] or None, w["bouwjaar"], w["woningtype"], w["gbo"], w["label"], w["ep2"],
            datetime(w["reg"].year, w["reg"].month, w["reg"].day) if w["reg"] else None,
            c["naam"], c["wijkcode"], "Ja" if c["monument"] else "Nee", c["sloopjaar"],
            c["onderhoudsjaar"], c["dak"], "Ja" if c["pv"] else "Nee",
        ])
    for cell in ws["L"][1:]:
        cell.number_format = "dd-mm-yyyy"
    for col, width in zip("ABCDEFGHIJKLMNOPQRS", [10, 9, 14, 9, 7, 5, 8, 16, 7, 7, 8, 14, 28, 11, 10, 9, 14, 12, 12]):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    fixed = datetime(2025, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "genereer_demo.py"
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes(ROOT / "data" / "labels" / "wonenplus_vhe.xlsx", deterministic_xlsx(buf.getvalue()))


def make_ep_online(rng: np.random.Generator, complexen, woningen) -> list[list[str]]:
    """EP-online v2 rows for some Woonstede addresses (newer, equal and older labels)."""
    ccomp = {c["complex"]: c for c in complexen}
    ws = [w for w in woningen if w["corporatie"] != "WonenPlus" and not w.get("defect")]
    by_complex: dict[int, list[dict]] = {}
    for w in ws:
        by_complex.setdefault(w["complex"], []).append(w)
    keys = sorted(by_complex)
    recs = []  # (woning, opnamedatum, label, ep2 or None, ei or None)
    # (a) two E/F/G complexes renovated in 2025: EP-online already has the new labels
    efg_keys = [k for k in keys if ccomp[k]["efg"] and not ccomp[k]["monument"] and not ccomp[k]["sloopjaar"]
                and len(by_complex[k]) <= 60]
    renov = [efg_keys[i] for i in sorted(rng.choice(len(efg_keys), 2, replace=False))]
    for k in renov:
        d0 = rand_date(rng, date(2025, 3, 1), date(2025, 10, 15))
        for w in by_complex[k]:
            li = int(rng.choice([4, 5, 6], p=[0.3, 0.5, 0.2]))
            recs.append((w, d0 + timedelta(days=int(rng.integers(0, 20))), LABELS[li], None))
    # (b) individual newer labels in other complexes (tenant change, small measures)
    others = [w for k in keys if k not in renov for w in by_complex[k]]
    n_new = 300 - len(recs) - 90
    pick = [others[i] for i in sorted(rng.choice(len(others), n_new + 90, replace=False))]
    for w in pick[:n_new]:
        old = LABELS.index(w["label"]) if w["label"] else 7
        li = max(1, old - int(rng.choice([0, 1, 2], p=[0.3, 0.5, 0.2])))
        start = max(w["reg"] + timedelta(days=60) if w["reg"] else date(2023, 1, 1), date(2021, 2, 1))
        if start > date(2025, 11, 15):
            start = date(2025, 11, 1)
        recs.append((w, rand_date(rng, start, date(2025, 11, 30)), LABELS[li], None))
    # (c) the label the corporation already has (same date) or an older one (pre-2021, EI)
    for j, w in enumerate(pick[n_new:]):
        if j % 2 == 0 and w["label"] and w["reg"]:
            recs.append((w, w["reg"], w["label"], w["ep2"]))
        else:
            before = (w["reg"] or date(2021, 1, 1)) - timedelta(days=200)
            d = rand_date(rng, date(2009, 1, 1), min(before, date(2020, 12, 31)))
            lab = LABELS[int(rng.integers(5, 10))]
            recs.append((w, d, lab, None))
    # (d) a few addresses with several labels: add an older intermediate label
    multi = [r for r in recs if r[1] >= date(2022, 6, 1)][:: 12][:12]
    for w, d, lab, _ in multi:
        d_old = d - timedelta(days=int(rng.integers(300, 700)))
        li = min(LABELS.index(lab) + int(rng.integers(1, 3)), 10)
        recs.append((w, d_old, LABELS[li], None))
    recs.sort(key=lambda r: (r[0]["postcode"], r[0]["huisnummer"], r[0]["toevoeging"], r[1]))

    gtype = {"tussenwoning": "Rijwoning tussen", "hoekwoning": "Rijwoning hoek", "eengezinswoning": "Rijwoning tussen",
             "portiekflat": "Appartement", "galerijflat": "Appartement", "appartement": "Appartement",
             "meergezinswoning": "Appartement", "seniorenwoning": "Rijwoning tussen"}
    gsub = {"portiekflat": "Portiekwoning", "galerijflat": "Galerijwoning", "appartement": "Flatwoning (overig)",
            "meergezinswoning": "Maisonnette"}
    rows = []
    for w, d, lab, ep2 in recs:
        nta = d >= date(2021, 1, 1)
        if nta and ep2 is None:
            ep2 = ep2_for(rng, lab)
        if not nta and lab in ("A++++", "A+++"):
            lab = "A++"
        ei = None if nta else round(float(rng.uniform(*EI_BAND[lab])), 2)
        reg = d + timedelta(days=int(rng.integers(0, 15)))
        geldig = date(d.year + 10, d.month, min(d.day, 28))
        vbo = f"9999010000{w['vhe'] % 1000000:06d}"
        pand = f"9999100000{(w['vhe'] // 7) % 1000000:06d}"
        behoefte = ep2 * rng.uniform(0.45, 0.7) if nta else None
        row = [
            d.strftime("%Y%m%d"), "Basisopname" if rng.random() < 0.8 else "Detailopname", "Bestaand",
            "NTA 8800:2020 (basismethode)" if nta else "EP (energieprestatie, Energie-Index)",
            nl_num(ei, 2), lab, "false", "false", "W", geldig.strftime("%Y%m%d"), reg.strftime("%Y%m%d"),
            w["postcode"].replace(" ", ""), str(w["huisnummer"]), w["toevoeging"], "", vbo, "", "", pand,
            gtype[w["woningtype"]], gsub.get(w["woningtype"], ""), "", "", "", nl_num(w["gbo"], 2),
            nl_num(behoefte, 2), "", nl_num(ep2, 2), "", nl_num(ep2, 2) if nta else "",
            nl_num(float(rng.uniform(5, 45)), 1) if nta else "", "", "",
            nl_num(float(rng.uniform(0, 2.5)), 2) if nta else "", "",
            nl_num(behoefte * 0.8, 2) if nta else "", "",
        ]
        assert len(row) == 37
        rows.append(row)
    write_bytes(ROOT / "data" / "labels" / "ep_online_voorbeeldstad.csv",
                csv_text(EP_ONLINE_HEADER, rows, "\n").encode("utf-8"))
    return rows


# ---------------------------------------------------------------- defects

def add_defects(rng: np.random.Generator, complexen, woningen, outline) -> dict[str, str]:
    """The deliberate defects the validator must report (documented in data/README.md)."""
    ws = [w for w in woningen if w["corporatie"] != "WonenPlus"]
    wp = [w for w in woningen if w["corporatie"] == "WonenPlus"]
    d: dict[str, str] = {}
    # label H: one in each corporation's export
    w = ws[157]
    w["label"], w["ep2"], w["defect"] = "H", None, True
    d["label_H_woonstede"] = str(w["vhe"])
    w = wp[412]
    w["label"], w["ep2"], w["defect"] = "H", None, True
    d["label_H_wonenplus"] = str(w["vhe"])
    # duplicate VHE-nummer (the ERP join duplicated a row)
    w = ws[1203]
    w["dup"], w["defect"] = True, True
    d["dubbel_vhe"] = str(w["vhe"])
    # EP2 contradicting its label: label B registered 2023 with an EP2 in band E
    w = next(w for w in ws[2300:] if w["label"] == "B" and w["ep2"] is not None)
    w["ep2"], w["defect"] = 312.4, True
    d["ep2_tegenstrijdig"] = str(w["vhe"])
    # bouwjaar n.v.t.
    w = ws[2750]
    w["bouwjaar"], w["defect"] = "n.v.t.", True
    d["bouwjaar_nvt"] = str(w["vhe"])
    # complex outside every wijk: X/Y 700 m outside the town outline
    c = next(c for c in complexen if c["corporatie"] != "WonenPlus" and c["complex"] == 1087)
    ext = outline.exterior
    p = ext.interpolate(0.62, normalized=True)
    cx, cy = outline.centroid.x, outline.centroid.y
    v = np.array([p.x - cx, p.y - cy])
    v = v / np.linalg.norm(v)
    c["x"], c["y"] = round(p.x + 700 * v[0], 1), round(p.y + 700 * v[1], 1)
    d["complex_buiten_wijk"] = str(c["complex"])
    # sloopjaar blanks: mostly empty, some "n.v.t."
    for c in complexen:
        c["sloop_leeg"] = "n.v.t." if rng.random() < 0.3 else ""
    return d


def add_woningvoorraad(wijken: gpd.GeoDataFrame, complexen, woningen) -> None:
    """CBS KWB 'woningvoorraad' per wijk: all dwellings, of which the corporations own a share.

    Corporations own about 29% of the Dutch stock (CBS/Aedes, order of magnitude); per wijk the
    share varies from about 10% in owner-occupied wijken to 65% in post-war rental wijken. A
    separate generator keeps the other files byte-identical.
    """
    rng = np.random.default_rng(SEED + 1)
    per_complex = {c["complex"]: c["wijkcode"] for c in complexen}
    telling: dict[str, int] = {}
    for w in woningen:
        code = per_complex.get(w["complex"])
        if code:
            telling[code] = telling.get(code, 0) + 1
    voorraad = []
    for code in wijken["wijkcode"]:
        n = telling.get(code, 0)
        aandeel = float(rng.uniform(0.10, 0.65))
        voorraad.append(int(round(n / aandeel)) if n else int(rng.integers(150, 900)))
    wijken["woningvoorraad"] = voorraad


def main() -> None:
    rng = np.random.default_rng(SEED)
    outline, wijken = make_wijken(rng)
    buurten = make_buurten(rng, wijken)
    complexen, woningen = make_stock(rng, wijken, outline)
    defects = add_defects(rng, complexen, woningen, outline)
    add_woningvoorraad(wijken, complexen, woningen)
    write_gpkg(wijken, buurten)
    write_tvw(wijken)
    write_woonstede(complexen, woningen)
    write_wonenplus(complexen, woningen)
    ep = make_ep_online(rng, complexen, woningen)
    n_ws = sum(w["corporatie"] != "WonenPlus" for w in woningen)
    print(f"wijken {len(wijken)}, buurten {len(buurten)}, complexen {len(complexen)}, "
          f"woningen {len(woningen)} (Woonstede {n_ws}, WonenPlus {len(woningen) - n_ws}), EP-online {len(ep)}")
    for k, v in defects.items():
        print(f"defect {k}: {v}")


if __name__ == "__main__":
    main()
