"""Builders of small hand-made portfolios (docs/architectuur.md layout) and a fixed catalog,
so that planner tests know the optimal plan by hand."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point, box

from verduurzaming import labels as L
from verduurzaming.bevindingen import Bevindingen
from verduurzaming.portefeuille import Portefeuille
from verduurzaming.scenario import Corporatieparameters, Scenario

ALLE = "warmtenet|all-electric|hybride|groengas|onbekend"

#: fixed test catalog (independent of the defaults, so the optimum is known by hand)
#: licht: -20% EP2, EUR 10k; zwaar: -50% EP2 capped at 190, EUR 30k, aardgasvrij-ready;
#: wnet: warmtenet connection -40%, EUR 20k, aardgasvrij-ready; ae: all-electric -60%, EUR 40k.
CATALOGUS = pd.DataFrame([
    dict(pakket="licht", naam="Licht", soort="renovatie", kosten_eur_eengezins=10000, kosten_eur_meergezins=10000,
         ep2_reductie_pct=20, ep2_na_max_kwh_m2=np.nan, gas_reductie_pct=20, elektriciteit_extra_kwh_woning=0,
         warmte_gj_woning=0, aardgasvrij_ready=False, strategieen=ALLE, bron="test"),
    dict(pakket="zwaar", naam="Zwaar", soort="renovatie", kosten_eur_eengezins=30000, kosten_eur_meergezins=30000,
         ep2_reductie_pct=50, ep2_na_max_kwh_m2=190, gas_reductie_pct=50, elektriciteit_extra_kwh_woning=0,
         warmte_gj_woning=0, aardgasvrij_ready=True, strategieen=ALLE, bron="test"),
    dict(pakket="wnet", naam="Warmtenet", soort="renovatie", kosten_eur_eengezins=20000, kosten_eur_meergezins=20000,
         ep2_reductie_pct=40, ep2_na_max_kwh_m2=np.nan, gas_reductie_pct=100, elektriciteit_extra_kwh_woning=0,
         warmte_gj_woning=20, aardgasvrij_ready=True, strategieen="warmtenet", bron="test"),
    dict(pakket="ae", naam="All-electric", soort="renovatie", kosten_eur_eengezins=40000, kosten_eur_meergezins=40000,
         ep2_reductie_pct=60, ep2_na_max_kwh_m2=np.nan, gas_reductie_pct=100, elektriciteit_extra_kwh_woning=2500,
         warmte_gj_woning=0, aardgasvrij_ready=True, strategieen="all-electric|hybride|onbekend", bron="test"),
    dict(pakket="pv", naam="PV", soort="pv", kosten_eur_eengezins=0, kosten_eur_meergezins=0, ep2_reductie_pct=0,
         ep2_na_max_kwh_m2=np.nan, gas_reductie_pct=0, elektriciteit_extra_kwh_woning=0, warmte_gj_woning=0,
         aardgasvrij_ready=False, strategieen=ALLE, bron="test"),
])


def cx(complex_id: str, ep2: list[float], *, corporatie: str = "C1", wijk: str | None = "WK999901",
       monument: bool = False, sloop_jaar: int | None = None, onderhoud_jaar: int | None = None,
       woningtype: str = "eengezins", gbo: float = 75.0, dak_m2: float = 0.0, pv: bool = False,
       gas_m3: float | None = None) -> dict:
    """One complex spec: EP2 per dwelling (the label follows from EP2)."""
    return dict(complex_id=complex_id, ep2=list(ep2), corporatie=corporatie, wijk=wijk, monument=monument,
                sloop_jaar=sloop_jaar, onderhoud_jaar=onderhoud_jaar, woningtype=woningtype, gbo=gbo,
                dak_m2=dak_m2, pv=pv, gas_m3=gas_m3)


def wijk(code: str = "WK999901", strategie: str = "onbekend", uitvoering: tuple[int, int] | None = None,
         aardgasvrij_jaar: int | None = None) -> dict:
    return dict(wijk_code=code, strategie=strategie, uitvoering=uitvoering, aardgasvrij_jaar=aardgasvrij_jaar)


def portefeuille(complexen: list[dict], wijken: list[dict] | None = None) -> Portefeuille:
    wijken = wijken if wijken is not None else [wijk()]
    w_rows, c_rows = [], []
    for k, c in enumerate(complexen):
        ep2 = np.asarray(c["ep2"], dtype=float)
        lab = L.label_uit_ep2(ep2)
        n = len(ep2)
        for i in range(n):
            w_rows.append(dict(vhe_id=f"{c['complex_id']}-{i}", complex_id=c["complex_id"], corporatie=c["corporatie"],
                               postcode="9999AA", huisnummer=i + 1, toevoeging=None, bouwjaar=1970,
                               woningtype=c["woningtype"], gbo_m2=c["gbo"], energielabel=lab[i], ep2_kwh_m2=ep2[i],
                               label_bron="geregistreerd", label_registratiedatum=pd.Timestamp("2020-01-01"),
                               label_geldig_tot=pd.Timestamp("2030-01-01"), label_verlopen=False,
                               label_verloopt_voor_deadline=False,
                               gasverbruik_m3=(c["gas_m3"] / n if c["gas_m3"] is not None else np.nan),
                               bron_bestand="test", bron_rij=i + 1))
        rangen = [L.RANG[x] for x in lab]
        vrij_reden = "monument" if c["monument"] else (f"sloop {c['sloop_jaar']}" if c["sloop_jaar"] else None)
        row = dict(corporatie=c["corporatie"], complex_id=c["complex_id"], complex_naam=f"Complex {c['complex_id']}",
                   wijk_code=c["wijk"], buurt_code=None, gemeente_code="GM9999", geometry=Point(1000 + k, 1000),
                   monument=c["monument"], sloop_jaar=c["sloop_jaar"], onderhoud_jaar=c["onderhoud_jaar"],
                   dak_geschikt_m2=c["dak_m2"], pv_panelen_aanwezig=c["pv"], woningen=n)
        for lab_ in L.LABELS:
            row[f"n_{lab_}"] = int(sum(1 for x in lab if x == lab_))
        row.update(n_efg=int(sum(1 for x in lab if x in L.SLECHT)), n_geschat=0,
                   ep2_gem_kwh_m2=float(ep2.mean()), ep2_max_kwh_m2=float(ep2.max()), gbo_m2=c["gbo"] * n,
                   gasverbruik_m3=(c["gas_m3"] if c["gas_m3"] is not None else np.nan), bouwjaar=1970,
                   woningtype=c["woningtype"], slechtste_label=L.LABELS[max(rangen)],
                   vrijgesteld=bool(vrij_reden), vrijstelling_reden=vrij_reden)
        c_rows.append(row)
    woningen = pd.DataFrame(w_rows)
    for k in ("bouwjaar",):
        woningen[k] = woningen[k].astype("Int64")
    complexen = gpd.GeoDataFrame(pd.DataFrame(c_rows), geometry="geometry", crs="EPSG:28992")
    for k in ("sloop_jaar", "onderhoud_jaar", "bouwjaar"):
        complexen[k] = pd.array(complexen[k], dtype="Int64")
    wr = []
    for i, w in enumerate(wijken):
        u = w["uitvoering"]
        wr.append(dict(wijk_code=w["wijk_code"], wijk_naam=f"Wijk {i}", gemeente_code="GM9999", gemeente_naam="Test",
                       geometry=box(0, 0, 5000, 5000), cbs_jaar=2024, strategie=w["strategie"],
                       wup_start=None, wup_gereed=None, uitvoering_start=(u[0] if u else None),
                       uitvoering_eind=(u[1] if u else None), aardgasvrij_jaar=w["aardgasvrij_jaar"]))
    wk = gpd.GeoDataFrame(pd.DataFrame(wr), geometry="geometry", crs="EPSG:28992")
    for k in ("cbs_jaar", "wup_start", "wup_gereed", "uitvoering_start", "uitvoering_eind", "aardgasvrij_jaar"):
        wk[k] = pd.array(wk[k], dtype="Int64")
    return Portefeuille(woningen, complexen, wk, Bevindingen(), dt.date(2026, 1, 1), 2028, {"test": "hand-made"})


def scenario(*, capaciteit: int | None = None, budget: float | None = None, startjaar: int = 2026,
             eindjaar: int = 2030, deadline: int = 2028, doelen: dict | None = None, gewichten: dict | None = None,
             deadline_gaat_voor: bool = False, per_corporatie: dict | None = None, **kw) -> Scenario:
    # the model tests below test one rule at a time at undiscounted prices and without a lead time (both have
    # their own tests); a test that wants them passes them in ``gewichten``
    g = {"voorbereidingstijd_jaar": 0, "discontovoet_pct": 0, **(gewichten or {})}
    s = Scenario(startjaar=startjaar, eindjaar=eindjaar, deadline=deadline, deadline_gaat_voor=deadline_gaat_voor,
                 solver_tijd_s=20,
                 solver_gap=1e-6, doelen=dict(doelen or {}), gewichten=g, **kw)
    s.standaard_corporatie = Corporatieparameters(capaciteit_woningen=capaciteit, budget_eur=budget)
    for naam, p in (per_corporatie or {}).items():
        s.corporaties[naam] = p
    return s


def rij(plan, complex_id: str, corporatie: str = "C1") -> pd.Series:
    c = plan.complexen
    return c[(c["complex_id"] == complex_id) & (c["corporatie"] == corporatie)].iloc[0]


def werken_uit_complexen(cx) -> "pd.DataFrame":
    """A ledger of works (``plan.werken`` layout) for a hand-made test plan: a renovation row per complex with a
    year (cost ``kosten_eur``) and a PV row per complex with a PV year (cost ``pv_kosten_eur``)."""
    import numpy as np
    import pandas as pd

    from verduurzaming.planning.werken import KOSTENPOSTEN, WERKEN_KOLOMMEN

    rijen = []
    for r in pd.DataFrame(cx.drop(columns="geometry", errors="ignore")).to_dict("records"):
        basis = {k: r.get(k) for k in ("corporatie", "complex_id", "complex_naam", "wijk_code", "buurt_code",
                                      "gemeente_code")}
        basis["woningen"] = int(r.get("woningen") or 0)
        for soort, jaar_kol, kosten_kol, post in (("renovatie", "jaar", "kosten_eur", "kosten_renovatie_eur"),
                                                  ("pv", "pv_jaar", "pv_kosten_eur", "kosten_pv_eur")):
            j = r.get(jaar_kol)
            if j is None or pd.isna(j):
                continue
            k = float(r.get(kosten_kol) or 0.0)
            rij = dict(basis, jaar=int(j), soort=soort, aanpak="heel complex" if soort == "renovatie" else None,
                       pakket=r.get("pakket") if soort == "renovatie" else None,
                       pakket_naam=r.get("pakket_naam") if soort == "renovatie" else None,
                       omschrijving=(r.get("werk") or r.get("pakket_naam") or soort), woningen_aangepakt=float(basis["woningen"]),
                       efg_weg=int(r.get("n_efg", 0) or 0) - int(r.get("n_efg_na", 0) or 0) if soort == "renovatie" else 0,
                       kosten_eur=round(k, 2), kosten_eur_contant=round(k, 2),
                       kosten_per_woning_eur=round(k / basis["woningen"]) if basis["woningen"] else np.nan,
                       co2_kg_minder=0.0, dmjop_gecombineerd=bool(r.get("dmjop_gecombineerd") or False),
                       binnen_wup=r.get("binnen_wup") if soort == "renovatie" else pd.NA,
                       redenen=r.get("redenen") or "doel")
            for post_k in KOSTENPOSTEN:
                rij[post_k] = round(k, 2) if post_k == post else 0.0
            rijen.append(rij)
    w = pd.DataFrame(rijen, columns=WERKEN_KOLOMMEN)
    return w.sort_values(["corporatie", "jaar", "complex_id"], kind="stable").reset_index(drop=True)
