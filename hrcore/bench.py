"""Benchmark of one demo company size: generation, import against DuckDB's own reader, every page cold and warm.

``python -m hrcore bench --employees 100000 --out bench-100k.json`` writes::

    {"employees": 100000, "generate_s": ..., "load_s": ..., "import_s": ..., "duckdb_read_csv_s": ...,
     "import_ratio": ..., "peak_rss_mb": ...,
     "pages": {"overview": {"cold_s": ..., "warm_s": ..., "rerun_s": ...}, ...}}

A page's cold time is its first run with its data caches empty; its warm
time is the median of several reruns, each after moving the page's main
control to a value not seen before (as an analyst dragging a slider does);
its rerun time the median of as many reruns with nothing changed.
Each stage runs in a process of its own, so each has its own high-water mark
of memory: ``build_peak_rss_mb`` (generating and loading the demo company, a
one-off that holds every table in memory), ``import_peak_rss_mb`` (the
employee file through hrcore's import, then DuckDB's bare ``read_csv``) and
``pages_peak_rss_mb`` (the app: every page timed, then every page shown
again with nothing evicted but by Streamlit's own limits, as a server holds
them).  ``app_peak_rss_mb`` is the larger of the last two, what a server
must hold; ``peak_rss_mb`` the largest of all three.  Run one size per
process (``make bench`` does).  Measures, never judges: there is no timed test.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_RUNS = 5

# Each page's main control and the values it is moved through for the warm runs.
CONTROLS = {
    "overview": None,
    "data": None,
    "evaluation": ("selectbox", "ev_check_pct", ["p75", "p25", "p90", "p10", "p50"]),
    "pay": ("slider", "pay_pos_lo", [55, 60, 65, 70, 75]),
    "kpi": ("selectbox", "kpi_period", "options"),
    "talent": ("number_input", "tal_p_high", [96.0, 97.0, 98.0, 99.0, 100.0]),
    "competency": ("slider", "cm_rate", [55, 60, 65, 70, 75]),
    "attrition": ("slider", "at_min", [45, 50, 55, 60, 65]),
}
"""Each page's main control: widget kind, key, the values it is set to for the warm runs."""

TABS = {"evaluation": ("ev_tab", "eval.tab.check"), "competency": ("cm_tab", "competency.tab.certification"),
        "attrition": ("at_tab", "attrition.tab.watchlist")}
"""The tab (its key and label) a control lives on, where that is not the page's first tab: it is opened, as a
user would, before the warm runs."""


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def peak_rss_mb() -> float:
    """This process's high-water mark of resident memory, in MB.

    VmHWM belongs to the address space, which a new program gets afresh, so a
    child started by this one reports its own peak; ru_maxrss, by contrast,
    carries over from the parent (its fallback where /proc is missing).
    """
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024  # kB
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _page_values(at, control) -> list:
    kind, key, values = control
    if values == "options":
        widget = getattr(at, kind)(key=key)
        values = [o for o in widget.options if o != widget.value][:WARM_RUNS]
    return values


@contextlib.contextmanager
def _database(db: Path):
    before = os.environ.get("HRCORE_DB")
    os.environ["HRCORE_DB"] = str(db)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("HRCORE_DB", None)
        else:
            os.environ["HRCORE_DB"] = before


