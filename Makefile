# Two commands a newcomer needs: `make run` (the main job on the bundled corpus) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast bench clean browser

# setuptools tells every editable install whose packages live outside their folder (kg.ontology is
# ontology/) to mind same-named folders: a notice, not a fault, silenced by its own words.
$(STAMP): setup.cfg setup.py pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	PYTHONWARNINGS='ignore:Editable installation' $(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

## run: extract the bundled corpus, build the graph, write the HTML view, print a lineage and the plan's alerts
run: $(STAMP)
	$(BIN)/kg build corpus/ -o build/ --workers 2
	$(BIN)/kg view build/ -o build/graph.html
	$(BIN)/kg view build/ -o build/lineage-322-II.5.html --document 322/KH-UBND --task II.5
	$(BIN)/kg lineage build/ "322/KH-UBND" --task II.5
	$(BIN)/kg check build/ "322/KH-UBND"

## test: the whole test suite (unit, corpus, browser); CI runs this
test: $(STAMP) browser
	$(BIN)/pytest -q

## test-fast: the quick loop, without the tests marked slow (corpus builds, browser, notebook, bench),
## one pytest-xdist worker per core; a module's tests stay on one worker, so its fixtures are made once
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow" -n auto --dist loadscope

## browser: Debian's chromium and chromedriver for the browser tests (root, as on CI)
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

## bench: the benchmark suite; writes bench/RESULTS.md
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf build site $(VENV)
