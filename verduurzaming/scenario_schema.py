"""The scenario file's schema (pydantic v2) and Dutch messages for everything it rejects.

Every section is a strict model with ``extra="forbid"``: a wrong type, an impossible value or
an unknown key is an error that names the section and the key. Pydantic's own (English)
messages never reach the user: :func:`nederlandse_fouten` maps each error type to a Dutch
sentence. Checks across keys (year order, peildatum against the horizon, target years) are
done by ``scenario.py`` on the validated model.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeAlias

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, create_model
from pydantic_core import PydanticCustomError

from . import labels as L

__all__ = ["JAAR_MAX", "JAAR_MIN", "ScenarioBestand", "ValidationError", "lees_datum", "nederlandse_fouten"]

JAAR_MIN, JAAR_MAX = 2000, 2100
_CONFIG = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def _nl(tekst: str) -> PydanticCustomError:
    """An error whose (Dutch) text is ours; ``nederlandse_fouten`` shows it as is."""
    return PydanticCustomError("nl", "{tekst}", {"tekst": tekst})


def toon(waarde: Any) -> str:
    """A value as the user wrote it in TOML (short)."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, float) and not math.isfinite(waarde):
        return "nan" if math.isnan(waarde) else ("inf" if waarde > 0 else "-inf")
    if isinstance(waarde, dict):
        return "een tabel"
    if isinstance(waarde, list):
        return "een lijst"
    t = repr(waarde) if isinstance(waarde, str) else str(waarde)
    return t if len(t) <= 60 else t[:57] + "..."


# ------------------------------------------------------------------ value types

def lees_datum(waarde: Any) -> dt.date:
    """A date from TOML (a date or date-time) or text ``JJJJ-MM-DD`` / ``DD-MM-JJJJ``; ValueError otherwise."""
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    if isinstance(waarde, str):
        t = waarde.strip()
        for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(t, fmt).date()
            except ValueError:
                pass
    raise ValueError(f"{toon(waarde)} is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)")


def _datum(waarde: Any) -> dt.date:
    try:
        return lees_datum(waarde)
    except ValueError as e:
        raise _nl(str(e)) from None


def _geheel(waarde: Any) -> Any:
    """A float with an integral value (300.0) counts as an integer; everything else is left to the type."""
    if isinstance(waarde, float) and math.isfinite(waarde) and waarde == int(waarde):
        return int(waarde)
    return waarde


def _paden(waarde: Any) -> Any:
    if isinstance(waarde, str):
        waarde = [waarde]
    if isinstance(waarde, list):
        for w in waarde:
            if not isinstance(w, str) or not w.strip():
                raise _nl(f"moet een bestandsnaam of een lijst van namen zijn, niet {toon(w)}")
    return waarde


def _jaartabel(waarde: Any) -> Any:
    """``{"2030" = x}`` -> ``{2030: x}``; anything but a table is an error with the documented form."""
    if not isinstance(waarde, dict):
        raise _nl(f"moet een tabel jaar = waarde zijn, bijvoorbeeld {{ 2030 = 22 }}, niet {toon(waarde)}")
    uit = {}
    for k, v in waarde.items():
        try:
            jaar = int(str(k).strip())
        except ValueError:
            raise _nl(f"'{k}' is geen jaartal") from None
        if not JAAR_MIN <= jaar <= JAAR_MAX:
            raise _nl(f"jaar {jaar} ligt buiten {JAAR_MIN}-{JAAR_MAX}")
        uit[jaar] = v
    return uit


def _label(waarde: Any) -> Any:
    if isinstance(waarde, str) and waarde.strip().upper() in L.RANG:
        return waarde.strip().upper()
    raise _nl(f"{toon(waarde)} is geen energielabel; kies uit {', '.join(L.LABELS)}")


Jaar = Annotated[int, BeforeValidator(_geheel), Field(ge=JAAR_MIN, le=JAAR_MAX)]
Geheel0 = Annotated[int, BeforeValidator(_geheel), Field(ge=0)]
Getal0 = Annotated[float, Field(ge=0)]
Positief = Annotated[float, Field(gt=0)]
Pct = Annotated[float, Field(ge=0, le=100)]
Datum = Annotated[dt.date, BeforeValidator(_datum)]
Paden = Annotated[list[str], BeforeValidator(_paden)]
Label = Annotated[str, BeforeValidator(_label)]


