"""Build examples/quickstart.ipynb from examples/quickstart.py (``# %%`` cells) and execute it in place.

    python examples/make_notebook.py           # rebuild and execute (outputs saved in the notebook)
    python examples/make_notebook.py --html docs/html-view.html   # also save its HTML and image outputs as a page
    python examples/make_notebook.py --html docs/html-view.html --png docs/html-view.png  # and a screenshot of it

The script is the source; the notebook is generated, so the two never drift
(tests/test_notebook.py checks that they hold the same code).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "quickstart.py"
NOTEBOOK = HERE / "quickstart.ipynb"


def cells(source: str) -> list[tuple[str, str]]:
    """(kind, text) cells of a ``# %%`` script: ``markdown`` cells lose their ``# `` prefixes."""
    out = []
    for chunk in re.split(r"^# %%", source, flags=re.M)[1:]:
        header, _, body = chunk.partition("\n")
        body = body.strip("\n")
        if "[markdown]" in header:
            out.append(("markdown", "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in body.splitlines())))
        else:
            out.append(("code", body))
    return out


def build() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, text in cells(SCRIPT.read_text("utf-8")):
        nb.cells.append(nbformat.v4.new_markdown_cell(text) if kind == "markdown" else nbformat.v4.new_code_cell(text))
    return nb


def execute(nb: nbformat.NotebookNode, timeout: int = 300) -> nbformat.NotebookNode:
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
    return nb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--html", help="also write an HTML export of the executed notebook here")
    parser.add_argument("--png", help="and a screenshot of that page here (needs a headless Chromium)")
    args = parser.parse_args()
    if args.png and not args.html:
        parser.error("--png needs --html")
    nb = execute(build())
    for i, cell in enumerate(nb.cells):  # stable ids keep diffs of the notebook small
        cell["id"] = f"cell-{i}"
    nbformat.write(nb, NOTEBOOK)
    print(f"wrote {NOTEBOOK}")
    if args.html:
        Path(args.html).write_text(rich_outputs_page(nb), "utf-8")
        print(f"wrote {args.html}")
    if args.png:
        screenshot(Path(args.html), Path(args.png))
        print(f"wrote {args.png}")


def screenshot(page: Path, png: Path, size: str = "1200,1400") -> None:
    browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        raise SystemExit("--png needs Chromium or Chrome on the PATH")
    subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={size}", f"--screenshot={png.resolve()}", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)


def rich_outputs_page(nb: nbformat.NotebookNode) -> str:
    """A standalone HTML page of the notebook's HTML and image outputs, as a notebook shows them."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                parts.append(data["text/html"])
            elif "image/png" in data:
                parts.append(f'<img src="data:image/png;base64,{data["image/png"]}">')
    body = '<hr style="border:0;border-top:1px solid #ddd;margin:18px 0">'.join(parts)
    return f'<!doctype html><html><head><meta charset="utf-8"><title>newsnlp quickstart</title></head><body style="margin:16px">{body}</body></html>\n'


if __name__ == "__main__":
    main()
