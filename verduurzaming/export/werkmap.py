"""The workbook toolkit both workbooks use (``export.werkboek``'s plan, ``export.voortgang``'s progress).

Column specs (:class:`Kolom`), a row writer that styles write-only cells (:class:`Rijschrijver`), a
data sheet with an Excel table, frozen header, fitted widths and A4 print setup (:func:`tabelblad`),
and a write-only workbook saved atomically (:func:`nieuwe_werkmap`).

Every text cell is written as an inline string (``t="inlineStr"``), never as a formula: text that
starts like a formula (``=``, ``+``, ``-``, ``@``) stays text and gets Excel's quote prefix, so that
editing the cell does not turn it into a formula either (:func:`veilige_tekst`, :func:`zet_tekst`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from .. import labels as L
from ..tekst import zonder_stuurtekens
from .atomair import atomair_pad
from .csv import FORMULE_TEKENS

__all__ = ["FMT", "KOP_KLEUR", "LABEL_FILL", "LABEL_FONT", "LETTERTYPE", "Kolom", "Rijschrijver", "kolombreedtes",
           "kop_hoogte", "kopcel", "leeg", "nieuwe_werkmap", "pagina", "rij_hoogte", "tabelblad", "veilige_tekst",
           "voor_rijen", "zet_tekst"]

FMT = {
    "eur": '"€ "#,##0',
    "int": "#,##0",
    "dec1": "#,##0.0",
    "ep2": "0.0",
    "pct": "0.0%",
    "jaar": "0",
    "datum": "dd-mm-yyyy",
    "tekst": "@",
}

KOP_KLEUR = "1F4E78"
LETTERTYPE = "Calibri"
_DUN = Side(style="thin", color="BFBFBF")


@dataclass(frozen=True)
class Kolom:
    """One column of a sheet: header, kind (``tekst``, ``label``, ``janee``, or a key of FMT) and width."""

    kop: str
    soort: str = "tekst"
    breedte: float | None = None
    #: widest the column gets (longer text wraps onto more lines when ``terugloop``)
    maximaal: float | None = None
    terugloop: bool = False


# ------------------------------------------------------------------ values and safety

def leeg(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def veilige_tekst(v: Any) -> str:
    """Text as it may go into a cell: control characters removed (the same as in every output, a
    superset of what openpyxl refuses), at most 32,767 characters."""
    s = zonder_stuurtekens(str(v))
    return s[:32767]


def zet_tekst(cell: WriteOnlyCell, s: str) -> WriteOnlyCell:
    """Put text in a cell as an inline string, never as a formula."""
    cell.value = s
    cell.data_type = "s"  # openpyxl makes '=...' a formula; text from data never is one
    return cell


def _label_font(kleur: str) -> Font:
    h = kleur.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    donker = 0.299 * r + 0.587 * g + 0.114 * b < 150
    return Font(name=LETTERTYPE, bold=True, color="FFFFFF" if donker else "000000")


LABEL_FILL = {lab: PatternFill("solid", fgColor=L.KLEUR[lab].lstrip("#").upper()) for lab in L.LABELS}
LABEL_FONT = {lab: _label_font(L.KLEUR[lab]) for lab in L.LABELS}


class Rijschrijver:
    """Turns plain row values into styled write-only cells, one template cell per column and kind.

    A template cell is reused for every row: write-only worksheets serialise a row the moment it
    is appended, so only the value changes and the style stays cached.
    """

    def __init__(self, ws, kolommen: Sequence[Kolom]):
        self.ws = ws
        self.kolommen = list(kolommen)
        self._cellen: dict[tuple[int, str], WriteOnlyCell] = {}
        #: with wrapped columns every cell sits at the top of its (taller) row
        self._boven = any(k.terugloop for k in self.kolommen)

    def _cel(self, i: int, soort: str) -> WriteOnlyCell:
        key = (i, soort)
        c = self._cellen.get(key)
        if c is None:
            c = WriteOnlyCell(self.ws)
            if soort.startswith("label:"):
                lab = soort[6:]
                c.fill, c.font = LABEL_FILL[lab], LABEL_FONT[lab]
                c.alignment = Alignment(horizontal="center")
            elif soort == "tekstq":
                c.quotePrefix = True
            elif soort == "tekstr":
                c.alignment = Alignment(horizontal="right")
            elif soort == "tekstc":
                c.alignment = Alignment(horizontal="center")
            elif soort == "tekstw":
                c.alignment = Alignment(wrap_text=True, vertical="top")
            elif soort in FMT:
                c.number_format = FMT[soort]
            if self._boven:
                c.alignment = Alignment(horizontal=c.alignment.horizontal, wrap_text=c.alignment.wrap_text,
                                        vertical="top")
            self._cellen[key] = c
        return c

    def tekst(self, i: int, v: Any, uitlijning: str = "") -> WriteOnlyCell:
        s = veilige_tekst(v)
        if s.startswith(FORMULE_TEKENS):
            return zet_tekst(self._cel(i, "tekstq"), s)
        if not uitlijning and i < len(self.kolommen) and self.kolommen[i].terugloop:
            uitlijning = "w"
        return zet_tekst(self._cel(i, "tekst" + uitlijning), s)

    def waarde(self, i: int, v: Any, soort: str) -> Any:
        if leeg(v):
            return None
        if soort == "tekst":
            return self.tekst(i, v)
        if soort.startswith("labeltekst:"):
            return zet_tekst(self._cel(i, "label:" + soort[11:]), veilige_tekst(v))
        if soort == "label":
            s = str(v)
            if s in LABEL_FILL:
                return zet_tekst(self._cel(i, "label:" + s), s)
            return self.tekst(i, v, "c")
        if soort == "janee":
            if isinstance(v, str):
                return self.tekst(i, v, "c")
            return self.tekst(i, "ja" if bool(v) else "nee", "c")
        # numbers and dates
        if isinstance(v, (dt.date, dt.datetime)):
            c = self._cel(i, "datum")
            c.value = v
            return c
        if isinstance(v, str):
            return self.tekst(i, v, "r")
        if isinstance(v, (bool,)):
            v = int(v)
        try:
            f = float(v)
        except (TypeError, ValueError):
            return self.tekst(i, v, "r")
        if math.isinf(f):
            return self.tekst(i, "onbeperkt", "r")
        c = self._cel(i, soort)
        c.value = int(v) if soort in ("jaar", "int") and f.is_integer() else f
        return c

    def rij(self, waarden: Sequence[Any], soorten: Sequence[str] | None = None) -> list[Any]:
        soorten = soorten or [k.soort for k in self.kolommen]
        return [self.waarde(i, v, s) for i, (v, s) in enumerate(zip(waarden, soorten, strict=False))]


def kopcel(ws, tekst: str, *, kleur: str = KOP_KLEUR, wit: bool = True) -> WriteOnlyCell:
    c = WriteOnlyCell(ws)
    zet_tekst(c, veilige_tekst(tekst))
    c.font = Font(name=LETTERTYPE, bold=True, color="FFFFFF" if wit else "000000")
    c.fill = PatternFill("solid", fgColor=kleur)
    c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    c.border = Border(bottom=_DUN)
    return c


def kolombreedtes(kolommen: Sequence[Kolom], voorbeeld: Iterable[Sequence[Any]]) -> list[float]:
    """Column widths that fit: the header (wrapped over up to two lines) and a sample of values."""
    lengtes = [0] * len(kolommen)
    for rij in voorbeeld:
        for i, v in enumerate(rij):
            if leeg(v):
                continue
            soort = kolommen[i].soort
            if isinstance(v, (int, float)) and not isinstance(v, bool) and soort in ("eur", "int", "dec1", "ep2"):
                n = len(f"{abs(float(v)):,.0f}") + (3 if soort == "eur" else 1) + (2 if soort in ("dec1", "ep2") else 0)
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and soort == "jaar":
                n = 4
            elif soort == "pct":
                n = 7
            else:
                n = len(str(v))
            lengtes[i] = max(lengtes[i], n)
    uit = []
    for k, n in zip(kolommen, lengtes, strict=False):
        kop = len(k.kop)
        # a long header wraps over up to three lines (the header row gets the height it needs)
        kop_breedte = kop if kop <= 10 else max(10, math.ceil(kop / 3) + 2)
        w: float = max(n + 2, kop_breedte + 2, 7)
        if k.breedte is not None:
            w = max(k.breedte, min(w, 60))
        langste_woord = max((len(x) for x in k.kop.split()), default=1)
        uit.append(max(min(w, 60, k.maximaal or 60), math.ceil(langste_woord * 1.2) + 1))
    return uit


def voor_rijen(ws) -> None:
    """What a write-only sheet must know before its first row: fit to page (sheetPr)."""
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def pagina(ws, laatste_kol: int, laatste_rij: int, *, titelrij: bool = True) -> None:
    """Landscape A4, fit to one page wide, header repeated, print area over the data."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "pagina &P van &N"
    ws.oddHeader.left.text = "Verduurzamingsplan"
    ws.print_area = f"A1:{get_column_letter(max(laatste_kol, 1))}{max(laatste_rij, 1)}"
    if titelrij:
        ws.print_title_rows = "1:1"


