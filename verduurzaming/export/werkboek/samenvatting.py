"""The Samenvatting sheet: status, scenario, key figures, solver outcome, sources, and the charts."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ...planning.werken import kosten_per_gehaalde_eis
from ...tekst import getal, solver_uitkomst
from ..werkmap import KOP_KLEUR as _KOP_KLEUR
from ..werkmap import LETTERTYPE as _FONT
from ..werkmap import Kolom, veilige_tekst
from ..werkmap import Rijschrijver as _Rijschrijver
from ..werkmap import kopcel as _kopcel
from ..werkmap import leeg as _leeg
from ..werkmap import pagina as _pagina
from ..werkmap import voor_rijen as _voor_rijen
from ..werkmap import zet_tekst as _zet_tekst
from .grafieken import _grafiek_co2, _grafiek_efg, _grafiek_labels
from .hulpmiddelen import BLADEN, NIET_BESCHIKBAAR, _eerste, _fmt_aantal, _getal_tekst, prijspeil

_SECTIE_KLEUR = "DDEBF7"


def _fmt_bedrag(v: float) -> str:
    return "onbeperkt" if math.isinf(v) else f"€ {getal(v)}"


def _aanpak_rijen(plan, jaren: list[int], D: int) -> tuple[list[tuple[str, Any, str]], list[tuple]]:
    """The plan's key figures of its approach (``plan.kengetallen``, ``per_jaar`` and the baseline), summed over
    corporations: (text, value, number format) rows, and per corporation (name, E/F/G cleared, cost per
    E/F/G cleared, surveys). Sums and look-ups of plan tables only."""
    k = plan.kengetallen
    if not len(k):
        return [], []
    som = lambda kol: float(pd.to_numeric(k[kol], errors="coerce").fillna(0).sum()) if kol in k else 0.0  # noqa: E731
    pj = plan.per_jaar
    rijen: list[tuple[str, Any, str]] = []
    rijen.append(("E/F/G bij de start (meest waarschijnlijk)", som("n_efg_start"), "int"))
    rijen.append(("  verwacht (geschatte labels naar kans)", som("n_efg_verwacht"), "dec1"))
    rijen.append(("  pessimistisch (P90)", som("n_efg_p90"), "int"))
    weg = som("efg_verwijderd")
    rijen.append(("E/F/G-woningen weggewerkt", weg, "int"))
    eigen = som("efg_werken_efg_verwijderd")
    rijen.append(("  door werken voor de E/F/G-deadline", eigen, "int"))
    rijen.append(("  als bijvangst (TVW, doelen)", som("efg_bijvangst"), "int"))
    rijen.append(("Kosten per E/F/G weg, deadlinewerken (EUR)",
                  som("efg_werken_kosten_eur") / eigen if eigen > 0 else NIET_BESCHIKBAAR,
                  "eur" if eigen > 0 else "tekst"))
    rijen.append(("Werken alleen E/F/G-woningen (complexen)", som("werken_losse_aanpak"), "int"))
    rijen.append(("Werken heel complex (complexen)", som("werken_heel_complex"), "int"))
    rijen.append(("Heropnames label (woningen)", som("heropname_woningen"), "int"))
    rijen.append(("Heropnames: kosten (EUR)", som("heropname_kosten_eur"), "eur"))
    if "heropname_woningen" in pj and len(pj):
        per = pj.groupby("jaar")["heropname_woningen"].sum()
        per = per[per > 0]
        rijen.append(("Heropnames per jaar", "; ".join(f"{int(j)}: {_fmt_aantal(float(n))}" for j, n in per.items())
                      or "geen", "tekst"))
    rijen.append(("Van het gas: complexen", som("van_gas_complexen"), "int"))
    if "van_gas_woningen" in pj:
        rijen.append(("Van het gas: woningen", float(pj["van_gas_woningen"].sum()), "int"))
    rijen.append(("Van het gas: kosten (EUR)", som("van_gas_kosten_eur"), "eur"))
    gas_won = float(pj["van_gas_woningen"].sum()) if "van_gas_woningen" in pj else 0.0
    if gas_won > 0:
        rijen.append(("Van het gas: kosten per woning (EUR)", som("van_gas_kosten_eur") / gas_won, "eur"))
    b = plan.baseline
    if b is not None and len(b.per_jaar) and len(pj):
        k_plan, k_base = float(pj["kosten_eur"].sum()), float(b.per_jaar["kosten_eur"].sum())
        vergelijkbaar = not len(b.schendingen)
        if k_base > 0 and vergelijkbaar:
            rijen.append(("Kosten plan / baseline (dezelfde eisen gehaald)", k_plan / k_base, "pct"))
        elif k_base > 0:
            # never a bare ratio between plans that meet different requirements: cost per requirement met
            n = len(b.schendingen)
            rijen.append((f"  de baseline haalt {n} {'eis' if n == 1 else 'eisen'} niet", "zie blad Baseline", "tekst"))
            for naam, p in (("plan", plan), ("baseline", b)):
                per = kosten_per_gehaalde_eis(p)
                if per is not None:   # the terminal's figure: present value per requirement met
                    rijen.append((f"Per gehaalde eis, {naam} ({per[1]}/{per[2]}), contant (EUR)", per[0], "eur"))
        if D + 1 in jaren:
            def na(t):
                m = t["jaar"] == D + 1
                return float(t.loc[m, "n_efg"].sum() - (t.loc[m, "efg_vrijgesteld"].sum() if "efg_vrijgesteld" in t else 0))
            rijen.append((f"E/F/G na {D} (niet vrijgesteld): plan", na(pj), "int"))
            rijen.append((f"E/F/G na {D} (niet vrijgesteld): baseline", na(b.per_jaar), "int"))
    per_corp = [(r.corporatie, r.efg_verwijderd,
                 r.kosten_per_efg_verwijderd_eur if pd.notna(r.kosten_per_efg_verwijderd_eur) else None,
                 r.heropname_woningen) for r in k.itertuples(index=False)]
    return rijen, per_corp


class _Samenvattingblad:
    """The Samenvatting sheet while it is written: rows and section headings, counted."""

    def __init__(self, ws, kolommen: list[Kolom]):
        self.ws = ws
        self.rs = _Rijschrijver(ws, kolommen)
        self.rij_nr = 0

    def schrijf(self, *waarden, soorten=None, stijl=None) -> None:
        cellen = self.rs.rij(list(waarden), soorten or ["tekst"] * len(waarden))
        if stijl is not None and cellen and cellen[0] is not None:
            c = WriteOnlyCell(self.ws)
            _zet_tekst(c, veilige_tekst(waarden[0]))
            c.font = stijl
            cellen[0] = c
        self.ws.append(cellen)
        self.rij_nr += 1

    def sectie(self, tekst, *koppen) -> None:
        self.schrijf()
        cellen = [_kopcel(self.ws, tekst, kleur=_SECTIE_KLEUR, wit=False)] + \
            [_kopcel(self.ws, k, kleur=_SECTIE_KLEUR, wit=False) for k in koppen]
        for c in cellen:
            c.alignment = Alignment(horizontal="left", vertical="center")
            c.font = Font(name=_FONT, bold=True, color=_KOP_KLEUR)
        self.ws.append(cellen)
        self.rij_nr += 1


def _samenvatting_scenario(b: _Samenvattingblad, plan, scenario, jaren: list[int], D: int) -> bool:
    """Title, plan status and the scenario (inputs, targets); True when the plan meets every requirement."""
    naam = scenario.naam
    b.schrijf(f"Verduurzamingsplan — {naam}", stijl=Font(name=_FONT, bold=True, size=16, color=_KOP_KLEUR))
    b.schrijf(f"Planhorizon {jaren[0]}–{jaren[-1]}; geen woningen met label E, F of G na {D} (NPA)" if jaren else
              "Planhorizon onbekend")
    from ...planning.controle import oordeel
    goed, status_regel = oordeel(plan)
    b.schrijf(f"Status: {status_regel}", stijl=Font(name=_FONT, bold=True, color="006100" if goed else "C00000"))

    peil_prijs = prijspeil(plan)
    if peil_prijs:
        b.schrijf(f"Alle bedragen in euro's, prijspeil {peil_prijs}")
    b.sectie("Scenario", "Waarde")
    bronbestand = scenario.bron
    b.schrijf("Scenario", naam)
    b.schrijf("Scenariobestand", Path(bronbestand).name if bronbestand else "(geen bestand)")
    peil = scenario.peildatum
    b.schrijf("Peildatum", dt.datetime.combine(peil, dt.time()) if peil else None, soorten=["tekst", "datum"])
    b.schrijf("Startjaar – eindjaar", f"{jaren[0]} – {jaren[-1]}" if jaren else NIET_BESCHIKBAAR)
    b.schrijf("Deadline E/F/G (NPA)", D, soorten=["tekst", "jaar"])
    invoer = []
    for k, titel in [("vhe", "VHE-bestanden"), ("complexen", "Complexbestanden"), ("ep_online", "EP-online"),
                     ("wijken", "Wijken (CBS)"), ("transitievisie", "Transitievisie Warmte"),
                     ("realisatie", "Realisatie")]:
        v = getattr(scenario, k, None)
        if not v:
            continue
        paden = v if isinstance(v, list) else [v]
        invoer.append((titel, ", ".join(Path(p).name for p in paden)))
    for titel, v in invoer:
        b.schrijf(f"Invoer: {titel}", v)
    for k, v in scenario.doelen.als_tabel().items():
        b.schrijf(f"Doel: {k}", "; ".join(f"{a}: {_getal_tekst(w)}" for a, w in v.items()) if isinstance(v, dict)
                  else _getal_tekst(v))
    return goed


def _samenvatting_capaciteit(b: _Samenvattingblad, plan, scenario, jaren: list[int]) -> None:
    """Capacity and budget per corporation as the scenario set them."""
    cx, pj = plan.complexen, plan.per_jaar
    corps = list(dict.fromkeys(pj["corporatie"])) if len(pj) else sorted(set(cx.get("corporatie", [])))
    b.sectie("Capaciteit en budget per corporatie", "Capaciteit (woningen/jaar)", "Budget per jaar")
    for c in corps:
        par = scenario.corporatie(c) if hasattr(scenario, "corporatie") else None
        if par is None:
            b.schrijf(c, NIET_BESCHIKBAAR, NIET_BESCHIKBAAR)
            continue
        cap = par.capaciteit(jaren[0]) if jaren else NIET_BESCHIKBAAR
        bud = par.budget(jaren[0]) if jaren else NIET_BESCHIKBAAR
        afw = [f"{j}: {_fmt_aantal(v)}" for j, v in sorted(par.capaciteit_per_jaar.items())] + \
            [f"{j}: {_fmt_bedrag(v)}" for j, v in sorted(par.budget_per_jaar.items())]
        b.schrijf(c, cap, bud, ("afwijkend " + "; ".join(afw)) if afw else None,
                  soorten=["tekst", "int", "eur", "tekst"])


def _samenvatting_kerncijfers(b: _Samenvattingblad, plan, jaren: list[int], D: int) -> None:
    """Key figures: sums and look-ups of plan tables only."""
    cx, pj = plan.complexen, plan.per_jaar
    # key figures: sums and look-ups of plan tables only
    b.sectie("Kerncijfers", "Waarde")

    def pj_som(kol, jaar):
        if not len(pj) or kol not in pj:
            return NIET_BESCHIKBAAR
        d = pj.loc[pj["jaar"] == jaar, kol]
        return float(d.sum()) if len(d) else NIET_BESCHIKBAAR

    def cx_som(kol, frame=cx):
        return float(frame[kol].sum()) if kol in frame else NIET_BESCHIKBAAR

    b.schrijf("Complexen", len(cx), soorten=["tekst", "int"])
    b.schrijf("Woningen", cx_som("woningen"), soorten=["tekst", "int"])
    if jaren:
        b.schrijf(f"Woningen E/F/G begin {jaren[0]}", pj_som("n_efg", jaren[0]), soorten=["tekst", "int"])
        if D + 1 in jaren:
            b.schrijf(f"Woningen E/F/G na de deadline (begin {D + 1})", pj_som("n_efg", D + 1),
                      soorten=["tekst", "int"])
        else:
            b.schrijf("Woningen E/F/G na de deadline", NIET_BESCHIKBAAR, soorten=["tekst", "int"])
        b.schrijf("waarvan vrijgesteld (monument, sloop)", pj_som("efg_vrijgesteld", jaren[0]),
                  soorten=["tekst", "int"])
    b.schrijf("Vrijgestelde complexen", int(cx["vrijgesteld"].fillna(False).astype(bool).sum()) if "vrijgesteld" in cx
              else NIET_BESCHIKBAAR, soorten=["tekst", "int"])
    def pj_totaal(kol: str, tabel: pd.DataFrame = pj) -> Any:
        return float(pd.to_numeric(tabel[kol], errors="coerce").fillna(0).sum()) if kol in tabel else NIET_BESCHIKBAAR

    # what the works cost: the ledger of works summed per year (plan.per_jaar), the same total as the NPA-monitor
    # and the Planning sheet
    b.schrijf("Renovaties gepland (complexen)", pj_totaal("renovaties_complexen"), soorten=["tekst", "int"])
    b.schrijf("Investering alle werken, nominaal (EUR)", pj_totaal("kosten_eur"), soorten=["tekst", "eur"])
    if jaren and "kosten_eur_contant" in pj:
        b.schrijf(f"  contante waarde {jaren[0]}, {getal(plan.discontovoet_pct, 2)} % (EUR)", pj_totaal("kosten_eur_contant"), soorten=["tekst", "eur"])
    for kol, tekst in (("kosten_renovatie_eur", "renovaties"), ("kosten_heropname_eur", "heropnames label"),
                       ("kosten_van_gas_eur", "van het gas af"), ("kosten_pv_eur", "zonnepanelen")):
        b.schrijf(f"  waarvan {tekst} (EUR)", pj_totaal(kol), soorten=["tekst", "eur"])
    b.schrijf("Risicoreserve P90 na heropname (EUR)", pj_totaal("risicoreserve_eur"),
              soorten=["tekst", "eur"])
    b.schrijf("CO2 nu (ton/jaar)", cx_som("co2_kg_voor") / 1000 if "co2_kg_voor" in cx else NIET_BESCHIKBAAR,
              soorten=["tekst", "dec1"])
    if jaren:
        co2_eind = pj_som("co2_kg", jaren[-1])
        b.schrijf(f"CO2 eind {jaren[-1]} (ton/jaar)", co2_eind / 1000 if not isinstance(co2_eind, str) else co2_eind,
                  soorten=["tekst", "dec1"])
        b.schrijf(f"Woningen met PV eind {jaren[-1]} (al aanwezig + gepland)", pj_som("pv_woningen", jaren[-1]),
                  soorten=["tekst", "int"])
        b.schrijf(f"PV-vermogen nieuw geplaatst t/m {jaren[-1]} (kWp)", pj_som("pv_kwp", jaren[-1]),
                  soorten=["tekst", "dec1"])
    b.schrijf("PV-opbrengst (kWh/jaar)", cx_som("pv_kwh_jaar"), soorten=["tekst", "int"])
    b.schrijf("Huurderving E/F/G, planjaren (EUR)", pj_totaal("huurderving_eur"), soorten=["tekst", "eur"])
    b.schrijf("Huurkorting na de deadline (EUR/jaar)", cx_som("huurkorting_eur_jaar"), soorten=["tekst", "eur"])
    b.schrijf("Schendingen", len(plan.schendingen), soorten=["tekst", "int"])
    basis = plan.baseline
    if basis is not None:
        b.schrijf("Baseline: investering alle werken (EUR)", pj_totaal("kosten_eur", basis.per_jaar),
                  soorten=["tekst", "eur"])
        if D + 1 in jaren and len(basis.per_jaar):
            d = basis.per_jaar.loc[basis.per_jaar["jaar"] == D + 1, "n_efg"]
            b.schrijf(f"Baseline: E/F/G na de deadline (begin {D + 1})", float(d.sum()), soorten=["tekst", "int"])
        b.schrijf("Baseline: schendingen", len(basis.schendingen), soorten=["tekst", "int"])


def _samenvatting_aanpak(b: _Samenvattingblad, plan, jaren: list[int], D: int) -> None:
    """Scope of the works (single dwellings, surveys, off gas) and key figures per corporation."""
    rijen, per_corp = _aanpak_rijen(plan, jaren, D)
    if rijen:
        b.sectie("Aanpak: losse woningen, heropname, van het gas", "Waarde")
        for tekst, waarde, soort in rijen:
            b.schrijf(tekst, waarde, soorten=["tekst", soort])
    if len(per_corp) > 1:
        b.sectie("Kengetallen per corporatie", "E/F/G weggewerkt", "EUR per E/F/G weg", "Heropnames")
        for r in per_corp:
            b.schrijf(*r, soorten=["tekst", "int", "eur", "int"])


def _samenvatting_rekenuitkomst(b: _Samenvattingblad, plan, scenario) -> None:
    """Solver outcome per corporation, in words."""
    b.sectie("Rekenuitkomst per corporatie", "Rekentijd (s)", "Afwijking van het optimum (hoogstens)")
    sv = plan.solver if plan.solver is not None else pd.DataFrame()
    toegestaan = scenario.solver_gap
    if len(sv):
        from ...planning.controle import bewezen_per_corporatie
        for r, bewezen in zip(sv.itertuples(index=False), bewezen_per_corporatie(sv), strict=False):
            zin = solver_uitkomst(bewezen, getattr(r, "gap", None),
                                  getattr(r, "toelichting", None) or getattr(r, "status", None),
                                  float(toegestaan) if toegestaan is not None else None)
            gap = getattr(r, "gap", None)
            onbekend = _leeg(gap) or (isinstance(gap, float) and math.isinf(gap))
            b.schrijf(getattr(r, "corporatie", None), getattr(r, "seconden", None), "onbekend" if onbekend else gap,
                      soorten=["tekst", "dec1", "tekst" if onbekend else "pct"])
            b.schrijf(f"    {zin}")
    else:
        b.schrijf("(geen rekengegevens)", NIET_BESCHIKBAAR)


def _samenvatting_schendingen(b: _Samenvattingblad, plan, goed: bool) -> None:
    """Violations and the diagnosis of an infeasible plan."""
    b.sectie("Schendingen en diagnose")
    if goed:
        b.schrijf("Alle eisen worden gehaald: geen schendingen.")
    for zin in plan.diagnose:
        b.schrijf(zin)
    if len(plan.schendingen):
        telling = plan.schendingen.groupby(["corporatie", "soort"]).size()
        for (c, s), aantal in telling.items():
            b.schrijf(f"{c}: {aantal} × {s} (zie Planning, kolom schendingen)")
        for t in _eerste(plan.schendingen["toelichting"], 50):
            b.schrijf(f"• {t}")
        if len(plan.schendingen) > 50:
            b.schrijf(f"… en {len(plan.schendingen) - 50} meer (zie Planning)")


def _samenvatting_bronnen(b: _Samenvattingblad, plan, portefeuille) -> None:
    """Reference data versions and the row accounting per input file."""
    b.sectie("Bronversies (referentiedata)", "Versie")
    for bron, versies in [("plan", plan.bronversies or {}), ("portefeuille", portefeuille.bronversies)]:
        for k, v in versies.items():
            b.schrijf(f"{k} ({bron})", v)

    bev = portefeuille.bevindingen
    if bev.boekhouding:
        b.sectie("Invoer: rijen per bestand", "Rijen in", "Gebruikt", "Afgewezen")
        for bh in bev.boekhouding.values():
            b.schrijf(bh.bestand, bh.rijen_in, bh.rijen_gebruikt, bh.rijen_afgewezen,
                      soorten=["tekst", "int", "int", "int"])
        b.schrijf(f"Bevindingen: {len(bev)} (zie blad Bevindingen)")


def _samenvatting_over(b: _Samenvattingblad, plan) -> None:
    """When and with which version the file was made, and what it cannot show."""
    cx = plan.complexen
    try:
        versie = importlib.metadata.version("verduurzaming")
    except importlib.metadata.PackageNotFoundError:
        versie = "onbekend"
    vandaag = dt.datetime.now().replace(microsecond=0)
    b.sectie("Over dit bestand", "")
    b.schrijf("Gemaakt op", vandaag, soorten=["tekst", "datum"])
    b.schrijf("Versie verduurzaming", versie)
    b.schrijf("Bladen", ", ".join(BLADEN))
    if "gemeente_code" in cx and cx["gemeente_code"].nunique() > 1:
        b.schrijf(f"NPA-monitor per gemeente: {NIET_BESCHIKBAAR} (het plan telt per corporatie, niet per gemeente)")
    b.schrijf(f"Zon, CO2 vermeden per complex: {NIET_BESCHIKBAAR} (het plan geeft geen CO2 per PV-installatie)")


def _samenvatting(ws, plan, portefeuille, scenario, jaren, npa_ws, npa_rijen, co2_ws, co2_doel_rij,
                  co2_waarden=None):
    kolommen = [Kolom("A", "tekst", 46), Kolom("B", "tekst", 27), Kolom("C", "tekst", 18), Kolom("D", "tekst", 16),
                Kolom("E", "tekst", 12), Kolom("F", "tekst", 12)]
    for i, k in enumerate(kolommen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.breedte
    for i in range(7, 18):
        ws.column_dimensions[get_column_letter(i)].width = 11
    ws.sheet_view.showGridLines = False
    _voor_rijen(ws)
    b = _Samenvattingblad(ws, kolommen)
    D = int(plan.deadline)
    goed = _samenvatting_scenario(b, plan, scenario, jaren, D)
    _samenvatting_capaciteit(b, plan, scenario, jaren)
    _samenvatting_kerncijfers(b, plan, jaren, D)
    kern_eind = b.rij_nr
    _samenvatting_aanpak(b, plan, jaren, D)
    _samenvatting_rekenuitkomst(b, plan, scenario)
    _samenvatting_schendingen(b, plan, goed)
    _samenvatting_bronnen(b, plan, portefeuille)
    _samenvatting_over(b, plan)

    # charts right of the text (columns A-D), under the status line
    plek = iter(["E5", "E23", "E41"])
    for grafiek in (_grafiek_efg(npa_ws, npa_rijen, jaren, D), _grafiek_labels(npa_ws, npa_rijen, jaren),
                    _grafiek_co2(co2_ws, co2_doel_rij, co2_waarden, jaren)):
        if grafiek is not None:
            ws.add_chart(grafiek, next(plek))
    # printed through column M: a 19 cm chart from E reaches into M (E-L are 17.7 cm at Calibri's widths)
    _pagina(ws, 13, max(b.rij_nr, 58), titelrij=False)
    ws.page_setup.fitToHeight = 0
    return kern_eind
