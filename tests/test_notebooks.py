"""The notebooks run top to bottom on the seeds, in a temporary copy; the pyvis page renders.

The interactive page of ``03_network.ipynb`` is opened in headless Chromium (Debian's
``chromium``), which takes a screenshot and dumps the DOM; the test skips when Chromium is
not installed (``.ci/run`` installs it in CI).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("pyvis")

pytestmark = pytest.mark.slow

NOTEBOOKS = ["01_quickstart.ipynb", "02_sparql.ipynb", "03_network.ipynb"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def executed(root, tmp_path_factory):
    """Run every notebook in a copy of seeds/, queries/ and notebooks/; return the copies."""
    before = _snapshot(root / "notebooks")
    work = tmp_path_factory.mktemp("notebooks") / "work"
    for folder in ("seeds", "queries", "notebooks"):
        shutil.copytree(root / folder, work / folder)
    results = {}
    for name in NOTEBOOKS:
        notebook = nbformat.read(work / "notebooks" / name, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(work / "notebooks")}},
        )
        client.execute()  # raises CellExecutionError, with the cell and traceback, on failure
        results[name] = notebook
    assert _snapshot(root / "notebooks") == before, "running the notebooks changed notebooks/"
    return work, results


def _text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts.append(str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def _images(notebook) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


def test_notebooks_are_committed_clean(root):
    for name in NOTEBOOKS:
        notebook = nbformat.read(root / "notebooks" / name, as_version=4)
        nbformat.validate(notebook)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert code and all(not c.outputs and c.execution_count is None for c in code), name
        assert notebook.cells[0].cell_type == "markdown"


def test_quickstart_builds_and_shows_sources(executed):
    _, results = executed
    text = _text(results["01_quickstart.ipynb"])
    assert "2 documents" in text
    assert "Chi Haotian" in text and "Vladimir Putin" in text
    assert "close matches: Vladimir Putin" in text
    assert "000_198158d09da140a2 [" in text  # a source with its offsets


def test_sparql_notebook_queries_the_store_and_a_server(executed):
    _, results = executed
    text = _text(results["02_sparql.ipynb"])
    assert "Chi Haotian" in text and "steps:" in text
    assert "http://127.0.0.1:" in text and "a,b" in text  # CSV from the HTTP endpoint


def test_network_notebook_draws_figures_and_writes_a_page(executed):
    work, results = executed
    notebook = results["03_network.ipynb"]
    assert _images(notebook) >= 2  # the network and the timeline
    output = work / "notebooks" / "kgraph-output"
    for name in ("network.png", "timeline.png", "network.html"):
        assert (output / name).stat().st_size > 1000, name
    page = (output / "network.html").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in page and "vis.Network" in page
    assert "betweenness" in _text(notebook)


# JavaScript added to a copy of the page: errors go into the DOM, and once vis has drawn,
# the number of nodes and of painted canvas pixels too.
_PROBE_HEAD = """<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });
</script>"""
_PROBE_BODY = """<script>
setTimeout(function () {
  var canvas = document.querySelector("#mynetwork canvas"), painted = 0;
  if (canvas) {
    var pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
  }
  var probe = document.createElement("pre");
  probe.id = "kgraph-probe";
  probe.textContent = JSON.stringify({
    nodes: typeof nodes === "undefined" ? -1 : nodes.length,
    edges: typeof edges === "undefined" ? -1 : edges.length,
    canvas: !!canvas, painted: painted, errors: window.__errors
  });
  document.body.appendChild(probe);
}, 3000);
</script>"""


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--window-size=1200,900",
            "--virtual-time-budget=10000",
            *extra,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_interactive_page_renders_in_headless_chromium(executed, tmp_path):
    import matplotlib.image

    work, _ = executed
    page = work / "notebooks" / "kgraph-output" / "network.html"
    html = page.read_text(encoding="utf-8")
    expected_nodes = html.count('"shape": "dot"')
    assert expected_nodes > 5

    probed = tmp_path / "probed.html"
    probed.write_text(
        html.replace("<head>", "<head>" + _PROBE_HEAD, 1).replace(
            "</body>", _PROBE_BODY + "</body>", 1
        ),
        encoding="utf-8",
    )
    dom = _chromium(probed, tmp_path / "profile-dom", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    start = dom.stdout.index('<pre id="kgraph-probe">') + len('<pre id="kgraph-probe">')
    probe = json.loads(dom.stdout[start : dom.stdout.index("</pre>", start)].replace("&quot;", '"'))
    assert probe["errors"] == [], probe
    assert probe["canvas"] and probe["nodes"] == expected_nodes and probe["edges"] > 0
    assert probe["painted"] > 10_000, probe

    shot = tmp_path / "network.png"
    result = _chromium(page, tmp_path / "profile-shot", f"--screenshot={shot}")
    assert result.returncode == 0 and shot.stat().st_size > 10_000, result.stderr[-2000:]
    image = matplotlib.image.imread(shot)[..., :3]
    red = ((abs(image[..., 0] - 0xD6 / 255) < 0.05) & (image[..., 1] < 0.25)).sum()
    gold = ((image[..., 0] > 0.95) & (abs(image[..., 1] - 0xBF / 255) < 0.05)
            & (image[..., 2] < 0.1)).sum()
    assert red > 500 and gold > 500, (red, gold)  # Russian and Chinese actors were drawn
