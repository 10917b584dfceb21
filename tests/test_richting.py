"""The package's direction (docs/architectuur.md): io -> validatie -> portefeuille. Readers only read."""

from __future__ import annotations

import ast
from pathlib import Path

import verduurzaming

PAKKET = Path(verduurzaming.__file__).resolve().parent


def _imports(pad: Path) -> set[str]:
    """Absolute module names ``pad`` imports (relative imports resolved against the package)."""
    delen = pad.relative_to(PAKKET.parent).with_suffix("").parts
    pakket = delen[:-1] if delen[-1] != "__init__" else delen[:-1]
    uit = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            uit.update(a.name for a in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            basis = ".".join(pakket[:len(pakket) - knoop.level + 1]) if knoop.level else ""
            module = ".".join(d for d in (basis, knoop.module or "") if d)
            uit.add(module)
            uit.update(f"{module}.{a.name}" for a in knoop.names)
    return uit


def test_lezers_importeren_geen_validatie():
    fout = {p.name: sorted(m for m in _imports(p) if m.startswith("verduurzaming.validatie"))
            for p in sorted((PAKKET / "io").glob("*.py"))}
    assert not {k: v for k, v in fout.items() if v}, fout


def test_waarden_kennen_geen_lezers_of_validatie_behalve_kolomnamen():
    m = _imports(PAKKET / "waarden.py")
    assert not any(x.startswith("verduurzaming.validatie") for x in m)
    assert {x for x in m if x.startswith("verduurzaming.io")} <= {"verduurzaming.io.kolommen",
                                                                  "verduurzaming.io.kolommen.normaliseer"}


def test_validate_init_alleen_heruitvoer():
    boom = ast.parse((PAKKET / "validatie" / "__init__.py").read_text(encoding="utf-8"))
    assert all(isinstance(k, (ast.ImportFrom, ast.Assign, ast.Expr)) for k in boom.body)
    assert not any(isinstance(k, (ast.FunctionDef, ast.ClassDef)) for k in boom.body)
