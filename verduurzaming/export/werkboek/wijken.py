"""The per-wijk sheets: Wijken, Gemeente, Wijk per jaar and Wijkpagina's."""

from __future__ import annotations

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ...tekst import getal
from ..werkmap import KOP_KLEUR as _KOP_KLEUR
from ..werkmap import LETTERTYPE as _FONT
from ..werkmap import Kolom, veilige_tekst
from ..werkmap import Rijschrijver as _Rijschrijver
from ..werkmap import kolombreedtes as _breedtes
from ..werkmap import kop_hoogte as _kop_hoogte
from ..werkmap import kopcel as _kopcel
from ..werkmap import leeg as _leeg
from ..werkmap import pagina as _pagina
from ..werkmap import rij_hoogte as _rij_hoogte
from ..werkmap import tabelblad as _tabelblad
from ..werkmap import voor_rijen as _voor_rijen
from ..werkmap import zet_tekst as _zet_tekst
from .hulpmiddelen import _fmt_aantal, _kolom, _wijkinfo
from .planningsblad import werken_met_complex


def _wijken(wb, plan, portefeuille, jaren):
    info = _wijkinfo(portefeuille)
    cx = plan.complexen
    wj = plan.wijk_jaar
    codes = list(info.index)
    if len(wj):
        codes += [c for c in dict.fromkeys(wj["wijk_code"]) if c not in set(codes)]
    g = cx.groupby("wijk_code") if "wijk_code" in cx else None
    agg = g.agg(complexen=("complex_id", "size"), woningen=("woningen", "sum"),
                co2=("co2_kg_voor", "sum")) if g is not None else pd.DataFrame()
    eerste = wj[wj["jaar"] == jaren[0]].set_index("wijk_code") if len(wj) and jaren else pd.DataFrame()
    laatste = wj[wj["jaar"] == jaren[-1]].set_index("wijk_code") if len(wj) and jaren else pd.DataFrame()
    tot = wj.groupby("wijk_code")[[k for k in ("binnen_wup_woningen", "buiten_wup_woningen", "van_gas_woningen",
                                                "kosten_eur") if k in wj]].sum() if len(wj) else pd.DataFrame()
    ren = wj.pivot_table(index="wijk_code", columns="jaar", values="renovaties_woningen", aggfunc="sum") \
        if len(wj) else pd.DataFrame()
    kolommen = [Kolom("Wijkcode", "tekst", 11), Kolom("Wijk", "tekst"), Kolom("Gemeente", "tekst"),
                Kolom("TVW-strategie", "tekst", 13), Kolom("WUP start", "jaar", 8), Kolom("WUP gereed", "jaar", 8),
                Kolom("Uitvoering start", "jaar", 9), Kolom("Uitvoering eind", "jaar", 9),
                Kolom("Aardgasvrij", "jaar", 9), Kolom("Complexen", "int", 9),
                Kolom("Corporatie-woningen", "int", 11), Kolom(f"E/F/G begin {jaren[0]}" if jaren else "E/F/G", "int", 9),
                Kolom("Renovaties binnen WUP (woningen)", "dec1", 11), Kolom("Renovaties buiten WUP (woningen)", "dec1", 11),
                Kolom("Van het gas af (woningen)", "dec1", 10), Kolom("Kosten alle werken (€)", "eur", 13),
                Kolom("CO2 nu (ton)", "dec1", 10), Kolom(f"CO2 eind {jaren[-1]} (ton)" if jaren else "CO2 eind", "dec1", 10)] + \
        [Kolom(f"Renovaties {j}", "dec1", 10) for j in jaren]

    def get(df, idx, col):
        try:
            return df.at[idx, col]
        except (KeyError, ValueError):
            return None

    rijen = []
    for code in codes:
        co2_nu, co2_eind = get(agg, code, "co2"), get(laatste, code, "co2_kg")
        rijen.append([code, get(info, code, "wijk_naam"), get(info, code, "gemeente_naam"),
                      get(info, code, "strategie"), get(info, code, "wup_start"), get(info, code, "wup_gereed"),
                      get(info, code, "uitvoering_start"), get(info, code, "uitvoering_eind"),
                      get(info, code, "aardgasvrij_jaar"), get(agg, code, "complexen"), get(agg, code, "woningen"),
                      get(eerste, code, "n_efg"), get(tot, code, "binnen_wup_woningen"),
                      get(tot, code, "buiten_wup_woningen"), get(tot, code, "van_gas_woningen"),
                      get(tot, code, "kosten_eur"),
                      None if _leeg(co2_nu) else float(co2_nu) / 1000, None if _leeg(co2_eind) else float(co2_eind) / 1000,
                      *[get(ren, code, j) for j in jaren]])
    ws, n = _tabelblad(wb, "Wijken", "Wijken", kolommen, rijen, rijen[:500], freeze="C2")
    _twee_paginas_breed(ws)
    return ws, n


