"""The ``verduurzaming`` command: parse arguments, call the library, show progress, map errors.

Exit codes: 0 usable, 2 the input cannot be used (a one-line Dutch reason, no traceback),
1 an internal error (set VERDUURZAMING_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ._fouten import VerduurzamingFout
from .scenario import Scenario, controleer_peildatum, demo_scenario_pad, lees_scenario, scenario_zonder_bestand
from .tekst import getal, procent, solver_uitkomst, terminal

#: typer/click's own help words, in Dutch (help text only; the parsing is unchanged)
_HULP_NL = {"[OPTIONS]": "[OPTIES]", "COMMAND": "COMMANDO", "[ARGS]...": "[ARGUMENTEN]..."}
_KOPPEN_NL = (("Options:\n", "Opties:\n"), ("Commands:\n", "Commando's:\n"), ("[default:", "[standaard:"),
              ("[required]", "[verplicht]"), ("Arguments:\n", "Argumenten:\n"), (" <path>", ""))


try:  # typer >= 0.25 carries its own copy of click
    from typer._click import exceptions as _click_fouten
except ImportError:  # pragma: no cover - older typer on click
    from click import exceptions as _click_fouten  # type: ignore[no-redef]

#: click's own parse errors in Dutch: (pattern of the English message, Dutch replacement)
_FOUTEN_NL = [
    (r"No such option: (.+?)(?: Did you mean (.+)\?)?$", lambda m: f"Onbekende optie: {m[1]}"
     + (f". Bedoelde u {m[2]}?" if m[2] else "")),
    (r"\(Possible options: (.+)\)", lambda m: f"(mogelijke opties: {m[1]})"),
    (r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?", lambda m: f"Onbekend commando '{m[1]}'."
     + (f" Bedoelde u {m[2]}?" if m[2] else "")),
    (r"Option '(.+?)' requires an argument\.", lambda m: f"Optie '{m[1]}' heeft een waarde nodig."),
    (r"Option '(.+?)' requires (\d+) arguments\.", lambda m: f"Optie '{m[1]}' heeft {m[2]} waarden nodig."),
    (r"Option '(.+?)' does not take a value\.", lambda m: f"Optie '{m[1]}' neemt geen waarde."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", lambda m: f"Onverwacht extra argument: {m[1]}"),
    (r"Missing command\.", lambda m: "Geen commando opgegeven."),
    (r"Missing option (.+?)\.", lambda m: f"Optie {m[1]} ontbreekt."),
    (r"Missing argument (.+?)\.", lambda m: f"Argument {m[1]} ontbreekt."),
    (r"Missing parameter:? ?(.*)", lambda m: f"Waarde ontbreekt: {m[1]}"),
    (r"Invalid value for (.+?): ", lambda m: f"Ongeldige waarde voor {m[1]}: "),
    (r"Invalid value: ", lambda m: "Ongeldige waarde: "),
    (r"'(.*?)' is not one of (.+)\.", lambda m: f"'{m[1]}' is geen van {m[2].replace(', ', ', ')}."),
    (r"'(.*?)' is not a valid integer( range)?\.", lambda m: f"'{m[1]}' is geen geheel getal."),
    (r"'(.*?)' is not a valid float( range)?\.", lambda m: f"'{m[1]}' is geen getal."),
    (r"'(.*?)' is not a valid boolean\.", lambda m: f"'{m[1]}' is geen ja/nee-waarde."),
    (r"(File|Directory|Path) '(.*?)' does not exist\.", lambda m: f"'{m[2]}' bestaat niet."),
]


def nederlandse_fout(tekst: str) -> str:
    """click/typer's English usage message in Dutch (unknown messages stay as they are)."""
    for patroon, vervang in _FOUTEN_NL:
        tekst = re.sub(patroon, vervang, tekst)
    return tekst


def _toon_fout(fout: _click_fouten.ClickException) -> None:
    """A parse error as click shows it (usage line and hint for a usage error), with a Dutch message."""
    import sys
    ctx = getattr(fout, "ctx", None)
    if isinstance(fout, _click_fouten.UsageError) and ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"Probeer '{ctx.command_path} {ctx.help_option_names[0]}' voor hulp.\n"
        _click_fouten.echo(f"{ctx.get_usage()}\n{hint}", file=sys.stderr, color=ctx.color)
    _click_fouten.echo(f"Fout: {nederlandse_fout(fout.format_message())}", file=sys.stderr)


def _versie() -> str:
    try:
        return importlib.metadata.version("verduurzaming")
    except importlib.metadata.PackageNotFoundError:
        return "onbekend (niet geïnstalleerd)"


if TYPE_CHECKING:  # the mixin below sits on click commands; typed as one
    _Commandobasis = typer.core.TyperCommand
else:
    _Commandobasis = object


