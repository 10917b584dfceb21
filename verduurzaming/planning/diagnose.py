"""Explain an infeasible plan: every positive slack and every impossible demand becomes a
violation row (per complex where it concerns a complex) and a Dutch sentence."""

from __future__ import annotations

import math

import numpy as np

from ..tekst import getal
from .formulering import Oplossing
from .opties import Opties


def eur(x: float) -> str:
    return f"EUR {getal(x / 1e6, 1)} mln" if abs(x) >= 1e5 else f"EUR {getal(x)}"


def _periode(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}-{b}"


def vooraf(o: Opties, cidx: np.ndarray, scenario) -> tuple[list[dict], list[str], dict[int, list[str]]]:
    """Violations known before solving: E/F/G complexes that no allowed package can clear by
    the deadline (TVW strategy / warmtenet window / catalog), aardgasvrij demands that cannot hold."""
    rows, zinnen = [], []
    jaren = list(scenario.jaren)
    D = int(scenario.deadline)
    corp = o.corporatie[cidx[0]] if len(cidx) else ""
    efg = (o.efg0[cidx] > 0) & ~o.vrij[cidx]
    per_jaar = np.stack([o.jaar_toegestaan(y, cidx) for y in jaren], axis=0)  # Y x n x P
    clear = per_jaar & o.wist_efg[cidx][None, :, :]
    jaren_arr = np.array(jaren)
    clear_dl = clear[jaren_arr <= D].any(axis=(0, 2)) if (jaren_arr <= D).any() else np.zeros(len(cidx), bool)
    clear_ooit = clear.any(axis=(0, 2))
    wist_cat = o.wist_efg[cidx].any(1)
    wist_strat = (o.wist_efg[cidx] & o.toegestaan[cidx]).any(1)
    te_laat_tvw = 0
    for j in np.flatnonzero(efg & ~clear_dl):
        c = cidx[j]
        cid = str(o.complexen.at[c, "complex_id"])
        n = int(o.efg0[c])
        if jaren[0] > D:
            soort, t = "deadline", f"complex {cid}: {n} woningen E/F/G; de deadline {D} ligt voor de planperiode"
        elif not wist_cat[j]:
            soort, t = "deadline", (f"complex {cid}: geen pakket in de catalogus brengt alle woningen naar D of beter; "
                                    f"{n} woningen E/F/G missen de deadline {D}")
        elif not wist_strat[j]:
            soort, t = "tvw", (f"complex {cid}: geen pakket dat past bij de TVW-strategie '{o.strategie[c]}' "
                               f"brengt alle woningen naar D; {n} woningen E/F/G missen de deadline {D}")
            te_laat_tvw += n
        else:
            vanaf = int(o.wup_start[c]) if np.isfinite(o.wup_start[c]) else None
            soort = "tvw"
            t = (f"complex {cid}: alleen aansluiting op het warmtenet brengt de woningen naar D, en dat kan pas "
                 f"in de uitvoering van de wijk" + (f" (vanaf {vanaf})" if vanaf else " (geen uitvoeringsperiode)")
                 + f"; {n} woningen E/F/G missen de deadline {D}")
            te_laat_tvw += n
        if clear_ooit[j] and jaren[0] <= D:
            t += " (wel binnen de planperiode gepland)"
        rows.append(dict(corporatie=corp, complex_id=cid, soort=soort, jaar=D, toelichting=t))
    if te_laat_tvw:
        zinnen.append(f"{corp}: {te_laat_tvw} woningen E/F/G kunnen door de transitievisie warmte (strategie of "
                      f"uitvoeringsperiode van de wijk) niet voor de deadline {D} naar D of beter")
    # aardgasvrij demands that cannot be met at all
    agv_eis = o.tvw_eis[cidx]
    agv_kan = np.zeros(len(cidx), bool)
    klaar = (o.n_std_na[cidx] >= o.woningen[cidx, None] - 1e-9)
    klaar_nu = o.n_std0[cidx] >= o.woningen[cidx] - 1e-9
    venster = np.isfinite(o.wup_start[cidx]) | np.isfinite(o.wup_eind[cidx])
    klaar_voor = klaar_nu.copy()
    for k, y in enumerate(jaren):
        agv_kan |= (per_jaar[k] & o.agv[cidx]).any(1) & (y <= o.agv_jaar[cidx])
        # or the switch off gas in a window year, once a work (or the present state) makes it ready
        klaar_voor |= (per_jaar[k] & klaar).any(1)
        in_venster = ~venster | ((o.wup_start[cidx] <= y) & (y <= o.wup_eind[cidx]))
        agv_kan |= o.schakel_mogelijk[cidx] & klaar_voor & in_venster & (y <= o.agv_jaar[cidx])
    for j in np.flatnonzero(agv_eis & ~agv_kan):
        c = cidx[j]
        cid = str(o.complexen.at[c, "complex_id"])
        Y = int(o.agv_jaar[c])
        rows.append(dict(corporatie=corp, complex_id=cid, soort="tvw", jaar=Y,
                         toelichting=f"complex {cid}: de wijk gaat in {Y} van het gas af, maar geen toegestaan "
                                     f"pakket of overstap (warmtenet of all-electric binnen de uitvoeringsperiode, "
                                     f"na aardgasvrij-ready) haalt dat voor {Y}"))
    return rows, zinnen, {}


