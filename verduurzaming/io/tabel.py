"""Read a CSV or XLSX export into a table of strings with the row numbers a user sees.

Handles what real exports do: ``;`` or ``,`` or tab separators, UTF-8 with or without BOM,
UTF-16 with or without BOM, cp1252, a title block above the header, empty rows, sheets hidden
in a workbook, formulas without a stored result and merged data cells. Values stay text;
:mod:`verduurzaming.waarden` parses them, :mod:`.boekhouding` reports what the reader noticed
(``formules``, ``samengevoegd``, ``overgeslagen``) and :mod:`verduurzaming.validatie` what cannot be used.

Broken and hostile files are refused with a Dutch :class:`InvoerFout` naming file, row and
column: an unclosed quote, a cell, row or file beyond the limits of :mod:`.grenzen`, an XLSX
that unpacks to far more than it holds (zip bomb), a sheet with a value far from its table (see
:mod:`.bladinhoud`), a password-protected workbook, an .ods file, anything but a regular file (:mod:`.bestand`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import mmap
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from .._fouten import InvoerFout, VerduurzamingFout
from ..tekst import getal
from .bestand import controleer_bestand, lees_bytes, open_bestand
from .bladinhoud import Bladinhoud, controleer, kolomletters, kolomnummer, lees_met_expat, toegestaan
from .grenzen import (
    MAX_BESTAND_BYTES,
    MAX_CEL_TEKENS,
    MAX_KOLOMMEN,
    MAX_RIJ_TEKENS,
    MAX_XLSX_BOM_VANAF_BYTES,
    MAX_XLSX_COMPRESSIEFACTOR,
    MAX_XLSX_DEEL_BYTES,
)

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
    #: XLSX cells holding a formula without a stored result, read as empty: (row, column, cell such as 'J5')
    formules: list[tuple[int, str, str]] = field(default_factory=list)
    #: merged XLSX data cells: (first row, column, range such as 'A2:A4', value filled into every row)
    samengevoegd: list[tuple[int, str, str, bool]] = field(default_factory=list)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
ODS_ADVIES = ("dit is een OpenDocument-rekenblad (.ods, LibreOffice/OpenOffice); dat wordt niet gelezen. Open het en "
              "kies Bestand > Opslaan als > Excel 2007-365 (.xlsx) of Tekst CSV; alleen de extensie wijzigen werkt niet")


def _ole_melding(pad: Path) -> str:
    """Why an OLE2 (Compound File) file is not read: a password-protected workbook or an old .xls."""
    with open(pad, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as m:
        versleuteld = m.find("EncryptedPackage".encode("utf-16-le")) >= 0 or m.find("EncryptionInfo".encode("utf-16-le")) >= 0
    if versleuteld:
        return "de werkmap is beveiligd met een wachtwoord; open het in Excel en sla het op zonder wachtwoord (.xlsx of CSV)"
    return ("dit is een oud Excel-bestand (.xls) of een ander Office-bestand, geen .xlsx; open het in Excel en sla het "
            "op als .xlsx of CSV")


def _utf16_zonder_bom(kop: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when text bytes alternate with NUL bytes (UTF-16 written without a BOM)."""
    if len(kop) < 8:
        return None
    even, oneven = kop[0::2], kop[1::2]
    nul_even, nul_oneven = even.count(0) / len(even), oneven.count(0) / len(oneven)
    if nul_oneven > 0.3 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.3 and nul_oneven < 0.05:
        return "utf-16-be"
    return None


def _decodeer(ruw: bytes, naam: str) -> str:
    return _als_utf8(ruw, naam).decode("utf-8")


def _cp1252_tabel() -> tuple[np.ndarray, np.ndarray]:
    """Per byte value its cp1252 character (undefined bytes: U+FFFD, as ``errors="replace"``) in UTF-8: (bytes
    as a 256 x 3 array, length 1..3)."""
    tabel, lengte = np.zeros((256, 3), dtype=np.uint8), np.zeros(256, dtype=np.int64)
    for i in range(256):
        u = bytes([i]).decode("cp1252", errors="replace").encode("utf-8")
        tabel[i, :len(u)], lengte[i] = list(u), len(u)
    return tabel, lengte


_CP1252 = _cp1252_tabel()
#: more runs of non-ASCII bytes than this: decoded as a whole by Python instead of run by run
_MAX_NIET_ASCII_REEKSEN = 200_000


