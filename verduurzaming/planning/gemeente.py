"""The gemeente view: per wijk every corporation's works against the WUP window, and which wijken
hold enough corporation dwellings to be a starting point for a warmtenet. Pure: plan in, table out.

Thresholds are scenario choices (``[gewichten] warmtenet_drempel_pct`` and
``warmtenet_drempel_woningen``), not sourced figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def gemeente_overzicht(plan, portefeuille, scenario, complexen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per wijk: every corporation's works against the WUP window, and whether the wijk holds enough
    corporation dwellings to be a starting point for a warmtenet.

    Thresholds: ``[gewichten] warmtenet_drempel_pct`` (share of the wijk's dwellings, when the wijken
    table has ``woningvoorraad``/``woningen_totaal``) and ``warmtenet_drempel_woningen`` (count).
    """
    pct = scenario.gewicht("warmtenet_drempel_pct")
    aantal = scenario.gewicht("warmtenet_drempel_woningen")
    pc = plan.complexen
    wk = portefeuille.wijken
    w_info = pd.DataFrame(wk.drop(columns="geometry", errors="ignore")).drop_duplicates("wijk_code") \
        if wk is not None and len(wk) else pd.DataFrame(columns=["wijk_code"])
    totaal_kol = next((k for k in ("woningvoorraad", "woningen_totaal", "aantal_woningen") if k in w_info), None)
    rijen = []
    codes = sorted(set(pc["wijk_code"].dropna().astype(str)) | set(w_info["wijk_code"].dropna().astype(str)))
    real = None
    if complexen is not None:
        real = complexen.set_index(["corporatie", "complex_id"])
    # rows per wijk by one groupby and a dict (a boolean filter per wijk was quadratic: 3,300 wijken x 85,000
    # complexes nationally took minutes)
    per_wijk = pc.reset_index(drop=True).groupby(pc["wijk_code"].astype(object).to_numpy(), sort=False).indices \
        if len(pc) else {}
    # what the works do per wijk: the ledger of works summed, as in plan.wijk_jaar
    w = plan.werken
    werken_per_wijk = w.reset_index(drop=True).groupby(w["wijk_code"].astype(object).to_numpy(), sort=False).indices \
        if len(w) else {}
    geen_werk = w.iloc[0:0]
    wj = plan.wijk_jaar
    wj_som = wj.groupby("wijk_code").sum(numeric_only=True) if len(wj) else pd.DataFrame()

    def per_jaar_som(code: str, kolom: str) -> float:
        """Dwellings worked on, summed over the years of plan.wijk_jaar (the ledger summed, one decimal)."""
        return round(float(wj_som.at[code, kolom]), 1) if code in wj_som.index and kolom in wj_som else 0.0
    leeg = pc.iloc[0:0]
    info_pos: dict = {}
    for k, c in enumerate(w_info["wijk_code"].astype(object)):
        info_pos.setdefault(c, k)
    for code in codes:
        g = pc.iloc[per_wijk[code]] if code in per_wijk else leeg
        i = w_info.iloc[info_pos[code]] if code in info_pos else pd.Series(dtype=object)
        woningen = int(g["woningen"].sum())
        wg = w.iloc[werken_per_wijk[code]] if code in werken_per_wijk else geen_werk
        gas = wg["soort"].eq("van_gas")
        totaal = pd.to_numeric(i.get(totaal_kol), errors="coerce") if totaal_kol else np.nan
        aandeel = woningen / totaal * 100 if totaal and np.isfinite(totaal) and totaal > 0 else np.nan
        gerealiseerd = None
        if real is not None and len(g):
            ks = list(zip(g["corporatie"].astype(str), g["complex_id"].astype(str), strict=False))
            r = real.reindex(ks)
            # the dwellings the realised works worked on (their scope), as renovatie_woningen counts the plan's
            kol = "woningen_aangepakt" if "woningen_aangepakt" in r else "woningen"
            gerealiseerd = round(float(r[kol][r["gerealiseerd_jaar"].notna().to_numpy()].sum()), 1)
        strategie = i.get("strategie")
        # a starting point where the TVW chose district heat or has not chosen yet
        past = strategie is None or pd.isna(strategie) or strategie in ("warmtenet", "onbekend")
        genoeg = woningen >= aantal and (np.isnan(aandeel) or aandeel >= pct) and past
        reden = []
        reden.append(f"{woningen} corporatiewoningen (drempel {aantal:g})")
        reden.append(f"aandeel {aandeel:.0f}% (drempel {pct:g}%)" if np.isfinite(aandeel)
                     else "aandeel niet beschikbaar (geen woningvoorraad per wijk)")
        rijen.append(dict(
            wijk_code=code, wijk_naam=i.get("wijk_naam"), strategie=strategie,
            uitvoering_start=i.get("uitvoering_start"), uitvoering_eind=i.get("uitvoering_eind"),
            aardgasvrij_jaar=i.get("aardgasvrij_jaar"),
            corporaties="; ".join(f"{k} ({int(v)})" for k, v in g.groupby("corporatie")["woningen"].sum().items()),
            complexen=len(g),
            corporatiewoningen=woningen, woningvoorraad=None if np.isnan(totaal) else int(totaal),
            aandeel_corporatie_pct=None if np.isnan(aandeel) else round(aandeel / 100, 4),
            efg_start=int(g["n_efg"].sum()),
            renovatie_woningen=per_jaar_som(code, "renovaties_woningen"),
            binnen_wup_woningen=per_jaar_som(code, "binnen_wup_woningen"),
            buiten_wup_woningen=per_jaar_som(code, "buiten_wup_woningen"),
            van_gas_woningen=per_jaar_som(code, "van_gas_woningen"),
            van_gas_jaren=", ".join(str(j) for j in sorted(set(wg["jaar"][gas]))) or None,
            kosten_eur=round(float(wg["kosten_eur"].sum()), 2),
            eerste_jaar=None if not len(wg) else int(wg["jaar"].min()),
            laatste_jaar=None if not len(wg) else int(wg["jaar"].max()),
            gerealiseerd_woningen=gerealiseerd,
            startpunt_warmtenet="ja" if genoeg and woningen > 0 else "nee",
            toelichting="; ".join(reden) + ("" if past else f"; geen startpunt: de TVW kiest {strategie}")))
    return pd.DataFrame(rijen)