_GEMEENTE = [("wijk_code", Kolom("Wijkcode", "tekst", 11)), ("wijk_naam", Kolom("Wijk", "tekst")),
             ("strategie", Kolom("TVW-strategie", "tekst", 13)), ("uitvoering_start", Kolom("Uitvoering start", "jaar", 9)),
             ("uitvoering_eind", Kolom("Uitvoering eind", "jaar", 9)), ("aardgasvrij_jaar", Kolom("Aardgasvrij", "jaar", 9)),
             ("corporaties", Kolom("Corporaties (woningen)", "tekst", 24, 30, True)), ("complexen", Kolom("Complexen", "int", 9)),
             ("corporatiewoningen", Kolom("Corporatie-woningen", "int", 11)),
             ("woningvoorraad", Kolom("Woningvoorraad (CBS)", "int", 11)),
             ("aandeel_corporatie_pct", Kolom("Aandeel corporatie", "pct", 10)),
             ("efg_start", Kolom("E/F/G bij start", "int", 9)), ("renovatie_woningen", Kolom("Renovaties (woningen)", "dec1", 11)),
             ("binnen_wup_woningen", Kolom("Binnen WUP (woningen)", "dec1", 11)),
             ("buiten_wup_woningen", Kolom("Buiten WUP (woningen)", "dec1", 11)),
             ("van_gas_woningen", Kolom("Van het gas af (woningen)", "dec1", 10)),
             ("van_gas_jaren", Kolom("Van het gas af (jaren)", "tekst", 10)),
             ("kosten_eur", Kolom("Kosten alle werken (€)", "eur", 13)),
             ("eerste_jaar", Kolom("Eerste werkjaar", "jaar", 9)), ("laatste_jaar", Kolom("Laatste werkjaar", "jaar", 9)),
             ("startpunt_warmtenet", Kolom("Startpunt warmtenet", "tekst", 11)), ("toelichting", Kolom("Toelichting", "tekst", 36, 40, True))]


def _gemeente(wb, plan):
    """Per wijk all corporations' works against the WUP, and the warmtenet starting points (plan.gemeente)."""
    g = plan.gemeente
    n = len(g)
    kolommen = [k for _, k in _GEMEENTE]
    rijen = list(zip(*[_kolom(g, naam, n) for naam, _ in _GEMEENTE], strict=False)) if n else []
    ws, n_rijen = _tabelblad(wb, "Gemeente", "Gemeente", kolommen, rijen, rijen[:500], freeze="C2")
    _twee_paginas_breed(ws)
    return ws, n_rijen


def _twee_paginas_breed(ws) -> None:
    """A wide per-wijk sheet prints two pages wide at a readable size, wijk code and name on both."""
    ws.page_setup.fitToWidth = 2
    ws.print_title_cols = "A:B"


_WIJK_JAAR = [Kolom("Wijkcode", "tekst", 11), Kolom("Wijk", "tekst", 14, 20), Kolom("Jaar", "jaar", 6),
              Kolom("Corporatie", "tekst", 14, 24), Kolom("Complexen gerenoveerd", "int", 10),
              Kolom("Woningen gerenoveerd", "dec1", 10), Kolom("Woningen E/F/G eind jaar", "int", 10),
              Kolom("Kosten alle werken (€)", "eur", 13), Kolom("Binnen WUP-uitvoering (woningen)", "dec1", 11),
              Kolom("Aardgasvrij-klaar (woningen)", "dec1", 11), Kolom("Van het gas af (woningen)", "dec1", 10)]


