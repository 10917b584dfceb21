"""Plans for the map and GeoPackage tests without the solver: a small builder that fills the
documented Plan columns (verduurzaming/planning/plan.py) from a Portfolio, and hostile names."""

from __future__ import annotations

import functools

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point

from verduurzaming import labels as L
from verduurzaming.planning.plan import Plan
from planning_helpers import werken_uit_complexen

#: a name that would run script if it reached the page as HTML
HOSTILE = "<img src=x onerror=alert(1)>"
#: breaks out of a <script>, a JS template literal, or a string
HOSTILE_2 = "</script><script>alert(2)</script> `${alert(3)}` \\u0041 'x\" &amp;"
#: Jinja that a template engine would evaluate (folium/branca once rendered the map twice; 7*191 = 1337; ``id`` via os.popen)
HOSTILE_SJABLOON = ("Flat {{7*191}} {% if 1 %}X{% endif %} {# c #} "
                    "{{ lipsum.__globals__.os.popen(dict(id=1)|first).read() }}")


def nep_plan(portefeuille, jaren: list[int] | None = None, *, seed: int = 1) -> Plan:
    """A deterministic plan: every complex with E/F/G is renovated (all dwellings to label B) in a
    year before the deadline, one in three others in a later year; one complex misses the deadline."""
    jaren = jaren or list(range(2026, 2036))
    rng = np.random.default_rng(seed)
    cx = portefeuille.complexen.copy()
    n = len(cx)
    heeft_efg = cx["n_efg"].to_numpy() > 0
    jaar = np.where(heeft_efg, rng.integers(jaren[0], min(2028, jaren[-1]) + 1, n),
                    np.where(rng.random(n) < 0.33, rng.integers(jaren[0], jaren[-1] + 1, n), -1))
    if n:
        jaar[0] = -1 if not heeft_efg[0] else jaar[0]
    gepland = jaar > 0
    cx["pakket"] = np.where(gepland, "schil_standaard", None)
    cx["pakket_naam"] = np.where(gepland, "Isolatie naar de Standaard", None)
    cx["jaar"] = pd.array([int(j) if j > 0 else pd.NA for j in jaar], dtype="Int64")
    cx["kosten_eur"] = np.where(gepland, cx["woningen"] * 21000.0, 0.0)
    cx["dmjop_gecombineerd"] = False
    wijken = portefeuille.wijken.set_index("wijk_code")
    start = cx["wijk_code"].map(wijken["uitvoering_start"]) if len(wijken) else pd.Series(pd.NA, index=cx.index)
    eind = cx["wijk_code"].map(wijken["uitvoering_eind"]) if len(wijken) else pd.Series(pd.NA, index=cx.index)
    jr = cx["jaar"].astype("Float64")
    binnen = ((jr >= start.astype("Float64")) & (jr <= eind.astype("Float64")))
    binnen = binnen.where(start.notna() & cx["jaar"].notna(), pd.NA)
    cx["binnen_wup"] = pd.array(binnen, dtype="boolean")
    cx["pv_jaar"] = cx["jaar"]
    cx["pv_panelen"] = np.where(gepland, (cx["dak_geschikt_m2"].fillna(0) / 2).astype(int), 0)
    cx["pv_kwp"] = cx["pv_panelen"] * 0.4
    cx["pv_kwh_jaar"] = cx["pv_kwp"] * 875.0
    cx["pv_kosten_eur"] = cx["pv_kwp"] * 1200.0
    cx["ep2_na_kwh_m2"] = np.where(gepland, np.minimum(cx["ep2_gem_kwh_m2"], 180.0), cx["ep2_gem_kwh_m2"])
    for lab in L.LABELS:
        na = np.where(gepland, cx["woningen"] if lab == "B" else 0, cx[f"n_{lab}"])
        cx[f"n_{lab}_na"] = na.astype(int)
    cx["n_efg_na"] = cx[[f"n_{x}_na" for x in L.SLECHT]].sum(axis=1).astype(int)
    cx["slechtste_label_na"] = np.where(gepland, "B", cx["slechtste_label"])
    gas = cx["gasverbruik_m3"].fillna(cx["woningen"] * 1100.0)
    cx["co2_kg_voor"] = gas * 1.78
    cx["co2_kg_na"] = np.where(gepland, cx["co2_kg_voor"] * 0.55, cx["co2_kg_voor"])
    cx["huurkorting_eur_jaar"] = 0.0
    cx["redenen"] = np.where(heeft_efg & gepland, "EFG-deadline", "")
    cx["schendingen"] = ""
    sch = []
    mist = np.flatnonzero(heeft_efg & ~gepland)
    if len(mist) == 0 and heeft_efg.any():  # make one complex miss the deadline
        k = int(np.flatnonzero(heeft_efg)[-1])
        cx.loc[cx.index[k], "jaar"] = min(jaren[-1], 2030)
        mist = [k]
    for k in mist:
        r = cx.iloc[k]
        tekst = f"complex {r['complex_id']}: {int(r['n_efg'])} woningen E/F/G missen de deadline 2028"
        cx.loc[cx.index[k], "schendingen"] = tekst
        sch.append(dict(corporatie=r["corporatie"], complex_id=r["complex_id"], soort="deadline", jaar=2028,
                        toelichting=tekst))
    cx = gpd.GeoDataFrame(cx, geometry="geometry", crs=portefeuille.complexen.crs)

    # wijk x year: E/F/G at the start of the year, CO2 at the end (tabellen.py convention)
    rijen = []
    jr = cx["jaar"].astype("Float64").to_numpy(na_value=np.nan)
    for Y in jaren:
        klaar, eind, nu = jr < Y, jr <= Y, jr == Y
        d = pd.DataFrame({
            "wijk_code": cx["wijk_code"],
            "renovaties_woningen": np.where(nu, cx["woningen"], 0),
            "binnen_wup_woningen": np.where(nu & cx["binnen_wup"].fillna(False).to_numpy(bool), cx["woningen"], 0),
            "buiten_wup_woningen": np.where(nu & (~cx["binnen_wup"].fillna(True)).to_numpy(bool), cx["woningen"], 0),
            "n_efg": np.where(klaar, cx["n_efg_na"], cx["n_efg"]),
            "co2_kg": np.where(eind, cx["co2_kg_na"], cx["co2_kg_voor"]),
        }).dropna(subset=["wijk_code"]).groupby("wijk_code", as_index=False).sum()
        d.insert(1, "jaar", Y)
        rijen.append(d)
    wijk_jaar = pd.concat(rijen, ignore_index=True).sort_values(["wijk_code", "jaar"]).reset_index(drop=True)
    per_jaar = pd.DataFrame({"corporatie": [], "jaar": []})
    schendingen = pd.DataFrame(sch, columns=["corporatie", "complex_id", "soort", "jaar", "toelichting"])
    return Plan(complexen=cx, per_jaar=per_jaar, wijk_jaar=wijk_jaar, schendingen=schendingen, deadline=2028,
                jaren=jaren, werken=werken_uit_complexen(cx))