class _Nederlands(_Commandobasis):
    """Mixin: Dutch usage line, headings and --help text in every command's help."""

    def get_short_help_str(self, limit: int = 45) -> str:
        """The command list shows the whole first sentence, never cut off with '...'."""
        tekst = (self.short_help or self.help or "").strip()
        eerste = tekst.split("\n\n")[0].replace("\n", " ")
        return re.split(r"(?<=[.;:])\s", eerste)[0].rstrip(".;:") if eerste else ""

    def get_help_option(self, ctx):
        optie = super().get_help_option(ctx)
        if optie is not None:
            optie.help = "Toon deze hulp en stop."
        return optie

    def format_usage(self, ctx, formatter) -> None:
        stukken = " ".join(self.collect_usage_pieces(ctx))
        for en, nl in _HULP_NL.items():
            stukken = stukken.replace(en, nl)
        stukken = re.sub(r"\{([A-Z_]+)\}", r"\1", stukken)  # typer writes a required argument as {MAP}
        formatter.write_usage(ctx.command_path, stukken, prefix="Gebruik: ")

    def format_help(self, ctx, formatter) -> None:
        super().format_help(ctx, formatter)
        for i, regel in enumerate(formatter.buffer):
            for en, nl in _KOPPEN_NL:
                regel = regel.replace(en, nl)
            formatter.buffer[i] = regel


class _Groep(_Nederlands, typer.core.TyperGroup):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """As click's ``main``, but its parse errors shown in Dutch here (click's own ``show`` is English);
        the exit codes are click's (2 for a usage error)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        import sys
        try:
            uitkomst = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _click_fouten.NoArgsIsHelpError as e:
            e.show()  # the help text itself
            sys.exit(e.exit_code)
        except _click_fouten.ClickException as e:
            _toon_fout(e)
            sys.exit(e.exit_code)
        except _click_fouten.Abort:
            _click_fouten.echo("Afgebroken.", file=sys.stderr)
            sys.exit(1)
        # without standalone mode click returns an Exit's code, or the command's own (None) result
        sys.exit(uitkomst if isinstance(uitkomst, int) and not isinstance(uitkomst, bool) else 0)


class _Commando(_Nederlands, typer.core.TyperCommand):
    pass


app = typer.Typer(cls=_Groep,
    name="verduurzaming",
    help="Verduurzamingsplanning voor woningcorporaties en gemeenten: E/F/G-labels weg voor eind 2028 "
         "(Nationale Prestatieafspraken), zonnepanelen en CO2, per complex en per jaar, afgestemd op de "
         "Transitievisie Warmte.",
    no_args_is_help=True, add_completion=False, context_settings={"help_option_names": ["-h", "--help"]}, pretty_exceptions_enable=False, rich_markup_mode=None,
)
console = Console(stderr=True, highlight=False)


class _Uit:
    """Standard output for lines that carry data (names, codes, paths from the input).

    Data is text, never markup or a terminal command: rich markup (``[bold]``, ``[/x]``) and
    emoji codes are printed as written, control characters are removed and tab/CR/LF become a
    space (:func:`verduurzaming.tekst.terminal`), so an ESC sequence in a corporation name
    never reaches the terminal.
    """

    def __init__(self) -> None:
        self.console = Console(highlight=False, markup=False, emoji=False)

    def print(self, regel: object = "", *, stijl: str | None = None) -> None:
        """One line; ``stijl`` (a rich style such as ``"bold red"``) colours it without reading markup."""
        self.console.print(terminal(regel), soft_wrap=True, style=stijl)


uit = _Uit()

ScenarioOpt = Annotated[Path | None, typer.Option("--scenario", "-s", metavar="BESTAND", help="Scenariobestand (TOML). Zonder: alleen de invoer van de opdrachtregel met standaardinstellingen (geen grens aan capaciteit en budget); zonder invoeropties de meegeleverde demo (Voorbeeldstad).")]
UitvoerOpt = Annotated[Path, typer.Option("--uitvoer", "-o", metavar="MAP", help="Map voor de uitvoer.")]
VheOpt = Annotated[list[Path] | None, typer.Option("--vhe", metavar="BESTAND", help="VHE-export (CSV/XLSX), herhaalbaar; vervangt die uit het scenario.")]
ComplexOpt = Annotated[list[Path] | None, typer.Option("--complexen", metavar="BESTAND", help="Complextabel (CSV/XLSX), herhaalbaar.")]
WijkenOpt = Annotated[Path | None, typer.Option("--wijken", metavar="BESTAND", help="CBS-wijkgeometrieën (GeoPackage/GeoJSON).")]
TvwOpt = Annotated[Path | None, typer.Option("--transitievisie", metavar="BESTAND", help="Planning uit de Transitievisie Warmte per wijk (CSV/XLSX).")]
EpOpt = Annotated[list[Path] | None, typer.Option("--ep-online", metavar="BESTAND", help="EP-online-export (CSV), herhaalbaar.")]
PcOpt = Annotated[Path | None, typer.Option("--postcode-buurt", metavar="BESTAND", help="CBS-tabel postcode + huisnummer naar buurt (pc6hnr...gwb.csv), voor complexen zonder coördinaten of wijkcode.")]
PeilOpt = Annotated[str | None, typer.Option("--peildatum", metavar="JJJJ-MM-DD", help="Peildatum JJJJ-MM-DD: het label dat dan geldig is telt.")]


#: (step, seconds) of the command that runs, printed at its end
_TIJDEN: list[tuple[str, float]] = []


@contextmanager
def _stap(tekst: str):
    """A long step: a spinner with the elapsed time while it runs; its duration is kept for the end."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    t0 = time.perf_counter()
    if console.is_terminal:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                      transient=True) as voortgang:
            voortgang.add_task(escape(tekst), total=None)
            yield
    else:  # a log or a pipe: no spinner lines, the time per step comes at the end
        yield
    _TIJDEN.append((tekst, time.perf_counter() - t0))


