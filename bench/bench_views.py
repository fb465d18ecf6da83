"""How long the whole-corpus view takes to become usable in headless Chromium (median of 3).

Measured: the time from navigation start until the page has laid out its graph and turned
physics off (``kg.readyAt``, the page's own ``performance.now()``), checked by reading every
node's position twice a second apart: equal, so nothing is still moving. Also printed: the
time to read the graph and write the page, its size, nodes and edges.

    .venv/bin/python bench/bench_views.py                 # builds corpus/ into a temporary directory
    .venv/bin/python bench/bench_views.py --build build/  # or reads an existing build
    .venv/bin/python bench/bench_views.py --browser-physics  # vis-network's own physics, for comparison
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


def measure(build: Path | None, runs: int, browser_physics: bool) -> dict:
    """Lay out the whole-corpus view and time it in headless Chromium; the figures as a dict."""
    from kg import views
    from kg.store import MemoryStore

    with tempfile.TemporaryDirectory(prefix="bench-views-") as scratch:
        scratch = Path(scratch)
        if build is None:
            from kg.build import build as run_build

            build = scratch / "build"
            run_build([ROOT / "corpus"], build, workers=2)
        limit = views.PHYSICS_LIMIT
        if browser_physics:
            views.PHYSICS_LIMIT = 10 ** 9
        try:
            start = time.perf_counter()
            catalog = views.load_catalog(MemoryStore(build))
            loaded = time.perf_counter() - start
            start = time.perf_counter()
            view = views.corpus_view(catalog)
            page = views.render_graph(catalog, view)
            path = views.write_single(scratch / "graph.html", page)
            rendered = time.perf_counter() - start
        finally:
            views.PHYSICS_LIMIT = limit
        driver = browser(str(scratch / "profile"))
        try:
            settled = [settle(driver, path) / 1000 for _ in range(runs)]
        finally:
            driver.quit()
    return {"nodes": len(view.nodes), "edges": len(view.edges), "megabytes": len(page.encode()) / 1e6,
            "loaded": loaded, "rendered": rendered, "settled": settled, "build": build}


def run(repeat: int = 3, physics_runs: int = 1) -> dict:
    """The suite's entry: kg's layout (median of ``repeat``) beside vis-network's own physics."""
    with tempfile.TemporaryDirectory(prefix="bench-views-build-") as scratch:
        from kg.build import build as run_build

        build = Path(scratch) / "build"
        run_build([ROOT / "corpus"], build, workers=2)
        ours = measure(build, repeat, browser_physics=False)
        theirs = measure(build, physics_runs, browser_physics=True) if physics_runs else None
    median = statistics.median(ours["settled"])
    rows = [("laid out by kg, physics off", f"{median:.2f} s", ", ".join(f"{r:.2f}" for r in ours["settled"]))]
    if theirs:
        rows.append(("vis-network physics, stabilised then stopped", f"{statistics.median(theirs['settled']):.2f} s",
                     ", ".join(f"{r:.2f}" for r in theirs["settled"])))
    ratio = statistics.median(theirs["settled"]) / median if theirs else None
    return {
        "title": "The whole-corpus view in headless Chromium: time until usable and still",
        "headers": ("layout", "median", "runs (s)"),
        "rows": rows,
        "ratio": ratio,
        "summary": (f"{ours['nodes']} nodes, {ours['edges']} edges, {ours['megabytes']:.1f} MB; usable and still "
                    f"after {median:.2f} s (goal: a few seconds, <= 5 s)"
                    + (f"; vis-network's own physics took {ratio:.0f}x as long" if ratio else "")
                    + f"; reading the graph {ours['loaded']:.1f} s and writing the page {ours['rendered']:.1f} s "
                      "happen before, in kg view"),
        "goal_met": median <= 5.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="A build directory (kg build); built from corpus/ without it.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser-physics", action="store_true",
                        help="Leave the layout to vis-network's physics (stabilise, then stop).")
    arguments = parser.parse_args()
    result = measure(arguments.build, arguments.runs, arguments.browser_physics)
    runs = result["settled"]
    layout = "vis-network physics, stabilised then stopped" if arguments.browser_physics else "laid out by kg"
    print(f"corpus view: {result['nodes']} nodes, {result['edges']} edges, {result['megabytes']:.1f} MB ({layout})")
    print(f"read the graph {result['loaded']:.1f} s, lay out and write the page {result['rendered']:.1f} s")
    print(f"usable and still in headless Chromium: median {statistics.median(runs):.2f} s "
          f"of {len(runs)} runs ({', '.join(f'{r:.2f}' for r in runs)} s)")


if __name__ == "__main__":
    main()
