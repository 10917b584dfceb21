"""Progress: realised state + plan + agreements -> statuses and tables (pure: no files, no printing).

Flow (``verduurzaming voortgang``)::

    Portfolio (start) + Realisatie  --realiseer-->  Portfolio on the peildatum (labels after the works)
    Plan (as agreed) + Portfolio on the peildatum + re-plan  --bereken_voortgang-->  Voortgang

Rules for the realised state, per dwelling, in this order:

1. A complex realised (``gerealiseerd_jaar`` on or before the peildatum's year) with a package
   the catalog knows (the realised one, else the planned one) gets that package's effect on EP2
   (``measures``), never worse than now.
2. A complex ``nieuw_label`` is the registered label after the works: dwellings still worse are
   set to it (EP2 capped at the top of its band). A label worse than the complex's worst now is
   a finding and is ignored.
3. A dwelling registration (corporation export, EP-online) newer than the portfolio's label is the
   valid label and wins (also when it is worse: a finding says so).
4. ``pv_gerealiseerd_jaar`` marks PV as present.

Timing: a planned year means "done by 31 December". The planned value on the peildatum is
interpolated linearly within the year between the plan's year-end values.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .planning.nabewerking import co2_referentie_kg, co2_referentiejaar, gemiddelde_waarde
from . import labels as L
from .afspraken import ACHTER, GEHAALD, NIET_HAALBAAR, OP_SCHEMA, Afspraak, lees_afspraken
from .findings import ACTIE_GEMELD, Bevindingen
from .planning.gemeente import gemeente_overzicht  # noqa: F401  (re-exported)

RANG_E = L.RANG["E"]
_TYPISCH = np.array([L.EP2_TYPISCH_KWH_M2[lab] for lab in L.LABELS], dtype=float)
_HI = {lab: L.ep2_grenzen(lab)[1] for lab in L.LABELS}

#: work statuses per complex
WERK_STATUSSEN = ("gerealiseerd volgens plan", "eerder gerealiseerd", "later gerealiseerd",
                  "gerealiseerd, niet gepland", "gerealiseerd, te controleren", "vertraagd", "loopt dit jaar", "gepland", "geen werk")

NPA_INDICATOREN = [
    ("efg", "Woningen met label E, F of G (resterend, excl. vrijgesteld)"),
    ("verbeterd", "Woningen met een verbeterd label"),
    ("standaard", "Woningen geïsoleerd naar de Standaard"),
    ("pv", "Woningen met zonnepanelen"),
    ("agv", "Woningen aardgasvrij(-ready)"),
]


@dataclass
class Toestand:
    """The realised state on the peildatum."""

    portfolio: object                   # Portfolio with labels after the realised works
    complexen: pd.DataFrame             # per complex: realised works and counts (see realiseer)
    bevindingen: Bevindingen


@dataclass
class Voortgang:
    """Everything the progress workbook shows; tables only (the writer reshapes nothing)."""

    peildatum: dt.date
    afspraken: pd.DataFrame
    complexen: pd.DataFrame
    halfjaar: pd.DataFrame
    verschoven: pd.DataFrame
    efg_pad: pd.DataFrame
    npa: pd.DataFrame
    gemeente: pd.DataFrame
    wijzigingen: pd.DataFrame = field(default_factory=pd.DataFrame)
    bevindingen: Bevindingen = field(default_factory=Bevindingen)
    samenvatting: dict = field(default_factory=dict)


# ------------------------------------------------------------------ realised state

def _catalogus(scenario, catalogus):
    from .planning.opties import catalogus_laden
    cat = catalogus_laden(scenario, catalogus)
    return cat[cat["soort"].astype(str) == "renovatie"].reset_index(drop=True)


def realiseer(portfolio, plan, realisatie, peildatum: dt.date, scenario, catalogus: pd.DataFrame | None = None,
              bev: Bevindingen | None = None) -> Toestand:
    """Apply the realisation to the portfolio: a new Portfolio with the labels on the peildatum."""
    from .planning.opties import na_pakket, rang_uit_ep2
    from .validate.realisatie import toets_realisatie
    bev = bev if bev is not None else Bevindingen()
    cat = _catalogus(scenario, catalogus)
    catrij = {str(p): cat.iloc[i] for i, p in enumerate(cat["pakket"])}
    if realisatie is not None:
        startjaar = int(plan.jaren[0]) if plan is not None and getattr(plan, "jaren", None) else int(scenario.startjaar)
        realisatie = toets_realisatie(realisatie, bev, portfolio=portfolio, catalogus=cat, startjaar=startjaar,
                                      peildatum=peildatum, plan=plan)
    w = portfolio.woningen.copy()
    key_w = list(zip(w["corporatie"].astype(str), w["complex_id"].astype(str)))
    w["_key"] = key_w
    ep2 = pd.to_numeric(w["ep2_kwh_m2"], errors="coerce").to_numpy(dtype=float)
    rang0 = w["energielabel"].map(L.RANG).to_numpy(dtype=float)
    ep2 = np.where(np.isfinite(ep2), ep2, _TYPISCH[np.nan_to_num(rang0, nan=L.RANG["D"]).astype(int)])
    rang0 = np.where(np.isfinite(rang0), rang0, rang_uit_ep2(ep2)).astype(int)
    rang = rang0.copy()
    ep2_nu = ep2.copy()
    gas = pd.to_numeric(w.get("gasverbruik_m3"), errors="coerce").to_numpy(dtype=float, copy=True) \
        if "gasverbruik_m3" in w else np.full(len(w), np.nan)
    verwarming = w["verwarming"].to_numpy(dtype=object, copy=True) if "verwarming" in w else None
    q_nu = pd.to_numeric(w["warmtebehoefte_kwh_m2"], errors="coerce").to_numpy(dtype=float, copy=True) \
        if "warmtebehoefte_kwh_m2" in w else None
    pos = pd.Series(np.arange(len(w))).groupby(pd.Series(key_w)).apply(list).to_dict() if len(w) else {}

    cx = portfolio.complexen
    gepland = {}
    if plan is not None:
        pc = plan.complexen
        gepland = {(str(c), str(i)): (p, j) for c, i, p, j in zip(pc["corporatie"], pc["complex_id"], pc["pakket"],
                                                                   pc["jaar"])}
    rc = realisatie.complexen if realisatie is not None else pd.DataFrame()
    per_complex = {}
    for r in rc.itertuples():
        k = (str(r.corporatie), str(r.complex_id))
        if pd.isna(r.gerealiseerd_jaar) and pd.isna(r.pv_gerealiseerd_jaar):
            continue
        per_complex[k] = r
        if pd.isna(r.gerealiseerd_jaar):
            continue
        idx = np.asarray(pos.get(k, []), dtype=int)
        pk = r.gerealiseerd_pakket if isinstance(r.gerealiseerd_pakket, str) and r.gerealiseerd_pakket in catrij \
            else None
        if pk is None:
            gp = gepland.get(k, (None, None))[0]
            pk = gp if isinstance(gp, str) and gp in catrij else None
        if len(idx) and pk is not None:
            res = na_pakket(w.iloc[idx], ep2_nu[idx], catrij[pk])
            e = np.minimum(res["ep2_na"], ep2_nu[idx])
            ep2_nu[idx] = e
            rang[idx] = np.minimum(rang_uit_ep2(e), rang[idx])
            gas[idx] = res["gas_m3"]
            if res["verwarming_na"] is not None and "verwarming" in w:
                verwarming[idx] = res["verwarming_na"]
                q_nu[idx] = res["q_na"]
        lab = r.nieuw_label if isinstance(r.nieuw_label, str) else None
        if len(idx) and lab is not None:
            rn = L.RANG[lab]
            slechter = rang[idx] > rn
            rang[idx[slechter]] = rn
            ep2_nu[idx] = np.where(slechter, np.minimum(ep2_nu[idx], _HI[lab] if np.isfinite(_HI[lab]) else np.inf),
                                   ep2_nu[idx])
            gas[idx[slechter]] = np.nan  # metered use before the works no longer holds: estimate from EP2
        if pk is None and lab is None:
            bev.voeg_toe(r.bestand, r.rij, "gerealiseerd_pakket", r.gerealiseerd_pakket,
                         "gerealiseerd zonder herkend pakket, gepland pakket of nieuw label: effect op labels onbekend, "
                         "alleen als uitgevoerd geteld", ACTIE_GEMELD, sleutel=r.complex_id)
        per_complex[k] = r._replace(gerealiseerd_pakket=pk or r.gerealiseerd_pakket)
    rw = realisatie.woningen if realisatie is not None else pd.DataFrame()
    if len(rw):
        # VHE numbers are per corporation: the reader matched each row to one dwelling of its own
        vpos = {k: i for i, k in enumerate(zip(w["corporatie"].astype(str), w["vhe_id"].astype(str)))}
        for r in rw.itertuples():
            i = vpos.get((str(r.corporatie), str(r.vhe_id)))
            if i is None:
                continue
            rn = L.RANG.get(r.energielabel)
            if rn is None:
                continue
            e = r.ep2_kwh_m2 if pd.notna(r.ep2_kwh_m2) else _TYPISCH[rn]
            rang[i], ep2_nu[i] = rn, float(e)
            gas[i] = np.nan
    nieuw = w.drop(columns="_key").copy()
    veranderd = (rang != rang0) | (ep2_nu != ep2)
    nieuw["energielabel"] = np.array(L.LABELS, dtype=object)[rang]
    nieuw["ep2_kwh_m2"] = ep2_nu
    if "gasverbruik_m3" in nieuw:
        nieuw["gasverbruik_m3"] = gas
    if verwarming is not None:
        nieuw["verwarming"] = verwarming
    if q_nu is not None:
        nieuw["warmtebehoefte_kwh_m2"] = q_nu
    if "label_bron" in nieuw:
        nieuw.loc[veranderd, "label_bron"] = "gerealiseerd"
    nieuw["label_rang_start"] = rang0
    c2 = _heraggregeer(cx, nieuw, per_complex, peildatum)
    # a complex whose works are done and that has no E/F/G left is not renovated again by a re-plan
    klaar = np.array([(str(a), str(b)) in per_complex and pd.notna(per_complex[(str(a), str(b))].gerealiseerd_jaar)
                      for a, b in zip(c2["corporatie"], c2["complex_id"])], dtype=bool)
    vrij = c2["vrijgesteld"].fillna(False).astype(bool).to_numpy() if "vrijgesteld" in c2 else np.zeros(len(c2), bool)
    klaar &= (c2["n_efg"].to_numpy() == 0) & ~vrij
    if klaar.any():
        c2["vrijgesteld"] = vrij | klaar
        if "vrijstelling_reden" not in c2:
            c2["vrijstelling_reden"] = None
        jaren = [int(per_complex[(str(a), str(b))].gerealiseerd_jaar) if k else None
                 for a, b, k in zip(c2["corporatie"], c2["complex_id"], klaar)]
        c2["vrijstelling_reden"] = [f"gerealiseerd {j}" if j else r for j, r in zip(jaren, c2["vrijstelling_reden"])]
    p2 = copy.copy(portfolio)
    p2.woningen = nieuw.drop(columns="label_rang_start")
    p2.complexen = c2
    p2.peildatum = peildatum
    # per complex realised-work table
    rows = []
    for (corp, cid), r in per_complex.items():
        rows.append(dict(corporatie=corp, complex_id=cid, gerealiseerd_jaar=r.gerealiseerd_jaar,
                         gerealiseerd_pakket=r.gerealiseerd_pakket, nieuw_label=r.nieuw_label,
                         pv_gerealiseerd_jaar=r.pv_gerealiseerd_jaar, controle=getattr(r, "controle", None)))
    rcx = pd.DataFrame(rows, columns=["corporatie", "complex_id", "gerealiseerd_jaar", "gerealiseerd_pakket",
                                      "nieuw_label", "pv_gerealiseerd_jaar", "controle"])
    # dwelling-level counts per complex
    g = pd.DataFrame({"corporatie": nieuw["corporatie"].astype(str), "complex_id": nieuw["complex_id"].astype(str),
                      "verbeterd": rang < rang0, "efg_start": rang0 >= RANG_E, "efg_nu": rang >= RANG_E})
    tel = g.groupby(["corporatie", "complex_id"], sort=False)[["verbeterd", "efg_start", "efg_nu"]].sum().reset_index()
    rcx = tel.merge(rcx, on=["corporatie", "complex_id"], how="left")
    return Toestand(p2, rcx, bev)


def _heraggregeer(cx: pd.DataFrame, w: pd.DataFrame, per_complex: dict, peildatum: dt.date) -> pd.DataFrame:
    """Complex label columns from the updated dwellings; PV realised -> present."""
    c = cx.copy()
    key = pd.MultiIndex.from_arrays([c["corporatie"].astype(str), c["complex_id"].astype(str)])
    gw = w.assign(_c=w["corporatie"].astype(str), _i=w["complex_id"].astype(str))
    gbo = pd.to_numeric(gw["gbo_m2"], errors="coerce").fillna(75.0)
    gw["_ep2g"] = pd.to_numeric(gw["ep2_kwh_m2"], errors="coerce") * gbo
    gw["_gbo"] = gbo
    grp = gw.groupby(["_c", "_i"])
    for lab in L.LABELS:
        n = (gw["energielabel"] == lab).groupby([gw["_c"], gw["_i"]]).sum()
        c[f"n_{lab}"] = n.reindex(key).fillna(c.get(f"n_{lab}", 0)).astype(int).to_numpy() if len(n) else c.get(f"n_{lab}", 0)
    c["n_efg"] = sum(c[f"n_{lab}"] for lab in L.SLECHT)
    gem = (grp["_ep2g"].sum() / grp["_gbo"].sum()).reindex(key)
    c["ep2_gem_kwh_m2"] = np.where(gem.notna().to_numpy(), gem.to_numpy(),
                                   c["ep2_gem_kwh_m2"] if "ep2_gem_kwh_m2" in c else np.nan)
    mx = grp["ep2_kwh_m2"].max().reindex(key)
    c["ep2_max_kwh_m2"] = np.where(mx.notna().to_numpy(), mx.to_numpy(),
                                   c["ep2_max_kwh_m2"] if "ep2_max_kwh_m2" in c else np.nan)
    rang = np.stack([c[f"n_{lab}"].to_numpy() > 0 for lab in L.LABELS], axis=1)
    slechtste = np.where(rang.any(1), rang.shape[1] - 1 - np.argmax(rang[:, ::-1], axis=1), -1)
    c["slechtste_label"] = [L.LABELS[s] if s >= 0 else None for s in slechtste]
    if "gasverbruik_m3" in c:
        gas = grp["gasverbruik_m3"].sum(min_count=1).reindex(key) if "gasverbruik_m3" in gw else None
        if gas is not None:
            c["gasverbruik_m3"] = gas.to_numpy()
    pv = [(str(a), str(b)) in per_complex and pd.notna(per_complex[(str(a), str(b))].pv_gerealiseerd_jaar)
          for a, b in zip(c["corporatie"], c["complex_id"])]
    oud = c["pv_panelen_aanwezig"].fillna(False).astype(bool) if "pv_panelen_aanwezig" in c else False
    c["pv_panelen_aanwezig"] = oud | np.array(pv, dtype=bool)
    return c


# ------------------------------------------------------------------ indicator values

def _tijd(peildatum: dt.date) -> float:
    """Fraction of the peildatum's year that has passed (1 January = 0)."""
    return (peildatum.timetuple().tm_yday - 1) / (366 if peildatum.year % 4 == 0 else 365)


