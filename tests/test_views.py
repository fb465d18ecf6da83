"""kg.views without a browser: escaping, what each view holds, lineages whose every edge points up,
pages that lead somewhere (every link of the corpus site resolves), pages that name no outside URL,
and writers that stay inside their output directory (tests/test_browser.py opens the pages)."""
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
        # A link the reader may follow (the gazette's page of a document) fetches nothing by itself.
        follow = tag == "a" and "external" in (dict(attrs).get("rel") or "").split()
        for name, value in attrs:
            if name in self.ATTRIBUTES and value and not (follow and name == "href"):
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


def test_json_in_a_script_cannot_close_it_and_carries_no_control_characters():
    text = str(views._script_json({"t": "</script><script>alert(1)</script>&\u2028\x85\x00"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text and "\x85" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script>&   "}


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
    graph = (site / next(iter(result.graphs.values()))).read_text(encoding="utf-8")
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

def test_corpus_overview_groups_instruments_labels_the_most_cited_and_lifts_sections(corpus_catalog):
    view = views.corpus_view(corpus_catalog)
    data = page_data(views.render_graph(corpus_catalog, view))
    assert len(data["nodes"]) == len(view.nodes) > 2000
    assert {node["kind"] for node in data["nodes"]} == {"document", "instrument"}  # sections folded into documents
    lifted = {(corpus_catalog.owner(s), corpus_catalog.owner(t), r) for s, t, r in corpus_catalog.edges}
    assert set(view.edges) == {edge for edge in lifted if edge[0] != edge[1]}
    ids = {node["id"] for node in data["nodes"]}
    assert all(edge["from"] in ids and edge["to"] in ids for edge in data["edges"])
    # Laid out before the page opens, physics off: nothing to wait for, nothing that keeps moving.
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in data["nodes"])
    # The most cited of each group are labelled, the rest named in their tooltips only.
    from kg.views.html import family

    labelled = [node for node in data["nodes"] if node["label"]]
    assert 20 <= len(labelled) <= views.graph.LABELLED_PER_GROUP * len(data["groups"])
    groups: dict[str, list] = {}
    for iri in view.nodes:
        groups.setdefault(family(corpus_catalog.nodes[iri].doc_type), []).append(iri)
    for members in groups.values():
        shown = [corpus_catalog.nodes[iri].cited for iri in members if iri in view.labelled]
        rest = [corpus_catalog.nodes[iri].cited for iri in members if iri not in view.labelled]
        assert shown and min(shown) >= max(rest, default=0)
    groups = " ".join(group[0] for group in data["groups"])
    assert "Decree (Nghị định)" in groups and "Decision (Quyết định)" in groups


def test_colours_of_kinds_are_few_and_distinct():
    from kg.views.html import FAMILY_COLOURS

    colours = list(FAMILY_COLOURS.values())
    assert len(set(colours)) == len(colours) == 8
    greys = [colour for colour in colours if len({colour[1:3], colour[3:5], colour[5:7]}) == 1]
    assert greys == [FAMILY_COLOURS["other"]]  # one grey, for the kinds without a colour of their own


def test_the_views_know_every_document_type_from_the_data_file():
    # adding a kind to kg/data/document_types.json is all it takes for the views to name and colour it
    from kg.iri import instrument_iri
    from kg.views.catalog import _type_of
    from kg.views.html import FAMILIES, FAMILY_COLOURS, colour_of, family
    from kg.vocab import document_types

    kinds = [kind["name"] for kind in document_types()["types"]]
    assert [_type_of(instrument_iri(kind, "1/X", 2020)) for kind in kinds] == kinds
    assert set(FAMILIES.values()) == set(FAMILY_COLOURS) - {"other"}  # each family drawn holds a kind
    assert (family("Thông tư liên tịch"), family("Công văn"), family(None)) == ("circular", "other", "other")
    assert colour_of("Nghị định") == FAMILY_COLOURS["decree"] != colour_of("Tờ trình") == FAMILY_COLOURS["other"]


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
    y = {node["id"]: node["y"] for node in data["nodes"]}
    assert all(y[edge["to"]] < y[edge["from"]] for edge in data["edges"])  # canvas y grows down: every edge up


def lineage_pages(catalog):
    from kg.views.site import _plan

    return _plan(catalog).lineages


def test_no_lineage_edge_of_the_corpus_points_down_or_sideways(corpus_catalog):
    """Over every lineage page of the site: each edge points up, except an edge that closes a
    cycle of citations (drawn dashed); such an edge lies on a cycle, and it is the one from an
    earlier text to a later one where the dates say so."""
    import networkx as nx

    pages = lineage_pages(corpus_catalog)
    assert len(pages) > 1500
    edges = against = 0
    for start in pages:
        view = views.lineage_view(corpus_catalog, start)
        y = {iri: view.positions[iri][1] for iri in view.nodes}
        graph = nx.DiGraph([edge[:2] for edge in view.edges])
        for edge in view.edges:
            source, target, _ = edge
            edges += 1
            if edge in view.against:
                against += 1
                assert nx.has_path(graph, target, source), edge  # on a cycle
            else:
                assert y[target] < y[source], (start, edge)
        assert y[start] == max(y.values())  # the start at the bottom
    # 2,065 of 51,250 here: edges such as "58/2014/QH13 implements 84/2015/QH13" (a law said to
    # carry out a later one), misreadings for the extractor, shown dashed where they fall.
    assert edges > 30000 and against < edges / 20


def test_wide_layers_wrap_and_barycentres_remove_crossings(corpus_catalog):
    from kg.views.lineage import ROW, SPACING, place

    start = corpus_catalog.find("1205/QĐ-BKHĐT")
    view = views.lineage_view(corpus_catalog, start)
    assert len(view.nodes) > 200
    rows = {}
    for iri in view.nodes:
        rows.setdefault(view.positions[iri][1], []).append(iri)
    assert max(len(row) for row in rows.values()) <= ROW
    xs = [x for x, _ in view.positions.values()]
    assert max(xs) - min(xs) <= (ROW + 1) * SPACING
    straight = [edge[:2] for edge in view.edges if edge not in view.against]
    ordered = views.crossings(view.positions, straight)
    import kg.views.lineage as lineage

    sweeps, lineage.SWEEPS = lineage.SWEEPS, 0
    try:
        unordered = views.crossings(place(view.levels, straight, corpus_catalog), straight)
    finally:
        lineage.SWEEPS = sweeps
    assert ordered < unordered * 0.8, (ordered, unordered)


def test_lineage_tree_names_relation_and_quote_on_each_line(corpus_catalog):
    start = corpus_catalog.find("322/KH-UBND", "II.5")
    tree = str(views.lineage_tree(corpus_catalog, start))
    assert tree.count("<li>") == 5  # four steps up from II.5 and the amendment above 15/2019
    assert "implements (triển khai, thực hiện)" in tree and "amends (sửa đổi, bổ sung)" in tree
    assert re.search(r"<q>(?:Thực hiện|thực hiện)\b", tree)  # the words of the text, from the cue on
    start = corpus_catalog.find("1205/QĐ-BKHĐT")
    big, instruments = str(views.lineage_tree(corpus_catalog, start)), len(views.lineage_view(corpus_catalog, start).nodes)
    lines = big.count("<li>")
    assert instruments > 200 and lines >= instruments - 1 and big.count('<span class="relation">') == lines
    assert big.count("<details") < lines
    # open at the first step only: every open details is a child of the top list
    assert all(depth == 1 for depth in _open_depths(big))


def _open_depths(tree: str) -> list[int]:
    depths, depth = [], 0
    for tag in re.findall(r"<(/?ul)>|<(details open)>", tree):
        if tag[0] == "ul":
            depth += 1
        elif tag[0] == "/ul":
            depth -= 1
        else:
            depths.append(depth)
    return depths


def test_node_and_edge_tooltips_say_what_the_issue_asks(corpus_catalog):
    start = corpus_catalog.find("322/KH-UBND", "II.5")
    data = page_data(views.render_graph(corpus_catalog, views.lineage_view(corpus_catalog, start)))
    decision = next(node for node in data["nodes"] if node["label"] == "15/2019/QĐ-UBND")
    for words in ("Quyết định 15/2019/QĐ-UBND", "date 2019-10-17", "Issuer: Ủy ban nhân dân tỉnh Kon Tum"):
        assert words in decision["title"]
    amends = next(edge for edge in data["edges"] if edge["relation"] == "amends")
    assert amends["title"].startswith("amends (sửa đổi, bổ sung)") and "“" in amends["title"] and ".txt" in amends["title"]
    task = next(node for node in data["nodes"] if node["kind"] == "task")
    assert "Cited" not in task["title"]  # a task is not cited: no "Cited 0 times"


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


@pytest.fixture(scope="module")
def site_pages(corpus_site):
    """Every page of the corpus site, read once: {path relative to the site: text}."""
    site, _ = corpus_site
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}


def test_no_page_of_the_corpus_site_fetches_from_outside(corpus_site, site_pages):
    site, report = corpus_site
    assert len(site_pages) == report.pages - 3  # three static files beside the pages
    for path, page in site_pages.items():
        assert external(page) == [], path
    assert report.documents == 374 and report.corpus_nodes > 2000


HREF = re.compile(r'\bhref="([^"#]*)(?:#([^"]*))?"')
IDS = re.compile(r'\bid="([^"]+)"')


def test_every_link_of_the_corpus_site_leads_to_a_page_and_an_anchor_that_exist(corpus_site, site_pages):
    """Nodes and passages lead somewhere: every href of every page (the links in the graph
    pages' data too) names a file of the site, and its #fragment an element of that file."""
    import posixpath
    from html import unescape

    site, _ = corpus_site
    ids: dict[str, set[str]] = {}
    checked = anchors = 0
    for path, page in site_pages.items():
        found = [(unescape(m.group(1)), unescape(m.group(2) or "")) for m in HREF.finditer(page)]
        if 'id="kg-data"' in page:
            data = page_data(page)
            for node in data["nodes"]:
                found += [tuple((node[key] + "#").split("#", 2)[:2]) for key in ("page", "lineage") if key in node]
            for edge in data["edges"]:
                found += [tuple(href.split("#", 1)) for _, href in edge.get("evidence", [])]
        for target, fragment in found:
            if target.startswith(("http://", "https://")):
                continue  # the gazette's page of a document: a link out, not a fetch
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            if resolved.startswith("static/"):
                assert (site / resolved).is_file(), (path, target)
                continue
            assert resolved in site_pages, (path, target)
            checked += 1
            if fragment and not fragment.startswith("node="):
                if resolved not in ids:
                    ids[resolved] = set(IDS.findall(site_pages[resolved]))
                assert unescape(fragment) in ids[resolved], (path, target, fragment)
                anchors += 1
    assert checked > 100_000 and anchors > 20_000, (checked, anchors)


def test_graph_pages_lead_from_every_node_and_every_quoted_edge(corpus_catalog, site_pages):
    lineage = [page for path, page in site_pages.items() if path.startswith("lineage/")]
    assert len(lineage) > 1500
    nodes = edges = with_evidence = 0
    for page in lineage:
        data = page_data(page)
        nodes += len(data["nodes"])
        assert len(data["nodes"]) >= 2  # no lineage page of a lone node
        assert all(node.get("page") for node in data["nodes"])
        for edge in data["edges"]:
            edges += 1
            with_evidence += bool(edge.get("evidence"))
    # (24,796 nodes since the articles after a text's first chapter are read: a chapter's citations, once one
    # lineage page of the chapter, now stand in its articles' clauses, which have no page of their own)
    assert nodes > 24000 and with_evidence == edges


def test_pages_hold_no_control_characters_no_build_paths_and_no_markdown_furniture(site_pages):
    machine = str(Path(__file__).resolve().parent.parent)
    plans = 0
    for path, page in site_pages.items():
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page), path
        assert machine not in page and "/tmp/" not in page, path
        if path.startswith("doc/"):
            text = re.search(r'<article id="text" lang="vi">(.*?)</article>', page, re.S).group(1)
            assert "**" not in text and not re.search(r"(?m)^[ \t]*\|[ \t|:-]*$", text), path
            plans += 1
    assert plans == 374