def _tijden() -> None:
    """Time per step at the end of a command (stderr, like the progress)."""
    if _TIJDEN:
        delen = [f"{re.sub(r'^[0-9]+/[0-9]+ ', '', t).rstrip('.')} {getal(s, 1)} s" for t, s in _TIJDEN]
        totaal = sum(s for _, s in _TIJDEN)
        console.print(escape(f"Tijd per stap: {'; '.join(delen)} (samen {getal(totaal, 1)} s)"), markup=True,
                      emoji=False, soft_wrap=True)
        _TIJDEN.clear()


def _let_op(bericht: str) -> None:
    console.print(f"[bold yellow]Let op:[/] {escape(terminal(bericht))}", markup=True, emoji=False, soft_wrap=True)


def _fout(bericht: str, code: int = 2) -> None:
    console.print(f"[bold red]Fout:[/] {escape(terminal(bericht))}", markup=True, emoji=False, soft_wrap=True)
    raise typer.Exit(code)


def _scenario(scenario: Path | None, vhe, complexen, wijken, transitievisie, ep_online, peildatum) -> Scenario:
    """The run's scenario: ``--scenario`` (input options override its inputs); without it the
    input options alone, every other setting its default (:func:`scenario_zonder_bestand`); with
    neither the bundled demo."""
    invoer_gegeven = bool(vhe or complexen or wijken or transitievisie or ep_online)
    if scenario is not None:
        s = lees_scenario(scenario)
    elif invoer_gegeven:
        if not vhe:
            raise VerduurzamingFout("zonder --scenario is --vhe BESTAND nodig (de woningen); of geef --scenario")
        s = scenario_zonder_bestand()
    else:
        pad = demo_scenario_pad()
        if not pad.exists():
            raise VerduurzamingFout(f"de meegeleverde demo ({pad}) ontbreekt; installeer verduurzaming opnieuw "
                                    "of geef --scenario")
        console.print(f"Geen --scenario: de meegeleverde demo (Voorbeeldstad) uit {escape(str(pad.parent))}; "
                      "'verduurzaming demo MAP' zet een kopie neer om aan te passen", markup=True, emoji=False,
                      soft_wrap=True)
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
        _zet_peildatum(s, peildatum)
    for w in s.waarschuwingen:
        console.print(f"[bold yellow]Let op:[/] {escape(terminal(w))}", markup=True, emoji=False, soft_wrap=True)
    return s


@app.command(cls=_Commando)
def demo(map_: Annotated[Path, typer.Argument(metavar="MAP", help="Map waarin de demo komt (wordt gemaakt).")],
         overschrijf: Annotated[bool, typer.Option(
             "--overschrijf", help="Overschrijf bestaande bestanden (nooit via een symbolische koppeling: "
                                   "die wordt geweigerd).")] = False
         ) -> None:
    """Zet de demo (Voorbeeldstad: VHE- en complexbestanden, EP-online, wijken, Transitievisie en
    scenario.toml) in MAP, om te kopiëren en aan te passen; daarna: verduurzaming plan -s MAP/scenario.toml."""

    def run() -> None:
        from .export.demo import schrijf_demo
        from .scenario import demo_bestanden, demo_map
        bestanden = demo_bestanden()
        schrijf_demo(map_, demo_map(), bestanden, overschrijf=overschrijf)
        uit.print(f"Demo geschreven naar {map_}: {len(bestanden)} bestanden ({', '.join(str(b) for b in bestanden)})")
        uit.print(f"Maak het plan met: verduurzaming plan -s {map_ / 'scenario.toml'}")

    _uitvoeren(run)


def _zet_peildatum(s: Scenario, peildatum: str) -> None:
    """``--peildatum`` replaces the scenario's; it must lie near the plan horizon too."""
    s.peildatum = _datum(peildatum)
    try:
        controleer_peildatum(s)
    except VerduurzamingFout as e:
        raise VerduurzamingFout(str(e).replace("scenario: [scenario] peildatum", "--peildatum", 1)) from None


def _datum(tekst: str) -> dt.date:
    from .scenario_schema import lees_datum
    try:
        return lees_datum(tekst)
    except ValueError:
        raise VerduurzamingFout(f"--peildatum {tekst!r} is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)") from None