def _waarden(o, mask: np.ndarray, jaar: int, pv_nieuw: np.ndarray, elek: np.ndarray, warmte: np.ndarray,
             definitie: tuple[str, str] = ("ep2", "m2")) -> dict:
    """Indicator values of the state described by Opties ``o`` (its start arrays) on complexes ``mask``.

    ``lbl`` is the mean a "gemiddeld label" is read from, per the scenario's definition (EP2 or EI,
    per m2 or per dwelling), computed as the plan computes it."""
    from .planning.opties import co2_factoren
    gbo = o.gbo[mask].sum()
    ep2 = o.ep2sum0[mask].sum() - (o.pv_ep2_red * o.gbo)[mask & pv_nieuw].sum()
    ep2_c = np.where(o.gbo > 0, (o.ep2sum0 - np.where(pv_nieuw, o.pv_ep2_red * o.gbo, 0.0)) / np.maximum(o.gbo, 1e-9),
                     np.nan)
    lbl = gemiddelde_waarde(o.n0[mask], ep2_c[mask], o.woningen[mask], o.gbo[mask], *definitie)
    fg, fe, fw = co2_factoren(jaar, getattr(o, "factoren", None))
    co2 = (fg * o.gas0 + fe * (o.elek0 + elek - np.where(pv_nieuw, o.pv_kwh, 0)) + fw * warmte)[mask].sum()
    return {
        "ep2": ep2 / gbo if gbo > 0 else np.nan,
        "lbl": lbl,
        "efg": float(np.where(o.vrij, 0, o.n0[:, RANG_E:].sum(1))[mask].sum()),
        "pv": float(o.woningen[mask & (o.pv_aanwezig | pv_nieuw)].sum()),
        "co2_kg": float(co2),
        "gbo": float(gbo),
    }


