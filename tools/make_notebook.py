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
        "322/KH-UBND up to the instruments it rests on, looks at what the corpus cites most, ranks "
        "the instruments of the citation network (PageRank, HITS, communities), plots citations by "
        "issuer and year, and embeds a lineage view. It asks the graph through `kg.open_build`, the "
        "Python side of the reading commands: every answer is a list of plain records, and a pandas "
        "DataFrame with `.to_pandas()`."),
    new_code_cell(
        "from pathlib import Path\n\n"
        "import kg\n"
        "from kg.build import build\n\n"
        "ROOT = Path.cwd().parent if Path.cwd().name == 'notebooks' else Path.cwd()\n"
        "BUILD = ROOT / 'build' / 'notebook'\n"
        "report = build([ROOT / 'corpus'], BUILD, workers=2)\n"
        "print(report.summary())\n"
        "corpus = kg.open_build(BUILD)  # the store kg build left beside graph.nq, opened read-only\n"
        "corpus"),
    new_markdown_cell(
        "## The lineage of every task of 322/KH-UBND\n\n"
        "Each tree reads upward: a task, what it implements or cites, and what those rest on in "
        "turn (amendments included), each instrument once."),
    new_code_cell(
        "from kg.lineage import render_text\n\n"
        "outline = corpus.query('outline', document='322/KH-UBND')\n"
        "tasks = list(dict.fromkeys(row['id'] for row in outline if row['task'] == 'true'))\n"
        "print('tasks:', ', '.join(tasks))\n"
        "for task in tasks:\n"
        "    tree = corpus.lineage_tree('322/KH-UBND', task=task)\n"
        "    if tree['children']:  # a task that cites nothing has no lineage\n"
        "        print(render_text(tree))\n"
        "        print()"),
    new_markdown_cell(
        "The same lineage as records, one edge a row, every instrument with its label "
        "(type, number, year, issuer):"),
    new_code_cell(
        "steps = corpus.lineage('322/KH-UBND', task='II.5').to_pandas()\n"
        "print(steps[['from_label', 'relation', 'to_label', 'depth']].to_string(index=False))"),
    new_markdown_cell("## The most cited instruments, and what the corpus cites but does not hold"),
    new_code_cell(
        "import pandas as pd\n"
        "pd.set_option('display.width', 160)\n"
        "pd.set_option('display.max_colwidth', 60)\n\n"
        "cited = corpus.query('most-cited').to_pandas()\n"
        "print(cited[['instrumentLabel', 'documents']].head(10).to_string(index=False))\n"
        "print()\n"
        "missing = corpus.query('missing-from-corpus').to_pandas()\n"
        "print(missing[['instrumentLabel', 'documents']].head(10).to_string(index=False))"),
    new_markdown_cell(
        "## The citation network: PageRank, HITS and communities\n\n"
        "`corpus.rank()` is `kg rank`: each instrument's in-degree (the texts citing it), PageRank, "
        "HITS hub and authority scores and Louvain community, over all relations or one. Over "
        "*based on* alone, PageRank finds the laws the others are founded on."),
    new_code_cell(
        "ranks = corpus.rank().to_pandas()\n"
        "print(len(ranks), 'instruments in the network;', ranks['community'].nunique(), 'communities')\n"
        "print('PageRank, all relations:')\n"
        "print(ranks[['label', 'in_degree', 'pagerank', 'authority', 'community']].head(10).to_string(index=False))\n"
        "founded = corpus.rank(relation='based_on').to_pandas()\n"
        "print()\n"
        "print('PageRank over based_on:')\n"
        "print(founded[['label', 'in_degree', 'pagerank']].head(10).to_string(index=False))\n"
        "by_issuer = corpus.rank(by='issuer').to_pandas()\n"
        "print()\n"
        "print(by_issuer.head(8).to_string(index=False))"),
    new_code_cell(
        "import io\n\n"
        "import matplotlib\n"
        "matplotlib.use('Agg')\n"
        "import matplotlib.pyplot as plt\n"
        "from IPython.display import Image, display\n\n\n"
        "def show(figure):\n"
        "    picture = io.BytesIO()\n"
        "    figure.tight_layout()\n"
        "    figure.savefig(picture, format='png', dpi=80)\n"
        "    plt.close(figure)\n"
        "    display(Image(picture.getvalue()))\n\n\n"
        "figure, (left, right) = plt.subplots(1, 2, figsize=(15, 5.5))\n"
        "top = founded.head(12).iloc[::-1]\n"
        "left.barh(top['label'].str.slice(0, 45), top['pagerank'], color='#4c72b0')\n"
        "left.set_title('PageRank over based_on: the instruments others are founded on')\n"
        "groups = by_issuer.head(10).iloc[::-1]\n"
        "right.barh(groups['issuer'].str.slice(0, 40), groups['pagerank'], color='#55a868')\n"
        "right.set_title('Share of PageRank by issuer (all relations)')\n"
        "show(figure)"),
    new_markdown_cell(
        "## Citations by issuer and by year\n\n"
        "The exported network (`kg export`, here `corpus.network()`, a networkx graph) carries each "
        "instrument's issuer and year and each edge's relation and passages: the citations it "
        "receives, counted by its issuer and year."),
    new_code_cell(
        "network = corpus.network()\n"
        "by_issuer, by_year = {}, {}\n"
        "for source, target, data in network.edges(data=True):\n"
        "    cited = network.nodes[target]\n"
        "    if cited.get('issuer'):\n"
        "        by_issuer[cited['issuer']] = by_issuer.get(cited['issuer'], 0) + data['passages']\n"
        "    if cited.get('year'):\n"
        "        by_year[int(cited['year'])] = by_year.get(int(cited['year']), 0) + data['passages']\n"
        "top = sorted(by_issuer.items(), key=lambda kv: -kv[1])[:12]\n"
        "print(network.number_of_nodes(), 'instruments,', network.number_of_edges(), 'edges;',\n"
        "      len(by_issuer), 'issuers; top:', top[0])\n"
        "figure, (left, right) = plt.subplots(1, 2, figsize=(14, 5))\n"
        "names, counts = zip(*reversed(top))\n"
        "left.barh(names, counts, color='#4c72b0')\n"
        "left.set_title('Citing passages by issuer of the cited instrument (top 12)')\n"
        "years = sorted(y for y in by_year if 1990 <= y <= 2026)\n"
        "right.bar(years, [by_year[y] for y in years], color='#dd8452')\n"
        "right.set_title('Citing passages by year of the cited instrument')\n"
        "show(figure)"),
    new_markdown_cell(
        "## Citations over time, per issuer\n\n"
        "Each edge of the network goes from a citing text to what it cites: counted by the year of the "
        "citing text and the issuer of the cited instrument, the five issuers cited most."),
    new_code_cell(
        "from collections import Counter\n\n"
        "over_time = Counter()\n"
        "for source, target, data in network.edges(data=True):\n"
        "    year, issuer = network.nodes[source].get('year'), network.nodes[target].get('issuer')\n"
        "    if year and issuer:\n"
        "        over_time[(int(year), issuer)] += data['passages']\n"
        "totals = Counter()\n"
        "for (year, issuer), count in over_time.items():\n"
        "    totals[issuer] += count\n"
        "leaders = [issuer for issuer, _ in totals.most_common(5)]\n"
        "years = sorted({year for year, _ in over_time if 2010 <= year <= 2026})\n"
        "figure, axes = plt.subplots(figsize=(10, 4.5))\n"
        "for issuer in leaders:\n"
        "    axes.plot(years, [over_time[(year, issuer)] for year in years], marker='o', label=issuer[:40])\n"
        "axes.set_title('Citing passages per year of the citing text, by issuer of the cited instrument')\n"
        "axes.legend(fontsize=8)\n"
        "print('issuers cited most over time:', ', '.join(leaders))\n"
        "show(figure)"),
    new_markdown_cell(
        "## The plan's alerts: what its tasks rest on that was changed\n\n"
        "`corpus.check(number)` is `kg check`: for each task, each instrument up its lineage that a later "
        "text amended, replaced, repealed or suspended, before or after the plan was issued."),
    new_code_cell(
        "alerts = corpus.check('322/KH-UBND')\n"
        "for row in alerts:\n"
        "    when = 'before the plan was issued' if row['before_plan'] else 'after the plan was issued'\n"
        "    print(f\"{row['task']}: {row['label']} {row['effect']} by {row['changed_by']} on {row['date']} ({when})\")\n"
        "    print(f\"    path: {row['path']}\")"),
    new_markdown_cell(
        "## Who cites what\n\n"
        "Who cites 15/2019/QĐ-UBND, with the words of the text; and what changed 21/2018/QĐ-UBND:"),
    new_code_cell(
        "for row in corpus.who_cites('15/2019/QĐ-UBND'):\n"
        "    quote = ' '.join(row['quote'].split())[:90]\n"
        "    print(f\"{row['citing_label']}  {row['section'] or '(whole text)'}  {row['relation']}  «{quote}»\")\n"
        "print()\n"
        "for row in corpus.status('21/2018/QĐ-UBND'):\n"
        "    print(f\"{row['label']}: {row['state']}; {row['effect']} by {row['changed_by_label']} on {row['date']}\")"),
    new_markdown_cell(
        "Plans of different provinces meet on the same Party resolution: which corpus documents "
        "rest on 57-NQ/TW?"),
    new_code_cell(
        "rows = corpus.who_cites('57-NQ/TW')\n"
        "documents = sorted({(row['citing_label'], row['source'].rsplit('/', 1)[-1]) for row in rows})\n"
        "print(len(documents), 'documents cite 57-NQ/TW')\n"
        "for label, source in documents:\n"
        "    print(f'  {label:60s} {source}')"),
    new_markdown_cell(
        "## The lineage of task II.5, as the interactive view\n\n"
        "The same page `kg view build/ --document 322/KH-UBND --task II.5` writes: the task at the "
        "bottom, what it rests on above it, level by level. It opens offline: vis-network is inlined."),
    new_code_cell(
        "import html\n"
        "from IPython.display import HTML\n"
        "from kg import views\n\n"
        "catalog = views.load_catalog(corpus.store)\n"
        "start = corpus.find('322/KH-UBND', 'II.5')\n"
        "view = views.lineage_view(catalog, start)\n"
        "page = views.render_graph(catalog, view)\n"
        "print(len(page), 'bytes;', 'nodes:', ', '.join(sorted(catalog.nodes[n].label for n in view.nodes)))\n"
        "# in a div: IPython warns of a bare <iframe> (it would have IFrame, which needs a URL)\n"
        "HTML(f'<div><iframe srcdoc=\"{html.escape(page)}\" style=\"width:100%;height:520px;border:0\"></iframe></div>')"),
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