def _uitvoeren(functie, uitvoer: Path | None = None, commando: str = "") -> None:
    """Run a command; with ``uitvoer`` the output folder is checked and locked before any work and
    ``functie`` gets the :class:`~verduurzaming.export.atomair.Uitvoermap` to write through."""
    from .export.atomair import Afgebroken, Uitvoermap, afbreekbaar
    _TIJDEN.clear()
    try:
        with afbreekbaar():
            if uitvoer is None:
                functie()
            else:
                with Uitvoermap(uitvoer, commando, meld=_let_op) as um:
                    functie(um)
        _tijden()
    except VerduurzamingFout as e:
        _fout(str(e))
    except KeyboardInterrupt as e:
        code = e.code if isinstance(e, Afgebroken) else 130
        if getattr(e, "na_publicatie", False):
            _fout("afgebroken na het wegschrijven; de uitvoer van deze run is compleet", code)
        _fout("afgebroken; de vorige uitvoer is ongewijzigd", code)
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
        uit.print(f"  {r.bestand}: {getal(r.rijen_in)} in, {getal(r.rijen_gebruikt)} gebruikt, "
                  f"{getal(r.rijen_afgewezen)} afgewezen{teken}")
    w, c = p.woningen, p.complexen
    efg = int(w["energielabel"].isin(SLECHT).sum())
    uit.print(f"{getal(len(w))} woningen in {getal(len(c))} complexen van {c['corporatie'].nunique()} corporatie(s); "
              f"{getal(efg)} woningen met label E, F of G ({procent(efg / max(len(w), 1))}); "
              f"{getal(w['label_geschat'].sum())} met een geschat label; "
              f"{getal(w['label_verloopt_voor_deadline'].sum())} labels verlopen voor eind {p.deadline}")
    vrij = c[c["vrijgesteld"]]
    if len(vrij):
        uit.print(f"Vrijgesteld: {getal(len(vrij))} complexen ({getal(vrij['woningen'].sum())} woningen): "
                  + ", ".join(sorted(set(vrij['vrijstelling_reden'].str.split(' ').str[0]))))
    per_wijk = c.groupby(c["wijk_code"].fillna("(geen wijk)")).agg(complexen=("complex_id", "size"),
                                                                   woningen=("woningen", "sum"), efg=("n_efg", "sum"))
    namen = dict(zip(p.wijken["wijk_code"], p.wijken["wijk_naam"], strict=False)) if p.wijken is not None else {}
    uit.print("Complexen per wijk:")
    for code, r in per_wijk.iterrows():
        uit.print(f"  {code} {namen.get(code, '')}: {getal(r.complexen)} complexen, {getal(r.woningen)} woningen, "
                  f"{getal(r.efg)} E/F/G")
    for b in bev.items:  # scenario against data: corporation names without a match, no capacity/budget
        if b.kolom and b.kolom.startswith("[corporatie.") and b.rij is None:
            console.print(f"[bold yellow]Let op:[/] {escape(terminal(b.probleem))}", markup=True, emoji=False,
                          soft_wrap=True)
    ernst = bev.als_tabel()["ernst"].value_counts() if len(bev) else {}
    uit.print(f"Bevindingen: {getal(len(bev))} ({', '.join(f'{getal(n)} {k}' for k, n in dict(ernst).items())})")


def _toon_versie(waarde: bool) -> None:
    if waarde:
        uit.print(f"verduurzaming {_versie()}")
        raise typer.Exit(0)


@app.callback()
def _hoofd(versie: Annotated[bool | None, typer.Option(
        "--version", "-V", callback=_toon_versie, is_eager=True,
        help="Toon de versie en stop.")] = None) -> None:
    """Verduurzamingsplanning: E/F/G weg voor eind 2028, zonnepanelen en CO2, per complex en per jaar."""


@app.command(cls=_Commando)
def valideer(scenario: ScenarioOpt = None, uitvoer: UitvoerOpt = Path("reports"), vhe: VheOpt = None,
             complexen: ComplexOpt = None, wijken: WijkenOpt = None, transitievisie: TvwOpt = None,
             ep_online: EpOpt = None, peildatum: PeilOpt = None, postcode_buurt: PcOpt = None,
             strikt: Annotated[bool, typer.Option("--strikt", help="Stop bij de eerste afgewezen rij.")] = False) -> None:
    """Lees en controleer de invoer; schrijf bevindingen.csv en complexen.csv."""

    def run(um) -> None:
        from .export.portefeuille import schrijf_validatie
        from .portefeuille import lees_portefeuille
        s = _scenario(scenario, vhe, complexen, wijken, transitievisie, ep_online, peildatum)
        if postcode_buurt:
            s.postcode_buurt = postcode_buurt
        um.bewaak_invoer(s.invoerbestanden())
        with _stap("Invoer lezen en controleren..."):
            p = lees_portefeuille(s, strict=strikt or None)
        _samenvatting_portefeuille(p)
        with um.schrijven() as st:
            paden = um.publiceer(schrijf_validatie(p, st))
        uit.print("Geschreven: " + ", ".join(str(x) for x in paden))

    _uitvoeren(run, uitvoer, "valideer")


def _eur(bedrag: float) -> str:
    """Dutch thousands separator: 1.234.567."""
    return getal(bedrag)


