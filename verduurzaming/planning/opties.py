"""Options per complex: what each renovation package would do to a complex, and when it may.

Everything here is vectorised over complexes (C) and packages (P); the per-dwelling work
(EP2 after each package, label after, gas use) is one numpy pass over all dwellings per
package plus a ``bincount`` per complex, so a national stock (2.3 M dwellings) costs seconds.

Each catalog package is offered in three scopes (``SCOPES``; the package axis is package x scope):
the whole complex, only its E/F/G dwellings (the P90 set where labels are uncertain), or only the
E/F/G dwellings a label survey (heropname) finds, each uncertain dwelling at its E/F/G probability.
One option per complex: a dwelling-level approach now and a whole-complex package later is not
modelled. The switch off gas (district heat or all-electric, per the TVW) is a second work; its
effect after every option is in the ``sw_*`` arrays. Rules and sources: ``docs/regels.md``.

The domain modules (``measures``, ``co2``, ``solar``, ``huur``) are used through the small
functions at the bottom of this file, which fit their interfaces to the planner's arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import co2, maatregelen, vrijstelling, woning, zon
from .. import labels as L
from ..defaults import lees

N_LAB = len(L.LABELS)
RANG_D = L.RANG["D"]
RANG_E = L.RANG["E"]
_LABEL_ARR = np.array(L.LABELS, dtype=object)
_TYPISCH = np.array([L.EP2_TYPISCH_KWH_M2[lab] for lab in L.LABELS], dtype=float)

#: the row of ``monument_pakketten.csv`` that says whether a monument may take PV
_PV_PAKKET = "zonnepanelen"

#: the scope of an option (its ``aanpak``): the whole complex, only its E/F/G dwellings (the P90 set when
#: labels are uncertain: "losse woningaanpak"), or only the E/F/G dwellings a label survey (heropname) finds
SCOPES = ("heel complex", "alleen E/F/G-woningen", "E/F/G-woningen na heropname")


def _int_or_na(s: pd.Series) -> np.ndarray:
    """Int64-ish column as float array with NaN for missing."""
    return pd.to_numeric(pd.Series(s, dtype="object"), errors="coerce").to_numpy(dtype=float)


@dataclass
class Opties:
    """Per-complex facts and per complex x package effects, aligned with ``complexen`` rows."""

    complexen: pd.DataFrame            # the portfolio's complex rows, reset index
    cat: pd.DataFrame                  # renovation packages (rows = P)
    pakketten: list[str]
    jaren: list[int]
    # per complex (C)
    corporatie: np.ndarray
    woningen: np.ndarray               # dwellings
    gbo: np.ndarray                    # m2
    n0: np.ndarray                     # C x L dwellings per label now
    ep2sum0: np.ndarray                # sum(ep2 * gbo)
    efg0: np.ndarray                   # dwellings E/F/G now
    efg_gewicht: np.ndarray            # sum over E/F/G dwellings of (rank - D): worst first weight
    vrij: np.ndarray                   # exempt from the E/F/G deadline (monument, demolition)
    onderhoud: np.ndarray              # DMJOP year (NaN)
    wup_start: np.ndarray
    wup_eind: np.ndarray
    agv_jaar: np.ndarray
    strategie: np.ndarray
    heeft_gas: np.ndarray
    gas0: np.ndarray                   # m3/yr whole complex (metered, else estimated)
    # per complex x package (C x P)
    kosten: np.ndarray                 # EUR before DMJOP discount, price level ``prijspeil``
    n_na: np.ndarray                   # C x P x L
    ep2sum_na: np.ndarray
    wist_efg: np.ndarray               # brings all dwellings to D or better
    toegestaan: np.ndarray             # fits the TVW strategy (years aside)
    gas_na: np.ndarray
    elek_extra: np.ndarray             # kWh/yr electricity for heating added (vs elek0)
    warmte: np.ndarray                 # GJ/yr district heat after the package (total)
    agv: np.ndarray                    # C x P: every dwelling aardgasvrij-ready (Standaard met or off gas) after
    # per package
    warmtenet: np.ndarray
    # PV per complex
    pv_mogelijk: np.ndarray
    pv_aanwezig: np.ndarray
    pv_panelen: np.ndarray
    pv_kwp: np.ndarray
    pv_kwh: np.ndarray
    pv_kosten: np.ndarray
    pv_ep2_red: np.ndarray             # kWh/m2 reduction of the complex's EP2
    # energy now, the Standaard, scope and survey (C, C x P, per package column)
    elek0: np.ndarray    # C: kWh/yr electricity for heating now (heat pumps, hybrids)
    warmte0: np.ndarray  # C: GJ/yr district heat now
    n_std0: np.ndarray   # C: dwellings aardgasvrij-ready now (Standaard met, or off gas)
    n_std_na: np.ndarray  # C x P: the same after the package
    scope: np.ndarray    # per package column: index into SCOPES (0 whole complex)
    werk: np.ndarray     # C x P: dwellings worked on (capacity); expected count after a survey
    efg_verwacht: np.ndarray  # C: expected E/F/G (uncertain labels at their class probability)
    efg_p90: np.ndarray  # C: pessimistic (P90) E/F/G, at least the most likely count
    n_heropname: np.ndarray  # C: dwellings a survey would measure (uncertain labels at risk)
    # the switch off gas as a second work: possible per complex, its target, and the state after option j plus
    # the switch (C x P, C x P x L) or after the switch alone (``*0``, C); costs at price level ``prijspeil``
    schakel_mogelijk: np.ndarray
    schakel_naar: np.ndarray
    sw_kosten: np.ndarray
    sw_n_na: np.ndarray
    sw_ep2sum: np.ndarray
    sw_gas: np.ndarray
    sw_elek: np.ndarray
    sw_warmte: np.ndarray
    sw_kosten0: np.ndarray
    sw_n0: np.ndarray
    sw_ep2sum0: np.ndarray
    sw_gas0: np.ndarray
    sw_elek0: np.ndarray
    sw_warmte0: np.ndarray
    # dwellings whose label gets better: after option j (C x P), after option j plus the switch off gas (C x P)
    # and after the switch alone (C)
    beter: np.ndarray
    sw_beter: np.ndarray
    sw_beter0: np.ndarray
    # per complex
    planbaar: np.ndarray  # C: may get works at all (not a complex demolished by the deadline)
    tvw_eis: np.ndarray   # C: must be off gas (or aardgasvrij-ready) by its wijk's year within the horizon
    monument: np.ndarray  # C: exempt, but plannable with the packages monument_pakketten.csv allows
    pv_kwh_per_kwp: np.ndarray | None = None  # yield used per complex (by its roof orientation)
    pv_orientatie: np.ndarray | None = None   # the pv_opbrengst.csv row used (``onbekend`` without a measured roof)
    bronnen: dict[str, str] = field(default_factory=dict)
    factoren: pd.DataFrame | None = None   # CO2 factor table with the scenario's overrides
    heropname_eur: float = 0.0         # survey cost per dwelling, price level ``prijspeil``
    prijspeil: int = 2026              # price level of ``kosten``
    prijsstijging_pct: float = 3.0     # yearly cost growth after the CBS index's last year
    indexeren: bool = True             # False: a given catalog's costs hold in every year as they are

    def prijsfactor(self, jaar) -> np.ndarray | float:
        """Factor from the price level of ``kosten`` to the price level of ``jaar`` (works done then)."""
        if not self.indexeren:
            return np.ones(np.shape(jaar)) if np.ndim(jaar) else 1.0
        if np.ndim(jaar):
            uniek = {int(y): maatregelen.prijsfactor(self.prijspeil, int(y), self.prijsstijging_pct)
                     for y in np.unique(np.asarray(jaar)[np.asarray(jaar) > 0])}
            return np.array([uniek.get(int(y), 1.0) for y in np.asarray(jaar).ravel()]).reshape(np.shape(jaar))
        return maatregelen.prijsfactor(self.prijspeil, int(jaar), self.prijsstijging_pct) if jaar else 1.0

    @property
    def C(self) -> int:
        return len(self.woningen)

    @property
    def P(self) -> int:
        return len(self.pakketten)

    def jaar_toegestaan(self, jaar: int, cidx: np.ndarray | None = None) -> np.ndarray:
        """C x P (or len(cidx) x P): package allowed in ``jaar`` (strategy, and warmtenet only
        inside the wijk's uitvoering window)."""
        idx: np.ndarray | slice = slice(None) if cidx is None else cidx
        binnen = (self.wup_start[idx] <= jaar) & (jaar <= self.wup_eind[idx])
        return self.toegestaan[idx] & (~self.warmtenet[None, :] | binnen[:, None])

    def binnen_wup(self, jaar: np.ndarray, ci: np.ndarray) -> np.ndarray:
        """True/False per (complex, year); NaN-window complexes give False (caller masks)."""
        return (self.wup_start[ci] <= jaar) & (jaar <= self.wup_eind[ci])

    def optie(self, pakket: object, aanpak: object = None) -> int:
        """The option index of catalog package ``pakket`` in scope ``aanpak`` (one of ``SCOPES``; another value,
        or none, is the whole complex): ``scope * packages + package``; -1 for a package the catalog lacks."""
        P = self.P // len(SCOPES) if self.P else 0
        if not isinstance(pakket, str) or pakket not in self.pakketten[:P]:
            return -1
        s = SCOPES.index(aanpak) if isinstance(aanpak, str) and aanpak in SCOPES else 0
        return s * P + self.pakketten.index(pakket)

    def co2(self, gas, elek, warmte, jaar: int) -> np.ndarray:
        fg, fe, fw = co2_factoren(jaar, self.factoren)
        return fg * gas + fe * elek + fw * warmte


def vroegste_werkjaar(scenario) -> int:
    """The first year a work not listed as prepared in ``[[vastgelegd]]`` may start: the first plan year plus the
    lead time (``[gewichten] voorbereidingstijd_jaar``); label surveys are not bound by it."""
    return min(scenario.jaren) + int(scenario.gewicht("voorbereidingstijd_jaar", 0.0)) if scenario.jaren else 0


def van_gas_handregel(o: Opties, scenario, pakket: np.ndarray, jaar: np.ndarray) -> np.ndarray:
    """The switch off gas as a spreadsheet planner would add it to given renovations: per complex that must go
    off gas (``o.schakel_mogelijk``) and whose package does not take it off gas by the wijk's year, the latest
    year inside the uitvoering window and not after the wijk's year in which it is aardgasvrij-ready (now, or
    after its renovation). Returns the year per complex, 0 none (not ready in time: it stays on gas)."""
    C = o.C
    uit = np.zeros(C, dtype=np.int64)
    heeft = pakket >= 0
    p = np.where(heeft, pakket, 0)
    ar = np.arange(C)
    al_af = heeft & (o.agv[ar, p] if o.P else False) & (jaar <= o.agv_jaar)
    klaar_na = heeft & ((o.n_std_na[ar, p] if o.P else 0) >= o.woningen - 1e-9)
    klaar_nu = o.n_std0 >= o.woningen - 1e-9
    venster = np.isfinite(o.wup_start) | np.isfinite(o.wup_eind)
    vroegst = vroegste_werkjaar(scenario)
    for Y in sorted(scenario.jaren, reverse=True):
        if Y < vroegst:   # the same lead time as every other work
            continue
        ok = o.schakel_mogelijk & ~al_af & (uit == 0) & (o.agv_jaar >= Y)
        ok &= ~venster | ((o.wup_start <= Y) & (o.wup_eind >= Y))
        ok &= klaar_nu | (klaar_na & (jaar <= Y))
        uit[ok] = Y
    return uit


def _strategieen(tekst: object) -> set[str]:
    if tekst is None or (isinstance(tekst, float) and np.isnan(tekst)):
        return {"*"}
    if isinstance(tekst, (tuple, list, set, frozenset)):
        return {str(t).strip().lower() for t in tekst}
    return {t.strip().lower() for t in str(tekst).replace(",", "|").split("|") if t.strip()}


def _woningen_per_complex(portefeuille, ckey: pd.MultiIndex) -> pd.DataFrame:
    """Dwelling rows with ``ci`` (complex row index) and ``rij`` (row in ``portefeuille.woningen``); complexes
    without dwelling rows get pseudo-dwellings from their ``n_<label>`` counts (typical EP2 of the label) in
    :func:`bouw_opties`."""
    w = portefeuille.woningen
    cols = ["corporatie", "complex_id", "woningtype", "gbo_m2", "energielabel", "ep2_kwh_m2", "gasverbruik_m3", "bouwjaar",
            "woningsubtype", "verwarming", "warmtebehoefte_kwh_m2", "kans_efg", "label_geschat", "ruimtewarmte_gj"]
    if w is None or len(w) == 0:
        w = pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    w = pd.DataFrame({c: (w[c] if c in w.columns else np.nan) for c in cols})
    key = pd.MultiIndex.from_arrays([w["corporatie"].astype(str).to_numpy(), w["complex_id"].astype(str).to_numpy()])
    ci = ckey.get_indexer(key)
    rij = np.flatnonzero(ci >= 0)
    w = w.loc[ci >= 0]
    ci = ci[ci >= 0]
    w = pd.DataFrame({
        "ci": ci,
        "rij": rij,   # the dwelling's row in portefeuille.woningen
        "meergezins": (w["woningtype"].astype(str).to_numpy() == "meergezins"),
        "gbo": pd.to_numeric(w["gbo_m2"], errors="coerce").to_numpy(dtype=float),
        "label": w["energielabel"].astype(object).to_numpy(),
        "ep2": pd.to_numeric(w["ep2_kwh_m2"], errors="coerce").to_numpy(dtype=float),
        "gas": pd.to_numeric(w["gasverbruik_m3"], errors="coerce").to_numpy(dtype=float),
        "bouwjaar": pd.to_numeric(pd.Series(w["bouwjaar"], dtype="object"), errors="coerce").to_numpy(dtype=float),
        "subtype": w["woningsubtype"].astype(object).to_numpy(),
        "verwarming": w["verwarming"].astype(object).to_numpy(),
        "q": pd.to_numeric(w["warmtebehoefte_kwh_m2"], errors="coerce").to_numpy(dtype=float),
        "ruimte": pd.to_numeric(w["ruimtewarmte_gj"], errors="coerce").to_numpy(dtype=float),
        "kans": pd.to_numeric(w["kans_efg"], errors="coerce").to_numpy(dtype=float),
        # a label that may be different when measured (again): estimated (none, or expired), or an old-method
        # (Energie-Index) label that expires before the deadline (its class probability is strictly 0..1)
        "onzeker": w["label_geschat"].astype(object).fillna(False).astype(bool).to_numpy(),
    })
    return w


def _staat(w: pd.DataFrame, ep2: np.ndarray, gbo: np.ndarray, mg: np.ndarray, lab: np.ndarray) -> dict[str, np.ndarray]:
    """The energy state per dwelling (verduurzaming.woning); what the portfolio did not set is estimated
    as the portfolio would: default subtype, gas boiler (all-electric without gas use), heat demand from EP2.
    A dwelling's useful space heat is its own ``ruimte`` where given (``ruimtewarmte_gj``: set by progress for
    a dwelling whose works were realised, as the planner computed it), else it follows from its gas use."""
    sub = np.array([s if isinstance(s, str) and s else woning.STANDAARD_SUBTYPE["meergezins" if m else "eengezins"]
                    for s, m in zip(w["subtype"], mg, strict=False)], dtype=object)
    gas = w["gas"].to_numpy(dtype=float)
    verw = np.array([v if isinstance(v, str) and v in woning.VERWARMINGEN else ("all_electric" if g == 0 else "gasketel")
                     for v, g in zip(w["verwarming"], gas, strict=False)], dtype=object)
    gg = woning.vorm_arrays(sub)["grondgebonden"]
    q = w["q"].to_numpy(dtype=float)
    q = np.where(np.isfinite(q), q, woning.q_uit_ep2(ep2, verw, gg))
    woningtype = np.where(mg, "meergezins", "eengezins")
    # useful heat now: from metered gas where the dwelling burns gas, else the Vesta key figure
    gas_ref = gas_geschat(ep2, gbo, woningtype)
    ww_gj = _tapwater_gj(woningtype)
    rend = float(_GAS_KENGETAL["rendement"].iloc[0])
    ruimte, ww = woning.warmte_gj(np.where(np.isfinite(gas), gas, gas_ref), ww_gj, verw,
                                  gas_ref * _ONDERWAARDE * rend)
    if "ruimte" in w:
        eigen = w["ruimte"].to_numpy(dtype=float)
        ruimte = np.where(np.isfinite(eigen), eigen, ruimte)
    return {"subtype": sub, "bouwjaar": w["bouwjaar"].to_numpy(dtype=float), "gbo": gbo, "label": lab, "ep2": ep2,
            "q": q, "verwarming": verw, "ruimte_gj": ruimte, "tapwater_gj": ww}


_GAS_KENGETAL = lees("gasverbruik.csv")
_ONDERWAARDE = float(_GAS_KENGETAL["gas_onderwaarde_gj_m3"].iloc[0])


def _staat_na(staat: dict, res: dict) -> dict:
    """The per-dwelling state after a package's result ``res`` (:func:`verduurzaming.maatregelen.resultaat`):
    what the switch off gas after it starts from (useful space heat scaled with the heat demand)."""
    q0 = np.asarray(staat["q"], dtype=float)
    return dict(staat, ep2=res["ep2_na"], q=res["q_na"], verwarming=res["verwarming_na"],
                ruimte_gj=staat["ruimte_gj"] * np.where(q0 > 0, res["q_na"] / np.maximum(q0, 1e-9), 1.0))


#: the switch off gas per target: the installation it puts in
_VAN_GAS_INSTALLATIE = {"warmtenet": "warmtenet_aansluiting", "all_electric": "warmtepomp"}


def van_gas_rij(doel: str) -> pd.Series:
    """The switch off gas to ``doel`` (``warmtenet`` or ``all_electric``) as a package of the result model."""
    return pd.Series({"pakket": f"van_gas_{doel}", "schil": np.nan, "verwarming_na": doel,
                      "installatie": _VAN_GAS_INSTALLATIE[doel], "kosten_factor": 1.0}, name=f"van_gas_{doel}")


def _van_gas_doel(strategie: np.ndarray) -> np.ndarray:
    """Per complex where the switch off gas goes: district heat where the TVW says warmtenet, else all-electric."""
    return np.where(strategie == "warmtenet", "warmtenet", "all_electric")


def _wijk_per_complex(cx: pd.DataFrame, wijken) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per complex its wijk's TVW strategy (lower case, ``onbekend`` without one), uitvoering start and end and
    aardgasvrij year (NaN none)."""
    C = len(cx)
    codes = (cx["wijk_code"] if "wijk_code" in cx else pd.Series([None] * C)).astype(object).to_numpy()
    if wijken is not None and len(wijken):
        wk = pd.DataFrame(wijken.drop(columns="geometry", errors="ignore")).drop_duplicates("wijk_code")
        wk = wk.set_index("wijk_code")
        idx = wk.index.get_indexer(pd.Index(codes, dtype=object))

        def wkcol(naam, numeriek=True):
            if naam not in wk:
                return np.full(C, np.nan) if numeriek else np.full(C, None, dtype=object)
            v = _int_or_na(wk[naam]) if numeriek else wk[naam].astype(object).to_numpy()
            out = np.where(idx >= 0, v[np.maximum(idx, 0)], np.nan if numeriek else None)
            return out.astype(float) if numeriek else out
        strategie = wkcol("strategie", False)
        wup_start, wup_eind, agv_jaar = wkcol("uitvoering_start"), wkcol("uitvoering_eind"), wkcol("aardgasvrij_jaar")
    else:
        strategie = np.full(C, None, dtype=object)
        wup_start = wup_eind = agv_jaar = np.full(C, np.nan)
    strategie = np.array([("onbekend" if (s is None or (isinstance(s, float) and np.isnan(s)) or str(s).strip() == ""
                           or str(s) in ("<NA>", "nan")) else str(s).strip().lower()) for s in strategie], dtype=object)
    return strategie, wup_start, wup_eind, agv_jaar


def van_gas_naar(portefeuille) -> np.ndarray:
    """Per complex of ``portefeuille.complexen`` (rows in order) where its switch off gas goes (``warmtenet`` or
    ``all_electric``), as the planner decides it."""
    cx = portefeuille.complexen.reset_index(drop=True)
    return _van_gas_doel(_wijk_per_complex(cx, portefeuille.wijken)[0])


def _tapwater_gj(woningtype: np.ndarray) -> np.ndarray:
    t = _GAS_KENGETAL.drop_duplicates("woningtype").set_index("woningtype")["tapwater_gj_woning"]
    return t.reindex(pd.Index(woningtype)).to_numpy(dtype=float)


def _efg_risico(w: pd.DataFrame, ml_efg: np.ndarray, ci: np.ndarray, C: int, woningen: np.ndarray,
                efg0: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The E/F/G risk of labels that may change when measured (again). Per dwelling: the probability of E/F/G
    (``kans_w``), uncertain (``onzeker``) and in the P90 set (``p90_mask``); per complex: expected and P90 E/F/G.
    ``ml_efg``: most likely E/F/G per dwelling, ``ci``: its complex."""
    def per_c(v):
        return np.bincount(ci, weights=v, minlength=C)

    kans_w = w["kans"].to_numpy(dtype=float) if "kans" in w else np.full(len(w), np.nan)
    onzeker = w["onzeker"].fillna(False).astype(bool).to_numpy().copy() if "onzeker" in w else np.zeros(len(w), bool)
    kans_w = np.where(onzeker & np.isfinite(kans_w), kans_w, ml_efg.astype(float))
    onzeker &= kans_w > 0
    efg_verwacht = per_c(kans_w)
    sd = np.sqrt(per_c(kans_w * (1 - kans_w)))
    # as labels.efg_verwacht_p90, per complex; never below the most likely count the label tables show
    efg_p90 = np.maximum(np.minimum(woningen, np.ceil(efg_verwacht + 1.2816 * sd - 1e-9)), efg0)
    # the P90 set: every most-likely E/F/G dwelling, plus the uncertain ones most likely to be E/F/G
    # until the complex's P90 count is reached
    extra = np.maximum(efg_p90 - per_c(ml_efg.astype(float)), 0)
    kand = np.flatnonzero(onzeker & ~ml_efg)
    volg = kand[np.lexsort((-kans_w[kand], ci[kand]))]
    eerste = np.searchsorted(ci[volg], ci[volg], side="left")
    rang_in_c = np.arange(len(volg)) - eerste
    p90_mask = ml_efg.copy()
    p90_mask[volg[rang_in_c < extra[ci[volg]]]] = True
    return kans_w, onzeker, efg_verwacht, efg_p90, p90_mask


def _rang_nu(w: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per dwelling the EP2 and label rank now: the label, else the rank of its EP2; a dwelling without either
    at the typical EP2 of label D."""
    lab = w["label"].to_numpy(dtype=object)
    rang0 = pd.Series(lab).map(L.RANG).to_numpy(dtype=float)
    ep2 = w["ep2"].to_numpy(dtype=float)
    ep2 = np.where(np.isfinite(ep2), ep2, np.where(np.isfinite(rang0), _TYPISCH[np.nan_to_num(rang0, nan=0).astype(int)], np.nan))
    ep2 = np.where(np.isfinite(ep2), ep2, _TYPISCH[RANG_D])
    rang0 = np.where(np.isfinite(rang0), rang0, L.rang_uit_ep2(ep2)).astype(np.int64)
    return ep2, rang0


def _bereik(ml_efg: np.ndarray, p90_mask: np.ndarray, onzeker: np.ndarray, kans_w: np.ndarray
            ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per scope (the order of ``SCOPES``): the dwellings a package of that scope is applied to, each dwelling's
    weight in the dwellings worked on (and the cost), and the dwellings it must clear to clear the complex of
    E/F/G. The whole complex; its P90 set of E/F/G dwellings; after a label survey the most likely E/F/G
    dwellings, each uncertain one counted at its E/F/G probability."""
    n = len(ml_efg)
    return [(np.ones(n, bool), np.ones(n), p90_mask),
            (p90_mask, p90_mask.astype(float), p90_mask),
            (ml_efg, np.where(onzeker, kans_w, ml_efg.astype(float)), ml_efg | onzeker)]


def woningen_per_aanpak(portefeuille) -> np.ndarray:
    """Per dwelling of ``portefeuille.woningen`` (its rows, in order) and per scope (columns in the order of
    ``SCOPES``): does a package of that scope change this dwelling? The masks :func:`bouw_opties` plans with,
    so that a realised work is booked on the dwellings the planned option counted (a dwelling of no complex of
    the portfolio: False)."""
    cx = portefeuille.complexen.reset_index(drop=True)
    C = len(cx)
    ckey = pd.MultiIndex.from_arrays([cx["corporatie"].astype(str).to_numpy(), cx["complex_id"].astype(str).to_numpy()])
    w = _woningen_per_complex(portefeuille, ckey)
    ci = w["ci"].to_numpy()
    _, rang0 = _rang_nu(w)
    ml_efg = rang0 >= RANG_E
    woningen = np.bincount(ci, minlength=C).astype(float)
    efg0 = np.bincount(ci, weights=ml_efg.astype(float), minlength=C)
    kans_w, onzeker, _, _, p90_mask = _efg_risico(w, ml_efg, ci, C, woningen, efg0)
    n = len(portefeuille.woningen) if portefeuille.woningen is not None else 0
    uit = np.zeros((n, len(SCOPES)), dtype=bool)
    for s, (m, _, _) in enumerate(_bereik(ml_efg, p90_mask, onzeker, kans_w)):
        uit[w["rij"].to_numpy(dtype=np.int64), s] = m
    return uit


def bouw_opties(portefeuille, scenario, catalogus: pd.DataFrame | None = None) -> Opties:
    """All options of all complexes of the portfolio (all corporations at once)."""
    cx = portefeuille.complexen.reset_index(drop=True)
    C = len(cx)
    ckey = pd.MultiIndex.from_arrays([cx["corporatie"].astype(str).to_numpy(), cx["complex_id"].astype(str).to_numpy()])
    cat_all = vul_catalogus_aan(scenario, catalogus)
    cat = cat_all[cat_all["soort"].astype(str) == "renovatie"].reset_index(drop=True)
    P = len(cat)

    w = _woningen_per_complex(portefeuille, ckey)
    # pseudo-dwellings for complexes that have none
    heeft = np.zeros(C, dtype=bool)
    heeft[w["ci"].to_numpy()] = True
    if (~heeft).any():
        zonder = np.flatnonzero(~heeft)
        cnt = np.stack([pd.to_numeric(cx.get(f"n_{lab}", 0), errors="coerce") if f"n_{lab}" in cx else np.zeros(C)
                        for lab in L.LABELS], axis=1)
        cnt = np.nan_to_num(np.asarray(cnt, dtype=float))[zonder].astype(int)
        rep_ci = np.repeat(np.repeat(zonder, N_LAB), cnt.ravel())
        rep_lab = np.repeat(np.tile(np.arange(N_LAB), len(zonder)), cnt.ravel())
        gbo_c = pd.to_numeric(cx["gbo_m2"], errors="coerce").to_numpy(dtype=float) if "gbo_m2" in cx else np.full(C, np.nan)
        won_c = np.maximum(cnt.sum(1), 1)
        per = (gbo_c[zonder] / won_c)
        mg = (cx["woningtype"].astype(str).to_numpy() == "meergezins") if "woningtype" in cx else np.zeros(C, bool)
        per_map = woning.standaard_gbo_m2(mg)
        per_map[zonder] = woning.met_standaard_gbo_m2(per, mg[zonder])
        extra = pd.DataFrame({"ci": rep_ci, "meergezins": mg[rep_ci], "gbo": per_map[rep_ci],
                              "label": _LABEL_ARR[rep_lab], "ep2": _TYPISCH[rep_lab], "gas": np.nan,
                              "bouwjaar": np.nan})
        w = pd.concat([w, extra], ignore_index=True)

    ci = w["ci"].to_numpy()
    gbo = woning.met_standaard_gbo_m2(w["gbo"].to_numpy(dtype=float), w["meergezins"].to_numpy(dtype=bool))
    lab = w["label"].to_numpy(dtype=object)
    ep2, rang0 = _rang_nu(w)
    mg = w["meergezins"].to_numpy(dtype=bool)
    bouwjaar = w["bouwjaar"].to_numpy(dtype=float)
    bouwjaar = bouwjaar if np.isfinite(bouwjaar).any() else None

    def per_c(v):
        return np.bincount(ci, weights=v, minlength=C)

    woningen = np.bincount(ci, minlength=C).astype(float)
    n0 = np.bincount(ci * N_LAB + rang0, minlength=C * N_LAB).reshape(C, N_LAB).astype(float)
    ep2sum0 = per_c(ep2 * gbo)
    efg_mask = rang0 >= RANG_E
    efg0 = per_c(efg_mask.astype(float))
    efg_gewicht = per_c(np.where(efg_mask, rang0 - RANG_D, 0).astype(float))
    gbo_c = per_c(gbo)
    for k in ("subtype", "verwarming", "q"):
        if k not in w:
            w[k] = np.nan
    staat = _staat(w, ep2, gbo, mg, lab)
    nu = woning.verbruik(staat["ruimte_gj"], staat["tapwater_gj"], staat["verwarming"])
    gas_w = w["gas"].to_numpy(dtype=float)
    gas_w = np.where(np.isfinite(gas_w), gas_w, nu["gas_m3"])
    gas0 = per_c(gas_w)
    elek0 = per_c(nu["elektriciteit_kwh"])
    warmte0 = per_c(nu["warmte_gj"])
    prijspeil = int(min(scenario.jaren)) if scenario.jaren else 2026
    groei = float(scenario.gewicht("prijsstijging_pct", 3.0)) if hasattr(scenario, "gewicht") else 3.0
    resultaat_model = "schil" in cat.columns

    strategie, wup_start, wup_eind, agv_jaar = _wijk_per_complex(cx, portefeuille.wijken)
    # a window with only one side known: treat the other side as open
    wup_start = np.where(np.isnan(wup_start) & ~np.isnan(wup_eind), -np.inf, wup_start)
    wup_eind = np.where(np.isnan(wup_eind) & ~np.isnan(wup_start), np.inf, wup_eind)

    gas_m = pd.to_numeric(cx["gasverbruik_m3"], errors="coerce").to_numpy(dtype=float) if "gasverbruik_m3" in cx else np.full(C, np.nan)
    heeft_gas = ~(np.isfinite(gas_m) & (gas_m <= 0)) & (gas0 > 0)

    vrij = cx["vrijgesteld"].fillna(False).astype(bool).to_numpy() if "vrijgesteld" in cx else np.zeros(C, bool)
    # NPA: a monument is exempt from the E/F/G deadline but may take the packages monument_pakketten.csv allows
    # (they count for mean-label and CO2 targets); a complex demolished by the deadline gets no works
    monument = vrij & (cx["monument"].fillna(False).astype(bool).to_numpy() if "monument" in cx else np.zeros(C, bool))
    planbaar = (cx["planbaar"].fillna(False).astype(bool).to_numpy() if "planbaar" in cx else ~vrij | monument)
    planbaar = planbaar & (~vrij | monument)
    # the switch off gas (a second work moment): in a wijk that goes off gas within the horizon, every non-exempt
    # complex on gas gets its heating switch (district heat where the TVW says warmtenet, else all-electric) once
    # it is aardgasvrij-ready, unless its renovation package already takes it off gas
    eind_h = max(scenario.jaren) if scenario.jaren else 0
    agv_c = ~vrij & heeft_gas & np.isfinite(agv_jaar) & (agv_jaar <= eind_h)
    # a complex whose renovation progress reported as done, with no E/F/G left: a re-plan gives it no second
    # renovation and nothing for the deadline, but its wijk's switch off gas still holds for it
    gedaan = pd.to_numeric(pd.Series(cx["renovatie_gerealiseerd"], dtype="object"), errors="coerce").notna() \
        .to_numpy() if "renovatie_gerealiseerd" in cx else np.zeros(C, bool)
    schakel_rij = {doel: van_gas_rij(doel) for doel in _VAN_GAS_INSTALLATIE} if resultaat_model else {}
    sw_doel_c = _van_gas_doel(strategie)
    sw_w = np.flatnonzero(agv_c[ci]) if schakel_rij else np.zeros(0, dtype=np.int64)

    def schakel(st_na: dict) -> dict:
        """The switch off gas applied to the dwellings ``sw_w`` in state ``st_na`` (full-length arrays)."""
        uit = {k: np.zeros(len(sw_w)) for k in ("ep2_na", "kosten_eur", "gas_m3", "elektriciteit_kwh", "warmte_gj")}
        for doel, rij in schakel_rij.items():
            m = sw_doel_c[ci[sw_w]] == doel
            if not m.any():
                continue
            sub = {k: np.asarray(v)[sw_w[m]] for k, v in st_na.items()}
            r = maatregelen.resultaat(rij, sub, prijspeil=prijspeil, groei_pct=groei)
            for k in uit:
                uit[k][m] = np.asarray(r[k], dtype=float)
        return uit

    ml_efg = efg_mask
    kans_w, onzeker, efg_verwacht, efg_p90, p90_mask = _efg_risico(w, ml_efg, ci, C, woningen, efg0)
    risico = onzeker & ~ml_efg                      # at risk, but not E/F/G in the label tables
    n_heropname = per_c(onzeker.astype(float))
    hk = lees("heropname.csv").iloc[0]
    heropname_eur = float(hk["kosten_eur_woning"]) * maatregelen.prijsfactor(int(hk["prijspeil"]), prijspeil, groei)

    # three scopes per package: the whole complex, only its (P90) E/F/G dwellings, or only the E/F/G dwellings
    # a label survey finds (expected count: each uncertain dwelling weighs its probability)
    S = len(SCOPES)
    PS = P * S
    kosten = np.zeros((C, PS))
    n_na = np.zeros((C, PS, N_LAB))
    ep2sum_na = np.zeros((C, PS))
    gas_na = np.zeros((C, PS))
    elek = np.zeros((C, PS))
    warmte = np.zeros((C, PS))
    agv_cp = np.zeros((C, PS), dtype=bool)
    n_std_na = np.zeros((C, PS))
    werk = np.zeros((C, PS))
    wist = np.zeros((C, PS), dtype=bool)
    effect_cp = np.ones((C, PS), dtype=bool)
    std0 = woning.standaard_kwh_m2(woning.vorm_arrays(staat["subtype"])["grondgebonden"], staat["bouwjaar"],
                                   woning.als_ag(staat["subtype"], staat["bouwjaar"]))
    std0_w = (staat["q"] <= std0 + 0.5) | ~woning.verwarming_param(staat["verwarming"], "aardgas").astype(bool)
    n_std0 = per_c(std0_w.astype(float))
    op_gas0 = woning.verwarming_param(staat["verwarming"], "aardgas").astype(bool)
    # an at-risk dwelling (uncertain label, not E/F/G in the tables) is judged in its pessimistic state: label E at
    # the typical E EP2, heat demand from that EP2. What clears it, and what treating it costs, follow from there
    ri = np.flatnonzero(risico)
    w_r = w.iloc[ri].copy()
    w_r["q"] = np.nan
    w_r["gas"] = np.nan
    w_r["ruimte"] = np.nan
    ep2_r = np.full(len(ri), _TYPISCH[RANG_E])
    staat_r = _staat(w_r, ep2_r, gbo[ri], mg[ri], np.full(len(ri), "E", dtype=object))
    # the switch after each option (sw_*), and after no renovation at all (sw_*0)
    sw_kosten = np.zeros((C, PS))
    beter = np.zeros((C, PS))
    sw_beter = np.zeros((C, PS))
    sw_n_na = np.zeros((C, PS, N_LAB))
    sw_ep2sum = np.zeros((C, PS))
    sw_gas = np.zeros((C, PS))
    sw_elek = np.zeros((C, PS))
    sw_warmte = np.zeros((C, PS))
    sw0 = schakel(staat)

    def met_schakel(r, e, g, el, wa, sw):
        """Per-dwelling state after a work plus the switch (dwellings ``sw_w`` switched)."""
        r, e, g, el, wa = r.copy(), e.copy(), g.copy(), el.copy(), wa.copy()
        r[sw_w] = np.minimum(r[sw_w], L.rang_uit_ep2(sw["ep2_na"]))
        e[sw_w] = np.minimum(e[sw_w], sw["ep2_na"])
        g[sw_w] = sw["gas_m3"]
        el[sw_w] = sw["elektriciteit_kwh"] - nu["elektriciteit_kwh"][sw_w]
        wa[sw_w] = sw["warmte_gj"]
        return r, e, g, el, wa

    r0k, e0k, g0k, el0k, wa0k = met_schakel(rang0, ep2, gas_w, np.zeros(len(ci)), nu["warmte_gj"], sw0)
    sw_kosten0 = np.bincount(ci[sw_w], weights=sw0["kosten_eur"], minlength=C)
    sw_n0 = np.bincount(ci * N_LAB + r0k, minlength=C * N_LAB).reshape(C, N_LAB).astype(float)
    sw_beter0 = per_c((r0k < rang0).astype(float))
    sw_ep2sum0, sw_gas0, sw_elek0, sw_warmte0 = per_c(e0k * gbo), per_c(g0k), per_c(el0k), per_c(wa0k)
    bereik = _bereik(ml_efg, p90_mask, onzeker, kans_w)
    for p in range(P):
        row = cat.iloc[p]
        if resultaat_model:
            row = row.copy()
            row.name = str(row["pakket"])
            res = maatregelen.resultaat(row, staat, prijspeil=prijspeil, groei_pct=groei)
            e_na = res["ep2_na"]
            eff = np.asarray(res["effect"], dtype=bool)
            kost_w = res["kosten_eur"]
            gas_w_na = res["gas_m3"]
            elek_w = res["elektriciteit_kwh"] - nu["elektriciteit_kwh"]
            warmte_w = res["warmte_gj"]
            # a wijk that goes off gas needs its dwellings off gas (a hybrid or a Standaard shell on a gas boiler
            # is not enough); meeting the Standaard is reported separately
            op_gas = woning.verwarming_param(res["verwarming_na"], "aardgas").astype(bool)
            std_na = np.asarray(res["aardgasvrij_ready"], dtype=bool)
            sw_p = schakel(_staat_na(staat, res))
        else:  # a given catalog in the old percentage layout (tests, own catalogs)
            e_na = ep2_na_pct(ep2, row)
            eff = np.ones(len(ci), bool)
            kost_w = np.where(mg, float(row["kosten_eur_meergezins"]), float(row["kosten_eur_eengezins"]))
            gas_w_na = gas_w * (1 - float(row["gas_reductie_pct"]) / 100.0)
            elek_w = np.full(len(ci), float(row.get("elektriciteit_extra_kwh_woning", 0) or 0))
            warmte_w = nu["warmte_gj"] + float(row.get("warmte_gj_woning", 0) or 0)
            vrij_flag = str(row.get("aardgasvrij_ready", False)).lower() in ("true", "1", "ja", "yes")
            op_gas = np.full(len(ci), not vrij_flag)
            std_na = np.full(len(ci), vrij_flag) | std0_w
            sw_p = sw0
        r_na = np.minimum(L.rang_uit_ep2(e_na).astype(np.int64), rang0)  # never worse than now
        # a dwelling counts as cleared when it ends at D or better; an at-risk one when it would from label E
        schoon = r_na <= RANG_D
        kost_risico = kost_w.copy()
        if len(ri):
            if resultaat_model:
                res_r = maatregelen.resultaat(row, staat_r, prijspeil=prijspeil, groei_pct=groei)
                schoon[ri] = np.asarray(res_r["effect"], bool) & (L.rang_uit_ep2(res_r["ep2_na"]) <= RANG_D)
                kost_risico[ri] = res_r["kosten_eur"]
            else:
                schoon[ri] = L.rang_uit_ep2(ep2_na_pct(ep2_r, row)) <= RANG_D
        for s, (m, gewicht, moet) in enumerate(bereik):
            j = s * P + p
            # the P90 set is paid for as if its at-risk dwellings were E (scopes 0 and 1); after a survey each
            # uncertain dwelling costs its E/F/G probability times treating it from E
            kosten[:, j] = per_c(gewicht * np.where(risico & (p90_mask if s < 2 else True), kost_risico, kost_w))
            r = np.where(m, r_na, rang0)
            n_na[:, j, :] = np.bincount(ci * N_LAB + r, minlength=C * N_LAB).reshape(C, N_LAB)
            e_d = np.where(m, np.minimum(e_na, ep2), ep2)
            ep2sum_na[:, j] = per_c(e_d * gbo)
            me = m & eff
            g_d, el_d, wa_d = np.where(me, gas_w_na, gas_w), np.where(me, elek_w, 0.0), np.where(me, warmte_w, nu["warmte_gj"])
            gas_na[:, j] = per_c(g_d)
            elek[:, j] = per_c(el_d)
            warmte[:, j] = per_c(wa_d)
            if len(sw_w):
                msw = m[sw_w]
                sw = {k: np.where(msw, sw_p[k], sw0[k]) for k in sw0}
                rk, ek, gk, elk, wak = met_schakel(r, e_d, g_d, el_d, wa_d, sw)
                sw_beter[:, j] = per_c((rk < rang0).astype(float))
                sw_kosten[:, j] = np.bincount(ci[sw_w], weights=sw["kosten_eur"], minlength=C)
                sw_n_na[:, j, :] = np.bincount(ci * N_LAB + rk, minlength=C * N_LAB).reshape(C, N_LAB)
                sw_ep2sum[:, j], sw_gas[:, j], sw_elek[:, j], sw_warmte[:, j] = \
                    per_c(ek * gbo), per_c(gk), per_c(elk), per_c(wak)
            agv_cp[:, j] = per_c(np.where(m, op_gas, op_gas0).astype(float)) == 0
            n_std_na[:, j] = per_c(np.where(m, std_na, std0_w).astype(float))
            werk[:, j] = per_c(gewicht * eff)
            beter[:, j] = per_c((r < rang0).astype(float))
            if not len(sw_w):
                sw_beter[:, j] = beter[:, j]
            effect_cp[:, j] = werk[:, j] > 0   # no dwelling gains (or none is expected to): not offered
            wist[:, j] = (per_c((moet & ~schoon).astype(float)) == 0) & (n_na[:, j, RANG_E:].sum(1) == 0)
        kosten[:, 2 * P + p] += n_heropname * heropname_eur
    # a scope is only offered where it differs from the whole complex
    n_p90 = per_c(p90_mask.astype(float))
    effect_cp[:, P:2 * P] &= ((n_p90 > 0) & (n_p90 < woningen))[:, None]
    effect_cp[:, 2 * P:] &= (n_heropname > 0)[:, None]
    scope = np.repeat(np.arange(S), P)
    cat = pd.concat([cat] * S, ignore_index=True)
    cat["aanpak"] = [SCOPES[s] for s in scope]
    P = PS

    pakket_strat = [_strategieen(s) for s in cat["strategieen"]]
    warmtenet = np.array([(float(r.get("warmte_gj_woning", 0) or 0) > 0) or ("warmtenet" in str(r["pakket"]).lower())
                          or r.get("verwarming_na") == "warmtenet" for _, r in cat.iterrows()], dtype=bool)
    toegestaan = np.zeros((C, P), dtype=bool)
    for s in np.unique(strategie):
        m = strategie == s
        toegestaan[m] = np.array([("*" in ps) or ("alle" in ps) or (s in ps) for ps in pakket_strat])
    toegestaan &= effect_cp
    toegestaan[monument] &= vrijstelling.monument_toegestaan(cat["pakket"])[None, :]
    toegestaan[~planbaar | gedaan] = False
    # off gas means off gas: a package that only meets the Standaard needs the switch (``sw_*``) as a second work

    onderhoud = _int_or_na(cx["onderhoud_jaar"]) if "onderhoud_jaar" in cx else np.full(C, np.nan)

    # PV
    dak = pd.to_numeric(cx.get("dak_geschikt_m2", pd.Series(np.zeros(C))), errors="coerce").fillna(0).to_numpy(dtype=float)
    aanw = cx["pv_panelen_aanwezig"].fillna(False).astype(bool).to_numpy() if "pv_panelen_aanwezig" in cx else np.zeros(C, bool)
    ori = cx["dak_orientatie"].to_numpy(dtype=object) if "dak_orientatie" in cx else None
    pv = pv_per_complex(dak, woningen, gbo_c, scenario, orientatie=ori)
    pv_mogelijk = (dak > 0) & ~aanw & (pv["panelen"] > 0) & planbaar
    pv_mogelijk &= ~monument | bool(vrijstelling.monument_toegestaan([_PV_PAKKET])[0])

    bron = "maatregelen.csv (standaardcatalogus)" if catalogus is None else "meegegeven catalogus"
    bronnen = {"maatregelen": f"{bron}: {', '.join(map(str, cat_all['pakket']))}"}
    bronnen.update(_bronnen_domein())
    bronnen["heropname"] = f"heropname.csv: {hk['kosten_eur_woning']:g} euro per woning (prijspeil {int(hk['prijspeil'])}): {hk['bron']}"
    factoren = co2.factoren_uit_scenario(scenario.factoren)
    if factoren is not None:
        bronnen["co2_factoren"] = "co2_factoren.csv met scenario [factoren]: " + ", ".join(scenario.factoren)
    return Opties(
        factoren=factoren,
        complexen=cx, cat=cat, pakketten=[str(p) for p in cat["pakket"]], jaren=list(scenario.jaren),
        corporatie=cx["corporatie"].astype(str).to_numpy(), woningen=woningen, gbo=gbo_c, n0=n0,
        ep2sum0=ep2sum0, efg0=efg0, efg_gewicht=efg_gewicht, vrij=vrij | gedaan, onderhoud=onderhoud,
        wup_start=wup_start, wup_eind=wup_eind, agv_jaar=agv_jaar, strategie=strategie, heeft_gas=heeft_gas,
        gas0=gas0, kosten=kosten, n_na=n_na, ep2sum_na=ep2sum_na, wist_efg=wist, toegestaan=toegestaan,
        gas_na=gas_na, elek_extra=elek, warmte=warmte, agv=agv_cp, warmtenet=warmtenet,
        elek0=elek0, warmte0=warmte0, prijspeil=prijspeil, scope=scope, werk=werk, efg_verwacht=efg_verwacht,
        efg_p90=efg_p90, n_heropname=n_heropname, heropname_eur=heropname_eur,
        schakel_mogelijk=agv_c & bool(schakel_rij), schakel_naar=np.where(sw_doel_c == "warmtenet", "warmtenet",
                                                                           "all-electric").astype(object),
        sw_kosten=sw_kosten, sw_n_na=sw_n_na, sw_ep2sum=sw_ep2sum, sw_gas=sw_gas, sw_elek=sw_elek,
        sw_warmte=sw_warmte, sw_kosten0=sw_kosten0, sw_n0=sw_n0, sw_ep2sum0=sw_ep2sum0, sw_gas0=sw_gas0,
        sw_elek0=sw_elek0, sw_warmte0=sw_warmte0, beter=beter, sw_beter=sw_beter, sw_beter0=sw_beter0,
        prijsstijging_pct=groei, n_std0=n_std0, n_std_na=n_std_na,
        indexeren=resultaat_model, planbaar=planbaar, monument=monument, tvw_eis=agv_c,
        pv_mogelijk=pv_mogelijk, pv_aanwezig=aanw, pv_panelen=pv["panelen"], pv_kwp=pv["kwp"], pv_kwh=pv["kwh_jaar"],
        pv_kosten=pv["kosten_eur"], pv_ep2_red=pv["ep2_reductie_kwh_m2"], pv_kwh_per_kwp=pv["kwh_per_kwp"],
        pv_orientatie=pv["orientatie"], bronnen=bronnen,
    )


# ---------------------------------------------------------------------------------------------
# the domain modules (measures, co2, solar, huur) as the planner uses them
# ---------------------------------------------------------------------------------------------


def vul_catalogus_aan(scenario, catalogus: pd.DataFrame | None = None) -> pd.DataFrame:
    """The measure catalog as a flat frame: given, else ``measures.lees_catalogus(scenario.maatregelen)``.

    A given catalog (tests, a user's own) may leave out optional columns; they get neutral values.
    """
    cat = catalogus.copy() if catalogus is not None else \
        maatregelen.lees_catalogus(scenario.maatregelen)
    if "pakket" not in cat.columns:
        cat = cat.rename_axis("pakket").reset_index()
    for kol, std in (("strategieen", "*"), ("bron", ""), ("soort", "renovatie"), ("aardgasvrij_ready", False)):
        if kol not in cat:
            cat[kol] = std
    if "schil" not in cat:  # the old percentage layout
        for kol, getal in (("ep2_na_max_kwh_m2", np.nan), ("gas_reductie_pct", 0.0),
                           ("elektriciteit_extra_kwh_woning", 0.0), ("warmte_gj_woning", 0.0)):
            if kol not in cat:
                cat[kol] = getal
        for kol in ("ep2_reductie_pct", "gas_reductie_pct", "elektriciteit_extra_kwh_woning", "warmte_gj_woning",
                    "kosten_eur_eengezins", "kosten_eur_meergezins"):
            cat[kol] = pd.to_numeric(cat[kol], errors="coerce").fillna(0.0).astype(float)
    cat["pakket"] = cat["pakket"].astype(str)
    if "naam" not in cat:
        cat["naam"] = cat["pakket"]
    return cat.reset_index(drop=True)


def na_pakket(woningen: pd.DataFrame, ep2: np.ndarray, row: pd.Series | None, *, prijspeil: int = 2026,
              van_gas: str | None = None) -> dict:
    """What package ``row`` (None: none) and then the switch off gas to ``van_gas`` (``warmtenet`` or
    ``all_electric``; None: no switch) do to these dwellings (rows of ``portfolio.woningen``) with EP2 ``ep2``
    now, as the planner's options compute it.

    Returns ``ep2_na`` (the caller keeps the better of it and now), ``gas_m3`` (after; NaN where the catalog is in
    the old percentage layout and the dwelling has no gas figure), ``verwarming_na``, ``q_na`` and ``ruimte_gj``
    (useful space heat after) (None for the old layout, which has no switch off gas).
    """
    ep2 = np.asarray(ep2, dtype=float)
    gas = pd.to_numeric(woningen.get("gasverbruik_m3", pd.Series(np.nan, index=woningen.index)),
                        errors="coerce").to_numpy(dtype=float)
    if row is not None and "schil" not in row.index:
        red = float(row.get("gas_reductie_pct", 0) or 0) / 100.0
        return {"ep2_na": ep2_na_pct(ep2, row), "gas_m3": gas * (1 - red), "verwarming_na": None, "q_na": None,
                "ruimte_gj": None}
    w = pd.DataFrame({
        "gbo": pd.to_numeric(woningen.get("gbo_m2"), errors="coerce").to_numpy(dtype=float),
        "label": woningen["energielabel"].astype(object).to_numpy(),
        "gas": gas,
        "bouwjaar": pd.to_numeric(pd.Series(woningen.get("bouwjaar"), dtype="object"), errors="coerce").to_numpy(float),
        "subtype": woningen["woningsubtype"].to_numpy(object) if "woningsubtype" in woningen else np.nan,
        "verwarming": woningen["verwarming"].to_numpy(object) if "verwarming" in woningen else np.nan,
        "q": pd.to_numeric(woningen["warmtebehoefte_kwh_m2"], errors="coerce").to_numpy(float)
        if "warmtebehoefte_kwh_m2" in woningen else np.nan,
        "ruimte": pd.to_numeric(woningen["ruimtewarmte_gj"], errors="coerce").to_numpy(float)
        if "ruimtewarmte_gj" in woningen else np.nan,
    })
    mg = woningen["woningtype"].astype(str).to_numpy() == "meergezins"
    gbo = woning.met_standaard_gbo_m2(w["gbo"].to_numpy(dtype=float), mg)
    st = _staat(w, ep2, gbo, mg, w["label"].to_numpy(object))
    nu = woning.verbruik(st["ruimte_gj"], st["tapwater_gj"], st["verwarming"])
    uit = {"ep2_na": ep2, "gas_m3": np.where(np.isfinite(gas), gas, nu["gas_m3"]), "verwarming_na": st["verwarming"],
           "q_na": st["q"], "ruimte_gj": st["ruimte_gj"]}
    if row is not None:
        row = row.copy()
        row.name = str(row["pakket"])
        res = maatregelen.resultaat(row, st, prijspeil=prijspeil)
        st = _staat_na(st, res)
        uit = {"ep2_na": res["ep2_na"], "gas_m3": np.where(res["effect"], res["gas_m3"], uit["gas_m3"]),
               "verwarming_na": res["verwarming_na"], "q_na": res["q_na"], "ruimte_gj": st["ruimte_gj"]}
    if van_gas is not None:
        sw = maatregelen.resultaat(van_gas_rij(van_gas), st, prijspeil=prijspeil)
        uit = {"ep2_na": np.minimum(uit["ep2_na"], sw["ep2_na"]), "gas_m3": np.asarray(sw["gas_m3"], dtype=float),
               "verwarming_na": sw["verwarming_na"], "q_na": sw["q_na"], "ruimte_gj": st["ruimte_gj"]}
    return uit


def ep2_na_pct(ep2: np.ndarray, row: pd.Series) -> np.ndarray:
    """EP2 after a package of a catalog in the old percentage layout: ``min(ep2, ep2 x (1 - pct), max)``.

    Only for catalogs given by the caller without ``schil``/``verwarming_na`` columns; the packaged
    catalog uses :func:`verduurzaming.maatregelen.resultaat` (a result, not a percentage).
    """
    pct = float(row.get("ep2_reductie_pct", 0) or 0)
    cap = row.get("ep2_na_max_kwh_m2", np.nan)
    cap = np.inf if cap is None or not np.isfinite(float(cap)) else float(cap)
    return np.minimum(ep2, np.minimum(ep2 * (1.0 - pct / 100.0), cap))


def gas_geschat(ep2: np.ndarray, gbo: np.ndarray, woningtype: np.ndarray) -> np.ndarray:
    """Estimated gas use per dwelling [m3/yr] (``co2.gasverbruik_geschat_m3``)."""
    return np.asarray(co2.gasverbruik_geschat_m3(ep2, gbo, woningtype), dtype=float)


_FACTOR_CACHE: dict[int, tuple[float, float, float]] = {}


def co2_factoren(jaar: int, factoren: pd.DataFrame | None = None) -> tuple[float, float, float]:
    """(kg/m3 gas, kg/kWh electricity, kg/GJ heat) in ``jaar``, via ``co2.co2_kg`` (linear).

    ``factoren``: a factor table with scenario overrides (see ``co2.factoren_uit_scenario``).
    """
    if factoren is None and jaar in _FACTOR_CACHE:
        return _FACTOR_CACHE[jaar]
    f = (float(co2.co2_kg(1.0, 0.0, 0.0, jaar, factoren)), float(co2.co2_kg(0.0, 1.0, 0.0, jaar, factoren)),
         float(co2.co2_kg(0.0, 0.0, 1.0, jaar, factoren)))
    if factoren is None:
        _FACTOR_CACHE[jaar] = f
    return f


def pv_per_complex(dak: np.ndarray, woningen: np.ndarray, gbo: np.ndarray, scenario,
                   orientatie: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """PV per complex (``solar.pv_voor_complexen``); zeros where there is no suitable roof.

    ``orientatie``: the roof's yield row per complex (``portfolio.complexen.dak_orientatie``, from the
    measured azimuth and slope); missing or unknown values take the ``onbekend`` row. Returns also the
    ``orientatie`` and ``kwh_per_kwp`` used per complex."""
    C = len(dak)
    params = dict(scenario.zon) or None
    ori = np.full(C, "onbekend", dtype=object)
    if orientatie is not None:
        o = np.asarray(orientatie, dtype=object)
        ori = np.where([isinstance(v, str) and v in zon.KWH_PER_KWP for v in o], o, "onbekend").astype(object)
    sleutels = ("panelen", "kwp", "kwh_jaar", "kosten_eur", "ep2_reductie_kwh_m2")
    uit = {k: np.zeros(C) for k in sleutels}
    m = dak > 0
    if m.any():
        r = zon.pv_voor_complexen(dak[m], woningen[m], gbo[m], ori[m], params=params)
        for k in sleutels:
            uit[k][m] = np.asarray(r[k], dtype=float)
    kwh_kwp = zon.pv_voor_complexen(np.zeros(C), np.zeros(C), np.ones(C), ori, params=params)["kwh_per_kwp"]
    uit["kwh_per_kwp"] = np.asarray(kwh_kwp, dtype=float)
    uit["orientatie"] = ori
    return uit


def _bronnen_domein() -> dict[str, str]:
    f = lees("co2_factoren.csv")
    return {"co2_factoren": "; ".join(f"{d} {int(j)} ({m})" for d, j, m in
                                      f.groupby("drager")[["jaar", "methode"]].max().itertuples())}
