"""The MILP per corporation, built as sparse arrays and solved with HiGHS (``highspy``).

Variables (all vectorised; no per-element API calls):

* ``x[o]`` binary, one per option o = (complex, renovation package, year) that survived the
  pre-filter (TVW strategy, warmtenet window, dominance, relevance);
  A "package" is a package x scope column of :class:`Opties` (whole complex, only its E/F/G
  dwellings, or only those a label survey finds; ``Opties.scope``): one renovation per complex;
* ``v[s]`` binary, the switch off gas of a complex in a year (second work, see ``docs/regels.md``):
  in the uitvoering window, not after the wijk's aardgasvrij year, once the complex is
  aardgasvrij-ready (now, or by a chosen option in or before that year);
* ``z[q]`` binary, PV on complex in year (only when a target can use PV);
* elastic slacks (continuous, >= 0, penalised): deadline per complex, horizon per complex,
  aardgasvrij per complex, capacity and budget per year, one per target and year.

Objective in kEUR: cost after DMJOP discount + WUP penalty + worst-first delay penalty +
slack penalties. When a slack is positive after the first solve, a second solve fixes the
penalty part at its optimum and minimises cost only (two stages, lexicographic).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import labels as L
from ..doelen import Doelen
from .opties import Opties, co2_factoren, vroegste_werkjaar
from .vastgelegd import met_vaste_werken, vaste_werken

SCHAAL = 1e-3  # objective in kEUR

# penalties in EUR (before SCHAAL)
P_DEADLINE = 1e6        # per E/F/G dwelling missing the deadline
P_HORIZON = 2e5         # per E/F/G dwelling not cleared within the horizon at all
P_AGV = 1e5             # per dwelling not aardgasvrij-ready by the wijk's year
P_CAP_HARD = 1e8        # per dwelling over capacity (a hard limit unless deadline_gaat_voor)
P_BUDGET_HARD = 1e3     # per EUR over budget
P_CAP_ZACHT = 5e4       # deadline_gaat_voor: the deadline wins, capacity gives way
P_BUDGET_ZACHT = 2.0
P_DOEL_EP2 = 1e3        # per kWh/m2 x m2 above the mean-label target
P_DOEL_PV = 1e5         # per dwelling short of the PV target
P_DOEL_CO2 = 1e3        # per kg CO2 above the target


@dataclass
class Oplossing:
    """Decisions and slacks of one corporation."""

    cidx: np.ndarray                 # complex rows (into Opties)
    pakket: np.ndarray               # package index per complex in cidx, -1 none
    jaar: np.ndarray                 # year or 0
    pv_jaar: np.ndarray              # year or 0
    deadline_mist: np.ndarray        # bool per complex in cidx (slack used)
    horizon_mist: np.ndarray
    agv_mist: np.ndarray
    cap_tekort: dict[int, float]     # year -> dwellings over capacity
    budget_tekort: dict[int, float]  # year -> EUR over budget
    doel_tekort: list[tuple[str, int, float, str]]  # (soort, jaar, amount, text)
    gebruik: dict[int, tuple[float, float]]  # year -> (dwellings, EUR)
    schakel_jaar: np.ndarray | None = None   # year of the switch off gas (second work) or 0
    status: str = ""
    bewezen: bool = False            # HiGHS proved the solution optimal (within solver_gap), every stage
    heeft_oplossing: bool = True     # HiGHS found a feasible solution; False: nothing is planned
    toelichting: str = ""            # the status in Dutch, for the summaries
    doelwaarde: float = float("nan")
    gap: float = float("nan")
    seconden: float = 0.0
    n_var: int = 0
    n_rij: int = 0


class _Model:
    def __init__(self):
        self.cost, self.lb, self.ub, self.integ = [], [], [], []
        self.rlo, self.rhi = [], []
        self.r, self.c, self.v = [], [], []
        self.ncol = 0
        self.nrow = 0

    def cols(self, cost, ub=1.0, integer=False) -> np.ndarray:
        cost = np.asarray(cost, dtype=float)
        n = len(cost)
        self.cost.append(cost)
        self.lb.append(np.zeros(n))
        self.ub.append(np.broadcast_to(np.asarray(ub, dtype=float), (n,)).copy())
        self.integ.append(np.full(n, 1 if integer else 0, dtype=np.int32))
        idx = np.arange(self.ncol, self.ncol + n)
        self.ncol += n
        return idx

    def rows(self, lo, hi) -> np.ndarray:
        lo = np.atleast_1d(np.asarray(lo, dtype=float))
        hi = np.broadcast_to(np.asarray(hi, dtype=float), lo.shape).copy()
        self.rlo.append(lo)
        self.rhi.append(hi)
        idx = np.arange(self.nrow, self.nrow + len(lo))
        self.nrow += len(lo)
        return idx

    def nz(self, r, c, v):
        r, c = np.asarray(r, dtype=np.int64), np.asarray(c, dtype=np.int64)
        v = np.broadcast_to(np.asarray(v, dtype=float), r.shape)
        self.r.append(r)
        self.c.append(c)
        self.v.append(v.copy())

    def highs_lp(self, highspy):
        import scipy.sparse as sp
        cat = lambda a, dt=float: np.concatenate(a).astype(dt) if a else np.zeros(0, dtype=dt)  # noqa: E731
        A = sp.csc_matrix((cat(self.v), (cat(self.r, np.int64), cat(self.c, np.int64))),
                          shape=(self.nrow, self.ncol))
        A.sum_duplicates()
        lp = highspy.HighsLp()
        lp.num_col_ = self.ncol
        lp.num_row_ = self.nrow
        lp.col_cost_ = cat(self.cost)
        lp.col_lower_ = cat(self.lb)
        lp.col_upper_ = cat(self.ub)
        lp.row_lower_ = cat(self.rlo)
        lp.row_upper_ = cat(self.rhi)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = A.indptr.astype(np.int32)
        lp.a_matrix_.index_ = A.indices.astype(np.int32)
        lp.a_matrix_.value_ = A.data
        integ = cat(self.integ, np.int32)
        lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integ]
        return lp


_BANNER_SLOT = threading.Lock()
_BANNER_WEG = False


def _nieuwe_highs(highspy):
    """A Highs object with its output off (``output_flag``, ``log_to_console``: HiGHS's own options).

    HiGHS (1.16) prints a copyright banner once per process, in the first constructor, before any option
    can be set; only that one construction runs with the process's stdout pointed at the null device (under
    a lock, so two threads never race on it). Every later model is silenced by its options alone."""
    global _BANNER_WEG
    with _BANNER_SLOT:
        if not _BANNER_WEG:
            _BANNER_WEG = True
            h = _zonder_stdout(highspy.Highs)
        else:
            h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    return h


def _zonder_stdout(maak):
    """``maak()`` with file descriptor 1 (where HiGHS's C++ code prints, whatever ``sys.stdout`` is) on the
    null device."""
    try:
        sys.stdout.flush()
    except (AttributeError, OSError, ValueError):
        pass
    fd = 1
    try:
        bewaard = os.dup(fd)
    except OSError:
        return maak()
    try:
        with open(os.devnull, "w") as nul:
            os.dup2(nul.fileno(), fd)
            return maak()
    finally:
        os.dup2(bewaard, fd)
        os.close(bewaard)


_DRAAD = threading.local()


def _scheduler_voor(highspy, threads: int) -> None:
    """HiGHS keeps one task scheduler per thread, fixed at the ``threads`` of the first model solved there; a
    later model asking another number would not start ("Not Set"). Reset this thread's scheduler first then
    (no model of this thread is running, so it is safe; highspy itself resets after a threaded solve)."""
    vorig = getattr(_DRAAD, "threads", None)
    if vorig is not None and vorig != threads and hasattr(highspy.Highs, "resetThreadScheduler"):
        highspy.Highs.resetThreadScheduler(True)
    _DRAAD.threads = threads


def highs_opties(scenario) -> dict:
    """The HiGHS options of every model: time limit and gap, and for reproducibility a fixed
    ``random_seed`` and number of ``threads`` (scenario ``solver_seed``, default 0, and
    ``solver_threads``, default 1: a MIP solved with one thread and one seed takes the same path every run,
    load permitting; a time limit that is hit still depends on the machine)."""
    return {"time_limit": float(scenario.solver_tijd_s), "mip_rel_gap": float(scenario.solver_gap),
            "random_seed": int(scenario.solver_seed),
            "threads": int(scenario.solver_threads)}


def _toegelaten(highspy, info) -> bool:
    """HiGHS holds a feasible primal solution (``primal_solution_status`` is feasible)."""
    return int(info.primal_solution_status) == int(highspy.SolutionStatus.kSolutionStatusFeasible)


def _toelichting(highspy, stadia: list, heeft_oplossing: bool, gap: float, scenario) -> str:
    """The solver outcome in Dutch: proven or not, and why."""
    MS = highspy.HighsModelStatus
    tijd = f"solver_tijd_s = {float(scenario.solver_tijd_s):g}"
    if not heeft_oplossing:
        if stadia[0] == MS.kTimeLimit:
            return f"tijdslimiet bereikt ({tijd}) zonder toegelaten oplossing: er is niets gepland"
        reden = _STATUS_NL.get(stadia[0].name, f"HiGHS-status {stadia[0].name}")
        return f"geen toegelaten oplossing gevonden ({reden}): er is niets gepland"
    if all(st == MS.kOptimal for st in stadia):
        return f"bewezen optimaal (gat {gap:.2%}, toegestaan {float(scenario.solver_gap):.2%})"
    st = next(st for st in stadia if st != MS.kOptimal)
    gat = "gat onbekend" if not np.isfinite(gap) else f"gat {gap:.2%}"
    fase = " in fase 2 (kosten)" if st is not stadia[0] else ""
    if st is None:
        return "fase 2 (kosten) gaf geen bruikbare oplossing: niet bewezen optimaal, de kosten zijn niet geminimaliseerd"
    if st == MS.kTimeLimit:
        return f"tijdslimiet bereikt{fase} ({tijd}), niet bewezen optimaal ({gat})"
    return f"{_STATUS_NL.get(st.name, f'HiGHS-status {st.name}')}{fase}: niet bewezen optimaal ({gat})"


#: HiGHS model statuses that stop a solve early, in Dutch
_STATUS_NL = {"kSolutionLimit": "oplossingslimiet bereikt", "kIterationLimit": "iteratielimiet bereikt",
              "kInterrupt": "onderbroken", "kHighsInterrupt": "onderbroken", "kMemoryLimit": "geheugenlimiet bereikt",
              "kObjectiveBound": "doelwaardegrens bereikt", "kObjectiveTarget": "doelwaardedoel bereikt",
              "kNotset": "de solver is niet gestart (ongeldige solveroptie?)", "kLoadError": "fout bij het laden",
              "kModelError": "fout in het model", "kPresolveError": "fout in de presolve",
              "kSolveError": "fout in de solver", "kPostsolveError": "fout in de postsolve",
              "kInfeasible": "onoplosbaar", "kUnbounded": "onbegrensd", "kUnboundedOrInfeasible": "onbegrensd of onoplosbaar"}


def _dominantie(o: Opties, cidx: np.ndarray, let_ep2: bool, let_co2: bool) -> np.ndarray:
    """C' x P mask of packages not dominated by another package for the same complex."""
    P = o.P
    keep = np.ones((len(cidx), P), dtype=bool)
    k = o.kosten[cidx]
    klaar = (o.n_std_na[cidx] >= o.woningen[cidx, None] - 1e-9) | ~o.schakel_mogelijk[cidx, None]
    for p in range(P):
        for q in range(P):
            if p == q:
                continue
            if o.warmtenet[q] and not o.warmtenet[p]:
                continue  # q has fewer years
            d = (o.toegestaan[cidx, q] >= o.toegestaan[cidx, p]) & (k[:, q] <= k[:, p])
            d &= o.wist_efg[cidx, q] >= o.wist_efg[cidx, p]
            d &= o.agv[cidx, q] >= o.agv[cidx, p]
            d &= klaar[:, q] >= klaar[:, p]   # ready for the switch off gas
            d &= o.werk[cidx, q] <= o.werk[cidx, p] + 1e-9   # uses no more capacity
            if let_ep2:
                d &= o.ep2sum_na[cidx, q] <= o.ep2sum_na[cidx, p] + 1e-9
            if let_co2:
                d &= (o.gas_na[cidx, q] <= o.gas_na[cidx, p] + 1e-9) & (o.elek_extra[cidx, q] <= o.elek_extra[cidx, p] + 1e-9) \
                    & (o.warmte[cidx, q] <= o.warmte[cidx, p] + 1e-9)
            # strict somewhere, or tie broken by index
            gelijk = (k[:, q] == k[:, p]) & (o.wist_efg[cidx, q] == o.wist_efg[cidx, p]) & (o.agv[cidx, q] == o.agv[cidx, p]) \
                & (o.toegestaan[cidx, q] == o.toegestaan[cidx, p]) & (o.warmtenet[q] == o.warmtenet[p])
            if let_ep2:
                gelijk &= np.isclose(o.ep2sum_na[cidx, q], o.ep2sum_na[cidx, p])
            # ties: the narrower scope (it says what is really done: only the E/F/G dwellings), then the index
            d &= ~gelijk | (o.scope[q] > o.scope[p]) | ((o.scope[q] == o.scope[p]) & (q < p))
            keep[:, p] &= ~d
    return keep


def _minstens_een(M, X: np.ndarray, li: np.ndarray, n: int, masker: np.ndarray, straf_per_complex: np.ndarray,
                  pen: list) -> tuple[np.ndarray, np.ndarray]:
    """Per complex that has options in ``masker``: at least one of them is chosen, or its elastic
    slack (cost ``straf_per_complex``) is used. Returns (slack columns, the complexes, local index)."""
    cs = np.unique(li[masker])
    if not len(cs):
        return np.zeros(0, dtype=np.int64), cs
    pos = np.full(n, -1)
    pos[cs] = np.arange(len(cs))
    R = M.rows(np.ones(len(cs)), np.inf)
    S = M.cols(straf_per_complex[cs] * SCHAAL, 1.0)
    M.nz(R[pos[li[masker]]], X[masker], 1.0)
    M.nz(R, S, 1.0)
    pen.append(S)
    return S, cs


def _doel_rijen(M: _Model, o: Opties, cidx: np.ndarray, doelen: Doelen, co2_referentie_kg: float | None, start: int,
                eind: int, X: np.ndarray,
                Z: np.ndarray, ci: np.ndarray, pi: np.ndarray, yi: np.ndarray, zc: np.ndarray, zy: np.ndarray,
                pen: list[np.ndarray]) -> list[tuple[str, int, Any, float, Any]]:
    """The soft target rows (mean label, PV dwellings, CO2 reduction), each with a penalised slack (added to
    ``pen``); returns (soort, year, slack column, factor to the target's unit, target) per target."""
    doel_cols: list[tuple[str, int, Any, float, Any]] = []
    G = o.gbo[cidx].sum()
    for Y, lab in sorted(doelen.gemiddeld_label.items()):
        if start > Y or lab not in L.RANG:
            continue
        hi = L.ep2_grenzen(lab)[1]
        if not np.isfinite(hi) or G <= 0:
            continue
        E0 = o.ep2sum0[cidx].sum()
        r = M.rows([-np.inf], (hi * G - E0) * SCHAAL)
        s = M.cols([P_DOEL_EP2], np.inf)
        m = yi <= Y
        M.nz(np.full(m.sum(), r[0]), X[m], (o.ep2sum_na[ci[m], pi[m]] - o.ep2sum0[ci[m]]) * SCHAAL)
        mz = zy <= Y
        M.nz(np.full(mz.sum(), r[0]), Z[mz], -o.pv_ep2_red[zc[mz]] * o.gbo[zc[mz]] * SCHAAL)
        M.nz(r, s, -1.0)
        doel_cols.append(("gemiddeld_label", Y, s[0], 1 / SCHAAL / G, lab))
        pen.append(s)
    bestaand_pv = float(o.woningen[cidx][o.pv_aanwezig[cidx]].sum())
    for Y, aantal in sorted(doelen.pv_woningen.items()):
        if start > Y or aantal - bestaand_pv <= 0:
            continue
        r = M.rows([aantal - bestaand_pv], np.inf)
        s = M.cols([P_DOEL_PV * SCHAAL], np.inf)
        mz = zy <= Y
        M.nz(np.full(mz.sum(), r[0]), Z[mz], o.woningen[zc[mz]])
        M.nz(r, s, 1.0)
        doel_cols.append(("pv_woningen", Y, s[0], 1.0, aantal))
        pen.append(s)
    for Y, pct in sorted(doelen.co2_reductie_pct.items()):
        if start > Y or co2_referentie_kg is None:
            continue
        fg, fe, fw = co2_factoren(min(Y, eind), o.factoren)
        co2_0 = fg * o.gas0[cidx].sum() + fe * o.elek0[cidx].sum() + fw * o.warmte0[cidx].sum()
        doel = (1 - pct / 100.0) * co2_referentie_kg
        r = M.rows([-np.inf], (doel - co2_0) * SCHAAL)
        s = M.cols([P_DOEL_CO2], np.inf)  # slack in tonnes
        m = yi <= Y
        d = fg * (o.gas_na[ci[m], pi[m]] - o.gas0[ci[m]]) + fe * o.elek_extra[ci[m], pi[m]] + fw * (o.warmte[ci[m], pi[m]] - o.warmte0[ci[m]])
        M.nz(np.full(m.sum(), r[0]), X[m], d * SCHAAL)
        mz = zy <= Y
        M.nz(np.full(mz.sum(), r[0]), Z[mz], -fe * o.pv_kwh[zc[mz]] * SCHAAL)
        M.nz(r, s, -1.0)
        doel_cols.append(("co2_reductie_pct", Y, s[0], 1000.0, pct))
        pen.append(s)
    return doel_cols


def _los_model(highspy, M: _Model, pen: list[np.ndarray], scenario, extra_opties: dict | None, t0: float, *,
               leeg: bool) -> tuple[np.ndarray, str, bool, bool, float, str, float]:
    """Solve the model in HiGHS: stage 1 (penalties and cost), then, when violations remain, stage 2 with every
    slack fixed at its stage-1 value (cost only). ``leeg``: the model has no options (gap 0). Returns the column
    values, status text, whether there is a solution, whether it is proven, the gap, the outcome in Dutch and
    the objective [EUR]."""
    lp = M.highs_lp(highspy)
    h = _nieuwe_highs(highspy)
    opties = highs_opties(scenario) | dict(extra_opties or {})
    for k, v in opties.items():
        h.setOptionValue(k, v)
    _scheduler_voor(highspy, int(opties.get("threads", 0)))
    h.passModel(lp)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    optimaal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    info = h.getInfo()
    heeft_oplossing = optimaal or _toegelaten(highspy, info)
    col = np.asarray(h.getSolution().col_value) if M.ncol else np.zeros(0)
    if not heeft_oplossing or len(col) != M.ncol or not np.isfinite(col).all():
        # no feasible solution (e.g. the time limit hit first): nothing is planned, and the
        # slacks say nothing; the plan's own figures show what is left (see planning.controle)
        heeft_oplossing = False
        col = np.zeros(M.ncol)
    stadia = [h.getModelStatus()]
    pen_cols = np.concatenate(pen) if pen else np.zeros(0, dtype=np.int64)
    kosten_vec = lp.col_cost_
    gap_fase1 = float(info.mip_gap) if heeft_oplossing and np.isfinite(info.mip_gap) else float("nan")
    if heeft_oplossing and len(col) and len(pen_cols):
        pen_val = float(np.dot(np.asarray(kosten_vec)[pen_cols], col[pen_cols]))
        if pen_val > 1e-6:
            # stage 2: keep the penalty at its optimum, minimise cost only
            # fix every slack at its stage-1 value (which violations, and how much), so stage 2
            # keeps the structure of the original model (easier than one aggregate penalty row)
            v = np.maximum(col[pen_cols], 0.0)
            v = np.where(v < 1e-7, 0.0, v)
            h.changeColsBounds(len(pen_cols), pen_cols.astype(np.int32), v, v + 1e-7 * np.maximum(1.0, v))
            nieuw = np.asarray(kosten_vec, dtype=float).copy()
            nieuw[pen_cols] = 0.0
            h.changeColsCost(M.ncol, np.arange(M.ncol, dtype=np.int32), nieuw)
            sol = h.getSolution()
            h.setSolution(sol)
            rest = float(scenario.solver_tijd_s) - (time.perf_counter() - t0)
            h.setOptionValue("time_limit", max(rest, 0.1 * float(scenario.solver_tijd_s)))
            h.run()
            if h.getModelStatus() in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit,
                                      highspy.HighsModelStatus.kSolutionLimit, highspy.HighsModelStatus.kInterrupt):
                col2 = np.asarray(h.getSolution().col_value)
                if len(col2) == M.ncol and np.isfinite(col2).all() and (
                        h.getModelStatus() == highspy.HighsModelStatus.kOptimal or _toegelaten(highspy, h.getInfo())):
                    col = col2
                    status2 = h.modelStatusToString(h.getModelStatus())
                    status = f"{status2} (2 fasen)" if optimaal else f"{status} (fase 1), {status2} (fase 2)"
                    info = h.getInfo()
                    stadia.append(h.getModelStatus())
                else:
                    stadia.append(None)   # stage 2 gave nothing usable: stage 1 stands, cost not minimised
    # the proven relative gap; unknown (nan) when HiGHS has no bound or no solution. When stage 1
    # (which violations) was not proven, its gap is the one that counts, not stage 2's (cost only)
    gap = float(info.mip_gap) if heeft_oplossing and np.isfinite(info.mip_gap) else float("nan")
    if not optimaal and len(stadia) > 1:
        gap = gap_fase1
    if leeg:
        gap = 0.0
    bewezen = heeft_oplossing and all(st == highspy.HighsModelStatus.kOptimal for st in stadia)
    if bewezen and not np.isfinite(gap):
        gap = 0.0   # optimal without a MIP bound (a pure LP): nothing left to close
    toelichting = _toelichting(highspy, stadia, heeft_oplossing, gap, scenario)
    doelwaarde = float(np.dot(np.asarray(kosten_vec), col)) / SCHAAL if len(col) else 0.0
    return col, status, heeft_oplossing, bewezen, gap, toelichting, doelwaarde


