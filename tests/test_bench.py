"""`python -m hrcore bench` writes the JSON issue 10 specifies, so runs can be compared (timings are not judged)."""

from __future__ import annotations

import json

from hrcore.__main__ import main


def test_bench_writes_every_field_for_a_small_company(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["bench", "--employees", "300", "--pages", "overview", "pay", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["employees"] == 300
    for field in ("generate_s", "load_s", "import_s", "duckdb_read_csv_s", "import_ratio", "peak_rss_mb",
                  "build_peak_rss_mb", "import_peak_rss_mb", "pages_peak_rss_mb", "app_peak_rss_mb"):
        assert result[field] > 0, field
    # The build, the import and the pages ran in processes of their own: the app's peak is the larger of the
    # import's and the pages', the overall peak the largest of the three.
    assert result["app_peak_rss_mb"] == max(result["import_peak_rss_mb"], result["pages_peak_rss_mb"])
    assert result["peak_rss_mb"] == max(result["build_peak_rss_mb"], result["app_peak_rss_mb"])
    assert result["import_rows"] > 300  # leavers of three years come with the active people
    assert set(result["pages"]) == {"overview", "pay"}
    for timing in result["pages"].values():
        assert timing["cold_s"] > 0 and timing["warm_s"] > 0
    assert json.loads(capsys.readouterr().out) == result


def test_the_360_bench_imports_a_synthetic_survey_export_by_library_and_command_line(tmp_path):
    # Issue 28: the time of a long-format 360 file through import_file and through the command line (not judged).
    out = tmp_path / "bench-360.json"
    assert main(["bench", "--ratings-360", "1500", "--out", str(out)]) == 0
    (result,) = json.loads(out.read_text())["ratings_360"]
    assert result["rows"] == 1500
    # 8 raters x 12 items = 96 answers a ratee, about 1 % of them submitted again: 1,500 rows hold 15 ratees.
    assert result["ratees"] == 15
    # Unrated answers (about 3 %) and repeats (kept once) are not written.
    assert 0.9 * 1500 < result["written"] < 1500
    assert result["import_s"] > 0 and result["cli_s"] > 0