@functools.lru_cache(maxsize=1)
def demo_portefeuille():
    from verduurzaming.portefeuille import lees_portefeuille
    from verduurzaming.scenario import demo_scenario_pad, lees_scenario
    s = lees_scenario(demo_scenario_pad())
    return s, lees_portefeuille(s)


def vijandig(portefeuille):
    """A copy of the portfolio with hostile complex, wijk and corporation names."""
    import copy
    p = copy.copy(portefeuille)
    p.complexen = portefeuille.complexen.copy()
    p.wijken = portefeuille.wijken.copy()
    p.complexen.loc[p.complexen.index[0], "complex_naam"] = HOSTILE
    p.complexen.loc[p.complexen.index[1], "complex_naam"] = HOSTILE_2
    # the third complex gets a hostile corporation name too
    p.complexen.loc[p.complexen.index[2], "corporatie"] = "Wonen <b>&</b> <script>alert(4)</script>"
    p.wijken.loc[p.wijken.index[0], "wijk_naam"] = "<svg onload=alert(5)>"
    p.complexen.loc[p.complexen.index[3], "complex_naam"] = HOSTILE_SJABLOON
    p.wijken.loc[p.wijken.index[1], "wijk_naam"] = HOSTILE_SJABLOON
    return p


def synthetisch(portefeuille, n_complexen: int, *, seed: int = 7):
    """A larger portfolio: complexes copied from the demo with new ids, spread over its wijken."""
    import copy
    rng = np.random.default_rng(seed)
    basis = portefeuille.complexen
    idx = rng.integers(0, len(basis), n_complexen)
    cx = basis.iloc[idx].copy().reset_index(drop=True)
    cx["complex_id"] = [f"S{i:05d}" for i in range(n_complexen)]
    cx["corporatie"] = "Synthetische Woonstichting"
    cx["complex_naam"] = [f"Synthetisch complex {i}" for i in range(n_complexen)]
    w = portefeuille.wijken[portefeuille.wijken.geometry.notna()]
    # random points inside the wijken (rejection sampling in the bounding boxes)
    punten, codes = [], []
    keuze = rng.integers(0, len(w), n_complexen)
    for k in keuze:
        g = w.geometry.iloc[k]
        minx, miny, maxx, maxy = g.bounds
        while True:
            p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
            if g.contains(p):
                break
        punten.append(p)
        codes.append(w["wijk_code"].iloc[k])
    cx["wijk_code"] = codes
    cx = gpd.GeoDataFrame(cx.drop(columns="geometry"), geometry=punten, crs=basis.crs)
    p = copy.copy(portefeuille)
    p.complexen = cx
    return p