def _plan_reeks(plan, corps: list[str], gbo_corp: dict, start: dict, weging: str = "m2") -> pd.DataFrame:
    """Year-end values of the plan for a set of corporations: ep2, lbl (the mean-label value per the
    scenario's definition), efg (excl. exempt), pv, co2_kg, renovaties."""
    pj = plan.per_jaar
    pj = pj[pj["corporatie"].astype(str).isin(corps)]
    rijen = [dict(jaar=None, **start)]
    for y, g in pj.groupby("jaar", sort=True):
        gb = np.array([gbo_corp.get(str(c), 0.0) for c in g["corporatie"]])
        ep2 = float((g["ep2_gem_kwh_m2"].to_numpy(dtype=float) * gb).sum() / gb.sum()) if gb.sum() > 0 else np.nan
        efg_eind = float((g["n_efg"] - g["efg_verwijderd"] - g["efg_vrijgesteld"]).sum())
        if "gemiddeld_label_waarde" in g:
            gw = gb if weging == "m2" else g["woningen"].to_numpy(dtype=float)
            lw = g["gemiddeld_label_waarde"].to_numpy(dtype=float)
            lbl = float((lw * gw).sum() / gw.sum()) if gw.sum() > 0 else np.nan
        else:
            lbl = ep2
        rijen.append(dict(jaar=int(y), ep2=ep2, lbl=lbl, efg=efg_eind, pv=float(g["pv_woningen"].sum()),
                          co2_kg=float(g["co2_kg"].sum()), renovaties=float(g["renovaties_woningen"].sum())))
    df = pd.DataFrame(rijen)
    eerste = int(pj["jaar"].min()) if len(pj) else 0
    df.loc[0, "jaar"] = eerste - 1
    df["renovaties"] = df["renovaties"].fillna(0).cumsum()
    return df.set_index("jaar")


def _op(reeks: pd.DataFrame, kol: str, jaar: int, frac: float = 1.0) -> float:
    """Value at the end of ``jaar`` (frac 1) or inside it (linear from the end of the year before)."""
    idx = reeks.index
    if not len(idx):
        return np.nan
    jaar_c = min(max(jaar, idx.min()), idx.max())
    eind = float(reeks.loc[jaar_c, kol])
    vorig_j = min(max(jaar - 1, idx.min()), idx.max())
    vorig = float(reeks.loc[vorig_j, kol])
    if jaar > idx.max():
        return float(reeks.loc[idx.max(), kol])
    return vorig + frac * (eind - vorig)


def _voldoet(ind: str, waarde: float, doel, marge: float, ref: float | None = None, maat: str = "ep2") -> bool:
    if waarde is None or (isinstance(waarde, float) and np.isnan(waarde)):
        return False
    if ind == "gemiddeld_label":
        return L.gemiddeld_label_gehaald(float(waarde), doel, maat) if maat == "ei" else waarde <= _HI[doel] + 1e-9
    if ind == "geen_efg":
        return waarde <= 0.5
    if ind in ("pv_woningen", "renovaties"):
        return waarde >= float(doel) * (1 - marge / 100.0) - 1e-9
    if ind == "co2_reductie":
        return waarde >= float(doel) - 1e-9
    return False


def _beter_of_gelijk(ind: str, a: float, b: float, marge: float, maat: str = "ep2") -> bool:
    """Is realised ``a`` at least as good as planned ``b`` (with a small tolerance)?"""
    if np.isnan(a) or np.isnan(b):
        return True
    if ind == "gemiddeld_label":
        return a <= b + (0.02 if maat == "ei" else 2.0)  # EI, or kWh/m2
    if ind == "co2_reductie":
        return a >= b - 1.0  # percentage points
    if ind == "geen_efg":
        return a <= b * (1 + marge / 100.0) + 1
    return a >= b * (1 - max(marge, 5.0) / 100.0) - 1


def _fmt(ind: str, v: float, maat: str = "ep2") -> object:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if ind == "gemiddeld_label":
        if maat == "ei":
            return f"{L.gemiddeld_label_uit_ei(v)[0]} (EI {v:.2f})"
        return f"{L.label_uit_ep2(v)[0]} ({v:.0f} kWh/m²)"
    if ind == "co2_reductie":
        return round(v, 1)
    return int(round(v))


