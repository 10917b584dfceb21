"""Where the cells that hold something lie in an XLSX sheet, found in the sheet's XML bytes before it is read.

calamine (python-calamine) reads a sheet into one dense block, 32 bytes a cell: every row from the first to the last
cell that holds a value, times every column from the first to the last, and python-calamine's rows begin at row 1.
One stray value in cell XFD1048576 of a 5 KB workbook so asks for 549 GB and aborts the process; one in XFD20000
takes 13 GB and a minute and a half. openpyxl's read-only reader pads every row to the width the sheet's
``<dimension>`` declares and every gap to the rows it declares. Before either reads the data rows,
:class:`Bladinhoud` finds the block spanned by the cells that hold something (not the declared dimension, not
styled empty cells, which calamine leaves out of its block too), so that :mod:`.tabel` can refuse a sheet whose
block is far larger than its content (:func:`controleer`) and give openpyxl that block as its bounds.

Two ways to the same answer:

* the form every spreadsheet program writes (Excel, LibreOffice, openpyxl, xlsxwriter): each cell
  ``<c r="B7" ...>``, without a namespace prefix. A vectorised scan of the bytes (numpy) reads the position of
  every cell and whether it is empty; some 0.3 s for a sheet of a million cells;
* anything else (a cell without ``r``, a prefixed ``<x:c>``, another quote, a lower-case or a ``$`` reference):
  a streaming parse with expat that counts rows and cells as openpyxl does. Such a sheet is then read by openpyxl
  alone (``standaard`` is False), within the bounds the parse found; calamine would place its cells otherwise.

A cell holds something when its element has content: ``<c .../>`` and ``<c ...></c>`` are empty (a style, no
value); anything else (a value, an inline string, a formula, even an empty ``<v/>``) counts. That errs towards a
larger block, never a smaller one.
"""

from __future__ import annotations

import re
from typing import BinaryIO

import numpy as np

from .._fouten import InvoerFout
from ..tekst import getal
from .grenzen import MAX_XLSX_BLOK_CELLEN, MAX_XLSX_BLOK_FACTOR

#: positions of cells kept to name the stray ones in a refusal (at most this many; beyond it the message is general)
_MAX_BEWAARD = 2_000_000
#: bytes between a cell's reference and the end of its tag looked at to trust that end (`` s="12" t="inlineStr"``);
#: a longer tag counts as holding something
_VENSTER = 32
_VENSTER_STAPPEN = np.arange(1, _VENSTER + 1)

_SCHEIDING = np.zeros(256, dtype=bool)  # what may follow a tag name: whitespace, '>' or '/'
_SCHEIDING[[9, 10, 13, 32, 62, 47]] = True
_HOOFDLETTER = np.zeros(256, dtype=bool)
_HOOFDLETTER[65:91] = True
_CIJFER = np.zeros(256, dtype=bool)
_CIJFER[48:58] = True
_PADDING = b"\0" * 48  # after a block, so that every look ahead stays inside the array
_LT_C = np.frombuffer(b"<c", dtype=np.uint16)[0]


def toegestaan(cellen: int) -> int:
    """The largest block read for a sheet with ``cellen`` cells holding something (see :mod:`.grenzen`)."""
    return max(MAX_XLSX_BLOK_CELLEN, MAX_XLSX_BLOK_FACTOR * cellen)


