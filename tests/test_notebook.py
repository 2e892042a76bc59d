"""The quickstart notebook runs top to bottom, matches its script, and its saved outputs are current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _maker():
    spec = importlib.util.spec_from_file_location("make_notebook", EXAMPLES / "make_notebook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_kernel_is_this_python() -> None:
    from jupyter_client.kernelspec import get_kernel_spec

    argv0 = get_kernel_spec("python3").argv[0]
    # jupyter_client runs a "python" kernel with the running interpreter
    assert argv0 in ("python", "python3", sys.executable)


def test_saved_notebook_holds_the_script_code_and_outputs() -> None:
    maker = _maker()
    saved = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    assert [(c.cell_type, c.source) for c in saved.cells] == [(c.cell_type, c.source) for c in maker.build().cells]
    code = [c for c in saved.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code), "the saved notebook lacks outputs: run examples/make_notebook.py"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


@pytest.mark.slow
def test_notebook_executes_top_to_bottom() -> None:
    maker = _maker()
    nb = maker.execute(maker.build(), timeout=300)  # raises CellExecutionError on any failing cell
    html = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any("newsnlp-summary" in h for h in html)
    assert any("newsnlp-classification" in h for h in html)
    assert any("newsnlp-articles" in h for h in html)
