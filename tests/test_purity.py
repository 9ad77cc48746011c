"""hrcore is a library: usable from a notebook, it never pulls in the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import hrcore
from tests.conftest import ROOT


def test_no_hrcore_module_imports_streamlit():
    modules = [f"hrcore.{m.name}" for m in pkgutil.iter_modules(hrcore.__path__)]
    assert "hrcore.store" in modules and "hrcore.imports" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print('streamlit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