_EENHEID = {"gemiddeld_label": "label (EP2 kWh/m²)", "pv_woningen": "woningen", "geen_efg": "woningen E/F/G",
            "co2_reductie": "% reductie", "renovaties": "woningen", "uitvoeringsprogramma": "woningen E/F/G"}


# ------------------------------------------------------------------ main

def bereken_voortgang(plan, portfolio, scenario, realisatie, peildatum: dt.date, *, herplan=None,
                      catalogus: pd.DataFrame | None = None, afspraken: list[Afspraak] | None = None,
                      toestand: Toestand | None = None, vorig_plan: pd.DataFrame | None = None) -> Voortgang:
    """Statuses of the agreements and the progress tables on ``peildatum``.

    ``plan``: the plan as agreed (its years and per-year values are the schedule);
    ``herplan``: the re-plan from the realised state (the prognosis; without it the plan is used);
    ``vorig_plan``: per complex ``corporatie, complex_id, pakket, jaar`` as agreed when that differs
    from ``plan`` (e.g. the Planning sheet that was handed out).
    """
    from .planning.opties import bouw_opties
    bev = Bevindingen()
    afspraken = lees_afspraken(scenario.afspraken) if afspraken is None else afspraken
    if toestand is None:
        toestand = realiseer(portfolio, plan, realisatie, peildatum, scenario, catalogus, bev)
    cat = _catalogus(scenario, catalogus)
    o0 = bouw_opties(portfolio, scenario, catalogus)
    o1 = bouw_opties(toestand.portfolio, scenario, catalogus)
    C = o0.C
    cx = o0.complexen
    keys = list(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str)))
    kpos = {k: i for i, k in enumerate(keys)}
    jaar_nu, frac = peildatum.year, _tijd(peildatum)

    # realised works per complex (aligned with o0)
    rc = toestand.complexen.set_index(["corporatie", "complex_id"])
    gj = np.full(C, np.nan)
    gpk = np.full(C, None, dtype=object)
    controle = np.full(C, None, dtype=object)
    pvj = np.full(C, np.nan)
    for k, r in rc.iterrows():
        i = kpos.get(k)
        if i is None:
            continue
        gj[i] = r["gerealiseerd_jaar"] if pd.notna(r["gerealiseerd_jaar"]) else np.nan
        gpk[i] = r["gerealiseerd_pakket"] if isinstance(r["gerealiseerd_pakket"], str) else None
        pvj[i] = r["pv_gerealiseerd_jaar"] if pd.notna(r["pv_gerealiseerd_jaar"]) else np.nan
        controle[i] = r["controle"] if isinstance(r.get("controle"), str) else None
    gedaan = np.isfinite(gj)
    pv_nieuw = np.isfinite(pvj) & ~o0.pv_aanwezig
    pk_idx = np.array([o0.pakketten.index(p) if isinstance(p, str) and p in o0.pakketten else -1 for p in gpk])
    ar = np.arange(C)
    heeft_pk = gedaan & (pk_idx >= 0)
    elek = np.where(heeft_pk, o0.elek_extra[ar, np.maximum(pk_idx, 0)], 0.0) if o0.P else np.zeros(C)
    warmte = np.where(heeft_pk, o0.warmte[ar, np.maximum(pk_idx, 0)], o0.warmte0) if o0.P else o0.warmte0.copy()
    verbeterd = np.zeros(C)
    tel = toestand.complexen.set_index(["corporatie", "complex_id"])["verbeterd"].to_dict() \
        if len(toestand.complexen) else {}
    for k, v in tel.items():
        if k in kpos:
            verbeterd[kpos[k]] = float(v)
    standaard_pk = np.array(["standaard" in f"{p} {n}".lower() for p, n in zip(cat["pakket"], cat["naam"])]) \
        if len(cat) else np.zeros(0, bool)
    cat_idx = {str(p): i for i, p in enumerate(cat["pakket"])}
    is_std = np.array([bool(standaard_pk[cat_idx[p]]) if isinstance(p, str) and p in cat_idx else False for p in gpk])
    is_agv = np.array([bool(o0.agv[i, o0.pakketten.index(p)]) if isinstance(p, str) and p in o0.pakketten else False
                       for i, p in enumerate(gpk)])

    # planned per complex (as agreed)
    pc = plan.complexen
    plan_pk = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str)), pc["pakket"]))
    plan_jr = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str)), pc["jaar"]))
    if vorig_plan is not None and len(vorig_plan):
        for r in vorig_plan.itertuples():
            k = (str(r.corporatie), str(r.complex_id))
            if pd.notna(r.jaar) or isinstance(r.pakket, str):
                plan_pk[k], plan_jr[k] = r.pakket, r.jaar
    pj_arr = np.array([float(plan_jr.get(k)) if pd.notna(plan_jr.get(k)) else np.nan for k in keys])
    pk_arr = np.array([plan_pk.get(k) if isinstance(plan_pk.get(k), str) else None for k in keys], dtype=object)
    hp = {}
    if herplan is not None:
        h = herplan.complexen
        hp = dict(zip(zip(h["corporatie"].astype(str), h["complex_id"].astype(str)), zip(h["pakket"], h["jaar"])))

    status = []
    for i in range(C):
        p, g = pj_arr[i], gj[i]
        if np.isfinite(g):
            if controle[i] is not None:  # the realisation claims what no package can do (see validate)
                s = "gerealiseerd, te controleren"
            elif not np.isfinite(p):
                s = "gerealiseerd, niet gepland"
            elif g < p:
                s = "eerder gerealiseerd"
            elif g > p:
                s = "later gerealiseerd"
            else:
                s = "gerealiseerd volgens plan"
        elif np.isfinite(p):
            s = "vertraagd" if p < jaar_nu else ("loopt dit jaar" if p == jaar_nu else "gepland")
        else:
            s = "geen werk"
        status.append(s)
    wijknaam = {}
    wk = portfolio.wijken
    if wk is not None and len(wk):
        wijknaam = dict(zip(wk["wijk_code"], wk["wijk_naam"]))
    complexen = pd.DataFrame({
        "corporatie": [k[0] for k in keys], "complex_id": [k[1] for k in keys],
        "complex_naam": cx.get("complex_naam", pd.Series([None] * C)).to_numpy(),
        "wijk_code": cx["wijk_code"].to_numpy() if "wijk_code" in cx else None,
        "wijk_naam": [wijknaam.get(c) for c in (cx["wijk_code"] if "wijk_code" in cx else [None] * C)],
        "woningen": o0.woningen.astype(int),
        "gepland_pakket": pk_arr, "gepland_jaar": pd.array([int(x) if np.isfinite(x) else None for x in pj_arr],
                                                           dtype="Int64"),
        "gerealiseerd_jaar": pd.array([int(x) if np.isfinite(x) else None for x in gj], dtype="Int64"),
        "gerealiseerd_pakket": gpk,
        "pv_gerealiseerd_jaar": pd.array([int(x) if np.isfinite(x) else None for x in pvj], dtype="Int64"),
        "status": status,
        "efg_start": np.where(o0.vrij, 0, o0.n0[:, RANG_E:].sum(1)).astype(int),
        "efg_nu": np.where(o0.vrij, 0, o1.n0[:, RANG_E:].sum(1)).astype(int),
        "label_verbeterd_woningen": verbeterd.astype(int),
        "slechtste_label_start": cx.get("slechtste_label"),
        "slechtste_label_nu": toestand.portfolio.complexen["slechtste_label"].to_numpy(),
        "herplan_pakket": [hp.get(k, (None, None))[0] for k in keys],
        "herplan_jaar": pd.array([int(hp[k][1]) if k in hp and pd.notna(hp[k][1]) else None for k in keys],
                                 dtype="Int64"),
        "vrijgesteld": o0.vrij,
    })
    verschoven = complexen[complexen["status"].isin(["vertraagd", "later gerealiseerd"])].copy()
    verschoven["jaren_later"] = np.where(
        verschoven["status"] == "vertraagd",
        verschoven["herplan_jaar"].astype("Float64").fillna(np.nan).to_numpy(dtype=float)
        - verschoven["gepland_jaar"].astype(float).to_numpy(),
        verschoven["gerealiseerd_jaar"].astype(float).to_numpy() - verschoven["gepland_jaar"].astype(float).to_numpy())
    verschoven = verschoven[["corporatie", "complex_id", "complex_naam", "wijk_code", "wijk_naam", "woningen",
                             "efg_start", "efg_nu", "gepland_pakket", "gepland_jaar", "gerealiseerd_jaar", "status",
                             "herplan_pakket", "herplan_jaar", "jaren_later"]].reset_index(drop=True)

    corps = sorted(set(o0.corporatie.astype(str)))
    gbo_corp = {c: float(o0.gbo[o0.corporatie.astype(str) == c].sum()) for c in corps}

    definitie = L.gemiddeld_label_definitie(getattr(scenario, "doelen", {}) or {})

    def meting(mask: np.ndarray, cs: list[str]) -> dict:
        start = _waarden(o0, mask, plan.jaren[0] if plan.jaren else jaar_nu, np.zeros(C, bool), np.zeros(C),
                         o0.warmte0, definitie)
        nu = _waarden(o1, mask, jaar_nu, pv_nieuw, elek, warmte, definitie)
        start_r = dict(ep2=start["ep2"], lbl=start["lbl"], efg=start["efg"], pv=start["pv"], co2_kg=start["co2_kg"],
                       renovaties=0.0)
        reeks = _plan_reeks(plan, cs, gbo_corp, start_r, definitie[1])
        hreeks = _plan_reeks(herplan, cs, gbo_corp, dict(ep2=nu["ep2"], lbl=nu["lbl"], efg=nu["efg"], pv=nu["pv"],
                                                         co2_kg=nu["co2_kg"], renovaties=0.0), definitie[1]) \
            if herplan is not None else None
        ren_nu = float(o0.woningen[mask & (gedaan | (verbeterd > 0))].sum())
        # the CO2 reference of plan and voortgang alike: the corporations' own stock in co2_referentiejaar
        ref_co2 = float(co2_referentie_kg(o0, scenario)[mask].sum())
        return dict(start=start, nu=nu, reeks=reeks, hreeks=hreeks, ren_nu=ren_nu, ref_co2=ref_co2)

    # ---- agreements
    rijen = []
    for a in afspraken:
        if a.per_corporatie:
            groepen = [(c, [c]) for c in corps]
        elif a.corporatie:
            groepen = [(a.corporatie, [a.corporatie])]
        else:
            groepen = [("alle corporaties", corps)]
        for naam, cs in groepen:
            mask = np.isin(o0.corporatie.astype(str), cs)
            if not mask.any():
                rijen.append(_rij(a, naam, a.doelen[0][0], a.doelen[0][1], None, None, None, None, None, NIET_HAALBAAR,
                                  f"geen complexen van {naam} in de portefeuille"))
                continue
            if a.indicator == "uitvoeringsprogramma":
                rijen.append(_programma(a, naam, mask, cx, complexen, o0, o1, jaar_nu, herplan, scenario))
                continue
            m = meting(mask, cs)
            for jaar, doel in a.doelen:
                rijen.append(_status_rij(a, naam, jaar, doel, m, jaar_nu, frac, scenario))
    afspraken_df = pd.DataFrame(rijen, columns=_AFSPRAAK_KOLOMMEN)

    # ---- half years per corporation x wijk
    halfjaar = _halfjaar(complexen, peildatum, scenario, plan)
    # ---- E/F/G against the NPA path
    efg_pad = _efg_pad(corps, meting, o0.corporatie, plan, herplan, scenario, peildatum)
    # ---- NPA progress figures
    npa = _npa(corps, o0, o1, complexen, gedaan, pv_nieuw, is_std, is_agv, pj_arr, plan, herplan, scenario,
               jaar_nu, frac, meting)
    gemeente = gemeente_overzicht(plan, portfolio, scenario, complexen)
    samen = {"peildatum": peildatum, "afspraken": len(afspraken),
             "statussen": afspraken_df["status"].value_counts().to_dict() if len(afspraken_df) else {},
             "complexen_gerealiseerd": int(gedaan.sum()), "woningen_gerealiseerd": int(o0.woningen[gedaan].sum()),
             "vertraagd": int((complexen["status"] == "vertraagd").sum()),
             "efg_start": int(complexen["efg_start"].sum()), "efg_nu": int(complexen["efg_nu"].sum()),
             "gemiddeld_label_definitie": L.definitie_tekst(*definitie)}
    if toestand.bevindingen is not bev:
        bev.extend(toestand.bevindingen)
    wz = wijzigingen(vorig_plan if vorig_plan is not None and len(vorig_plan) else plan, herplan, toestand,
                     peildatum, scenario.vastgelegd) if herplan is not None else pd.DataFrame(columns=WIJZIGING_KOLOMMEN)
    return Voortgang(peildatum, afspraken_df, complexen, halfjaar, verschoven, efg_pad, npa, gemeente,
                     wijzigingen=wz, bevindingen=bev, samenvatting=samen)


