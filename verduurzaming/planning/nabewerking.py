"""What every plan (optimised or hand-made) reports besides its decisions: rent by year, the CO2
reference and whether the plan's own figures meet each target, and what "gemiddeld label" means.

Run on the tables :func:`~verduurzaming.planning.tabellen.bouw_plan` made; the exports read the
columns added here and never recompute them.

- ``per_jaar["huurderving_eur"]``: WWS minus points of E/F/G dwellings (start of the year) from the
  year the Wet betaalbare huur applies them; none for monuments or after a complex's demolition year.
  ``complexen["huurkorting_eur_jaar"]`` is that figure for the first year after the deadline and
  ``complexen["huurderving_eur_planperiode"]`` its sum over the plan years.
- ``per_jaar["co2_referentie_kg"]`` (the corporation's own stock in ``co2_referentiejaar``, default the
  plan's start), ``co2_reductie_pct``, ``co2_doel_pct`` and ``co2_doel_gehaald``; a missed target is a
  ``doel`` violation even when the solver did not see it.
- ``per_jaar["gemiddeld_label"]`` per the scenario's definition, ``gemiddeld_label_waarde`` (EP2 or EI)
  and ``plan.bronversies["gemiddeld_label_definitie"]``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import huur, zon
from .. import labels as L
from ..tekst import getal
from .opties import RANG_E, Opties, co2_factoren

__all__ = ["co2_referentie_kg", "co2_referentiejaar", "gemiddelde_waarde", "nabewerken"]


def co2_referentiejaar(scenario) -> int:
    """The year of a corporation's CO2 reference: ``[doelen] co2_referentiejaar``, else the plan's start."""
    return int(scenario.doelen.co2_referentiejaar or scenario.startjaar)


def co2_referentie_kg(o: Opties, scenario, jaar: int | None = None) -> np.ndarray:
    """Per complex: CO2 [kg/jr] of its stock as it is now (all carriers) at the factors of the reference year.

    This is the reference of a corporation's CO2 target (summed over its complexes) in ``plan`` and in
    ``voortgang`` alike. A gemeente-wide tonnage (``co2_referentie_ton``) is never used here."""
    fg, fe, fw = co2_factoren(co2_referentiejaar(scenario) if jaar is None else int(jaar), o.factoren)
    return fg * o.gas0 + fe * o.elek0 + fw * o.warmte0


_EI_LAB = np.array([L.EI_TYPISCH.get(lab, np.nan) for lab in L.LABELS])


def gemiddelde_waarde(n: np.ndarray, ep2_c: np.ndarray, woningen: np.ndarray, gbo: np.ndarray, maat: str,
                      weging: str) -> float:
    """The mean a "gemiddeld label" is read from, over complexes: EP2 [kWh/m2] or Energie-Index.

    ``n``: dwellings per label (C x L); ``ep2_c``: each complex's mean EP2 (floor-area weighted, after PV);
    ``weging`` ``m2`` weights by floor area, ``woning`` counts each dwelling once (a complex's dwellings at
    its mean). EI: each dwelling at the typical EI of its label (``gemiddeld_label_ei.csv``)."""
    n = np.asarray(n, dtype=float)
    won = np.asarray(woningen, dtype=float)
    g = np.asarray(gbo, dtype=float)
    if maat == "ei":
        som_ei = n @ _EI_LAB
        aantal = n.sum(1)
        if weging == "woning":
            return float(som_ei.sum() / aantal.sum()) if aantal.sum() > 0 else np.nan
        m2 = np.where(aantal > 0, g / np.maximum(aantal, 1), 0.0)
        return float((som_ei * m2).sum() / g.sum()) if g.sum() > 0 else np.nan
    e = np.asarray(ep2_c, dtype=float)
    ok = np.isfinite(e)
    w = (g if weging == "m2" else won)[ok]
    return float(np.average(e[ok], weights=w)) if ok.any() and w.sum() > 0 else np.nan


def _doel_per_jaar(tabel, jaren: list[int]) -> dict[int, float]:
    """{plan year: pct} of a {jaar: pct} target table: each target checked in its year (last plan year
    when it lies after the horizon)."""
    if not isinstance(tabel, dict) or not jaren:
        return {}
    uit: dict[int, float] = {}
    for y, v in tabel.items():
        try:
            y = int(y)
        except (TypeError, ValueError):
            continue
        if y < jaren[0]:
            continue
        uit[min(y, jaren[-1])] = max(float(v), uit.get(min(y, jaren[-1]), -np.inf))
    return uit


def _na_per_complex(plan, o: Opties) -> np.ndarray:
    cx = plan.complexen
    return np.stack([pd.to_numeric(cx.get(f"n_{lab}_na", pd.Series(0, index=cx.index)), errors="coerce")
                     .fillna(0).to_numpy(dtype=float) for lab in L.LABELS], axis=1)


def _jaar(plan) -> np.ndarray:
    return pd.to_numeric(pd.Series(plan.complexen["jaar"], dtype="object"), errors="coerce").fillna(0).to_numpy(dtype=float)


def _huur(plan, o: Opties, scenario) -> None:
    cx = plan.complexen
    C = len(cx)
    jaren = list(plan.jaren or scenario.jaren)
    D = int(scenario.deadline)
    n_na = _na_per_complex(plan, o)
    jaar = _jaar(plan)
    wt = cx["woningtype"].astype(str) if "woningtype" in cx else pd.Series("eengezins", index=cx.index)
    wt = wt.where(wt.isin(list(huur.WWS_PUNTEN)), "eengezins").reset_index(drop=True)
    mon = (cx["monument"].fillna(False).astype(bool) if "monument" in cx else pd.Series(False, index=cx.index)).reset_index(drop=True)
    sloop = (pd.Series(cx["sloop_jaar"], dtype="object") if "sloop_jaar" in cx else pd.Series([None] * C)).reset_index(drop=True)

    def per_complex(Y: int) -> np.ndarray:
        klaar = (jaar > 0) & (jaar < Y)                      # works of earlier years done (start of the year)
        n = np.where(klaar[:, None], n_na, o.n0)
        uit = np.zeros(C)
        for k in range(RANG_E, len(L.LABELS)):
            if n[:, k].any():
                per_woning = huur.huurderving_eur_jaar(pd.Series([L.LABELS[k]] * C), wt, Y, monument=mon,
                                                       sloop_jaar=sloop).to_numpy(dtype=float)
                uit += n[:, k] * per_woning
        return uit

    per_jaar = {Y: per_complex(Y) for Y in jaren}
    cx["huurkorting_eur_jaar"] = np.round(per_complex(D + 1), 2)
    cx["huurderving_eur_planperiode"] = np.round(sum(per_jaar.values(), np.zeros(C)), 2)
    pj = plan.per_jaar
    if len(pj):
        corp = o.corporatie.astype(str)
        som = {(c, Y): float(v[corp == c].sum()) for Y, v in per_jaar.items() for c in np.unique(corp)}
        pj["huurderving_eur"] = [round(som.get((str(c), int(y)), 0.0), 2) for c, y in zip(pj["corporatie"], pj["jaar"], strict=False)]
    plan.bronversies["huur"] = (f"huurderving: WWS-minpunten E/F/G (Wet betaalbare huur) vanaf {huur.minpunten_vanaf_jaar()} "
                                f"x puntwaarde x 12, per jaar op de labels aan het begin van het jaar; 0 voor monumenten "
                                f"(energiescore minimaal 0) en na het sloopjaar")


def _co2(plan, o: Opties, scenario) -> None:
    pj = plan.per_jaar
    d = scenario.doelen
    ref_jaar = co2_referentiejaar(scenario)
    ref_c = co2_referentie_kg(o, scenario)
    corp = o.corporatie.astype(str)
    ref = {c: float(ref_c[corp == c].sum()) for c in np.unique(corp)}
    tekst = (f"CO2-doel t.o.v. de eigen voorraad van elke corporatie in {ref_jaar} (gas, elektriciteit en warmte, "
             f"emissiefactoren van {ref_jaar})")
    if d.co2_referentie_ton is not None:
        tekst += (f"; de opgegeven {getal(d.co2_referentie_ton)} t is een gemeentebreed cijfer: alleen context, "
                  f"niet verdeeld over corporaties en niet als referentie gebruikt")
    plan.bronversies["co2_referentie"] = tekst
    if not len(pj):
        return
    pj["co2_referentie_kg"] = [round(ref.get(str(c), np.nan), 1) for c in pj["corporatie"]]
    wj = plan.wijk_jaar
    if len(wj) and "wijk_code" in o.complexen:   # the same reference per wijk: its complexes before any work
        wcode = o.complexen["wijk_code"].astype(object).where(o.complexen["wijk_code"].notna(), None).to_numpy()
        per_wijk = pd.Series(ref_c).groupby(wcode).sum()
        wj["co2_referentie_kg"] = wj["wijk_code"].map(per_wijk).astype(float).round(1)
    r = pj["co2_referentie_kg"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pj["co2_reductie_pct"] = np.round(np.where(r > 0, 100.0 * (1 - pj["co2_kg"].to_numpy(dtype=float) / r), np.nan), 2)
    doelen = _doel_per_jaar(d.co2_reductie_pct, list(plan.jaren or scenario.jaren))
    pj["co2_doel_pct"] = [doelen.get(int(y), np.nan) for y in pj["jaar"]]
    geh = pd.array([pd.NA] * len(pj), dtype="boolean")
    for i, (c, y, red, doel) in enumerate(zip(pj["corporatie"], pj["jaar"], pj["co2_reductie_pct"], pj["co2_doel_pct"], strict=False)):
        if np.isnan(doel):
            continue
        geh[i] = bool(red >= doel - 1e-6)
        if not geh[i]:
            _meld_doel(plan, str(c), int(y), "CO2",
                       f"doel CO2 -{doel:g}% in {int(y)} niet gehaald volgens de cijfers van het plan: "
                       f"{red:.1f}% minder dan de eigen voorraad in {ref_jaar}")
    pj["co2_doel_gehaald"] = geh


def _meld_doel(plan, corp: str, jaar: int, sleutel: str, tekst: str) -> None:
    """A missed target as a ``doel`` violation and a diagnose sentence, unless the planner already listed it."""
    sch = plan.schendingen
    if len(sch):
        al = sch[(sch["soort"] == "doel") & (sch["corporatie"].astype(str) == corp)
                 & (pd.to_numeric(sch["jaar"], errors="coerce") == jaar)
                 & sch["toelichting"].astype(str).str.contains(sleutel, regex=False)]
        if len(al):
            return
    rij = pd.DataFrame([dict(corporatie=corp, complex_id=None, soort="doel", jaar=jaar, toelichting=tekst)])
    rij["jaar"] = pd.array(rij["jaar"], dtype="Int64")
    plan.schendingen = pd.concat([sch, rij], ignore_index=True) if len(sch) else rij.astype({"complex_id": "object"})
    plan.diagnose.append(f"{corp}: {tekst}")


def _gemiddeld_label(plan, o: Opties, scenario) -> None:
    pj = plan.per_jaar
    maat, weging = scenario.doelen.gemiddeld_label_maat, scenario.doelen.gemiddeld_label_weging
    plan.bronversies["gemiddeld_label_definitie"] = L.definitie_tekst(maat, weging)
    if not len(pj):
        return
    cx = plan.complexen
    n_na = _na_per_complex(plan, o)
    jaar = _jaar(plan)
    corp = o.corporatie.astype(str)
    ep2_c = pd.to_numeric(cx.get("ep2_na_kwh_m2", pd.Series(np.nan, index=cx.index)), errors="coerce").to_numpy(dtype=float)
    ep2_0 = np.where(o.gbo > 0, o.ep2sum0 / np.maximum(o.gbo, 1e-9), np.nan)
    waarden: list[float] = []
    labels: list[str | None] = []
    for c, Y, ep2_m2 in zip(pj["corporatie"].astype(str), pj["jaar"].astype(int), pj["ep2_gem_kwh_m2"], strict=False):
        m = corp == c
        eind = (jaar > 0) & (jaar <= Y)                     # targets are checked at the end of the year
        if maat == "ep2" and weging == "m2":
            w = float(ep2_m2)
        else:
            w = gemiddelde_waarde(np.where(eind[:, None], n_na, o.n0)[m], np.where(eind, ep2_c, ep2_0)[m],
                                  o.woningen[m], o.gbo[m], maat, weging)
        waarden.append(round(w, 3) if np.isfinite(w) else np.nan)
        if not np.isfinite(w):
            labels.append(None)
        else:
            labels.append(str((L.gemiddeld_label_uit_ei(w) if maat == "ei" else L.label_uit_ep2(w))[0]))
    pj["gemiddeld_label_waarde"] = waarden
    pj["gemiddeld_label"] = labels
    pj["gemiddeld_label_maat"] = maat
    # a target is met only when the plan's own figure, by the scenario's definition, meets it
    for Y, doel in sorted(_doel_label(scenario.doelen.gemiddeld_label, list(plan.jaren or scenario.jaren)).items()):
        for c, w in zip(pj.loc[pj["jaar"] == Y, "corporatie"].astype(str), pj.loc[pj["jaar"] == Y, "gemiddeld_label_waarde"], strict=False):
            if not L.gemiddeld_label_gehaald(float(w), doel, maat):
                eenheid = "EI" if maat == "ei" else "EP2 kWh/m2"
                _meld_doel(plan, c, Y, "gemiddeld label",
                           f"doel gemiddeld label {doel} in {Y} niet gehaald volgens de cijfers van het plan: "
                           f"{eenheid} {float(w):.2f} ({L.definitie_tekst(maat, weging)})")


def _doel_label(tabel, jaren: list[int]) -> dict[int, str]:
    if not isinstance(tabel, dict) or not jaren:
        return {}
    uit = {}
    for y, v in tabel.items():
        try:
            y = int(y)
        except (TypeError, ValueError):
            continue
        if y >= jaren[0] and str(v) in L.RANG:
            uit[min(y, jaren[-1])] = str(v)
    return uit


def _pv(plan, o: Opties, scenario) -> None:
    """A missed PV target says why (no roof data, no roof, existing panels, monuments, capacity); the end of
    net metering and the roof estimates are named beside the PV figures."""
    plan.bronversies["pv_saldering"] = zon.SALDERING_TEKST
    cx_all = plan.complexen
    if "dak_geschat" in cx_all and cx_all["dak_geschat"].fillna(False).astype(bool).any():
        n = int(cx_all["dak_geschat"].fillna(False).astype(bool).sum())
        plan.bronversies["pv_dak"] = (f"{n} complexen zonder dakgegevens: geschikt dak geschat uit woningsubtype en "
                                      f"grondvlak (BAG-pandoppervlak, anders gbo / bouwlagen; dak_schatting.csv)")
    if "dak_orientatie" in cx_all:
        gemeten = cx_all["dak_orientatie"].astype(str) != "onbekend"
        plan.bronversies["pv_orientatie"] = (f"dakorientatie gemeten bij {int(gemeten.sum())} complexen (azimut/"
                                             f"hellingshoek); overige: gemiddelde opbrengst "
                                             f"{zon.KWH_PER_KWP['onbekend']:g} kWh/kWp (pv_opbrengst.csv)")
    sch = plan.schendingen
    if not len(sch):
        return
    pv_rows = sch[(sch["soort"] == "doel") & sch["toelichting"].astype(str).str.contains("zonnepanelen", regex=False)]
    doelen = _doel_per_jaar(scenario.doelen.pv_woningen, list(plan.jaren or scenario.jaren))
    for corp in sorted(set(pv_rows["corporatie"].astype(str))):
        m = o.corporatie.astype(str) == corp
        cx = plan.complexen[m]
        jaren = pd.to_numeric(pv_rows.loc[pv_rows["corporatie"].astype(str) == corp, "jaar"], errors="coerce")
        doel = max((doelen.get(int(j), 0.0) for j in jaren.dropna()), default=None)
        plan.diagnose.append(f"{corp}: waarom het PV-doel niet gehaald wordt: "
                             f"{zon.pv_doel_reden(cx, pv_mogelijk=o.pv_mogelijk[m], doel=doel)}")


def nabewerken(plan, o: Opties, scenario):
    """Add rent by year, CO2 reference and target checks, and the mean-label definition to ``plan``."""
    _huur(plan, o, scenario)
    _co2(plan, o, scenario)
    _gemiddeld_label(plan, o, scenario)
    _pv(plan, o, scenario)
    return plan