def _gebruik_per_jaar(o: Opties, cidx: np.ndarray, jaren: np.ndarray, pakket: np.ndarray, jaar: np.ndarray,
                      pv_jaar: np.ndarray, schakel_jaar: np.ndarray, korting: float) -> dict[int, tuple[float, float]]:
    """Per year the capacity used (dwellings worked on) and the money spent [EUR] by the chosen works."""
    gebruik: dict[int, tuple[float, float]] = {}
    for k, y in enumerate(jaren):
        m = (jaar == y)
        mz = pv_jaar == y
        sv = np.where(o.scope[pakket[m]] == 2, o.n_heropname[cidx[m]] * o.heropname_eur, 0.0)
        kk = (o.kosten[cidx[m], pakket[m]] - sv) * o.prijsfactor(int(y)) * np.where(o.onderhoud[cidx[m]] == y, 1 - korting, 1.0)
        kz = o.pv_kosten[cidx[mz]] * np.where(o.onderhoud[cidx[mz]] == y, 1 - korting, 1.0)
        if k == 0:
            h = pakket >= 0
            kk = np.append(kk, np.where(o.scope[pakket[h]] == 2, o.n_heropname[cidx[h]] * o.heropname_eur, 0.0).sum()
                           * o.prijsfactor(int(y)))
        kv = o.sw_kosten0[cidx[schakel_jaar == y]].sum() * o.prijsfactor(int(y)) if o.sw_kosten0 is not None else 0.0
        gebruik[int(y)] = (float(o.werk[cidx[m], pakket[m]].sum()), float(kk.sum() + kz.sum() + kv))
    return gebruik


