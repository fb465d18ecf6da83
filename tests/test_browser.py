"""The pages in a real browser: headless Chromium opens each kind of page from disk, with every
host name mapped to nowhere, and DevTools' Network events record every request it makes.

Asserted: the walk a researcher takes (index -> document -> task -> lineage -> node -> its page
-> the document -> the passage that states an edge, highlighted, and back and forward), that no
lineage edge points down or sideways on the screen and labels stay readable, that a 420-pixel
screen keeps the text readable, the nodes and edges the page's own vis network holds, that
nothing but file:// was requested, that the corpus view stops moving within seconds, that
clicking a task narrows a neighbourhood to its lineage, that the Effects section of a law the corpus
changes leads to the words that change it, and that markup in a document runs
nothing. Screenshots (KG_UPDATE_SCREENSHOTS=1): docs/lineage-322-II.5.png, docs/lineage-322.png,
docs/lineage-1205-qd-bkhdt.png.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
II5 = {"322/KH-UBND II.5", "1847/QĐ-TTg", "319/QĐ-BNV", "15/2019/QĐ-UBND", "21/2018/QĐ-UBND"}

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="needs Debian's chromium and chromedriver (make browser installs them)")

#: Runs before any script of every page: an alert is recorded instead of shown.
TRAP = "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-default-apps", "--window-size=1400,900", "--host-resolver-rules=MAP * ~NOTFOUND",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    driver.get("about:blank")
    yield driver
    driver.quit()


def requests(driver) -> list[str]:
    """Every URL the browser asked for since the last call (DevTools Network events)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def open_page(driver, path: Path, graph: bool = True) -> list[str]:
    """Open a page from disk, wait until it is laid out, return what it requested."""
    from selenium.webdriver.support.ui import WebDriverWait

    requests(driver)
    driver.get(path.as_uri())
    if graph:
        WebDriverWait(driver, 60, poll_frequency=0.05).until(
            lambda d: d.execute_script("return !!(window.kg && window.kg.stabilized)"))
    else:
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(0.2)
    return requests(driver)


def assert_offline(urls: list[str], page: Path) -> None:
    assert page.as_uri() in urls, "the performance log recorded nothing: the check would be empty"
    assert [url for url in urls if not url.startswith(("file://", "data:"))] == []


def counts(driver) -> tuple[int, int]:
    return tuple(driver.execute_script("return [network.body.data.nodes.length, network.body.data.edges.length]"))


def labels(driver) -> set[str]:
    return set(driver.execute_script("return network.body.data.nodes.get().map(function (n) { return n.label; })"))


def test_corpus_overview_draws_every_node_stops_moving_and_fetches_nothing(browser, corpus_site):
    site, report = corpus_site
    page = site / "graph.html"
    urls = open_page(browser, page)
    assert_offline(urls, page)
    # The overview draws no edge until a reader picks an instrument: then that one's, and only those.
    assert counts(browser) == (report.corpus_nodes, 0)
    ready = browser.execute_script("return kg.readyAt")
    assert ready < 10_000, f"the corpus view took {ready:.0f} ms to settle"
    before = browser.execute_script("return network.getPositions()")
    time.sleep(1.0)
    assert browser.execute_script("return network.getPositions()") == before  # nothing keeps moving
    shown, expected = browser.execute_script("""
        var hit = kg.nodes.get().sort(function (a, b) { return b.value - a.value; })[0];  // the most cited
        kg.select(hit.id, false);
        var touching = kg.edges.get({filter: function (e) { return e.from === hit.id || e.to === hit.id; }}).length;
        return [network.body.data.edges.length, touching];""")
    assert shown == expected > 5
    assert browser.execute_script("return window.__alerts") == []


def test_lineage_page_of_322_task_II5(browser, corpus_site, corpus_catalog, tmp_path_factory):
    site, report = corpus_site
    start = corpus_catalog.find("322/KH-UBND", "II.5")
    page = site / report.lineages[start]
    assert_offline(open_page(browser, page), page)
    assert labels(browser) == II5
    assert counts(browser) == (5, 5)
    edges = browser.execute_script("""
        var nodes = network.body.data.nodes;
        return network.body.data.edges.get().map(function (e) {
          return [nodes.get(e.from).label, e.relation, nodes.get(e.to).label]; });""")
    assert ["15/2019/QĐ-UBND", "amends", "21/2018/QĐ-UBND"] in edges
    # Drawn as a hierarchy: the task at the bottom (canvas y grows downwards), what it rests on above.
    heights = browser.execute_script("""
        var positions = network.getPositions(), out = {};
        network.body.data.nodes.get().forEach(function (n) { out[n.label] = positions[n.id].y; });
        return out;""")
    task = heights.pop("322/KH-UBND II.5")
    assert all(task > y for y in heights.values())
    # the README's picture is refreshed on purpose (KG_UPDATE_SCREENSHOTS=1), never as a side effect
    shots = ROOT / "docs" if os.environ.get("KG_UPDATE_SCREENSHOTS") else tmp_path_factory.mktemp("shots")
    shots.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(shots / "lineage-322-II.5.png"))