def na_oplossen(o: Opties, opl: Oplossing, scenario, params) -> tuple[list[dict], list[str]]:
    """Violations from the slacks of a solved model, with Dutch explanations."""
    rows: list[dict] = []
    zinnen: list[str] = []
    cidx = opl.cidx
    if not len(cidx):
        return rows, zinnen
    corp = o.corporatie[cidx[0]]
    jaren = list(scenario.jaren)
    D = int(scenario.deadline)
    start = jaren[0]
    cid = o.complexen["complex_id"].astype(str).to_numpy()

    mist = np.flatnonzero(opl.deadline_mist)
    if len(mist):
        n_efg = int(o.efg0[cidx[mist]].sum())
        n_won = int(o.woningen[cidx[mist]].sum())
        for j in mist:
            c = cidx[j]
            gepland = f"gepland in {opl.jaar[j]}" if opl.jaar[j] else "niet gepland in de planperiode"
            rows.append(dict(corporatie=corp, complex_id=cid[c], soort="deadline", jaar=D,
                             toelichting=f"complex {cid[c]}: {int(o.efg0[c])} woningen E/F/G missen de deadline {D} "
                                         f"({gepland})"))
        jd = [y for y in jaren if y <= D]
        nj = max(len(jd), 1)
        # which resource binds in the years up to the deadline?
        kleinste_won = o.woningen[cidx[mist]].min()
        goedkoopste = np.where(o.wist_efg[cidx[mist]], o.kosten[cidx[mist]], np.inf).min(1)
        cap_bindt = all(params.capaciteit(y) - opl.gebruik[y][0] < kleinste_won for y in jd)
        bud_bindt = all(params.budget(y) - opl.gebruik[y][1] < goedkoopste.min() for y in jd)
        oorzaken = []
        if cap_bindt and np.isfinite(params.capaciteit(jd[0]) if jd else np.inf):
            extra = math.ceil(n_won / nj)
            oorzaken.append(f"capaciteit te laag: {n_efg} woningen E/F/G missen de deadline {D}; "
                            f"nodig: +{extra} woningen per jaar in {_periode(start, D)}")
        if bud_bindt and np.isfinite(params.budget(jd[0]) if jd else np.inf):
            tekort = float(np.nansum(np.where(np.isfinite(goedkoopste), goedkoopste, 0)))
            rest = sum(max(params.budget(y) - opl.gebruik[y][1], 0) for y in jd)
            oorzaken.append(f"budget {_periode(start, D)} te laag: tekort {eur(max(tekort - rest, 0))} "
                            f"({n_efg} woningen E/F/G missen de deadline {D})")
        if not oorzaken:
            oorzaken.append(f"{n_efg} woningen E/F/G missen de deadline {D} door de combinatie van capaciteit, "
                            f"budget, TVW-eisen en doelen")
        zinnen.extend(f"{corp}: {z}" for z in oorzaken)
    for j in np.flatnonzero(opl.horizon_mist & ~opl.deadline_mist):
        c = cidx[j]
        rows.append(dict(corporatie=corp, complex_id=cid[c], soort="deadline", jaar=jaren[-1],
                         toelichting=f"complex {cid[c]}: E/F/G niet opgelost binnen de planperiode"))
    for j in np.flatnonzero(opl.agv_mist):
        c = cidx[j]
        Y = int(o.agv_jaar[c])
        rows.append(dict(corporatie=corp, complex_id=cid[c], soort="tvw", jaar=Y,
                         toelichting=f"complex {cid[c]}: nog op aardgas in {Y}, het jaar dat de wijk van het gas af gaat"))
    if opl.agv_mist.any():
        zinnen.append(f"{corp}: {int(opl.agv_mist.sum())} complexen zitten nog op aardgas wanneer hun wijk "
                      f"van het gas af gaat")
    for y, v in sorted(opl.cap_tekort.items()):
        n = math.ceil(v - 1e-6)
        rows.append(dict(corporatie=corp, complex_id=None, soort="capaciteit", jaar=y,
                         toelichting=f"capaciteit {y} overschreden met {n} woningen"))
        zinnen.append(f"{corp}: capaciteit {y} te laag: nodig +{n} woningen")
    for y, v in sorted(opl.budget_tekort.items()):
        rows.append(dict(corporatie=corp, complex_id=None, soort="budget", jaar=y,
                         toelichting=f"budget {y} overschreden met {eur(v)}"))
        zinnen.append(f"{corp}: budget {y} te laag: tekort {eur(v)}")
    for soort, Y, v, waarde in opl.doel_tekort:
        if soort == "gemiddeld_label":
            t = f"doel gemiddeld label {waarde} in {Y} niet gehaald: gemiddelde EP2 {v:.1f} kWh/m2 te hoog"
        elif soort == "pv_woningen":
            t = f"doel {float(waarde):.0f} woningen met zonnepanelen in {Y} niet gehaald: {math.ceil(v - 1e-6)} woningen tekort"
        else:
            t = f"doel CO2 -{float(waarde):.0f}% in {Y} niet gehaald: {v / 1000:.1f} ton CO2 te veel"
        rows.append(dict(corporatie=corp, complex_id=None, soort="doel", jaar=Y, toelichting=t))
        zinnen.append(f"{corp}: {t}")
    return rows, zinnen