def _niet_ascii(ruw: bytes, arr: np.ndarray) -> np.ndarray:
    """Sorted positions of the bytes >= 0x80 in ``ruw`` (``arr`` is its bytes): eight bytes at a time, since an
    export has few of them (a header's m², a name's é) and testing 90 MB byte by byte takes a third of a second."""
    n8 = len(arr) // 8 * 8
    woorden = np.frombuffer(ruw, dtype=np.uint64, count=n8 // 8)
    raak = np.flatnonzero(woorden & np.uint64(0x8080808080808080))
    kandidaat = (raak[:, None] * 8 + np.arange(8)).ravel()
    return np.concatenate((kandidaat[arr[kandidaat] >= 0x80], n8 + np.flatnonzero(arr[n8:] >= 0x80)))


def _utf8_of_cp1252(ruw: bytes) -> bytes:
    """``ruw`` (no BOM, not UTF-16) as UTF-8 bytes: itself when it is valid UTF-8, else read as cp1252
    (``errors="replace"``), exactly as ``ruw.decode("utf-8")`` / ``ruw.decode("cp1252", errors="replace")``
    followed by ``.encode("utf-8")``, without making a Python string of the whole file."""
    if ruw.isascii():
        return ruw  # ASCII: UTF-8 as it is
    arr = np.frombuffer(ruw, dtype=np.uint8)
    pos = _niet_ascii(ruw, arr)
    nieuw_ = np.flatnonzero(np.diff(pos) != 1) + 1
    begin = pos[np.concatenate(([0], nieuw_))]  # maximal runs of bytes >= 0x80: [begin, eind)
    eind = pos[np.concatenate((nieuw_ - 1, [len(pos) - 1]))] + 1
    if len(begin) > _MAX_NIET_ASCII_REEKSEN:
        try:
            return ruw.decode("utf-8").encode("utf-8")
        except UnicodeDecodeError:
            return ruw.decode("cp1252", errors="replace").encode("utf-8")
    # a UTF-8 sequence never holds an ASCII byte: the text is valid UTF-8 when every run is
    try:
        b"\n".join(ruw[b:e] for b, e in zip(begin.tolist(), eind.tolist(), strict=False)).decode("utf-8")
        return ruw
    except UnicodeDecodeError:
        pass
    tabel, lengte = _CP1252
    if len(pos) <= _MAX_NIET_ASCII_REEKSEN:  # few: the file's bytes joined around the translated ones (one copy)
        stukken: list[bytes | memoryview] = []
        mv, vorige = memoryview(ruw), 0
        vervanging = [tabel[i, :lengte[i]].tobytes() for i in range(256)]
        for p_, c_ in zip(pos.tolist(), arr[pos].tolist(), strict=False):
            stukken += (mv[vorige:p_], vervanging[c_])
            vorige = p_ + 1
        stukken.append(mv[vorige:])
        return b"".join(stukken)
    code = arr[pos]
    uit = arr.copy()
    uit[pos] = tabel[code, 0]
    twee, drie = lengte[code] >= 2, lengte[code] >= 3
    # the further bytes of each character go right after its first byte, the second before the third
    waar = np.concatenate((pos[twee] + 1, pos[drie] + 1))
    wat = np.concatenate((tabel[code[twee], 1], tabel[code[drie], 2]))
    volgorde = np.argsort(waar, kind="stable")
    return np.insert(uit, waar[volgorde], wat[volgorde]).tobytes()


def _als_utf8(ruw: bytes, naam: str) -> bytes:
    """The text of a CSV export as UTF-8 bytes: encoding found (UTF-8 with or without BOM, UTF-16, cp1252),
    and what is not text refused with a Dutch message."""
    if not ruw or ruw.isspace():
        raise InvoerFout("het bestand is leeg", bestand=naam)
    if ruw[:4] == b"PK\x03\x04":
        if _ODS in ruw[:4096]:
            raise InvoerFout(ODS_ADVIES, bestand=naam)
        raise InvoerFout("dit is een Excel- of zip-bestand, geen CSV; geef het de extensie .xlsx",
                         bestand=naam)
    if ruw.startswith(_OLE2):
        versleuteld = "EncryptedPackage".encode("utf-16-le") in ruw
        raise InvoerFout("de werkmap is beveiligd met een wachtwoord; open het in Excel en sla het op zonder "
                         "wachtwoord (.xlsx of CSV)" if versleuteld else "dit is een oud Excel-bestand (.xls) of een "
                         "ander Office-bestand, geen CSV; open het in Excel en sla het op als .xlsx of CSV", bestand=naam)
    if ruw.startswith(b"\xef\xbb\xbf"):
        ruw = ruw[3:]  # a UTF-8 BOM; some tools put it before cp1252 text, so decode below
    if ruw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return ruw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InvoerFout("begint als UTF-16-tekst maar is niet als UTF-16 te lezen; sla het op als "
                             "CSV (UTF-8)", bestand=naam) from None
    kop = ruw[:8192]
    utf16 = _utf16_zonder_bom(kop)
    if utf16:
        try:
            return ruw.decode(utf16).encode("utf-8")
        except UnicodeDecodeError:
            raise InvoerFout(f"lijkt UTF-16-tekst zonder BOM ({utf16}) maar is niet als UTF-16 te lezen; sla het op "
                             "als CSV (UTF-8)", bestand=naam) from None
    if b"\x00" in kop or sum(b < 9 or 13 < b < 32 for b in kop) > len(kop) * 0.05:
        raise InvoerFout("dit is geen tekstbestand (binaire inhoud); verwacht een CSV- of XLSX-export",
                         bestand=naam)
    return _utf8_of_cp1252(ruw)


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
    uit: list[str] = []
    gezien: dict[str, int] = {}
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


def _regeleinden(s: str) -> int:
    return len(re.findall(r"\r\n|\r|\n", s))


def _getal(n: int) -> str:
    return getal(n)


def _controleer_record(rec: list[str], begin: int, eind: int, kop: list[str], sep: str, regels: list[str],
                       naam: str, laatste: bool) -> None:
    """Refuse a record with an unclosed quote or a cell/row beyond the limits (see :mod:`.grenzen`).

    ``begin``..``eind`` are the file lines the record spans. A quoted field may hold line breaks
    (a remark over two lines), but one that swallows lines looking like records, or runs to the
    end of the file, is an opening quote without its closing quote.
    """
    open_tot_einde = laatste and "\n".join(regels[begin - 1:eind]).count('"') % 2 == 1
    for j, veld in enumerate(rec):
        kolom = kop[j] if j < len(kop) else None
        if len(veld) > MAX_CEL_TEKENS:
            raise InvoerFout(f"de cel is {_getal(len(veld))} tekens lang (maximaal {_getal(MAX_CEL_TEKENS)}, wat ook "
                             "Excel in een cel toelaat); vaak een aanhalingsteken (\") dat niet gesloten wordt of geplakte "
                             "inhoud. Herstel het bestand", bestand=naam, rij=begin + _regeleinden("".join(rec[:j])),
                             kolom=kolom)
        meerregelig = "\n" in veld or "\r" in veld
        if not meerregelig and not (open_tot_einde and sep in veld):
            continue
        regel_open = begin + _regeleinden("".join(rec[:j]))
        ingeslikt = [r for r in re.split(r"\r\n|\r|\n", veld)[1:] if r]
        drempel = max(2, (len(kop) - 1) // 2)
        lijkt_rijen = len(kop) > 2 and any(r.count(sep) >= drempel for r in ingeslikt)
        if lijkt_rijen or open_tot_einde:
            tot = "het einde van het bestand" if open_tot_einde else f"regel {eind}"
            wat = (f"regels {regel_open} t/m {tot} worden één cel en {len(ingeslikt)} regel(s) zouden verdwijnen"
                   if ingeslikt else f"de rest van regel {regel_open} wordt één cel")
            raise InvoerFout(f"een aanhalingsteken (\") opent hier een veld dat niet gesloten wordt: {wat}. Verwijder "
                             "het aanhalingsteken of sluit het veld af met een tweede aanhalingsteken", bestand=naam,
                             rij=regel_open, kolom=kolom)
    if sum(map(len, rec)) > MAX_RIJ_TEKENS:
        raise InvoerFout(f"de regel is langer dan {_getal(MAX_RIJ_TEKENS)} tekens; controleer het bestand",
                         bestand=naam, rij=begin)


#: the fast path is left for the csv module when more than this share of the data lines is irregular
_SNEL_MAX_ONREGELMATIG = 0.01


def _zichtbaar(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray, lengtes: np.ndarray, idx: np.ndarray,
               sepcode: int) -> np.ndarray:
    """Per line whether it holds a visible ASCII character other than the separator.

    A line whose first byte is one is settled by that byte (nearly every line of an export); only the
    others are scanned, all at once when they are many."""
    zichtbaar_byte = np.zeros(256, dtype=bool)
    zichtbaar_byte[33:127] = True
    zichtbaar_byte[sepcode] = False
    uit = np.zeros(len(starts), dtype=bool)
    gevuld = lengtes > 0
    uit[gevuld] = zichtbaar_byte[arr[starts[gevuld]]]
    rest = np.flatnonzero(gevuld & ~uit)
    if len(rest) > 1000:
        return np.logical_or.reduceat(zichtbaar_byte[arr], idx)[0::2] & gevuld
    for i in rest:
        uit[i] = zichtbaar_byte[arr[starts[i]:ends[i]]].any()
    return uit


def _lees_csv_snel(tekst: str | bytes, score: Callable[[list[str]], int], naam: str) -> RuweTabel | None:
    """The bulk of a plain export read by pyarrow, with the exact file line of every row kept beside it.

    Only for text without quotes, NUL or a lone CR (then every line is one record, as the csv module
    would read it); ``None`` otherwise, and for anything near a limit of :mod:`.grenzen`, so that the
    csv module path (:func:`lees_csv`) reads it and names what is wrong. Lines with another number of
    fields than the header, and empty lines, are few: they are handled here exactly as the csv path
    does (padded, trimmed or skipped with their reason); the rest goes to pyarrow in one go.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    # the text as UTF-8 bytes (what lees_csv gives): the ASCII tests below mean the same on them
    b = tekst.encode("utf-8") if isinstance(tekst, str) else tekst
    del tekst
    if b'"' in b or b"\x00" in b:
        return None
    if b"\r" in b:
        if b.count(b"\r") != b.count(b"\r\n"):
            return None
        b = b.replace(b"\r\n", b"\n")
    arr = np.frombuffer(b, dtype=np.uint8)
    nl = np.flatnonzero(arr == 10)
    starts = np.concatenate(([0], nl + 1))
    ends = np.concatenate((nl, [len(b)]))
    if len(b) and b[-1] == 10:  # the csv module gives no record after the last line break
        starts, ends = starts[:-1], ends[:-1]
    lengtes = ends - starts
    # bytes >= characters: within the limits in bytes means within them in characters
    if not len(lengtes) or lengtes.max() > MAX_CEL_TEKENS:
        return None
    eerste = [b[s:e].decode("utf-8") for s, e in zip(starts[:MAX_KOPREGELS + 20], ends[:MAX_KOPREGELS + 20], strict=False)]
    sep = _scheidingsteken([r for r in eerste if r.strip()])
    kop_rijen = [r.split(sep) if r else [] for r in eerste[:MAX_KOPREGELS]]
    k = zoek_kopregel(kop_rijen, score)
    kop = _uniek(kop_rijen[k]) if kop_rijen else []
    n = len(starts)
    if len(kop) < 2 or len(kop) > MAX_KOLOMMEN or k + 1 >= n:
        return None
    sepcode = ord(sep)
    # per line [start, end): whether it holds a visible ASCII character (else it may be whitespace only)
    idx = np.empty(2 * n, dtype=np.int64)
    idx[0::2], idx[1::2] = starts, ends
    if idx[-1] >= len(arr):  # the last line runs to the end of the buffer
        idx = idx[:-1]
    zichtbaar = _zichtbaar(arr, starts, ends, lengtes, idx, sepcode)

    # pyarrow reads the data lines; it skips empty lines and lines with another number of fields
    # (counted here, and handled below exactly as the csv path does)
    begin = int(starts[k + 1]) if k + 1 < n else len(b)
    kolommen = [f"k{j}" for j in range(len(kop))]
    ongeldig = [0]

    def overslaan(_rij) -> str:
        ongeldig[0] += 1
        return "skip"

    try:
        tabel = pacsv.read_csv(
            pa.py_buffer(b)[begin:],
            read_options=pacsv.ReadOptions(column_names=kolommen),  # default blocks: read in parallel
            parse_options=pacsv.ParseOptions(delimiter=sep, quote_char=False, escape_char=False,
                                             newlines_in_values=False, ignore_empty_lines=True,
                                             invalid_row_handler=overslaan),
            # large_string is what pandas keeps Arrow text in: read as string, every column is cast on conversion
            convert_options=pacsv.ConvertOptions(column_types={c: pa.large_string() for c in kolommen},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError):  # anything pyarrow cannot read goes the csv module's way
        return None
    data_regel = np.arange(n) > k
    regelmatig = data_regel & (lengtes > 0)
    if ongeldig[0]:  # which lines: count the fields of every line
        velden = np.add.reduceat((arr == sepcode).view(np.uint8), idx, dtype=np.uint32)[0::2].astype(np.int64) + 1
        regelmatig &= velden == len(kop)
    del arr, idx
    onregelmatig = np.flatnonzero(data_regel & ~regelmatig)
    if len(onregelmatig) > _SNEL_MAX_ONREGELMATIG * max(n - k - 1, 1) + 10:
        return None
    r_idx = np.flatnonzero(regelmatig)
    if tabel.num_rows != len(r_idx):  # a line pyarrow reads otherwise than counted: the csv module decides
        return None
    # rows of whitespace only are skipped as empty lines: candidates have no visible ASCII character
    kandidaat = regelmatig & ~zichtbaar

    overgeslagen = [(i + 1, "regel boven de kopregel") for i in range(k) if eerste[i].strip()]
    los_records: list[tuple[int, list[str]]] = []  # irregular lines that are kept, as the csv path keeps them
    leeg_regelmatig = []
    for i in np.flatnonzero(kandidaat):
        rec = b[starts[i]:ends[i]].decode("utf-8").split(sep)
        if all(not c.strip() for c in rec):
            leeg_regelmatig.append(i)
            overgeslagen.append((int(i) + 1, "lege regel"))
    for i in onregelmatig:
        regel = b[starts[i]:ends[i]].decode("utf-8")
        rec = regel.split(sep) if regel else []
        if not rec or all(not c.strip() for c in rec):
            overgeslagen.append((int(i) + 1, "lege regel"))
            continue
        if len(rec) > len(kop):
            if any(c.strip() for c in rec[len(kop):]):
                overgeslagen.append((int(i) + 1, f"regel heeft {len(rec)} velden, de kopregel {len(kop)}"))
                continue
            rec = rec[:len(kop)]
        else:
            rec = rec + [""] * (len(kop) - len(rec))
        los_records.append((int(i) + 1, rec))
    titel = len([o for o in overgeslagen if o[1] == "regel boven de kopregel"])
    overgeslagen[titel:] = sorted(overgeslagen[titel:])

    rijen = r_idx + 1
    if leeg_regelmatig:
        houd = ~np.isin(r_idx, np.asarray(leeg_regelmatig))
        tabel = tabel.filter(pa.array(houd))
        rijen = rijen[houd]
    del b
    strtype = pd.StringDtype(storage="pyarrow", na_value=float("nan"))
    data = tabel.to_pandas(types_mapper=lambda t: strtype if t in (pa.string(), pa.large_string()) else None)
    data.columns = kop
    if los_records:
        extra = pd.DataFrame([r for _, r in los_records], columns=kop, dtype="str")
        alle = np.concatenate((rijen, [r for r, _ in los_records]))
        volgorde = np.argsort(alle, kind="stable")
        data = pd.concat([data, extra], ignore_index=True).iloc[volgorde].reset_index(drop=True)
        rijen = alle[volgorde]
    decimaal = "," if sep != "," else "."
    return RuweTabel(naam, data, pd.Series(rijen, dtype="int64"), k + 1, None, decimaal, overgeslagen)


def lees_csv(pad: Path, score: Callable[[list[str]], int], naam: str | None = None) -> RuweTabel:
    """Read a delimited text file; ``score`` rates a candidate header row."""
    naam = naam or pad.name
    ruw = lees_bytes(pad, naam, max_bytes=MAX_BESTAND_BYTES)  # a regular file, never more than the limit
    b = _als_utf8(ruw, naam)
    del ruw
    snel = _lees_csv_snel(b, score, naam)
    if snel is not None:
        return snel
    tekst = b.decode("utf-8")
    del b
    # split lines as csv does (\r\n, \r or \n), so that line numbers agree with the csv reader below
    regels = [r.rstrip("\r\n") for r in io.StringIO(tekst, newline="")]
    langste = max(map(len, regels), default=0)
    if langste > MAX_RIJ_TEKENS:
        i = next(i for i, r in enumerate(regels) if len(r) > MAX_RIJ_TEKENS)
        raise InvoerFout(f"de regel is {_getal(len(regels[i]))} tekens lang (maximaal {_getal(MAX_RIJ_TEKENS)}); "
                         "dit is geen export met een rij per woning of complex", bestand=naam, rij=i + 1)
    # fields may be as long as a row: the limit per cell is checked below, naming row and column
    if csv.field_size_limit() < MAX_RIJ_TEKENS + 1:
        csv.field_size_limit(MAX_RIJ_TEKENS + 1)
    niet_leeg = [r for r in regels[:MAX_KOPREGELS + 20] if r.strip()]
    sep = _scheidingsteken(niet_leeg)
    kop_rijen = list(csv.reader(regels[:MAX_KOPREGELS], delimiter=sep))
    k = zoek_kopregel(kop_rijen, score)
    kop = _uniek(kop_rijen[k]) if kop_rijen else []
    if not kop:
        raise InvoerFout("geen kopregel met kolomnamen gevonden", bestand=naam)
    if len(kop) > MAX_KOLOMMEN:
        raise InvoerFout(f"de kopregel heeft {_getal(len(kop))} kolommen (maximaal {_getal(MAX_KOLOMMEN)})",
                         bestand=naam, rij=k + 1)
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
    cel_kan_te_lang = langste > MAX_CEL_TEKENS
    vorige = 0
    for i, (rec, regel) in enumerate(gelezen):
        begin, vorige = vorige + 1, regel
        if regel > begin or cel_kan_te_lang or i == len(gelezen) - 1:
            _controleer_record(rec, begin, regel, kop, sep, regels, naam, i == len(gelezen) - 1)
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


def _controleer_zip(pad: Path, naam: str) -> None:
    """Refuse an XLSX whose parts unpack beyond :data:`MAX_XLSX_DEEL_BYTES` or compress like a zip bomb,
    before openpyxl (and lxml) try to hold them in memory."""
    try:
        with zipfile.ZipFile(pad) as z:
            delen = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InvoerFout(f"geen leesbaar Excel-bestand (.xlsx): beschadigd of onvolledig ({type(e).__name__})",
                         bestand=naam) from None
    for d in delen:
        factor = d.file_size / max(d.compress_size, 1)
        bom = d.file_size > MAX_XLSX_BOM_VANAF_BYTES and factor > MAX_XLSX_COMPRESSIEFACTOR
        if d.file_size > MAX_XLSX_DEEL_BYTES or bom:
            raise InvoerFout(f"het onderdeel {d.filename} pakt uit tot {_getal(round(d.file_size / 1024**2))} MB uit "
                             f"{_getal(round(d.compress_size / 1024))} KB ({_getal(round(factor))} keer); zo comprimeert geen echte export "
                             "(zip-bom of een cel met een gigantische tekst). Het bestand wordt niet gelezen; sla de "
                             "export opnieuw op als .xlsx of CSV", bestand=naam)


_FORMULE = re.compile(rb"<f[\s>/]")
_SAMENVOEGING = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


#: what calamine reads otherwise than openpyxl: an error value (#DIV/0!, which it gives as empty), a text
#: without xml:space="preserve" that begins or ends with XML whitespace (which it trims) and an escaped
#: character such as _x000D_ (which it decodes). Each a pattern with a literal start: a scan of a sheet of
#: a million cells takes a tenth of a second, where one pattern of alternatives took one and a half
_CALAMINE_ANDERS = [re.compile(p) for p in (rb't="e"', rb'_x[0-9A-Fa-f]{4}_', rb'<t>(?:[ \t\r\n&]|[^<]*[ \t\r\n;]</)')]
_CALAMINE_ANDERS_NS = re.compile(rb'<\w+:t>(?:[ \t\r\n&]|[^<]*[ \t\r\n;]</)')  # a namespace prefix: rare
_FORMULE_NS = re.compile(rb"<\w+:f[\s>/]")


def _calamine_anders(blok: bytes) -> bool:
    return (any(p.search(blok) for p in _CALAMINE_ANDERS)
            or (b":t>" in blok and bool(_CALAMINE_ANDERS_NS.search(blok))))


def _heeft_formule(blok: bytes) -> bool:
    return bool(_FORMULE.search(blok)) or (b":f" in blok and bool(_FORMULE_NS.search(blok)))


def _scan_blad(wb, ws, naam: str = "") -> tuple[bool, list[tuple[int, int, int, int]], bool, Bladinhoud]:
    """(sheet has formulas, merged ranges as (first row, first col, last row, last col), 1-based, calamine
    reads the sheet's values otherwise than openpyxl, the cells that hold something: :class:`Bladinhoud`).

    A byte scan of the sheet XML and the shared strings, without parsing them: cheap next to a read. A sheet
    not in the common form (see :mod:`.bladinhoud`) is parsed once more with expat for its cells.
    """
    pad = getattr(ws, "_worksheet_path", None)
    archief = getattr(wb, "_archive", None)
    if pad is None or archief is None:
        return False, [], False, Bladinhoud()
    formules, bereiken, anders = False, set(), False
    inhoud = Bladinhoud()
    for blok, grens in _xml_delen(archief, pad):
        formules = formules or _heeft_formule(blok)
        anders = anders or _calamine_anders(blok)
        if b"mergeCell" in blok:  # a range in the overlap of two blocks is found twice: a set
            # any number of letters (openpyxl's column_index_from_string raised on 'ZZZZ': exit 1)
            bereiken |= {(int(m[2]), kolomnummer(m[1].decode()), int(m[4]), kolomnummer(m[3].decode()))
                         for m in _SAMENVOEGING.finditer(blok)}
        inhoud.lees_blok(blok, grens)
    inhoud.einde()
    if not inhoud.standaard:
        with archief.open(pad) as fh:
            inhoud = lees_met_expat(fh, ws.title, naam)
    gedeeld = next((n for n in archief.namelist() if n.lower().endswith("sharedstrings.xml")), None)
    if not anders and gedeeld is not None:
        anders = any(_calamine_anders(blok) for blok in _xml_blokken(archief, gedeeld))
    return formules, sorted(bereiken), anders, inhoud


def _bladinhoud_bewaard(wb, ws, naam: str) -> Bladinhoud:
    """The cells that hold something in ``ws`` with their positions, for the message of a refusal."""
    archief, pad = wb._archive, ws._worksheet_path
    inhoud = Bladinhoud(bewaar=True)
    for blok, grens in _xml_delen(archief, pad):
        inhoud.lees_blok(blok, grens)
    inhoud.einde()
    if not inhoud.standaard:
        with archief.open(pad) as fh:
            inhoud = lees_met_expat(fh, ws.title, naam, bewaar=True)
    return inhoud


_XML_BLOK = 1 << 20  # bytes read at a time by the byte scans of an XLSX part


def _xml_delen(archief, naam: str) -> Iterator[tuple[bytes, int]]:
    """The XML part ``naam`` of a zip in blocks of about 1 MB, each with the offset where the next block begins
    again (the whole block for the last). Each block begins with the last element the block before began (from
    its last '<'), so a tag or a text element is always whole in one block."""
    rest = b""
    with archief.open(naam) as fh:
        stuk = fh.read(_XML_BLOK)
        while stuk:
            blok = rest + stuk
            stuk = fh.read(_XML_BLOK)
            if not stuk:
                yield blok, len(blok)
                return
            rest = blok[max(blok.rfind(b"<"), len(blok) - (1 << 18)):]
            yield blok, len(blok) - len(rest)


def _xml_blokken(archief, naam: str) -> Iterator[bytes]:
    """The blocks of :func:`_xml_delen` alone."""
    for blok, _ in _xml_delen(archief, naam):
        yield blok


def _formulecellen(pad: Path, blad: str, eerste: int, kop: list[str], records: list[list[str]],
                   index: dict[int, int], laatste: int, naam: str = "") -> list[tuple[int, str, str]]:
    """Data cells that hold a formula but were read as empty: no result was stored with the formula
    (the workbook was written by a program, not last saved by Excel). Rows not in ``index`` were
    read as wholly empty; ``laatste`` is the last row with a cell holding something."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    uit: list[tuple[int, str, str]] = []
    if laatste < eerste:
        return uit
    wb = openpyxl.load_workbook(pad, read_only=True, data_only=False)
    try:
        with _leesbaar_blad(blad, naam):
            for r, rij in enumerate(wb[blad].iter_rows(min_row=eerste, max_row=laatste, max_col=len(kop),
                                                       values_only=True), start=eerste):
                i = index.get(r)
                for j, v in enumerate(rij):
                    formule = (isinstance(v, str) and v.startswith("=")) or type(v).__name__ in ("ArrayFormula",
                                                                                                  "DataTableFormula")
                    if formule and (i is None or records[i][j] == ""):
                        uit.append((r, kop[j], f"{get_column_letter(j + 1)}{r}"))
    finally:
        wb.close()
    return uit


def _datarijen(pad: Path, ws, eerste: int, tot: int = 0, *, inhoud: Bladinhoud, naam: str = "",
               calamine: bool = True) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts) of sheet ``ws`` from row ``eerste`` on, every row to the last one with data
    and at least to row ``tot`` (a merged range may reach below the data).

    The cells are read by calamine (Rust): openpyxl's read-only reader costs some 20 µs a cell, 22 s for an
    export of 80,000 dwellings, calamine about a hundredth of that. Its values are the stored results as
    openpyxl's (data_only); a sheet it cannot read or would read otherwise (``calamine`` False, see
    ``_CALAMINE_ANDERS``), or a value of a type it has no text for, is read by openpyxl instead, within the
    block of cells that hold something (``inhoud``; without it openpyxl pads every row to the declared dimension).
    """
    rijen = _datarijen_calamine(pad, ws.title, eerste, tot) if calamine and inhoud.standaard else None
    if rijen is not None:
        yield from rijen
        return
    i = eerste - 1
    if inhoud.cellen and inhoud.max_rij >= eerste:
        rijen_ = ws.iter_rows(min_row=eerste, max_row=inhoud.max_rij, max_col=inhoud.max_kol, values_only=True)
        while True:
            with _leesbaar_blad(ws.title, naam):
                rij = next(rijen_, None)
            if rij is None:
                break
            i += 1
            yield i, [_cel(v) for v in rij]
    for j in range(i + 1, tot + 1):
        yield j, []


#: the value types calamine gives that :func:`_cel` writes as openpyxl's value would be written
_CALAMINE_SOORTEN = {str, float, int, bool, dt.datetime, dt.date, dt.time, dt.timedelta}


def _datarijen_calamine(pad: Path, blad: str, eerste: int, tot: int) -> list[tuple[int, list[str]]] | None:
    """The rows of :func:`_datarijen` read by calamine, or None when it cannot give them as openpyxl would."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - a dependency; openpyxl reads the sheet without it
        return None
    try:
        wb = CalamineWorkbook.from_path(str(pad))
        try:
            ws = wb.get_sheet_by_name(blad)
            links = ws.start[1] if ws.start else 0   # calamine's rows begin at the first used column
            ruw = ws.iter_rows()
            uit = []
            voor = [""] * links
            for i, rij in enumerate(ruw, start=1):
                if i < eerste:
                    continue
                soorten = set(map(type, rij))
                if soorten == {str}:  # the bulk of an export: text as it is
                    uit.append((i, voor + cast(list[str], rij)))
                    continue
                # a whole number beyond 1e15 is written differently from openpyxl's int; an unknown
                # type (an error value) has no agreed text: openpyxl decides
                if not soorten <= _CALAMINE_SOORTEN or (float in soorten and any(
                        type(v) is float and v.is_integer() and abs(v) >= 1e15 for v in rij)):
                    return None
                uit.append((i, voor + [v if type(v) is str else _cel(v) for v in rij]))
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - any calamine failure: openpyxl reads the sheet and names what is wrong
        return None
    except BaseException as e:
        # a panic inside calamine (a date serial out of chrono's range in a mangled file) comes as pyo3's
        # PanicException, a BaseException: openpyxl reads the sheet instead; Ctrl-C and exit still pass
        if type(e).__name__ != "PanicException":
            raise
        return None
    volgende = uit[-1][0] + 1 if uit else eerste
    uit.extend((j, []) for j in range(volgende, tot + 1))
    return uit


@contextlib.contextmanager
def _leesbaar_blad(blad: str, naam: str) -> Iterator[None]:
    """openpyxl's own errors while it parses a sheet (a reference such as r="8A", a style that is no number, broken
    XML) as one Dutch :class:`InvoerFout`."""
    try:
        yield
    except VerduurzamingFout:
        raise
    except (ValueError, KeyError, TypeError, IndexError, SyntaxError) as e:
        raise InvoerFout(f"blad '{blad}' is niet te lezen: beschadigd of onvolledig ({type(e).__name__}); open de "
                         "werkmap in Excel en sla hem opnieuw op", bestand=naam) from None


def _koprijen(ws, naam: str) -> list[list[str]]:
    """The first rows of a sheet as texts, each without its trailing empty cells: openpyxl pads them to the width
    the sheet declares (16,384 columns for a sheet with one styled cell in XFD), and the header search would
    otherwise weigh every empty cell."""
    uit = []
    with _leesbaar_blad(ws.title, naam):
        for rij in ws.iter_rows(max_row=MAX_KOPREGELS, values_only=True):
            cellen = [_cel(v) for v in rij]
            while cellen and cellen[-1] == "":
                cellen.pop()
            uit.append(cellen)
    return uit


def _samenvoegingen(bereiken: list[tuple[int, int, int, int]], k: int, breedte: int, inhoud: Bladinhoud, blad: str,
                    naam: str) -> tuple[list[tuple[int, int, int, int, str]], dict[tuple[int, int], tuple[int, str]]]:
    """The merged ranges among the data rows (below header row ``k + 1``, within ``breedte`` columns) as
    (first data row, first col, last row, last col, range), and what to fill down: (row, col 0-based) -> (first row,
    range). Excel keeps the value of merged cells in the first cell only; a range down one column means 'this value
    for every row' (a complex number over its dwellings), so it is filled down.

    Every row down to a range's end is read and a range down one column fills each of its rows, so ranges that
    reach far below the cells holding something are refused, with the same limit as the cells."""
    ruw = []
    for r0, c0, r1, c1 in bereiken:
        if r1 <= k + 1 or c0 > breedte:
            continue  # in or above the header: a title block, handled by the header search
        ruw.append((max(r0, k + 2), c0, r1, c1, f"{kolomletters(c0)}{r0}:{kolomletters(c1)}{r1}"))
    if not ruw:
        return ruw, {}
    grens = toegestaan(inhoud.cellen)
    laatste = max(ruw, key=lambda b: b[2])
    gevuld = sum(b[2] - b[0] for b in ruw if b[1] == b[3])
    if laatste[2] * max(breedte, 1) > grens or gevuld > grens:
        tabel = f" (de cellen met inhoud lopen tot rij {getal(inhoud.max_rij)})" if inhoud.cellen else ""
        wat = (f"samengevoegde cellen {laatste[4]} op blad '{blad}' lopen tot rij {getal(laatste[2])}, ver buiten de "
               f"tabel{tabel}" if laatste[2] * max(breedte, 1) > grens else
               f"blad '{blad}' heeft {getal(len(ruw))} samengevoegde bereiken over samen {getal(gevuld)} rijen")
        raise InvoerFout(f"{wat}; zo'n blad wordt niet gelezen. Maak de samenvoeging ongedaan of beperk ze tot de "
                         "tabel en sla de werkmap opnieuw op", bestand=naam)
    vul = {(r, c0 - 1): (r0, bereik) for r0, c0, r1, c1, bereik in ruw if c0 == c1 for r in range(r0 + 1, r1 + 1)}
    return ruw, vul


def lees_xlsx(pad: Path, score: Callable[[list[str]], int], blad: str | None = None,
              naam: str | None = None) -> RuweTabel:
    """Read the first visible sheet whose header scores best (or sheet ``blad``).

    openpyxl's warnings about the file (a date serial out of range becomes an error value,
    unsupported extensions) are not shown: the cell's value reaches validation, which reports it
    with file, row and column.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\..*")
        return _lees_xlsx(pad, score, blad, naam)


def _lees_xlsx(pad: Path, score: Callable[[list[str]], int], blad: str | None, naam: str | None) -> RuweTabel:
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    naam = naam or pad.name
    # a regular file (openpyxl and calamine open the path themselves), not beyond the limit
    if controleer_bestand(pad, naam, max_bytes=MAX_BESTAND_BYTES).st_size == 0:
        raise InvoerFout("het bestand is leeg", bestand=naam)
    with open_bestand(pad, naam) as fh:
        begin = fh.read(4096)
    if begin.startswith(_OLE2):
        raise InvoerFout(_ole_melding(pad), bestand=naam)
    if not begin.startswith(b"PK"):
        tekstachtig = (_utf16_zonder_bom(begin) is not None or begin.startswith((b"\xff\xfe", b"\xfe\xff"))
                       or (b"\x00" not in begin and sum(b < 9 or 13 < b < 32 for b in begin) <= len(begin) * 0.05))
        raise InvoerFout("dit is geen Excel-bestand maar " + ("tekst (een CSV-export?); geef het de extensie .csv"
                         if tekstachtig else "binaire inhoud van een ander soort; sla de export op als .xlsx of CSV"),
                         bestand=naam)
    if _ODS in begin:
        raise InvoerFout(ODS_ADVIES, bestand=naam)
    _controleer_zip(pad, naam)
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
            kop_rijen = _koprijen(ws, naam)
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
                kop_rijen = _koprijen(ws, naam)
                if kop_rijen and score(kop_rijen[zoek_kopregel(kop_rijen, score)]) > 0:
                    raise InvoerFout(f"de gegevens staan op het verborgen werkblad '{ws.title}'; maak dat werkblad "
                                     "zichtbaar in Excel (verborgen bladen worden niet gelezen)", bestand=naam)
        if beste is None:
            raise InvoerFout("alle werkbladen zijn leeg", bestand=naam)
        _, ws, k, kop = beste
        kop = _uniek(kop)
        while kop and kop[-1].startswith("kolom_"):
            kop.pop()
        if len(kop) > MAX_KOLOMMEN:
            raise InvoerFout(f"de kopregel heeft {_getal(len(kop))} kolommen (maximaal {_getal(MAX_KOLOMMEN)})",
                             bestand=naam, rij=k + 1)
        formules, bereiken, calamine_anders, inhoud = _scan_blad(wb, ws, naam)
        # a stray value far from the table (XFD1048576) would make calamine reserve the block up to it
        controleer(inhoud, lambda: _bladinhoud_bewaard(wb, ws, naam), ws.title, naam)
        samengevoegd_ruw, vul = _samenvoegingen(bereiken, k, len(kop), inhoud, ws.title, naam)
        records, rijnummers, overgeslagen = [], [], [(i + 1, "regel boven de kopregel") for i in range(k)]
        waarde_boven: dict[tuple[int, int], str] = {}
        eerste_rijen = {r0 for r0, c0, r1, c1, _ in samengevoegd_ruw if c0 == c1}
        laatste_samengevoegd = max((r1 for _, _, r1, _, _ in samengevoegd_ruw), default=0)
        for i, cellen in _datarijen(pad, ws, k + 2, laatste_samengevoegd, inhoud=inhoud, naam=naam,
                                    calamine=not calamine_anders):
            if cellen and max(map(len, cellen)) > MAX_CEL_TEKENS:
                j = next(j for j, c in enumerate(cellen) if len(c) > MAX_CEL_TEKENS)
                raise InvoerFout(f"cel {get_column_letter(j + 1)}{i} op blad '{ws.title}' is "
                                 f"{_getal(len(cellen[j]))} tekens lang (maximaal {_getal(MAX_CEL_TEKENS)}, wat ook Excel "
                                 "in een cel toelaat); het bestand wordt niet gelezen", bestand=naam, rij=i,
                                 kolom=kop[j] if j < len(kop) else None)
            if i in eerste_rijen:
                for r0, c0, _r1, c1, _ in samengevoegd_ruw:
                    if r0 == i and c0 == c1 and c0 - 1 < len(cellen):
                        waarde_boven[(r0, c0 - 1)] = cellen[c0 - 1]
            if vul:
                for j in range(min(len(cellen), len(kop))):
                    v = vul.get((i, j))
                    if v is not None and cellen[j] == "":
                        cellen[j] = waarde_boven.get((v[0], j), "")
            if not any(c.strip() for c in cellen):
                overgeslagen.append((i, "lege regel"))
                continue
            cellen = (cellen + [""] * len(kop))[: len(kop)]
            records.append(cellen)
            rijnummers.append(i)
        formulecellen = []
        if formules and kop:  # without columns no cell is a data cell (and max_col=0 would mean 'all columns')
            formulecellen = _formulecellen(pad, ws.title, k + 2, kop, records, {r: i for i, r in enumerate(rijnummers)},
                                           inhoud.max_rij, naam)
            # a row of formulas without results reads as empty, but it is a data row: keep it (as empty cells)
            # so that validation rejects it with a finding instead of skipping it as a blank line
            los = {r for r, _, _ in formulecellen} - set(rijnummers)
            if los:
                overgeslagen = [o for o in overgeslagen if not (o[1] == "lege regel" and o[0] in los)]
                paren = sorted([*zip(rijnummers, records, strict=False), *((r, [""] * len(kop)) for r in los)], key=lambda p: p[0])
                rijnummers, records = [p[0] for p in paren], [p[1] for p in paren]
        # trailing empty rows of a sheet are formatting, not data
        while overgeslagen and overgeslagen[-1][1] == "lege regel" and (not rijnummers or overgeslagen[-1][0] > rijnummers[-1]):
            overgeslagen.pop()
        samengevoegd = [(r0, kop[c0 - 1], bereik, c0 == c1 and r1 > r0) for r0, c0, r1, c1, bereik in samengevoegd_ruw]
        data = pd.DataFrame(records, columns=kop, dtype="str") if records else pd.DataFrame(columns=kop, dtype="str")
        overgeslagen = [o for o in overgeslagen if o[1] != "regel boven de kopregel" or o[0] <= k]
        return RuweTabel(naam, data, pd.Series(rijnummers, dtype="int64"), k + 1, ws.title, ".", overgeslagen,
                         formulecellen, samengevoegd)
    finally:
        wb.close()


def lees_tabel(pad: str | Path, score: Callable[[list[str]], int], *, blad: str | None = None,
               naam: str | None = None) -> RuweTabel:
    """Read CSV/TXT or XLSX by extension; a clear :class:`InvoerFout` for anything else.

    ``naam`` is the file's display name in messages and findings (default: the file name).
    """
    pad = Path(pad)
    controleer_bestand(pad)  # a regular file: not a folder, device, FIFO or socket
    naam = naam or pad.name
    ext = pad.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return lees_xlsx(pad, score, blad, naam=naam)
    if ext in (".ods", ".fods"):
        raise InvoerFout(ODS_ADVIES, bestand=naam)
    if ext == ".xls":
        with open_bestand(pad, naam) as fh:
            if fh.read(8) == _OLE2 and "wachtwoord" in (melding := _ole_melding(pad)):
                raise InvoerFout(melding, bestand=naam)
        raise InvoerFout("het oude Excel-formaat .xls wordt niet gelezen; sla het op als .xlsx of CSV",
                         bestand=naam)
    return lees_csv(pad, score, naam=naam)