def test_clicking_a_task_narrows_the_view_to_its_lineage(browser, corpus_site, corpus_catalog):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    site, report = corpus_site
    document = corpus_catalog.find("322/KH-UBND")
    page = site / report.graphs[document]
    assert_offline(open_page(browser, page), page)
    total = counts(browser)
    assert total[0] > len(II5)
    task = browser.execute_script("""
        var id = network.body.data.nodes.get({filter: function (n) { return n.label === '322/KH-UBND II.5'; }})[0].id;
        network.focus(id, {scale: 1.5, animation: false});
        return id;""")
    time.sleep(0.2)
    spot = browser.execute_script("return network.canvasToDOM(network.getPosition(arguments[0]))", task)
    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(spot["x"] - canvas.size["width"] / 2), int(spot["y"] - canvas.size["height"] / 2)).click().perform()
    time.sleep(0.3)
    assert browser.execute_script("return kg.lineageOf") == task
    assert labels(browser) == II5  # the view now holds the task and what it rests on, nothing else
    assert browser.execute_script("return network.getSelectedNodes()") == [task]
    listed = browser.find_element(By.ID, "lineage-list").text
    assert all(number in listed for number in ("1847/QĐ-TTg", "319/QĐ-BNV", "15/2019/QĐ-UBND", "21/2018/QĐ-UBND"))
    link = browser.find_element(By.ID, "lineage-page")
    assert link.is_displayed() and link.get_attribute("href").endswith(report.lineages[
        corpus_catalog.find("322/KH-UBND", "II.5")].split("/", 1)[1])
    requests(browser)
    link.click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return !!(window.kg && window.kg.stabilized)"))
    assert labels(browser) == II5 and counts(browser) == (5, 5)
    browser.find_element(By.ID, "show-all")  # present, hidden until a click narrows the view


def test_annotated_text_links_each_reference_to_the_page_of_what_it_cites(browser, corpus_site, corpus_catalog):
    from selenium.webdriver.common.by import By

    from kg.extract import extract_file

    site, report = corpus_site
    document = corpus_catalog.find("322/KH-UBND")
    page = site / report.texts[document]
    assert_offline(open_page(browser, page, graph=False), page)
    extraction = extract_file(ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt")
    references = browser.find_elements(By.CSS_SELECTOR, "#text a.ref")
    assert len(references) == len(extraction.citations)
    assert browser.find_elements(By.CSS_SELECTOR, "#outline .task")
    target = next(ref for ref in references if "1847" in ref.text)
    target.click()
    wait_loaded(browser)
    assert browser.current_url.endswith(report.instruments[corpus_catalog.find("1847/QĐ-TTg")])
    assert "322/KH-UBND" in browser.find_element(By.ID, "cited-by").text
    assert [url for url in requests(browser) if not url.startswith(("file://", "data:"))] == []


def wait_loaded(driver, graph: bool = False) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if graph:
        WebDriverWait(driver, 60, poll_frequency=0.05).until(
            lambda d: d.execute_script("return !!(window.kg && window.kg.stabilized)"))
    time.sleep(0.2)


def click_canvas(driver, point: dict) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.CSS_SELECTOR, "#network canvas")
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(point["x"] - canvas.size["width"] / 2), int(point["y"] - canvas.size["height"] / 2)).click().perform()
    time.sleep(0.3)


def node_point(driver, name: str) -> dict:
    return driver.execute_script("""
        var hit = kg.nodes.get({filter: function (n) { return n.name === arguments[0]; }})[0];
        return network.canvasToDOM(network.getPosition(hit.id));""".replace("arguments[0]", json.dumps(name)))


