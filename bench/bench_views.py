"""The views: how long `kg site` takes over the corpus, how the lineage layout does, and how long
the corpus overview takes to become usable in headless Chromium.

Measured:
- the site: reading the graph (load_catalog) and writing every page (write_site), in seconds
  of wall and of CPU (the machine is shared; CPU says what kg spent);
- lineages: over every lineage page of the site, edges that point up (all but those closing a
  cycle), the widest row, and crossings of straight edges with the barycentre ordering against
  the same layers in alphabetical order;
- the overview: milliseconds from navigation start until the page is laid out and still
  (``kg.readyAt``), checked by reading every node's position twice a second apart (median of 3).

    .venv/bin/python bench/bench_views.py                 # builds corpus/ into a temporary directory
    .venv/bin/python bench/bench_views.py --build build/  # or reads an existing build
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGUMENTS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--window-size=1400,900", "--host-resolver-rules=MAP * ~NOTFOUND")


def browser(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ARGUMENTS + (f"--user-data-dir={profile}",):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def settle(driver, page: Path, timeout: float = 300.0) -> float:
    """Milliseconds from navigation start until the page is laid out and still."""
    driver.get("about:blank")
    driver.get(page.as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return !!(window.kg && window.kg.stabilized)"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page}: not settled after {timeout} s")
        time.sleep(0.05)
    ready = driver.execute_script("return kg.readyAt")
    before = driver.execute_script("return network.getPositions()")
    time.sleep(1.0)
    if driver.execute_script("return network.getPositions()") != before:
        raise AssertionError(f"{page}: nodes still moving after the layout finished")
    return ready


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def lineages(catalog) -> dict:
    """Edges up, widest row and crossings over every lineage page the site writes."""
    import kg.views.lineage as lineage
    from kg import views
    from kg.views.site import _plan

    edges = up = against = widest = ordered = alphabetical = 0
    largest = 0
    for start in _plan(catalog).lineages:
        view = views.lineage_view(catalog, start)
        largest = max(largest, len(view.nodes))
        y = {iri: view.positions[iri][1] for iri in view.nodes}
        rows: dict[float, int] = {}
        for value in y.values():
            rows[value] = rows.get(value, 0) + 1
        widest = max(widest, max(rows.values()))
        for source, target, relation in view.edges:
            edges += 1
            up += y[target] < y[source]
            against += (source, target, relation) in view.against
        straight = [edge[:2] for edge in view.edges if edge not in view.against]
        if len(straight) <= 600:
            ordered += views.crossings(view.positions, straight)
            sweeps, lineage.SWEEPS = lineage.SWEEPS, 0
            try:
                alphabetical += views.crossings(lineage.place(view.levels, straight, catalog), straight)
            finally:
                lineage.SWEEPS = sweeps
    return {"edges": edges, "up": up, "against": against, "widest": widest, "largest": largest,
            "crossings": ordered, "alphabetical": alphabetical}


def measure(build: Path | None, runs: int) -> dict:
    from kg import views
    from kg.store import MemoryStore

    with tempfile.TemporaryDirectory(prefix="bench-views-") as scratch:
        scratch = Path(scratch)
        if build is None:
            from kg.build import build as run_build

            build = scratch / "build"
            run_build([ROOT / "corpus"], build, workers=2)
        catalog, load_wall, load_cpu = timed(lambda: views.load_catalog(MemoryStore(build)))
        report, site_wall, site_cpu = timed(lambda: views.write_site([ROOT / "corpus"], scratch / "site", catalog))
        layout = lineages(catalog)
        page = scratch / "site" / "graph.html"
        driver = browser(str(scratch / "profile"))
        try:
            settled = [settle(driver, page) / 1000 for _ in range(runs)]
        finally:
            driver.quit()
    return {"catalog": (load_wall, load_cpu), "site": (site_wall, site_cpu), "pages": report.pages,
            "megabytes": report.bytes / 1e6, "nodes": report.corpus_nodes, "edges": report.corpus_edges,
            "settled": settled, "layout": layout}


def run(repeat: int = 3) -> dict:
    """The suite's entry."""
    result = measure(None, repeat)
    load_wall, load_cpu = result["catalog"]
    site_wall, site_cpu = result["site"]
    layout = result["layout"]
    median = statistics.median(result["settled"])
    total = load_wall + site_wall
    rows = [("read the graph", f"{load_wall:.1f} s", f"{load_cpu:.1f} s CPU"),
            ("write the site", f"{site_wall:.1f} s", f"{site_cpu:.1f} s CPU, {result['pages']} pages, "
                                                      f"{result['megabytes']:.0f} MB"),
            ("lineage edges pointing up", f"{layout['up']} of {layout['edges']}",
             f"{layout['against']} close a cycle (dashed)"),
            ("lineage crossings", f"{layout['crossings']}", f"{layout['alphabetical']} with layers in alphabetical order"),
            ("corpus overview usable and still", f"{median:.2f} s", ", ".join(f"{r:.2f}" for r in result["settled"]))]
    return {
        "title": "The views: kg site over the corpus, lineage layout, the overview in headless Chromium",
        "headers": ("what", "measured", "detail"),
        "rows": rows,
        "summary": (f"kg site {total:.0f} s after the build (goal: under a minute); lineages: {layout['up']} of "
                    f"{layout['edges']} edges point up, widest row {layout['widest']} nodes, {layout['crossings']} "
                    f"crossings against {layout['alphabetical']}; overview of {result['nodes']} instruments usable "
                    f"after {median:.2f} s"),
        "goal_met": total < 60 and median <= 5.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="A build directory (kg build); built from corpus/ without it.")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    result = measure(arguments.build, arguments.runs)
    layout = result["layout"]
    print(f"read the graph: {result['catalog'][0]:.1f} s ({result['catalog'][1]:.1f} s CPU)")
    print(f"write the site: {result['site'][0]:.1f} s ({result['site'][1]:.1f} s CPU), {result['pages']} pages, "
          f"{result['megabytes']:.0f} MB")
    print(f"lineages: {layout['up']} of {layout['edges']} edges point up, {layout['against']} close a cycle; widest "
          f"row {layout['widest']}; largest lineage {layout['largest']} nodes; crossings {layout['crossings']} "
          f"(alphabetical order: {layout['alphabetical']})")
    runs = result["settled"]
    print(f"corpus overview ({result['nodes']} instruments, {result['edges']} relations): usable and still after "
          f"median {statistics.median(runs):.2f} s of {len(runs)} runs ({', '.join(f'{r:.2f}' for r in runs)} s)")


if __name__ == "__main__":
    main()
