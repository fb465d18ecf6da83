"""The ``kg`` command: a thin click shell over the library, one command per verb."""
from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from .errors import KGError

if TYPE_CHECKING:
    from .store import Store

#: What every command shares: -h as well as --help.
SETTINGS = {"help_option_names": ["-h", "--help"]}


class _Command(click.Command):
    """A kg command: the shared settings, and one way to fail. A ``KGError`` (whose message names
    the input and what was wrong with it) ends the command with that message on stderr and exit
    status 2; 1 is kept for a run that went through with some inputs failing."""

    def __init__(self, *args, **kwargs):
        kwargs["context_settings"] = {**SETTINGS, **kwargs.get("context_settings", {})}
        super().__init__(*args, **kwargs)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as error:
            click.echo(f"kg: {error}", err=True)
            ctx.exit(2)


class _Group(click.Group):
    command_class = _Command


@click.group(cls=_Group, context_settings=SETTINGS)
@click.version_option(package_name="kg")
def main():
    """Trace where a Vietnamese policy comes from: references, instruments, relations, lineage.

    Example: kg extract corpus/322-KH-UBND-2023-kon-tum.txt --format table
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table", "summary"]), default="json",
              show_default=True, help="json: one object (an array for several files); jsonl: one per line.")
def extract(paths, fmt):
    """Extract every reference from legal texts (files or directories, read recursively).

    Files that cannot be read are reported on stderr with the reason; the others still run,
    and the exit status is 1 if any failed.

    Example: kg extract corpus/322-KH-UBND-2023-kon-tum.txt --format json
    """
    from .extract import extract_paths
    from .report import render_table

    failed = 0
    results = []
    documents = references = 0
    for path, result in extract_paths(paths):
        if isinstance(result, KGError):
            failed += 1
            click.echo(f"kg: {result}", err=True)
            continue
        documents += 1
        references += len(result.citations)
        if fmt == "jsonl":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif fmt == "json":
            results.append(result.to_dict())
        elif fmt == "table":
            click.echo(render_table(result))
    if fmt == "json":
        payload = results[0] if len(results) == 1 and len(paths) == 1 and not _is_dir(paths[0]) else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    if fmt == "summary" or (fmt != "json" and fmt != "jsonl" and documents > 1):
        click.echo(f"{documents} documents read, {references} references found, {failed} files failed",
                   err=fmt != "summary")
    sys.exit(1 if failed else 0)


def _is_dir(path: str) -> bool:
    from pathlib import Path
    return Path(path).is_dir()


# ---------------------------------------------------------------- the graph: build, validate, query, lineage,
# serve, push. Heavy libraries (rdflib, pyoxigraph, networkx) are imported inside each command.

@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory: graph.nq, the store oxigraph/, report.json and the extraction cache.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction.")
@click.option("--profile", default="full", show_default=True, type=click.Choice(["full", "citations"]),
              help="full: every section and the words behind every edge. citations: documents, tasks "
                   "and edges only, about a tenth of the quads, for national-scale stores.")
@click.option("--max-file-mb", default=100.0, show_default=True, type=click.FloatRange(0, None, min_open=True),
              help="Larger files fail (named, with the reason); the others still build.")
@click.option("--max-file-memory-mb", default=2048, show_default=True, type=click.IntRange(64, None),
              help="Memory one file's extraction may take; past it that file fails alone.")
@click.option("--follow-links", is_flag=True, help="Read links that lead out of the input directories.")
@click.option("--report", "list_unnumbered", is_flag=True,
              help="List the documents whose own number was not found (each is named by its file).")
@click.option("--ttl", is_flag=True, help="Also write graph.ttl (Turtle, for people; kg validate reads graph.nq).")
@click.option("--reading-table", is_flag=True,
              help="Also write reading.sqlite: lineage and who-cites without store lookups (for national corpora).")
@click.option("--no-store", is_flag=True,
              help="Do not load the store oxigraph/ (about 1.5x the extraction's time): for a graph.nq pushed to a "
                   "server (kg push) or read elsewhere. Reading commands then parse graph.nq, or load the store "
                   "first for a large one.")
def build(paths, output, workers, profile, max_file_mb, max_file_memory_mb, follow_links, list_unnumbered, ttl,
          reading_table, no_store):
    """Extract every text under PATHS and write the corpus graph (N-Quads, and Turtle with --ttl).

    Each source file's statements go in a named graph of their own, with the offsets and words
    behind every edge (unless --profile citations). Files whose text has not changed are read
    from the cache. Outputs are replaced whole; the report lists every file that failed and why,
    and the exit status is 1 if any did.

    Example: kg build corpus/ -o build/ --workers 2
    """
    from .build import build as run_build

    report = run_build(paths, output, workers=workers, profile=profile, max_file_bytes=int(max_file_mb * 2**20),
                       max_file_memory=max_file_memory_mb * 2**20, follow_links=follow_links, turtle=ttl,
                       reading_table=reading_table, store=not no_store)
    click.echo(report.summary())
    if list_unnumbered:
        for label in report.unnumbered:
            click.echo(f"no own number: {label}")
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("graph", type=click.Path(exists=True))
@click.option("--limit", default=50, show_default=True, help="Violations to print.")
def validate(graph, limit):
    """Check a built graph (a build directory, or a .ttl/.nt/.nq file) against the SHACL shapes.

    Prints each violation (node, property, message) and exits 1 if there is any.

    Example: kg validate build/
    """
    from .validate import validate as run_validate

    report = run_validate(graph)
    for violation in report.violations[:limit]:
        click.echo(str(violation))
    more = len(report.violations) - limit
    if more > 0:
        click.echo(f"... and {more} more")
    verdict = "conforms" if report.conforms else f"does not conform: {len(report.violations)} violations"
    click.echo(f"{graph}: {report.triples} triples, {verdict}")
    sys.exit(0 if report.conforms else 1)


_STORE = click.option("--store", "store_kind", type=click.Choice(["auto", "memory", "disk", "rdflib"]),
                      default="auto", show_default=True,
                      help="Where to load the graph: pyoxigraph in memory or on disk (loaded once, reopened "
                           "after), or rdflib. auto: the store and the reading table kg build left (lineage, "
                           "who-cites and labels read from the table); when they are missing or older than "
                           "graph.nq, in memory up to 512 MB of N-Quads, on disk beyond. disk: the store alone.")


class _QueryCommand(_Command):
    """``kg query NAME --help`` (with or without the build before it) shows that query's help."""

    def parse_args(self, ctx, args):
        if any(arg in ("-h", "--help") for arg in args):
            from .query import named_queries

            asked = [arg for arg in args if arg in named_queries()]
            if asked:
                click.echo(named_queries()[asked[0]].help())
                ctx.exit()
        return super().parse_args(ctx, args)