def _keuze(*opties: str) -> BeforeValidator:
    """A validator that accepts one of ``opties`` (case-insensitive) and returns it lower-case."""
    def check(waarde: Any) -> Any:
        if isinstance(waarde, str) and waarde.strip().lower() in opties:
            return waarde.strip().lower()
        raise _nl(f"{toon(waarde)} is geen geldige keuze; kies uit {', '.join(opties)}")
    return BeforeValidator(check)


_JAREN = BeforeValidator(_jaartabel)
JarenGeheel0 = Annotated[dict[int, Geheel0], _JAREN]
JarenGetal0 = Annotated[dict[int, Getal0], _JAREN]
JarenLabel = Annotated[dict[int, Label], _JAREN]
JarenPct = Annotated[dict[int, Pct], _JAREN]
LabelMaat = Annotated[str, _keuze("ep2", "ei")]
LabelWeging = Annotated[str, _keuze("m2", "woning")]


# ------------------------------------------------------------------ sections

class _Sectie(BaseModel):
    model_config = _CONFIG


class SectieScenario(_Sectie):
    naam: str | None = None
    peildatum: Datum | None = None
    startjaar: Jaar | None = None
    eindjaar: Jaar | None = None
    deadline: Jaar | None = None
    strikt: bool = False
    deadline_gaat_voor: bool = False
    sloop_vrijgesteld: bool = True
    solver_tijd_s: Getal0 | None = None
    solver_gap: Annotated[float, Field(ge=0, le=1)] | None = None
    solver_threads: Annotated[int, BeforeValidator(_geheel), Field(ge=1, le=256)] | None = None
    solver_seed: Annotated[int, BeforeValidator(_geheel), Field(ge=0, le=2147483647)] | None = None
    solver_werkers: Annotated[int, BeforeValidator(_geheel), Field(ge=1, le=64)] | None = None


class SectieInvoer(_Sectie):
    vhe: Paden | None = None
    complexen: Paden | None = None
    ep_online: Paden | None = None
    realisatie: Paden | None = None
    wijken: str | None = None
    wijken_laag: str | None = None
    transitievisie: str | None = None
    postcode_buurt: str | None = None
    vorig_plan: str | None = None


class SectieCorporatie(_Sectie):
    capaciteit_woningen: Geheel0 | None = None
    budget_eur: Getal0 | None = None
    capaciteit_per_jaar: JarenGeheel0 | None = None
    budget_per_jaar: JarenGetal0 | None = None


class SectieDoelen(_Sectie):
    gemiddeld_label: JarenLabel | None = None
    pv_woningen: JarenGeheel0 | None = None
    co2_reductie_pct: JarenPct | None = None
    co2_referentiejaar: Annotated[int, BeforeValidator(_geheel), Field(ge=1900, le=JAAR_MAX)] | None = None
    co2_referentie_ton: Positief | None = None
    gemiddeld_label_maat: LabelMaat | None = None
    gemiddeld_label_weging: LabelWeging | None = None


class SectieGewichten(_Sectie):
    dmjop_korting_pct: Pct | None = None
    buiten_wup_boete_eur_woning: Getal0 | None = None
    uitstel_boete_eur_woning_jaar: Getal0 | None = None
    warmtenet_drempel_pct: Pct | None = None
    warmtenet_drempel_woningen: Getal0 | None = None
    prijsstijging_pct: Annotated[float, Field(ge=-50, le=100)] | None = None
    discontovoet_pct: Pct | None = None
    voorbereidingstijd_jaar: Annotated[int, BeforeValidator(_geheel), Field(ge=0, le=10)] | None = None


def _strategieen(waarde: Any) -> Any:
    from .maatregelen import STRATEGIEEN
    namen = waarde.split("|") if isinstance(waarde, str) else waarde
    if not isinstance(namen, list) or not all(isinstance(n, str) for n in namen):
        raise _nl(f"moet tekst (\"warmtenet|hybride\") of een lijst van strategieën zijn, niet {toon(waarde)}")
    onbekend = [n.strip() for n in namen if n.strip() not in STRATEGIEEN]
    if onbekend:
        raise _nl(f"onbekende strategie {', '.join(map(repr, onbekend))}; kies uit {', '.join(STRATEGIEEN)}")
    return waarde


def _soort(waarde: Any) -> Any:
    from .defaults import lees
    soorten = list(dict.fromkeys(lees("maatregelen.csv")["soort"]))
    if waarde not in soorten:
        raise _nl(f"{toon(waarde)} is geen soort uit de catalogus; kies uit {', '.join(soorten)}")
    return waarde


def _schil(waarde: Any) -> Any:
    from .maatregelen import SCHILLEN
    if waarde not in SCHILLEN:
        raise _nl(f"{toon(waarde)} is geen isolatieniveau; kies uit {', '.join(SCHILLEN)}")
    return waarde