_AFSPRAAK_KOLOMMEN = ["id", "afspraak", "partij", "corporatie", "indicator", "eenheid", "doeljaar", "doel", "start",
                      "gepland_op_peildatum", "gerealiseerd_op_peildatum", "prognose_doeljaar", "status", "toelichting"]


def _rij(a, naam, jaar, doel, start, gepland, nu, prognose, _x, status, toelichting) -> dict:
    return dict(id=a.id, afspraak=a.tekst, partij=a.partij, corporatie=naam, indicator=a.indicator,
                eenheid=_EENHEID.get(a.indicator, ""), doeljaar=jaar, doel=doel, start=start,
                gepland_op_peildatum=gepland, gerealiseerd_op_peildatum=nu, prognose_doeljaar=prognose,
                status=status, toelichting=toelichting)


def _status_rij(a: Afspraak, naam: str, jaar: int, doel, m: dict, jaar_nu: int, frac: float, scenario) -> dict:
    ind = a.indicator
    reeks, hreeks, start, nu = m["reeks"], m["hreeks"], m["start"], m["nu"]
    maat, weging = L.gemiddeld_label_definitie(getattr(scenario, "doelen", {}) or {})
    kol = {"gemiddeld_label": "lbl", "pv_woningen": "pv", "geen_efg": "efg", "co2_reductie": "co2_kg",
           "renovaties": "renovaties"}[ind]
    v_start = start[kol] if kol in start else 0.0
    v_nu = nu[kol] if kol in nu else m["ren_nu"]
    v_plan_nu = _op(reeks, kol, jaar_nu, frac)
    bron = hreeks if hreeks is not None else reeks
    v_prog = _op(bron, kol, jaar)
    toel = []
    if ind == "co2_reductie":
        ref = m.get("ref_co2", start["co2_kg"])
        toel.append(f"referentie: de eigen voorraad in {co2_referentiejaar(scenario)} ({ref / 1000:,.1f} t CO2), "
                    f"dezelfde als in het plan".replace(",", "."))
        if a.referentie_ton:
            toel.append(f"de opgegeven {a.referentie_ton:,.0f} t CO2 ({a.referentiejaar or 'referentiejaar'}) is "
                        "gemeentebreed: alleen context, niet verdeeld over corporaties".replace(",", "."))
        def pct(v):
            return 100.0 * (1 - v / ref) if ref > 0 else np.nan
        v_start, v_nu, v_plan_nu, v_prog = pct(v_start), pct(v_nu), pct(v_plan_nu), pct(v_prog)
    marge = a.marge_pct
    if ind == "gemiddeld_label":
        toel.append(f"gemiddeld label: {L.definitie_tekst(maat, weging)}")
    if _voldoet(ind, v_nu, doel, marge, maat=maat):
        status = GEHAALD
        toel.append("doel op de peildatum al bereikt")
    elif jaar < jaar_nu:
        status = NIET_HAALBAAR
        toel.append(f"doeljaar {jaar} is voorbij en het doel is niet gehaald")
    elif not _voldoet(ind, v_prog, doel, marge, maat=maat):
        status = NIET_HAALBAAR
        toel.append("ook als het (her)plan wordt uitgevoerd wordt het doel in het doeljaar niet gehaald")
    elif not _beter_of_gelijk(ind, v_nu, v_plan_nu, marge, maat):
        status = ACHTER
        toel.append("de realisatie loopt achter op het plan; het herplan haalt het doel nog")
    else:
        status = OP_SCHEMA
        toel.append("realisatie volgt het plan en het doel wordt gehaald")
    if marge:
        toel.append(f"marge {marge:g}% ('circa')")
    return _rij(a, naam, jaar, doel if ind != "geen_efg" else 0, _fmt(ind, v_start, maat), _fmt(ind, v_plan_nu, maat),
                _fmt(ind, v_nu, maat), _fmt(ind, v_prog, maat), None, status, "; ".join(toel))


