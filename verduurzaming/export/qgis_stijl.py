"""QGIS layer styles (QML) for ``plan.gpkg``: label colours for complexes, E/F/G share for wijken.

QGIS reads a GeoPackage's ``layer_styles`` table and applies the row marked ``useAsDefault``
when the layer is opened, so a GIS user sees the same colours as the map and the workbook.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import pandas as pd

from .. import labels as L

__all__ = ["layer_styles", "qml_efg_aandeel", "qml_labels"]

_QML_KOP = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.28.0\" styleCategories=\"Symbology\">\n"


def _rgba(kleur: str, alpha: int = 255) -> str:
    h = kleur.lstrip("#")
    return ",".join(str(int(h[i:i + 2], 16)) for i in (0, 2, 4)) + f",{alpha}"


def _opties(**waarden: str) -> str:
    return "<Option type=\"Map\">" + "".join(
        f"<Option name={quoteattr(k)} type=\"QString\" value={quoteattr(v)}/>" for k, v in waarden.items()) + "</Option>"


def _punt(naam: str, kleur: str) -> str:
    return (f"<symbol type=\"marker\" name={quoteattr(naam)} alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
            "<layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\">"
            + _opties(name="circle", color=_rgba(kleur), outline_color="35,35,35,255", outline_width="0.3",
                      size="3.2", size_unit="MM") + "</layer></symbol>")


def _vlak(naam: str, kleur: str) -> str:
    return (f"<symbol type=\"fill\" name={quoteattr(naam)} alpha=\"0.75\" clip_to_extent=\"1\" force_rhr=\"0\">"
            "<layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">"
            + _opties(color=_rgba(kleur), style="solid", outline_color="68,68,68,255", outline_style="solid",
                      outline_width="0.26") + "</layer></symbol>")


def qml_labels(kolom: str) -> str:
    """Categorised point style on a label column (A++++ .. G) in the tool's label colours."""
    cats = "".join(f"<category value={quoteattr(lab)} label={quoteattr(lab)} symbol=\"{i}\" render=\"true\"/>"
                   for i, lab in enumerate(L.LABELS))
    syms = "".join(_punt(str(i), L.KLEUR[lab]) for i, lab in enumerate(L.LABELS))
    return (_QML_KOP + f"<renderer-v2 type=\"categorizedSymbol\" attr={quoteattr(kolom)} symbollevels=\"0\" "
            "forceraster=\"0\" enableorderby=\"0\">" f"<categories>{cats}</categories><symbols>{syms}</symbols>"
            "</renderer-v2>\n</qgis>\n")


def qml_efg_aandeel(kolom: str, klassen: list[tuple[float, str, str]]) -> str:
    """Graduated polygon style on a share column (0..1) with ``klassen`` = (upper bound, colour, text)."""
    ranges, syms, onder = [], [], 0.0
    for i, (boven, kleur, tekst) in enumerate(klassen):
        ranges.append(f"<range lower=\"{onder:.4f}\" upper=\"{boven:.4f}\" symbol=\"{i}\" label={quoteattr(tekst)} "
                      "render=\"true\"/>")
        syms.append(_vlak(str(i), kleur))
        onder = boven
    return (_QML_KOP + f"<renderer-v2 type=\"graduatedSymbol\" attr={quoteattr(kolom)} graduatedMethod=\"GraduatedColor\" "
            "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">"
            f"<ranges>{''.join(ranges)}</ranges><symbols>{''.join(syms)}</symbols></renderer-v2>\n</qgis>\n")


def layer_styles(stijlen: list[tuple[str, str, str, str, bool]]) -> pd.DataFrame:
    """The ``layer_styles`` table QGIS reads: rows of (layer, geometry column, style name, QML, default)."""
    return pd.DataFrame({
        "f_table_catalog": "", "f_table_schema": "",
        "f_table_name": [s[0] for s in stijlen], "f_geometry_column": [s[1] for s in stijlen],
        "styleName": [s[2] for s in stijlen], "styleQML": [s[3] for s in stijlen], "styleSLD": "",
        "useAsDefault": [s[4] for s in stijlen], "description": [s[2] for s in stijlen],
        "owner": "verduurzaming", "ui": "",
    })
