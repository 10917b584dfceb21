"""Read a CSV or XLSX export into a table of strings with the row numbers a user sees.

Handles what real exports do: ``;`` or ``,`` or tab separators, UTF-8 with or without BOM,
cp1252, a title block above the header, empty rows, and sheets hidden in a workbook. Values
stay text; :mod:`verduurzaming.validate` parses them and reports what it cannot.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._errors import InvoerFout

#: how many leading rows may hold a title block before the header
MAX_KOPREGELS = 30


@dataclass
class RuweTabel:
    """A table as read: string cells, the original header, the file row of each data row."""

    bestand: str
    data: pd.DataFrame  # columns = header as in the file (deduplicated); all values str
    rijnummers: pd.Series  # 1-based row number in the file / sheet, aligned with data
    kopregel: int  # 1-based row number of the header
    blad: str | None = None
    decimaal: str = ","
    overgeslagen: list[tuple[int, str]] = field(default_factory=list)  # (row, reason) before/inside the table


def _decodeer(ruw: bytes, naam: str) -> str:
    if not ruw.strip():
        raise InvoerFout("het bestand is leeg", bestand=naam)
    if ruw[:4] == b"PK\x03\x04":
        raise InvoerFout("dit is een Excel- of zip-bestand, geen CSV; geef het de extensie .xlsx",
                         bestand=naam)
    if ruw.startswith(b"\xef\xbb\xbf"):
        ruw = ruw[3:]  # a UTF-8 BOM; some tools put it before cp1252 text, so decode below
    if ruw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return ruw.decode("utf-16")
        except UnicodeDecodeError:
            raise InvoerFout("begint als UTF-16-tekst maar is niet als UTF-16 te lezen; sla het op als "
                             "CSV (UTF-8)", bestand=naam) from None
    kop = ruw[:8192]
    if b"\x00" in kop or sum(b < 9 or 13 < b < 32 for b in kop) > len(kop) * 0.05:
        raise InvoerFout("dit is geen tekstbestand (binaire inhoud); verwacht een CSV- of XLSX-export",
                         bestand=naam)
    try:
        return ruw.decode("utf-8")
    except UnicodeDecodeError:
        return ruw.decode("cp1252", errors="replace")


def _scheidingsteken(regels: list[str]) -> str:
    tellingen = {sep: sum(r.count(sep) for r in regels) for sep in (";", "\t", ",", "|")}
    # ';' wins ties: Dutch exports use it because ',' is the decimal separator
    return max((";", "\t", ",", "|"), key=lambda s: (tellingen[s] > 0, tellingen[s] if s != "," else tellingen[s] * 0.9))


def zoek_kopregel(rijen: list[list[str]], score: Callable[[list[str]], int]) -> int:
    """Index of the row that looks most like the header (most known column names)."""
    beste, beste_score = 0, -1
    for i, rij in enumerate(rijen[:MAX_KOPREGELS]):
        s = score(rij)
        if s > beste_score:
            beste, beste_score = i, s
    return beste


def _uniek(namen: Iterable[object]) -> list[str]:
    uit, gezien = [], {}
    for i, n in enumerate(namen):
        s = "" if n is None else str(n).strip()
        if not s:
            s = f"kolom_{i + 1}"
        if s in gezien:
            gezien[s] += 1
            s = f"{s}_{gezien[s]}"
        else:
            gezien[s] = 0
        uit.append(s)
    return uit


def lees_csv(pad: Path, score: Callable[[list[str]], int], naam: str | None = None) -> RuweTabel:
    """Read a delimited text file; ``score`` rates a candidate header row."""
    naam = naam or pad.name
    try:
        ruw = pad.read_bytes()
    except OSError as e:
        raise InvoerFout(f"kan het bestand niet lezen ({e.strerror})", bestand=naam) from None
    tekst = _decodeer(ruw, naam)
    # split lines as csv does (\r\n, \r or \n), so that line numbers agree with the csv reader below
    regels = [r.rstrip("\r\n") for r in io.StringIO(tekst, newline="")]
    niet_leeg = [r for r in regels[:MAX_KOPREGELS + 20] if r.strip()]
    sep = _scheidingsteken(niet_leeg)
    kop_rijen = list(csv.reader(regels[:MAX_KOPREGELS], delimiter=sep))
    k = zoek_kopregel(kop_rijen, score)
    kop = _uniek(kop_rijen[k]) if kop_rijen else []
    if not kop:
        raise InvoerFout("geen kopregel met kolomnamen gevonden", bestand=naam)
    overgeslagen = [(i + 1, "regel boven de kopregel") for i in range(k) if regels[i].strip()]
    # csv.reader gives the exact line of every record, also with quoted newlines
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep)
    records: list[list[str]] = []
    rijnummers: list[int] = []
    try:
        gelezen = [(rec, lezer.line_num) for rec in lezer]
    except csv.Error as e:
        raise InvoerFout(f"onleesbare CSV ({e}); vaak een aanhalingsteken (\") dat niet gesloten wordt",
                         bestand=naam, rij=lezer.line_num) from None
    for i, (rec, regel) in enumerate(gelezen):
        if i <= k:
            continue
        if not rec or all(not c.strip() for c in rec):
            overgeslagen.append((regel, "lege regel"))
            continue
        if len(rec) > len(kop):
            extra = rec[len(kop):]
            if any(c.strip() for c in extra):
                overgeslagen.append((regel, f"regel heeft {len(rec)} velden, de kopregel {len(kop)}"))
                continue
            rec = rec[: len(kop)]
        elif len(rec) < len(kop):
            rec = rec + [""] * (len(kop) - len(rec))
        records.append(rec)
        rijnummers.append(regel)
    data = pd.DataFrame(records, columns=kop, dtype="str") if records else pd.DataFrame(columns=kop, dtype="str")
    decimaal = "," if sep != "," else "."
    return RuweTabel(naam, data, pd.Series(rijnummers, dtype="int64"), k + 1, None, decimaal, overgeslagen)


def _cel(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, bool):
        return "ja" if v else "nee"
    return str(v)


def lees_xlsx(pad: Path, score: Callable[[list[str]], int], blad: str | None = None,
              naam: str | None = None) -> RuweTabel:
    """Read the first visible sheet whose header scores best (or sheet ``blad``)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException
    import zipfile

    naam = naam or pad.name
    if pad.stat().st_size == 0:
        raise InvoerFout("het bestand is leeg", bestand=naam)
    with open(pad, "rb") as fh:
        begin = fh.read(4096)
    if not begin.startswith(b"PK"):
        tekstachtig = b"\x00" not in begin and sum(b < 9 or 13 < b < 32 for b in begin) <= len(begin) * 0.05
        raise InvoerFout("dit is geen Excel-bestand maar " + ("tekst (een CSV-export?); geef het de extensie .csv"
                         if tekstachtig else "binaire inhoud van een ander soort; sla de export op als .xlsx of CSV"),
                         bestand=naam)
    try:
        wb = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise InvoerFout(f"geen leesbaar Excel-bestand (.xlsx): beschadigd of onvolledig ({type(e).__name__})",
                         bestand=naam) from None
    try:
        zichtbaar = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        if blad is not None:
            if blad not in wb.sheetnames:
                raise InvoerFout(f"werkblad '{blad}' bestaat niet; wel aanwezig: {', '.join(wb.sheetnames)}",
                                 bestand=naam)
            kandidaten = [wb[blad]]
        else:
            kandidaten = zichtbaar
        if not kandidaten:
            raise InvoerFout("het bestand heeft geen zichtbaar werkblad", bestand=naam)
        beste = None
        for ws in kandidaten:
            kop_rijen = [[_cel(v) for v in rij] for rij in ws.iter_rows(max_row=MAX_KOPREGELS, values_only=True)]
            if not kop_rijen:
                continue
            k = zoek_kopregel(kop_rijen, score)
            s = score(kop_rijen[k])
            if beste is None or s > beste[0]:
                beste = (s, ws, k, kop_rijen[k])
        if blad is None and (beste is None or beste[0] == 0):
            for ws in wb.worksheets:
                if ws in zichtbaar:
                    continue
                kop_rijen = [[_cel(v) for v in rij] for rij in ws.iter_rows(max_row=MAX_KOPREGELS, values_only=True)]
                if kop_rijen and score(kop_rijen[zoek_kopregel(kop_rijen, score)]) > 0:
                    raise InvoerFout(f"de gegevens staan op het verborgen werkblad '{ws.title}'; maak dat werkblad "
                                     "zichtbaar in Excel (verborgen bladen worden niet gelezen)", bestand=naam)
        if beste is None:
            raise InvoerFout("alle werkbladen zijn leeg", bestand=naam)
        _, ws, k, kop = beste
        kop = _uniek(kop)
        while kop and kop[-1].startswith("kolom_"):
            kop.pop()
        records, rijnummers, overgeslagen = [], [], [(i + 1, "regel boven de kopregel") for i in range(k)]
        for i, rij in enumerate(ws.iter_rows(min_row=k + 2, values_only=True), start=k + 2):
            cellen = [_cel(v) for v in rij]
            if not any(c.strip() for c in cellen):
                overgeslagen.append((i, "lege regel"))
                continue
            cellen = (cellen + [""] * len(kop))[: len(kop)]
            records.append(cellen)
            rijnummers.append(i)
        # trailing empty rows of a sheet are formatting, not data
        while overgeslagen and overgeslagen[-1][1] == "lege regel" and (not rijnummers or overgeslagen[-1][0] > rijnummers[-1]):
            overgeslagen.pop()
        data = pd.DataFrame(records, columns=kop, dtype="str") if records else pd.DataFrame(columns=kop, dtype="str")
        overgeslagen = [o for o in overgeslagen if o[1] != "regel boven de kopregel" or o[0] <= k]
        return RuweTabel(naam, data, pd.Series(rijnummers, dtype="int64"), k + 1, ws.title, ".", overgeslagen)
    finally:
        wb.close()


def lees_tabel(pad: str | Path, score: Callable[[list[str]], int], *, blad: str | None = None) -> RuweTabel:
    """Read CSV/TXT or XLSX by extension; a clear :class:`InvoerFout` for anything else."""
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout("bestand bestaat niet", bestand=str(pad))
    if pad.is_dir():
        raise InvoerFout("is een map, geen bestand", bestand=str(pad))
    ext = pad.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return lees_xlsx(pad, score, blad, naam=pad.name)
    if ext == ".xls":
        raise InvoerFout("het oude Excel-formaat .xls wordt niet gelezen; sla het op als .xlsx of CSV",
                         bestand=pad.name)
    return lees_csv(pad, score, naam=pad.name)
