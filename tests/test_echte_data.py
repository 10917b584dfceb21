"""The readers and joins on real public data in ../shared/data/real (skipped when absent)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from verduurzaming.bevindingen import Bevindingen
from verduurzaming.io.cbs import lees_wijken
from verduurzaming.portefeuille import lees_portefeuille
from verduurzaming.scenario import Scenario

pytestmark = pytest.mark.real


def test_cbs_wijken_2024_geojson(real_data):
    bev = Bevindingen()
    w = lees_wijken(real_data / "cbs_wijken_2024_4gemeenten/cbs_wijken_2024_4gemeenten.geojson", bev)
    assert len(w) == 47 and w.crs.to_epsg() == 28992
    assert set(w["gemeente_code"]) == {"GM0484", "GM0606", "GM1723", "GM1916"}
    assert w["wijk_code"].str.fullmatch(r"WK\d{6}").all()
    assert (w["cbs_jaar"] == 2024).all()
    assert bev.boekhouding["cbs_wijken_2024_4gemeenten.geojson"].klopt


def test_cbs_wijken_2014_heel_nederland(real_data):
    bev = Bevindingen()
    w = lees_wijken(real_data / "cbs_wijken_2014_nl/cbs_wijken_2014.geojson", bev)
    assert len(w) == 2745 and w.crs.to_epsg() == 28992
    # 28 wijken lost their geometry to quantisation: kept, joinable by code, each with a finding
    geen = w.geometry.isna() | w.geometry.is_empty
    assert geen.sum() == 28
    assert (bev.als_tabel()["probleem"].str.startswith("wijk zonder geometrie")).sum() == 28
    b = w.geometry[~geen].total_bounds
    assert 0 < b[0] < b[2] < 300_000 and 300_000 < b[1] < b[3] < 625_000


def test_cbs_buurtkaart_gpkg_wordt_wijken(real_data):
    bev = Bevindingen()
    w = lees_wijken(real_data / "cbs_buurten_2021_ermelo/CBS_buurten_ermelo_2021.gpkg", bev)
    assert set(w["gemeente_code"]) == {"GM0233"} and (w["cbs_jaar"] == 2021).all()
    b = bev.boekhouding["CBS_buurten_ermelo_2021.gpkg"]
    assert b.rijen_in == 17 and b.klopt


def test_kwb_woningvoorraad_codes_passen_bij_geometrie(real_data):
    kwb = pd.read_csv(real_data / "cbs_kwb_2024_gemeente_wijk/kwb_2024_gemeente_wijk.csv")
    w = lees_wijken(real_data / "cbs_wijken_2024_4gemeenten/cbs_wijken_2024_4gemeenten.geojson", Bevindingen())
    kwb_wijken = set(kwb.loc[kwb["soort_regio"] == "Wijk", "regiocode"].str.strip())
    assert set(w["wijk_code"]) <= kwb_wijken


@pytest.fixture
def voorburg_export(real_data, tmp_path):
    """A corporation export made of 1,500 real BAG dwellings in Voorburg, written as cp1252 ';' CSV."""
    vbo = pd.read_csv(real_data / "bag_voorburg_bezuidenhout/verblijfsobjecten_met_adres.csv", dtype=str)
    vbo = vbo[vbo["gebruiksdoel"].eq("woonfunctie") & vbo["postcode"].notna() & vbo["status"].eq("Verblijfsobject in gebruik")]
    vbo = vbo.sample(1500, random_state=1).sort_values("verblijfsobject_id")
    rng = np.random.default_rng(1)
    ep2 = rng.uniform(60, 420, len(vbo)).round(1)
    complex_id = (vbo["pand_ids"].str.split(",").str[0].astype("int64") % 97 + 500).astype(str)
    vhe = pd.DataFrame({
        "VHE-nummer": vbo["verblijfsobject_id"], "Complexnummer": complex_id, "Corporatie": "Testcorporatie",
        "Postcode": vbo["postcode"], "Huisnummer": vbo["huisnummer"],
        "Toevoeging": vbo["huisletter"].fillna("") + vbo["huisnummertoevoeging"].fillna(""),
        "Bouwjaar": vbo["pand_bouwjaar"], "Woningtype": "appartement",
        "Gebruiksoppervlakte (m²)": vbo["oppervlakte"], "EP2 (kWh/m²)": [f"{x:.1f}".replace(".", ",") for x in ep2],
        "Registratiedatum label": "15-03-2022",
    })
    cx = vbo.assign(c=complex_id.values).groupby("c").agg(x=("x_rd", "first"), y=("y_rd", "first"),
                                                          wijk=("wijkcode", "first")).reset_index()
    complexen = pd.DataFrame({"Complexnummer": cx["c"], "Complexnaam": "Complex " + cx["c"],
                              "X": cx["x"].str.replace(".", ",", regex=False), "Y": cx["y"].str.replace(".", ",", regex=False)})
    p_vhe, p_cx = tmp_path / "vhe.csv", tmp_path / "complexen.csv"
    vhe.to_csv(p_vhe, sep=";", index=False, encoding="cp1252")
    complexen.to_csv(p_cx, sep=";", index=False, encoding="cp1252")
    return p_vhe, p_cx, cx.set_index("c")["wijk"], ep2


def test_echte_adressen_koppelen_aan_echte_buurtkaart(real_data, voorburg_export, tmp_path):
    p_vhe, p_cx, verwacht_wijk, ep2 = voorburg_export
    s = Scenario(basismap=tmp_path, vhe=[p_vhe], complexen=[p_cx],
                 wijken=real_data / "bag_voorburg_bezuidenhout/bag_voorburg_bezuidenhout.gpkg")
    p = lees_portefeuille(s)
    assert len(p.woningen) == 1500
    bh = p.bevindingen.boekhouding_frame()
    assert (bh["rijen_in"] == bh["rijen_gebruikt"] + bh["rijen_afgewezen"]).all()
    c = p.complexen.set_index("complex_id")
    # point in polygon in RD New gives the wijk BAG/CBS assigned to the address
    assert (c["wijk_code"] == verwacht_wijk.reindex(c.index)).mean() > 0.99
    assert set(p.wijken["wijk_code"]) >= {"WK191608", "WK191609", "WK051825"}
    # EP2 with decimal commas decides the label (NTA 8800, registered 2022)
    w = p.woningen.sort_values("vhe_id")
    assert np.allclose(np.sort(w["ep2_kwh_m2"].to_numpy()), np.sort(ep2))


def test_complex_zonder_ligging_via_cbs_postcodetabel(real_data, voorburg_export, tmp_path):
    """No coordinates, no codes: the CBS postcode+huisnummer table puts each complex in its buurt."""
    p_vhe, _, _, _ = voorburg_export
    vbo = pd.read_csv(real_data / "bag_voorburg_bezuidenhout/verblijfsobjecten_met_adres.csv", dtype=str)
    vbo = vbo[vbo["postcode"].notna() & vbo["huisnummer"].notna()]
    # the CBS layout: numeric codes without prefix, leading zeros dropped
    pc6 = pd.DataFrame({"PC6": vbo["postcode"], "Huisnummer": vbo["huisnummer"],
                        "Buurt2022": vbo["buurtcode"].str[2:].astype(int).astype(str),
                        "Wijk2022": vbo["wijkcode"].str[2:].astype(int).astype(str),
                        "Gemeente2022": vbo["gemeentecode"].str[2:].astype(int).astype(str)})
    pc6 = pd.concat([pc6, pd.DataFrame({"PC6": ["XXXX"], "Huisnummer": ["1"], "Buurt2022": ["1"],
                                        "Wijk2022": ["1"], "Gemeente2022": ["1"]})])
    p_pc6 = tmp_path / "pc6hnr20220801_gwb.csv"
    pc6.to_csv(p_pc6, sep=";", index=False)
    s = Scenario(basismap=tmp_path, vhe=[p_vhe], postcode_buurt=p_pc6,
                 wijken=real_data / "bag_voorburg_bezuidenhout/bag_voorburg_bezuidenhout.gpkg")
    p = lees_portefeuille(s)
    c = p.complexen.set_index("complex_id")
    assert c["buurt_code"].str.fullmatch(r"BU\d{8}").all()
    # expected: the buurt most of the complex's addresses lie in according to BAG/CBS (ties: lowest code)
    vhe = pd.read_csv(p_vhe, sep=";", encoding="cp1252", dtype=str)
    vhe = vhe.merge(vbo[["verblijfsobject_id", "buurtcode"]], left_on="VHE-nummer", right_on="verblijfsobject_id")
    tel = vhe.groupby(["Complexnummer", "buurtcode"]).size().rename("n").reset_index()
    tel = tel.sort_values(["Complexnummer", "n", "buurtcode"], ascending=[True, False, True])
    verwacht = tel.drop_duplicates("Complexnummer").set_index("Complexnummer")["buurtcode"]
    assert (c["buurt_code"] == verwacht.reindex(c.index)).all()
    assert (c["wijk_code"] == "WK" + c["buurt_code"].str[2:8]).all()
    b = p.bevindingen.boekhouding[p_pc6.name]
    # BAG addresses with a huisletter repeat postcode + huisnummer: the CBS table has one row for them,
    # so a repeat is a rejected row (with a finding), like the row without a valid postcode
    dubbel = int(pc6.duplicated(["PC6", "Huisnummer"]).sum())
    assert dubbel > 0
    assert b.rijen_in == len(pc6) and b.rijen_afgewezen == 1 + dubbel and b.klopt
    f = p.bevindingen.als_tabel()
    assert f["probleem"].str.contains(f"{dubbel} regel(s) met een postcode en huisnummer die al eerder",
                                      regex=False).any()
