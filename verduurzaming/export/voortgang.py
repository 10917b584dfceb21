"""The progress workbook (``voortgang.xlsx``): prestatieafspraken, planned vs realised, NPA figures.

A pure writer of a :class:`~verduurzaming.voortgang.Voortgang`: it never recomputes. Same house
style as the planning workbook, from the same toolkit (``export.werkmap``): Excel tables with a
``tbl`` prefix, frozen header, number formats, label colours, text cells that never become
formulas, A4 landscape, and an atomic write. Sheet layout is documented in ``docs/voortgang.md``.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from .werkmap import Kolom, Rijschrijver, nieuwe_werkmap, tabelblad, veilige_tekst, zet_tekst

__all__ = ["BLADEN_VOORTGANG", "schrijf_voortgang"]

BLADEN_VOORTGANG = ["Samenvatting", "Afspraken", "NPA-voortgang", "EFG-pad", "Halfjaar", "Verschoven", "Complexen",
                    "Gemeente", "Wijzigingen", "Bevindingen"]

#: status colours (traffic light)
STATUS_KLEUR = {"gehaald": "63BE7B", "op schema": "C6EFCE", "achter": "FFEB84", "niet haalbaar": "F8696B",
                "vertraagd": "FFEB84", "later gerealiseerd": "FFEB84", "eerder gerealiseerd": "C6EFCE",
                "gerealiseerd volgens plan": "63BE7B", "gerealiseerd, niet gepland": "DDEBF7",
                "gerealiseerd, te controleren": "FFC7CE"}
_STATUS_FILL = {k: PatternFill("solid", fgColor=v) for k, v in STATUS_KLEUR.items()}


class _StatusSchrijver(Rijschrijver):
    """Row writer with one more kind: ``status`` (text in its traffic-light colour)."""

    def waarde(self, i: int, v: Any, soort: str) -> Any:
        if soort == "status" and isinstance(v, str) and v in _STATUS_FILL:
            key = (i, "status:" + v)
            c = self._cellen.get(key)
            if c is None:
                c = WriteOnlyCell(self.ws)
                c.fill = _STATUS_FILL[v]
                c.font = Font(name="Calibri", bold=True)
                c.alignment = Alignment(horizontal="center")
                self._cellen[key] = c
            return zet_tekst(c, veilige_tekst(v))
        if soort == "status":
            soort = "tekst"
        if soort == "auto":  # mixed column: numbers as numbers, dates as dates, the rest as text
            if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
                v, soort = dt.datetime.combine(v, dt.time()), "datum"
                return super().waarde(i, v, soort)
            if isinstance(v, dt.datetime):
                return super().waarde(i, v, "datum")
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                soort = "dec1" if isinstance(v, float) and not float(v).is_integer() else "int"
            else:
                soort = "tekst"
        return super().waarde(i, v, soort)


#: Dutch headers for the frame columns (others: underscores as spaces, first letter capital)
KOPPEN_NL = {
    "id": "Id", "start": "Stand bij start", "stand_start": "Stand bij start", "npa_pad": "NPA-pad",
    "wijk_code": "Wijkcode", "wijk_naam": "Wijk", "complex_id": "Complex", "complex_naam": "Complexnaam",
    "gepland_woningen": "Gepland (woningen)", "gerealiseerd_woningen": "Gerealiseerd (woningen)",
    "efg_start": "E/F/G bij start", "efg_nu": "E/F/G nu", "slechtste_label_start": "Label bij start",
    "slechtste_label_nu": "Label nu", "label_verbeterd_woningen": "Label verbeterd (woningen)",
    "pv_gerealiseerd_jaar": "PV gerealiseerd (jaar)", "strategie": "TVW-strategie",
    "aardgasvrij_jaar": "Aardgasvrij (jaar)", "corporaties": "Corporaties (woningen)",
    "corporatiewoningen": "Corporatie-woningen", "woningvoorraad": "Woningvoorraad (CBS)",
    "aandeel_corporatie_pct": "Aandeel corporatie", "renovatie_woningen": "Renovaties (woningen)",
    "binnen_wup_woningen": "Binnen WUP (woningen)", "buiten_wup_woningen": "Buiten WUP (woningen)",
    "eerste_jaar": "Eerste werkjaar", "laatste_jaar": "Laatste werkjaar",
    "gepland_aanpak": "Geplande aanpak", "gerealiseerd_aanpak": "Gerealiseerde aanpak",
    "gepland_woningen_aangepakt": "Gepland: woningen aangepakt", "woningen_aangepakt": "Gerealiseerd: woningen aangepakt",
    "van_gas_gerealiseerd_jaar": "Van het gas af gerealiseerd (jaar)",
    "gepland_van_gas_jaar": "Van het gas af gepland (jaar)", "status_van_gas": "Status van het gas af",
    "gepland_pv_jaar": "PV gepland (jaar)", "status_pv": "Status zonnepanelen",
}


def kop_nl(naam: str) -> str:
    """The Dutch header of a frame column of the progress workbook."""
    return KOPPEN_NL.get(naam) or naam.replace("_", " ").capitalize()


def _blad(wb, naam: str, tabel: str, df: pd.DataFrame, kolommen: list[Kolom]):
    """A data sheet from a frame (columns ``k.kop`` of ``kolommen``, written under their Dutch
    header): the planning workbook's layout (table, frozen header, widths, print setup) with the
    status writer. Whole-number columns (``int``) are rounded: no 157,3 dwellings."""
    df = df.reindex(columns=[k.kop for k in kolommen])
    for k in kolommen:
        if k.soort == "int":
            df[k.kop] = pd.to_numeric(df[k.kop], errors="coerce").round(0)
    weergave = [Kolom(kop_nl(k.kop), k.soort, k.breedte) for k in kolommen]
    voorbeeld = [tuple(r) for r in df.head(200).itertuples(index=False, name=None)]
    rijen = (tuple(None if _leeg(x) else x for x in r) for r in df.itertuples(index=False, name=None))
    ws, n = tabelblad(wb, naam, tabel, weergave, rijen, voorbeeld, schrijver=_StatusSchrijver)
    ws.oddHeader.left.text = "Voortgang verduurzaming"
    return ws, n


def _leeg(v: Any) -> bool:
    try:
        return v is None or v is pd.NA or v is pd.NaT or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


K = Kolom
AFSPRAKEN = [K("id", "tekst", 10), K("afspraak", "tekst", 40), K("partij", "tekst"), K("corporatie", "tekst"),
             K("indicator", "tekst"), K("eenheid", "tekst"), K("doeljaar", "jaar", 8), K("doel", "auto", 8),
             K("start", "auto"), K("gepland_op_peildatum", "auto"), K("gerealiseerd_op_peildatum", "auto"),
             K("prognose_doeljaar", "auto"), K("status", "status", 13), K("toelichting", "tekst", 60)]
NPA = [K("corporatie", "tekst"), K("indicator", "tekst", 44), K("stand_start", "int"),
       K("gepland_op_peildatum", "int"), K("gerealiseerd_op_peildatum", "int"), K("verschil", "int"),
       K("plan_eind_deadline", "int")]
EFG = [K("corporatie", "tekst"), K("moment", "datum", 11), K("jaar", "jaar"), K("npa_pad", "int"),
       K("plan", "int"), K("gerealiseerd", "int"), K("herplan", "int"), K("verschil_met_plan", "int")]
HALF = [K("corporatie", "tekst"), K("wijk_code", "tekst", 11), K("wijk_naam", "tekst"), K("halfjaar", "tekst", 9),
        K("gepland_woningen", "dec1"), K("gerealiseerd_woningen", "dec1"), K("gepland_cumulatief", "dec1"),
        K("gerealiseerd_cumulatief", "dec1"), K("verschil_cumulatief", "dec1")]
VERSCHOVEN = [K("corporatie", "tekst"), K("complex_id", "tekst", 11), K("complex_naam", "tekst"),
              K("wijk_code", "tekst", 11), K("wijk_naam", "tekst"), K("woningen", "int"), K("efg_start", "int"),
              K("efg_nu", "int"), K("gepland_pakket", "tekst"), K("gepland_jaar", "jaar"),
              K("gerealiseerd_jaar", "jaar"), K("status", "status", 16), K("herplan_pakket", "tekst"),
              K("herplan_jaar", "jaar"), K("jaren_later", "int")]
COMPLEXEN = [K("corporatie", "tekst"), K("complex_id", "tekst", 11), K("complex_naam", "tekst"),
             K("wijk_code", "tekst", 11), K("wijk_naam", "tekst"), K("woningen", "int"),
             K("slechtste_label_start", "label", 9), K("slechtste_label_nu", "label", 9), K("efg_start", "int"),
             K("efg_nu", "int"), K("label_verbeterd_woningen", "int"), K("gepland_pakket", "tekst"),
             K("gepland_aanpak", "tekst"), K("gepland_jaar", "jaar"), K("gepland_woningen_aangepakt", "dec1"),
             K("gerealiseerd_pakket", "tekst"), K("gerealiseerd_aanpak", "tekst"), K("gerealiseerd_jaar", "jaar"),
             K("woningen_aangepakt", "dec1"), K("status", "status", 22), K("gepland_van_gas_jaar", "jaar"),
             K("van_gas_gerealiseerd_jaar", "jaar"), K("status_van_gas", "status", 22), K("gepland_pv_jaar", "jaar"),
             K("pv_gerealiseerd_jaar", "jaar"), K("status_pv", "status", 22), K("herplan_pakket", "tekst"),
             K("herplan_jaar", "jaar"), K("vrijgesteld", "janee")]
GEMEENTE = [K("wijk_code", "tekst", 11), K("wijk_naam", "tekst"), K("strategie", "tekst"),
            K("uitvoering_start", "jaar"), K("uitvoering_eind", "jaar"), K("aardgasvrij_jaar", "jaar"),
            K("corporaties", "tekst", 30), K("complexen", "int"), K("corporatiewoningen", "int"),
            K("woningvoorraad", "int"), K("aandeel_corporatie_pct", "pct"), K("efg_start", "int"),
            K("renovatie_woningen", "dec1"), K("binnen_wup_woningen", "dec1"), K("buiten_wup_woningen", "dec1"),
            K("eerste_jaar", "jaar"), K("laatste_jaar", "jaar"), K("gerealiseerd_woningen", "dec1"),
            K("startpunt_warmtenet", "janee"), K("toelichting", "tekst", 50)]
WIJZIGINGEN = [K("corporatie", "tekst"), K("complex_id", "tekst", 11), K("oud_pakket", "tekst"),
               K("oud_jaar", "jaar"), K("nieuw_pakket", "tekst"), K("nieuw_jaar", "jaar"),
               K("reden", "tekst", 60)]
BEVINDINGEN = [K("bestand", "tekst"), K("rij", "int"), K("kolom", "tekst"), K("waarde", "tekst"),
               K("probleem", "tekst", 60), K("actie", "tekst"), K("ernst", "tekst"), K("sleutel", "tekst")]


def _samenvatting(wb, v, scenario, bestanden: list[str]):
    s = v.samenvatting
    try:
        versie = importlib.metadata.version("verduurzaming")
    except importlib.metadata.PackageNotFoundError:
        versie = "onbekend"
    statussen = s.get("statussen", {}) or {}
    toetsingen = int(sum(statussen.values())) if statussen else len(v.afspraken)
    rijen = [("Scenario", scenario.naam), ("Peildatum", v.peildatum),
             ("Realisatiebestanden", ", ".join(bestanden) or "geen"),
             ("Plan", s.get("vergeleken_met", "")),
             ("Afspraken", s.get("afspraken", 0)),
             ("Toetsmomenten (afspraak × corporatie × doeljaar)", toetsingen)]
    for st in ("gehaald", "op schema", "achter", "niet haalbaar"):
        rijen.append((f"Toetsmomenten {st}", int(statussen.get(st, 0))))
    rijen += [("Complexen gerealiseerd", s.get("complexen_gerealiseerd", 0)),
              ("Woningen gerealiseerd", s.get("woningen_gerealiseerd", 0)),
              ("Complexen vertraagd", s.get("vertraagd", 0)),
              ("Complexen vertraagd: van het gas af", s.get("van_gas_vertraagd", 0)),
              ("Complexen vertraagd: zonnepanelen", s.get("pv_vertraagd", 0)),
              ("Woningen E/F/G bij de start (excl. vrijgesteld)", s.get("efg_start", 0)),
              ("Woningen E/F/G op de peildatum (excl. vrijgesteld)", s.get("efg_nu", 0)),
              ("Bevindingen", len(v.bevindingen)),
              ("Gemaakt", dt.datetime.now().replace(second=0, microsecond=0)), ("Versie verduurzaming", versie)]
    df = pd.DataFrame(rijen, columns=["onderdeel", "waarde"])
    return _blad(wb, "Samenvatting", "Samenvatting", df, [K("onderdeel", "tekst", 44), K("waarde", "auto", 40)])


def _efg_grafiek(ws, efg: pd.DataFrame) -> None:
    """Line chart beside the EFG-pad table: E/F/G dwellings per moment, the NPA path, the plan, what
    was realised and the re-plan, for all corporations together (or the only one)."""
    if not len(efg) or "corporatie" not in efg:
        return
    from openpyxl.chart import LineChart, Reference, Series
    corps = list(efg["corporatie"])
    keuze = "alle corporaties" if "alle corporaties" in corps else corps[0]
    rijen = [i + 2 for i, c in enumerate(corps) if c == keuze]  # data from row 2
    if rijen != list(range(rijen[0], rijen[-1] + 1)):
        return  # not one block: no chart rather than a wrong one
    lc = LineChart()
    lc.title = f"Woningen E/F/G: NPA-pad, plan, gerealiseerd en herplan ({keuze})"
    lc.y_axis.title, lc.x_axis.title = "woningen E/F/G", "jaar"
    lc.y_axis.numFmt = "#,##0"
    lc.y_axis.scaling.min = 0
    stijl = {"NPA-pad": ("C00000", "dash"), "Plan": ("1F4E78", None), "Gerealiseerd": ("70AD47", None),
             "Herplan": ("ED7D31", "sysDot")}
    for kol, titel in zip(range(4, 8), stijl, strict=False):
        reeks = Series(Reference(ws, min_col=kol, max_col=kol, min_row=rijen[0], max_row=rijen[-1]), title=titel)
        kleur, streep = stijl[titel]
        reeks.graphicalProperties.line.solidFill = kleur
        reeks.graphicalProperties.line.width = 28000
        if streep:
            reeks.graphicalProperties.line.dashStyle = streep
        reeks.smooth = False
        lc.series.append(reeks)
    lc.set_categories(Reference(ws, min_col=3, max_col=3, min_row=rijen[0], max_row=rijen[-1]))
    lc.width, lc.height = 18, 9
    lc.legend.position = "b"
    lc.x_axis.delete = False
    lc.y_axis.delete = False
    ws.add_chart(lc, "J2")


def schrijf_voortgang(voortgang, scenario, pad: str | Path, *, bestanden: list[str] | None = None) -> Path:
    """Write ``voortgang.xlsx`` (sheets ``BLADEN_VOORTGANG``) atomically; returns the path."""
    pad = Path(pad)
    v = voortgang
    with nieuwe_werkmap(pad) as wb:
        _samenvatting(wb, v, scenario, bestanden or [])
        _blad(wb, "Afspraken", "Afspraken", v.afspraken, AFSPRAKEN)
        _blad(wb, "NPA-voortgang", "NPAvoortgang", v.npa, NPA)
        efg = v.efg_pad.copy()
        if "moment" in efg:
            efg["moment"] = pd.to_datetime(efg["moment"], format="%d-%m-%Y", errors="coerce")
        efg_ws, _ = _blad(wb, "EFG-pad", "EFGpad", efg, EFG)
        _efg_grafiek(efg_ws, efg)
        _blad(wb, "Halfjaar", "Halfjaar", v.halfjaar, HALF)
        _blad(wb, "Verschoven", "Verschoven", v.verschoven, VERSCHOVEN)
        _blad(wb, "Complexen", "Complexen", v.complexen, COMPLEXEN)
        _blad(wb, "Gemeente", "Gemeente", v.gemeente, GEMEENTE)
        _blad(wb, "Wijzigingen", "Wijzigingen", v.wijzigingen if v.wijzigingen is not None else pd.DataFrame(),
              WIJZIGINGEN)
        _blad(wb, "Bevindingen", "Bevindingen", v.bevindingen.als_tabel(), BEVINDINGEN)
    return pad
