"""The remaining data sheets: Zon, CO2, Baseline and Bevindingen."""

from __future__ import annotations

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..werkmap import LETTERTYPE as _FONT
from ..werkmap import Kolom
from ..werkmap import leeg as _leeg
from ..werkmap import tabelblad as _tabelblad
from ..werkmap import zet_tekst as _zet_tekst
from .hulpmiddelen import NIET_BESCHIKBAAR, _eerste, _kolom, _wijkinfo

_ZON = [Kolom("Corporatie", "tekst"), Kolom("Complex", "tekst", 10), Kolom("Complexnaam", "tekst"),
        Kolom("Wijkcode", "tekst", 11), Kolom("Woningen", "int", 9), Kolom("Geschikt dak (m²)", "int", 10),
        Kolom("PV al aanwezig", "janee", 9), Kolom("PV-jaar", "jaar", 8), Kolom("Panelen", "int", 8),
        Kolom("Vermogen (kWp)", "dec1", 10), Kolom("Opbrengst (kWh/jaar)", "int", 11),
        Kolom("Kosten PV (EUR)", "eur", 12), Kolom("CO2 vermeden (kg/jaar)", "int", 14)]


def _zon(wb, plan, scenario):
    cx = plan.complexen
    if "pv_jaar" in cx:
        m = cx["pv_jaar"].notna()
        if "pv_panelen_aanwezig" in cx:
            m = m | cx["pv_panelen_aanwezig"].fillna(False).astype(bool)
        sub = cx.loc[m.to_numpy()]
    else:
        sub = cx.iloc[:0]
    n = len(sub)
    bron = ["corporatie", "complex_id", "complex_naam", "wijk_code", "woningen", "dak_geschikt_m2",
            "pv_panelen_aanwezig", "pv_jaar", "pv_panelen", "pv_kwp", "pv_kwh_jaar", "pv_kosten_eur"]
    rijen = zip(*[_kolom(sub, b, n) for b in bron], (NIET_BESCHIKBAAR for _ in range(n)), strict=False)
    voorbeeld = list(_eerste(zip(*[_kolom(sub.iloc[:300], b, min(n, 300)) for b in bron],
                                 [NIET_BESCHIKBAAR] * min(n, 300), strict=False), 300))
    ws, n_rijen = _tabelblad(wb, "Zon", "Zon", _ZON, rijen, voorbeeld, freeze="C2")
    zinnen = _zon_uitleg(cx, scenario)
    if zinnen:
        ws.append([])
        for z in zinnen:
            c = WriteOnlyCell(ws)
            _zet_tekst(c, z)
            c.font = Font(name=_FONT, italic=True)
            ws.append([c])
        ws.print_area = f"A1:{get_column_letter(len(_ZON))}{n_rijen + 2 + len(zinnen)}"
    return ws, n_rijen


def _zon_uitleg(cx: pd.DataFrame, scenario) -> list[str]:
    """Why the Zon sheet is empty or all zero, in a sentence (nothing when PV is planned)."""
    if "pv_jaar" in cx and cx["pv_jaar"].notna().any() and float(cx.get("pv_kwp", pd.Series([0.0])).sum()) > 0:
        return []
    redenen = []
    dak = pd.to_numeric(cx["dak_geschikt_m2"], errors="coerce") if "dak_geschikt_m2" in cx else None
    if dak is None or not (dak.fillna(0) > 0).any():
        redenen.append("er zijn geen dakgegevens (geschikt dakoppervlak ontbreekt of is 0 voor elk complex)")
    if not scenario.doelen.pv_woningen:
        redenen.append("het scenario stelt geen PV-doel ([doelen] pv_woningen)")
    zin = "Er zijn geen nieuwe zonnepanelen gepland" + (": " + " en ".join(redenen) + "." if redenen else
                                                         ": binnen budget en doelen levert PV hier niets op.")
    uit = [zin]
    aanwezig = int(cx["pv_panelen_aanwezig"].fillna(False).astype(bool).sum()) if "pv_panelen_aanwezig" in cx else 0
    if aanwezig:
        uit.append(f"De {aanwezig} rijen hierboven zijn complexen waar al panelen liggen; hun vermogen en "
                   "opbrengst staan niet in de invoer (0).")
    return uit


