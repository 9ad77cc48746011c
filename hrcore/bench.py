"""Benchmark of one demo company size: generation, import against DuckDB's own reader, every page cold and warm.

``python -m hrcore bench --employees 100000 --out bench-100k.json`` writes::

    {"employees": 100000, "generate_s": ..., "load_s": ..., "import_s": ..., "duckdb_read_csv_s": ...,
     "import_ratio": ..., "peak_rss_mb": ..., "pages": {"overview": {"cold_s": ..., "warm_s": ...}, ...}}

A page's cold time is its first run with every Streamlit cache empty; its warm
time is the median of several reruns, each after moving the page's main
control to a value not seen before (as an analyst dragging a slider does).
Pages run through Streamlit's AppTest in a child process on the finished
database, so there are two high-water marks: ``build_peak_rss_mb`` (this
process: generating, loading and importing the company, a one-off) and
``pages_peak_rss_mb`` (the app serving every page, what a server must hold);
``peak_rss_mb`` is the larger.  Run one size per process (``make bench``
does).  Measures, never judges: there is no timed test.
"""

from __future__ import annotations

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


def page_timings(db: Path, pages: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Cold and warm (median) seconds of each page, through AppTest against ``db``."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    before = os.environ.get("HRCORE_DB")
    os.environ["HRCORE_DB"] = str(db)
    try:
        return {page: _page_timing(AppTest, st, page) for page in pages or list(CONTROLS)}
    finally:
        if before is None:
            os.environ.pop("HRCORE_DB", None)
        else:
            os.environ["HRCORE_DB"] = before


def _page_timing(AppTest, st, page: str) -> dict[str, float]:
    from streamlit.logger import set_log_level

    # AppTest outside a server warns on every page about the runtime it does without; a run reads the
    # configured level again, so it is set before each page.
    set_log_level("error")
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    at.switch_page(f"views/{page}.py")  # the first run opens the page itself, as a deep link does
    cold, _ = timed(at.run)
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
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return {"cold_s": round(cold, 3), "warm_s": round(statistics.median(warm), 3)}


def run(employees: int, folder: Path | None = None, pages: list[str] | None = None, seed: int = 7) -> dict:
    """Generate, load, import and time the pages for a demo company of ``employees`` active people."""
    import duckdb

    from hrcore.demo import generate, load_demo
    from hrcore.imports import export_table, import_file
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

        target = Store(folder / f"import-{employees}.duckdb")
        import_s, report = timed(lambda: import_file(target, "employees", csv_path.read_bytes(), csv_path.name))
        if not report.written:
            raise RuntimeError(f"import refused: {report.problems.head().to_dict('records')}")
        target.close()
        bare = duckdb.connect(str(folder / "bare.duckdb"))
        read_csv_s, _ = timed(lambda: bare.execute("CREATE TABLE employees AS SELECT * FROM read_csv(?)",
                                                   [str(csv_path)]))
        bare.close()

        build_peak = peak_rss_mb()
        served = _pages_in_child(db, pages, folder / "pages.json")
    return {
        "employees": employees,
        "rows": rows,
        "generate_s": round(generate_s, 2),
        "load_s": round(load_s, 2),
        "import_rows": int(report.counts.inserted),
        "import_s": round(import_s, 2),
        "duckdb_read_csv_s": round(read_csv_s, 3),
        "import_ratio": round(import_s / read_csv_s, 1),
        "peak_rss_mb": round(max(build_peak, served["peak_rss_mb"])),
        "build_peak_rss_mb": round(build_peak),
        "pages_peak_rss_mb": served["peak_rss_mb"],
        "pages": served["pages"],
    }


def _pages_in_child(db: Path, pages: list[str] | None, out: Path) -> dict:
    command = [sys.executable, "-m", "hrcore", "bench", "--pages-of", str(db), "--out", str(out)]
    subprocess.run(command + (["--pages", *pages] if pages else []), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def pages_only(db: Path, pages: list[str] | None = None) -> dict:
    """Every page's timings against an existing database, and this process's peak memory in MB."""
    timings = page_timings(db, pages)
    return {"pages": timings, "peak_rss_mb": round(peak_rss_mb())}