def test_vendor_style_comes_before_the_pages_own(site_pages):
    page = site_pages["graph.html"]
    assert page.index("vis-network.css") < page.index("<style>")


def test_document_page_of_322_shows_what_a_legal_site_shows(corpus_catalog, corpus_site, site_pages):
    site, report = corpus_site
    page = site_pages[report.texts[corpus_catalog.find("322/KH-UBND")]]
    for words in ("Lê Ngọc Tuấn", "2023-02-08", "Ủy ban nhân dân tỉnh Kon Tum", "corpus/322-KH-UBND-2023-kon-tum.txt",
                  'id="status"', 'id="timeline"', 'id="cites"', 'id="cited-by"', "Lineage of the whole document"):
        assert words in page, words
    cites = re.search(r'<section id="cites">(.*?)</section>', page, re.S).group(1)
    groups = re.findall(r"</span>([a-z ]+) \(([^)]*)\): (\d+)</summary>", cites)
    assert [group[0] for group in groups] == ["implements", "cites"]  # in the declared order
    assert "15/2019/QĐ-UBND" in cites and 'href="#at-' in cites
    # 15/2019/QĐ-UBND is not held: its own page says who cites it, with the words, linking to them.
    decision = site_pages[report.instruments[corpus_catalog.find("15/2019/QĐ-UBND")]]
    assert "322/KH-UBND II.5" in decision and "implements (triển khai, thực hiện)" in decision
    assert re.search(r'class="evidence" href="\.\./doc/[^"]+#at-\d+"', decision)