def test_a_researcher_walks_from_the_index_to_the_evidence_and_back(browser, corpus_site, corpus_catalog):
    """index -> document -> task -> lineage -> node -> its page -> the document -> the passage
    that states an edge, highlighted; then back and forward."""
    from selenium.webdriver.common.by import By

    site, report = corpus_site
    document, task = corpus_catalog.find("322/KH-UBND"), corpus_catalog.find("322/KH-UBND", "II.5")
    index = site / "index.html"
    assert_offline(open_page(browser, index, graph=False), index)
    browser.find_element(By.ID, "q").send_keys("ke hoach 322 kon tum")  # no diacritics needed
    shown = [row for row in browser.find_elements(By.CSS_SELECTOR, "#rows tr") if row.is_displayed()]
    assert [row.find_element(By.TAG_NAME, "a").text for row in shown] == ["Kế hoạch 322/KH-UBND"]
    shown[0].find_element(By.TAG_NAME, "a").click()
    wait_loaded(browser)
    assert browser.current_url.endswith(report.texts[document])
    # document -> task -> its lineage
    lineage = report.lineages[task]
    browser.find_element(By.CSS_SELECTOR, f'a.lineage[href$="{lineage.split("/", 1)[1]}"]').click()
    wait_loaded(browser, graph=True)
    assert browser.current_url.endswith(lineage)
    assert browser.find_element(By.CSS_SELECTOR, "nav.crumbs").text.replace("\n", " ") == \
        "Documents › 322/KH-UBND › task II.5 › lineage"
    # lineage -> node -> its page: 15/2019/QĐ-UBND is outside the corpus, its page says who cites it
    click_canvas(browser, node_point(browser, "15/2019/QĐ-UBND"))
    assert "15/2019/QĐ-UBND" in browser.find_element(By.ID, "details").text
    browser.find_element(By.CSS_SELECTOR, "#actions a.open-page").click()
    wait_loaded(browser)
    assert browser.current_url.endswith(report.instruments[corpus_catalog.find("15/2019/QĐ-UBND")])
    # -> the document that cites it, at the task
    browser.find_element(By.LINK_TEXT, "Kế hoạch 322/KH-UBND II.5").click()
    wait_loaded(browser)
    assert browser.current_url.endswith(report.texts[document] + "#sec-ii-5")
    # back to the lineage; an edge -> the words that state it, highlighted in the text
    browser.back()
    browser.back()
    wait_loaded(browser, graph=True)
    assert browser.current_url.split("#")[0].endswith(lineage)
    source, target = node_point(browser, "322/KH-UBND II.5"), node_point(browser, "15/2019/QĐ-UBND")
    click_canvas(browser, {"x": (source["x"] + target["x"]) / 2, "y": (source["y"] + target["y"]) / 2})
    assert browser.find_element(By.ID, "details").text.startswith("implements (triển khai, thực hiện)")
    evidence = browser.find_element(By.CSS_SELECTOR, "#actions a.evidence")
    evidence.click()
    wait_loaded(browser)
    passage = browser.current_url
    assert "#at-" in passage and passage.split("#")[0].endswith(report.texts[document])
    assert browser.execute_script("return CSS.highlights.has('evidence')")
    words = browser.execute_script("return window.kgEvidence")
    assert "15/2019/QĐ-UBND" in words and len(words) < 400
    # back and forward
    browser.back()
    wait_loaded(browser, graph=True)
    assert browser.current_url.split("#")[0].endswith(lineage)
    browser.forward()
    wait_loaded(browser)
    assert browser.current_url == passage
    assert browser.execute_script("return window.kgEvidence") == words
    assert [url for url in requests(browser) if not url.startswith(("file://", "data:"))] == []


def screen_edges(driver) -> list:
    """Each edge of a graph page as drawn: [from y, to y, closes a cycle], y growing downwards."""
    return driver.execute_script("""
        var positions = network.getPositions();
        return kg.edges.get().map(function (e) { return [positions[e.from].y, positions[e.to].y, !!e.against]; });""")


