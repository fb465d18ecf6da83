"""The pages in a real browser: headless Chromium opens each kind of page from disk, with every
host name mapped to nowhere, and DevTools' Network events record every request it makes.

Asserted: the nodes and edges the page's own vis network holds, that nothing but file:// was
requested, that the corpus view stops moving within seconds, that clicking a task narrows the
view to its lineage (the task and everything it rests on, with a link to its lineage page),
and that markup in a document runs nothing. Screenshot: docs/lineage-322-II.5.png.
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


def test_corpus_view_draws_every_node_stops_moving_and_fetches_nothing(browser, corpus_site):
    site, report = corpus_site
    page = site / "graph.html"
    urls = open_page(browser, page)
    assert_offline(urls, page)
    assert counts(browser) == (report.corpus_nodes, report.corpus_edges)
    assert report.corpus_nodes > 5000
    ready = browser.execute_script("return kg.readyAt")
    assert ready < 10_000, f"the corpus view took {ready:.0f} ms to settle"
    before = browser.execute_script("return network.getPositions()")
    time.sleep(1.0)
    assert browser.execute_script("return network.getPositions()") == before  # nothing keeps moving
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


def test_annotated_text_links_each_reference_to_its_node(browser, corpus_site, corpus_catalog):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from kg.extract import extract_file

    site, report = corpus_site
    document = corpus_catalog.find("322/KH-UBND")
    page = site / report.texts[document]
    assert_offline(open_page(browser, page, graph=False), page)
    extraction = extract_file(ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt")
    references = browser.find_elements(By.CSS_SELECTOR, "#text a.ref")
    assert len(references) == len(extraction.citations)
    assert browser.find_elements(By.CSS_SELECTOR, "#outline .task") or browser.find_elements(
        By.CSS_SELECTOR, "#outline .section")
    target = next(ref for ref in references if "1847" in ref.text)
    key = target.get_attribute("data-node")
    target.click()
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return !!(window.kg && window.kg.stabilized)"))
    selected = browser.execute_script(
        "return network.getSelectedNodes().map(function (id) { return network.body.data.nodes.get(id).key; })")
    assert selected == [key]
    assert [url for url in requests(browser) if not url.startswith(("file://", "data:"))] == []


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
    assert browser.execute_script("return document.querySelectorAll('img, script, iframe, object').length") == 0
    shown = browser.find_element(By.ID, "text").text
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown
    assert "<script>alert(1)</script>" in browser.find_element(By.ID, "outline").text  # the title

    graph_page = site / "graph.html"
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
    assert cites > 0
    browser.find_element(By.CSS_SELECTOR, "input.relation[value=cites]").click()
    assert counts(browser) == (nodes, edges - cites)
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
    search.send_keys("quyet dinh 1847", Keys.ENTER)  # no marks needed
    selected = browser.execute_script(
        "return network.getSelectedNodes().map(id => network.body.data.nodes.get(id).label)")
    assert selected == ["1847/QĐ-TTg"]