def page_timings(db: Path, pages: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Cold and warm (median) seconds of each page, through AppTest against ``db``."""
    with _database(db):
        return {page: _page_timing(page) for page in pages or list(CONTROLS)}


def _open_page(page: str):
    """A new session opening ``page`` (its first run, as a deep link does): the AppTest and its seconds."""
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    # AppTest outside a server warns on every page about the runtime it does without; a run reads the
    # configured level again, so it is set before each page.
    set_log_level("error")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    at.switch_page(f"views/{page}.py")
    seconds, _ = timed(at.run)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return at, seconds


def _page_timing(page: str) -> dict[str, float]:
    import streamlit as st

    st.cache_data.clear()
    at, cold = _open_page(page)
    if page in TABS:
        from hrcore import i18n

        key, label = TABS[page]
        at.session_state[key] = i18n.t(label, "en")
        at.run()
    warm = []
    if CONTROLS[page] is None:
        for _ in range(WARM_RUNS):
            warm.append(timed(at.run)[0])
    else:
        kind, key, _ = CONTROLS[page]
        for value in _page_values(at, CONTROLS[page]):
            getattr(at, kind)(key=key).set_value(value)
            warm.append(timed(at.run)[0])
    rerun = [timed(at.run)[0] for _ in range(WARM_RUNS)]
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return {"cold_s": round(cold, 3), "warm_s": round(statistics.median(warm), 3),
            "rerun_s": round(statistics.median(rerun), 3)}


def run(employees: int, folder: Path | None = None, pages: list[str] | None = None, seed: int = 7) -> dict:
    """Generate, load, import and time the pages for a demo company of ``employees`` active people."""
    from hrcore.demo import generate, load_demo
    from hrcore.imports import export_table
    from hrcore.store import Store

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(folder or scratch)
        db = folder / f"bench-{employees}.duckdb"
        generate_s, frames = timed(lambda: generate(employees=employees, seed=seed))
        rows = sum(len(frame) for frame in frames.values())
        store = Store(db)
        load_s, _ = timed(lambda: load_demo(store, frames))
        del frames
        csv_path = folder / "employees.csv"
        csv_path.write_bytes(export_table(store, "employees", "csv"))
        store.close()
        build_peak = peak_rss_mb()
        imported = _in_child(["--import-of", str(csv_path)], folder / "import.json")
        served = _in_child(["--pages-of", str(db), *(["--pages", *pages] if pages else [])], folder / "pages.json")
    app_peak = max(imported["peak_rss_mb"], served["peak_rss_mb"])
    return {
        "employees": employees,
        "rows": rows,
        "generate_s": round(generate_s, 2),
        "load_s": round(load_s, 2),
        "import_rows": imported["import_rows"],
        "import_s": imported["import_s"],
        "duckdb_read_csv_s": imported["duckdb_read_csv_s"],
        "import_ratio": round(imported["import_s"] / imported["duckdb_read_csv_s"], 1),
        "peak_rss_mb": round(max(build_peak, app_peak)),
        "app_peak_rss_mb": app_peak,
        "build_peak_rss_mb": round(build_peak),
        "import_peak_rss_mb": imported["peak_rss_mb"],
        "pages_peak_rss_mb": served["peak_rss_mb"],
        "pages": served["pages"],
    }


def _in_child(arguments: list[str], out: Path) -> dict:
    command = [sys.executable, "-m", "hrcore", "bench", *arguments, "--out", str(out)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def import_only(csv_path: Path) -> dict:
    """The employee file through hrcore's import into a new database, then DuckDB's bare ``read_csv`` of it."""
    import duckdb

    from hrcore.imports import import_file
    from hrcore.store import Store

    with tempfile.TemporaryDirectory(dir=csv_path.parent) as scratch:
        target = Store(Path(scratch) / "import.duckdb")
        import_s, report = timed(lambda: import_file(target, "employees", csv_path.read_bytes(), csv_path.name))
        if not report.written:
            raise RuntimeError(f"import refused: {report.problems.head().to_dict('records')}")
        target.close()
        bare = duckdb.connect(str(Path(scratch) / "bare.duckdb"))
        read_csv_s, _ = timed(lambda: bare.execute("CREATE TABLE employees AS SELECT * FROM read_csv(?)",
                                                   [str(csv_path)]))
        bare.close()
    return {"import_rows": int(report.counts.inserted), "import_s": round(import_s, 2),
            "duckdb_read_csv_s": round(read_csv_s, 3), "peak_rss_mb": round(peak_rss_mb())}


SURVEY_LABELS = {"self": ["Self", "自评"], "superior": ["Manager", "上级"], "peer": ["Peer", "同事"],
                 "subordinate": ["Direct report", "下属"], "other": ["Customer", "客户"]}
SURVEY_PANEL = ("self", "superior", "peer", "peer", "peer", "subordinate", "subordinate", "other")
"""The raters of one person in a synthetic 360 export: 8, as the seed's 7-8 a person."""
SURVEY_ITEMS = 12


def survey_360_export(people: list[str], items: list[str], rows: int, seed: int = 11) -> bytes:
    """A synthetic 360 review of about ``rows`` rows as survey tools export it (long format, one row per answer).

    Each ratee has the 8 raters of :data:`SURVEY_PANEL` (themself, a manager, three peers, two direct reports, a
    customer) drawn from ``people``, each answering the same ``SURVEY_ITEMS`` items (``items`` repeated if
    fewer); answers are submitted at a time of day over two weeks; about 3 % are missing (``null``, ``NA``,
    ``-``, an empty cell); about 1 % of raters submitted an item again later; relationships are labelled in
    English or Chinese.  Deterministic for a ``seed``.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    per_ratee = len(SURVEY_PANEL) * SURVEY_ITEMS
    ratees = max(1, round(rows / per_ratee / 1.01))
    chosen = rng.choice(np.asarray(people, dtype=object), size=min(len(people), ratees), replace=False)
    asked = [items[i % len(items)] for i in range(SURVEY_ITEMS)]
    frames = []
    for ratee in chosen:
        others = rng.choice(np.asarray([p for p in people if p != ratee][:5000], dtype=object),
                            size=len(SURVEY_PANEL) - 1, replace=False)
        raters = np.concatenate([[ratee], others])
        submitted = pd.Timestamp("2025-11-03 08:00") + pd.to_timedelta(rng.integers(0, 14 * 86_400, len(raters)),
                                                                       unit="s")
        frames.append(pd.DataFrame({
            "Reviewee": ratee, "Reviewer": np.repeat(raters, SURVEY_ITEMS),
            "Relationship": np.repeat([SURVEY_LABELS[g][rng.integers(0, 2)] for g in SURVEY_PANEL], SURVEY_ITEMS),
            "Competency": np.tile(asked, len(raters)),
            "Rating": rng.integers(3, 11, len(raters) * SURVEY_ITEMS).astype(str).astype(object),
            "Submitted at": np.repeat(submitted, SURVEY_ITEMS)}))
    frame = pd.concat(frames, ignore_index=True)
    missing = rng.random(len(frame)) < 0.03
    frame.loc[missing, "Rating"] = rng.choice(np.array(["null", "NA", "-", ""], dtype=object), int(missing.sum()))
    again = frame[rng.random(len(frame)) < 0.01].copy()
    again["Submitted at"] += pd.to_timedelta(rng.integers(60, 86_400, len(again)), unit="s")
    again["Rating"] = rng.integers(3, 11, len(again)).astype(str)
    frame = pd.concat([frame, again], ignore_index=True).head(rows)
    frame["Submitted at"] = frame["Submitted at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    frame.insert(0, "Response ID", np.arange(1, len(frame) + 1))
    frame.insert(2, "Review", "2025H2")
    return frame.to_csv(index=False).encode("utf-8")


def import_360(sizes: list[int], seed: int = 7) -> dict:
    """A synthetic 360 export of each size (:func:`survey_360_export`) imported into a copy of a demo company
    (repeats: keep the last), through :func:`hrcore.imports.import_file` in this process and through
    ``python -m hrcore import`` in a process of its own (which also pays for starting Python and importing the
    libraries).  Returns ``{"ratings_360": [{"rows", "ratees", "written", "import_s", "cli_s"}, ...]}``."""
    import shutil

    from hrcore.demo import build_demo
    from hrcore.imports import import_file
    from hrcore.store import Store

    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        base = folder / "base.duckdb"
        employees = max(300, 2 * max(sizes) // (len(SURVEY_PANEL) * SURVEY_ITEMS))
        store = Store(base)
        build_demo(store, employees=employees, seed=seed)
        people = store.query("SELECT employee_id FROM employees WHERE status = 'active' ORDER BY 1")["employee_id"]
        items = store.query("SELECT item_id FROM comp_items ORDER BY model_id DESC, item_id")["item_id"].tolist()
        store.close()
        for rows in sizes:
            csv_path = folder / f"survey-{rows}.csv"
            csv_path.write_bytes(survey_360_export(people.tolist(), items, rows, seed))
            copy = folder / f"import-{rows}.duckdb"
            shutil.copy(base, copy)
            target = Store(copy)
            mapping = {"columns": {"period": "Review", "ratee_id": "Reviewee", "rater_id": "Reviewer",
                                   "rater_group": "Relationship", "item_id": "Competency", "score": "Rating",
                                   "rated_on": "Submitted at"}, "repeats": "last"}
            import_s, report = timed(lambda: import_file(target, "ratings_360", csv_path.read_bytes(),
                                                         csv_path.name, mapping))
            if not report.written:
                raise RuntimeError(f"360 import refused: {report.problems.head().to_dict('records')}")
            target.close()
            shutil.copy(base, copy)
            cli_s, done = timed(lambda: subprocess.run(
                [sys.executable, "-m", "hrcore", "import", "ratings_360", str(csv_path), "--db", str(copy),
                 "--repeats", "last"], cwd=ROOT, capture_output=True, text=True))
            if done.returncode != 0:
                raise RuntimeError(f"360 import by the command line failed: {done.stderr[-500:]}")
            results.append({"rows": rows, "ratees": int(report.rows["ratee_id"].nunique()),
                            "written": int(report.counts.inserted), "import_s": round(import_s, 2),
                            "cli_s": round(cli_s, 2)})
    return {"ratings_360": results}


def pages_only(db: Path, pages: list[str] | None = None) -> dict:
    """Every page's timings against an existing database, then every page shown once more with every cache
    kept (a server that has shown them all); this process's peak memory in MB."""
    _apply_cache_budget()
    timings = page_timings(db, pages)
    with _database(db):
        for page in pages or list(CONTROLS):
            _open_page(page)
    return {"pages": timings, "peak_rss_mb": round(peak_rss_mb())}


def _apply_cache_budget() -> None:
    # A server sets Streamlit's budget for cached data (server.maxCacheDataSize in .streamlit/config.toml)
    # when it starts; AppTest starts no server, so the bench does it, or the pages would hold more than a
    # server does.
    from streamlit.runtime.caching.global_cache_budget import reconfigure_global_cache_budget_from_config

    reconfigure_global_cache_budget_from_config()