#: advance widths of printable ASCII (32-126) in Calibri 11, in widths of '0' (the unit of an Excel column
#: width), read from Carlito, which has Calibri's metrics; any other character counts as a '0'
_BREEDTE_ASCII = (
    0.45, 0.64, 0.79, 0.98, 1.0, 1.41, 1.35, 0.44, 0.6, 0.6, 0.98, 0.98, 0.49, 0.6, 0.5, 0.76,  # space .. /
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.53, 0.53, 0.98, 0.98, 0.98, 0.91,  # 0 .. ?
    1.76, 1.14, 1.07, 1.05, 1.21, 0.96, 0.91, 1.24, 1.23, 0.5, 0.63, 1.03, 0.83, 1.69, 1.27, 1.31,  # @ .. O
    1.02, 1.33, 1.07, 0.91, 0.96, 1.27, 1.12, 1.76, 1.02, 0.96, 0.92, 0.61, 0.76, 0.61, 0.98, 0.98,  # P .. _
    0.57, 0.95, 1.04, 0.83, 1.04, 0.98, 0.6, 0.93, 1.04, 0.45, 0.47, 0.9, 0.45, 1.58, 1.04, 1.04,  # ` .. o
    1.04, 1.04, 0.69, 0.77, 0.66, 1.04, 0.89, 1.41, 0.85, 0.89, 0.78, 0.62, 0.91, 0.62, 0.98)  # p .. ~
