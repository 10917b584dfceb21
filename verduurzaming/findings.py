"""Findings: every problem with an input row, named by file, row and column, with what was done.

Every input row ends up either used or rejected; :class:`Bevindingen` keeps that account per
file so that ``rijen_in == rijen_gebruikt + rijen_afgewezen`` can be checked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from ._errors import InvoerFout

#: what was done with the row or value
ACTIE_RIJ_AFGEWEZEN = "rij afgewezen"
ACTIE_WAARDE_GENEGEERD = "waarde genegeerd"
ACTIE_STANDAARD = "standaardwaarde gebruikt"
ACTIE_GESCHAT = "geschat"
ACTIE_GEMELD = "alleen gemeld"
ACTIE_GECORRIGEERD = "gecorrigeerd"

KOLOMMEN = ["bestand", "rij", "kolom", "waarde", "probleem", "actie", "ernst", "sleutel"]


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

    @property
    def klopt(self) -> bool:
        return self.rijen_in == self.rijen_gebruikt + self.rijen_afgewezen


@dataclass
class Bevindingen:
    """Collector of findings and per-file row accounting; ``strict=True`` raises on the first error."""

    strict: bool = False
    items: list[Bevinding] = field(default_factory=list)
    boekhouding: dict[str, Boekhouding] = field(default_factory=dict)

    def voeg_toe(self, bestand: str, rij: int | None, kolom: str | None, waarde: object,
                 probleem: str, actie: str, *, ernst: str | None = None,
                 sleutel: object = None) -> None:
        if ernst is None:
            ernst = "fout" if actie == ACTIE_RIJ_AFGEWEZEN else "waarschuwing"
        tekst = None if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)) else str(waarde)
        if self.strict and ernst == "fout":
            raise InvoerFout(f"{probleem} (waarde: {tekst!r})", bestand=bestand, rij=rij, kolom=kolom)
        self.items.append(Bevinding(bestand, None if rij is None else int(rij), kolom, tekst, probleem,
                                    actie, ernst, None if sleutel is None else str(sleutel)))

    def boek(self, bestand: str, *, rijen_in: int = 0, gebruikt: int = 0, afgewezen: int = 0) -> None:
        b = self.boekhouding.setdefault(bestand, Boekhouding(bestand))
        b.rijen_in += rijen_in
        b.rijen_gebruikt += gebruikt
        b.rijen_afgewezen += afgewezen

    def extend(self, other: "Bevindingen") -> None:
        self.items.extend(other.items)
        for naam, b in other.boekhouding.items():
            self.boek(naam, rijen_in=b.rijen_in, gebruikt=b.rijen_gebruikt, afgewezen=b.rijen_afgewezen)

    def __len__(self) -> int:
        return len(self.items)

    def to_frame(self) -> pd.DataFrame:
        """One row per finding, in the order found, with the columns of ``KOLOMMEN``."""
        if not self.items:
            return pd.DataFrame({k: pd.Series(dtype="object") for k in KOLOMMEN})
        df = pd.DataFrame([asdict(b) for b in self.items], columns=KOLOMMEN)
        df["rij"] = df["rij"].astype("Int64")
        return df

    def boekhouding_frame(self) -> pd.DataFrame:
        rows = [{"bestand": b.bestand, "rijen_in": b.rijen_in, "rijen_gebruikt": b.rijen_gebruikt,
                 "rijen_afgewezen": b.rijen_afgewezen} for b in self.boekhouding.values()]
        return pd.DataFrame(rows, columns=["bestand", "rijen_in", "rijen_gebruikt", "rijen_afgewezen"])