@pytest.mark.parametrize("number", ["322/KH-UBND", "1205/QĐ-BKHĐT"])
def test_no_lineage_edge_points_down_or_sideways_and_labels_stay_readable(browser, corpus_site, corpus_catalog,
                                                                          tmp_path_factory, number):
    site, report = corpus_site
    start = corpus_catalog.find(number)
    page = site / report.lineages[start]
    updating = bool(os.environ.get("KG_UPDATE_SCREENSHOTS"))
    if updating:
        browser.set_window_size(1600, 1200 if number == "322/KH-UBND" else 1500)
    assert_offline(open_page(browser, page), page)
    drawn = screen_edges(browser)
    assert len(drawn) >= (25 if number == "322/KH-UBND" else 300)
    assert all(to < source for source, to, against in drawn if not against)
    scale, font = browser.execute_script("return [network.getScale(), kg.network.body.nodes[0].options.font.size]")
    assert font >= 14 and scale * font >= 10.5  # the page never shrinks labels under a readable size
    shots = ROOT / "docs" if os.environ.get("KG_UPDATE_SCREENSHOTS") else tmp_path_factory.mktemp("shots")
    shots.mkdir(exist_ok=True)
    name = "lineage-322.png" if number == "322/KH-UBND" else "lineage-1205-qd-bkhdt.png"
    assert browser.save_screenshot(str(shots / name))
    browser.set_window_size(1400, 900)


def test_a_narrow_screen_keeps_the_text_readable(browser, corpus_site, corpus_catalog):
    from selenium.webdriver.common.by import By

    site, report = corpus_site
    browser.set_window_size(420, 900)
    try:
        page = site / report.texts[corpus_catalog.find("322/KH-UBND")]
        open_page(browser, page, graph=False)
        inner = browser.execute_script("return window.innerWidth")
        assert inner <= 420
        text = browser.find_element(By.ID, "text")
        assert text.size["width"] >= inner - 40 and text.size["width"] >= 300
        assert browser.execute_script("return document.documentElement.scrollWidth") <= inner + 1  # no sideways scroll
        side = browser.find_element(By.ID, "side")
        assert side.location["y"] >= text.location["y"] + text.size["height"] - 1  # below the text, not beside it
        lineage = site / report.lineages[corpus_catalog.find("322/KH-UBND", "II.5")]
        open_page(browser, lineage)
        assert browser.find_element(By.ID, "stage").size["width"] >= inner - 20
        assert browser.execute_script("return document.documentElement.scrollWidth") <= inner + 1
        open_page(browser, site / "index.html", graph=False)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= inner + 1
    finally:
        browser.set_window_size(1400, 900)


def test_markup_in_a_document_runs_nothing_and_shows_as_text(browser, hostile_site):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _, catalog, site, report = hostile_site
    text_page = site / next(iter(report.texts.values()))
    assert_offline(open_page(browser, text_page, graph=False), text_page)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return window.__alerts") == []
    assert browser.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0
    # one script, the page's own (it highlights a passage); none came from the text
    assert browser.execute_script("return document.querySelectorAll('script').length") == 1
    assert "<script" not in browser.execute_script("return document.getElementById('text').innerHTML")
    shown = browser.find_element(By.ID, "text").text
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown
    assert "<script>alert(1)</script>" in browser.find_element(By.ID, "outline").text  # the title

    graph_page = site / next(iter(report.graphs.values()))
    assert_offline(open_page(browser, graph_page), graph_page)
    scripts = browser.execute_script("return document.querySelectorAll('script').length")
    assert scripts == 3  # vis-network, the page's data, its behaviour: nothing injected
    assert browser.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0
    plan = browser.execute_script("""
        var hit = network.body.data.nodes.get({filter: function (n) { return n.title.indexOf('<img') >= 0
                                                                 && n.key.indexOf('/section/') < 0; }})[0];
        network.focus(hit.id, {scale: 1.5, animation: false});
        return hit.id;""")
    time.sleep(0.2)
    spot = browser.execute_script("return network.canvasToDOM(network.getPosition(arguments[0]))", plan)
    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(spot["x"] - canvas.size["width"] / 2), int(spot["y"] - canvas.size["height"] / 2)).perform()
    tooltip = WebDriverWait(browser, 10).until(
        lambda d: next((t for t in d.find_elements(By.CSS_SELECTOR, "div.vis-tooltip") if t.is_displayed()), None))
    shown = tooltip.text.lower()  # the title comes from the upper-case heading: same words, as text
    assert "<img src=x onerror=alert(1)>" in shown and "<script>alert(1)</script>" in shown
    # Text set as innerText: its line breaks become <br>, and nothing else is an element.
    tags = browser.execute_script("return Array.from(arguments[0].querySelectorAll('*')).map(e => e.tagName)", tooltip)
    assert set(tags) <= {"BR"}
    assert browser.execute_script("return window.__alerts") == []