#: bold Calibri is a little wider than regular
_VET = 1.05


def _breedte(tekst: str) -> float:
    """Width of ``tekst`` in Calibri 11, in widths of '0'."""
    return sum(_BREEDTE_ASCII[o - 32] if 32 <= (o := ord(c)) < 127 else 1.0 for c in tekst)


def _regels(tekst: str, breedte: float, *, vet: bool = False) -> int:
    """Lines a text takes when wrapped at spaces in a column ``breedte`` wide (Calibri 11, as Excel and
    LibreOffice with Carlito draw it); a word wider than the column is broken over lines."""
    ruimte = max(breedte - 0.5, 2.0)  # the cell's inner margins
    schaal = _VET if vet else 1.0
    spatie = _BREEDTE_ASCII[0] * schaal
    n, lijn = 1, 0.0
    for woord in tekst.split():
        w = _breedte(woord) * schaal
        if lijn and lijn + spatie + w <= ruimte:
            lijn += spatie + w
            continue
        if lijn:
            n += 1
        lijn = w
        while lijn > ruimte:
            n += 1
            lijn -= ruimte
    return n


def rij_hoogte(rij: Sequence[Any], kolommen: Sequence[Kolom], breedtes: Sequence[float]) -> int:
    """Lines a row needs for the text in its wrapped (``terugloop``) columns."""
    hoog = 1
    for i, (k, w) in enumerate(zip(kolommen, breedtes, strict=False)):
        v = rij[i] if i < len(rij) else None
        if k.terugloop and isinstance(v, str) and len(v) > w / 2:
            hoog = max(hoog, _regels(v, w))
    return hoog


def kop_hoogte(kolommen: Sequence[Kolom], breedtes: Sequence[float]) -> float:
    """Row height [pt] that shows every wrapped header whole (LibreOffice does not grow a row
    with a set height, and a write-only sheet cannot leave it to Excel's autofit)."""
    return 15.0 * max([_regels(k.kop, w, vet=True) for k, w in zip(kolommen, breedtes, strict=False)] or [1]) + 4