def _capaciteit_budget_rijen(M: _Model, o: Opties, params, jaren: np.ndarray, deadline_gaat_voor: bool,
                            X: np.ndarray, ci: np.ndarray, pi: np.ndarray, yi: np.ndarray, kost_eff: np.ndarray, survey: np.ndarray,
                            Z: np.ndarray, zy: np.ndarray, pv_kost: np.ndarray, V: np.ndarray, vy: np.ndarray,
                            v_kost: np.ndarray, pen: list[np.ndarray]) -> tuple[dict[int, Any], dict[int, Any]]:
    """Capacity (dwellings worked on) and budget rows per year with their slack columns (added to ``pen``):
    hard, or soft when the deadline goes first. Returns the slack column per year of each."""
    cap = np.array([params.capaciteit(int(y)) for y in jaren])
    bud = np.array([params.budget(int(y)) for y in jaren])
    start = int(jaren[0])
    yk = yi - start
    zk = zy - start
    cap_cols: dict[int, Any] = {}
    bud_cols: dict[int, Any] = {}
    for k, y in enumerate(jaren):
        if np.isfinite(cap[k]):
            r = M.rows([-np.inf], cap[k])
            s = M.cols([(P_CAP_ZACHT if deadline_gaat_voor else P_CAP_HARD) * SCHAAL], np.inf)
            m = yk == k
            M.nz(np.full(m.sum(), r[0]), X[m], o.werk[ci[m], pi[m]])   # dwellings actually worked on
            M.nz(r, s, -1.0)
            cap_cols[int(y)] = s[0]
            pen.append(s)
        if np.isfinite(bud[k]):
            r = M.rows([-np.inf], bud[k] * SCHAAL)
            s = M.cols([(P_BUDGET_ZACHT if deadline_gaat_voor else P_BUDGET_HARD)], np.inf)  # slack in kEUR
            m = yk == k
            M.nz(np.full(m.sum(), r[0]), X[m], kost_eff[m] * SCHAAL)
            if k == 0:
                ms = survey > 0
                M.nz(np.full(ms.sum(), r[0]), X[ms], survey[ms] * SCHAAL)
            mz = zk == k
            M.nz(np.full(mz.sum(), r[0]), Z[mz], pv_kost[mz] * SCHAAL)
            mv = vy == y
            M.nz(np.full(mv.sum(), r[0]), V[mv], v_kost[mv] * SCHAAL)
            M.nz(r, s, -1.0)
            bud_cols[int(y)] = s[0]
            pen.append(s)
    return cap_cols, bud_cols