def _verwarming(waarde: Any) -> Any:
    from .woning import VERWARMINGEN
    if waarde not in VERWARMINGEN:
        raise _nl(f"{toon(waarde)} is geen verwarmingssysteem; kies uit {', '.join(VERWARMINGEN)}")
    return waarde


class SectiePakket(_Sectie):
    """``[maatregelen.<pakket>]``: overrides of one row of ``defaults/maatregelen.csv`` (the result model:
    the insulation level a package brings, the heating system after it, its cost factor)."""

    naam: str | None = None
    soort: Annotated[str, BeforeValidator(_soort)] | None = None
    schil: Annotated[str, BeforeValidator(_schil)] | None = None
    verwarming_na: Annotated[str, BeforeValidator(_verwarming)] | None = None
    installatie: str | None = None
    kosten_factor: Getal0 | None = None
    strategieen: Annotated[Any, BeforeValidator(_strategieen)] | None = None
    bron: str | None = None


def _factor(waarde: Any) -> Any:
    """A CO2 factor: a number >= 0 (from the first year on) or a table year = number."""
    reeks = _jaartabel(waarde) if isinstance(waarde, dict) else {None: waarde}
    for jaar, f in reeks.items():
        waar = f" (jaar {jaar})" if jaar is not None else ""
        if isinstance(f, bool) or not isinstance(f, (int, float)):
            raise _nl(f"moet een getal of een tabel jaar = getal zijn, niet {toon(f)}{waar}")
        if not math.isfinite(f) or f < 0:
            raise _nl(f"moet een eindig getal >= 0 zijn, niet {toon(f)}{waar}")
    return reeks if isinstance(waarde, dict) else waarde


def _zon_model():
    from .zon import KWH_PER_KWP, PARAMETERS
    velden: dict[str, Any] = {k: (Optional[Getal0], None) for k in PARAMETERS}
    velden.update({f"kwh_per_kwp_{k}": (Optional[Getal0], None) for k in KWH_PER_KWP})
    for k in ("paneel_wp", "m2_per_paneel"):
        velden[k] = (Optional[Positief], None)
    return create_model("SectieZon", __base__=_Sectie, **velden)


def _factoren_model():
    from .co2 import _FACTOREN
    velden = {d: (Optional[Annotated[Any, BeforeValidator(_factor)]], None) for d in dict.fromkeys(_FACTOREN["drager"])}
    return create_model("SectieFactoren", __base__=_Sectie, **velden)


def _kolommen_model():
    from .io import kolommen as K
    namen = set(K.VHE_NAMEN.values()) | set(K.EP_ONLINE_NAMEN.values()) | set(K.CBS_NAMEN.values()) \
        | set(K.TVW_NAMEN.values()) | set(K.COMPLEX_KOLOMMEN)
    return create_model("SectieKolommen", __base__=_Sectie, **{n: (Optional[str], None) for n in sorted(namen)})


def _maatregelen_model():
    from .defaults import lees
    pakketten = list(lees("maatregelen.csv")["pakket"])
    return create_model("SectieMaatregelen", __base__=_Sectie, **{p: (Optional[SectiePakket], None) for p in pakketten})


# Built at import from the tables in defaults/ (their keys are the tables' rows); a type checker
# sees them as plain sections.
if TYPE_CHECKING:
    SectieZon: TypeAlias = _Sectie
    SectieFactoren: TypeAlias = _Sectie
    SectieKolommen: TypeAlias = _Sectie
    SectieMaatregelen: TypeAlias = _Sectie
else:
    SectieZon = _zon_model()
    SectieFactoren = _factoren_model()
    SectieKolommen = _kolommen_model()
    SectieMaatregelen = _maatregelen_model()


class SectieUitvoer(_Sectie):
    """``[uitvoer]``: reserved; no keys yet (any key is reported as unknown)."""


class ScenarioBestand(_Sectie):
    """The whole file. ``afspraken`` and ``vastgelegd`` are checked by ``afspraken.py``."""

    scenario: SectieScenario = SectieScenario()
    invoer: SectieInvoer = SectieInvoer()
    kolommen: SectieKolommen = SectieKolommen()
    corporatie: dict[str, SectieCorporatie] = {}
    doelen: SectieDoelen = SectieDoelen()
    gewichten: SectieGewichten = SectieGewichten()
    maatregelen: SectieMaatregelen = SectieMaatregelen()
    factoren: SectieFactoren = SectieFactoren()
    zon: SectieZon = SectieZon()
    uitvoer: SectieUitvoer = SectieUitvoer()
    afspraken: Any = None
    vastgelegd: Any = None