def _programma(a: Afspraak, naam, mask, cx, complexen, o0, o1, jaar_nu, herplan, scenario) -> dict:
    wijk = cx["wijk_code"].astype(object).to_numpy() == a.wijk if "wijk_code" in cx else np.zeros(len(mask), bool)
    m = mask & wijk & ~o0.vrij
    efg0 = o0.n0[:, RANG_E:].sum(1)
    efg1 = o1.n0[:, RANG_E:].sum(1)
    doel_c = m & (efg0 > 0)
    start, nu = float(efg0[doel_c].sum()), float(efg1[m].sum())
    gepl = complexen["gepland_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    hj = complexen["herplan_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    gr = complexen["gerealiseerd_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    toel = [f"{int(start)} woningen E/F/G in {a.wijk} bij de start"]
    if a.woningen is not None and int(start) != a.woningen:
        toel.append(f"de afspraak noemt {a.woningen}")
    gestart = np.isfinite(gr[doel_c]).any() or (efg1[doel_c] < efg0[doel_c]).any()
    jaren = np.where(np.isfinite(hj), hj, gepl) if herplan is not None else gepl
    open_c = doel_c & (efg1 > 0)
    programma = bool(np.isfinite(jaren[open_c]).all() and (jaren[open_c] <= scenario.deadline).all()) \
        if open_c.any() else True
    start_j = a.start_jaar or a.doelen[0][0]
    if doel_c.sum() == 0 or nu == 0:
        status = GEHAALD
        toel.append("geen E/F/G meer in deze wijk")
    elif not programma:
        status = NIET_HAALBAAR
        toel.append(f"niet voor alle complexen met E/F/G staat werk gepland tot en met {scenario.deadline}")
    elif not gestart and jaar_nu > start_j:
        status = ACHTER
        toel.append(f"start in {start_j} afgesproken, nog niets uitgevoerd")
    elif (complexen["status"].to_numpy()[doel_c] == "vertraagd").any():
        status = ACHTER
        n_v = int((complexen["status"].to_numpy()[doel_c] == "vertraagd").sum())
        toel.append(f"{n_v} complex(en) van het programma vertraagd")
    else:
        status = OP_SCHEMA
        eerst = np.nanmin(jaren[open_c]) if open_c.any() else np.nan
        toel.append("programma staat in het plan" + (f", eerste werk {int(eerst)}" if np.isfinite(eerst) else ""))
    prog = float(efg1[open_c & ~(np.isfinite(jaren) & (jaren <= scenario.deadline))].sum())
    return _rij(a, naam, start_j, 0, int(start), None, int(nu), int(prog), None, status, "; ".join(toel))


def _halfjaren(eerste: int, laatste: int) -> list[tuple[int, int]]:
    return [(j, h) for j in range(eerste, laatste + 1) for h in (1, 2)]


def _halfjaar(complexen: pd.DataFrame, peildatum: dt.date, scenario, plan) -> pd.DataFrame:
    """Planned (in H2 of the planned year) vs realised dwellings per corporation x wijk x half year."""
    eerste = min(plan.jaren) if plan.jaren else scenario.startjaar
    laatste = max(peildatum.year, scenario.deadline)
    halves = _halfjaren(eerste, laatste)
    c = complexen.copy()
    c["wijk_code"] = c["wijk_code"].fillna("(geen wijk)")
    c["wijk_naam"] = c["wijk_naam"].fillna("")
    h_nu = 1 if peildatum.month <= 6 else 2
    gr = c["gerealiseerd_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    c["_gh"] = np.where(np.isfinite(gr), np.where((gr == peildatum.year) & (h_nu == 1), 1, 2), 0)
    rijen = []
    for (corp, wijk, wnaam), g in c.groupby(["corporatie", "wijk_code", "wijk_naam"], sort=True):
        gp = g["gepland_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        grj = g["gerealiseerd_jaar"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        won = g["woningen"].to_numpy(dtype=float)
        if not (np.isfinite(gp).any() or np.isfinite(grj).any()):
            continue
        cum_p = cum_r = 0.0
        for j, h in halves:
            p = float(won[(gp == j)].sum()) if h == 2 else 0.0
            r = float(won[(grj == j) & (g["_gh"].to_numpy() == h)].sum())
            cum_p += p
            cum_r += r
            voorbij = (j, h) <= (peildatum.year, h_nu)
            rijen.append(dict(corporatie=corp, wijk_code=wijk, wijk_naam=wnaam, halfjaar=f"{j}-H{h}",
                              gepland_woningen=int(p), gerealiseerd_woningen=int(r) if voorbij else None,
                              gepland_cumulatief=int(cum_p), gerealiseerd_cumulatief=int(cum_r) if voorbij else None,
                              verschil_cumulatief=int(cum_r - cum_p) if voorbij else None))
    return pd.DataFrame(rijen, columns=["corporatie", "wijk_code", "wijk_naam", "halfjaar", "gepland_woningen",
                                        "gerealiseerd_woningen", "gepland_cumulatief", "gerealiseerd_cumulatief",
                                        "verschil_cumulatief"])


def _efg_pad(corps, meting, corporatie: np.ndarray, plan, herplan, scenario, peildatum) -> pd.DataFrame:
    """E/F/G (excl. exempt) per corporation: NPA path (linear to 0 at the end of the deadline year), plan,
    realised on the peildatum and the re-plan, at 1 January of each year and on the peildatum."""
    D = int(scenario.deadline)
    rijen = []
    groepen = [(c, [c]) for c in corps] + ([("alle corporaties", corps)] if len(corps) > 1 else [])
    for naam, cs in groepen:
        m = meting(np.isin(corporatie.astype(str), cs), cs)
        reeks, hreeks = m["reeks"], m["hreeks"]
        start = m["start"]["efg"]
        eerste = int(reeks.index.min()) + 1
        frac = _tijd(peildatum)
        n = max(D + 1 - eerste, 1)
        for j in range(eerste, max(D + 1, peildatum.year) + 1):
            pad = max(0.0, start * (1 - (j - eerste) / n))
            pl = _op(reeks, "efg", j - 1)
            hv = _op(hreeks, "efg", j - 1) if hreeks is not None and j - 1 >= int(hreeks.index.min()) + 1 else None
            op_peildatum = (j, 1, 1) == (peildatum.year, peildatum.month, peildatum.day)
            gr = m["nu"]["efg"] if op_peildatum else (start if j == eerste else None)
            rijen.append(dict(corporatie=naam, moment=f"1-1-{j}", jaar=j, npa_pad=round(pad, 1), plan=round(pl, 1),
                              gerealiseerd=gr, herplan=hv,
                              verschil_met_plan=round(gr - pl, 1) if gr is not None else None))
            if j == peildatum.year and (peildatum.month, peildatum.day) != (1, 1):
                pad_nu = max(0.0, start * (1 - (j - eerste + frac) / n))
                pl_nu = _op(reeks, "efg", j, frac)
                nu = m["nu"]["efg"]
                rijen.append(dict(corporatie=naam, moment=f"peildatum {peildatum:%d-%m-%Y}", jaar=j,
                                  npa_pad=round(pad_nu, 1), plan=round(pl_nu, 1), gerealiseerd=nu, herplan=nu,
                                  verschil_met_plan=round(nu - pl_nu, 1)))
    return pd.DataFrame(rijen, columns=["corporatie", "moment", "jaar", "npa_pad", "plan", "gerealiseerd", "herplan",
                                        "verschil_met_plan"])


def _npa(corps, o0, o1, complexen, gedaan, pv_nieuw, is_std, is_agv, pj_arr, plan, herplan, scenario, jaar_nu,
         frac, meting) -> pd.DataFrame:
    """The NPA progress figures a corporation reports, per corporation (and all together)."""
    D = int(scenario.deadline)
    won = o0.woningen
    efg0 = np.where(o0.vrij, 0, o0.n0[:, RANG_E:].sum(1))
    efg1 = np.where(o0.vrij, 0, o1.n0[:, RANG_E:].sum(1))
    verb = complexen["label_verbeterd_woningen"].to_numpy(dtype=float)
    pc = plan.complexen.set_index([plan.complexen["corporatie"].astype(str), plan.complexen["complex_id"].astype(str)])
    keys = list(zip(complexen["corporatie"], complexen["complex_id"]))
    pk = [pc["pakket"].get(k) if k in pc.index else None for k in keys]
    cat_std = {p: ("standaard" in p.lower()) for p in o0.pakketten}
    p_std = np.array([bool(isinstance(p, str) and cat_std.get(p, False)) for p in pk])
    p_agv = np.array([bool(isinstance(p, str) and p in o0.pakketten and o0.agv[i, o0.pakketten.index(p)])
                      for i, p in enumerate(pk)])
    pv_plan_j = pd.to_numeric(plan.complexen["pv_jaar"], errors="coerce").to_numpy(dtype=float) \
        if "pv_jaar" in plan.complexen else np.full(len(keys), np.nan)
    efg_na_plan = pd.to_numeric(plan.complexen["n_efg_na"], errors="coerce").to_numpy(dtype=float) \
        if "n_efg_na" in plan.complexen else efg0

    def gepland_tot(j_arr, waarde, j, f):
        return float(waarde[(j_arr < j)].sum() + f * waarde[(j_arr == j)].sum())

    rijen = []
    groepen = [(c, [c]) for c in corps] + ([("alle corporaties", corps)] if len(corps) > 1 else [])
    for naam, cs in groepen:
        m = np.isin(o0.corporatie.astype(str), cs)
        pj = np.where(m, pj_arr, np.nan)
        pvj = np.where(m, pv_plan_j, np.nan)
        w = np.where(m, won, 0.0)
        waarden = {
            "efg": (efg0[m].sum(), efg0[m].sum() - gepland_tot(pj, np.where(m, efg0 - efg_na_plan * ~o0.vrij, 0), jaar_nu, frac),
                    efg1[m].sum(), efg0[m].sum() - gepland_tot(pj, np.where(m, efg0 - efg_na_plan * ~o0.vrij, 0), D, 1.0)),
            "verbeterd": (0.0, gepland_tot(pj, w, jaar_nu, frac), verb[m].sum(), gepland_tot(pj, w, D, 1.0)),
            "standaard": (0.0, gepland_tot(pj, np.where(p_std, w, 0), jaar_nu, frac),
                          won[m & gedaan & is_std].sum(), gepland_tot(pj, np.where(p_std, w, 0), D, 1.0)),
            "pv": (won[m & o0.pv_aanwezig].sum(), won[m & o0.pv_aanwezig].sum() + gepland_tot(pvj, np.where(~o0.pv_aanwezig, w, 0), jaar_nu, frac),
                   won[m & (o0.pv_aanwezig | pv_nieuw)].sum(),
                   won[m & o0.pv_aanwezig].sum() + gepland_tot(pvj, np.where(~o0.pv_aanwezig, w, 0), D, 1.0)),
            "agv": (0.0, gepland_tot(pj, np.where(p_agv, w, 0), jaar_nu, frac), won[m & gedaan & is_agv].sum(),
                    gepland_tot(pj, np.where(p_agv, w, 0), D, 1.0)),
        }
        for sleutel, tekst_ in NPA_INDICATOREN:
            b, g, r, e = waarden[sleutel]
            rijen.append(dict(corporatie=naam, indicator=tekst_, sleutel=sleutel, stand_start=int(round(b)),
                              gepland_op_peildatum=int(round(g)), gerealiseerd_op_peildatum=int(round(r)),
                              verschil=int(round(r - g)), plan_eind_deadline=int(round(e))))
    return pd.DataFrame(rijen, columns=["corporatie", "indicator", "sleutel", "stand_start", "gepland_op_peildatum",
                                        "gerealiseerd_op_peildatum", "verschil", "plan_eind_deadline"])


# ------------------------------------------------------------------ gemeente view

# ------------------------------------------------------------------ rolling re-plan

def herplan_scenario(scenario, toestand: Toestand, plan, peildatum: dt.date, bev: Bevindingen | None = None):
    """The scenario for planning what is left: from the peildatum's year, capacity and budget of that
    year reduced by what was already realised in it, fixed works that are already done dropped."""
    bev = bev if bev is not None else Bevindingen()
    start = max(int(scenario.startjaar), peildatum.year)
    s = dataclasses.replace(scenario, peildatum=peildatum, startjaar=start,
                            eindjaar=max(int(scenario.eindjaar), start),
                            corporaties={k: copy.deepcopy(v) for k, v in scenario.corporaties.items()},
                            standaard_corporatie=copy.deepcopy(scenario.standaard_corporatie))
    rc = toestand.complexen
    gedaan = rc[rc["gerealiseerd_jaar"].notna()] if len(rc) else rc
    kosten = {}
    if plan is not None and len(plan.complexen):
        pc = plan.complexen
        kosten = dict(zip(zip(pc["corporatie"].astype(str), pc["complex_id"].astype(str)),
                          pd.to_numeric(pc["kosten_eur"], errors="coerce").fillna(0.0)))
    won = dict(zip(zip(toestand.portfolio.complexen["corporatie"].astype(str),
                       toestand.portfolio.complexen["complex_id"].astype(str)),
                   toestand.portfolio.complexen["woningen"]))
    dit_jaar = gedaan[gedaan["gerealiseerd_jaar"].astype(float) == start] if len(gedaan) else gedaan
    for corp, g in (dit_jaar.groupby("corporatie") if len(dit_jaar) else []):
        params = s.corporaties.get(corp)
        if params is None:
            params = copy.deepcopy(s.standaard_corporatie)
            s.corporaties[corp] = params
        n = float(sum(won.get((corp, str(c)), 0) for c in g["complex_id"]))
        k = float(sum(kosten.get((corp, str(c)), 0.0) for c in g["complex_id"]))
        if np.isfinite(params.capaciteit(start)):
            params.capaciteit_per_jaar[start] = int(max(0, params.capaciteit(start) - n))
        if np.isfinite(params.budget(start)):
            params.budget_per_jaar[start] = max(0.0, params.budget(start) - k)
    klaar = set(zip(gedaan["corporatie"].astype(str), gedaan["complex_id"].astype(str))) if len(gedaan) else set()
    bekend = set(won)
    vast = []
    for v in scenario.vastgelegd or []:
        k = (str(v["corporatie"]), str(v["complex_id"]))
        waar = f"vastgelegd {v['corporatie']} / {v['complex_id']}"
        if k not in bekend:
            bev.voeg_toe("scenario", None, "vastgelegd", waar, "vastgelegd werk bij een onbekend complex: genegeerd",
                         ACTIE_GEMELD, sleutel=v["complex_id"])
        elif k in klaar:
            bev.voeg_toe("scenario", None, "vastgelegd", waar, "vastgelegd werk is al gerealiseerd: niet opnieuw gepland",
                         ACTIE_GEMELD, ernst="info", sleutel=v["complex_id"])
        elif int(v["jaar"]) < start or int(v["jaar"]) > s.eindjaar:
            bev.voeg_toe("scenario", None, "vastgelegd", f"{waar}: {v['jaar']}",
                         f"vastgelegd jaar {v['jaar']} ligt buiten de planperiode {start}-{s.eindjaar} en is niet "
                         "gerealiseerd: de planner kiest opnieuw", ACTIE_GEMELD, sleutel=v["complex_id"])
        else:
            vast.append(v)
    s.vastgelegd = vast
    return s


def herplan(toestand: Toestand, scenario, plan, peildatum: dt.date, *, catalogus: pd.DataFrame | None = None,
            solver: dict | None = None, bev: Bevindingen | None = None):
    """Plan what is left from the realised state on ``peildatum``, keeping fixed works (a Plan)."""
    from .planning import make_plan
    s = herplan_scenario(scenario, toestand, plan, peildatum, bev)
    return make_plan(toestand.portfolio, s, solver=solver, catalogus=catalogus, baseline=False)


WIJZIGING_KOLOMMEN = ["corporatie", "complex_id", "oud_pakket", "oud_jaar", "nieuw_pakket", "nieuw_jaar", "reden"]


def wijzigingen(oud, nieuw, toestand: Toestand, peildatum: dt.date, vastgelegd: list[dict] | None = None
                ) -> pd.DataFrame:
    """What changed per complex between the previous plan (a Plan or a frame with ``corporatie,
    complex_id, pakket, jaar``) and the re-plan, and why."""
    o = oud.complexen if hasattr(oud, "complexen") else oud
    n = nieuw.complexen
    ok = {(str(a), str(b)): (p if isinstance(p, str) else None, None if pd.isna(j) else int(j))
          for a, b, p, j in zip(o["corporatie"], o["complex_id"], o["pakket"], o["jaar"])}
    nk = {(str(a), str(b)): (p if isinstance(p, str) else None, None if pd.isna(j) else int(j))
          for a, b, p, j in zip(n["corporatie"], n["complex_id"], n["pakket"], n["jaar"])}
    rc = toestand.complexen.set_index(["corporatie", "complex_id"]) if len(toestand.complexen) else None
    vast = {(str(v["corporatie"]), str(v["complex_id"])) for v in (vastgelegd or [])}
    rijen = []
    for k in sorted(set(ok) | set(nk)):
        (op, oj), (np_, nj) = ok.get(k, (None, None)), nk.get(k, (None, None))
        r = rc.loc[k] if rc is not None and k in rc.index else None
        gj = r["gerealiseerd_jaar"] if r is not None and pd.notna(r["gerealiseerd_jaar"]) else None
        if (op, oj) == (np_, nj) and gj is None:
            continue
        if gj is not None:
            reden = f"gerealiseerd in {int(gj)}" + (f" ({r['gerealiseerd_pakket']})"
                                                     if isinstance(r["gerealiseerd_pakket"], str) else "")
            if np_ is not None:
                reden += f"; nog nodig: {np_} in {nj}"
        elif k in vast:
            reden = "vastgelegd (gecontracteerd): ongewijzigd overgenomen"
        elif oj is not None and oj < peildatum.year and np_ is not None:
            reden = f"vertraagd: niet uitgevoerd in {oj}, opnieuw ingepland"
        elif oj is not None and oj < peildatum.year:
            reden = f"vertraagd: niet uitgevoerd in {oj} en niet meer ingepland"
        elif op is not None and np_ is None:
            efg = r["efg_nu"] if r is not None else None
            reden = "niet meer nodig: geen E/F/G meer (nieuw label)" if efg == 0 else "niet meer ingepland"
        elif op is None:
            efg_s = r["efg_start"] if r is not None else 0
            efg_n = r["efg_nu"] if r is not None else 0
            reden = "nieuw ingepland: label verslechterd" if efg_n > efg_s else "nieuw ingepland"
        else:
            reden = "verschoven door de planner (capaciteit en budget na de realisatie)"
        rijen.append(dict(corporatie=k[0], complex_id=k[1], oud_pakket=op, oud_jaar=oj, nieuw_pakket=np_,
                          nieuw_jaar=nj, reden=reden))
    df = pd.DataFrame(rijen, columns=WIJZIGING_KOLOMMEN)
    for c in ("oud_jaar", "nieuw_jaar"):
        df[c] = df[c].astype("Int64")
    return df
