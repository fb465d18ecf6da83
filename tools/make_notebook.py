"""Write notebooks/explore.ipynb (without outputs): the research notebook CI executes.

Kept as a script so the notebook's cells are reviewed as code. Example:

    .venv/bin/python tools/make_notebook.py
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent

CELLS = [
    new_markdown_cell(
        "# Where does a policy come from? Exploring the corpus graph\n\n"
        "This notebook builds the knowledge graph of the bundled corpus (the founding plan "
        "322/KH-UBND of Kon Tum, 342 gazette documents, 31 plans of 2025), follows each task of "
        "322/KH-UBND up to the instruments it rests on, looks at what the corpus cites most, "
        "plots citations by issuer and year, runs a few SPARQL queries and embeds a lineage view."),
    new_code_cell(
        "from pathlib import Path\n\n"
        "from kg.build import build\n"
        "from kg.store import open_store\n\n"
        "ROOT = Path.cwd().parent if Path.cwd().name == 'notebooks' else Path.cwd()\n"
        "BUILD = ROOT / 'build' / 'notebook'\n"
        "report = build([ROOT / 'corpus'], BUILD, workers=2)\n"
        "print(report.summary())\n"
        "store = open_store(BUILD)"),
    new_markdown_cell(
        "## The lineage of every task of 322/KH-UBND\n\n"
        "Each tree reads upward: a task, what it implements or cites, and what those rest on in "
        "turn (amendments included), each instrument once."),
    new_code_cell(
        "from kg import lineage\n"
        "from kg.query import run_named\n\n"
        "graph = lineage.load(store)\n"
        "outline = run_named(store, 'outline', {'document': '322/KH-UBND'}).records()\n"
        "tasks = list(dict.fromkeys(row['id'] for row in outline if row['task'] == 'true'))\n"
        "print('tasks:', ', '.join(tasks))\n"
        "for task in tasks:\n"
        "    start = lineage.find_start(store, '322/KH-UBND', task)\n"
        "    if start in graph and graph.out_degree(start):  # a task that cites nothing has no lineage\n"
        "        print(lineage.render_text(lineage.upstream(graph, start)))\n"
        "        print()"),
    new_markdown_cell("## The most cited instruments, and what the corpus cites but does not hold"),
    new_code_cell(
        "from kg.query import format_result\n\n"
        "print(format_result(run_named(store, 'most-cited', {}, max_rows=10), 'table'))\n"
        "print()\n"
        "print(format_result(run_named(store, 'missing-from-corpus', {}, max_rows=10), 'table'))"),
    new_markdown_cell(
        "## Citations by issuer and by year\n\n"
        "Every citation edge (any relation) from a corpus document or one of its sections to an "
        "instrument, counted by the cited instrument's issuer and year."),
    new_code_cell(
        "CITATIONS = '''\n"
        "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
        "PREFIX kg: <https://w3id.org/kg-vn/ontology#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?issuer ?year (COUNT(*) AS ?citations) WHERE {\n"
        "  ?file kg:describes ?doc .\n"
        "  { ?doc ?relation ?cited } UNION { ?part eli:is_part_of+ ?doc . ?part ?relation ?cited }\n"
        "  FILTER (?relation IN (kg:cites, kg:basedOn, kg:implements, kg:amends, kg:guides, kg:replaces,\n"
        "                        kg:repeals, kg:suspends, kg:consolidates, kg:issuedWith))\n"
        "  ?cited eli:passed_by ?body . ?body skos:prefLabel ?issuer .\n"
        "  OPTIONAL { ?cited kg:year ?year }\n"
        "} GROUP BY ?issuer ?year'''\n"
        "rows = store.query(CITATIONS).records()\n"
        "by_issuer, by_year = {}, {}\n"
        "for row in rows:\n"
        "    count = int(row['citations'])\n"
        "    by_issuer[row['issuer']] = by_issuer.get(row['issuer'], 0) + count\n"
        "    if row['year']:\n"
        "        by_year[int(row['year'])] = by_year.get(int(row['year']), 0) + count\n"
        "top = sorted(by_issuer.items(), key=lambda kv: -kv[1])[:12]\n"
        "print(sum(by_issuer.values()), 'citations;', len(by_issuer), 'issuers;', 'top:', top[0])"),
    new_code_cell(
        "import io\n\n"
        "import matplotlib\n"
        "matplotlib.use('Agg')\n"
        "import matplotlib.pyplot as plt\n"
        "from IPython.display import Image, display\n\n"
        "figure, (left, right) = plt.subplots(1, 2, figsize=(14, 5))\n"
        "names, counts = zip(*reversed(top))\n"
        "left.barh(names, counts, color='#4c72b0')\n"
        "left.set_title('Citations by issuer of the cited instrument (top 12)')\n"
        "years = sorted(y for y in by_year if 1990 <= y <= 2026)\n"
        "right.bar(years, [by_year[y] for y in years], color='#dd8452')\n"
        "right.set_title('Citations by year of the cited instrument')\n"
        "figure.tight_layout()\n"
        "picture = io.BytesIO()\n"
        "figure.savefig(picture, format='png', dpi=80)\n"
        "plt.close(figure)\n"
        "display(Image(picture.getvalue()))"),
    new_markdown_cell(
        "## A few SPARQL queries\n\n"
        "Named queries take their parameters as bound RDF terms, never pasted into the text. Who "
        "cites 15/2019/QĐ-UBND, and the amendment chain of 21/2018/QĐ-UBND:"),
    new_code_cell(
        "print(format_result(run_named(store, 'who-cites', {'number': '15/2019/QĐ-UBND'}), 'table'))\n"
        "print()\n"
        "print(format_result(run_named(store, 'amendment-chain', {'number': '21/2018/QĐ-UBND'}), 'table'))"),
    new_markdown_cell(
        "Plans of different provinces meet on the same Party resolution: which corpus documents "
        "rest on 57-NQ/TW?"),
    new_code_cell(
        "rows = run_named(store, 'who-cites', {'number': '57-NQ/TW'}).records()\n"
        "documents = sorted({(row['citingLabel'], row['source'].rsplit('/', 1)[-1]) for row in rows})\n"
        "print(len(documents), 'documents cite 57-NQ/TW')\n"
        "for label, source in documents:\n"
        "    print(f'  {label:18s} {source}')"),
    new_markdown_cell(
        "## The lineage of task II.5, as the interactive view\n\n"
        "The same page `kg view build/ --document 322/KH-UBND --task II.5` writes: the task at the "
        "bottom, what it rests on above it, level by level. It opens offline: vis-network is inlined."),
    new_code_cell(
        "import html\n"
        "from IPython.display import HTML\n"
        "from kg import views\n\n"
        "catalog = views.load_catalog(store)\n"
        "start = lineage.find_start(store, '322/KH-UBND', 'II.5')\n"
        "view = views.lineage_view(catalog, start)\n"
        "page = views.render_graph(catalog, view)\n"
        "print(len(page), 'bytes;', 'nodes:', ', '.join(sorted(catalog.nodes[n].label for n in view.nodes)))\n"
        "HTML(f'<iframe srcdoc=\"{html.escape(page)}\" style=\"width:100%;height:520px;border:0\"></iframe>')"),
]


def main() -> None:
    notebook = new_notebook(cells=CELLS, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    path = ROOT / "notebooks" / "explore.ipynb"
    path.parent.mkdir(exist_ok=True)
    nbformat.write(notebook, path)
    print(path)


if __name__ == "__main__":
    main()