_TABLE_ROWS = 50
_PAGING = [
    click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
                 show_default=True, help="table: for people (labels, relations as words, fitted to the terminal); "
                                         "csv, tsv, json: for tools (IRIs kept, labels in columns of their own)."),
    click.option("--limit", type=click.IntRange(0, None),
                 help=f"Rows to print; 0 for all. Default: {_TABLE_ROWS} in a table, all otherwise."),
    click.option("--offset", default=0, show_default=True, type=click.IntRange(0, None), help="Rows to skip first."),
]


def _paging(command):
    for option in reversed(_PAGING):
        command = option(command)
    return command


def _show(store: Store | None, result, fmt: str, limit: int | None, offset: int, labels: dict | None = None) -> None:
    """Print a page of ``result`` with a label for every IRI on it; say on stderr when the page is
    not the whole answer, and how to get the rest."""
    from .network import describe
    from .query import format_result, page

    if limit is None:
        limit = _TABLE_ROWS if fmt == "table" else 0
    total = len(result.rows)
    shown = page(result, offset, limit or None)
    if labels is None and result.boolean is None:
        iris = {term.value for row in shown.rows for term in row if _is_iri(term)}
        labels = {iri: description.label for iri, description in describe(store, iris).items()}
    click.echo(format_result(shown, fmt, labels or {}, total=total))
    if result.truncated:
        click.echo(f"kg: the store stopped the answer at {total:,} rows; narrow the query", err=True)
    end = offset + len(shown.rows)
    if result.boolean is None and (offset or end < total):
        rest = f"--offset {end} for the next {limit or total - end}, " if end < total else ""
        click.echo(f"kg: rows {offset + 1 if shown.rows else offset}–{end} of {total:,} shown; {rest}"
                   f"--limit 0 for all", err=True)


