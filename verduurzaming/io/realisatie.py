"""Realised works in: the workbook's Planning sheet filled in, a newer corporation export, or an
EP-online export. Only reads: :func:`verduurzaming.validatie.realisatie.valideer_realisatie` matches the
rows to the portfolio and makes the conflicts findings.

Three kinds of file, told apart by their header:

* **Planning sheet** (``verduurzamingsplan.xlsx``, sheet ``Planning``, or a CSV with the same
  header): one row per work (column ``soort``; an older sheet has one row per complex) with
  ``gerealiseerd_jaar``, ``gerealiseerd_pakket``, ``nieuw_label`` filled in by the user on the renovation
  row and ``gerealiseerd_jaar`` on the PV row (or ``pv_gerealiseerd_jaar``).
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
    "soort": ["soort werk"],
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


# ---------------------------------------------------------------- the previous plan

VORIG_PLAN_NAMEN = _map({"corporatie": ["woningcorporatie"], "complex_id": ["complex", "complexnummer"],
                         "pakket": ["gepland pakket"], "jaar": ["gepland jaar", "planjaar", "renovatiejaar"],
                         "soort": ["soort werk"]})

#: the ``soort`` of a renovation row and of a PV row on the Planning sheet, as machine code or in words
RENOVATIE_SOORTEN = {"renovatie"}
PV_SOORTEN = {"pv", "zonnepanelen"}


def lees_vorig_plan(pad: str | Path, bev: Bevindingen) -> pd.DataFrame:
    """The plan as handed out before: the workbook's Planning sheet or ``plan_complexen.csv``;
    columns ``corporatie, complex_id, pakket, jaar`` (one row per complex)."""
    pad = Path(pad)
    controleer_bestand(pad)  # before openpyxl looks for the Planning sheet: a FIFO would block it
    blad = "Planning" if pad.suffix.lower() in (".xlsx", ".xlsm") and _heeft_blad(pad, "Planning") else None
    ruw = _zonder_weergavekop(lees_tabel(pad, score_functie(VORIG_PLAN_NAMEN), blad=blad))
    mapping = hernoem(list(ruw.data.columns), VORIG_PLAN_NAMEN, None, bestand=ruw.bestand)
    if not {"corporatie", "complex_id", "pakket", "jaar"} <= set(mapping.values()):
        raise InvoerFout("vorig plan: verwacht de kolommen corporatie, complex_id, pakket en jaar (blad Planning "
                         "of plan_complexen.csv)", bestand=ruw.bestand)
    d = ruw.data.rename(columns=mapping)
    rijnummers = ruw.rijnummers
    if "soort" in d:   # the ledger as handed out: a complex's planned renovation is its renovation row (kept last)
        ren = tekst(d["soort"]).str.lower().isin(RENOVATIE_SOORTEN)
        d = d.assign(pakket=d["pakket"].where(ren, ""), jaar=d["jaar"].where(ren, ""))
        volgorde = np.argsort(ren.to_numpy(), kind="stable")
        d, rijnummers = d.iloc[volgorde], rijnummers.iloc[volgorde]
    jaar, fout = ontleed_jaar(d["jaar"], 2000, 2100)
    for i in np.flatnonzero(fout.to_numpy()):
        bev.voeg_toe(ruw.bestand, int(rijnummers.iloc[i]), "jaar", d["jaar"].iloc[i], "geen jaartal: genegeerd",
                     ACTIE_WAARDE_GENEGEERD)
    pakket = tekst(d["pakket"])
    uit = pd.DataFrame({"corporatie": tekst(d["corporatie"]), "complex_id": tekst(d["complex_id"]),
                        "pakket": pakket.where(pakket.ne(""), None), "jaar": jaar})
    return uit[uit["complex_id"].ne("")].drop_duplicates(["corporatie", "complex_id"], keep="last").reset_index(drop=True)
