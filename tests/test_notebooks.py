"""The worked-example notebooks run on the demo: every cell, in a fresh kernel; a failing cell fails.

The notebooks are committed without outputs (``notebooks/maak_notebooks.py`` writes them); the
outputs they write go to a temporary folder (``VERDUURZAMING_UITVOER``), not into ``reports/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat ontbreekt (pip install -e '.[test]')")
nbclient = pytest.importorskip("nbclient", reason="nbclient ontbreekt (pip install -e '.[test]')")
pytest.importorskip("ipykernel", reason="ipykernel ontbreekt (pip install -e '.[test]')")
pytest.importorskip("matplotlib", reason="matplotlib ontbreekt (pip install -e '.[test]')")

MAP = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(MAP.glob("[0-9][0-9]_*.ipynb"))


def test_drie_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_jaarplan_corporatie.ipynb", "02_wijkuitvoeringsplan_gemeente.ipynb",
                                           "03_npa_voortgang.ipynb"]


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_zonder_uitvoer_in_de_repository(pad):
    nb = nbformat.read(pad, as_version=4)
    nbformat.validate(nb)
    for cel in nb.cells:
        if cel.cell_type == "code":
            assert cel.outputs == [] and cel.execution_count is None, f"{pad.name}: uitvoer niet gestript"


def test_gelijk_aan_generator():
    """The committed .ipynb files are what maak_notebooks.py writes (edit the script, not the JSON)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("maak_notebooks", MAP / "maak_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for pad in NOTEBOOKS:
        verwacht = mod.maak(pad.name)
        echt = nbformat.read(pad, as_version=4)
        assert [c.source for c in echt.cells] == [c.source for c in verwacht.cells], \
            f"{pad.name} wijkt af van notebooks/maak_notebooks.py: draai python notebooks/maak_notebooks.py"


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_draait(pad, tmp_path, monkeypatch):
    uitvoer = tmp_path / "uitvoer"
    monkeypatch.setenv("VERDUURZAMING_UITVOER", str(uitvoer))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # the kernel imports this checkout of the package, also when an older editable install is stale
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(MAP.parent), *filter(None, [os.environ.get("PYTHONPATH")])]))
    nb = nbformat.read(pad, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=False,
                                     resources={"metadata": {"path": str(MAP)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as e:  # name the cell that failed
        pytest.fail(f"{pad.name}: een cel faalt:\n{e}")
    # no error outputs anywhere, and the files the notebook promises exist
    for cel in nb.cells:
        for out in cel.get("outputs", []):
            assert out.get("output_type") != "error", f"{pad.name}: {out.get('ename')}: {out.get('evalue')}"
    geschreven = {p.name for p in uitvoer.iterdir()}
    verwacht = {"01": {"verduurzamingsplan.xlsx", "verduurzamingsplan_capaciteit_krap.xlsx"},
                "02": {"kaart_GM9999.html"},
                "03": {"voortgang.xlsx", "wijzigingen.csv"}}[pad.name[:2]]
    assert verwacht <= geschreven, f"{pad.name}: ontbreekt {verwacht - geschreven}"
    # a chart was drawn where the notebook draws one
    plaatjes = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    assert plaatjes >= 1, f"{pad.name}: geen grafiek in de uitvoer"
