"""What the pages share (views._common): the budget of the big frames they keep."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import streamlit as st

import views._common as common


@pytest.fixture
def budget(monkeypatch):
    """A budget of 1 MB, with nothing held, and the readers' caches emptied afterwards."""
    monkeypatch.setattr(common, "SHARED_BUDGET_MB", 1.0)
    monkeypatch.setattr(common, "_shared_held", type(common._shared_held)())
    yield
    st.cache_resource.clear()


def readers():
    calls = {"a": 0, "b": 0}

    @common.shared_frames()
    def frame_a(rows: int) -> pd.DataFrame:
        calls["a"] += 1
        return pd.DataFrame({"x": np.zeros(rows)})  # 8 bytes a row

    @common.shared_frames()
    def frame_b(rows: int) -> pd.DataFrame:
        calls["b"] += 1
        return pd.DataFrame({"x": np.zeros(rows)})

    return frame_a, frame_b, calls


def test_frames_within_the_budget_are_shared_not_computed_again(budget):
    frame_a, frame_b, calls = readers()
    first = frame_a(40_000)  # 320 kB each: both fit in 1 MB
    frame_b(40_000)
    assert frame_a(40_000) is first
    assert calls == {"a": 1, "b": 1}


def test_past_the_budget_the_least_recently_read_frame_is_let_go(budget):
    frame_a, frame_b, calls = readers()
    first = frame_a(80_000)  # 640 kB: together with b's 640 kB over 1 MB
    frame_b(80_000)
    assert calls == {"a": 1, "b": 1}
    again = frame_a(80_000)
    assert calls == {"a": 2, "b": 1} and again is not first  # computed afresh, and b let go in its turn
    frame_b(80_000)
    assert calls == {"a": 2, "b": 2}


def test_a_frame_bigger_than_the_whole_budget_is_still_kept_for_its_reader(budget):
    frame_a, _, calls = readers()
    big = frame_a(200_000)  # 1.6 MB
    assert frame_a(200_000) is big and calls["a"] == 1


def test_each_argument_of_a_reader_is_held_and_let_go_on_its_own(budget):
    frame_a, frame_b, calls = readers()
    frame_a(80_000)  # 640 kB, read first
    kept = frame_a(40_000)  # 320 kB: one reader, two frames, 960 kB in all
    frame_b(40_000)  # 1.28 MB: the oldest frame, a's first, goes; a's second stays
    assert frame_a(40_000) is kept and calls == {"a": 2, "b": 1}
    frame_a(80_000)
    assert calls == {"a": 3, "b": 1}


@pytest.mark.parametrize("text", ["abc", "0", "-5", "", "inf"])
def test_a_budget_that_is_not_a_positive_number_of_megabytes_is_refused_by_name(text):
    with pytest.raises(ValueError, match=r"HRCORE_SHARED_MB: .*MB, above 0 \(got"):
        common.budget_mb(text)


def test_a_chinese_date_axis_reads_year_and_month_not_english_month_names():
    import plotly.graph_objects as go

    dated = go.Figure(go.Figure(go.Scatter(x=pd.to_datetime(["2025-01-31", "2025-07-31"]), y=[1, 2])).to_dict())
    common._chinese_date_ticks(dated)
    assert dated.layout.xaxis.tickformat == "%Y-%m"
    periods = go.Figure(go.Bar(x=["2026Q1", "2026Q2"], y=[1, 2]))  # not dates: Plotly writes them as given
    common._chinese_date_ticks(periods)
    assert periods.layout.xaxis.tickformat is None
    kept = go.Figure(go.Scatter(x=pd.to_datetime(["2025-01-31"]), y=[1]), layout={"xaxis": {"tickformat": "%Y"}})
    common._chinese_date_ticks(kept)
    assert kept.layout.xaxis.tickformat == "%Y"  # a page's own format stays


def test_a_chart_of_numbers_on_both_axes_keeps_its_ticks_in_chinese():
    import plotly.graph_objects as go

    numbers = go.Figure(go.Figure(go.Scatter(x=np.arange(5.0), y=np.arange(5.0))).to_dict())
    common._chinese_date_ticks(numbers)
    assert numbers.layout.xaxis.tickformat is None
