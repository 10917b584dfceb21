"""The tool's own exceptions: all subclass ValueError and carry a Dutch message for the user."""

from __future__ import annotations


class VerduurzamingFout(ValueError):
    """Base class: a problem the user can fix; the CLI prints it and exits with code 2."""


class InvoerFout(VerduurzamingFout):
    """An input file cannot be used (unreadable, empty, required column missing, ...)."""

    def __init__(self, bericht: str, *, bestand: str | None = None, rij: int | None = None,
                 kolom: str | None = None) -> None:
        from .io.grenzen import MAX_WAARDE_TEKENS

        def kort(t: str) -> str:  # a column name may be a 32,767-character cell: never echo it whole
            return t if len(t) <= MAX_WAARDE_TEKENS else t[:MAX_WAARDE_TEKENS] + "…"

        kolom = kort(str(kolom)) if kolom else kolom
        self.bestand, self.rij, self.kolom = bestand, rij, kolom
        delen = []
        if bestand:
            delen.append(f"{bestand}")
        if rij is not None:
            delen.append(f"rij {rij}")
        if kolom:
            delen.append(f"kolom '{kolom}'")
        prefix = ", ".join(delen)
        super().__init__(f"{prefix}: {bericht}" if prefix else bericht)


class ScenarioFout(VerduurzamingFout):
    """The scenario file has an unknown key, a wrong type or an impossible value."""


class KoppelFout(VerduurzamingFout):
    """Inputs cannot be joined (a gemeente without wijken in the geometries, no CRS, ...)."""

