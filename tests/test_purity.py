"""hrcore is a library: usable from a notebook, it never pulls in the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import hrcore
from tests.conftest import ROOT


def test_no_hrcore_module_imports_streamlit():
    modules = [m.name for m in pkgutil.walk_packages(hrcore.__path__, "hrcore.")]
    assert "hrcore.store" in modules and "hrcore.imports" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print('streamlit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_no_database_password_or_secrets_file_is_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:  # an exported tree without git: nothing is tracked, nothing to check
        return
    files = tracked.stdout.split()
    assert not [f for f in files if f.endswith((".duckdb", ".bak", "secrets.toml", ".env"))]
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT)
    assert ignored.returncode == 0, ".streamlit/secrets.toml must be git-ignored"