def tabelblad(wb: Workbook, naam: str, tabelnaam: str, kolommen: Sequence[Kolom],
               rijen: Iterable[Sequence[Any]], voorbeeld: Sequence[Sequence[Any]] = (),
               freeze: str = "A2", soorten_per_rij: Iterable[Sequence[str]] | None = None,
               kop_kleur: dict[int, str] | None = None, schrijver: type[Rijschrijver] = Rijschrijver,
               machinekop: Sequence[str] | None = None):
    """A data sheet: header row, rows, an Excel table (or autofilter when empty), frozen header.

    With ``machinekop`` a hidden first row holds those stable column names (for programs that
    read the sheet back) and the Dutch header is row 2; ``freeze`` is then given for that layout.
    """
    ws = wb.create_sheet(naam)
    breedtes = kolombreedtes(kolommen, voorbeeld)
    for i, w in enumerate(breedtes, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = freeze
    ws.sheet_view.zoomScale = 90
    voor_rijen(ws)
    kop_rij = 1
    if machinekop is not None:
        machinerij = []
        for m in machinekop:
            c = WriteOnlyCell(ws)
            zet_tekst(c, m)
            c.font = Font(name=LETTERTYPE, size=8, color="808080")
            machinerij.append(c)
        ws.row_dimensions[1].hidden = True  # before the append: a write-only row is written at once
        ws.append(machinerij)
        kop_rij = 2
    kop = []
    for i, k in enumerate(kolommen):
        kleur = (kop_kleur or {}).get(i)
        kop.append(kopcel(ws, k.kop, kleur=kleur or KOP_KLEUR, wit=kleur is None))
    ws.row_dimensions[kop_rij].height = kop_hoogte(kolommen, breedtes)
    ws.append(kop)
    rs = schrijver(ws, kolommen)
    n = 0
    soorten_iter = iter(soorten_per_rij) if soorten_per_rij is not None else None
    # wrapped columns: a row gets the height its text needs (no program autofits a write-only
    # row on opening); the dimension is dropped again once the row is written
    terug = any(k.terugloop for k in kolommen)
    for rij in rijen:
        hoog = rij_hoogte(rij, kolommen, breedtes) if terug else 1
        r = n + kop_rij + 1
        if hoog > 1:
            ws.row_dimensions[r].height = 15.0 * hoog
        ws.append(rs.rij(rij, next(soorten_iter) if soorten_iter is not None else None))
        if hoog > 1:
            del ws.row_dimensions[r]
        n += 1
    laatste = get_column_letter(len(kolommen))
    ref = f"A{kop_rij}:{laatste}{n + kop_rij}"
    if n:
        # 'tbl' prefix: a name like 'CO2' is also a cell reference, which Excel refuses as a table name
        t = Table(displayName="tbl" + tabelnaam, ref=ref, autoFilter=AutoFilter(ref=ref),
                  tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True))
        t.tableColumns = [TableColumn(id=i + 1, name=k.kop) for i, k in enumerate(kolommen)]
        with warnings.catch_warnings():  # openpyxl warns that write-only tables need their columns: they have them
            warnings.simplefilter("ignore", UserWarning)
            ws.add_table(t)
    else:
        ws.auto_filter.ref = ref
    pagina(ws, len(kolommen), n + kop_rij)
    if kop_rij != 1:
        ws.print_title_rows = f"{kop_rij}:{kop_rij}"
    return ws, n


# ------------------------------------------------------------------ the workbook

@contextlib.contextmanager
def nieuwe_werkmap(pad: Path) -> Iterator[Workbook]:
    """A write-only workbook saved atomically to ``pad`` when the block ends without error;
    on an error its sheet streams and temp files are cleaned up and nothing is written."""
    wb = Workbook(write_only=True)
    try:
        yield wb
        wb.active = 0
        with atomair_pad(pad) as tmp:
            wb.save(tmp)
    except BaseException:
        _opruimen(wb)
        raise


def _opruimen(wb: Workbook) -> None:
    """After a failure: close the write-only sheet streams and remove their temp files."""
    for ws in wb._sheets:
        w = getattr(ws, "_writer", None)
        if w is None:
            continue
        try:
            if ws._rows is not None:
                ws._rows.close()
            w.close()
        except Exception:  # noqa: BLE001 - best effort, the original error is what counts
            pass
        try:
            w.cleanup()
        except Exception:  # noqa: BLE001
            pass