def _wijk_per_jaar(wb, plan, portefeuille, jaren):
    """Wijk x year x corporation: what a WUP takes over as it is (renovated, E/F/G left, cost); the ledger of
    works summed, E/F/G at the end of a year the start count less what the works and demolitions took away."""
    cx, w = plan.complexen, plan.werken
    info = _wijkinfo(portefeuille)
    rijen = []
    if len(cx) and jaren and "wijk_code" in cx:
        sleutel = [cx["wijk_code"].fillna("(geen wijk)").astype(str).rename("w"), cx["corporatie"].astype(str).rename("c")]
        efg_start = pd.to_numeric(cx["n_efg"], errors="coerce").fillna(0).groupby(sleutel).sum()
        ren = w["soort"].eq("renovatie")
        agv_klaar = ren & w["redenen"].fillna("").astype(str).str.contains("aardgasvrij-ready", regex=False)
        d = pd.DataFrame({
            "w": w["wijk_code"].fillna("(geen wijk)").astype(str), "c": w["corporatie"].astype(str), "j": w["jaar"],
            "n": ren.astype(int), "won": w["woningen_aangepakt"].where(ren, 0.0), "efg": w["efg_weg"],
            "kosten": w["kosten_eur"], "binnen": w["woningen_aangepakt"].where(ren & w["binnen_wup"].fillna(False)
                                                                               .astype(bool), 0.0),
            "agv": w["woningen_aangepakt"].where(agv_klaar, 0.0),
            "gas": w["woningen_aangepakt"].where(w["soort"].eq("van_gas"), 0.0)})
        per = d.groupby(["w", "c", "j"]).sum().to_dict("index")
        namen = info["wijk_naam"].to_dict() if "wijk_naam" in info else {}
        leeg = dict(n=0, won=0.0, efg=0, kosten=0.0, binnen=0.0, agv=0.0, gas=0.0)
        for (wc, c), start in sorted(efg_start.items()):
            over = float(start)
            for j in jaren:
                v = per.get((wc, c, j), leeg)
                over -= v["efg"]
                rijen.append([wc, namen.get(wc), j, c, int(v["n"]), round(float(v["won"]), 1), over,
                              round(float(v["kosten"]), 2), round(float(v["binnen"]), 1), round(float(v["agv"]), 1),
                              round(float(v["gas"]), 1)])
    return _tabelblad(wb, "Wijk per jaar", "WijkPerJaar", _WIJK_JAAR, rijen, rijen[:300], freeze="E2")


_WIJKPAGINA = [Kolom("Corporatie", "tekst", 16, 16, True), Kolom("Complex", "tekst", 9, 9),
               Kolom("Complexnaam", "tekst", 22, 22, True), Kolom("Woningen aangepakt", "dec1", 9, 9),
               Kolom("Label nu", "label", 7, 7), Kolom("Label na", "label", 7, 7),
               Kolom("E/F/G weg", "int", 8, 8), Kolom("Jaar", "jaar", 6, 6),
               Kolom("Werk", "tekst", 30, 30, True), Kolom("Kosten (€)", "eur", 13, 13),
               Kolom("Kosten per woning (€)", "eur", 10, 10), Kolom("Binnen WUP-uitvoering", "janee", 10, 10)]