def _is_iri(term) -> bool:
    import pyoxigraph as ox

    return isinstance(term, ox.NamedNode)


def _open(location, store_kind) -> Store:
    """The store of a build; a note on stderr when graph.nq had to be parsed (no ready store)."""
    from .store import open_store

    store = open_store(location, store_kind)
    if store_kind == "auto" and getattr(store, "source", None) == "graph.nq":
        click.echo(f"kg: {location}: no store beside graph.nq, or an older one: parsing graph.nq "
                   "(kg build writes the store)", err=True)
    return store


@main.command(cls=_QueryCommand)
@click.argument("location", required=False)
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter of the named query.")
@click.option("--sparql", help="Run this SPARQL query instead of a named one.")
@_paging
@click.option("--list", "list_queries", is_flag=True, help="The named queries: one line each, what it answers.")
@_STORE
def query(location, name, params, sparql, fmt, limit, offset, list_queries, store_kind):
    """Ask a build (or a SPARQL endpoint URL) a named question, or your own SPARQL.

    `kg query --list` shows the questions; `kg query NAME --help` shows one's parameters and an
    example. Parameters are bound as RDF terms, never pasted into the query. A table shows the
    first 50 rows and says on stderr how to get the rest (--limit, --offset).

    Example: kg query build/ who-cites --param number=15/2019/QĐ-UBND
    """
    from .query import named_queries, run_named

    if list_queries:
        queries = named_queries()
        width = max(len(n) for n in queries)
        for query_name, named in queries.items():
            taking = " ".join(f"{p}=…" for p in named.parameters)
            click.echo(f"{query_name:<{width}}  {named.question}" + (f"  [{taking}]" if taking else ""))
        click.echo("\n`kg query NAME --help` for a question's parameters and an example.", err=True)
        return
    if location is None:
        raise click.UsageError("give the build directory (or endpoint URL) to ask, then a query NAME")
    if bool(name) == bool(sparql):
        raise click.UsageError("give a query NAME or --sparql, not both")
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep:
            raise click.UsageError(f"--param {param}: expected KEY=VALUE")
        values[key.strip()] = value
    store = _open(location, store_kind)
    result = store.query(sparql, max_rows=None) if sparql else run_named(store, name, values, max_rows=None)
    _show(store, result, fmt, limit, offset)


@main.command("who-cites")
@click.argument("location")
@click.argument("number")
@_paging
@_STORE
def who_cites(location, number, fmt, limit, offset, store_kind):
    """The documents that cite an instrument: the citing document, the section, the relation and,
    where the build kept them, the words of the text.

    Example: kg who-cites build/ 15/2019/QĐ-UBND
    """
    from .query import run_named

    store = _open(location, store_kind)
    _show(store, run_named(store, "who-cites", {"number": number}, max_rows=None), fmt, limit, offset)


