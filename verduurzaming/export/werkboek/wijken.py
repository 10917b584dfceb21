"""The per-wijk sheets: Wijken, Gemeente, Wijk per jaar and Wijkpagina's."""

from __future__ import annotations

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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
    tot = wj.groupby("wijk_code")[["binnen_wup_woningen", "buiten_wup_woningen"]].sum() if len(wj) else pd.DataFrame()
    ren = wj.pivot_table(index="wijk_code", columns="jaar", values="renovaties_woningen", aggfunc="sum") \
        if len(wj) else pd.DataFrame()
    kolommen = [Kolom("Wijkcode", "tekst", 11), Kolom("Wijk", "tekst"), Kolom("Gemeente", "tekst"),
                Kolom("TVW-strategie", "tekst", 13), Kolom("WUP start", "jaar", 8), Kolom("WUP gereed", "jaar", 8),
                Kolom("Uitvoering start", "jaar", 9), Kolom("Uitvoering eind", "jaar", 9),
                Kolom("Aardgasvrij", "jaar", 9), Kolom("Complexen", "int", 9),
                Kolom("Corporatie-woningen", "int", 11), Kolom(f"E/F/G begin {jaren[0]}" if jaren else "E/F/G", "int", 9),
                Kolom("Renovaties binnen WUP (woningen)", "int", 11), Kolom("Renovaties buiten WUP (woningen)", "int", 11),
                Kolom("CO2 nu (ton)", "dec1", 10), Kolom(f"CO2 eind {jaren[-1]} (ton)" if jaren else "CO2 eind", "dec1", 10)] + \
        [Kolom(f"Renovaties {j}", "int", 10) for j in jaren]

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
                      get(tot, code, "buiten_wup_woningen"),
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
             ("efg_start", Kolom("E/F/G bij start", "int", 9)), ("renovatie_woningen", Kolom("Renovaties (woningen)", "int", 11)),
             ("binnen_wup_woningen", Kolom("Binnen WUP (woningen)", "int", 11)),
             ("buiten_wup_woningen", Kolom("Buiten WUP (woningen)", "int", 11)),
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


def _efg_eind_jaar(cx: pd.DataFrame, jaren: list[int]) -> dict[int, pd.Series]:
    """E/F/G dwellings per complex at the end of each year: before its works ``n_efg``, from its
    renovation year on ``n_efg_na`` (a look-up in the plan's own columns, no re-plan)."""
    voor = pd.to_numeric(cx.get("n_efg"), errors="coerce").fillna(0)
    na = pd.to_numeric(cx.get("n_efg_na", voor), errors="coerce").fillna(voor)
    jaar = pd.to_numeric(cx.get("jaar"), errors="coerce").astype(float)
    return {j: na.where((jaar <= j).fillna(False).astype(bool), voor) for j in jaren}


_WIJK_JAAR = [Kolom("Wijkcode", "tekst", 11), Kolom("Wijk", "tekst", 14, 20), Kolom("Jaar", "jaar", 6),
              Kolom("Corporatie", "tekst", 14, 24), Kolom("Complexen gerenoveerd", "int", 10),
              Kolom("Woningen gerenoveerd", "int", 10), Kolom("Woningen E/F/G eind jaar", "int", 10),
              Kolom("Kosten (€)", "eur", 13), Kolom("Binnen WUP-uitvoering (woningen)", "int", 11),
              Kolom("Aardgasvrij-klaar (woningen)", "int", 11)]


def _wijk_per_jaar(wb, plan, portefeuille, jaren):
    """Wijk x year x corporation: what a WUP takes over as it is (renovated, E/F/G left, cost)."""
    cx = plan.complexen
    info = _wijkinfo(portefeuille)
    rijen = []
    if len(cx) and jaren and "wijk_code" in cx:
        efg = _efg_eind_jaar(cx, jaren)
        wcode = cx["wijk_code"].fillna("(geen wijk)").astype(str)
        corp = cx["corporatie"].astype(str)
        jaar = pd.to_numeric(cx.get("jaar"), errors="coerce").astype(float)
        kosten = pd.to_numeric(cx.get("kosten_eur"), errors="coerce").astype(float).fillna(0)
        woningen = pd.to_numeric(cx.get("woningen"), errors="coerce").fillna(0)
        binnen = cx["binnen_wup"].map(lambda v: not _leeg(v) and (v is True or v == "ja" or v == 1)).astype(bool) \
            if "binnen_wup" in cx else \
            pd.Series(False, index=cx.index)
        agv = cx["redenen"].fillna("").astype(str).str.contains("aardgasvrij-ready", regex=False) \
            if "redenen" in cx else pd.Series(False, index=cx.index)
        sleutel = [wcode.rename("w"), corp.rename("c")]
        efg_wc = pd.DataFrame({j: efg[j].groupby(sleutel).sum() for j in jaren})
        d = pd.DataFrame({"w": wcode, "c": corp, "j": jaar, "n": 1, "won": woningen, "kosten": kosten,
                          "binnen": woningen.where(binnen.to_numpy(), 0.0), "agv": woningen.where(agv.to_numpy(), 0.0)})
        ren = d[d["j"].notna()].groupby(["w", "c", "j"])[["n", "won", "kosten", "binnen", "agv"]].sum()
        ren_d = {(w, c, float(j)): vals for (w, c, j), vals in zip(ren.index, ren.itertuples(index=False, name=None), strict=False)}
        efg_d = efg_wc.to_dict("index")
        namen = info["wijk_naam"].to_dict() if "wijk_naam" in info else {}
        leeg = (0, 0.0, 0.0, 0.0, 0.0)
        for (w, c) in sorted(efg_d):
            naam = namen.get(w)
            for j in jaren:
                n, won, kos, bin_, agv_ = ren_d.get((w, c, float(j)), leeg)
                rijen.append([w, naam, j, c, int(n), float(won), float(efg_d[(w, c)][j]), float(kos), float(bin_),
                              float(agv_)])
    return _tabelblad(wb, "Wijk per jaar", "WijkPerJaar", _WIJK_JAAR, rijen, rijen[:300], freeze="E2")


