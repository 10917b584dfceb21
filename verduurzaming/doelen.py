"""The scenario's targets (``[doelen]``): mean label, PV and CO2 per year, and how the mean label and the
CO2 reference are defined. One typed object for the planner, the checks and the outputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: the targets with a value per year, in the order the outputs list them
JAARDOELEN = ("gemiddeld_label", "pv_woningen", "co2_reductie_pct")


@dataclass(frozen=True)
class Doelen:
    """Targets per year and their definitions; empty: no target beyond the NPA deadline and the TVW.

    ``gemiddeld_label``: year -> label the stock's mean must reach by the end of that year;
    ``pv_woningen``: year -> dwellings with PV by then; ``co2_reductie_pct``: year -> % less CO2 than in the
    reference year (``co2_referentiejaar``, default the plan's start; ``co2_referentie_ton`` is a
    gemeente-wide context figure only). ``gemiddeld_label_maat``/``_weging``: EP2 or Energie-Index, per m2
    or per dwelling (default EP2 per m2).
    """

    gemiddeld_label: dict[int, str] = field(default_factory=dict)
    pv_woningen: dict[int, int] = field(default_factory=dict)
    co2_reductie_pct: dict[int, float] = field(default_factory=dict)
    co2_referentiejaar: int | None = None
    co2_referentie_ton: float | None = None
    gemiddeld_label_maat: str = "ep2"   # labels.MATEN
    gemiddeld_label_weging: str = "m2"  # labels.WEGINGEN

    @classmethod
    def uit(cls, waarden: Doelen | Mapping[str, Any] | None) -> Doelen:
        """Targets from a ``[doelen]`` table (keys as in the scenario file; years may be text)."""
        if isinstance(waarden, Doelen):
            return waarden
        d = dict(waarden or {})
        onbekend = sorted(set(d) - {f for f in cls.__dataclass_fields__})
        if onbekend:
            raise ValueError(f"[doelen]: onbekende sleutel(s) {', '.join(onbekend)}")
        for k in JAARDOELEN:
            if not isinstance(d.get(k) or {}, Mapping):
                raise ValueError(f"[doelen] {k}: verwacht een tabel {{ jaar = waarde }}, niet {d[k]!r}")
        jaren = {k: {int(j): v for j, v in (d.get(k) or {}).items()} for k in JAARDOELEN}
        return cls(gemiddeld_label={j: str(v) for j, v in jaren["gemiddeld_label"].items()},
                   pv_woningen={j: int(v) for j, v in jaren["pv_woningen"].items()},
                   co2_reductie_pct={j: float(v) for j, v in jaren["co2_reductie_pct"].items()},
                   co2_referentiejaar=None if d.get("co2_referentiejaar") is None else int(d["co2_referentiejaar"]),
                   co2_referentie_ton=None if d.get("co2_referentie_ton") is None else float(d["co2_referentie_ton"]),
                   gemiddeld_label_maat=str(d.get("gemiddeld_label_maat") or "ep2"),
                   gemiddeld_label_weging=str(d.get("gemiddeld_label_weging") or "m2"))

    def jaardoel(self, naam: str) -> dict[int, Any]:
        """One of :data:`JAARDOELEN` by name (year -> value)."""
        if naam not in JAARDOELEN:
            raise KeyError(naam)
        return dict(getattr(self, naam))

    @property
    def renovatie_nodig(self) -> bool:
        """A target that asks for renovations beyond the E/F/G deadline and the TVW."""
        return bool(self.gemiddeld_label or self.co2_reductie_pct)

    @property
    def pv_nodig(self) -> bool:
        """A target that PV helps to reach."""
        return bool(self.gemiddeld_label or self.co2_reductie_pct or self.pv_woningen)

    def als_tabel(self) -> dict[str, Any]:
        """The targets the scenario sets, as written in a scenario file (for the summaries); defaults left out."""
        uit: dict[str, Any] = {k: dict(getattr(self, k)) for k in JAARDOELEN if getattr(self, k)}
        for k in ("co2_referentiejaar", "co2_referentie_ton"):
            if getattr(self, k) is not None:
                uit[k] = getattr(self, k)
        if self.gemiddeld_label_maat != "ep2":
            uit["gemiddeld_label_maat"] = self.gemiddeld_label_maat
        if self.gemiddeld_label_weging != "m2":
            uit["gemiddeld_label_weging"] = self.gemiddeld_label_weging
        return uit