def _co2_doel_per_jaar(pct: dict[int, float], jaren) -> dict[int, float]:
    """The CO2 reduction target [%] that applies in each plan year: ``[doelen] co2_reductie_pct`` is a table
    year = %; a target holds from its year on."""
    doelen = sorted(pct.items())
    uit = {}
    for j in jaren:
        geldend = [v for y, v in doelen if y <= j]
        if geldend:
            uit[j] = geldend[-1]
    return uit


def _co2(wb, plan, portefeuille, scenario, jaren):
    pj, wj = plan.per_jaar, plan.wijk_jaar
    doelen = scenario.doelen
    ref_jaar = int(doelen.co2_referentiejaar if doelen.co2_referentiejaar is not None else jaren[0] if jaren else 0)
    pct = doelen.co2_reductie_pct
    tot = pj.groupby("jaar")["co2_kg"].sum() / 1000 if len(pj) else pd.Series(dtype=float)
    if "co2_referentie_kg" in pj and len(pj):
        # the corporations' own stock in the reference year (plan tables); a gemeente-wide tonnage is context only
        ref = float(pj.groupby("corporatie")["co2_referentie_kg"].first().sum()) / 1000
    elif ref_jaar in tot.index:
        ref = float(tot[ref_jaar])
    else:
        ref = NIET_BESCHIKBAAR
    kolommen = [Kolom("Niveau", "tekst", 12), Kolom("Code", "tekst", 12), Kolom("Naam", "tekst", 26),
                Kolom(f"Referentie {ref_jaar} (ton)", "dec1", 12)] + [Kolom(str(j), "dec1", 10) for j in jaren]
    rijen, soorten = [], []
    num = ["tekst", "tekst", "tekst", "dec1"] + ["dec1"] * len(jaren)
    rijen.append(["Totaal", "", "Alle corporaties", ref, *[tot.get(j) for j in jaren]])
    soorten.append(num)
    doel_rij = None
    per_jaar = _co2_doel_per_jaar(pct, jaren)
    if per_jaar and not isinstance(ref, str):
        tekst = "Doel: " + "; ".join(f"{v:g}% minder in {y}" for y, v in sorted(pct.items())) + f" (t.o.v. {ref_jaar})"
        rijen.append(["Doel", "", tekst, ref, *[ref * (1 - per_jaar[j] / 100) if j in per_jaar else None
                                               for j in jaren]])
        soorten.append(num)
        doel_rij = len(rijen) + 1
    pct_rij = ["Reductie", "", f"Reductie t.o.v. {ref_jaar}", None]
    for j in jaren:
        v = tot.get(j)
        pct_rij.append(None if isinstance(ref, str) or _leeg(v) or ref == 0 else 1 - float(v) / ref)
    rijen.append(pct_rij)
    soorten.append(["tekst", "tekst", "tekst", "pct"] + ["pct"] * len(jaren))
    # every row's reference is its own stock before any work (plan.per_jaar / wijk_jaar co2_referentie_kg), the
    # same definition as the total's, so the corporations' rows add up to the total in every column
    def referentie(sub: pd.DataFrame):
        return float(sub["co2_referentie_kg"].iloc[0]) / 1000 if "co2_referentie_kg" in sub and len(sub) else None

    for corp, sub in (pj.groupby("corporatie", sort=True) if len(pj) else []):
        s = sub.set_index("jaar")["co2_kg"] / 1000
        rijen.append(["Corporatie", "", corp, referentie(sub), *[s.get(j) for j in jaren]])
        soorten.append(num)
    info = _wijkinfo(portefeuille)
    for code, sub in (wj.groupby("wijk_code", sort=True) if len(wj) else []):
        s = sub.set_index("jaar")["co2_kg"] / 1000
        naam = info.at[code, "wijk_naam"] if code in info.index and "wijk_naam" in info else None
        rijen.append(["Wijk", code, naam, referentie(sub), *[s.get(j) for j in jaren]])
        soorten.append(num)
    ws, _n = _tabelblad(wb, "CO2", "CO2", kolommen, rijen, rijen, freeze="D2", soorten_per_rij=soorten)
    grafiek = [v for v in rijen[0][4:]] + ([v for v in rijen[doel_rij - 2][4:]] if doel_rij else [])
    return ws, doel_rij, grafiek


