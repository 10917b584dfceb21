"""Scenario: inputs, column mappings and planning parameters, read from a TOML file.

Every key is documented in ``scenario.voorbeeld.toml``; unknown keys and impossible values
raise :class:`ScenarioFout` with a Dutch message that names the key.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._fouten import ScenarioFout
from .doelen import Doelen
from .huur import npa_deadline_jaar

_SECTIES = {"scenario", "invoer", "kolommen", "corporatie", "doelen", "gewichten",
            "maatregelen", "factoren", "zon", "afspraken", "vastgelegd", "uitvoer"}


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
    #: last year E/F/G may remain; default the NPA's (defaults/huur_parameters.csv, with its source)
    deadline: int = field(default_factory=npa_deadline_jaar)
    #: reading: stop at the first rejected row instead of listing it as a finding
    strikt: bool = False
    #: planning: the deadline wins; capacity and budget overruns become listed violations (false: they are hard)
    deadline_gaat_voor: bool = False
    #: NPA: dwellings demolished by the deadline are exempt from the E/F/G rule (set false to plan them anyway)
    sloop_vrijgesteld: bool = True
    solver_tijd_s: float = 60.0
    solver_gap: float = 0.005
    #: HiGHS reproducibility: threads per model and random seed (planning.formulering.highs_opties)
    solver_threads: int = 1
    solver_seed: int = 0
    #: corporations solved side by side (threads), default one per processor core; 1 = one after the other.
    #: Each model has its own seed and thread count, so the plan is the same either way
    solver_werkers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
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
    doelen: Doelen = field(default_factory=Doelen)
    gewichten: dict[str, float] = field(default_factory=dict)
    maatregelen: dict[str, dict[str, Any]] = field(default_factory=dict)
    factoren: dict[str, Any] = field(default_factory=dict)
    zon: dict[str, Any] = field(default_factory=dict)
    afspraken: list[dict[str, Any]] = field(default_factory=list)
    vastgelegd: list[dict[str, Any]] = field(default_factory=list)
    bron: Path | None = None
    #: Dutch sentences about the scenario that do not stop the run (e.g. a deadline before startjaar)
    waarschuwingen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # targets given as a [doelen] table (a dict, as in a scenario file) become the typed targets
        if not isinstance(self.doelen, Doelen):
            self.doelen = Doelen.uit(self.doelen)

    @property
    def jaren(self) -> list[int]:
        return list(range(self.startjaar, self.eindjaar + 1))

    def invoerbestanden(self) -> list[Path]:
        """Every file this scenario has a run read: the scenario file itself, then each input it names."""
        enkel = (self.wijken, self.transitievisie, self.postcode_buurt, self.vorig_plan)
        return [p for p in (self.bron, *self.vhe, *self.complexen, *self.ep_online, *self.realisatie, *enkel) if p]

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


def _pad(basis: Path, waarde: str) -> Path:
    p = Path(waarde)
    return p if p.is_absolute() else (basis / p)


def _fout(zinnen: list[str]) -> ScenarioFout:
    return ScenarioFout("scenario: " + "; ".join(zinnen))


#: a peildatum more than this many years before the first plan year is an error
PEILDATUM_MAX_VOOR_START = 5


def controleer_peildatum(s: Scenario) -> None:
    """The peildatum must lie near the plan horizon: not after ``eindjaar``, at most
    ``PEILDATUM_MAX_VOOR_START`` years before ``startjaar`` (labels are read as valid on that date)."""
    p = s.peildatum
    if p.year > s.eindjaar or p.year < s.startjaar - PEILDATUM_MAX_VOOR_START:
        raise ScenarioFout(f"scenario: [scenario] peildatum {p:%Y-%m-%d} ligt ver buiten de planperiode "
                           f"{s.startjaar}-{s.eindjaar}: de labels zouden op die datum gelden; kies een peildatum "
                           f"tussen {s.startjaar - PEILDATUM_MAX_VOOR_START} en eind {s.eindjaar}, "
                           f"meestal 1 januari van het startjaar")


def _controleer_samenhang(s: Scenario) -> None:
    """Checks across keys, on the validated values."""
    if s.eindjaar < s.startjaar:
        raise _fout([f"[scenario] eindjaar {s.eindjaar} ligt voor startjaar {s.startjaar}"])
    if s.eindjaar - s.startjaar > 50:
        raise _fout(["[scenario] de planhorizon (startjaar tot eindjaar) is langer dan 50 jaar"])
    controleer_peildatum(s)
    if s.deadline < s.startjaar:
        s.waarschuwingen.append(
            f"de deadline {s.deadline} ligt voor het startjaar {s.startjaar}: de NPA-deadline kan niet meer "
            f"gehaald worden; elke woning met label E, F of G (niet vrijgesteld) wordt als schending gemeld")
    zinnen = []
    for sleutel in ("gemiddeld_label", "pv_woningen", "co2_reductie_pct"):
        for jaar in sorted(s.doelen.jaardoel(sleutel)):
            if not s.startjaar <= jaar <= s.eindjaar:
                zinnen.append(f"[doelen] '{sleutel}': doeljaar {jaar} valt buiten de planperiode "
                              f"{s.startjaar}-{s.eindjaar}; de planner kan dat doel niet meenemen")
    if s.doelen.co2_referentiejaar is not None and s.doelen.co2_referentiejaar > s.startjaar \
            and s.doelen.co2_referentie_ton is None:
        zinnen.append(f"[doelen] 'co2_referentiejaar' {s.doelen.co2_referentiejaar} ligt na het startjaar "
                      f"{s.startjaar}; geef ook 'co2_referentie_ton'")
    if zinnen:
        raise _fout(zinnen)


def _overrides_laden(s: Scenario) -> None:
    """The catalog, factor and PV overrides are applied once here, so a mistake stops the run
    before any file is read (the same functions apply them again during planning)."""
    from .co2 import factoren_uit_scenario
    from .maatregelen import lees_catalogus
    from .zon import _params
    lees_catalogus(s.maatregelen)
    factoren_uit_scenario(s.factoren)
    _params(s.zon)


def scenario_uit_dict(d: dict[str, Any], basismap: Path, *, bron: Path | None = None) -> Scenario:
    """Build and check a Scenario from a parsed TOML document; paths relative to ``basismap``.

    The document is validated once against :class:`~verduurzaming.scenario_schema.ScenarioBestand`
    (types, ranges, unknown keys in every section), then the keys are checked against each other.
    Every problem is a :class:`ScenarioFout` in Dutch naming the section and the key.
    """
    from .scenario_schema import ScenarioBestand, ValidationError, nederlandse_fouten
    onbekend = sorted(set(d) - _SECTIES)
    if onbekend:
        raise _fout([f"onbekende sleutel(s) in [hoofdniveau]: {', '.join(onbekend)}; "
                     f"toegestaan: {', '.join(sorted(_SECTIES))}"])
    for sectie in sorted(_SECTIES - {"afspraken", "vastgelegd"}):
        if sectie in d and not isinstance(d[sectie], dict):
            raise _fout([f"'{sectie}' moet een tabel zijn (een kopje [{sectie}] met sleutels eronder), "
                         f"niet {d[sectie]!r}"])
    if isinstance(d.get("kolommen"), dict) and not all(isinstance(v, str) for v in d["kolommen"].values()):
        raise _fout(["[kolommen] moet de vorm canonieke_naam = \"kolomnaam in bestand\" hebben"])
    try:
        m = ScenarioBestand.model_validate(d)
    except ValidationError as e:
        raise _fout(nederlandse_fouten(e)) from None

    s = Scenario(basismap=basismap, bron=bron)
    sc = m.scenario
    s.naam = sc.naam if sc.naam is not None else (bron.stem if bron else "scenario")
    if sc.peildatum is not None:
        s.peildatum = sc.peildatum
    s.startjaar = sc.startjaar if sc.startjaar is not None else s.peildatum.year
    s.eindjaar = sc.eindjaar if sc.eindjaar is not None else max(s.startjaar + 9, 2030)
    if sc.deadline is not None:
        s.deadline = sc.deadline
    s.strikt = sc.strikt
    s.deadline_gaat_voor = sc.deadline_gaat_voor
    s.sloop_vrijgesteld = sc.sloop_vrijgesteld
    if sc.solver_tijd_s is not None:
        s.solver_tijd_s = sc.solver_tijd_s
    if sc.solver_gap is not None:
        s.solver_gap = sc.solver_gap
    if sc.solver_threads is not None:
        s.solver_threads = sc.solver_threads
    if sc.solver_seed is not None:
        s.solver_seed = sc.solver_seed
    if sc.solver_werkers is not None:
        s.solver_werkers = sc.solver_werkers

    inv = m.invoer
    s.vhe = [_pad(basismap, w) for w in inv.vhe or []]
    s.complexen = [_pad(basismap, w) for w in inv.complexen or []]
    s.ep_online = [_pad(basismap, w) for w in inv.ep_online or []]
    s.realisatie = [_pad(basismap, w) for w in inv.realisatie or []]
    for k in ("wijken", "transitievisie", "postcode_buurt", "vorig_plan"):
        if getattr(inv, k):
            setattr(s, k, _pad(basismap, getattr(inv, k)))
    if inv.wijken_laag:
        s.wijken_laag = inv.wijken_laag
    s.kolommen = m.kolommen.model_dump(exclude_none=True)

    for naam, blok in m.corporatie.items():
        c = Corporatieparameters(**{k: v for k, v in blok.model_dump(exclude_none=True).items()})
        if naam == "standaard":
            s.standaard_corporatie = c
        else:
            s.corporaties[naam] = c

    s.doelen = Doelen.uit(m.doelen.model_dump(exclude_none=True))
    s.gewichten = m.gewichten.model_dump(exclude_none=True)
    s.maatregelen = {k: v for k, v in m.maatregelen.model_dump(exclude_none=True).items()}
    s.factoren = m.factoren.model_dump(exclude_none=True)
    s.zon = m.zon.model_dump(exclude_none=True)
    _controleer_samenhang(s)
    _overrides_laden(s)
    # prestatieafspraken and contracted works: checked here, so a typo stops the run with a clear message
    from .afspraken import lees_afspraken, lees_vastgelegd
    s.afspraken = list(d.get("afspraken", []) or []) if isinstance(d.get("afspraken", []), list) else d["afspraken"]
    lees_afspraken(s.afspraken)
    s.vastgelegd = lees_vastgelegd(d.get("vastgelegd", []))
    return s


def lees_scenario(pad: str | Path) -> Scenario:
    """Read a scenario TOML file; paths inside it are relative to the file's folder."""
    from ._fouten import InvoerFout
    from .io.bestand import lees_bytes
    from .io.grenzen import MAX_SCENARIO_BYTES

    pad = Path(pad)
    try:  # a regular file within the limit: not a device, FIFO or folder
        tekst = lees_bytes(pad, max_bytes=MAX_SCENARIO_BYTES).decode("utf-8")
        d = tomllib.loads(tekst)
    except InvoerFout as e:
        raise ScenarioFout(f"scenario {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ScenarioFout(f"scenario {pad}: geen geldige TOML ({e})") from None
    except UnicodeDecodeError:
        raise ScenarioFout(f"scenario {pad}: geen tekstbestand (UTF-8)") from None
    except RecursionError:  # tomllib reads nested arrays and inline tables recursively
        raise ScenarioFout(f"scenario {pad}: geen geldige TOML (lijsten of tabellen te diep in elkaar "
                           "genest)") from None
    try:
        return scenario_uit_dict(d, pad.resolve().parent, bron=pad)
    except ScenarioFout as e:
        raise ScenarioFout(str(e).replace("scenario:", f"scenario {pad}:", 1)) from None


#: the name of a run without a scenario file (findings about settings name it as their file)
ZONDER_SCENARIO = "zonder scenario (opdrachtregel)"


def scenario_zonder_bestand(basismap: Path | None = None) -> Scenario:
    """The scenario of a run without ``--scenario``: an empty scenario file, so every setting has
    its documented default (peildatum 1-1-2026, plan years 2026-2035, deadline 2028, no capacity or
    budget limit per corporation, the default catalogue, factors and weights) and no inputs; the
    caller fills in the inputs from the command line."""
    s = scenario_uit_dict({}, basismap or Path.cwd())
    s.naam = ZONDER_SCENARIO
    return s


def demo_map() -> Path:
    """The bundled demo (package data): ``scenario.toml``, ``data/labels/`` and ``wijken/``."""
    return Path(__file__).resolve().parent / "demo"


def demo_scenario_pad() -> Path:
    """The bundled demo scenario (``verduurzaming/demo/scenario.toml``, installed with the package)."""
    return demo_map() / "scenario.toml"


def demo_bestanden() -> list[Path]:
    """Every file of the bundled demo, relative to :func:`demo_map` (scenario first)."""
    basis = demo_map()
    return [Path("scenario.toml")] + sorted(
        p.relative_to(basis) for p in basis.rglob("*")
        if p.is_file() and p.name != "scenario.toml" and "__pycache__" not in p.parts)
