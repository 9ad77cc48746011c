"""Benchmark: demo generation, CSV import and warm page reruns at several sizes.

Not a test: it measures and prints, it does not judge.  Run with `make bench`
(or `python bench/run.py --sizes 10000 100000`).  Prints a table and a JSON
document; `--json PATH` also writes the JSON to a file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hrcore.demo import generate  # noqa: E402
from hrcore.imports import export_table, import_file  # noqa: E402
from hrcore.store import Store  # noqa: E402

PAGES = ["views/overview.py", "views/data.py", "views/evaluation.py", "views/pay.py", "views/kpi.py", "views/talent.py",
         "views/competency.py", "views/attrition.py"]
CONTROLS = {
    # The warm run follows a change of the page's main control, as an analyst's click would.
    "views/evaluation.py": lambda at: at.selectbox(key="ev_check_pct").set_value("p75"),
    "views/pay.py": lambda at: at.slider(key="pay_pos_lo").set_value(75),
    "views/talent.py": lambda at: at.number_input(key="tal_p_high").set_value(100.0),
    "views/competency.py": lambda at: at.slider(key="cm_rate").set_value(60),
    "views/attrition.py": lambda at: at.slider(key="at_min").set_value(50),
    "views/kpi.py": lambda at: at.selectbox(key="kpi_period").set_value(at.selectbox(key="kpi_period").options[1]),
}


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def page_timings(db: Path) -> dict[str, dict[str, float]]:
    """Cold and warm run of every page through AppTest against ``db``."""
    from streamlit.testing.v1 import AppTest

    os.environ["HRCORE_DB"] = str(db)
    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()
        at.switch_page(page)
        cold, _ = timed(at.run)
        if page in CONTROLS:
            CONTROLS[page](at)
        warm, _ = timed(at.run)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
        out[page] = {"cold_s": round(cold, 3), "warm_s": round(warm, 3)}
    return out


def bench(size: int, folder: Path) -> dict:
    db = folder / f"bench-{size}.duckdb"
    gen_s, frames = timed(lambda: generate(employees=size, seed=7))
    store = Store(db)
    load_s, _ = timed(lambda: store.replace_all(frames))
    rows = {name: len(frame) for name, frame in frames.items()}
    del frames
    from hrcore.demo import DEFAULT_AS_OF

    store.set_meta("as_of", DEFAULT_AS_OF.isoformat())
    csv_bytes = export_table(store, "employees", "csv")
    store.close()

    target = Store(folder / f"import-{size}.duckdb")
    import_s, report = timed(lambda: import_file(target, "employees", csv_bytes, "employees.csv"))
    assert report.written, report.problems.head()
    target.close()

    return {
        "employees_active": size,
        "employee_rows": rows["employees"],
        "all_rows": sum(rows.values()),
        "demo_generate_s": round(gen_s, 2),
        "demo_load_s": round(load_s, 2),
        "csv_import_rows": int(report.counts.inserted),
        "csv_import_mb": round(len(csv_bytes) / 1e6, 1),
        "csv_import_s": round(import_s, 2),
        "pages": page_timings(db),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--json", type=Path, help="also write the JSON here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            print(f"benchmarking {size:,} employees ...", file=sys.stderr, flush=True)
            results.append(bench(size, Path(tmp)))
    header = f"{'employees':>10} {'rows':>11} {'generate':>9} {'load':>6} {'import':>16}"
    header += "".join(f" {Path(p).stem + ' warm':>14}" for p in PAGES)
    print(header)
    for r in results:
        line = (f"{r['employees_active']:>10,} {r['all_rows']:>11,} {r['demo_generate_s']:>8.1f}s "
                f"{r['demo_load_s']:>5.1f}s {r['csv_import_rows']:>8,} in {r['csv_import_s']:>4.1f}s")
        line += "".join(f" {r['pages'][p]['warm_s']:>13.3f}s" for p in PAGES)
        print(line)
    document = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count()}, "results": results}
    print(json.dumps(document, indent=2))
    if args.json:
        args.json.write_text(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
