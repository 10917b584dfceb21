"""The Plan: what the planner decided, as tables the exports read without recomputing."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd


@dataclass
class Plan:
    """A yearly renovation, PV and CO2 plan for a portfolio.

    Attributes
    ----------
    werken
        The ledger of works, one row per work (:mod:`verduurzaming.planning.werken`: columns
        ``WERKEN_KOLOMMEN``, meanings ``BEGRIPPEN``). Every figure about works in ``per_jaar``, ``wijk_jaar``,
        ``kengetallen``, ``gemeente`` and ``complexen["kosten_eur"]`` is a sum of it.
    complexen
        One row per complex (all portfolio complex columns, EPSG:28992) plus the decision:
        ``pakket`` (id or None), ``pakket_naam``, ``jaar`` (Int64, renovation year or NA),
        ``werk`` (Dutch: what is done, for which dwellings and when; a label survey first when the
        package waits for it),
        ``kosten_eur`` (all works of the complex: the sum of its rows in ``werken``),
        ``renovatie_kosten_eur`` (the renovation alone, after DMJOP discount), ``dmjop_gecombineerd`` (bool),
        ``binnen_wup`` (bool or NA when the wijk has no uitvoering window),
        ``pv_jaar`` (Int64), ``pv_panelen`` (int), ``pv_kwp`` (float), ``pv_kwh_jaar`` (float),
        ``pv_kosten_eur``, ``ep2_na_kwh_m2`` (mean after all works), ``n_A++++_na`` .. ``n_G_na``,
        ``n_efg_na``, ``slechtste_label_na``, ``co2_kg_voor``, ``co2_kg_na`` (per year, whole complex),
        ``huurkorting_eur_jaar`` (NPA rent discount if E/F/G remain after the deadline),
        ``redenen`` (';'-joined codes: ``EFG-deadline``, ``DMJOP``, ``WUP-uitvoering``,
        ``doel-gemiddeld-label``, ``aardgasvrij-ready``), ``schendingen`` (';'-joined text).
    per_jaar
        One row per (corporatie, jaar): ``woningen``, ``n_A++++`` .. ``n_G`` at the start of the
        year, ``n_efg``, ``efg_verwijderd``, ``efg_vrijgesteld``, ``renovaties_complexen``,
        ``renovaties_woningen``, ``kosten_eur``, ``pv_woningen`` (cumulative), ``pv_kwp``,
        ``ep2_gem_kwh_m2``, ``gemiddeld_label``, ``co2_kg``, ``capaciteit_woningen``, ``budget_eur``.
    wijk_jaar
        One row per (wijk_code, jaar): ``renovaties_woningen``, ``binnen_wup_woningen``,
        ``buiten_wup_woningen``, ``n_efg``, ``co2_kg``.
    schendingen
        One row per violation: ``corporatie``, ``complex_id``, ``soort`` (``deadline``,
        ``capaciteit``, ``budget``, ``tvw``, ``doel``), ``jaar``, ``toelichting`` (Dutch).
    deadline
        The year after which no E/F/G may remain (``scenario.deadline``), for the exports.
    diagnose
        Dutch sentences explaining an infeasible plan (empty when all constraints hold).
        Timing: ``n_*`` / ``n_efg`` are at the *start* of the year; ``ep2_gem_kwh_m2``,
        ``gemiddeld_label``, ``co2_kg``, ``pv_woningen`` and ``pv_kwp`` at the *end* of the year
        (that year's works done), which is how targets ("gemiddeld label B in 2027") are checked.
        ``efg_verwijderd`` = E/F/G dwellings cleared by that year's works; ``efg_vrijgesteld`` =
        E/F/G dwellings in exempt complexes. PV lowers EP2 (mean EP2, targets) but is not counted
        in the label histograms. CO2 covers gas, the electricity/heat a package adds, minus PV yield.
    solver
        One row per corporation: ``corporatie``, ``status``, ``doelwaarde`` (EUR, incl. penalties
        of the first stage when a second stage ran: status ends with "(2 fasen)"), ``gap`` (proven
        relative optimality gap, HiGHS ``mip_gap``; NaN when unknown), ``seconden``, ``variabelen``,
        ``rijen``, ``bewezen`` (HiGHS proved optimality within ``solver_gap`` in every stage),
        ``heeft_oplossing`` (False: no feasible solution, nothing planned) and ``toelichting``
        (the outcome in Dutch, e.g. "tijdslimiet bereikt ..., niet bewezen optimaal").
        Capacity and budget are hard unless ``scenario.deadline_gaat_voor``: then the deadline wins and
        capacity/budget overruns become the listed violations.
    baseline
        The hand-made baseline plan (same layout, ``baseline`` None), for comparison.
    gemeente
        The gemeente view, one row per wijk (see :func:`verduurzaming.planning.gemeente.gemeente_overzicht`):
        corporations and their dwellings, works inside/outside the WUP window, warmtenet starting point.
    kengetallen
        One row per corporation: ``kosten_eur`` (works + label surveys; PV not included),
        ``renovatie_kosten_eur``, ``heropname_kosten_eur``, ``efg_verwijderd``,
        ``kosten_per_efg_verwijderd_eur`` (cost per E/F/G dwelling cleared), ``werken_heel_complex``,
        ``werken_losse_aanpak``, ``heropname_woningen``, ``n_efg_start`` (most likely labels),
        ``n_efg_verwacht`` and ``n_efg_p90`` (uncertain labels at their class probability).
    bronversies
        Versions of the reference data used (catalog, emission factors, CBS year, ...).
    """

    complexen: gpd.GeoDataFrame
    per_jaar: pd.DataFrame
    wijk_jaar: pd.DataFrame
    schendingen: pd.DataFrame
    deadline: int
    diagnose: list[str] = field(default_factory=list)
    solver: pd.DataFrame = field(default_factory=pd.DataFrame)
    baseline: Plan | None = None
    bronversies: dict[str, str] = field(default_factory=dict)
    jaren: list[int] = field(default_factory=list)
    gemeente: pd.DataFrame = field(default_factory=pd.DataFrame)
    kengetallen: pd.DataFrame = field(default_factory=pd.DataFrame)
    werken: pd.DataFrame = field(default_factory=pd.DataFrame)
    discontovoet_pct: float = 0.0
