"""Shared fixtures: an in-memory store, the public sample files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hrcore.store import Store

ROOT = Path(__file__).resolve().parent.parent
# Real public files, copied into the repository so the tests travel with it (tests/data/README.md).
SHARED_DATA = Path(os.environ.get("HRCORE_SHARED_DATA", ROOT / "tests" / "data"))
IBM_CSV = SHARED_DATA / "ibm_hr_attrition.csv"
IBM_MAPPING = ROOT / "data" / "mappings" / "ibm_hr_attrition.json"


@pytest.fixture
def fresh_db() -> Store:
    store = Store(":memory:")
    yield store
    store.close()


@pytest.fixture(scope="session")
def ibm_bytes() -> bytes:
    assert IBM_CSV.exists(), f"the IBM sample is expected at {IBM_CSV} (tests/data)"
    return IBM_CSV.read_bytes()


@pytest.fixture(scope="session")
def ibm_mapping() -> dict:
    return json.loads(IBM_MAPPING.read_text(encoding="utf-8"))


def workbook_bytes(rows: list[list]) -> bytes:
    """A workbook as openpyxl writes it: a formula cell gets no saved value (openpyxl never calculates)."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