def _samenvatting_plan(plan, deadline: int | None = None) -> None:
    pj = plan.per_jaar
    uit.print("Plan per corporatie (E/F/G aan het begin van elk jaar; kosten per jaar):")
    for corp, g in pj.groupby("corporatie", sort=True):
        uit.print(f"  {corp}")
        for r in g.itertuples():
            uit.print(f"    {r.jaar}: E/F/G {getal(r.n_efg):>7}  renovaties {getal(r.renovaties_woningen):>7} woningen"
                      f"  kosten € {_eur(r.kosten_eur):>13}")
    from .planning import oordeel
    if len(plan.solver):
        from .planning.controle import bewezen_per_corporatie
        for r, bewezen in zip(plan.solver.itertuples(), bewezen_per_corporatie(plan.solver), strict=False):
            uitleg = solver_uitkomst(bewezen, getattr(r, "gap", None),
                                     getattr(r, "toelichting", None) or r.status)
            uit.print(f"Solver {r.corporatie}: {uitleg}; rekentijd {getal(r.seconden, 1)} s")
    if "risicoreserve_eur" in plan.per_jaar and plan.per_jaar["risicoreserve_eur"].sum() > 0:
        uit.print(f"Risicoreserve naast het budget: € {_eur(plan.per_jaar['risicoreserve_eur'].sum())} als na de "
                  "heropnames het pessimistische aantal (P90) E/F/G-woningen blijkt in plaats van het verwachte")
    if "kosten_eur_contant" in plan.per_jaar and len(plan.per_jaar):
        uit.print(f"Kosten: nominaal € {_eur(plan.per_jaar['kosten_eur'].sum())} (prijspeil van elk uitvoeringsjaar); "
                  f"contante waarde {min(plan.jaren)} € {_eur(plan.per_jaar['kosten_eur_contant'].sum())} "
                  f"(discontovoet {getal(plan.discontovoet_pct, 2)} %, waar de optimalisatie op stuurt)")
    if plan.baseline is not None:
        k_plan, k_base = plan.per_jaar["kosten_eur"].sum(), plan.baseline.per_jaar["kosten_eur"].sum()
        b_sch = plan.baseline.schendingen
        if len(b_sch):
            soorten = ", ".join(f"{getal(n)} {k}" for k, n in b_sch["soort"].value_counts().sort_index().items())
            welke = ", ".join(f"complex {c}" for c in b_sch["complex_id"].dropna().astype(str).head(5))
            uit.print(f"Totale kosten: plan € {_eur(k_plan)}; handmatige baseline € {_eur(k_base)}, maar die haalt "
                      f"{getal(len(b_sch))} {'eis' if len(b_sch) == 1 else 'eisen'} niet ({soorten}"
                      f"{': ' + welke if welke else ''}): de bedragen zijn niet vergelijkbaar")
            per_eis = _kosten_per_eis(plan)
            if per_eis:
                uit.print("Kosten per gehaalde eis, contante waarde (E/F/G-deadline per complex, van het gas af per "
                          "complex): " + per_eis)
        else:
            uit.print(f"Totale kosten: plan € {_eur(k_plan)}; handmatige baseline € {_eur(k_base)} (zelfde eisen)")
    _samenvatting_aanpak(plan, deadline)
    if plan.diagnose:
        uit.print("Schendingen en knelpunten:")
        for z in plan.diagnose:
            uit.print(f"  - {z}")
    if len(plan.schendingen):
        telling = plan.schendingen.groupby(["corporatie", "soort"]).size()
        uit.print("Schendingen per corporatie (zie schendingen.csv):")
        for (c, soort), n in telling.items():
            uit.print(f"  - {c}: {getal(n)} × {soort}")
    goed, regel = oordeel(plan)
    uit.print(regel, stijl=None if goed else "bold red")


def _kosten_per_eis(plan) -> str:
    """'plan € X (N van M eisen), baseline € Y (N' van M)' (planning.werken.kosten_per_gehaalde_eis)."""
    from .planning.werken import kosten_per_gehaalde_eis
    delen = []
    for naam, p in (("plan", plan), ("baseline", plan.baseline)):
        per = kosten_per_gehaalde_eis(p) if p is not None else None
        if per is None:
            return ""
        delen.append(f"{naam} € {_eur(per[0])} ({getal(per[1])} van {getal(per[2])} eisen)")
    return "; ".join(delen)


