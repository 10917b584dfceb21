"""Realised works in: the workbook's Planning sheet filled in, a newer corporation export, or an
EP-online export. Only reads: :func:`verduurzaming.validatie.realisatie.valideer_realisatie` matches the
rows to the portfolio and makes the conflicts findings.

Three kinds of file, told apart by their header:

* **Planning sheet** (``verduurzamingsplan.xlsx``, sheet ``Planning``, or a CSV with the same
  header): one row per work (column ``soort``; an older sheet has one row per complex) with
  ``gerealiseerd_jaar``, ``gerealiseerd_pakket``, ``nieuw_label`` filled in by the user on the renovation
  row and ``gerealiseerd_jaar`` on the PV row (or ``pv_gerealiseerd_jaar``) and on the 'van het gas af' row.
  Its planned columns are the plan as handed out (:func:`plan_per_complex`).
* **Corporation export** (VHE rows with a label and registration date): new registered labels per
  dwelling, with a VHE id, a BAG verblijfsobject id or an address.
* **EP-online export** (RVO layout): new labels per address.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import planningblad
from .._fouten import InvoerFout
from ..bevindingen import ACTIE_WAARDE_GENEGEERD, Bevindingen
from ..waarden import ontleed_jaar, tekst
from .bestand import controleer_bestand
from .eponline import lees_ep_online
from .kolommen import EP_ONLINE_NAMEN, VHE_NAMEN, _map, hernoem, normaliseer, score_functie
from .tabel import RuweTabel, _controleer_zip, lees_tabel

#: Planning-sheet columns this reader uses (the rest of the stable header is ignored)
REALISATIE_NAMEN = _map({
    "corporatie": ["woningcorporatie", "organisatie"],
    "complex_id": ["complex", "complexnummer", "complexnr", "complexcode"],
    "pakket": ["gepland pakket"],
    "jaar": ["gepland jaar", "planjaar"],
    "gerealiseerd_jaar": ["jaar gerealiseerd", "realisatiejaar", "opgeleverd", "opleverjaar", "uitgevoerd in"],
    "gerealiseerd_pakket": ["pakket gerealiseerd", "uitgevoerd pakket", "uitgevoerde maatregel"],
    "nieuw_label": ["nieuw energielabel", "label na", "nieuwe label", "label na oplevering"],
    "pv_gerealiseerd_jaar": ["pv gerealiseerd", "zonnepanelen geplaatst", "pv geplaatst in"],
    "van_gas_gerealiseerd_jaar": ["van het gas af gerealiseerd", "aardgasvrij gerealiseerd"],
    "soort": ["soort werk"],
    "aanpak": [],
    "pv_jaar": ["pv-jaar"],
    "van_gas_jaar": ["van het gas af (jaar)"],
})

#: Corporation-export columns of a realisation: the VHE export's names and the BAG verblijfsobject id
VHE_REALISATIE_NAMEN = {**VHE_NAMEN, **_map({"bag_vbo_id": ["bag id", "bagid", "bag verblijfsobject", "verblijfsobjectid",
                                                            "bag vbo id", "adresseerbaar object"]})}


@dataclass
class Realisatiebestand:
    """One realisation file as read: its path, its kind (``planning``, ``ep-online``, ``vhe``) and its cells."""

    pad: Path
    soort: str
    tabel: RuweTabel


def lees_realisatiebestanden(paden: list[str | Path], bev: Bevindingen) -> list[Realisatiebestand]:
    """Every realisation file as a raw table of its kind (the Planning sheet without its display header)."""
    uit = []
    for pad in paden:
        pad = Path(pad)
        controleer_bestand(pad)  # before openpyxl looks for the Planning sheet: a FIFO would block it
        soort = _soort(pad)
        if soort == "planning":
            blad = "Planning" if pad.suffix.lower() in (".xlsx", ".xlsm") and _heeft_blad(pad, "Planning") else None
            ruw = _zonder_weergavekop(lees_tabel(pad, score_functie(REALISATIE_NAMEN), blad=blad))
        elif soort == "ep-online":
            ruw = lees_ep_online(pad, bev)
        else:
            ruw = lees_tabel(pad, score_functie(VHE_REALISATIE_NAMEN))
        uit.append(Realisatiebestand(pad, soort, ruw))
    return uit


def _soort(pad: Path) -> str:
    """'planning', 'ep-online' or 'vhe' from the header (reads the file once more; files are small)."""
    ruw = lees_tabel(pad, score_functie({**REALISATIE_NAMEN, **EP_ONLINE_NAMEN, **VHE_NAMEN}),
                     blad="Planning" if pad.suffix.lower() in (".xlsx", ".xlsm") and _heeft_blad(pad, "Planning")
                     else None)
    kop = {normaliseer(c) for c in ruw.data.columns}
    if kop & {"gerealiseerdjaar", "nieuwlabel", "gerealiseerdpakket"}:
        return "planning"
    if any(k.startswith("pand") for k in kop):
        return "ep-online"
    return "vhe"


def _heeft_blad(pad: Path, blad: str) -> bool:
    try:
        from openpyxl import load_workbook
        _controleer_zip(pad, pad.name)  # openpyxl reads the shared strings whole: no zip bomb
        wb = load_workbook(pad, read_only=True)
        try:
            return blad in wb.sheetnames
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - lees_tabel gives the real message
        return False


def _zonder_weergavekop(ruw):
    """The workbook's Planning sheet has the machine names in a hidden row 1 (the header found)
    and the Dutch headers in row 2: that row is a header, not a complex, and is dropped here."""
    if len(ruw.data) and planningblad.is_weergavekop(
            {str(k).strip(): v for k, v in ruw.data.iloc[0].items()}):
        ruw.data = ruw.data.iloc[1:]
        ruw.rijnummers = ruw.rijnummers.iloc[1:]
    return ruw


# ---------------------------------------------------------------- the plan as handed out

VORIG_PLAN_NAMEN = _map({"corporatie": ["woningcorporatie"], "complex_id": ["complex", "complexnummer"],
                         "pakket": ["gepland pakket"], "jaar": ["gepland jaar", "planjaar", "renovatiejaar"],
                         "soort": ["soort werk"], "aanpak": [], "pv_jaar": ["pv-jaar"],
                         "van_gas_jaar": ["van het gas af (jaar)"]})

#: the ``soort`` of a renovation row, a PV row and a 'van het gas af' row on the Planning sheet, as machine code
#: (``plan_werken.csv``) or in words (the sheet)
RENOVATIE_SOORTEN = {"renovatie"}
PV_SOORTEN = {"pv", "zonnepanelen"}
VAN_GAS_SOORTEN = {"van_gas", "van het gas af"}

#: columns of :attr:`UitgegevenPlan.complexen` (the last three only where the source has them)
PLAN_KOLOMMEN = ["corporatie", "complex_id", "pakket", "jaar", "aanpak", "pv_jaar", "van_gas_jaar"]


@dataclass
class UitgegevenPlan:
    """The plan as handed out: per complex its planned works (:data:`PLAN_KOLOMMEN`; ``aanpak``, ``pv_jaar``
    and ``van_gas_jaar`` only where the source says so: a ledger of works always does), and where it was read
    (``bron``: the file name, with ', blad Planning' for the workbook's sheet)."""

    complexen: pd.DataFrame
    bron: str


def planbron(pad: str | Path) -> str:
    """How a plan file is named in the outputs: its name, and the sheet when it is a workbook's Planning sheet."""
    pad = Path(pad)
    return f"{pad.name}, blad Planning" if _planningblad(pad) else pad.name


def _planningblad(pad: Path) -> str | None:
    return "Planning" if pad.suffix.lower() in (".xlsx", ".xlsm") and _heeft_blad(pad, "Planning") else None


def lees_vorig_plan(pad: str | Path, bev: Bevindingen) -> UitgegevenPlan:
    """The plan as handed out before: the workbook's Planning sheet, ``plan_werken.csv`` or
    ``plan_complexen.csv`` (one row per complex, see :func:`plan_per_complex`)."""
    pad = Path(pad)
    controleer_bestand(pad)  # before openpyxl looks for the Planning sheet: a FIFO would block it
    ruw = _zonder_weergavekop(lees_tabel(pad, score_functie(VORIG_PLAN_NAMEN), blad=_planningblad(pad)))
    mapping = hernoem(list(ruw.data.columns), VORIG_PLAN_NAMEN, None, bestand=ruw.bestand)
    if not {"corporatie", "complex_id", "pakket", "jaar"} <= set(mapping.values()):
        raise InvoerFout("vorig plan: verwacht de kolommen corporatie, complex_id, pakket en jaar (blad Planning, "
                         "plan_werken.csv of plan_complexen.csv)", bestand=ruw.bestand)
    d = ruw.data.rename(columns=mapping)[list(dict.fromkeys(mapping.values()))]
    return UitgegevenPlan(plan_per_complex(d, ruw.rijnummers, ruw.bestand, bev), planbron(pad))


def plan_per_complex(d: pd.DataFrame, rijnummers: pd.Series, bestand: str, bev: Bevindingen) -> pd.DataFrame:
    """The planned works of a Planning sheet (columns by machine name, ``pakket`` and ``jaar`` among them) per
    complex, one row for every complex the sheet lists: ``corporatie, complex_id, pakket, jaar`` of its
    renovation, ``aanpak`` (its scope), ``pv_jaar`` and ``van_gas_jaar``. A ledger of works (column ``soort``)
    gives them from its renovation, PV and 'van het gas af' rows; a sheet with one row per complex from its
    columns, the last three only where it has them. A year that is no year is a finding and ignored."""
    d = d.reset_index(drop=True)
    rijnummers = rijnummers.reset_index(drop=True)
    sleutel = pd.DataFrame({"corporatie": tekst(d["corporatie"]) if "corporatie" in d else "",
                            "complex_id": tekst(d["complex_id"])})
    pakket = tekst(d["pakket"])
    aanpak = tekst(d["aanpak"]) if "aanpak" in d else None
    if "soort" in d:
        soort = tekst(d["soort"]).str.lower()
        ren, pv, gas = (soort.isin(s).to_numpy() for s in (RENOVATIE_SOORTEN, PV_SOORTEN, VAN_GAS_SOORTEN))
        jaar = _jaren(d["jaar"], ren | pv | gas, rijnummers, bestand, bev, "jaar")
        per_werk = sleutel.assign(pakket=pakket.where(ren & pakket.ne(""), None), jaar=jaar.where(ren),
                                  aanpak=aanpak.where(ren & aanpak.ne(""), None) if aanpak is not None else None,
                                  pv_jaar=jaar.where(pv), van_gas_jaar=jaar.where(gas))
        kolommen = PLAN_KOLOMMEN
    else:
        alle = np.ones(len(d), bool)
        per_werk = sleutel.assign(pakket=pakket.where(pakket.ne(""), None),
                                  jaar=_jaren(d["jaar"], alle, rijnummers, bestand, bev, "jaar"))
        if aanpak is not None:
            per_werk["aanpak"] = aanpak.where(aanpak.ne(""), None)
        for k in ("pv_jaar", "van_gas_jaar"):
            if k in d:
                per_werk[k] = _jaren(d[k], alle, rijnummers, bestand, bev, k)
        kolommen = [k for k in PLAN_KOLOMMEN if k in per_werk]
    per_werk = per_werk[per_werk["complex_id"].ne("")]
    # per complex the last value each column has (one row per complex: its only row)
    uit = per_werk.groupby(["corporatie", "complex_id"], sort=False, as_index=False).last()
    for k in ("jaar", "pv_jaar", "van_gas_jaar"):
        if k in uit:
            uit[k] = uit[k].astype("Int64")
    return uit.reindex(columns=kolommen).reset_index(drop=True)


def _jaren(s: pd.Series, rijen: np.ndarray, rijnummers: pd.Series, bestand: str, bev: Bevindingen,
           kolom: str) -> pd.Series:
    """The years of column ``s`` on the rows ``rijen`` (elsewhere NA); a cell that is no year is a finding."""
    jaar, fout = ontleed_jaar(s.where(rijen, ""), 2000, 2100)
    for i in np.flatnonzero(fout.to_numpy()):
        bev.voeg_toe(bestand, int(rijnummers.iloc[i]), kolom, s.iloc[i], "geen jaartal: genegeerd",
                     ACTIE_WAARDE_GENEGEERD)
    return jaar.where(~fout)