_BASELINE = [Kolom("Corporatie", "tekst"), Kolom("Complex", "tekst", 10), Kolom("Complexnaam", "tekst"),
             Kolom("Woningen", "int", 9), Kolom("E/F/G nu", "int", 8), Kolom("Pakket (plan)", "tekst", 14),
             Kolom("Jaar (plan)", "jaar", 8), Kolom("Kosten (plan)", "eur", 12),
             Kolom("Label na (plan)", "label", 9), Kolom("Pakket (baseline)", "tekst", 14),
             Kolom("Jaar (baseline)", "jaar", 9), Kolom("Kosten (baseline)", "eur", 12),
             Kolom("Label na (baseline)", "label", 10), Kolom("Schendingen (baseline)", "tekst", 40)]


def _baseline(wb, plan):
    cx = plan.complexen
    b = plan.baseline
    n = len(cx)
    if b is None:
        rijen = iter([])
        ws, _ = _tabelblad(wb, "Baseline", "Baseline", _BASELINE, rijen)
        return ws
    bc = b.complexen
    sleutel = pd.MultiIndex.from_arrays([cx["corporatie"].astype(str), cx["complex_id"].astype(str)])
    bsleutel = pd.MultiIndex.from_arrays([bc["corporatie"].astype(str), bc["complex_id"].astype(str)])
    pos = bsleutel.get_indexer(sleutel)

    def bkol(naam):
        if naam not in bc:
            return iter([NIET_BESCHIKBAAR] * n)
        v = bc[naam].to_numpy(dtype=object)
        return (v[p] if p >= 0 else None for p in pos)

    rijen = zip(*[_kolom(cx, k, n) for k in ["corporatie", "complex_id", "complex_naam", "woningen", "n_efg",
                                             "pakket", "jaar", "kosten_eur", "slechtste_label_na"]],
                bkol("pakket"), bkol("jaar"), bkol("kosten_eur"), bkol("slechtste_label_na"), bkol("schendingen"), strict=False)
    ws, _ = _tabelblad(wb, "Baseline", "Baseline", _BASELINE, rijen, [], freeze="C2")
    return ws


_BEVINDINGEN = [Kolom("Bestand", "tekst"), Kolom("Rij", "int", 7), Kolom("Kolom", "tekst"), Kolom("Waarde", "tekst"),
                Kolom("Probleem", "tekst", 50), Kolom("Actie", "tekst", 16), Kolom("Ernst", "tekst", 11),
                Kolom("Sleutel", "tekst", 12)]


def _bevindingen(wb, portefeuille):
    df = portefeuille.bevindingen.als_tabel()
    bron = ["bestand", "rij", "kolom", "waarde", "probleem", "actie", "ernst", "sleutel"]
    n = len(df)
    voorbeeld = list(_eerste(zip(*[_kolom(df.iloc[:500], b, min(n, 500)) for b in bron], strict=False), 500))
    return _tabelblad(wb, "Bevindingen", "Bevindingen", _BEVINDINGEN, zip(*[_kolom(df, b, n) for b in bron], strict=False),
                      voorbeeld, freeze="A2")