def test_gazette_documents_link_to_their_source(corpus_catalog, corpus_site, site_pages):
    root = Path(__file__).resolve().parent.parent / "corpus" / "congbao"
    entries = json.loads((root / "index.json").read_text(encoding="utf-8"))
    site, report = corpus_site
    linked = 0
    for path, page in site_pages.items():
        found = re.search(r'<a class="source" rel="external noopener noreferrer" href="([^"]+)"', page)
        if found:
            label = re.search(r"<dt>File</dt><dd>([^<]+)</dd>", page).group(1)
            entry = next(e for e in entries if label.endswith("congbao/" + e["path"]))
            assert found.group(1) == entry["nguon_url"]
            linked += 1
    assert linked == len({e["path"] for e in entries if (root / e["path"]).is_file() and e.get("nguon_url")}) > 300


def test_index_sorts_numbers_as_numbers_and_searches_without_diacritics(site_pages):
    assert sorted(["1026/QĐ-UBND", "0124/KH-UBND", "144/KH-UBND"], key=views.number_key) == [
        "0124/KH-UBND", "144/KH-UBND", "1026/QĐ-UBND"]
    page = site_pages["index.html"]
    rows = re.findall(r'<tr class="(held|outside)" data-search="([^"]*)".*?data-number="(\d+)"', page)
    assert sum(1 for row in rows if row[0] == "held") == 374 and len(rows) > 2000
    search = {row[1] for row in rows}
    assert any("ke hoach 322 kh ubnd" in words and "kon tum" in words for words in search)
    for control in ('id="q"', 'id="type"', 'id="issuer"', 'id="year"', 'value="number-asc"', 'value="date-desc"'):
        assert control in page


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


