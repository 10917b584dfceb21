"""Row accounting of a raw table: what the reader skipped or noticed, repeated headers and totals rows.

Every input row ends up used or rejected (``rows in = rows used + rows rejected``): these functions turn
the rows a reader skipped (``RuweTabel.overgeslagen``), its formula and merged cells, and the rows that
are no data (a header repeated mid-file, a totals row) into findings, and count the rows in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..bevindingen import ACTIE_GECORRIGEERD, ACTIE_GEMELD, ACTIE_RIJ_AFGEWEZEN, ACTIE_WAARDE_GENEGEERD, Bevindingen
from ..tekst import arrow_kolom
from ..waarden import tekst
from .kolommen import eis_kolommen, hernoem
from .tabel import RuweTabel


def meld_rijen(bev: Bevindingen, ruw: RuweTabel, masker: pd.Series, kolom: str, bronkolom: str | None,
                probleem: str, actie: str, sleutels: pd.Series | None = None, *, ernst: str | None = None) -> None:
    if not masker.any():
        return
    rijen = ruw.rijnummers
    waarden = ruw.data[bronkolom] if bronkolom in ruw.data.columns else pd.Series([None] * len(masker), index=masker.index)
    for i in np.flatnonzero(masker.to_numpy()):
        bev.voeg_toe(ruw.bestand, int(rijen.iloc[i]), bronkolom or kolom, waarden.iloc[i], probleem, actie,
                     ernst=ernst, sleutel=None if sleutels is None else sleutels.iloc[i])


def meld_overgeslagen(bev: Bevindingen, ruw: RuweTabel) -> int:
    """Findings for rows the reader skipped and cells it noticed (formulas without a stored result,
    merged data cells); returns how many skipped rows count as data rows."""
    titel = [r for r, w in ruw.overgeslagen if w == "regel boven de kopregel"]
    if titel:
        bev.voeg_toe(ruw.bestand, titel[0], None, None,
                     f"{len(titel)} regel(s) boven de kopregel (rij {ruw.kopregel}) overgeslagen (titelblok)",
                     ACTIE_GEMELD, ernst="info")
    lege = [r for r, w in ruw.overgeslagen if w == "lege regel"]
    if lege:
        bev.voeg_toe(ruw.bestand, lege[0], None, None, f"{len(lege)} lege regel(s) overgeslagen", ACTIE_GEMELD,
                     ernst="info")
    n = 0
    for r, w in ruw.overgeslagen:
        if w not in ("regel boven de kopregel", "lege regel"):
            bev.voeg_toe(ruw.bestand, r, None, None, w, ACTIE_RIJ_AFGEWEZEN)
            n += 1
    blad = f" op blad '{ruw.blad}'" if ruw.blad else ""
    for r, kolom, cel in getattr(ruw, "formules", []):
        bev.voeg_toe(ruw.bestand, r, kolom, None,
                     f"cel {cel}{blad} bevat een formule zonder opgeslagen uitkomst (de werkmap is niet in Excel "
                     "opgeslagen): als leeg gelezen. Open de werkmap in Excel en sla hem op, of plak de waarden",
                     ACTIE_WAARDE_GENEGEERD)
    for r, kolom, bereik, gevuld in getattr(ruw, "samengevoegd", []):
        if gevuld:
            bev.voeg_toe(ruw.bestand, r, kolom, None,
                         f"samengevoegde cellen {bereik}{blad}: de waarde van de eerste cel is voor elke rij van de "
                         "samenvoeging gebruikt", ACTIE_GECORRIGEERD)
        else:
            bev.voeg_toe(ruw.bestand, r, kolom, None,
                         f"samengevoegde cellen {bereik}{blad} over meer kolommen: alleen de eerste cel heeft een "
                         "waarde, de andere zijn als leeg gelezen; maak de samenvoeging ongedaan",
                         ACTIE_GEMELD)
    return n


def _kan_naam_zijn(s: pd.Series, naam: str) -> np.ndarray:
    """False where ``tekst(s).str.lower() == naam`` cannot hold, from the cell lengths alone (no text is read).

    ``strip`` only shortens a cell, and ``lower`` never makes the UTF-8 of a text more than three times as long
    (a cell equal to an ASCII name after ``lower`` has as many characters as the name, so at least as many
    bytes): a cell with fewer bytes than that cannot be the name."""
    pa_array = arrow_kolom(s)
    if pa_array is None or not naam:
        return np.ones(len(s), dtype=bool)
    import pyarrow.compute as pc
    lengte = pc.fill_null(pc.binary_length(pa_array), 0).to_numpy(zero_copy_only=False)
    nodig = len(naam) if naam.isascii() else -(-len(naam.encode("utf-8")) // 3)
    return lengte >= nodig


_TOTAAL = r"^(totaal|totalen|total|som|eindtotaal)\b"


def _totaalregels(s: pd.Series) -> pd.Series:
    """Where a row's first cell starts a totals row ('Totaal', 'Som ...'), tested only on the cells that can:
    those that begin with t, s or e in either case, or with a non-ASCII character (lower-casing can make one
    of those a t, s or e: 'İ' -> 'i' in Arrow); the first column is the VHE number, so nearly none can."""
    t = tekst(s)
    pa_array = arrow_kolom(t)
    if pa_array is None:
        return t.str.lower().str.match(_TOTAAL)
    import pyarrow.compute as pc
    kandidaat = pc.match_substring_regex(pa_array, "^(?:[tTsSeE]|[^\\x00-\\x7F])").to_numpy(zero_copy_only=False)
    uit = pd.Series(False, index=s.index)
    if kandidaat.any():
        uit[kandidaat] = t[kandidaat].str.lower().str.match(_TOTAAL).to_numpy(dtype=bool)
    return uit


def verwijder_extra_kopregels_en_totalen(ruw: RuweTabel, bev: Bevindingen) -> pd.Series:
    """Mask of rows to keep: drops a header repeated mid-file and totals rows, with findings."""
    drempel = max(2, len(ruw.data.columns) // 2)
    namen = {k: str(k).strip().lower() for k in ruw.data.columns}
    # only rows where enough cells are long enough to be their column's name are compared as text
    kan = np.zeros(len(ruw.data), dtype=np.int64)
    for k, naam in namen.items():
        kan += _kan_naam_zijn(ruw.data[k], naam)
    rijen = np.flatnonzero(kan >= drempel)
    gelijk = np.zeros(len(ruw.data), dtype=np.int64)
    if len(rijen):
        deel = ruw.data.iloc[rijen]
        for k, naam in namen.items():
            gelijk[rijen] += (tekst(deel[k]).str.lower() == naam).to_numpy(dtype=bool)
    herhaald = pd.Series(gelijk >= drempel, index=ruw.data.index)
    totaal = _totaalregels(ruw.data.iloc[:, 0] if len(ruw.data.columns) else pd.Series(dtype=str)) & ~herhaald
    meld_rijen(bev, ruw, herhaald, "", None, "kopregel herhaald midden in het bestand", ACTIE_RIJ_AFGEWEZEN)
    meld_rijen(bev, ruw, totaal, "", None, "totaalregel (geen woning)", ACTIE_RIJ_AFGEWEZEN)
    return ~(herhaald | totaal)


def canoniek_en_geteld(ruw: RuweTabel, namen: dict[str, str], extra: dict[str, str] | None,
                       verplicht: list, bev: Bevindingen) -> tuple[pd.DataFrame, dict[str, str], pd.Series]:
    """Rename a raw table to canonical columns, require ``verplicht``, count its rows in.

    Returns (data with canonical names, {canonical: file column}, mask of rows that are data:
    repeated headers and totals rows are rejected with a finding).
    """
    mapping = hernoem(list(ruw.data.columns), namen, extra, bestand=ruw.bestand)
    eis_kolommen(set(mapping.values()), verplicht, bestand=ruw.bestand, gevonden=list(ruw.data.columns))
    bron = {c: k for k, c in mapping.items()}
    d = ruw.data.rename(columns=mapping)
    n_in = len(d) + meld_overgeslagen(bev, ruw)
    bev.boek(ruw.bestand, rijen_in=n_in, afgewezen=n_in - len(d))
    return d, bron, verwijder_extra_kopregels_en_totalen(ruw, bev)