def _samenvatting_aanpak(plan, deadline: int | None = None) -> None:
    """What the plan does besides renovating whole complexes (``plan.kengetallen``): dwelling-level works,
    label surveys, switches off gas, expected/P90 E/F/G, cost per E/F/G dwelling cleared, and the
    optimiser against the fair baseline. Per corporation up to 10, else the totals."""
    import pandas as pd
    k = plan.kengetallen
    if not len(k):
        return
    pj = plan.per_jaar

    def regels(naam, r, jaarrij):
        weg = float(r["efg_verwijderd"])
        eigen = float(r.get("efg_werken_efg_verwijderd", 0) or 0)
        per = (f"door werken voor de E/F/G-deadline {getal(eigen)}, € {_eur(r['kosten_per_efg_verwijderd_eur'])} per "
               f"woning (€ {_eur(r['efg_werken_kosten_eur'])} incl. heropnames); als bijvangst van andere werken "
               f"(TVW, doelen) {getal(r['efg_bijvangst'])}") if eigen > 0 else \
            f"{getal(r.get('efg_bijvangst', weg))} als bijvangst van andere werken (TVW, doelen)"
        her = "; ".join(f"{int(j)}: {getal(n)}" for j, n in jaarrij.items() if n > 0) or "geen"
        uit.print(
            f"  {naam}: E/F/G bij de start {getal(r['n_efg_start'])} (verwacht {getal(r['n_efg_verwacht'], 1)}, "
            f"P90 {getal(r['n_efg_p90'])}); weggewerkt {getal(weg)}: {per}")
        uit.print(
            f"    werken: {getal(r['werken_losse_aanpak'])} complexen alleen de E/F/G-woningen, "
            f"{getal(r['werken_heel_complex'])} hele complexen; heropnames {getal(r['heropname_woningen'])} woningen "
            f"(€ {_eur(r['heropname_kosten_eur'])}; per jaar {her}); van het gas {getal(r['van_gas_complexen'])} "
            f"complexen, {getal(r['van_gas_woningen'])} woningen (€ {_eur(r['van_gas_kosten_eur'])}"
            + (f", € {_eur(r['van_gas_kosten_per_woning_eur'])} per woning)"
               if r.get("van_gas_kosten_per_woning_eur") == r.get("van_gas_kosten_per_woning_eur") else ")"))

    kk = k.copy()
    vg = pj.groupby("corporatie")["van_gas_woningen"].sum() if "van_gas_woningen" in pj else pd.Series(dtype=float)
    kk["van_gas_woningen"] = kk["corporatie"].map(vg).fillna(0)
    her_jaar = (pj.pivot_table(index="corporatie", columns="jaar", values="heropname_woningen", aggfunc="sum")
                if "heropname_woningen" in pj else pd.DataFrame())
    uit.print("Aanpak (kengetallen):")
    if len(kk) <= 10:
        for r in kk.to_dict("records"):
            jr = her_jaar.loc[r["corporatie"]] if r["corporatie"] in her_jaar.index else pd.Series(dtype=float)
            regels(str(r["corporatie"]), r, jr)
    else:
        tot = kk.drop(columns="corporatie").apply(pd.to_numeric, errors="coerce").sum()
        regels(f"{getal(len(kk))} corporaties samen", tot, her_jaar.sum() if len(her_jaar) else pd.Series(dtype=float))
    b = plan.baseline
    if b is not None and len(b.per_jaar) and len(pj):
        k_plan, k_base = float(pj["kosten_eur"].sum()), float(b.per_jaar["kosten_eur"].sum())
        jaren = sorted(set(pj["jaar"]))
        delen = []
        if k_base > 0 and not len(b.schendingen):   # a bare ratio only between plans that meet the same requirements
            delen.append(f"kosten {procent(k_plan / k_base)} van de baseline")
        if deadline is not None and deadline + 1 in jaren:
            def over(t):
                m = t["jaar"] == deadline + 1
                return int(t.loc[m, "n_efg"].sum() - (t.loc[m, "efg_vrijgesteld"].sum() if "efg_vrijgesteld" in t else 0))
            delen.append(f"E/F/G (niet vrijgesteld) over na {deadline}: plan {getal(over(pj))}, baseline {getal(over(b.per_jaar))}")
        if delen:
            uit.print("Plan tegen handmatige baseline: " + "; ".join(delen)
                      + ("" if not len(b.schendingen) else " (de baseline haalt niet alle eisen)"))


RealisatieOpt = Annotated[list[Path] | None, typer.Option("--realisatie", metavar="BESTAND", help="Realisatie: blad Planning met gerealiseerd_jaar/gerealiseerd_pakket/nieuw_label ingevuld, of een nieuwere corporatie- of EP-online-export; herhaalbaar; vult [invoer] realisatie uit het scenario aan.")]
VorigOpt = Annotated[Path | None, typer.Option("--vorig-plan", metavar="BESTAND", help="Het eerder uitgegeven plan (verduurzamingsplan.xlsx of plan_complexen.csv) om mee te vergelijken.")]


@app.command(cls=_Commando)
def plan(scenario: ScenarioOpt = None, uitvoer: UitvoerOpt = Path("reports"), vhe: VheOpt = None,
         complexen: ComplexOpt = None, wijken: WijkenOpt = None, transitievisie: TvwOpt = None,
         ep_online: EpOpt = None, peildatum: PeilOpt = None, postcode_buurt: PcOpt = None,
         realisatie: RealisatieOpt = None,
         vorig_plan: VorigOpt = None) -> None:
    """Maak het jaarplan (renovatie, zonnepanelen, CO2) en schrijf tabellen, werkmap en kaart.

    Met een realisatie (en --peildatum) wordt opnieuw gepland: alleen wat nog moet, vanuit de
    gerealiseerde stand, met vastgelegde werken ongewijzigd; wijzigingen.csv zegt wat er veranderde."""

    def run(um) -> None:
        from .export.plan_csv import schrijf_plan_csv
        from .export.portefeuille import schrijf_validatie
        from .planning import maak_plan
        from .portefeuille import lees_portefeuille
        s = _scenario(scenario, vhe, complexen, wijken, transitievisie, ep_online, None)
        um.bewaak_invoer([*s.invoerbestanden(), *(realisatie or []), vorig_plan, postcode_buurt])
        if realisatie or (peildatum and s.realisatie):
            _herplan_run(s, peildatum, realisatie, vorig_plan, um)
            return
        if peildatum:
            _zet_peildatum(s, peildatum)
        if postcode_buurt:
            s.postcode_buurt = postcode_buurt
        with _stap("1/3 Invoer lezen en controleren..."):
            p = lees_portefeuille(s)
        _samenvatting_portefeuille(p)
        with _stap("2/3 Plan optimaliseren (HiGHS)..."):
            pl = maak_plan(p, s)
        _samenvatting_plan(pl, s.deadline)
        with _stap("3/3 Uitvoer schrijven..."), um.schrijven() as st:
            paden = schrijf_validatie(p, st) + schrijf_plan_csv(pl, st)
            paden += _schrijf_rapporten(pl, p, s, st)
            paden = um.publiceer(paden)
        uit.print("Geschreven: " + ", ".join(str(x) for x in paden))

    _uitvoeren(run, uitvoer, "plan")


