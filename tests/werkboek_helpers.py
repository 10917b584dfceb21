"""Synthetic Plans for the workbook tests and benchmark: every documented Plan column filled with
plausible values, built directly (no solver), so the writer can be tested at any size."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd

from verduurzaming import labels as L
from verduurzaming.bevindingen import ACTIE_GESCHAT, ACTIE_RIJ_AFGEWEZEN, Bevindingen
from verduurzaming.planning.plan import Plan
from verduurzaming.portefeuille import Portefeuille
from verduurzaming.scenario import Corporatieparameters, Scenario
from planning_helpers import werken_uit_complexen

#: text that a spreadsheet would run as a formula if written naively
INJECTIES = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+31 20 123 4567", "-5", "@SUM(A1:A9)",
             "=1+1", "\tTAB", "=cmd|' /C calc'!A0"]
PAKKETTEN = [("schil_basis", "Schil basis"), ("schil_standaard", "Schil standaard"), ("hybride_wp", "Hybride warmtepomp"),
             ("warmtenet", "Warmtenet"), ("all_electric", "All-electric")]
STRATEGIEEN = ["warmtenet", "all-electric", "hybride", "groengas", "onbekend"]


def synthetisch(n: int = 200, *, jaren=range(2026, 2036), corporaties=("Woonstede", "WonenPlus", "Thuisbaas"),
                n_wijken: int | None = None, seed: int = 1, namen: list[str] | None = None,
                baseline: bool = True, n_bevindingen: int | None = None):
    """(plan, portfolio, scenario) with ``n`` complexes; ``namen`` overrides the first complex names."""
    rng = np.random.default_rng(seed)
    jaren = list(jaren)
    D = 2028
    n_wijken = n_wijken or max(3, min(200, n // 25))
    corp = np.array(corporaties, dtype=object)[rng.integers(0, len(corporaties), n)]
    wijk_codes = np.array([f"WK9999{i:02d}" if i < 100 else f"WK99{i:04d}" for i in range(n_wijken)], dtype=object)
    wijk = wijk_codes[rng.integers(0, n_wijken, n)]
    woningen = rng.integers(4, 120, n)
    # label distribution per complex: dirichlet over the 11 classes, skewed to B..E
    w = rng.dirichlet(np.array([.05, .05, .1, .3, 1, 2, 2, 1.5, 1, .5, .4]), n)
    cnt = np.floor(w * woningen[:, None]).astype(int)
    cnt[:, 7] += woningen - cnt.sum(1)
    efg = cnt[:, 8:].sum(1)
    gekozen = rng.random(n) < 0.4
    jaar = np.where(gekozen, rng.integers(jaren[0], min(D, jaren[-1]) + 1, n), 0)
    na = cnt.copy()
    na[gekozen, 5] += na[gekozen, 6:].sum(1)
    na[gekozen, 6:] = 0
    pv = rng.random(n) < 0.2
    pv_jaar = np.where(pv, rng.integers(jaren[0], jaren[-1] + 1, n), 0)
    pk = rng.integers(0, len(PAKKETTEN), n)
    ep2 = rng.uniform(120, 380, n)
    gas = woningen * rng.uniform(900, 1500, n)
    vrij = rng.random(n) < 0.02
    slechtst = np.array(L.LABELS, dtype=object)[10 - np.argmax(cnt[:, ::-1] > 0, axis=1)]
    slechtst_na = np.array(L.LABELS, dtype=object)[10 - np.argmax(na[:, ::-1] > 0, axis=1)]
    naam = np.array([f"Complex {i}" for i in range(n)], dtype=object)
    if namen:
        naam[:len(namen)] = namen
    d = {
        "corporatie": corp, "complex_id": np.array([str(1000 + i) for i in range(n)], dtype=object),
        "complex_naam": naam, "wijk_code": wijk, "buurt_code": np.array([c.replace("WK", "BU") + "01" for c in wijk]),
        "gemeente_code": "GM9999", "monument": vrij, "sloop_jaar": pd.array([pd.NA] * n, dtype="Int64"),
        "onderhoud_jaar": pd.array(rng.integers(jaren[0], jaren[-1] + 1, n), dtype="Int64"),
        "dak_geschikt_m2": rng.uniform(0, 800, n).round(0), "pv_panelen_aanwezig": rng.random(n) < 0.05,
        "woningen": woningen,
    }
    for k, lab in enumerate(L.LABELS):
        d[f"n_{lab}"] = cnt[:, k]
    d.update({"n_efg": efg, "n_geschat": rng.integers(0, 3, n), "ep2_gem_kwh_m2": ep2.round(1),
              "ep2_max_kwh_m2": (ep2 + 30).round(1), "gbo_m2": woningen * 70.0, "gasverbruik_m3": gas,
              "bouwjaar": pd.array(rng.integers(1930, 2010, n), dtype="Int64"),
              "woningtype": np.where(rng.random(n) < 0.5, "eengezins", "meergezins"),
              "slechtste_label": slechtst, "vrijgesteld": vrij,
              "vrijstelling_reden": np.where(vrij, "monument", None),
              "pakket": np.where(gekozen, np.array([p for p, _ in PAKKETTEN], dtype=object)[pk], None),
              "pakket_naam": np.where(gekozen, np.array([q for _, q in PAKKETTEN], dtype=object)[pk], None)})
    jr = pd.array(jaar, dtype="Int64")
    jr[~gekozen] = pd.NA
    d["jaar"] = jr
    d["kosten_eur"] = np.where(gekozen, woningen * rng.uniform(15000, 45000, n), 0.0).round(2)
    d["dmjop_gecombineerd"] = gekozen & (rng.random(n) < 0.3)
    bw = pd.array(rng.random(n) < 0.6, dtype="boolean")
    bw[~gekozen] = pd.NA
    d["binnen_wup"] = bw
    pj = pd.array(pv_jaar, dtype="Int64")
    pj[~pv] = pd.NA
    d["pv_jaar"] = pj
    d["pv_panelen"] = np.where(pv, woningen * 8, 0)
    d["pv_kwp"] = np.where(pv, woningen * 8 * 0.4, 0.0)
    d["pv_kwh_jaar"] = np.where(pv, woningen * 8 * 0.4 * 875, 0.0)
    d["pv_kosten_eur"] = np.where(pv, woningen * 8 * 450.0, 0.0)
    d["ep2_na_kwh_m2"] = np.where(gekozen, ep2 * 0.55, ep2).round(1)
    for k, lab in enumerate(L.LABELS):
        d[f"n_{lab}_na"] = na[:, k]
    d["n_efg_na"] = na[:, 8:].sum(1)
    d["slechtste_label_na"] = slechtst_na
    d["co2_kg_voor"] = gas * 1.78
    d["co2_kg_na"] = np.where(gekozen, gas * 0.6, gas) * 1.78
    d["huurkorting_eur_jaar"] = np.where(~gekozen & (efg > 0), efg * 300.0, 0.0)
    d["redenen"] = np.where(gekozen, np.where(efg > 0, "EFG-deadline;DMJOP", "WUP-uitvoering"), "")
    mis = ~gekozen & (efg > 0) & ~vrij
    d["schendingen"] = np.where(mis, "complex mist de deadline", "")
    geom = gpd.points_from_xy(rng.uniform(150000, 160000, n), rng.uniform(450000, 460000, n), crs="EPSG:28992")
    cx = gpd.GeoDataFrame(d, geometry=geom, crs="EPSG:28992")

    # per_jaar and wijk_jaar: aggregates of the decisions above (the planner's conventions)
    rows = []
    for c in sorted(set(corp)):
        m = corp == c
        for Y in jaren:
            klaar = gekozen & (jaar < Y) & m
            nu = gekozen & (jaar == Y) & m
            eind = gekozen & (jaar <= Y) & m
            n_lab = np.where(klaar[:, None], na, cnt)[m].sum(0)
            r = {"corporatie": c, "jaar": Y, "woningen": int(woningen[m].sum())}
            for k, lab in enumerate(L.LABELS):
                r[f"n_{lab}"] = int(n_lab[k])
            r["n_efg"] = int(n_lab[8:].sum())
            r["efg_verwijderd"] = int((efg - na[:, 8:].sum(1))[nu].sum())
            r["efg_vrijgesteld"] = int(efg[vrij & m].sum())
            r["renovaties_complexen"] = int(nu.sum())
            r["renovaties_woningen"] = int(woningen[nu].sum())
            r["kosten_eur"] = float(d["kosten_eur"][nu].sum() + d["pv_kosten_eur"][m & (pv_jaar == Y)].sum())
            r["pv_woningen"] = int(woningen[m & pv & (pv_jaar <= Y)].sum())
            r["pv_kwp"] = float(d["pv_kwp"][m & pv & (pv_jaar <= Y)].sum())
            e = np.where(eind, d["ep2_na_kwh_m2"], ep2)[m]
            r["ep2_gem_kwh_m2"] = round(float(np.average(e, weights=woningen[m])), 2)
            r["gemiddeld_label"] = str(L.label_uit_ep2(r["ep2_gem_kwh_m2"])[0])
            r["co2_kg"] = float(np.where(eind, d["co2_kg_na"], d["co2_kg_voor"])[m].sum())
            r["capaciteit_woningen"] = 300.0
            r["budget_eur"] = 8e6
            rows.append(r)
    per_jaar = pd.DataFrame(rows)
    wrows = []
    for wc in sorted(set(wijk)):
        m = wijk == wc
        for Y in jaren:
            nu, klaar, eind = gekozen & (jaar == Y) & m, gekozen & (jaar < Y) & m, gekozen & (jaar <= Y) & m
            wrows.append({"wijk_code": wc, "jaar": Y, "renovaties_woningen": int(woningen[nu].sum()),
                          "binnen_wup_woningen": int(woningen[nu & bw.fillna(False).to_numpy(bool)].sum()),
                          "buiten_wup_woningen": int(woningen[nu & ~bw.fillna(True).to_numpy(bool)].sum()),
                          "n_efg": int(np.where(klaar, na[:, 8:].sum(1), efg)[m].sum()),
                          "co2_kg": float(np.where(eind, d["co2_kg_na"], d["co2_kg_voor"])[m].sum())})
    wijk_jaar = pd.DataFrame(wrows)
    sch = pd.DataFrame({"corporatie": corp[mis], "complex_id": d["complex_id"][mis], "soort": "deadline",
                        "jaar": pd.array([D] * int(mis.sum()), dtype="Int64"),
                        "toelichting": [f"complex {i}: woningen E/F/G missen de deadline {D}" for i in d["complex_id"][mis]]})
    solver = pd.DataFrame({"corporatie": sorted(set(corp)), "status": "Optimal", "doelwaarde": 1.0e6, "gap": 0.003,
                           "seconden": 1.2})
    plan = Plan(complexen=cx, per_jaar=per_jaar, wijk_jaar=wijk_jaar, schendingen=sch, deadline=D,
                diagnose=["Synthetisch: capaciteit te laag voor enkele complexen"] if mis.any() else [],
                solver=solver, bronversies={"maatregelen": "synthetisch", "co2_factoren": "synthetisch"},
                jaren=jaren, werken=werken_uit_complexen(cx))
    if baseline:
        b_cx = cx.copy()
        b_cx["jaar"] = pd.array(np.where(efg > 0, jaren[0], 0), dtype="Int64")
        b_cx.loc[efg == 0, "jaar"] = pd.NA
        plan.baseline = Plan(complexen=b_cx, per_jaar=per_jaar.copy(), wijk_jaar=wijk_jaar.copy(),
                             schendingen=sch.iloc[:0].copy(), deadline=D, jaren=jaren,
                             werken=werken_uit_complexen(b_cx))

    wijken = gpd.GeoDataFrame({
        "wijk_code": wijk_codes, "wijk_naam": [f"Wijk {i}" for i in range(n_wijken)], "gemeente_code": "GM9999",
        "gemeente_naam": "Voorbeeldstad", "cbs_jaar": pd.array([2024] * n_wijken, dtype="Int64"),
        "strategie": np.array(STRATEGIEEN, dtype=object)[np.arange(n_wijken) % len(STRATEGIEEN)],
        **{k: pd.array(np.where(np.arange(n_wijken) % 2 == 0, v, 0), dtype="Int64")
           for k, v in [("wup_start", 2026), ("wup_gereed", 2027), ("uitvoering_start", 2028),
                        ("uitvoering_eind", 2032), ("aardgasvrij_jaar", 2035)]},
    }, geometry=gpd.points_from_xy(np.zeros(n_wijken), np.zeros(n_wijken)).buffer(1), crs="EPSG:28992")
    for k in ["wup_start", "wup_gereed", "uitvoering_start", "uitvoering_eind", "aardgasvrij_jaar"]:
        wijken.loc[wijken[k] == 0, k] = pd.NA
    bev = Bevindingen()
    nb = n_bevindingen if n_bevindingen is not None else min(n, 500)
    for i in range(nb):
        bev.voeg_toe("corp_vhe.csv", i + 2, "Energielabel", "H" if i % 2 else INJECTIES[i % len(INJECTIES)],
                     "onbekend energielabel", ACTIE_GESCHAT if i % 3 else ACTIE_RIJ_AFGEWEZEN, sleutel=str(10_000 + i))
    bev.boek("corp_vhe.csv", rijen_in=nb + 1000, gebruikt=1000 + nb // 3 * 2, afgewezen=nb - nb // 3 * 2)
    portefeuille = Portefeuille(woningen=pd.DataFrame(), complexen=cx, wijken=wijken, bevindingen=bev,
                          peildatum=dt.date(jaren[0], 1, 1), deadline=D,
                          bronversies={"cbs_wijken": "2024", "energielabels": "NTA 8800 (2021)"})
    scenario = Scenario(naam="Synthetisch", startjaar=jaren[0], eindjaar=jaren[-1], deadline=D,
                        peildatum=dt.date(jaren[0], 1, 1),
                        corporaties={c: Corporatieparameters(capaciteit_woningen=300, budget_eur=8e6)
                                     for c in corporaties},
                        doelen={"co2_reductie_pct": {jaren[0]: 30}, "co2_referentiejaar": jaren[0]})
    return plan, portefeuille, scenario
