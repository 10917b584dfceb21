"""Findings: every problem with an input row, named by file, row and column, with what was done.

Every input row ends up either used or rejected; :class:`Bevindingen` keeps that account per
file so that ``rijen_in == rijen_gebruikt + rijen_afgewezen`` can be checked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from ._fouten import InvoerFout
from .io.grenzen import MAX_WAARDE_TEKENS

#: what was done with the row or value
ACTIE_RIJ_AFGEWEZEN = "rij afgewezen"
ACTIE_WAARDE_GENEGEERD = "waarde genegeerd"
ACTIE_STANDAARD = "standaardwaarde gebruikt"
ACTIE_GESCHAT = "geschat"
ACTIE_GEMELD = "alleen gemeld"
ACTIE_GECORRIGEERD = "gecorrigeerd"

KOLOMMEN = ["bestand", "rij", "kolom", "waarde", "probleem", "actie", "ernst", "sleutel"]


def kort(tekst: str, n: int = MAX_WAARDE_TEKENS) -> str:
    """``tekst`` cut to ``n`` characters with an ellipsis: findings never echo unbounded input."""
    return tekst if len(tekst) <= n else tekst[:n] + "…"


def weergavenamen(paden: list[str | Path]) -> dict[str, str]:
    """``{resolved path: display name}``: the file name, with as many parent folders as it takes
    to tell apart two files of the same name in different folders (``a/vhe.csv``, ``b/vhe.csv``)."""
    volledig = list(dict.fromkeys(str(Path(p).resolve()) for p in paden))
    diepte = {p: 1 for p in volledig}

    def naam(p: str) -> str:
        delen = Path(p).parts
        return "/".join(delen[max(len(delen) - diepte[p], 1):]) or p

    while True:
        per_naam: dict[str, list[str]] = {}
        for p in volledig:
            per_naam.setdefault(naam(p), []).append(p)
        botsing = [p for groep in per_naam.values() if len(groep) > 1 for p in groep
                   if diepte[p] < len(Path(p).parts) - 1]
        if not botsing:
            return {p: naam(p) for p in volledig}
        for p in botsing:
            diepte[p] += 1


@dataclass(frozen=True)
class Bevinding:
    """One finding: where (file, row, column), what (value, problem) and what was done."""

    bestand: str
    rij: int | None
    kolom: str | None
    waarde: str | None
    probleem: str
    actie: str
    ernst: str = "waarschuwing"  # "fout" for rejected rows, "waarschuwing", "info"
    sleutel: str | None = None  # VHE or complex id, when known


@dataclass
class Boekhouding:
    """Row accounting of one input file."""

    bestand: str
    rijen_in: int = 0
    rijen_gebruikt: int = 0
    rijen_afgewezen: int = 0
    pad: str | None = None  # the resolved path the display name ``bestand`` stands for

    @property
    def klopt(self) -> bool:
        return self.rijen_in == self.rijen_gebruikt + self.rijen_afgewezen


@dataclass
class Bevindingen:
    """Collector of findings and per-file row accounting; ``strict=True`` raises on the first error."""

    strict: bool = False
    items: list[Bevinding] = field(default_factory=list)
    boekhouding: dict[str, Boekhouding] = field(default_factory=dict)
    bestanden: dict[str, str] = field(default_factory=dict)  # resolved path -> display name

    def registreer(self, paden: list[str | Path]) -> None:
        """Give every input file a display name that is unique in this run (see :func:`weergavenamen`).

        Call it once with all inputs before reading, so that two files of the same name in
        different folders both show their folder; names given earlier are kept.
        """
        nieuw = [p for p in paden if str(Path(p).resolve()) not in self.bestanden]
        if not nieuw:
            return
        alle = weergavenamen([*self.bestanden, *nieuw])
        bezet = set(self.bestanden.values())
        for p, n in alle.items():
            if p not in self.bestanden:
                k = n.count("/") + 1
                while n in bezet and n != p:  # an earlier short name stays; lengthen the new one
                    k += 1
                    n = p if k >= len(Path(p).parts) else "/".join(Path(p).parts[-k:])
                self.bestanden[p] = n
                bezet.add(n)

    def naam(self, pad: str | Path) -> str:
        """The display name of ``pad`` in findings and row accounting (registered on first use)."""
        sleutel = str(Path(pad).resolve())
        if sleutel not in self.bestanden:
            self.registreer([pad])
        return self.bestanden[sleutel]

    def voeg_toe(self, bestand: str, rij: int | None, kolom: str | None, waarde: object,
                 probleem: str, actie: str, *, ernst: str | None = None,
                 sleutel: object = None) -> None:
        if ernst is None:
            ernst = "fout" if actie == ACTIE_RIJ_AFGEWEZEN else "waarschuwing"
        tekst = None if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)) else kort(str(waarde))
        probleem = kort(probleem, 5 * MAX_WAARDE_TEKENS)
        if self.strict and ernst == "fout":
            raise InvoerFout(f"{probleem} (waarde: {tekst!r})", bestand=bestand, rij=rij, kolom=kolom)
        kolom = None if kolom is None else kort(str(kolom))
        self.items.append(Bevinding(bestand, None if rij is None else int(rij), kolom, tekst, probleem,
                                    actie, ernst, None if sleutel is None else kort(str(sleutel))))

    def boek(self, bestand: str, *, rijen_in: int = 0, gebruikt: int = 0, afgewezen: int = 0) -> None:
        b = self.boekhouding.get(bestand)
        if b is None:
            pad = next((p for p, n in self.bestanden.items() if n == bestand), None)
            b = self.boekhouding[bestand] = Boekhouding(bestand, pad=pad)
        b.rijen_in += rijen_in
        b.rijen_gebruikt += gebruikt
        b.rijen_afgewezen += afgewezen

    def extend(self, other: Bevindingen) -> None:
        self.items.extend(other.items)
        for p, n in other.bestanden.items():
            self.bestanden.setdefault(p, n)
        for naam, b in other.boekhouding.items():
            self.boek(naam, rijen_in=b.rijen_in, gebruikt=b.rijen_gebruikt, afgewezen=b.rijen_afgewezen)

    def __len__(self) -> int:
        return len(self.items)

    def als_tabel(self) -> pd.DataFrame:
        """One row per finding, in the order found, with the columns of ``KOLOMMEN``."""
        if not self.items:
            return pd.DataFrame({k: pd.Series(dtype="object") for k in KOLOMMEN})
        df = pd.DataFrame([asdict(b) for b in self.items], columns=KOLOMMEN)
        df["rij"] = df["rij"].astype("Int64")
        return df

    def boekhouding_frame(self) -> pd.DataFrame:
        """Row accounting per input file: display name, counts and the full (resolved) path."""
        rows = [{"bestand": b.bestand, "rijen_in": b.rijen_in, "rijen_gebruikt": b.rijen_gebruikt,
                 "rijen_afgewezen": b.rijen_afgewezen, "pad": b.pad} for b in self.boekhouding.values()]
        return pd.DataFrame(rows, columns=["bestand", "rijen_in", "rijen_gebruikt", "rijen_afgewezen", "pad"])