def _wijkpaginas(wb, plan, portefeuille):
    """One printed page per wijk: its TVW years, the corporations' complexes there and the totals."""
    from openpyxl.worksheet.pagebreak import Break
    ws = wb.create_sheet("Wijkpagina's")
    breedtes = _breedtes(_WIJKPAGINA, [])
    for i, w in enumerate(breedtes, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.sheet_view.showGridLines = False
    _voor_rijen(ws)
    rs = _Rijschrijver(ws, _WIJKPAGINA)
    cx = plan.complexen
    info = _wijkinfo(portefeuille)
    codes = list(info.index)
    if "wijk_code" in cx:
        codes += [c for c in dict.fromkeys(cx["wijk_code"].dropna().astype(str)) if c not in set(codes)]
    rij_nr = 0
    titel_font = Font(name=_FONT, bold=True, size=14, color=_KOP_KLEUR)
    vet = Font(name=_FONT, bold=True)

    def tekstrij(tekst, font=None):
        nonlocal rij_nr
        c = WriteOnlyCell(ws)
        _zet_tekst(c, veilige_tekst(tekst))
        if font is not None:
            c.font = font
        ws.append([c])
        rij_nr += 1

    def jaar(code, k):
        v = info.at[code, k] if code in info.index and k in info else None
        return "—" if _leeg(v) else str(int(v)) if isinstance(v, (int, float)) else str(v)

    werken = werken_met_complex(plan)
    werken_per_wijk = werken.groupby(werken["wijk_code"].astype(str)).indices if len(werken) else {}
    zonder_werk = cx[~pd.Series(list(zip(cx["corporatie"].astype(str), cx["complex_id"].astype(str), strict=False)),
                                index=cx.index).isin(set(zip(werken["corporatie"].astype(str),
                                                             werken["complex_id"].astype(str), strict=False)))] \
        if len(cx) else cx
    per_wijk = cx.groupby(cx["wijk_code"].astype(str)).indices if "wijk_code" in cx else {}
    zonder_per_wijk = zonder_werk.groupby(zonder_werk["wijk_code"].astype(str)).indices \
        if "wijk_code" in zonder_werk and len(zonder_werk) else {}
    for code in codes:
        sub = cx.iloc[per_wijk[code]] if code in per_wijk else cx.iloc[:0]
        ws_w = werken.iloc[werken_per_wijk[code]] if code in werken_per_wijk else werken.iloc[:0]
        naam = info.at[code, "wijk_naam"] if code in info.index and "wijk_naam" in info else None
        gem = info.at[code, "gemeente_naam"] if code in info.index and "gemeente_naam" in info else None
        tekstrij(f"Wijk {naam or ''} ({code})" + (f", gemeente {gem}" if not _leeg(gem) and gem else ""), titel_font)
        strategie = info.at[code, "strategie"] if code in info.index and "strategie" in info else None
        tekstrij(f"Transitievisie Warmte: {strategie if not _leeg(strategie) else 'geen strategie bekend'}; "
                 f"WUP start {jaar(code, 'wup_start')}, gereed {jaar(code, 'wup_gereed')}; uitvoering "
                 f"{jaar(code, 'uitvoering_start')}–{jaar(code, 'uitvoering_eind')}; aardgasvrij "
                 f"{jaar(code, 'aardgasvrij_jaar')}")
        won = pd.to_numeric(sub.get("woningen"), errors="coerce").fillna(0)
        efg = pd.to_numeric(sub.get("n_efg"), errors="coerce").fillna(0)
        ren = ws_w[ws_w["soort"].eq("renovatie")] if len(ws_w) else ws_w
        gas = ws_w[ws_w["soort"].eq("van_gas")] if len(ws_w) else ws_w
        corps = ", ".join(f"{c} ({_fmt_aantal(n)})" for c, n in
                          won.groupby(sub["corporatie"].astype(str)).sum().items()) if len(sub) else "geen"
        ren_won = round(float(ren["woningen_aangepakt"].sum()), 1) if len(ren) else 0
        gas_won = round(float(gas["woningen_aangepakt"].sum()), 1) if len(gas) else 0
        # two lines: one would run past the printed page's right edge
        tekstrij(f"Corporatiewoningen: {_fmt_aantal(won.sum())} in {len(sub)} complexen ({corps}); "
                 f"E/F/G nu {_fmt_aantal(efg.sum())}")
        tekstrij(f"Gepland: {len(ws_w)} werken, waarvan {len(ren)} renovaties "
                 f"({getal(ren_won, 0 if float(ren_won).is_integer() else 1)} woningen aangepakt) en {len(gas)} "
                 f"complexen van het gas af ({_fmt_aantal(gas_won)} woningen)")
        tekstrij("")
        ws.row_dimensions[rij_nr + 1].height = _kop_hoogte(_WIJKPAGINA, breedtes)
        ws.append([_kopcel(ws, k.kop) for k in _WIJKPAGINA])
        del ws.row_dimensions[rij_nr + 1]
        rij_nr += 1
        geen = zonder_werk.iloc[zonder_per_wijk[code]] if code in zonder_per_wijk else zonder_werk.iloc[:0]
        regels = [[d.get("corporatie"), d.get("complex_id"), d.get("complex_naam"), d.get("woningen_aangepakt"),
                   d.get("slechtste_label"), d.get("slechtste_label_na"), d.get("efg_weg"), d.get("jaar"),
                   d.get("omschrijving"), d.get("kosten_eur"), d.get("kosten_per_woning_eur"),
                   d.get("binnen_wup") if d.get("soort") == "renovatie" else None]
                  for d in ws_w.to_dict("records")]
        regels += [[d.get("corporatie"), d.get("complex_id"), d.get("complex_naam"), None, d.get("slechtste_label"),
                    d.get("slechtste_label_na"), None, None, d.get("werk") or "geen werk gepland", None, None, None]
                   for d in geen.to_dict("records")]
        for waarden in regels:
            waarden = [None if _leeg(v) else v for v in waarden]
            hoog = _rij_hoogte(waarden, _WIJKPAGINA, breedtes)
            if hoog > 1:
                ws.row_dimensions[rij_nr + 1].height = 15.0 * hoog
            ws.append(rs.rij(waarden))
            if hoog > 1:
                del ws.row_dimensions[rij_nr + 1]
            rij_nr += 1
        kosten = round(float(ws_w["kosten_eur"].sum()), 2) if len(ws_w) else 0.0
        tot = rs.rij(["Totaal", None, f"{len(sub)} complexen", None, None, None,
                      int(ws_w["efg_weg"].sum()) if len(ws_w) else 0, None, f"{len(ws_w)} werken", kosten, None, None])
        for c in tot:
            if c is not None:
                c.font = vet
        ws.append(tot)
        rij_nr += 1
        ws.row_breaks.append(Break(id=rij_nr))
    _pagina(ws, len(_WIJKPAGINA), max(rij_nr, 1), titelrij=False)
    ws.page_setup.orientation = "landscape"
    return ws
