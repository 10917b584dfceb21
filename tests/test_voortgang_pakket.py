"""The shape of the progress package and the workbook toolkit: one entry point, planning imported at
module level (no cycle to hide), no copy of the old progress module, and the work-status rule as a
table of cases."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

import verduurzaming.voortgang as V
from verduurzaming.voortgang.status import WERK_STATUSSEN, werkstatus

PAKKET = Path(V.__file__).parent
EXPORT = PAKKET.parent / "export"
NAN = math.nan


def test_een_ingang_en_geen_oude_module():
    assert {"bereken_voortgang", "Voortgang", "Toestand", "realiseer", "herplan", "wijzigingen"} <= set(V.__all__)
    assert all(hasattr(V, naam) for naam in V.__all__)
    # no shim left behind (a file check: an editable install of another checkout could still import one)
    assert not (PAKKET.parent / "progress.py").exists()
    # the function herplan does not shadow a submodule of the same name
    assert not (PAKKET / "herplan.py").exists()


@pytest.mark.parametrize("pad", sorted(PAKKET.glob("*.py")), ids=lambda p: p.name)
def test_imports_bovenaan(pad):
    """Imports at module level: planning never imports voortgang, so no import is hidden in a function."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    for f in ast.walk(boom):
        if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
            binnen = [n for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))]
            assert not binnen, f"{pad.name}:{f.name} imports inside a function (line {binnen[0].lineno})"


def test_planning_kent_voortgang_niet():
    for pad in (PAKKET.parent / "planning").glob("*.py"):
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        for n in ast.walk(boom):
            if isinstance(n, ast.ImportFrom):
                assert "voortgang" not in (n.module or ""), f"planning/{pad.name} imports {n.module}"


def _export_bronnen(pad: Path) -> set[str]:
    """The modules of ``export/`` a file imports (relative imports, seen from ``export/``)."""
    diepte = len(pad.relative_to(EXPORT).parts)  # 1: export/x.py, 2: export/werkboek/x.py
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    return {(n.module or "").split(".")[0] for n in ast.walk(boom)
            if isinstance(n, ast.ImportFrom) and n.level == diepte}


def test_werkboeken_delen_de_werkmap():
    """Both workbooks take the toolkit from export/werkmap.py; neither reaches into the other."""
    assert not (EXPORT / "excel.py").exists()  # the plan workbook is the package export/werkboek/
    voortgang = _export_bronnen(EXPORT / "voortgang.py")
    assert "werkmap" in voortgang
    assert not voortgang & {"werkboek", "voortgang"}, voortgang
    plan = {pad.name: _export_bronnen(pad) for pad in sorted((EXPORT / "werkboek").glob("*.py"))}
    assert set().union(*plan.values()) >= {"werkmap"}
    for naam, bronnen in plan.items():
        assert not bronnen & {"werkboek", "voortgang"}, (naam, bronnen)


@pytest.mark.parametrize(("gerealiseerd", "gepland", "controle", "verwacht"), [
    (2026, 2026, None, "gerealiseerd volgens plan"),
    (2026, 2027, None, "eerder gerealiseerd"),
    (2027, 2026, None, "later gerealiseerd"),
    (2026, NAN, None, "gerealiseerd, niet gepland"),
    (2026, 2026, "label beter dan elk pakket haalt", "gerealiseerd, te controleren"),
    (NAN, 2026, None, "vertraagd"),
    (NAN, 2027, None, "loopt dit jaar"),
    (NAN, 2028, None, "gepland"),
    (NAN, NAN, None, "geen werk"),
])
def test_werkstatus(gerealiseerd, gepland, controle, verwacht):
    s = werkstatus(float(gerealiseerd), float(gepland), controle, 2027)
    assert s == verwacht
    assert s in WERK_STATUSSEN