def los_op(o: Opties, cidx: np.ndarray, scenario, params, co2_referentie_kg: float | None = None, *,
           extra_opties: dict | None = None) -> Oplossing:
    """Build and solve the MILP of one corporation (complex rows ``cidx``); ``co2_referentie_kg``: the
    corporation's CO2 reference for a ``co2_reductie_pct`` target."""
    import highspy

    t0 = time.perf_counter()
    jaren = np.array(scenario.jaren, dtype=np.int64)
    start, eind, D = int(jaren[0]), int(jaren[-1]), int(scenario.deadline)
    deadline_gaat_voor = scenario.deadline_gaat_voor
    korting = scenario.gewicht("dmjop_korting_pct") / 100.0
    wup_boete = scenario.gewicht("buiten_wup_boete_eur_woning")
    uitstel = scenario.gewicht("uitstel_boete_eur_woning_jaar")
    rente = scenario.gewicht("discontovoet_pct", 0.0) / 100.0

    def contant(y: np.ndarray) -> np.ndarray:
        """Discount factor to the first plan year: the objective weighs money at its present value."""
        return (1.0 + rente) ** -(np.asarray(y, dtype=float) - start)
    doelen = scenario.doelen
    n = len(cidx)

    efg = (o.efg_p90[cidx] > 0) & ~o.vrij[cidx]   # pessimistic (P90) unless a survey is chosen
    agv_eis = o.tvw_eis[cidx]
    # monuments (exempt, plannable with their allowed packages) only for a target; demolished complexes never
    kandidaat = o.planbaar[cidx] & (efg | agv_eis | doelen.renovatie_nodig)
    keep = _dominantie(o, cidx, bool(doelen.gemiddeld_label), bool(doelen.co2_reductie_pct))
    relevant = np.zeros_like(keep)
    relevant |= (o.wist_efg[cidx] & efg[:, None])
    relevant |= (o.agv[cidx] & agv_eis[:, None])
    klaar_cp = o.n_std_na[cidx] >= o.woningen[cidx, None] - 1e-9   # aardgasvrij-ready: the switch may follow
    relevant |= klaar_cp & (agv_eis & o.schakel_mogelijk[cidx])[:, None]
    if doelen.renovatie_nodig:
        relevant[:] = True
    keep &= relevant & kandidaat[:, None]

    # options (local complex index, package, year)
    li_j: list[np.ndarray] = []
    pi_j: list[np.ndarray] = []
    yi_j: list[np.ndarray] = []
    for y in jaren:
        m = keep & o.jaar_toegestaan(int(y), cidx)
        a, b = np.nonzero(m)
        li_j.append(a)
        pi_j.append(b)
        yi_j.append(np.full(len(a), y))
    li, pi, yi = np.concatenate(li_j), np.concatenate(pi_j), np.concatenate(yi_j)
    # lead time: a work not yet prepared (design, tender, the tenants' consent) cannot start before it; fixed
    # (contracted, prepared) works come back below as they are
    vroegst = vroegste_werkjaar(scenario)
    li, pi, yi = li[yi >= vroegst], pi[yi >= vroegst], yi[yi >= vroegst]
    # a complex asked for nothing but its E/F/G: after the deadline (only when it cannot be met) one package
    # is enough, the cheapest that clears it; the others would only multiply the years (scale: every
    # complex with uncertain labels has a P90 E/F/G count, so nearly every complex is a candidate)
    alleen_dl = efg & ~agv_eis & (not doelen.renovatie_nodig)
    if alleen_dl.any() and len(li):
        kc = np.where(keep & o.wist_efg[cidx], o.kosten[cidx], np.inf)
        goedkoopst = np.argmin(kc, axis=1)
        weg = alleen_dl[li] & (yi > D) & (pi != goedkoopst[li])
        li, pi, yi = li[~weg], pi[~weg], yi[~weg]
    li, pi, yi, vast_x = met_vaste_werken(li, pi, yi, vaste_werken(o, cidx, scenario))
    ci = cidx[li]
    # a label survey (heropname) is done in the first year, before any works; its cost is part of the option
    survey = np.where(o.scope[pi] == 2, o.n_heropname[ci] * o.heropname_eur, 0.0)
    kost = (o.kosten[ci, pi] - survey) * o.prijsfactor(yi)   # price level of the year of the works
    dmjop = (o.onderhoud[ci] == yi)
    survey = survey * o.prijsfactor(start)
    kost_eff = kost * np.where(dmjop, 1 - korting, 1.0)
    heeft_window = np.isfinite(o.wup_start[ci]) | np.isfinite(o.wup_eind[ci])
    buiten = heeft_window & ~o.binnen_wup(yi, ci)
    obj_x = (kost_eff * contant(yi) + survey + buiten * wup_boete * o.werk[ci, pi]
             + uitstel * o.efg_gewicht[ci] * (yi - start))

    M = _Model()
    X = M.cols(obj_x * SCHAAL, 1.0, True)
    if vast_x.any():  # contracted works: taken as they are
        M.nz(M.rows(np.ones(int(vast_x.sum())), np.inf), X[vast_x], 1.0)

    # PV options
    pv_c = np.flatnonzero(o.pv_mogelijk[cidx]) if doelen.pv_nodig else np.zeros(0, dtype=np.int64)
    zl = np.repeat(pv_c, len(jaren))
    zy = np.tile(jaren, len(pv_c))
    zl, zy = zl[zy >= vroegst], zy[zy >= vroegst]
    zc = cidx[zl]
    pv_kost = o.pv_kosten[zc] * np.where(o.onderhoud[zc] == zy, 1 - korting, 1.0)
    Z = M.cols(pv_kost * contant(zy) * SCHAAL, 1.0, True)

    pen: list[np.ndarray] = []  # (cols, penalty coefficient scaled) to compute penalty part

    # at most once per complex (renovation) and once per complex (PV)
    if len(X):
        u, inv = np.unique(li, return_inverse=True)
        R = M.rows(np.full(len(u), -np.inf), 1.0)
        M.nz(R[inv], X, 1.0)
    if len(Z):
        u, inv = np.unique(zl, return_inverse=True)
        R = M.rows(np.full(len(u), -np.inf), 1.0)
        M.nz(R[inv], Z, 1.0)

    clear_x = o.wist_efg[ci, pi] & efg[li]
    # deadline: complexes with E/F/G and a clearing option by the deadline
    deadline_mist = np.zeros(n, bool)
    horizon_mist = np.zeros(n, bool)
    S_dl, dl_c = _minstens_een(M, X, li, n, clear_x & (yi <= D), P_DEADLINE * o.efg_p90[cidx], pen)
    T, hz_c = _minstens_een(M, X, li, n, clear_x, P_HORIZON * o.efg_p90[cidx], pen)

    # aardgasvrij-ready by the wijk's year
    # off gas by the wijk's year: a package that takes the complex off gas, or the switch (district heat or
    # all-electric, V) inside the uitvoering window once the complex is aardgasvrij-ready (now, or by a work
    # in or before the switch's year). The switch does not use renovation capacity (another crew: the heat
    # company or the installer) but counts in the budget
    ma = o.agv[ci, pi] & agv_eis[li] & (yi <= o.agv_jaar[ci])
    sw_l = np.flatnonzero(agv_eis & o.schakel_mogelijk[cidx])
    vl = np.repeat(sw_l, len(jaren))
    vy = np.tile(jaren, len(sw_l))
    vc = cidx[vl]
    vok = (vy <= o.agv_jaar[vc]) & (vy >= vroegst)
    vwin = np.isfinite(o.wup_start[vc]) | np.isfinite(o.wup_eind[vc])
    vok &= ~vwin | o.binnen_wup(vy, vc)
    vl, vy, vc = vl[vok], vy[vok], vc[vok]
    v_kost = o.sw_kosten0[vc] * o.prijsfactor(vy)
    V = M.cols(v_kost * contant(vy) * SCHAAL, 1.0, True)
    if len(V):
        u, inv = np.unique(vl, return_inverse=True)
        M.nz(M.rows(np.full(len(u), -np.inf), 1.0)[inv], V, 1.0)   # one switch per complex
        klaar0 = o.n_std0[vc] >= o.woningen[vc] - 1e-9
        R = M.rows(np.full(len(V), -np.inf), klaar0.astype(float))
        M.nz(R, V, 1.0)
        # V[c, y] <= ready now + sum of the ready-making options of c done in or before y
        kx = np.flatnonzero(klaar_cp[li, pi] & np.isin(li, vl))
        if len(kx):
            pos = {int(l): np.flatnonzero(vl == l) for l in np.unique(vl)}
            rr, cc = [], []
            for xi in kx:
                vi = pos.get(int(li[xi]))
                if vi is None:
                    continue
                vi = vi[vy[vi] >= yi[xi]]
                rr.append(R[vi])
                cc.append(np.full(len(vi), X[xi]))
            if rr:
                M.nz(np.concatenate(rr), np.concatenate(cc), -1.0)
    cs = np.unique(np.concatenate([li[ma], vl]))
    A = np.zeros(0, dtype=np.int64)
    ag_c = cs
    if len(cs):
        posa = np.full(n, -1)
        posa[cs] = np.arange(len(cs))
        RA = M.rows(np.ones(len(cs)), np.inf)
        A = M.cols(P_AGV * o.woningen[cidx][cs] * SCHAAL, 1.0)
        M.nz(RA[posa[li[ma]]], X[ma], 1.0)
        M.nz(RA[posa[vl]], V, 1.0)
        M.nz(RA, A, 1.0)
        pen.append(A)

    cap_cols, bud_cols = _capaciteit_budget_rijen(M, o, params, jaren, deadline_gaat_voor, X, ci, pi, yi, kost_eff,
                                                 survey, Z, zy, pv_kost, V, vy, v_kost, pen)

    doel_cols = _doel_rijen(M, o, cidx, doelen, co2_referentie_kg, start, eind, X, Z, ci, pi, yi, zc, zy, pen)

    col, status, heeft_oplossing, bewezen, gap, toelichting, doelwaarde = _los_model(
        highspy, M, pen, scenario, extra_opties, t0, leeg=not len(X) and not len(Z))

    # decisions
    pakket = np.full(n, -1, dtype=np.int64)
    jaar = np.zeros(n, dtype=np.int64)
    pv_jaar = np.zeros(n, dtype=np.int64)
    schakel_jaar = np.zeros(n, dtype=np.int64)
    if len(V):
        gv = col[V] > 0.5
        schakel_jaar[vl[gv]] = vy[gv]
    if len(X):
        gekozen = col[X] > 0.5
        pakket[li[gekozen]] = pi[gekozen]
        jaar[li[gekozen]] = yi[gekozen]
    if len(Z):
        gz = col[Z] > 0.5
        pv_jaar[zl[gz]] = zy[gz]
    if len(S_dl):
        deadline_mist[dl_c] = col[S_dl] > 1e-6
    if len(T):
        horizon_mist[hz_c] = col[T] > 1e-6
    agv_mist = np.zeros(n, bool)
    if len(A):
        agv_mist[ag_c] = col[A] > 1e-6
    cap_tekort = {y: float(col[c]) for y, c in cap_cols.items() if col[c] > 1e-6}
    budget_tekort = {y: float(col[c]) / SCHAAL for y, c in bud_cols.items() if col[c] > 1e-6}
    doel_tekort = []
    for soort, Y, c, f, waarde in doel_cols:
        if col[c] > 1e-6:
            doel_tekort.append((soort, Y, float(col[c]) * f, str(waarde)))
    gebruik = _gebruik_per_jaar(o, cidx, jaren, pakket, jaar, pv_jaar, schakel_jaar, korting)
    return Oplossing(cidx=cidx, pakket=pakket, jaar=jaar, pv_jaar=pv_jaar, schakel_jaar=schakel_jaar, deadline_mist=deadline_mist,
                     horizon_mist=horizon_mist, agv_mist=agv_mist, cap_tekort=cap_tekort,
                     budget_tekort=budget_tekort, doel_tekort=doel_tekort, gebruik=gebruik, status=status,
                     bewezen=bewezen, heeft_oplossing=heeft_oplossing, toelichting=toelichting,
                     doelwaarde=doelwaarde, gap=gap, seconden=time.perf_counter() - t0, n_var=M.ncol, n_rij=M.nrow)