def _peildatum(tekst: str | None) -> dt.date:
    if not tekst:
        raise VerduurzamingFout("geef --peildatum JJJJ-MM-DD: de datum waarop de realisatie is gemeten")
    return _datum(tekst)


def _voortgang_berekenen(s: Scenario, peildatum: str | None, realisatie, vorig_plan):
    """Portfolio, realisation, the agreed plan (as handed out, else made from the scenario), realised state on
    the peildatum, re-plan, progress."""
    from .bevindingen import Bevindingen
    from .io.realisatie import lees_vorig_plan
    from .planning.opties import vul_catalogus_aan
    from .portefeuille import lees_portefeuille
    from .validatie.realisatie import lees_realisatie
    from .voortgang import afgesproken_plan, bereken_voortgang, herplan, herplan_scenario, realiseer
    peil = _peildatum(peildatum)
    if peil < s.peildatum:
        raise VerduurzamingFout(f"--peildatum {peil} ligt voor de peildatum van het plan ({s.peildatum})")
    paden = list(s.realisatie) + list(realisatie or [])
    if not paden:
        raise VerduurzamingFout("geen realisatie: geef --realisatie BESTAND of [invoer] realisatie in het scenario")
    vorig_pad = vorig_plan or s.vorig_plan
    with _stap("1/4 Invoer lezen en controleren..."):
        p = lees_portefeuille(s)
    _samenvatting_portefeuille(p)
    bev = Bevindingen()
    with _stap("2/4 Realisatie lezen..."):
        cat = vul_catalogus_aan(s)
        r = lees_realisatie(paden, bev, portefeuille=p, peildatum=peil, catalogus=cat[cat["soort"] == "renovatie"])
        uitgegeven = lees_vorig_plan(vorig_pad, bev) if vorig_pad else r.plan
    with _stap("3/4 Plan zoals afgesproken" + (" (HiGHS)..." if uitgegeven is None else "...")):
        ap = afgesproken_plan(p, s, uitgegeven, bev=bev)
        st = realiseer(p, ap.plan, r, peil, s, bev=bev)
    with _stap("4/4 Opnieuw plannen vanuit de gerealiseerde stand (HiGHS)..."):
        hp = herplan(st, s, ap.plan, peil, bev=bev)
    v = bereken_voortgang(ap, p, s, r, peil, herplan=hp, toestand=st)
    return p, ap.plan, r, st, hp, v, herplan_scenario


def _samenvatting_voortgang(v) -> None:
    uit.print(f"Voortgang op {v.peildatum:%d-%m-%Y}, {v.samenvatting['vergeleken_met']}:")
    for r in v.afspraken.itertuples():
        uit.print(f"  [{r.status}] {r.afspraak} — {r.corporatie}, {r.doeljaar}: nu {_waarde(r.gerealiseerd_op_peildatum)}, "
                  f"prognose {_waarde(r.prognose_doeljaar)}")
    s = v.samenvatting
    ook = "".join(f"; {t} vertraagd: {getal(s[k])} complexen"
                  for k, t in (("van_gas_vertraagd", "van het gas af"), ("pv_vertraagd", "zonnepanelen")) if s.get(k))
    uit.print(f"Gerealiseerd: {getal(s['complexen_gerealiseerd'])} complexen ({getal(s['woningen_gerealiseerd'])} "
              f"woningen); vertraagd: {getal(s['vertraagd'])} complexen{ook}; E/F/G {getal(s['efg_start'])} bij de "
              f"start, {getal(s['efg_nu'])} nu")
    uit.print(f"Wijzigingen t.o.v. het vorige plan: {getal(len(v.wijzigingen))}; bevindingen realisatie: "
              f"{getal(len(v.bevindingen))}")


