"""The ``verduurzaming`` command: parse arguments, call the library, show progress, map errors.

Exit codes: 0 usable, 2 the input cannot be used (a one-line Dutch reason, no traceback),
1 an internal error (set VERDUURZAMING_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from ._errors import VerduurzamingFout
from .scenario import Scenario, demo_scenario_pad, lees_scenario

app = typer.Typer(
    name="verduurzaming",
    help="Verduurzamingsplanning voor woningcorporaties en gemeenten: E/F/G-labels weg voor eind 2028 "
         "(Nationale Prestatieafspraken), zonnepanelen en CO2, per complex en per jaar, afgestemd op de "
         "Transitievisie Warmte.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
)
console = Console(stderr=True, highlight=False)
uit = Console(highlight=False)

ScenarioOpt = Annotated[Optional[Path], typer.Option("--scenario", "-s", help="Scenariobestand (TOML). Zonder: de meegeleverde demo (Voorbeeldstad).")]
UitvoerOpt = Annotated[Path, typer.Option("--uitvoer", "-o", help="Map voor de uitvoer.")]
VheOpt = Annotated[Optional[list[Path]], typer.Option("--vhe", help="VHE-export (CSV/XLSX), herhaalbaar; vervangt die uit het scenario.")]
ComplexOpt = Annotated[Optional[list[Path]], typer.Option("--complexen", help="Complextabel (CSV/XLSX), herhaalbaar.")]
WijkenOpt = Annotated[Optional[Path], typer.Option("--wijken", help="CBS-wijkgeometrieën (GeoPackage/GeoJSON).")]
TvwOpt = Annotated[Optional[Path], typer.Option("--transitievisie", help="Planning uit de Transitievisie Warmte per wijk (CSV/XLSX).")]
EpOpt = Annotated[Optional[list[Path]], typer.Option("--ep-online", help="EP-online-export (CSV), herhaalbaar.")]
PeilOpt = Annotated[Optional[str], typer.Option("--peildatum", help="Peildatum JJJJ-MM-DD: het label dat dan geldig is telt.")]


def _fout(bericht: str, code: int = 2) -> None:
    console.print(f"[bold red]Fout:[/] {escape(bericht)}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def _scenario(scenario: Path | None, vhe, complexen, wijken, transitievisie, ep_online, peildatum) -> Scenario:
    pad = scenario if scenario is not None else demo_scenario_pad()
    if scenario is None and not pad.exists():
        raise VerduurzamingFout("geen --scenario opgegeven en de demo (scenario.toml) is niet gevonden; "
                                "installeer vanuit de broncode (pip install -e .) of geef --scenario")
    if scenario is None and vhe:
        s = Scenario(basismap=Path.cwd())
    else:
        s = lees_scenario(pad)
    if vhe:
        s.vhe = list(vhe)
        if not complexen:
            s.complexen = []
    if complexen:
        s.complexen = list(complexen)
    if wijken:
        s.wijken = wijken
    if transitievisie:
        s.transitievisie = transitievisie
    if ep_online:
        s.ep_online = list(ep_online)
    if peildatum:
        try:
            s.peildatum = dt.date.fromisoformat(peildatum)
        except ValueError:
            raise VerduurzamingFout(f"--peildatum {peildatum!r} is geen datum (JJJJ-MM-DD)") from None
    return s


def _uitvoeren(functie) -> None:
    try:
        functie()
    except VerduurzamingFout as e:
        _fout(str(e))
    except KeyboardInterrupt:
        _fout("afgebroken", 130)
    except typer.Exit:
        raise
    except Exception as e:  # the user gets one line, never a traceback
        if os.environ.get("VERDUURZAMING_DEBUG"):
            raise
        _fout(f"interne fout ({type(e).__name__}: {e}); meld dit met VERDUURZAMING_DEBUG=1 erbij", 1)


def _samenvatting_portefeuille(p) -> None:
    from .labels import SLECHT
    bev = p.bevindingen
    bh = bev.boekhouding_frame()
    uit.print(f"Peildatum {p.peildatum:%d-%m-%Y}")
    uit.print("Ingelezen bestanden (rijen in = gebruikt + afgewezen):")
    for r in bh.itertuples():
        teken = "" if r.rijen_in == r.rijen_gebruikt + r.rijen_afgewezen else "  LET OP: telling klopt niet"
        uit.print(f"  {r.bestand}: {r.rijen_in} in, {r.rijen_gebruikt} gebruikt, {r.rijen_afgewezen} afgewezen{teken}")
    w, c = p.woningen, p.complexen
    efg = int(w["energielabel"].isin(SLECHT).sum())
    uit.print(f"{len(w)} woningen in {len(c)} complexen van {c['corporatie'].nunique()} corporatie(s); "
              f"{efg} woningen met label E, F of G ({efg / max(len(w), 1):.1%}); "
              f"{int(w['label_geschat'].sum())} met een geschat label")
    vrij = c[c["vrijgesteld"]]
    if len(vrij):
        uit.print(f"Vrijgesteld: {len(vrij)} complexen ({int(vrij['woningen'].sum())} woningen): "
                  + ", ".join(sorted(set(vrij['vrijstelling_reden'].str.split(' ').str[0]))))
    per_wijk = c.groupby(c["wijk_code"].fillna("(geen wijk)")).agg(complexen=("complex_id", "size"),
                                                                   woningen=("woningen", "sum"), efg=("n_efg", "sum"))
    namen = dict(zip(p.wijken["wijk_code"], p.wijken["wijk_naam"])) if p.wijken is not None else {}
    uit.print("Complexen per wijk:")
    for code, r in per_wijk.iterrows():
        uit.print(f"  {code} {namen.get(code, '')}: {r.complexen} complexen, {r.woningen} woningen, {r.efg} E/F/G")
    ernst = bev.to_frame()["ernst"].value_counts() if len(bev) else {}
    uit.print(f"Bevindingen: {len(bev)} ({', '.join(f'{n} {k}' for k, n in dict(ernst).items())})")


@app.callback()
def _hoofd() -> None:
    """Verduurzamingsplanning: E/F/G weg voor eind 2028, zonnepanelen en CO2, per complex en per jaar."""


@app.command()
def valideer(scenario: ScenarioOpt = None, uitvoer: UitvoerOpt = Path("reports"), vhe: VheOpt = None,
             complexen: ComplexOpt = None, wijken: WijkenOpt = None, transitievisie: TvwOpt = None,
             ep_online: EpOpt = None, peildatum: PeilOpt = None,
             strikt: Annotated[bool, typer.Option("--strikt", help="Stop bij de eerste afgewezen rij.")] = False) -> None:
    """Lees en controleer de invoer; schrijf bevindingen.csv en complexen.csv."""

    def run() -> None:
        from .export.portefeuille import schrijf_validatie
        from .portfolio import load_portfolio
        s = _scenario(scenario, vhe, complexen, wijken, transitievisie, ep_online, peildatum)
        with console.status("Invoer lezen en controleren..."):
            p = load_portfolio(s, strict=strikt or None)
        _samenvatting_portefeuille(p)
        paden = schrijf_validatie(p, uitvoer)
        uit.print("Geschreven: " + ", ".join(str(x) for x in paden))

    _uitvoeren(run)


def _eur(bedrag: float) -> str:
    """Dutch thousands separator: 1.234.567."""
    return f"{bedrag:,.0f}".replace(",", ".")


def _samenvatting_plan(plan) -> None:
    pj = plan.per_jaar
    uit.print("Plan per corporatie (E/F/G aan het begin van elk jaar; kosten per jaar):")
    for corp, g in pj.groupby("corporatie", sort=True):
        uit.print(f"  {corp}")
        for r in g.itertuples():
            uit.print(f"    {r.jaar}: E/F/G {int(r.n_efg):>5}  renovaties {int(r.renovaties_woningen):>5} woningen"
                      f"  kosten € {_eur(r.kosten_eur):>13}")
    if len(plan.solver):
        for r in plan.solver.itertuples():
            uit.print(f"Solver {r.corporatie}: {r.status}, bewezen gat {r.gap:.2%}, {r.seconden:.1f} s")
    if plan.baseline is not None:
        k_plan, k_base = plan.per_jaar["kosten_eur"].sum(), plan.baseline.per_jaar["kosten_eur"].sum()
        uit.print(f"Totale kosten: plan € {_eur(k_plan)}; handmatige baseline € {_eur(k_base)}")
    if plan.diagnose:
        uit.print("Schendingen en knelpunten:")
        for z in plan.diagnose:
            uit.print(f"  - {z}")
    else:
        uit.print("Geen schendingen: alle harde eisen zijn gehaald.")


@app.command()
def plan(scenario: ScenarioOpt = None, uitvoer: UitvoerOpt = Path("reports"), vhe: VheOpt = None,
         complexen: ComplexOpt = None, wijken: WijkenOpt = None, transitievisie: TvwOpt = None,
         ep_online: EpOpt = None, peildatum: PeilOpt = None) -> None:
    """Maak het jaarplan (renovatie, zonnepanelen, CO2) en schrijf tabellen, werkmap en kaart."""

    def run() -> None:
        from .export.portefeuille import schrijf_validatie
        from .export.tabellen import write_plan_csv
        from .planning import make_plan
        from .portfolio import load_portfolio
        s = _scenario(scenario, vhe, complexen, wijken, transitievisie, ep_online, peildatum)
        with console.status("1/3 Invoer lezen en controleren..."):
            p = load_portfolio(s)
        _samenvatting_portefeuille(p)
        with console.status("2/3 Plan optimaliseren (HiGHS)..."):
            pl = make_plan(p, s)
        _samenvatting_plan(pl)
        with console.status("3/3 Uitvoer schrijven..."):
            paden = schrijf_validatie(p, uitvoer) + write_plan_csv(pl, uitvoer)
            paden += _schrijf_rapporten(pl, p, s, Path(uitvoer))
        uit.print("Geschreven: " + ", ".join(str(x) for x in paden))

    _uitvoeren(run)


def _schrijf_rapporten(pl, p, s, map_: Path) -> list[Path]:
    """The workbook and the map, written from the plan (never recomputed)."""
    paden: list[Path] = []
    from .export.excel import write_workbook
    paden.append(write_workbook(pl, p, s, map_ / "verduurzamingsplan.xlsx"))
    from .export.geo import write_geopackage
    from .export.kaart import write_map
    paden.append(write_map(pl, p, map_ / "kaart.html"))
    paden.append(write_geopackage(pl, p, map_ / "plan.gpkg"))
    return paden


def main() -> None:  # pragma: no cover - console entry point alias
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