@main.command()
@click.argument("location")
@click.argument("number")
@click.option("--task", help="A task or section of the document (II.4); the whole document without it.")
@click.option("--down", is_flag=True, help="What rests on it, instead of what it rests on.")
@click.option("--depth", type=click.IntRange(1, None), help="Stop after this many steps.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_STORE
def lineage(location, number, task, down, depth, fmt, store_kind):
    """Print the lineage tree of a document or one of its tasks: every instrument it rests on,
    transitively, with the relation at each step, each instrument expanded once.

    Example: kg lineage build/ "322/KH-UBND" --task II.5
    """
    from .lineage import render_text
    from .network import find_node, lineage_tree

    store = _open(location, store_kind)
    tree = lineage_tree(store, find_node(store, number, task), down=down, depth=depth)
    click.echo(json.dumps(tree, ensure_ascii=False, indent=1) if fmt == "json" else render_text(tree, down))


@main.command()
@click.argument("location")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "jsonld"]), default="graphml",
              show_default=True, help="graphml: Gephi, Cytoscape, networkx, R igraph; gexf: Gephi; csv: a "
                                      "nodes and an edges table (pandas, R); jsonld: linked data (rdflib).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The file to write (csv: the nodes file; the edges go beside it). Default: network.FORMAT.")
@click.option("--tasks", is_flag=True, help="Add each task of the corpus as a node, with its own edges.")
@_STORE
def export(location, fmt, output, tasks, store_kind):
    """Write the citation network of instruments for network tools: a node per instrument (number,
    type, issuer, date, locality, title, in the corpus or not, times cited) and an edge per citing
    document, relation and cited instrument, with the passages that state it.

    Example: kg export build/ --format gexf -o network.gexf
    """
    from .network import citation_network, write_network

    output = output or f"network.{fmt}"
    graph = citation_network(_open(location, store_kind), tasks=tasks)
    written = write_network(graph, output, fmt)
    click.echo(f"{', '.join(map(str, written))}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


def _relation_key(name: str) -> str:
    from .api import _relation_key as key

    try:
        return key(name)
    except KGError as error:
        raise click.BadParameter(str(error), param_hint="--relation") from None


@main.command()
@click.argument("location")
@click.option("--relation", "relations", multiple=True, metavar="NAME",
              help="Rank over these relations only (based_on, implements, amends, …); all without it.")
@click.option("--by", "group", type=click.Choice(["issuer", "year", "type", "community"]),
              help="Sum the measures by issuer, year, type or community instead of listing instruments.")
@click.option("--sort", "measure", type=click.Choice(["pagerank", "in_degree", "hub", "authority"]),
              default="pagerank", show_default=True)
@click.option("--issuer", help="Only instruments whose issuer contains this text (Quốc hội).")
@click.option("--year", help="Only instruments of this year (2020) or years (2015-2020).")
@_paging
@_STORE
def rank(location, relations, group, measure, issuer, year, fmt, limit, offset, store_kind):
    """Rank the instruments of the citation network: in-degree (the texts citing each), PageRank,
    HITS hubs and authorities, and Louvain communities; over one kind of relation if asked, by
    issuer, year or type if asked.

    Example: kg rank build/ --relation based_on --limit 10
    """
    import pyoxigraph as ox

    from .network import citation_network, group_ranking, rank as run_rank
    from .store import Result

    keys = [_relation_key(name) for name in relations] or None
    graph = citation_network(_open(location, store_kind))
    rows = run_rank(graph, keys)
    if issuer:
        rows = [r for r in rows if r.issuer and issuer.casefold() in r.issuer.casefold()]
    if year:
        first, _, last = year.partition("-")
        rows = [r for r in rows if r.year and first <= r.year <= (last or first)]
    rows.sort(key=lambda r: (-getattr(r, measure), r.label))

    def term(value):
        if isinstance(value, float):
            return ox.Literal(f"{value:.5f}")
        return ox.Literal("" if value is None else str(value))

    if group:
        grouped = group_ranking(rows, group)
        variables = tuple(grouped[0]) if grouped else (group,)
        result = Result(variables, tuple(tuple(term(g[v]) for v in variables) for g in grouped))
        _show(None, result, fmt, limit, offset, labels={})
        return
    variables = ("rank", "instrument", "in_degree", "pagerank", "hub", "authority", "community", "in_corpus")
    result = Result(variables, tuple(
        (term(index), ox.NamedNode(r.iri), term(r.in_degree), term(r.pagerank), term(r.hub), term(r.authority),
         term(r.community), term("yes" if r.in_corpus else "no"))
        for index, r in enumerate(rows, 1)))
    _show(None, result, fmt, limit, offset, labels={r.iri: r.label for r in rows})


@main.command()
@click.argument("location", type=click.Path(exists=True))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-updates", is_flag=True, help="Accept SPARQL Update and Graph Store writes (off by default).")
@click.option("--allow-remote-updates", is_flag=True,
              help="Allow --allow-updates on an address other than loopback (anyone reaching it can rewrite the graph).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A Host name clients may use besides loopback names (against DNS rebinding).")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a query may run; then its worker is killed.")
@click.option("--max-rows", default=10_000, show_default=True, help="Rows a query may return.")
@click.option("--max-result-mb", default=16.0, show_default=True, help="MB of JSON a query may return.")
@click.option("--max-memory-mb", default=1024, show_default=True, type=click.IntRange(16, None),
              help="MB a query worker may allocate beyond the graph it shares.")
@click.option("--workers", default=8, show_default=True, type=click.IntRange(1, 256), help="Query worker processes.")
@click.option("--max-body-mb", default=8.0, show_default=True, help="MB of one request body.")
@click.option("--max-connections", default=64, show_default=True, type=click.IntRange(1, None),
              help="Requests handled at once; more get 503 at once.")
@_STORE
def serve(location, host, port, allow_updates, allow_remote_updates, allowed_hosts, timeout, max_rows, max_result_mb,
          max_memory_mb, workers, max_body_mb, max_connections, store_kind):
    """Serve a built graph as a SPARQL 1.1 endpoint (GET/POST /query), read-only unless told.

    Each query runs in a worker process bounded in time, memory, rows and bytes: past its time
    or memory the worker is killed and replaced. SERVICE and LOAD are refused. Malformed queries
    get HTTP 400 with the parser's message.

    Example: kg serve build/ --port 7878
    """
    from .serve import serve as run_serve

    run_serve(location, host=host, port=port, allow_updates=allow_updates, timeout=timeout,
              max_rows=max_rows, store_kind=store_kind, allow_remote_updates=allow_remote_updates,
              allowed_hosts=frozenset(allowed_hosts), max_result_bytes=int(max_result_mb * 2**20),
              max_memory=max_memory_mb * 2**20, workers=workers, max_body=int(max_body_mb * 2**20),
              max_connections=max_connections, log=lambda line: click.echo(line, err=True))


@main.command()
@click.argument("location", type=click.Path(exists=True))
@click.argument("url")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="gsp: PUT each named graph to the Graph Store URL; update: SPARQL Update to the update URL.")
@click.option("--timeout", default=300.0, show_default=True, help="Seconds each request may take.")
@click.option("--query-url", help="Where to count what landed (default: URL with its last segment made 'query').")
def push(location, url, protocol, timeout, query_url):
    """Send a built graph to a SPARQL 1.1 server, replacing each of its named graphs there, then
    count each graph's quads on the server: a graph that did not land whole is an error. Redirects
    are refused.

    Example: kg push build/ http://127.0.0.1:7878/store
    """
    from .store import push as run_push

    sent = run_push(location, url, protocol=protocol, timeout=timeout, query_url=query_url)
    click.echo(f"{sum(sent.values())} quads in {len(sent)} graphs sent to {url}, each counted there")