_WIJKPAGINA = [Kolom("Corporatie", "tekst", 16, 16, True), Kolom("Complex", "tekst", 9, 9),
               Kolom("Complexnaam", "tekst", 22, 22, True), Kolom("Woningen", "int", 9, 9),
               Kolom("Label nu", "label", 7, 7), Kolom("Label na", "label", 7, 7),
               Kolom("Woningen E/F/G nu", "int", 9, 9), Kolom("Jaar", "jaar", 6, 6),
               Kolom("Pakket", "tekst", 28, 28, True), Kolom("Kosten (€)", "eur", 13, 13),
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

    nodig = [k for k in ("corporatie", "complex_id", "complex_naam", "woningen", "slechtste_label",
                         "slechtste_label_na", "n_efg", "jaar", "pakket_naam", "kosten_eur", "binnen_wup", "wijk_code")
             if k in cx]
    cx = cx[nodig]
    per_wijk = cx.groupby(cx["wijk_code"].astype(str)).indices if "wijk_code" in cx else {}
    for code in codes:
        sub = cx.iloc[per_wijk[code]] if code in per_wijk else cx.iloc[:0]
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
        gepland = sub["jaar"].notna() if "jaar" in sub else pd.Series(False, index=sub.index)
        corps = ", ".join(f"{c} ({_fmt_aantal(n)})" for c, n in
                          won.groupby(sub["corporatie"].astype(str)).sum().items()) if len(sub) else "geen"
        tekstrij(f"Corporatiewoningen: {_fmt_aantal(won.sum())} in {len(sub)} complexen ({corps}); "
                 f"E/F/G nu {_fmt_aantal(efg.sum())}; gepland: {int(gepland.sum())} complexen, "
                 f"{_fmt_aantal(won[gepland.to_numpy()].sum())} woningen")
        tekstrij("")
        ws.row_dimensions[rij_nr + 1].height = _kop_hoogte(_WIJKPAGINA, breedtes)
        ws.append([_kopcel(ws, k.kop) for k in _WIJKPAGINA])
        del ws.row_dimensions[rij_nr + 1]
        rij_nr += 1
        if len(sub):
            volg = sub.assign(_j=pd.to_numeric(sub.get("jaar"), errors="coerce")).sort_values(
                ["_j", "corporatie", "complex_id"], na_position="last", kind="stable")
            for waarden_rij in volg.to_dict("records"):
                d = waarden_rij
                k = d.get("kosten_eur")
                w = d.get("woningen")
                per = None if _leeg(k) or not w else round(float(k) / float(w))
                waarden = [d.get("corporatie"), d.get("complex_id"), d.get("complex_naam"), w,
                           d.get("slechtste_label"), d.get("slechtste_label_na"), d.get("n_efg"),
                           d.get("jaar") if not _leeg(d.get("jaar")) else None, d.get("pakket_naam"), k, per,
                           d.get("binnen_wup") if not _leeg(d.get("jaar")) else None]
                hoog = _rij_hoogte(waarden, _WIJKPAGINA, breedtes)
                if hoog > 1:
                    ws.row_dimensions[rij_nr + 1].height = 15.0 * hoog
                ws.append(rs.rij(waarden))
                if hoog > 1:
                    del ws.row_dimensions[rij_nr + 1]
                rij_nr += 1
        kosten = pd.to_numeric(sub.get("kosten_eur"), errors="coerce").fillna(0).sum() if len(sub) else 0
        tot = rs.rij(["Totaal", None, f"{len(sub)} complexen", won.sum(), None, None, efg.sum(), None,
                      f"{int(gepland.sum())} gepland", kosten,
                      round(kosten / won[gepland.to_numpy()].sum()) if won[gepland.to_numpy()].sum() else None, None])
        for c in tot:
            if c is not None:
                c.font = vet
        ws.append(tot)
        rij_nr += 1
        ws.row_breaks.append(Break(id=rij_nr))
    _pagina(ws, len(_WIJKPAGINA), max(rij_nr, 1), titelrij=False)
    ws.page_setup.orientation = "landscape"
    return ws