def test_a_pinpoint_leads_to_its_article_on_the_cited_documents_page(corpus_catalog, corpus_site, site_pages):
    # nghi-dinh-so-145-2020-nd-cp: "... quy định tại khoản 1 Điều 2 của Bộ luật Lao động" (45/2019/QH14, in the corpus)
    site, report = corpus_site
    page = site_pages[report.texts[corpus_catalog.find("145/2020/NĐ-CP")]]
    code = report.texts[corpus_catalog.find("45/2019/QH14")]
    found = re.findall(r'<a class="provision" href="([^"]+)" title="([^"]+)">([^<]+)</a>', page)
    by_title = {title: (href, words) for href, title, words in found}
    href, words = by_title["khoản 1 Điều 2 of 45/2019/QH14"]
    assert href == f"../{code}#{views.links.section_anchor('Điều 2.1')}" and words == "khoản 1 Điều 2"
    # the anchor is the clause's own place in the Code's text: "1. Người lao động ..." follows it
    target = site_pages[code]
    after = target[target.index(f'id="{views.links.section_anchor("Điều 2.1")}"'):][:200]
    assert re.search(r"</span>\s*1\.\s", after)
    # a point đ) has its own anchor, apart from d)
    assert views.links.section_anchor("Điều 6.1.đ") != views.links.section_anchor("Điều 6.1.d")


