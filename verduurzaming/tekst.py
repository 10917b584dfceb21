"""User text as data: control characters removed once, and text made safe for the terminal.

Every text that comes from an input file (names, ids, codes) passes
:func:`verwijder_stuurtekens` when it enters the portfolio, so the CSVs, the workbook, the
map, the GeoPackage and the terminal all show the same cleaned text. Removed are the C0
control characters except tab, line feed and carriage return (those are whitespace; the CSV
writer quotes them), DEL and the C1 controls (U+0080..U+009F, where U+009B is a one-byte
CSI). An ESC (``\\x1b``) therefore never reaches a terminal from data.

:func:`terminal` is the last guard before a line is printed: it also turns tab, CR and LF into
spaces, so a name cannot overwrite or fake a line of the summary.
"""

from __future__ import annotations

import re

import pandas as pd

from .bevindingen import ACTIE_GECORRIGEERD

#: control characters that are removed from user text (tab, LF and CR stay)
STUURTEKENS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_REGELTEKENS_RE = re.compile(r"[\t\r\n\u2028\u2029\x85]")

__all__ = ["STUURTEKENS_RE", "getal", "nl_getallen", "procent", "solver_uitkomst", "terminal", "verwijder_stuurtekens", "zonder_stuurtekens"]



def arrow_kolom(s: pd.Series):
    """The pyarrow ChunkedArray behind an Arrow-backed text or value column, through pandas' public Arrow
    protocol (``__arrow_array__``, no copy); None for a column pandas holds otherwise (NumPy, masked, object)."""
    if not (isinstance(s.dtype, pd.ArrowDtype) or getattr(s.dtype, "storage", None) == "pyarrow"):
        return None
    maak = getattr(s.array, "__arrow_array__", None)
    if maak is None:
        return None
    import pyarrow as pa
    uit = maak()
    return uit if isinstance(uit, pa.ChunkedArray) else None

def zonder_stuurtekens(tekst: str) -> str:
    """``tekst`` without control characters (tab, LF and CR kept)."""
    return STUURTEKENS_RE.sub("", tekst)


def terminal(tekst: object) -> str:
    """One line as it may be printed: no control characters, tab/CR/LF as a space."""
    return _REGELTEKENS_RE.sub(" ", STUURTEKENS_RE.sub("", str(tekst)))


def _toon(s: str) -> str:
    """A cleaned value in a finding: control characters shown as ``\\xNN``, short."""
    s = STUURTEKENS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", s)
    return s if len(s) <= 80 else s[:77] + "..."


def _zeker_schoon(s: pd.Series) -> bool:
    """True when ``s`` holds Arrow strings whose UTF-8 bytes contain no control character at all
    (a byte scan of the column's data, milliseconds per million cells); False when unsure."""
    pa_array = arrow_kolom(s)
    if pa_array is None:
        return False
    import numpy as np
    import pyarrow as pa
    if not (pa.types.is_string(pa_array.type) or pa.types.is_large_string(pa_array.type)):
        return False
    for deel in pa_array.chunks:
        buffers = deel.buffers()
        if len(buffers) < 3 or buffers[2] is None:
            continue
        b = np.frombuffer(buffers[2], dtype=np.uint8)
        if not len(b):
            continue
        # the smallest and largest byte rule out most columns in two fast passes: printable ASCII is clean
        laagste, hoogste = int(b.min()), int(b.max())
        # C0 (without tab, LF, CR) and DEL; C1 controls are U+0080..U+009F, in UTF-8 0xC2 0x80..0x9F
        if laagste < 32 and ((b < 32) & (b != 9) & (b != 10) & (b != 13)).any():
            return False
        if hoogste >= 127 and (b == 127).any():
            return False
        if hoogste >= 0xC2:
            c2 = np.flatnonzero(b[:-1] == 0xC2)
            if len(c2) and ((b[c2 + 1] >= 0x80) & (b[c2 + 1] <= 0x9F)).any():
                return False
    return True


def _als_lijst(waarden) -> list:
    """A Series, array or sequence as a list; ``tolist`` where there is one (``list()`` of a column of
    Arrow strings converts cell by cell, seconds for a million)."""
    return waarden.tolist() if hasattr(waarden, "tolist") else list(waarden)


