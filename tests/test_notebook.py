"""The research notebook runs end to end in CI, and says what it should."""
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


def _outputs(notebook, kind):
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if kind == "stream" and output.output_type == "stream":
                yield output.text
            elif kind != "stream" and output.output_type in ("display_data", "execute_result"):
                if kind in output.data:
                    yield output.data[kind]


def test_the_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_lineage_of_each_task_of_the_founding_plan(executed):
    text = "".join(_outputs(executed, "stream"))
    assert "tasks: II.1, II.2, II.3, II.4, II.5, II.6, II.7" in text
    lineage_ii5 = text[text.index("322/KH-UBND II.5"):text.index("322/KH-UBND II.6")]
    for number in ("1847/QĐ-TTg", "319/QĐ-BNV", "15/2019/QĐ-UBND", "amends 21/2018/QĐ-UBND"):
        assert number in lineage_ii5


def test_most_cited_queries_and_shared_ancestor(executed):
    text = "".join(_outputs(executed, "stream"))
    assert "63/2025/QH15" in text  # the most cited law of the corpus
    assert "documents cite 57-NQ/TW" in text
    for plan in ("144/KH-UBND", "179/KH-UBND", "987/KH-UBND"):  # three provinces, one resolution
        assert plan in text


def test_the_notebook_runs_without_a_warning(executed):
    assert not [output.text for cell in executed.cells for output in cell.get("outputs", [])
                if output.output_type == "stream" and output.name == "stderr"]


def test_the_network_is_ranked_through_the_python_api(executed):
    text = "".join(_outputs(executed, "stream"))
    assert "PageRank over based_on:" in text and "communities" in text
    # the lineage as records carries the labels people read
    assert "Quyết định 15/2019/QĐ-UBND (2019, Ủy ban nhân dân tỉnh Kon Tum)" in text
    ranked = text[text.index("PageRank over based_on:"):]
    # what the corpus is founded on is headed by an act of the National Assembly (a law, or the Constitution)
    assert "Quốc hội" in ranked.splitlines()[2]
    assert "Kế hoạch 322/KH-UBND (2023, Ủy ban nhân dân tỉnh Kon Tum)" in text  # who cites 15/2019/QĐ-UBND


def test_plots_and_the_embedded_lineage_view(executed):
    assert len(list(_outputs(executed, "image/png"))) == 3, "the rank, the issuer/year and the over-time figures"
    [frame] = list(_outputs(executed, "text/html"))
    assert frame.startswith("<div><iframe srcdoc=") and "vis-network" in frame
    assert "https://" not in frame.split("vis-network", 1)[0]


def test_the_plans_alerts_and_citations_over_time(executed):
    text = "".join(_outputs(executed, "stream"))
    assert "II.5: 21/2018/QĐ-UBND amended by 15/2019/QĐ-UBND on 2019-10-17 (before the plan was issued)" in text
    assert "issuers cited most over time: Quốc hội" in text