def test_lineage_lines_name_the_article(corpus_catalog, corpus_build):
    # thong-tu-so-18-2021-tt-bldtbxh: "Căn cứ khoản 2 Điều 68 Nghị định số 145/2020/NĐ-CP ..."; it also names
    # Điều 66 of that decree in its articles, and articles of the Labour Code it is based on as a whole
    tree = views.lineage_tree(corpus_catalog, corpus_catalog.find("18/2021/TT-BLĐTBXH"))
    line = re.search(r'<span class="parts">(.*?) of </span>\s*<strong class="node">145/2020/NĐ-CP</strong>', tree)
    assert line and line.group(1) == "khoản 2 Điều 68"
    result = CliRunner().invoke(main, ["lineage", str(corpus_build), "18/2021/TT-BLĐTBXH", "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert "├─ basedOn khoản 2 Điều 68 of 145/2020/NĐ-CP (also names Điều 66)" in result.output.splitlines()
    assert "└─ basedOn 45/2019/QH14 (also names Điều 3, Điều 105," in result.output


def test_a_document_page_has_the_effects_table_of_its_provisions(corpus_catalog, corpus_site, site_pages):
    # thong-tu-so-10-2024-tt-bkhdt, Điều 2 item 5: "Bãi bỏ khoản 3 Điều 9; điểm c khoản 1, ... Điều 10; điểm b
    # khoản 1 Điều 20" of 10/2022/TT-BKHĐT, and item 1: "Bãi bỏ cụm từ “...” tại điểm a và điểm b khoản 1 Điều 1"
    site, report = corpus_site
    page = site_pages[report.texts[corpus_catalog.find("10/2022/TT-BKHĐT")]]
    effects = re.search(r'<section id="effects">(.*?)</section>', page, re.S).group(1)
    rows = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", effects)
    plain = [tuple(re.sub(r"<[^>]+>", "", cell) for cell in row) for row in rows]
    assert ("khoản 3 Điều 9", "repealed", "10/2024/TT-BKHĐT Điều 2.5", "2024-07-26") in plain
    assert ("điểm a khoản 1 Điều 1", "amended", "10/2024/TT-BKHĐT Điều 2.1", "2024-07-26") in plain
    labels = [row[0] for row in plain]  # in the order of the articles: Điều 9 before Điều 10 before Điều 21
    assert labels.index("khoản 3 Điều 9") < labels.index("điểm c khoản 1 Điều 10") < labels.index("Điều 21")
    own = report.texts[corpus_catalog.find("10/2022/TT-BKHĐT")]
    changer = report.texts[corpus_catalog.find("10/2024/TT-BKHĐT")]
    # a provision leads to its place in the text where kg read that section (Điều 1.1.a), else is named only
    assert f'<a href="../{own}#{views.links.section_anchor("Điều 1.1.a")}">điểm a khoản 1 Điều 1</a>' in effects
    assert f'<a href="../{own}#{views.links.section_anchor("Điều 9.3")}">khoản 3 Điều 9</a>' in effects  # (Chương III's)
    assert f'<a href="../{changer}#{views.links.section_anchor("Điều 2.5")}">10/2024/TT-BKHĐT Điều 2.5</a>' in effects
    # a document no text changes says so
    plan = site_pages[report.texts[corpus_catalog.find("322/KH-UBND")]]
    assert "No provision of it is changed by a text of the corpus." in plan


def test_a_lineage_places_instruments_that_share_a_label_the_same_way_whatever_order_it_meets_them():
    # Hiến pháp 1992 and Hiến pháp 2013 are both labelled "Hiến pháp": the order they came in (a set's, which
    # changes with the hash seed) once decided which stood left, so a page differed from one run to the next
    from types import SimpleNamespace

    from kg.views.lineage import place

    label = {"https://x/hien-phap-1992": "Hiến pháp", "https://x/hien-phap-2013": "Hiến pháp", "https://x/luat": "Luật"}
    catalog = SimpleNamespace(nodes={iri: SimpleNamespace(label=text) for iri, text in label.items()})
    edges = [("https://x/luat", "https://x/hien-phap-1992"), ("https://x/luat", "https://x/hien-phap-2013")]
    one = {"https://x/luat": 0, "https://x/hien-phap-1992": 1, "https://x/hien-phap-2013": 1}
    other = dict(reversed(list(one.items())))
    assert place(one, edges, catalog) == place(other, edges, catalog)
