"""Scenario: inputs, column mappings and planning parameters, read from a TOML file.

Every key is documented in ``scenario.voorbeeld.toml``; unknown keys and impossible values
raise :class:`ScenarioFout` with a Dutch message that names the key.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import ScenarioFout

_SECTIES = {"scenario", "invoer", "kolommen", "corporatie", "doelen", "gewichten",
            "maatregelen", "factoren", "zon", "afspraken", "vastgelegd", "uitvoer"}
_SCENARIO_KEYS = {"naam", "peildatum", "startjaar", "eindjaar", "deadline", "strikt", "solver_tijd_s",
                  "solver_gap"}
_INVOER_KEYS = {"vhe", "complexen", "wijken", "wijken_laag", "transitievisie", "ep_online",
                "postcode_buurt", "realisatie", "vorig_plan"}
_CORPORATIE_KEYS = {"capaciteit_woningen", "budget_eur", "capaciteit_per_jaar", "budget_per_jaar"}
_DOELEN_KEYS = {"gemiddeld_label", "pv_woningen", "co2_reductie_pct", "co2_referentiejaar",
                "co2_referentie_ton", "elektriciteit_pad"}
_GEWICHTEN_KEYS = {"dmjop_korting_pct", "buiten_wup_boete_eur_woning", "uitstel_boete_eur_woning_jaar",
                   "warmtenet_drempel_pct", "warmtenet_drempel_woningen"}


@dataclass
class Corporatieparameters:
    """Yearly capacity [dwellings] and budget [EUR] of one corporation; per-year overrides."""

    capaciteit_woningen: int | None = None
    budget_eur: float | None = None
    capaciteit_per_jaar: dict[int, int] = field(default_factory=dict)
    budget_per_jaar: dict[int, float] = field(default_factory=dict)

    def capaciteit(self, jaar: int) -> float:
        """Capacity in year ``jaar``; inf when none is set."""
        if jaar in self.capaciteit_per_jaar:
            return float(self.capaciteit_per_jaar[jaar])
        return float("inf") if self.capaciteit_woningen is None else float(self.capaciteit_woningen)

    def budget(self, jaar: int) -> float:
        """Budget in year ``jaar``; inf when none is set."""
        if jaar in self.budget_per_jaar:
            return float(self.budget_per_jaar[jaar])
        return float("inf") if self.budget_eur is None else float(self.budget_eur)


@dataclass
class Scenario:
    """Everything a run needs besides the data: paths, mappings, horizon, capacity, targets."""

    naam: str = "scenario"
    basismap: Path = field(default_factory=Path.cwd)
    peildatum: dt.date = dt.date(2026, 1, 1)
    startjaar: int = 2026
    eindjaar: int = 2035
    deadline: int = 2028
    strikt: bool = False
    solver_tijd_s: float = 60.0
    solver_gap: float = 0.005
    vhe: list[Path] = field(default_factory=list)
    complexen: list[Path] = field(default_factory=list)
    wijken: Path | None = None
    wijken_laag: str | None = None
    transitievisie: Path | None = None
    ep_online: list[Path] = field(default_factory=list)
    postcode_buurt: Path | None = None
    realisatie: list[Path] = field(default_factory=list)
    vorig_plan: Path | None = None
    kolommen: dict[str, str] = field(default_factory=dict)
    corporaties: dict[str, Corporatieparameters] = field(default_factory=dict)
    standaard_corporatie: Corporatieparameters = field(default_factory=Corporatieparameters)
    doelen: dict[str, Any] = field(default_factory=dict)
    gewichten: dict[str, float] = field(default_factory=dict)
    maatregelen: dict[str, dict[str, Any]] = field(default_factory=dict)
    factoren: dict[str, Any] = field(default_factory=dict)
    zon: dict[str, Any] = field(default_factory=dict)
    afspraken: list[dict[str, Any]] = field(default_factory=list)
    vastgelegd: list[dict[str, Any]] = field(default_factory=list)
    bron: Path | None = None

    @property
    def jaren(self) -> list[int]:
        return list(range(self.startjaar, self.eindjaar + 1))

    def corporatie(self, naam: str) -> Corporatieparameters:
        """Parameters of corporation ``naam``; the ``[corporatie.standaard]`` block otherwise."""
        return self.corporaties.get(naam, self.standaard_corporatie)

    def gewicht(self, naam: str, standaard: float | None = None) -> float:
        """A weight from ``[gewichten]``; else ``defaults/gewichten.csv`` (or ``standaard``)."""
        if naam in self.gewichten:
            return float(self.gewichten[naam])
        from .defaults import lees
        tabel = lees("gewichten.csv").set_index("sleutel")["waarde"]
        if naam in tabel.index:
            return float(tabel[naam])
        if standaard is None:
            raise ScenarioFout(f"scenario: onbekend gewicht '{naam}'")
        return float(standaard)


def _pad(basis: Path, waarde: Any, sleutel: str) -> Path:
    if not isinstance(waarde, str) or not waarde.strip():
        raise ScenarioFout(f"scenario: '{sleutel}' moet een bestandsnaam zijn, niet {waarde!r}")
    p = Path(waarde)
    return p if p.is_absolute() else (basis / p)


def _paden(basis: Path, waarde: Any, sleutel: str) -> list[Path]:
    if waarde is None:
        return []
    if isinstance(waarde, str):
        waarde = [waarde]
    if not isinstance(waarde, list):
        raise ScenarioFout(f"scenario: '{sleutel}' moet een bestandsnaam of een lijst van namen zijn")
    return [_pad(basis, w, sleutel) for w in waarde]


def _onbekend(gegeven: dict, toegestaan: set[str], sectie: str) -> None:
    fout = sorted(set(gegeven) - toegestaan)
    if fout:
        raise ScenarioFout(f"scenario: onbekende sleutel(s) in [{sectie}]: {', '.join(fout)}; "
                           f"toegestaan: {', '.join(sorted(toegestaan))}")


def _int(waarde: Any, sleutel: str, *, minimum: float | None = 0) -> int:
    if isinstance(waarde, float) and not math.isfinite(waarde):
        raise ScenarioFout(f"scenario: '{sleutel}' moet een geheel getal zijn, niet {waarde!r}")
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float)) or waarde != int(waarde):
        raise ScenarioFout(f"scenario: '{sleutel}' moet een geheel getal zijn, niet {waarde!r}")
    if minimum is not None and waarde < minimum:
        raise ScenarioFout(f"scenario: '{sleutel}' mag niet negatief zijn ({waarde})")
    return int(waarde)


def _getal(waarde: Any, sleutel: str) -> float:
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float)):
        raise ScenarioFout(f"scenario: '{sleutel}' moet een getal zijn, niet {waarde!r}")
    if not math.isfinite(waarde):
        raise ScenarioFout(f"scenario: '{sleutel}' moet een eindig getal zijn, niet {waarde!r}")
    if waarde < 0:
        raise ScenarioFout(f"scenario: '{sleutel}' mag niet negatief zijn ({waarde})")
    return float(waarde)


def _jaartabel(waarde: Any, sleutel: str, conv) -> dict[int, Any]:
    if not isinstance(waarde, dict):
        raise ScenarioFout(f"scenario: '{sleutel}' moet een tabel jaar = waarde zijn")
    uit = {}
    for k, v in waarde.items():
        try:
            jaar = int(k)
        except ValueError:
            raise ScenarioFout(f"scenario: '{sleutel}': '{k}' is geen jaartal") from None
        uit[jaar] = conv(v, f"{sleutel}.{k}")
    return uit


def _corporatie(d: dict, sectie: str) -> Corporatieparameters:
    if not isinstance(d, dict):
        raise ScenarioFout(f"scenario: [{sectie}] moet een tabel zijn")
    _onbekend(d, _CORPORATIE_KEYS, sectie)
    c = Corporatieparameters()
    if "capaciteit_woningen" in d:
        c.capaciteit_woningen = _int(d["capaciteit_woningen"], f"{sectie}.capaciteit_woningen")
    if "budget_eur" in d:
        c.budget_eur = _getal(d["budget_eur"], f"{sectie}.budget_eur")
    if "capaciteit_per_jaar" in d:
        c.capaciteit_per_jaar = _jaartabel(d["capaciteit_per_jaar"], f"{sectie}.capaciteit_per_jaar", _int)
    if "budget_per_jaar" in d:
        c.budget_per_jaar = _jaartabel(d["budget_per_jaar"], f"{sectie}.budget_per_jaar", _getal)
    return c


def scenario_uit_dict(d: dict[str, Any], basismap: Path, *, bron: Path | None = None) -> Scenario:
    """Build and check a Scenario from a parsed TOML document; paths relative to ``basismap``."""
    _onbekend(d, _SECTIES, "hoofdniveau")
    for sectie in sorted(_SECTIES - {"afspraken", "vastgelegd"}):
        if sectie in d and not isinstance(d[sectie], dict):
            raise ScenarioFout(f"scenario: '{sectie}' moet een tabel zijn (een kopje [{sectie}] met sleutels "
                               f"eronder), niet {d[sectie]!r}")
    s = Scenario(basismap=basismap, bron=bron)
    sc = d.get("scenario", {})
    _onbekend(sc, _SCENARIO_KEYS, "scenario")
    s.naam = str(sc.get("naam", bron.stem if bron else "scenario"))
    if "peildatum" in sc:
        p = sc["peildatum"]
        if isinstance(p, str):
            try:
                p = dt.date.fromisoformat(p)
            except ValueError:
                raise ScenarioFout(f"scenario: peildatum {p!r} is geen datum (JJJJ-MM-DD)") from None
        if isinstance(p, dt.datetime):
            p = p.date()
        if not isinstance(p, dt.date):
            raise ScenarioFout(f"scenario: peildatum {p!r} is geen datum (JJJJ-MM-DD)")
        s.peildatum = p
    s.startjaar = _int(sc.get("startjaar", s.peildatum.year), "scenario.startjaar", minimum=2000)
    s.eindjaar = _int(sc.get("eindjaar", max(s.startjaar + 9, 2030)), "scenario.eindjaar", minimum=2000)
    s.deadline = _int(sc.get("deadline", 2028), "scenario.deadline", minimum=2000)
    if s.eindjaar < s.startjaar:
        raise ScenarioFout(f"scenario: eindjaar {s.eindjaar} ligt voor startjaar {s.startjaar}")
    if s.eindjaar - s.startjaar > 50:
        raise ScenarioFout("scenario: de planhorizon is langer dan 50 jaar")
    s.strikt = sc.get("strikt", False)
    if not isinstance(s.strikt, bool):
        raise ScenarioFout(f"scenario: 'scenario.strikt' moet true of false zijn, niet {s.strikt!r}")
    if "solver_tijd_s" in sc:
        s.solver_tijd_s = _getal(sc["solver_tijd_s"], "scenario.solver_tijd_s")
    if "solver_gap" in sc:
        s.solver_gap = _getal(sc["solver_gap"], "scenario.solver_gap")

    inv = d.get("invoer", {})
    _onbekend(inv, _INVOER_KEYS, "invoer")
    s.vhe = _paden(basismap, inv.get("vhe"), "invoer.vhe")
    s.complexen = _paden(basismap, inv.get("complexen"), "invoer.complexen")
    s.ep_online = _paden(basismap, inv.get("ep_online"), "invoer.ep_online")
    s.realisatie = _paden(basismap, inv.get("realisatie"), "invoer.realisatie")
    for k in ("wijken", "transitievisie", "postcode_buurt", "vorig_plan"):
        if inv.get(k):
            setattr(s, k, _pad(basismap, inv[k], f"invoer.{k}"))
    if inv.get("wijken_laag"):
        s.wijken_laag = str(inv["wijken_laag"])

    kol = d.get("kolommen", {})
    if not isinstance(kol, dict) or not all(isinstance(v, str) for v in kol.values()):
        raise ScenarioFout("scenario: [kolommen] moet de vorm canonieke_naam = \"kolomnaam in bestand\" hebben")
    s.kolommen = dict(kol)

    for naam, blok in d.get("corporatie", {}).items():
        c = _corporatie(blok, f"corporatie.{naam}")
        if naam == "standaard":
            s.standaard_corporatie = c
        else:
            s.corporaties[naam] = c

    s.doelen = dict(d.get("doelen", {}))
    _onbekend(s.doelen, _DOELEN_KEYS, "doelen")
    s.gewichten = dict(d.get("gewichten", {}))
    _onbekend(s.gewichten, _GEWICHTEN_KEYS, "gewichten")
    for k, v in s.gewichten.items():
        _getal(v, f"gewichten.{k}")
    s.maatregelen = dict(d.get("maatregelen", {}))
    s.factoren = dict(d.get("factoren", {}))
    s.zon = dict(d.get("zon", {}))
    if s.gewichten.get("warmtenet_drempel_pct", 0) > 100:
        raise ScenarioFout("scenario: 'gewichten.warmtenet_drempel_pct' is een percentage (0-100)")
    # prestatieafspraken and contracted works: checked here, so a typo stops the run with a clear message
    from .afspraken import lees_afspraken, lees_vastgelegd
    s.afspraken = list(d.get("afspraken", []) or []) if isinstance(d.get("afspraken", []), list) else d["afspraken"]
    lees_afspraken(s.afspraken)
    s.vastgelegd = lees_vastgelegd(d.get("vastgelegd", []))
    return s


def lees_scenario(pad: str | Path) -> Scenario:
    """Read a scenario TOML file; paths inside it are relative to the file's folder."""
    pad = Path(pad)
    if not pad.exists():
        raise ScenarioFout(f"scenario {pad}: bestand bestaat niet")
    try:
        with pad.open("rb") as fh:
            d = tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioFout(f"scenario {pad}: geen geldige TOML ({e})") from None
    except UnicodeDecodeError:
        raise ScenarioFout(f"scenario {pad}: geen tekstbestand (UTF-8)") from None
    except OSError as e:
        raise ScenarioFout(f"scenario {pad}: kan het bestand niet lezen ({e.strerror})") from None
    try:
        return scenario_uit_dict(d, pad.resolve().parent, bron=pad)
    except ScenarioFout as e:
        raise ScenarioFout(str(e).replace("scenario:", f"scenario {pad}:", 1)) from None


def demo_scenario_pad() -> Path:
    """The bundled demo scenario (``scenario.toml`` at the top of the source tree)."""
    return Path(__file__).resolve().parents[1] / "scenario.toml"