# ---------------------------------------------------------------- views: pages that open offline (kg.views)

@main.command()
@click.argument("location", type=click.Path(exists=True))
@click.option("-o", "--output", default="graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="The page to write (one file: vis-network is inlined).")
@click.option("--document", help="A document's number: the document, its sections and their neighbours.")
@click.option("--task", help="A task of --document (II.5): its lineage, laid out as a hierarchy.")
@click.option("--instrument", help="An instrument's number (33/CT-TTg): its lineage, laid out as a hierarchy.")
@click.option("--down", is_flag=True, help="In a lineage view, also what rests on it (drawn below it).")
@_STORE
def view(location, output, document, task, instrument, down, store_kind):
    """Write an interactive graph page that opens offline: the whole corpus, one document's
    neighbourhood, or the lineage of a task or instrument (the task at the bottom, what it
    rests on above it, level by level). Click a node to narrow the view to what it rests on.

    Example: kg view build/ -o lineage.html --document 322/KH-UBND --task II.5
    """
    from .store import open_store
    from .views import corpus_view, document_view, lineage_tree, lineage_view, load_catalog, render_graph, write_single
    from .views.catalog import mark_standing

    if task and not document:
        raise click.UsageError("--task needs --document (the number of the document that holds it)")
    if instrument and document:
        raise click.UsageError("give --document or --instrument, not both")
    store = open_store(location, store_kind)
    catalog = load_catalog(store)
    tree = None
    if task or instrument:
        start = catalog.find(document, task) if task else catalog.find(instrument)
        chosen, tree = lineage_view(catalog, start, down=down), lineage_tree(catalog, start)
    elif document:
        chosen = document_view(catalog, catalog.find(document))
    else:
        chosen = corpus_view(catalog)
    if task or instrument:  # a lineage marks what no longer stands (kg status)
        mark_standing(catalog, store, set(chosen.nodes))
        tree = lineage_tree(catalog, start)
    page = render_graph(catalog, chosen, tree=tree)
    written = write_single(output, page)
    click.echo(f"{output}: {len(chosen.nodes)} nodes, {len(chosen.edges)} edges, {len(page.encode()) / 1e6:.1f} MB")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default="page.html", show_default=True, type=click.Path(dir_okay=False))
