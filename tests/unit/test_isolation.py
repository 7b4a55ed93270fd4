"""lpipdata never imports Streamlit, so tests, notebooks and the CLI use it without a server."""

import subprocess
import sys

from lpipdata.config import PROJECT_ROOT

PROBE = """
import importlib, pkgutil, sys
import lpipdata
for module in pkgutil.walk_packages(lpipdata.__path__, "lpipdata."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
print("streamlit" in sys.modules)
"""


def test_lpipdata_does_not_import_streamlit():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