# ------------------------------------------------------------------ Dutch messages

_MET_NAAM = {"corporatie", "maatregelen"}   # sections whose second level is a name: [corporatie."X"]


def _sectie_en_sleutel(loc: tuple) -> tuple[str, str]:
    """('corporatie', 'X Y', 'budget_eur') -> ('[corporatie."X Y"]', 'budget_eur')."""
    delen = [str(x) for x in loc]
    n = 2 if delen and delen[0] in _MET_NAAM and len(delen) > 2 else 1
    kop = delen[:n]
    if len(kop) == 2:
        naam = kop[1]
        kop[1] = naam if naam.replace("_", "").isalnum() else f'"{naam}"'
    return "[" + ".".join(kop) + "]", ".".join(delen[n:])


def _toegestaan(loc: tuple) -> list[str]:
    """The keys allowed where ``loc`` (without the unknown key) points."""
    model: Any = ScenarioBestand
    delen = list(loc)
    while delen and model is not None:
        deel = delen.pop(0)
        veld = model.model_fields.get(str(deel))
        if veld is None:
            return []
        if deel == "corporatie":
            model = SectieCorporatie
            if delen:
                delen.pop(0)
            continue
        if deel in ("maatregelen",) and delen:
            model = SectiePakket
            delen.pop(0)
            continue
        model = veld.annotation if isinstance(veld.annotation, type) and issubclass(veld.annotation, BaseModel) else None
    return list(model.model_fields) if model is not None else []


def _zin(fout: Any) -> str:
    t, ctx, w = fout["type"], fout.get("ctx") or {}, fout.get("input")
    if t == "nl":
        return str(ctx["tekst"])
    if t == "finite_number":
        return f"moet een eindig getal zijn, niet {toon(w)}"
    if t in ("int_type", "int_from_float", "int_parsing"):
        return f"moet een geheel getal zijn, niet {toon(w)}"
    if t in ("float_type", "float_parsing"):
        return f"moet een getal zijn, niet {toon(w)}"
    if t in ("bool_type", "bool_parsing"):
        return f"moet true of false zijn, niet {toon(w)}"
    if t == "string_type":
        return f"moet tekst zijn (tussen aanhalingstekens), niet {toon(w)}"
    if t in ("dict_type", "model_type", "model_attributes_type"):
        return f"moet een tabel zijn, niet {toon(w)}"
    if t == "list_type":
        return f"moet een lijst zijn, niet {toon(w)}"
    if t == "greater_than_equal":
        grens = ctx.get("ge")
        return f"mag niet negatief zijn ({toon(w)})" if grens == 0 else f"moet minstens {grens:g} zijn, niet {toon(w)}"
    if t == "greater_than":
        return f"moet groter dan {ctx.get('gt'):g} zijn, niet {toon(w)}"
    if t == "less_than_equal":
        return f"mag niet groter zijn dan {ctx.get('le'):g}, niet {toon(w)}"
    if t == "less_than":
        return f"moet kleiner dan {ctx.get('lt'):g} zijn, niet {toon(w)}"
    if t == "missing":
        return "ontbreekt"
    return f"ongeldige waarde {toon(w)}"


def nederlandse_fouten(e: ValidationError) -> list[str]:
    """One Dutch sentence per problem, naming the section and the key; unknown keys grouped per section."""
    zinnen: list[str] = []
    onbekend: dict[tuple, list[str]] = {}
    for fout in e.errors(include_url=False):
        loc = tuple(fout["loc"])
        if fout["type"] == "extra_forbidden":
            onbekend.setdefault(loc[:-1], []).append(str(loc[-1]))
            continue
        sectie, sleutel = _sectie_en_sleutel(loc)
        scheiding = ":" if fout["type"] == "nl" else ""
        zinnen.append(f"{sectie} '{sleutel}'{scheiding} {_zin(fout)}" if sleutel else f"{sectie} {_zin(fout)}")
    for plek, namen in onbekend.items():
        if not plek:
            sectie = "hoofdniveau"
        else:
            sectie = _sectie_en_sleutel(plek + ("x",))[0][1:-1]
            _, rest = _sectie_en_sleutel(plek + ("x",))
            if rest != "x":
                sectie += "." + rest[:-2]
        mag = _toegestaan(plek)
        zinnen.append(f"onbekende sleutel(s) in [{sectie}]: {', '.join(namen)}"
                      + (f"; toegestaan: {', '.join(mag)}" if mag else ""))
    return zinnen
