"""kg.views without a browser: escaping, what each view holds, pages that name no outside URL, and
writers that stay inside their output directory (tests/test_browser.py opens the pages)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import views
from kg.cli import main

SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
II5 = {"322/KH-UBND II.5", "1847/QĐ-TTg", "319/QĐ-BNV", "15/2019/QĐ-UBND", "21/2018/QĐ-UBND"}
#: The only URLs in vis-network's own file: its licence header and the SVG namespace. None is fetched.
VENDOR_URLS = {"https://visjs.github.io/vis-network/", "http://almende.com", "https://github.com/visjs",
               "http://www.apache.org/licenses/LICENSE-2.0", "http://opensource.org/licenses/MIT",
               "http://www.w3.org/2000/svg", "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
               "https://github.com/zloirock/core-js", "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE"}


def page_data(page: str) -> dict:
    """The JSON a graph page draws from."""
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


class Fetches(HTMLParser):
    """Every attribute and stylesheet address that would make a browser fetch something."""

    ATTRIBUTES = {"src", "href", "action", "formaction", "srcset", "poster", "data", "background", "ping",
                  "manifest", "content"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.addresses.append(value)
            if name == "style" and value:
                self.addresses += re.findall(r"url\(\s*['\"]?([^'\")]*)", value)

    def handle_data(self, data):
        if self._style:
            self.addresses += re.findall(r"url\(\s*['\"]?([^'\")]*)|@import\s+['\"]([^'\"]*)", data and data)
            self.addresses = [a if isinstance(a, str) else "".join(a) for a in self.addresses]

    def handle_endtag(self, tag):
        self._style = False


def external(page: str) -> list[str]:
    parser = Fetches()
    parser.feed(page)
    return [a for a in parser.addresses if re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//)", a, re.I)
            and not a.strip().lower().startswith(("data:", "#"))]


# ---------------------------------------------------------------- names and writes

@pytest.mark.parametrize("text", ["../../etc/passwd", "..", ".", "", "/", "a/b\\c", "<script>alert(1)</script>",
                                  "Điều 3.2", "x" * 500, "\x00\x01", "..\\..\\windows", "CON", "II.5/../../x"])
def test_safe_names_never_leave_a_folder(text):
    name = views._safe_name(text)
    assert SAFE_NAME.match(name) and ".." not in name and len(name) <= 120, name


@pytest.mark.parametrize("relative", ["../outside.html", "a/../../outside.html", "/etc/kg-outside.html", "."])
def test_write_page_refuses_paths_outside_its_root(tmp_path, relative):
    root = tmp_path / "site"
    root.mkdir()
    with pytest.raises(views.ViewError):
        views.write_page(root, relative, "x")
    assert not (tmp_path / "outside.html").exists() and not Path("/etc/kg-outside.html").exists()


def test_write_page_is_atomic_and_leaves_no_temporary_files(tmp_path):
    views.write_page(tmp_path, "a/b.html", "one")
    views.write_page(tmp_path, "a/b.html", "two")
    assert (tmp_path / "a" / "b.html").read_text() == "two"
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.html"]


def test_json_in_a_script_cannot_close_it():
    text = str(views._script_json({"t": "</script><script>alert(1)</script>&\u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script>&\u2028"}


# ---------------------------------------------------------------- hostile text, a build and a site of it

def test_hostile_text_is_escaped_in_every_page(hostile_site):
    _, _, site, result = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"<script>\s*alert|<img\s+src=x|onerror=alert\(1\)>", page, re.I), path
    text = (site / next(iter(result.texts.values()))).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    graph = (site / "graph.html").read_text(encoding="utf-8")
    titles = " ".join(node["title"] for node in page_data(graph)["nodes"])
    assert "<script>alert(1)</script>" in titles and "<img src=x onerror=alert(1)>" in titles  # shown as text


def test_site_writes_only_inside_its_directory_with_safe_names(hostile_site):
    corpus, _, site, _ = hostile_site
    root = site.resolve()
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(root)
        assert SAFE_NAME.match(path.name), path
    assert not list(site.parent.glob("*.html")) and not list(corpus.parent.glob("*.html"))


def test_annotate_escapes_and_links_every_reference(hostile_site, tmp_path):
    from kg.extract import extract_file
    from kg.text import read_text

    corpus, catalog, _, _ = hostile_site
    source = next(corpus.glob("..<script>*"))
    extraction = extract_file(source)
    page = views.annotate(extraction, read_text(source).original, catalog=catalog)
    assert page.count('class="ref"') == len(extraction.citations) >= 4
    assert "<script>alert" not in page and "<img src=x" not in page
    assert 'href="graph.html#node=quyet-dinh/1847-qd-ttg/2018"' in page


# ---------------------------------------------------------------- what each view holds (the corpus graph)

def test_corpus_view_holds_every_edge_and_joins_sections_to_documents(corpus_catalog):
    view = views.corpus_view(corpus_catalog)
    data = page_data(views.render_graph(corpus_catalog, view))
    part_of = sum(1 for edge in view.edges if edge[2] == "partOf")
    assert len(data["nodes"]) == len(view.nodes) > 5000
    assert len(data["edges"]) == len(corpus_catalog.edges) + part_of
    ids = {node["id"] for node in data["nodes"]}
    assert len(ids) == len(data["nodes"])
    assert all(edge["from"] in ids and edge["to"] in ids for edge in data["edges"])
    # Laid out before the page opens, physics off: nothing to wait for, nothing that keeps moving.
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in data["nodes"])


def test_lineage_of_322_task_II5_shows_the_amendment_between_the_two_provincial_decisions(corpus_catalog):
    start = corpus_catalog.find("322/KH-UBND", "II.5")
    view = views.lineage_view(corpus_catalog, start)
    data = page_data(views.render_graph(corpus_catalog, view))
    labels = {node["id"]: node["label"] for node in data["nodes"]}
    assert set(labels.values()) == II5
    drawn = {(labels[e["from"]], e["relation"], labels[e["to"]]) for e in data["edges"]}
    assert ("15/2019/QĐ-UBND", "amends", "21/2018/QĐ-UBND") in drawn
    assert ("322/KH-UBND II.5", "implements", "1847/QĐ-TTg") in drawn
    levels = {node["label"]: node["level"] for node in data["nodes"]}
    assert levels["322/KH-UBND II.5"] == 0 and all(level >= 1 for label, level in levels.items() if "II.5" not in label)
    assert levels["21/2018/QĐ-UBND"] > levels["15/2019/QĐ-UBND"]  # the amended above the amending
    assert data["options"]["layout"]["hierarchical"]["direction"] == "DU"  # level 0 drawn at the bottom


def test_node_and_edge_tooltips_say_what_the_issue_asks(corpus_catalog):
    start = corpus_catalog.find("322/KH-UBND", "II.5")
    data = page_data(views.render_graph(corpus_catalog, views.lineage_view(corpus_catalog, start)))
    decision = next(node for node in data["nodes"] if node["label"] == "15/2019/QĐ-UBND")
    for words in ("Quyết định 15/2019/QĐ-UBND", "Date: 2019-10-17", "Issuer: Ủy ban nhân dân tỉnh Kon Tum"):
        assert words in decision["title"]
    amends = next(edge for edge in data["edges"] if edge["relation"] == "amends")
    assert amends["title"].startswith("amends") and "“" in amends["title"] and ".txt" in amends["title"]


# ---------------------------------------------------------------- pages fetch nothing from outside

def test_single_page_inlines_vis_network_and_names_no_outside_address(corpus_catalog):
    start = corpus_catalog.find("322/KH-UBND", "II.5")
    page = views.render_graph(corpus_catalog, views.lineage_view(corpus_catalog, start))
    assert external(page) == []
    vendor = re.search(r'<script id="vis-network">(.*?)</script>', page, re.S)
    assert vendor and len(vendor.group(1)) > 400_000 and "sourceMappingURL" not in page
    assert set(re.findall(r"https?://[^\s\"')]+", vendor.group(1))) <= VENDOR_URLS
    outside_vendor = page.replace(vendor.group(1), "")
    assert not re.search(r"https?://", outside_vendor)  # nothing of ours, no IRIs: node ids are short


def test_templates_name_no_outside_address():
    for path in views.TEMPLATES.iterdir():
        assert not re.search(r"https?://|//cdn|\bcdn\b", path.read_text(encoding="utf-8"), re.I), path


def test_no_page_of_the_corpus_site_fetches_from_outside(corpus_site):
    site, report = corpus_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == report.pages - 3  # three static files beside the pages
    for path in pages:
        assert external(path.read_text(encoding="utf-8")) == [], path
    assert report.documents == 374 and report.corpus_nodes > 5000


# ---------------------------------------------------------------- the commands

@pytest.mark.parametrize("command", ["view", "annotate", "site"])
def test_commands_are_documented(command):
    result = CliRunner().invoke(main, [command, "-h"])
    assert result.exit_code == 0 and "Example: kg " + command in result.output


def test_kg_view_and_annotate(corpus_build, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["view", str(corpus_build), "-o", str(tmp_path / "l.html"),
                                  "--document", "322/KH-UBND", "--task", "II.5"])
    assert result.exit_code == 0, result.output
    assert "5 nodes, 5 edges" in result.output
    result = runner.invoke(main, ["view", str(corpus_build), "-o", str(tmp_path / "x.html"), "--task", "II.5"])
    assert result.exit_code == 2 and "--task needs --document" in result.output
    result = runner.invoke(main, ["view", str(corpus_build), "-o", str(tmp_path / "x.html"),
                                  "--document", "1/NOPE", "--task", "II.5"])
    assert result.exit_code == 2 and "1/NOPE" in result.output
    source = Path(__file__).resolve().parent.parent / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
    result = runner.invoke(main, ["annotate", str(source), "-o", str(tmp_path / "a.html"), "--graph",
                                  str(corpus_build)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.html").read_text(encoding="utf-8").count('class="ref"') >= 20
