"""`make bench`: each size in its own process (peak memory is per process), then one table.

    python bench/run.py                      # 10,000 and 100,000 employees
    python bench/run.py --sizes 1000000      # the million, on request
    python bench/run.py --json bench.json    # also keep every result
    python bench/run.py --ratings-360        # without the 360 imports (default: 55,000 and 100,000 rows)

Each size runs ``python -m hrcore bench --employees N --out FILE`` (see
hrcore/bench.py for what is measured); this script only collects and prints.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "data", "evaluation", "pay", "kpi", "talent", "competency", "attrition"]


def measure(size: int, out: Path) -> dict:
    subprocess.run([sys.executable, "-m", "hrcore", "bench", "--employees", str(size), "--out", str(out)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def table(results: list[dict]) -> str:
    lines = [f"{'employees':>10} {'generate':>9} {'load':>7} {'import':>8} {'read_csv':>9} {'ratio':>6} "
             f"{'build MB':>8} {'import MB':>9} {'pages MB':>8}  " + " ".join(f"{p:>17}" for p in PAGES),
             f"{'':>10} {'':>9} {'':>7} {'':>8} {'':>9} {'':>6} {'':>8} {'':>9} {'':>8}  "
             + " ".join(f"{'cold / warm s':>17}" for _ in PAGES)]
    for r in results:
        line = (f"{r['employees']:>10,} {r['generate_s']:>8.1f}s {r['load_s']:>6.1f}s {r['import_s']:>7.1f}s "
                f"{r['duckdb_read_csv_s']:>8.2f}s {r['import_ratio']:>5.1f}x "
                f"{r['build_peak_rss_mb']:>8,} {r['import_peak_rss_mb']:>9,} {r['pages_peak_rss_mb']:>8,}  ")
        line += " ".join(f"{r['pages'][p]['cold_s']:>8.2f} / {r['pages'][p]['warm_s']:>5.2f}" for p in PAGES)
        lines.append(line)
    return "\n".join(lines)


def measure_360(sizes: list[int], out: Path) -> list[dict]:
    subprocess.run([sys.executable, "-m", "hrcore", "bench", "--ratings-360", *map(str, sizes), "--out", str(out)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())["ratings_360"]


def table_360(results: list[dict]) -> str:
    lines = [f"{'360 rows':>10} {'ratees':>7} {'written':>8} {'import':>8} {'CLI':>7}"]
    lines += [f"{r['rows']:>10,} {r['ratees']:>7,} {r['written']:>8,} {r['import_s']:>7.2f}s {r['cli_s']:>6.2f}s"
              for r in results]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--ratings-360", type=int, nargs="*", default=[55_000, 100_000],
                        help="rows of the synthetic long-format 360 exports imported (none: skip them)")
    parser.add_argument("--json", type=Path, help="also write every result here")
    args = parser.parse_args()
    results, ratings = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            print(f"benchmarking {size:,} employees ...", file=sys.stderr, flush=True)
            results.append(measure(size, Path(tmp) / f"{size}.json"))
        if args.ratings_360:
            print(f"benchmarking 360 imports of {', '.join(f'{n:,}' for n in args.ratings_360)} rows ...",
                  file=sys.stderr, flush=True)
            ratings = measure_360(args.ratings_360, Path(tmp) / "360.json")
    print(table(results))
    if ratings:
        print()
        print(table_360(ratings))
    document = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count()}, "results": results,
                "ratings_360": ratings}
    if args.json:
        args.json.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