@click.option("--graph", "graph_location", type=click.Path(exists=True),
              help="A build directory: name each instrument as the graph does, with its tooltip.")
@click.option("--graph-page", default="graph.html", show_default=True,
              help="The graph view each reference links to (a page written by kg view).")
@_STORE
def annotate(path, output, graph_location, graph_page, store_kind):
    """Write a document's own text as a page: every reference highlighted and linked to its
    node in the graph view, each section's citations listed beside the text. All text is
    HTML-escaped.

    Example: kg annotate corpus/322-KH-UBND-2023-kon-tum.txt -o 322.html --graph build/
    """
    from .extract import extract_file
    from .store import open_store
    from .text import read_text
    from .views import Facts, annotate as render, load_catalog, write_single

    extraction = extract_file(path)
    catalog = load_catalog(open_store(graph_location, store_kind)) if graph_location else None
    page = render(extraction, read_text(path).original, graph_page=graph_page, catalog=catalog,
                  facts=Facts(label=path))
    written = write_single(output, page)
    click.echo(f"{written}: {len(extraction.citations)} references, {len(extraction.sections)} sections")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default="site", show_default=True, type=click.Path(file_okay=False))
@click.option("--graph", "graph_location", type=click.Path(exists=True),
              help="A build of the same inputs; without it the graph is built in a temporary directory.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes when building the graph.")