def verwijder_stuurtekens(df: pd.DataFrame, bev, bestand: str, rijen=None, kolommen=None,
                          namen: dict[str, str] | None = None, sleutels=None) -> pd.DataFrame:
    """Remove control characters from the text cells of ``df``; one finding per cleaned cell.

    Parameters
    ----------
    df
        A table as read (text cells; other types are left alone).
    bev
        :class:`~verduurzaming.bevindingen.Bevindingen` that gets a finding (file, row, column,
        the original value with its control characters shown as ``\\xNN``) per cleaned cell.
    bestand
        The file name for the findings.
    rijen
        Row numbers in the file, aligned with ``df`` (a sequence or Series); ``None``: no row.
    kolommen
        Only these columns (default: all columns).
    namen
        Column name as the file has it, per column of ``df`` (for the finding).
    sleutels
        A key per row (VHE, complex or wijk code), aligned with ``df``, for the finding.

    Returns
    -------
    pd.DataFrame
        ``df`` itself when nothing had to be removed, else a copy with clean text.
    """
    kolommen = [k for k in (df.columns if kolommen is None else kolommen) if k in df.columns]
    uit = df
    for k in kolommen:
        s = df[k]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            continue
        if _zeker_schoon(s):
            continue
        try:  # vectorised (Arrow strings: about 0.1 s per million cells)
            vuil = s.str.contains(STUURTEKENS_RE.pattern, regex=True, na=False).astype(bool)
        except (AttributeError, TypeError):  # not text, or text mixed with other objects
            vuil = s.map(lambda v: isinstance(v, str) and STUURTEKENS_RE.search(v) is not None).astype(bool)
        if not vuil.any():
            continue
        if uit is df:
            uit = df.copy()
        idx = vuil.index[vuil.to_numpy()]
        uit.loc[idx, k] = s.loc[idx].map(zonder_stuurtekens)
        posities = df.index.get_indexer(idx)
        rij_lijst = None if rijen is None else _als_lijst(rijen)
        sleutel_lijst = None if sleutels is None else _als_lijst(sleutels)
        kolomnaam = (namen or {}).get(k, str(k))
        for pos, i in zip(posities, idx, strict=False):
            rij = None if rij_lijst is None else rij_lijst[pos]
            bev.voeg_toe(bestand, None if rij is None or pd.isna(rij) else int(rij), kolomnaam, _toon(s.loc[i]),
                         "stuurtekens verwijderd (onzichtbare tekens zoals NUL of ESC): de tekst zonder die "
                         "tekens is gebruikt", ACTIE_GECORRIGEERD,
                         sleutel=None if sleutel_lijst is None else zonder_stuurtekens(str(sleutel_lijst[pos])))
    return uit


# ------------------------------------------------------------------ Dutch numbers for people

def getal(x: object, decimalen: int = 0) -> str:
    """A number the Dutch way: ``1234567.5`` -> ``1.234.567,5`` (``decimalen`` fixed); text as it is."""
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(x)
    if f != f:
        return "onbekend"
    if f in (float("inf"), float("-inf")):
        return "onbeperkt"
    s = f"{f:,.{decimalen}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def procent(fractie: object, decimalen: int = 1) -> str:
    """A fraction as a Dutch percentage: ``0.099`` -> ``9,9 %``."""
    try:
        return f"{getal(float(fractie) * 100, decimalen)} %"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(fractie)


_PCT_EN = re.compile(r"(?<![\d.,])(\d+)\.(\d+)%")


def nl_getallen(zin: str) -> str:
    """Percentages written the English way inside a sentence (``0.50%``) the Dutch way (``0,50 %``)."""
    return _PCT_EN.sub(lambda m: f"{m[1]},{m[2]} %", zin)


def solver_uitkomst(bewezen: object, gap: object, toelichting: object, toegestaan: float | None = None) -> str:
    """The solver's outcome in plain Dutch, without solver jargon."""
    try:
        g = float(gap)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        g = float("nan")
    if bool(bewezen) and g == g:
        grens = max(g, 0.0) if toegestaan is None else max(min(g, toegestaan), 0.0)
        if grens <= 0:
            return "bewezen optimaal (afwijking van het optimum 0 %)"
        return f"bewezen optimaal: afwijking van het optimum hoogstens {procent(grens, 2)}"
    return nl_getallen(str(toelichting or "niet bewezen optimaal"))
