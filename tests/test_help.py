"""`verduurzaming --help` and every command's help are complete and in Dutch."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from verduurzaming.cli import app

COMMANDO = ["valideer", "plan", "kaart", "voortgang"]
#: commands without input options (their help is checked for Dutch too)
ANDERE = ["demo"]
#: English that typer/click write by themselves, and common English words of help texts
ENGELS = ["Show this message", "Usage:", "Options:", "Commands:", "[default:", "[required]", "COMMAND ", "[ARGS]",
          "[OPTIONS]", "<path>", "<str>", "list[Path]", " the ", " and ", " with ", " file", " output", " input"]


def _help(*args: str) -> str:
    r = CliRunner().invoke(app, [*args], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    return r.output


@pytest.mark.parametrize("args", [["--help"], ["-h"], *[[c, "--help"] for c in COMMANDO + ANDERE],
                                  *[[c, "-h"] for c in COMMANDO + ANDERE]],
                         ids=lambda a: " ".join(a))
def test_help_is_nederlands(args):
    tekst = _help(*args)
    assert "Gebruik: verduurzaming" in tekst and "Opties:" in tekst
    assert "Toon deze hulp en stop." in tekst
    for woord in ENGELS:
        assert woord not in tekst, f"Engels in `verduurzaming {' '.join(args)}`: {woord!r}\n{tekst}"


def test_hoofdhelp_noemt_elk_commando():
    tekst = _help("--help")
    assert "Commando's:" in tekst
    for c in COMMANDO + ANDERE:
        assert re.search(rf"^\s+{c}\s+\S", tekst, re.M), f"{c} zonder korte uitleg in --help"


@pytest.mark.parametrize("commando", COMMANDO)
def test_elke_optie_heeft_nederlandse_uitleg(commando):
    cmd = typer.main.get_command(app).commands[commando]
    assert cmd.help and len(cmd.help) > 20, f"{commando}: geen uitleg"
    for p in cmd.params:
        assert p.help and len(p.help) > 10, f"{commando} {p.opts}: geen uitleg"
        for woord in ENGELS:
            assert woord not in f" {p.help} ", f"{commando} {p.opts}: Engels {woord!r} in {p.help!r}"
    # every option's value has a Dutch placeholder, not a Python type
    tekst = _help(commando, "--help")
    for p in cmd.params:
        if not getattr(p, "is_flag", False):
            assert p.metavar and p.metavar.isupper() or p.metavar == "JJJJ-MM-DD", f"{commando} {p.opts}: {p.metavar}"
            assert f"{max(p.opts, key=len)} {p.metavar}" in tekst


@pytest.mark.parametrize("args, verwacht", [
    (["plan", "--foo"], "Fout: Onbekende optie: --foo"),
    (["plan", "--scenaro", "x"], "(mogelijke opties: --scenario)"),
    (["plan", "--scenario"], "Fout: Optie '--scenario' heeft een waarde nodig."),
    (["plna"], "Fout: Onbekend commando 'plna'. Bedoelde u 'plan'?"),
    (["plan", "extra"], "Fout: Onverwacht extra argument: extra"),
])
def test_parsefouten_in_het_nederlands(args, verwacht):
    """click's own parse errors (the ones typer prints before any of our code runs) are Dutch."""
    import subprocess
    import sys
    r = subprocess.run([sys.executable, "-m", "verduurzaming.cli", *args], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 2
    assert verwacht in r.stderr, r.stderr
    for engels in ("No such", "Error:", "Try '", "requires an argument", "Got unexpected", "Did you mean"):
        assert engels not in r.stderr, r.stderr


def test_click_blijft_zoals_het_was():
    # the Dutch messages come from the command group itself: importing the CLI changes nothing in click for
    # other code in the same process (a notebook, a host application that also uses click)
    from verduurzaming import cli
    fouten = cli._click_fouten
    assert fouten.UsageError.show.__module__ == fouten.__name__
    assert fouten.ClickException.show.__module__ == fouten.__name__


def test_nederlandse_fout_vertaalt_keuze_en_ontbrekend():
    from verduurzaming.cli import nederlandse_fout
    assert nederlandse_fout("Invalid value for '--modus': 'x' is not one of 'a', 'b'.") == \
        "Ongeldige waarde voor '--modus': 'x' is geen van 'a', 'b'."
    assert nederlandse_fout("Missing option '--peildatum'.") == "Optie '--peildatum' ontbreekt."
    assert nederlandse_fout("Invalid value for '-n': 'tien' is not a valid integer.") == \
        "Ongeldige waarde voor '-n': 'tien' is geen geheel getal."


def test_versie_en_volledige_commandolijst():
    runner = CliRunner()
    import importlib.metadata
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0
    assert r.output.strip() == f"verduurzaming {importlib.metadata.version('verduurzaming')}"
    hulp = runner.invoke(app, ["--help"], terminal_width=100).output
    commando_deel = hulp.split("Commando's:")[1]
    assert not any(regel.rstrip().endswith("...") for regel in commando_deel.splitlines())
    assert "Maak het jaarplan (renovatie, zonnepanelen, CO2) en schrijf" in commando_deel