def kolomletters(kolom: int) -> str:
    """1 -> 'A', 16384 -> 'XFD' (any positive number, also beyond Excel's last column)."""
    letters = ""
    while kolom > 0:
        kolom, rest = divmod(kolom - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Bladinhoud:
    """The cells holding something in one sheet: how many, and the block they span (1-based, rows from 1).

    Feed the sheet's XML with :meth:`lees_blok` (blocks as :func:`verduurzaming.io.tabel._xml_delen` gives them);
    when ``standaard`` turns False, read it again with :func:`lees_met_expat`. ``bewaar`` keeps the positions of
    the cells (up to ``_MAX_BEWAARD``) for :func:`controleer`'s message.
    """

    def __init__(self, *, bewaar: bool = False) -> None:
        self.cellen = 0
        self.max_rij = 0
        self.min_kol = 0
        self.max_kol = 0
        #: every cell in the form ``<c r="B7"``: positions as calamine reads them (False: openpyxl only)
        self.standaard = True
        self.bewaar = bewaar
        self._rijen: list[np.ndarray] = []
        self._kolommen: list[np.ndarray] = []
        self._bewaard = 0
        self._open: tuple[int, int] | None = None  # a cell whose tag ended where the previous block did

    def _kern(self) -> tuple[int, int, int, int, bool]:
        return self.cellen, self.max_rij, self.min_kol, self.max_kol, self.standaard

    def __eq__(self, ander: object) -> bool:
        return isinstance(ander, Bladinhoud) and self._kern() == ander._kern()

    __hash__ = None  # type: ignore[assignment]  # mutable while it is fed

    def __repr__(self) -> str:
        return "Bladinhoud(cellen={}, max_rij={}, min_kol={}, max_kol={}, standaard={})".format(*self._kern())

    @property
    def blok(self) -> int:
        """Cells of the block a reader builds: rows 1..max_rij times columns min_kol..max_kol."""
        return self.max_rij * (self.max_kol - self.min_kol + 1) if self.cellen else 0

    def bereik(self) -> str:
        """The block as a range, 'A1:XFD1048576'."""
        return f"{kolomletters(self.min_kol)}1:{kolomletters(self.max_kol)}{self.max_rij}" if self.cellen else ""

    def posities(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(rows, columns) of every cell holding something when they were kept (all of them), else None."""
        if not self.bewaar or self._bewaard > _MAX_BEWAARD:
            return None
        if not self._rijen:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(self._rijen), np.concatenate(self._kolommen)

    def _voeg_toe(self, rijen: np.ndarray, kolommen: np.ndarray) -> None:
        if not len(rijen):
            return
        self.cellen += len(rijen)
        self.max_rij = max(self.max_rij, int(rijen.max()))
        self.max_kol = max(self.max_kol, int(kolommen.max()))
        laagste = int(kolommen.min())
        self.min_kol = laagste if not self.min_kol else min(self.min_kol, laagste)
        if self.bewaar:
            self._bewaard += len(rijen)
            if self._bewaard <= _MAX_BEWAARD:
                self._rijen.append(rijen)
                self._kolommen.append(kolommen)

    def lees_blok(self, blok: bytes, grens: int) -> None:
        """The cells whose tag begins before ``grens`` in ``blok`` (the rest begins the next block again)."""
        if not self.standaard:
            return
        if self._open is not None:  # the previous block ended just after this cell's tag: empty when '</c>' follows
            r, k = self._open
            self._open = None
            if not blok.startswith(b"</c>"):
                self._voeg_toe(np.array([r]), np.array([k]))
        uitkomst = _standaard_cellen(blok, grens)
        if uitkomst is None:
            self.standaard = False
            return
        rijen, kolommen, self._open = uitkomst
        self._voeg_toe(rijen, kolommen)

    def einde(self) -> None:
        """After the last block: a cell left open holds something (a well-formed sheet leaves none)."""
        if self._open is not None:
            r, k = self._open
            self._open = None
            self._voeg_toe(np.array([r]), np.array([k]))


def _standaard_cellen(blok: bytes, grens: int) -> tuple[np.ndarray, np.ndarray, tuple[int, int] | None] | None:
    """(rows, columns) of the cells holding something among the ``<c`` tags before ``grens`` in ``blok``, and the
    cell whose emptiness the next block decides; None when a cell is not in the form ``<c r="B7"`` or a row or cell
    tag has a prefix. Whole arrays at a time: a block of 1 MB holds some 20,000 cells."""
    buf = blok + _PADDING
    a = np.frombuffer(buf, dtype=np.uint8)
    # a prefixed row or cell tag (<x:c, <x:row): positions depend on namespaces, expat decides
    dp = np.flatnonzero(a[:grens] == 58)
    if len(dp) and (((a[dp + 1] == 99) & _SCHEIDING[a[dp + 2]])
                    | ((a[dp + 1] == 114) & (a[dp + 2] == 111) & (a[dp + 3] == 119) & _SCHEIDING[a[dp + 4]])).any():
        return None
    # every <c tag: '<c' read two bytes at a time, at even and at odd offsets
    even = np.frombuffer(buf, np.uint16, count=grens // 2)
    oneven = np.frombuffer(buf, np.uint16, count=max((grens - 1) // 2, 0), offset=1)
    c = np.concatenate((np.flatnonzero(even == _LT_C) * 2, np.flatnonzero(oneven == _LT_C) * 2 + 1))
    c = c[_SCHEIDING[a[c + 2]]]
    if not len(c):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), None
    c.sort()
    verwijzing = _verwijzingen(a, c)
    if verwijzing is None:
        return None
    rij, kolom, i = verwijzing
    gevuld, wacht = _gevuld(a, i, len(blok))
    return rij[gevuld], kolom[gevuld], None if wacht is None else (int(rij[wacht]), int(kolom[wacht]))


def _verwijzingen(a: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(row, column, position of the closing quote) of the cell tags at ``c``: each ``<c r="`` with one to three
    capitals, one to seven digits without a leading zero and a quote; None when one is not."""
    if not ((a[c + 2] == 32) & (a[c + 3] == 114) & (a[c + 4] == 61) & (a[c + 5] == 34)).all():
        return None
    i = c + 6
    w = a[i]
    if not _HOOFDLETTER[w].all():
        return None
    kolom = w.astype(np.int64) - 64
    i = i + 1
    for _ in range(2):
        w = a[i]
        is_l = _HOOFDLETTER[w]
        if not is_l.any():
            break
        kolom = np.where(is_l, kolom * 26 + w - 64, kolom)
        i = i + is_l
    w = a[i]
    if not ((w >= 49) & (w <= 57)).all():
        return None
    rij = w.astype(np.int64) - 48
    i = i + 1
    for _ in range(6):
        w = a[i]
        is_c = _CIJFER[w]
        if not is_c.any():
            break
        rij = np.where(is_c, rij * 10 + w - 48, rij)
        i = i + is_c
    if not (a[i] == 34).all():
        return None
    return rij, kolom, i


def _gevuld(a: np.ndarray, i: np.ndarray, n: int) -> tuple[np.ndarray, int | None]:
    """Which cells, their reference closing at ``i``, hold something, and the index of the one whose tag ends where
    the block (``n`` bytes) does, so that the next block decides. Empty: the tag ends in '/>' or is followed by
    '</c>', when the first '>' after the reference can be trusted to end the tag (between them no other quote than
    ", and those paired; a '>' may stand inside an attribute value)."""
    gt = np.flatnonzero(a[:n] == 62)
    k = np.searchsorted(gt, i)
    binnen = k < len(gt)
    e = gt[np.minimum(k, len(gt) - 1)] if len(gt) else i
    zelfsluitend = binnen & (a[e - 1] == 47)
    volgt = binnen & ~zelfsluitend & (a[e + 1] == 60)
    dicht = volgt & (a[e + 2] == 47) & (a[e + 3] == 99) & (a[e + 4] == 62) & (e + 4 < n)
    open_ = volgt & (e + 4 >= n)  # '</c' cut off by the end of the block: the next block begins with it
    kandidaat = np.flatnonzero(zelfsluitend | dicht | open_)
    if len(kandidaat):
        ik, ek = i[kandidaat], e[kandidaat]
        vens = ik[:, None] + _VENSTER_STAPPEN
        erin = vens < ek[:, None]
        w = a[vens]
        vertrouwd = ((ek - ik - 1 <= _VENSTER) & (((w == 34) & erin).sum(axis=1) % 2 == 0)
                     & ~((w == 39) & erin).any(axis=1))
        zelfsluitend[kandidaat] &= vertrouwd
        dicht[kandidaat] &= vertrouwd
        open_[kandidaat] &= vertrouwd
    gevuld = ~(zelfsluitend | dicht | open_)
    if not open_.any():
        return gevuld, None
    laatste = np.flatnonzero(open_)  # only the last tag of a block can be cut off; any other holds something
    gevuld[laatste[:-1]] = True
    return gevuld, int(laatste[-1])


def kolomnummer(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384 (any number of letters, also beyond Excel's last column)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_VERWIJZING = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")


class _Expatteller:
    """The handlers of :func:`lees_met_expat`: rows and cells counted as openpyxl counts them."""

    def __init__(self, inhoud: Bladinhoud, blad: str, naam: str) -> None:
        self.inhoud, self.blad, self.naam = inhoud, blad, naam
        self.rij = self.kol = self.diepte = 0
        self.rij_diepte = -1  # depth of the row element we are in, -1 outside a row
        self.cel: tuple[int, int] | None = None
        self.gevuld = False
        self.rijen: list[int] = []
        self.kolommen: list[int] = []

    def _fout(self, wat: str, r: str) -> InvoerFout:
        return InvoerFout(f"blad '{self.blad}' bevat een onleesbare {wat} r=\"{r[:20]}\"; het bestand is beschadigd. "
                          "Open het in Excel en sla het opnieuw op", bestand=self.naam)

    def _rijnummer(self, r: str) -> int:
        try:
            return int(r)
        except ValueError:
            pass
        try:
            f = float(r)
        except ValueError:
            raise self._fout("rijverwijzing", r) from None
        if not f.is_integer():
            raise self._fout("rijverwijzing", r)
        return int(f)

    def begin(self, tag: str, attrs: dict[str, str]) -> None:
        self.diepte += 1
        if tag.rpartition(":")[2] == "row":
            r = attrs.get("r")
            self.rij = self.rij + 1 if r is None else self._rijnummer(r)
            self.kol, self.rij_diepte, self.cel = 0, self.diepte, None
        elif self.rij_diepte >= 0 and self.diepte == self.rij_diepte + 1:  # a child of a row: a cell
            r = attrs.get("r")
            if r:
                m = _VERWIJZING.fullmatch(r)
                if not m or int(m[2]) == 0:
                    raise self._fout("celverwijzing", r)
                self.kol = kolomnummer(m[1])
            else:
                self.kol += 1
            self.cel, self.gevuld = (self.rij, self.kol), False
        elif self.cel is not None:  # inside a cell: it holds something
            self.gevuld = True

    def eind(self, _tag: str) -> None:
        if self.cel is not None and self.diepte == self.rij_diepte + 1:
            if self.gevuld:
                self.rijen.append(self.cel[0])
                self.kolommen.append(self.cel[1])
                if len(self.rijen) >= 65536:
                    self.leeg()
            self.cel = None
        if self.diepte == self.rij_diepte:
            self.rij_diepte, self.cel = -1, None
        self.diepte -= 1

    def leeg(self) -> None:
        self.inhoud._voeg_toe(np.array(self.rijen, np.int64), np.array(self.kolommen, np.int64))
        self.rijen.clear()
        self.kolommen.clear()


def lees_met_expat(fh: BinaryIO, blad: str, naam: str, *, bewaar: bool = False) -> Bladinhoud:
    """The cells of a sheet in any form, counted as openpyxl counts them: a row takes its ``r`` or follows the
    previous one; every child of a row is a cell, at the column of its ``r`` or after the previous cell. Elements
    are matched on their local name, whatever their namespace (openpyxl skips foreign ones: a larger block, never a
    smaller one). A reference openpyxl cannot read is an :class:`InvoerFout`."""
    from xml.parsers import expat

    inhoud = Bladinhoud(bewaar=bewaar)
    inhoud.standaard = False
    teller = _Expatteller(inhoud, blad, naam)
    p = expat.ParserCreate()
    p.StartElementHandler = teller.begin
    p.EndElementHandler = teller.eind
    try:
        while stuk := fh.read(1 << 20):
            p.Parse(stuk, False)
        p.Parse(b"", True)
    except expat.ExpatError as e:
        raise InvoerFout(f"blad '{blad}' is geen leesbare XML (regel {e.lineno}); het bestand is beschadigd. Open het "
                         "in Excel en sla het opnieuw op", bestand=naam) from None
    teller.leeg()
    if inhoud.cellen:
        inhoud.min_kol = 1  # openpyxl's rows begin at column A
    return inhoud


def _bereik(r0: int, k0: int, r1: int, k1: int) -> str:
    return f"{kolomletters(k0)}{r0}:{kolomletters(k1)}{r1}"


def _afgezonderd(rijen: np.ndarray, kolommen: np.ndarray) -> np.ndarray:
    """Which cells lie apart from the table: cut off at the largest gap between the rows (or the columns) that
    hold something, keeping the side with most cells, at most twice; of the cuts that bring the block within
    :func:`toegestaan` the one that cuts off fewest cells, else the one that leaves the smallest block."""
    def blok(m: np.ndarray) -> int:
        return int(rijen[m].max()) * (int(kolommen[m].max()) - int(kolommen[m].min()) + 1)

    houd = np.ones(len(rijen), dtype=bool)
    for _ in range(2):
        if blok(houd) <= toegestaan(int(houd.sum())):
            break
        opties = []
        for waarden in (rijen, kolommen):
            uniek = np.unique(waarden[houd])
            sprong = np.diff(uniek)
            if len(sprong) and sprong.max() > 1:
                snede = uniek[int(np.argmax(sprong))]
                voor = houd & (waarden <= snede)
                opties.append(voor if voor.sum() * 2 >= houd.sum() else houd & (waarden > snede))
        if not opties:
            break
        binnen = [m for m in opties if blok(m) <= toegestaan(int(m.sum()))]
        houd = max(binnen, key=lambda m: int(m.sum())) if binnen else min(opties, key=blok)
    return ~houd


def controleer(inhoud: Bladinhoud, opnieuw, blad: str, naam: str) -> None:
    """Refuse a sheet whose block is far larger than its content needs (:func:`toegestaan`), naming the cell that
    lies apart and the table. ``opnieuw()`` gives the same sheet's :class:`Bladinhoud` with the positions kept."""
    if inhoud.blok <= toegestaan(inhoud.cellen):
        return
    alle = f"{inhoud.bereik()} ({getal(inhoud.blok)} cellen) voor {getal(inhoud.cellen)} gevulde cellen"
    posities = opnieuw().posities()
    if posities is not None:
        rijen, kolommen = posities
        apart = _afgezonderd(rijen, kolommen)
        if apart.any() and not apart.all():
            houd = ~apart
            tabel = _bereik(int(rijen[houd].min()), int(kolommen[houd].min()), int(rijen[houd].max()),
                            int(kolommen[houd].max()))
            verste = np.flatnonzero(apart)[np.lexsort((kolommen[apart], rijen[apart]))[-1]]
            cel = f"{kolomletters(int(kolommen[verste]))}{int(rijen[verste])}"
            andere = int(apart.sum()) - 1
            meer = f" (en {getal(andere)} andere cel{'len' if andere > 1 else ''} daarbuiten)" if andere else ""
            raise InvoerFout(f"cel {cel}{meer} op blad '{blad}' ligt ver buiten de tabel ({tabel}): daardoor beslaat "
                             f"het blad {alle}; zo'n leeg blok wordt niet gelezen. Verwijder de inhoud van die cel "
                             "(Wissen > Alles wissen) en sla de werkmap opnieuw op", bestand=naam)
    raise InvoerFout(f"de cellen met inhoud op blad '{blad}' liggen ver uiteen: ze beslaan {alle}; zo'n leeg blok "
                     "wordt niet gelezen. Verwijder wat buiten de tabel staat en sla de werkmap opnieuw op",
                     bestand=naam)