def _waarde(v: object) -> str:
    """A figure of an agreement: whole numbers with a thousands dot, fractions with one decimal."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return getal(v, 0 if float(v).is_integer() else 1)
    return str(v)


def _herplan_run(s: Scenario, peildatum, realisatie, vorig_plan, um) -> None:
    from .export.csv import schrijf_csv
    from .export.plan_csv import schrijf_plan_csv
    from .export.portefeuille import schrijf_validatie
    p, _pl, _r, st, hp, v, _ = _voortgang_berekenen(s, peildatum, realisatie, vorig_plan)
    _samenvatting_plan(hp, s.deadline)
    _samenvatting_voortgang(v)
    with _stap("Uitvoer schrijven..."), um.schrijven() as map_:
        paden = schrijf_validatie(p, map_) + schrijf_plan_csv(hp, map_)
        paden.append(schrijf_csv(v.wijzigingen, map_ / "wijzigingen.csv"))
        paden += _schrijf_rapporten(hp, st.portefeuille, s, map_)
        paden = um.publiceer(paden)
    uit.print("Geschreven: " + ", ".join(str(x) for x in paden))


@app.command(cls=_Commando)
def voortgang(scenario: ScenarioOpt = None, peildatum: Annotated[str | None, typer.Option(
                  "--peildatum", metavar="JJJJ-MM-DD",
                  help="Datum waarop de realisatie gemeten wordt (verplicht), bijv. 2027-01-01.")] = None, uitvoer: UitvoerOpt = Path("reports"),
              realisatie: RealisatieOpt = None, vorig_plan: VorigOpt = None) -> None:
    """Voortgang op de peildatum: prestatieafspraken (gehaald, op schema, achter, niet haalbaar), gepland
    tegen gerealiseerd per halfjaar, vertraagde werken, E/F/G tegen het NPA-pad; schrijft voortgang.xlsx."""

    def run(um) -> None:
        from .export.csv import schrijf_csv
        from .export.voortgang import schrijf_voortgang
        s = _scenario(scenario, None, None, None, None, None, None)
        um.bewaak_invoer([*s.invoerbestanden(), *(realisatie or []), vorig_plan])
        _p, _pl, r, _st, _hp, v, _ = _voortgang_berekenen(s, peildatum, realisatie, vorig_plan)
        _samenvatting_voortgang(v)
        with _stap("voortgang.xlsx schrijven..."), um.schrijven() as map_:
            paden = um.publiceer([schrijf_voortgang(v, s, map_ / "voortgang.xlsx", bestanden=r.bestanden),
                                  schrijf_csv(v.wijzigingen, map_ / "wijzigingen.csv")])
        uit.print("Geschreven: " + ", ".join(str(x) for x in paden))

    _uitvoeren(run, uitvoer, "voortgang")


@app.command(cls=_Commando)
def kaart(scenario: ScenarioOpt = None, uitvoer: UitvoerOpt = Path("reports"),
          gemeente: Annotated[list[str] | None, typer.Option(
              "--gemeente", "-g", metavar="GEMEENTECODE", help="Gemeentecode (GM1916 of 1916), herhaalbaar. Zonder: één kaart per gemeente.")] = None,
          vhe: VheOpt = None, complexen: ComplexOpt = None, wijken: WijkenOpt = None,
          transitievisie: TvwOpt = None, ep_online: EpOpt = None, peildatum: PeilOpt = None) -> None:
    """Schrijf per gemeente een interactieve kaart (kaart_GM....html) van het plan."""

    def run(um) -> None:
        from .codes import canoniek
        from .export.kaart import schrijf_kaart
        from .planning import maak_plan
        from .portefeuille import lees_portefeuille
        s = _scenario(scenario, vhe, complexen, wijken, transitievisie, ep_online, peildatum)
        um.bewaak_invoer(s.invoerbestanden())
        with _stap("Invoer lezen en plan maken..."):
            p = lees_portefeuille(s)
            pl = maak_plan(p, s, baseline=False)
        bekend = sorted(set(p.wijken["gemeente_code"].dropna()))
        codes = [canoniek(g, "GM") for g in gemeente] if gemeente else bekend
        for g, code in zip(gemeente or bekend, codes, strict=False):
            if code not in bekend:
                raise VerduurzamingFout(f"gemeente {g!r} komt niet voor in de wijken; wel: {', '.join(bekend)}")
        paden = []
        with _stap("Kaarten schrijven..."), um.schrijven() as map_:
            for code in codes:
                paden.append(schrijf_kaart(pl, p, map_ / f"kaart_{code}.html", gemeente=code))
            paden = um.publiceer(paden)
        uit.print("Geschreven: " + ", ".join(str(x) for x in paden))

    _uitvoeren(run, uitvoer, "kaart")


def _schrijf_rapporten(pl, p, s, map_: Path) -> list[Path]:
    """The workbook and the map, written from the plan (never recomputed)."""
    paden: list[Path] = []
    from .export.werkboek import schrijf_werkmap
    paden.append(schrijf_werkmap(pl, p, s, map_ / "verduurzamingsplan.xlsx"))
    from .export.geo import schrijf_geopackage
    from .export.kaart import schrijf_kaart
    paden.append(schrijf_kaart(pl, p, map_ / "kaart.html"))
    paden.append(schrijf_geopackage(pl, p, map_ / "plan.gpkg"))
    from .export.geo import heeft_wijkgeometrie
    if not heeft_wijkgeometrie(p):
        uit.print("plan.gpkg heeft alleen de laag complexen: er zijn geen wijkgeometrieën (geef --wijken of "
                  "[invoer] wijken voor de laag wijken)")
    return paden


def main() -> None:  # pragma: no cover - console entry point alias
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
