"""The realised state: the portfolio on the peildatum, with the labels after the works.

Rules, per dwelling, in this order:

1. A complex realised (``gerealiseerd_jaar`` on or before the peildatum's year) with a package
   the catalog knows (the realised one, else the planned one) gets that package's effect on EP2
   (``measures``), never worse than now.
2. A complex ``nieuw_label`` is the registered label after the works: dwellings still worse are
   set to it (EP2 capped at the top of its band). A label worse than the complex's worst now is
   a finding and is ignored.
3. A dwelling registration (corporation export, EP-online) newer than the portfolio's label is the
   valid label and wins (also when it is worse: a finding says so).
4. ``pv_gerealiseerd_jaar`` marks PV as present.

A complex whose works are done and that has no E/F/G left is marked ``vrijgesteld``
(``gerealiseerd JJJJ``), so a re-plan does not renovate it a second time.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import labels as L
from .. import woning
from ..bevindingen import ACTIE_GEMELD, Bevindingen
from ..planning.opties import na_pakket, vul_catalogus_aan
from ..validatie.realisatie import toets_realisatie

if TYPE_CHECKING:
    from ..portefeuille import Portefeuille

RANG_E = L.RANG["E"]
TYPISCH = np.array([L.EP2_TYPISCH_KWH_M2[lab] for lab in L.LABELS], dtype=float)
#: top of each label's EP2 band [kWh/m2]
HI = {lab: L.ep2_grenzen(lab)[1] for lab in L.LABELS}

WERK_KOLOMMEN = ["corporatie", "complex_id", "gerealiseerd_jaar", "gerealiseerd_pakket", "nieuw_label",
                 "pv_gerealiseerd_jaar", "controle"]


@dataclass
class Toestand:
    """The realised state on the peildatum."""

    portefeuille: Portefeuille                # with the labels after the realised works
    complexen: pd.DataFrame             # per complex: realised works and counts (see realiseer)
    bevindingen: Bevindingen


@dataclass
class _Woningstand:
    """Per-dwelling arrays that the realisation changes in place."""

    ep2: np.ndarray                     # EP2 now [kWh/m2]
    rang: np.ndarray                    # label rank now (index into L.LABELS)
    gas: np.ndarray                     # gas use [m3], NaN = estimate from EP2
    verwarming: np.ndarray | None       # heating system
    q: np.ndarray | None                # net heat demand [kWh/m2]


def renovatiecatalogus(scenario, catalogus: pd.DataFrame | None = None) -> pd.DataFrame:
    """The catalog's renovation packages (the scenario's catalog unless one is given)."""
    cat = vul_catalogus_aan(scenario, catalogus)
    return cat[cat["soort"].astype(str) == "renovatie"].reset_index(drop=True)


def realiseer(portefeuille, plan, realisatie, peildatum: dt.date, scenario, catalogus: pd.DataFrame | None = None,
              bev: Bevindingen | None = None) -> Toestand:
    """Apply the realisation to the portfolio: a new Portfolio with the labels on the peildatum."""
    bev = bev if bev is not None else Bevindingen()
    cat = renovatiecatalogus(scenario, catalogus)
    if realisatie is not None:
        startjaar = int(plan.jaren[0]) if plan is not None and plan.jaren else int(scenario.startjaar)
        realisatie = toets_realisatie(realisatie, bev, portefeuille=portefeuille, catalogus=cat, startjaar=startjaar,
                                      peildatum=peildatum, plan=plan)
    w = portefeuille.woningen.copy()
    key_w = list(zip(w["corporatie"].astype(str), w["complex_id"].astype(str), strict=False))
    w["_key"] = key_w
    ep2 = pd.to_numeric(w["ep2_kwh_m2"], errors="coerce").to_numpy(dtype=float)
    rang0 = w["energielabel"].map(L.RANG).to_numpy(dtype=float)
    ep2 = np.where(np.isfinite(ep2), ep2, TYPISCH[np.nan_to_num(rang0, nan=L.RANG["D"]).astype(int)])
    rang0 = np.where(np.isfinite(rang0), rang0, L.rang_uit_ep2(ep2)).astype(int)
    stand = _Woningstand(
        ep2=ep2.copy(), rang=rang0.copy(),
        gas=pd.to_numeric(w.get("gasverbruik_m3"), errors="coerce").to_numpy(dtype=float, copy=True)
        if "gasverbruik_m3" in w else np.full(len(w), np.nan),
        verwarming=w["verwarming"].to_numpy(dtype=object, copy=True) if "verwarming" in w else None,
        q=pd.to_numeric(w["warmtebehoefte_kwh_m2"], errors="coerce").to_numpy(dtype=float, copy=True)
        if "warmtebehoefte_kwh_m2" in w else None)
    pos = pd.Series(np.arange(len(w))).groupby(pd.Series(key_w)).apply(list).to_dict() if len(w) else {}

    rc = realisatie.complexen if realisatie is not None else pd.DataFrame()
    per_complex = _pas_complexen_toe(w, stand, pos, rc, _geplande_pakketten(plan), cat, bev)
    rw = realisatie.woningen if realisatie is not None else pd.DataFrame()
    _pas_registraties_toe(w, stand, rw)

    nieuw = w.drop(columns="_key").copy()
    veranderd = (stand.rang != rang0) | (stand.ep2 != ep2)
    nieuw["energielabel"] = np.array(L.LABELS, dtype=object)[stand.rang]
    nieuw["ep2_kwh_m2"] = stand.ep2
    if "gasverbruik_m3" in nieuw:
        nieuw["gasverbruik_m3"] = stand.gas
    if stand.verwarming is not None:
        nieuw["verwarming"] = stand.verwarming
    if stand.q is not None:
        nieuw["warmtebehoefte_kwh_m2"] = stand.q
    if "label_bron" in nieuw:
        nieuw.loc[veranderd, "label_bron"] = "gerealiseerd"
    nieuw["label_rang_start"] = rang0
    c2 = _heraggregeer(portefeuille.complexen, nieuw, per_complex, peildatum)
    _markeer_klaar(c2, per_complex)
    p2 = copy.copy(portefeuille)
    p2.woningen = nieuw.drop(columns="label_rang_start")
    p2.complexen = c2
    p2.peildatum = peildatum
    return Toestand(p2, _werktabel(per_complex, nieuw, stand.rang, rang0), bev)


def _geplande_pakketten(plan) -> dict:
    """(corporatie, complex_id) -> (planned package, planned year)."""
    if plan is None:
        return {}
    pc = plan.complexen
    return {(str(c), str(i)): (p, j) for c, i, p, j in zip(pc["corporatie"], pc["complex_id"], pc["pakket"], pc["jaar"], strict=False)}


def _pas_complexen_toe(w: pd.DataFrame, stand: _Woningstand, pos: dict, rc: pd.DataFrame, gepland: dict,
                       cat: pd.DataFrame, bev: Bevindingen) -> dict:
    """Rules 1 and 2: the package's effect, then the complex's new label. Returns the realisation
    row per complex with a realised year or PV year (the package resolved when the catalog knows it)."""
    catrij = {str(p): cat.iloc[i] for i, p in enumerate(cat["pakket"])}
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
            res = na_pakket(w.iloc[idx], stand.ep2[idx], catrij[pk])
            e = np.minimum(res["ep2_na"], stand.ep2[idx])
            stand.ep2[idx] = e
            stand.rang[idx] = np.minimum(L.rang_uit_ep2(e), stand.rang[idx])
            stand.gas[idx] = res["gas_m3"]
            if res["verwarming_na"] is not None and stand.verwarming is not None:
                stand.verwarming[idx] = res["verwarming_na"]
                if stand.q is not None:
                    stand.q[idx] = res["q_na"]
        lab = r.nieuw_label if isinstance(r.nieuw_label, str) else None
        if len(idx) and lab is not None:
            rn = L.RANG[lab]
            slechter = stand.rang[idx] > rn
            stand.rang[idx[slechter]] = rn
            stand.ep2[idx] = np.where(slechter, np.minimum(stand.ep2[idx], HI[lab] if np.isfinite(HI[lab]) else np.inf),
                                      stand.ep2[idx])
            stand.gas[idx[slechter]] = np.nan  # metered use before the works no longer holds: estimate from EP2
        if pk is None and lab is None:
            bev.voeg_toe(r.bestand, r.rij, "gerealiseerd_pakket", r.gerealiseerd_pakket,
                         "gerealiseerd zonder herkend pakket, gepland pakket of nieuw label: effect op labels onbekend, "
                         "alleen als uitgevoerd geteld", ACTIE_GEMELD, sleutel=r.complex_id)
        per_complex[k] = r._replace(gerealiseerd_pakket=pk or r.gerealiseerd_pakket)
    return per_complex


def _pas_registraties_toe(w: pd.DataFrame, stand: _Woningstand, rw: pd.DataFrame) -> None:
    """Rule 3: a newer dwelling registration is the valid label."""
    if not len(rw):
        return
    # VHE numbers are per corporation: the reader matched each row to one dwelling of its own
    vpos = {k: i for i, k in enumerate(zip(w["corporatie"].astype(str), w["vhe_id"].astype(str), strict=False))}
    for r in rw.itertuples():
        i = vpos.get((str(r.corporatie), str(r.vhe_id)))
        if i is None:
            continue
        rn = L.RANG.get(r.energielabel)
        if rn is None:
            continue
        e = r.ep2_kwh_m2 if pd.notna(r.ep2_kwh_m2) else TYPISCH[rn]
        stand.rang[i], stand.ep2[i] = rn, float(e)
        stand.gas[i] = np.nan


def _markeer_klaar(c2: pd.DataFrame, per_complex: dict) -> None:
    """A complex whose works are done and that has no E/F/G left is not renovated again by a re-plan."""
    klaar = np.array([(str(a), str(b)) in per_complex and pd.notna(per_complex[(str(a), str(b))].gerealiseerd_jaar)
                      for a, b in zip(c2["corporatie"], c2["complex_id"], strict=False)], dtype=bool)
    vrij = c2["vrijgesteld"].fillna(False).astype(bool).to_numpy() if "vrijgesteld" in c2 else np.zeros(len(c2), bool)
    klaar &= (c2["n_efg"].to_numpy() == 0) & ~vrij
    if klaar.any():
        c2["vrijgesteld"] = vrij | klaar
        if "vrijstelling_reden" not in c2:
            c2["vrijstelling_reden"] = None
        jaren = [int(per_complex[(str(a), str(b))].gerealiseerd_jaar) if k else None
                 for a, b, k in zip(c2["corporatie"], c2["complex_id"], klaar, strict=False)]
        c2["vrijstelling_reden"] = [f"gerealiseerd {j}" if j else r for j, r in zip(jaren, c2["vrijstelling_reden"], strict=False)]


def _werktabel(per_complex: dict, nieuw: pd.DataFrame, rang: np.ndarray, rang0: np.ndarray) -> pd.DataFrame:
    """Per complex: dwellings with a better label, E/F/G at the start and now, and the realised works."""
    rows = []
    for (corp, cid), r in per_complex.items():
        rows.append(dict(corporatie=corp, complex_id=cid, gerealiseerd_jaar=r.gerealiseerd_jaar,
                         gerealiseerd_pakket=r.gerealiseerd_pakket, nieuw_label=r.nieuw_label,
                         pv_gerealiseerd_jaar=r.pv_gerealiseerd_jaar, controle=getattr(r, "controle", None)))
    rcx = pd.DataFrame(rows, columns=WERK_KOLOMMEN)
    g = pd.DataFrame({"corporatie": nieuw["corporatie"].astype(str), "complex_id": nieuw["complex_id"].astype(str),
                      "verbeterd": rang < rang0, "efg_start": rang0 >= RANG_E, "efg_nu": rang >= RANG_E})
    tel = g.groupby(["corporatie", "complex_id"], sort=False)[["verbeterd", "efg_start", "efg_nu"]].sum().reset_index()
    return tel.merge(rcx, on=["corporatie", "complex_id"], how="left")


def _heraggregeer(cx: pd.DataFrame, w: pd.DataFrame, per_complex: dict, peildatum: dt.date) -> pd.DataFrame:
    """Complex label columns from the updated dwellings; PV realised -> present."""
    c = cx.copy()
    key = pd.MultiIndex.from_arrays([c["corporatie"].astype(str), c["complex_id"].astype(str)])
    gw = w.assign(_c=w["corporatie"].astype(str), _i=w["complex_id"].astype(str))
    gbo = pd.Series(woning.met_standaard_gbo_m2(pd.to_numeric(gw["gbo_m2"], errors="coerce").to_numpy(float),
                                                 gw["woningtype"].astype(str).eq("meergezins").to_numpy()), index=gw.index)
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
          for a, b in zip(c["corporatie"], c["complex_id"], strict=False)]
    oud = c["pv_panelen_aanwezig"].fillna(False).astype(bool) if "pv_panelen_aanwezig" in c else False
    c["pv_panelen_aanwezig"] = oud | np.array(pv, dtype=bool)
    return c


@dataclass
class Werken:
    """The realised works per complex, aligned with the planner's options ``o0`` (one entry per complex)."""

    gerealiseerd_jaar: np.ndarray       # float, NaN = not realised
    pakket: np.ndarray                  # realised package id (object), None = unknown
    controle: np.ndarray                # why the realisation is to be checked (object), None = plausible
    pv_jaar: np.ndarray                 # float, NaN = no PV realised
    gedaan: np.ndarray                  # bool: works realised
    pv_nieuw: np.ndarray                # bool: PV realised where there was none
    elek: np.ndarray                    # extra electricity of the realised package [kWh]
    warmte: np.ndarray                  # heat of the realised package [kWh] (else the start's)
    verbeterd: np.ndarray               # dwellings with a better label
    standaard: np.ndarray               # bool: package insulates to the Standaard
    aardgasvrij: np.ndarray             # bool: package makes the complex aardgasvrij(-ready)


def werken_per_complex(o0, cat: pd.DataFrame, toestand: Toestand) -> Werken:
    """The realised works of ``toestand`` on the complexes of the options ``o0``."""
    C = o0.C
    cx = o0.complexen
    kpos = {k: i for i, k in enumerate(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str), strict=False))}
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
    standaard_pk = np.array(["standaard" in f"{p} {n}".lower() for p, n in zip(cat["pakket"], cat["naam"], strict=False)]) \
        if len(cat) else np.zeros(0, bool)
    cat_idx = {str(p): i for i, p in enumerate(cat["pakket"])}
    is_std = np.array([bool(standaard_pk[cat_idx[p]]) if isinstance(p, str) and p in cat_idx else False for p in gpk])
    is_agv = np.array([bool(o0.agv[i, o0.pakketten.index(p)]) if isinstance(p, str) and p in o0.pakketten else False
                       for i, p in enumerate(gpk)])
    return Werken(gerealiseerd_jaar=gj, pakket=gpk, controle=controle, pv_jaar=pvj, gedaan=gedaan, pv_nieuw=pv_nieuw,
                  elek=elek, warmte=warmte, verbeterd=verbeterd, standaard=is_std, aardgasvrij=is_agv)