def test_filters_and_search(browser, corpus_site, corpus_catalog):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    site, report = corpus_site
    page = site / report.graphs[corpus_catalog.find("322/KH-UBND")]
    open_page(browser, page)
    nodes, edges = counts(browser)
    cites = browser.execute_script("return network.body.data.edges.get().filter(e => e.relation === 'cites').length")
    # Without the plain citations, the nodes only they joined go too: a filter leaves no orphan.
    linked = browser.execute_script("""
        var ids = new Set([kg.nodes.get({filter: function (n) { return n.key === JSON.parse(
            document.getElementById('kg-data').textContent).focus; }})[0].id]);
        kg.edges.forEach(function (e) { if (e.relation !== 'cites') { ids.add(e.from); ids.add(e.to); } });
        return ids.size;""")
    assert cites > 0 and linked < nodes
    browser.find_element(By.CSS_SELECTOR, "input.relation[value=cites]").click()
    assert counts(browser) == (linked, edges - cites)
    browser.find_element(By.CSS_SELECTOR, "input.relation[value=cites]").click()
    assert counts(browser) == (nodes, edges)
    # Years: only 2019 and later, undated out; every node left is dated 2019 or later.
    for field, value in (("year-from", "2019"),):
        box = browser.find_element(By.ID, field)
        box.clear()
        box.send_keys(value, Keys.TAB)
    browser.find_element(By.ID, "year-unknown").click()
    years = browser.execute_script("return network.body.data.nodes.get().map(n => n.year)")
    assert years and len(years) < nodes and all(year is not None and year >= 2019 for year in years)
    browser.find_element(By.ID, "year-unknown").click()
    search = browser.find_element(By.ID, "search")
    search.send_keys("quyet dinh 1847")  # no marks needed
    listed = browser.find_elements(By.CSS_SELECTOR, "#search-list li button")
    assert [button.text for button in listed] == ["1847/QĐ-TTg"]
    search.send_keys(Keys.ENTER)
    selected = browser.execute_script(
        "return network.getSelectedNodes().map(id => network.body.data.nodes.get(id).label)")
    assert selected == ["1847/QĐ-TTg"]
    listed[0].click()  # a result opens its details, with a link to its page
    assert browser.find_element(By.CSS_SELECTOR, "#actions a.open-page").get_attribute("href").endswith(
        report.instruments[corpus_catalog.find("1847/QĐ-TTg")])


def test_effects_section_lists_each_change_and_leads_to_the_words_that_make_it(browser, corpus_site, corpus_catalog,
                                                                               corpus_store):
    """The Effects section of 25/2008/QH12 (the Health Insurance Law, changed article by article
    by 51/2024/QH15): one row per change kg.effects reads, and a row's 'By' link opens the
    changing text at the section that states the change."""
    from selenium.webdriver.common.by import By

    from kg.effects import effects

    site, report = corpus_site
    law = corpus_catalog.find("25/2008/QH12")
    page = site / report.instruments[law]
    assert_offline(open_page(browser, page, graph=False), page)
    expected = [e for e in effects(corpus_store, "25/2008/QH12") if e.instrument_iri == law]
    assert len(expected) > 50
    rows = browser.find_elements(By.CSS_SELECTOR, "table.effects tr")[1:]
    assert len(rows) == len(expected)
    supplemented = next(row for row, effect in zip(rows, expected)
                        if effect.provision == "Điều 2.9" and effect.kind == "supplemented")
    cells = supplemented.find_elements(By.TAG_NAME, "td")
    assert cells[0].text == "khoản 9 Điều 2" and cells[2].text.startswith("51/2024/QH15")
    cells[2].find_element(By.TAG_NAME, "a").click()
    wait_loaded(browser)
    target = browser.current_url
    assert target.split("#")[0].endswith(report.texts[corpus_catalog.find("51/2024/QH15")]) and "#" in target
    anchor = target.split("#", 1)[1]
    # a section's anchor is an empty span where it starts: read the words that follow it
    section = browser.execute_script("""
        var start = document.getElementById(arguments[0]); if (!start) { return null; }
        var range = document.createRange(); range.setStartAfter(start);
        range.setEndAfter(document.getElementById('text').lastChild);
        return range.toString().slice(0, 300);""", anchor)
    assert section and "Bổ sung khoản 9 vào sau khoản 8 Điều 2" in section
    assert [url for url in requests(browser) if not url.startswith(("file://", "data:"))] == []
