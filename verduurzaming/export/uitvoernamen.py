"""The names of the files each command may write into its output folder.

:class:`~verduurzaming.export.atomair.Uitvoermap` checks them before the run reads its input: no
folder or link sits at one of these names, and none of them is an input of the run. The names a run
actually writes are checked again when its set is published, so a name missing here (the
``kaart_GM....html`` of ``kaart``, which depend on the data) is still covered, only later.
``tests/test_schrijven_vijandig.py`` keeps this table equal to what the writers write.
"""

from __future__ import annotations

#: ``valideer`` (and the first two files of every ``plan``), :func:`verduurzaming.export.portefeuille.schrijf_validatie`
VALIDATIE = ("bevindingen.csv", "complexen.csv")
#: :data:`verduurzaming.export.plan_csv.BESTANDEN`
PLAN_TABELLEN = ("plan_werken.csv", "plan_complexen.csv", "plan_corporatie_jaar.csv", "plan_wijk_jaar.csv",
                 "schendingen.csv")
#: workbook, map and GeoPackage of ``plan`` (``cli._schrijf_rapporten``)
RAPPORTEN = ("verduurzamingsplan.xlsx", "kaart.html", "plan.gpkg")
WIJZIGINGEN = "wijzigingen.csv"
VOORTGANG = "voortgang.xlsx"

PER_COMMANDO: dict[str, tuple[str, ...]] = {
    "valideer": VALIDATIE,
    "plan": (*VALIDATIE, *PLAN_TABELLEN, *RAPPORTEN, WIJZIGINGEN),
    "voortgang": (VOORTGANG, WIJZIGINGEN),
    "kaart": (),  # kaart_<gemeente>.html: known once the wijken are read, checked when published
}


def uitvoernamen(commando: str) -> tuple[str, ...]:
    """The files ``commando`` may write (empty for a command this table does not know)."""
    return PER_COMMANDO.get(commando, ())
