"""CBS wijk- en buurtkaart geometries (GeoPackage or GeoJSON) with CBS's own column names.

Picks the wijken layer of a CBS GeoPackage (or dissolves a buurten layer to wijken), maps the
column names of the year, writes codes canonical and returns EPSG:28992 (RD New).
"""

from __future__ import annotations

import re
import sqlite3
import time
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from .._fouten import InvoerFout
from ..bevindingen import ACTIE_GECORRIGEERD, ACTIE_GEMELD, ACTIE_RIJ_AFGEWEZEN, Bevindingen
from ..codes import gemeente_van
from ..projectie import NL_LONLAT, RD, RD_BBOX, WGS84
from ..waarden import canonieke_codes, tekst
from .bestand import controleer_bestand, open_bestand
from .grenzen import MAX_BESTAND_BYTES, MAX_SQLITE_SECONDEN
from .kolommen import CBS_NAMEN, hernoem


def _in_bbox(totaal: np.ndarray, bbox: tuple[float, float, float, float]) -> bool:
    return bool(totaal[0] >= bbox[0] and totaal[1] >= bbox[1] and totaal[2] <= bbox[2] and totaal[3] <= bbox[3])


def naar_rd(gdf: gpd.GeoDataFrame, bestand: str, bev: Bevindingen) -> gpd.GeoDataFrame:
    """Reproject to RD New; repair a declared CRS that contradicts the coordinates, with a finding."""
    geldig = gdf.geometry[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    if geldig.empty:
        return gdf.set_crs(RD, allow_override=True) if gdf.crs is None else gdf.to_crs(RD)
    tb = np.asarray(geldig.total_bounds)
    lijkt_rd, lijkt_wgs = _in_bbox(tb, RD_BBOX), _in_bbox(tb, NL_LONLAT)
    crs = gdf.crs
    if crs is None:
        if lijkt_rd:
            bev.voeg_toe(bestand, None, "geometrie", None, "geen coördinatenstelsel opgegeven: RD New (EPSG:28992) "
                         "aangenomen op grond van de coördinaten", ACTIE_GECORRIGEERD, ernst="info")
            return gdf.set_crs(RD)
        if lijkt_wgs:
            bev.voeg_toe(bestand, None, "geometrie", None, "geen coördinatenstelsel opgegeven: WGS84 (EPSG:4326) "
                         "aangenomen op grond van de coördinaten", ACTIE_GECORRIGEERD, ernst="info")
            return gdf.set_crs(WGS84).to_crs(RD)
        raise InvoerFout("geen coördinatenstelsel en de coördinaten liggen niet in Nederland; "
                         "sla het bestand op in EPSG:28992 (RD New)", bestand=bestand)
    if crs.is_geographic and lijkt_rd and not lijkt_wgs:
        bev.voeg_toe(bestand, None, "geometrie", str(crs), "coördinatenstelsel zegt WGS84 maar de coördinaten zijn "
                     "RD New (meters): als EPSG:28992 gelezen", ACTIE_GECORRIGEERD)
        return gdf.set_crs(RD, allow_override=True)
    if not crs.is_geographic and lijkt_wgs and not lijkt_rd:
        bev.voeg_toe(bestand, None, "geometrie", str(crs), "coördinatenstelsel zegt RD/meters maar de coördinaten "
                     "zijn graden (WGS84): als EPSG:4326 gelezen", ACTIE_GECORRIGEERD)
        return gdf.set_crs(WGS84, allow_override=True).to_crs(RD)
    out = gdf.to_crs(RD)
    tb = np.asarray(out.geometry[out.geometry.notna() & ~out.geometry.is_empty].total_bounds)
    if not _in_bbox(tb, RD_BBOX):
        raise InvoerFout(f"de geometrieën liggen (deels) buiten Nederland in {crs.to_string()}; "
                         "controleer het coördinatenstelsel", bestand=bestand)
    return out


_SQLITE = b"SQLite format 3\x00"


class _Tijdslimiet:
    """A progress handler for sqlite3: non-zero (the statement stops with 'interrupted') after ``seconden``."""

    def __init__(self, seconden: float) -> None:
        self.einde = time.monotonic() + seconden

    def __call__(self) -> int:
        return 1 if time.monotonic() > self.einde else 0


def _gpkg_lagen(pad: Path, naam: str) -> tuple[list[str], dict[str, str], dict[str, set[str]]]:
    """(layers in gpkg_contents, what each is when not a plain table, the column names of each plain table) of a
    GeoPackage, read with Python's sqlite3 opened read-only, before GDAL opens it.

    GDAL runs the query of a layer that is a view to list the layers, and a recursive view without end keeps it
    (and SQLite, which ignores Ctrl-C and SIGTERM meanwhile) busy for ever. So only plain tables are read: a
    view or a virtual table as layer is never handed to GDAL, and a GeoPackage whose own tables (``gpkg_*``), which
    GDAL reads on opening it, are views is refused. Every query here has a time limit (:data:`MAX_SQLITE_SECONDEN`)."""
    uri = pad.resolve().as_uri() + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=1)
    except sqlite3.Error as e:
        raise InvoerFout(f"geen leesbaar GIS-bestand (GeoPackage/GeoJSON): {e}", bestand=naam) from None
    try:
        con.set_progress_handler(_Tijdslimiet(MAX_SQLITE_SECONDEN), 1000)
        schema = {str(n): (str(t), str(sql or "")) for n, t, sql in
                  con.execute("SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view')")}

        def soort(n: str) -> str | None:
            t, sql = schema.get(n, ("", ""))
            if t == "view":
                return "een view (een opgeslagen zoekvraag)"
            if re.match(r"\s*CREATE\s+VIRTUAL\s+TABLE", sql, re.I):
                return "een virtuele tabel"
            return None if t == "table" else "geen tabel"

        systeem = sorted(n for n in schema if n.lower().startswith("gpkg_") and soort(n))
        if systeem:
            raise InvoerFout(f"de GeoPackage-tabel {systeem[0]} is {soort(systeem[0])}, geen gewone tabel; zo'n "
                             "bestand wordt niet gelezen. Sla de wijken opnieuw op als GeoPackage (in QGIS: "
                             "Exporteren > Objecten opslaan als)", bestand=naam)
        if "gpkg_contents" not in schema:
            raise InvoerFout("geen leesbaar GIS-bestand (GeoPackage/GeoJSON): een SQLite-bestand zonder de tabel "
                             "gpkg_contents is geen GeoPackage", bestand=naam)
        lagen = [str(n) for (n,) in con.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes')")]
        anders = {n: soort(n) or "geen tabel" for n in lagen if n not in schema or soort(n)}
        velden = {n: {str(r[1]) for r in con.execute(f"PRAGMA table_info(\"{n.replace(chr(34), chr(34) * 2)}\")")}
                  for n in lagen if n not in anders}
    except sqlite3.OperationalError as e:
        if "interrupted" in str(e):
            raise InvoerFout(f"het lezen van de GeoPackage duurde langer dan {MAX_SQLITE_SECONDEN} s en is gestopt; "
                             "sla de wijken opnieuw op als GeoPackage", bestand=naam) from None
        raise InvoerFout(f"geen leesbaar GIS-bestand (GeoPackage/GeoJSON): {e}", bestand=naam) from None
    except sqlite3.Error as e:
        raise InvoerFout(f"geen leesbaar GIS-bestand (GeoPackage/GeoJSON): {e}", bestand=naam) from None
    finally:
        con.close()
    return lagen, anders, velden


def _kies_laag(pad: Path, laag: str | None, naam: str | None = None
               ) -> tuple[str | None, bool, list[str], dict[str, str]]:
    """(layer, is_buurten, equally good layers, layers not read and what they are): the named layer, else the CBS
    wijken layer, else a buurten layer.

    The third item lists every layer that fits as well as the one taken (itself included) when
    there is more than one: the choice is then a guess the caller reports. The layers of a GeoPackage (any
    SQLite file) are listed with sqlite3 (:func:`_gpkg_lagen`); a layer that is a view or a virtual table is
    never taken, and naming one is an :class:`InvoerFout`.
    """
    naam = naam or pad.name
    with open_bestand(pad, naam) as fh:
        sqlite = fh.read(len(_SQLITE)) == _SQLITE
    anders: dict[str, str] = {}
    if sqlite:
        namen, anders, velden_van = _gpkg_lagen(pad, naam)

        def velden(n: str) -> set[str]:
            return {v.lower() for v in velden_van.get(n, set())}
    else:
        try:
            lagen = pyogrio.list_layers(pad)
        except Exception as e:  # noqa: BLE001 - pyogrio raises its own DataSourceError subclasses
            raise InvoerFout(f"geen leesbaar GIS-bestand (GeoPackage/GeoJSON): {e}", bestand=naam) from None
        namen = [str(n) for n in lagen[:, 0]]

        def velden(n: str) -> set[str]:
            return {str(f).lower() for f in pyogrio.read_info(pad, layer=n)["fields"]}
    if laag is not None:
        if laag not in namen:
            raise InvoerFout(f"laag '{laag}' bestaat niet; lagen in dit bestand: {', '.join(namen)}",
                             bestand=naam)
        if laag in anders:
            raise InvoerFout(f"laag '{laag}' is {anders[laag]}, geen tabel, en wordt niet gelezen (het uitvoeren ervan "
                             "kan eindeloos duren). Sla de wijken op als gewone laag (in QGIS: Exporteren > Objecten "
                             "opslaan als) of kies een andere laag met wijken_laag", bestand=naam)
        kandidaten = [laag]
    else:
        kandidaten = [n for n in namen if n not in anders]
    beste = None
    rangen: dict[str, int] = {}
    for n in kandidaten:
        v = velden(n)
        heeft_wijk = bool(v & {"wijkcode", "wk_code", "statcode"})
        heeft_buurt = bool(v & {"buurtcode", "bu_code"})
        rang = 3 if heeft_wijk and not heeft_buurt else (2 if heeft_wijk and heeft_buurt else 0)
        if re.search(r"wijk", n, re.I) and heeft_wijk:
            rang += 1
        rangen[n] = rang
        if beste is None or rang > beste[0]:
            beste = (rang, n, heeft_buurt and rang == 2)
    if beste is None or beste[0] == 0:
        niet = (f" ({', '.join(f'{n} is {w}' for n, w in anders.items())}: niet gelezen)" if anders else "")
        raise InvoerFout("geen laag met wijkcodes (kolom 'wijkcode' of 'WK_CODE') gevonden; lagen: "
                         f"{', '.join(namen)}{niet}. Geef de laag op met wijken_laag in het scenario", bestand=naam)
    even_goed = [n for n, r in rangen.items() if r == beste[0]]
    return beste[1], beste[2], even_goed if len(even_goed) > 1 else [], anders


def lees_wijken(pad: str | Path, bev: Bevindingen, *, laag: str | None = None) -> gpd.GeoDataFrame:
    """CBS wijken as a GeoDataFrame in RD New with canonical columns and codes.

    Columns: wijk_code, wijk_naam, gemeente_code, gemeente_naam, cbs_jaar, geometry.
    """
    pad = Path(pad)
    controleer_bestand(pad)  # a regular file (GDAL opens the path itself): not a device, FIFO or folder
    naam = bev.naam(pad)
    if controleer_bestand(pad, naam, max_bytes=MAX_BESTAND_BYTES).st_size == 0:
        raise InvoerFout("het bestand is leeg", bestand=naam)
    laagnaam, is_buurten, even_goed, niet_gelezen = _kies_laag(pad, laag, naam)
    for n, wat in niet_gelezen.items():
        bev.voeg_toe(naam, None, None, n, f"laag '{n}' is {wat}, geen tabel, en is niet gelezen (het uitvoeren ervan "
                     f"kan eindeloos duren); laag '{laagnaam}' is gebruikt", ACTIE_GEMELD)
    if even_goed:
        bev.voeg_toe(naam, None, None, laagnaam,
                     f"{len(even_goed)} lagen met wijken: {', '.join(even_goed)}; laag '{laagnaam}' is gebruikt. Kies "
                     "een andere met wijken_laag = \"...\" onder [invoer] in het scenario", ACTIE_GEMELD)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            gdf = gpd.read_file(pad, layer=laagnaam, engine="pyogrio")
        except Exception as e:  # noqa: BLE001 - GDAL's errors come as many classes: the Dutch error names the file
            raise InvoerFout(f"kan laag '{laagnaam}' niet lezen: {e}", bestand=naam) from None
    n_in = len(gdf)
    bev.boek(naam, rijen_in=n_in)
    mapping = hernoem(list(gdf.columns), CBS_NAMEN, None, bestand=naam)
    gdf = gdf.rename(columns=mapping)
    rij = pd.Series(np.arange(1, n_in + 1), index=gdf.index)  # feature number, 1-based
    if "wijk_code" not in gdf:
        raise InvoerFout("kolom wijkcode ontbreekt", bestand=naam)
    code, fout = canonieke_codes(gdf["wijk_code"], "WK")
    houd = pd.Series(True, index=gdf.index)
    for i in np.flatnonzero(fout.to_numpy() | code.isna().to_numpy()):
        bev.voeg_toe(naam, int(rij.iloc[i]), "wijkcode", gdf["wijk_code"].iloc[i], "geen geldige CBS-wijkcode",
                     ACTIE_RIJ_AFGEWEZEN)
    houd &= code.notna()
    gdf["wijk_code"] = code
    if "water" in gdf:
        water = tekst(gdf["water"]).str.upper().eq("JA")
        for i in np.flatnonzero((water & houd).to_numpy()):
            bev.voeg_toe(naam, int(rij.iloc[i]), "water", "JA", "gebied is water (CBS water = JA): niet gebruikt",
                         ACTIE_RIJ_AFGEWEZEN, ernst="info")
        houd &= ~water
    geen_geo = gdf.geometry.isna() | gdf.geometry.is_empty
    for i in np.flatnonzero((geen_geo & houd).to_numpy()):
        bev.voeg_toe(naam, int(rij.iloc[i]), "geometrie", None, "wijk zonder geometrie: alleen te koppelen op code",
                     ACTIE_GEMELD, sleutel=gdf["wijk_code"].iloc[i])
    ongeldig = ~geen_geo & ~gdf.geometry.is_valid
    if ongeldig.any():
        for i in np.flatnonzero((ongeldig & houd).to_numpy()):
            bev.voeg_toe(naam, int(rij.iloc[i]), "geometrie", None,
                         f"ongeldige polygoon ({shapely.is_valid_reason(gdf.geometry.iloc[i])}): hersteld met make_valid",
                         ACTIE_GECORRIGEERD, sleutel=gdf["wijk_code"].iloc[i])
        herstel = shapely.make_valid(gdf.geometry[ongeldig].to_numpy())
        herstel = [shapely.unary_union([p for p in getattr(g, "geoms", [g]) if p.geom_type in ("Polygon", "MultiPolygon")])
                   if g.geom_type == "GeometryCollection" else g for g in herstel]
        gdf.loc[ongeldig, "geometry"] = gpd.GeoSeries(herstel, index=gdf.index[ongeldig], crs=gdf.crs)
    gdf = naar_rd(gdf, naam, bev)
    if "wijk_naam" not in gdf:
        gdf["wijk_naam"] = gdf["wijk_code"]
    if "gemeente_code" in gdf:
        gm, _ = canonieke_codes(gdf["gemeente_code"], "GM")
        gdf["gemeente_code"] = gm.fillna(gdf["wijk_code"].map(gemeente_van, na_action="ignore"))
    else:
        gdf["gemeente_code"] = gdf["wijk_code"].map(gemeente_van, na_action="ignore")
    if "gemeente_naam" not in gdf:
        gdf["gemeente_naam"] = gdf["gemeente_code"]
    jaar = None
    if "cbs_jaar" in gdf:
        jaar = pd.to_numeric(gdf["cbs_jaar"], errors="coerce")
    elif "jrstatcode" in gdf:
        jaar = pd.to_numeric(tekst(gdf["jrstatcode"]).str[:4], errors="coerce")
    gdf["cbs_jaar"] = (jaar if jaar is not None else pd.Series(np.nan, index=gdf.index)).astype("Int64")
    gdf = gdf[houd]
    if is_buurten:
        n_buurt = len(gdf)
        agg = {"wijk_naam": "first", "gemeente_code": "first", "gemeente_naam": "first", "cbs_jaar": "first"}
        if "woningvoorraad" in gdf:
            gdf["woningvoorraad"] = pd.to_numeric(gdf["woningvoorraad"], errors="coerce")
            gdf["woningvoorraad"] = gdf["woningvoorraad"].where(gdf["woningvoorraad"] >= 0)
            agg["woningvoorraad"] = "sum"
        gdf = gdf.dissolve(by="wijk_code", as_index=False, aggfunc=agg)
        bev.voeg_toe(naam, None, None, laagnaam, f"laag met buurten: {n_buurt} buurten samengevoegd tot {len(gdf)} wijken",
                     ACTIE_GEMELD, ernst="info")
        bev.boek(naam, gebruikt=n_buurt)
    else:
        dubbel = gdf["wijk_code"].duplicated(keep=False)
        if dubbel.any():
            n_dubbel = int(gdf["wijk_code"].duplicated().sum())
            bev.voeg_toe(naam, None, "wijkcode", ", ".join(sorted(set(gdf.loc[dubbel, "wijk_code"])))[:200],
                         "wijkcode komt meer dan eens voor: delen samengevoegd tot één wijk", ACTIE_GECORRIGEERD)
            gdf = gdf.dissolve(by="wijk_code", as_index=False, aggfunc="first")
            bev.boek(naam, gebruikt=n_dubbel)
        bev.boek(naam, gebruikt=len(gdf))
    bev.boek(naam, afgewezen=int((~houd).sum()))
    kol = ["wijk_code", "wijk_naam", "gemeente_code", "gemeente_naam", "cbs_jaar", "geometry"]
    if "woningvoorraad" in gdf:
        # CBS writes -99999997 and the like for 'geheim' / 'niet beschikbaar'
        wv = pd.to_numeric(gdf["woningvoorraad"], errors="coerce")
        gdf["woningvoorraad"] = wv.where(wv >= 0).astype("Int64")
        kol.insert(5, "woningvoorraad")
    uit = gpd.GeoDataFrame(gdf[kol].reset_index(drop=True), geometry="geometry", crs=RD)
    uit["wijk_naam"] = tekst(uit["wijk_naam"]).where(tekst(uit["wijk_naam"]) != "", uit["wijk_code"])
    return uit