@_STORE
def site(paths, output, graph_location, workers, store_kind):
    """Write the static site: an index of documents, the corpus graph, and per document its
    annotated text, outline with tasks, neighbourhood and lineage views. Pages are written
    atomically, only inside OUTPUT, and open offline (vis-network ships in OUTPUT/static).

    Example: kg site corpus/ -o site/ --graph build/
    """
    import tempfile

    from .store import open_store
    from .views import load_catalog, write_site

    with tempfile.TemporaryDirectory(prefix="kg-site-") as scratch:
        if not graph_location:
            from .build import build as run_build

            report = run_build(paths, scratch, workers=workers)
            click.echo(report.summary(), err=True)
            graph_location = scratch
        store = open_store(graph_location, store_kind)
        result = write_site(paths, output, load_catalog(store), store=store)
    click.echo(f"{output}: {result.summary()}")
    sys.exit(1 if result.failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()


# ---------------------------------------------------------------- standing: status, check, timeline

_AS_OF = click.option("--as-of", help="The day to answer for (YYYY-MM-DD); today without it.")


@main.command()
@click.argument("location", type=click.Path(exists=True))
@click.argument("number")
@_AS_OF
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_STORE
def status(location, number, as_of, fmt, store_kind):
    """Whether an instrument stands on a day: in force, amended, partly repealed, repealed,
    replaced, suspended, expired, not yet in force, or unknown where the corpus is silent; every
    line with the words of the text that say so.

    Example: kg status build/ "07/2024/TT-BKHĐT" --as-of 2025-06-01
    """
    from dataclasses import asdict

    from .status import instruments_numbered, standing

    store = _open(location, store_kind)
    answers = [standing(store, iri, as_of) for iri in instruments_numbered(store, number)]
    if fmt == "json":
        click.echo(json.dumps([dict(asdict(a), in_force=a.in_force) for a in answers], ensure_ascii=False, indent=1))
        return
    for answer in answers:
        click.echo("\n".join(answer.lines()))


@main.command()
@click.argument("location", type=click.Path(exists=True))
@click.argument("number")
@_AS_OF
@_STORE
def check(location, number, as_of, store_kind):
    """For each task of a plan or directive, what its lineage rests on that was amended, replaced,
    repealed, suspended or expired: before the plan was issued (it rested on something already
    changed) or after (the plan may need revising), with the path and the words of each step.

    Example: kg check build/ "322/KH-UBND"
    """
    from .status import alerts, instruments_numbered

    store = _open(location, store_kind)
    document = instruments_numbered(store, number)[0]
    found = alerts(store, document, as_of)
    if not found:
        click.echo(f"{number}: nothing its tasks rest on was changed, as far as the corpus says")
    for task, task_alerts in found.items():
        click.echo(f"{number} {task}")
        for alert in task_alerts:
            click.echo("\n".join(alert.lines()))


@main.command()
@click.argument("location", type=click.Path(exists=True))
@click.argument("number")
@click.option("--alone", is_flag=True, help="The instrument's own events only, not those of its lineage.")
@_STORE
def timeline(location, number, alone, store_kind):
    """Every dated event of an instrument and of what it rests on, in order: issued, in force,
    last day in force, amended, replaced, repealed, suspended, cited by the corpus's documents.

    Example: kg timeline build/ "21/2018/QĐ-UBND"
    """
    from .status import instruments_numbered, timeline as events_of

    store = _open(location, store_kind)
    events = events_of(store, instruments_numbered(store, number)[0], lineage=not alone)
    for event in events:
        click.echo(event.line())
        for evidence in event.evidence:
            click.echo(f"              {evidence}")


# ---------------------------------------------------------------- provisions: effects table, most cited articles

@main.command()
@click.argument("location", type=click.Path(exists=True))
@click.argument("number")
@click.option("--cited", is_flag=True, help="Its most cited provisions instead: how many documents name each.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_STORE
def effects(location, number, cited, fmt, store_kind):
    """The effects table of an instrument: each of its provisions a text of the corpus changed
    (amended, supplemented, replaced, repealed, suspended), by which instrument and section, from
    when, with the words; or (--cited) its most cited provisions.

    Example: kg effects build/ "09/2022/TT-BLĐTBXH"
    """
    from dataclasses import asdict

    from .effects import effects as effects_of, most_cited_provisions, provision_label, render_effects
    from .store import open_store

    store = open_store(location, store_kind)
    rows = most_cited_provisions(store, number) if cited else effects_of(store, number)
    if fmt == "json":
        data = [dict(zip(("provision", "documents", "mentions"), r)) for r in rows] if cited else [asdict(r) for r in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif cited:
        for provision, documents, mentions in rows:
            click.echo(f"{provision_label(provision):<30} {documents:>3} documents {mentions:>4} mentions")
        if not rows:
            click.echo(f"{number}: no provision of it is named by a text of the corpus")
    else:
        click.echo(f"{number}")
        click.echo(render_effects(rows))
