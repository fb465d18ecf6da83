"""The ``kg`` command: a thin click shell over the library, one command per verb."""
from __future__ import annotations

import json
import sys

import click

from .errors import KGError

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="kg")
def main():
    """Trace where a Vietnamese policy comes from: references, instruments, relations, lineage.

    Example: kg extract corpus/322-KH-UBND-2023-kon-tum.txt --format table
    """


@main.command(context_settings=CONTEXT)
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

def _fail(error: KGError) -> None:
    click.echo(f"kg: {error}", err=True)
    sys.exit(2)


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory: graph.nq, graph.ttl, report.json and the extraction cache.")
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
def build(paths, output, workers, profile, max_file_mb, max_file_memory_mb, follow_links):
    """Extract every text under PATHS and write the corpus graph (Turtle and N-Quads).

    Each source file's statements go in a named graph of their own, with the offsets and words
    behind every edge (unless --profile citations). Files whose text has not changed are read
    from the cache. Outputs are replaced whole; the report lists every file that failed and why,
    and the exit status is 1 if any did.

    Example: kg build corpus/ -o build/ --workers 2
    """
    from .build import build as run_build

    try:
        report = run_build(paths, output, workers=workers, profile=profile, max_file_bytes=int(max_file_mb * 2**20),
                           max_file_memory=max_file_memory_mb * 2**20, follow_links=follow_links)
    except KGError as error:
        _fail(error)
    click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True))
@click.option("--limit", default=50, show_default=True, help="Violations to print.")
def validate(graph, limit):
    """Check a built graph (a build directory, or a .ttl/.nt/.nq file) against the SHACL shapes.

    Prints each violation (node, property, message) and exits 1 if there is any.

    Example: kg validate build/
    """
    from .validate import validate as run_validate

    try:
        report = run_validate(graph)
    except KGError as error:
        _fail(error)
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
                           "after), or rdflib. auto: in memory up to 512 MB of N-Quads, on disk beyond.")


@main.command(context_settings=CONTEXT)
@click.argument("location")
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter of the named query.")
@click.option("--sparql", help="Run this SPARQL query instead of a named one.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@_STORE
def query(location, name, params, sparql, fmt, list_queries, store_kind):
    """Run a named query (or --sparql) on a build directory or a SPARQL endpoint URL.

    Parameters are bound as RDF terms, never pasted into the query. `--list` shows every named
    query with what it answers and what it takes.

    Example: kg query build/ who-cites --param number=15/2019/QĐ-UBND --format csv
    """
    from .query import format_result, named_queries, run_named
    from .store import open_store

    if list_queries:
        for query_name, named in named_queries().items():
            taking = ", ".join(f"{p.name} ({p.description})" for p in named.parameters.values()) or "no parameters"
            click.echo(f"{query_name}: {named.description}\n    takes: {taking}")
        return
    if bool(name) == bool(sparql):
        raise click.UsageError("give a query NAME or --sparql, not both")
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep:
            raise click.UsageError(f"--param {param}: expected KEY=VALUE")
        values[key.strip()] = value
    try:
        store = open_store(location, store_kind)
        result = store.query(sparql) if sparql else run_named(store, name, values)
    except KGError as error:
        _fail(error)
    click.echo(format_result(result, fmt))


@main.command(context_settings=CONTEXT)
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
    from .lineage import downstream, find_start, load, render_text, upstream
    from .store import open_store

    try:
        store = open_store(location, store_kind)
        start = find_start(store, number, task)
        graph = load(store)
    except KGError as error:
        _fail(error)
    tree = (downstream if down else upstream)(graph, start, depth=depth)
    click.echo(json.dumps(tree, ensure_ascii=False, indent=1) if fmt == "json" else render_text(tree))


@main.command(context_settings=CONTEXT)
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

    try:
        run_serve(location, host=host, port=port, allow_updates=allow_updates, timeout=timeout,
                  max_rows=max_rows, store_kind=store_kind, allow_remote_updates=allow_remote_updates,
                  allowed_hosts=frozenset(allowed_hosts), max_result_bytes=int(max_result_mb * 2**20),
                  max_memory=max_memory_mb * 2**20, workers=workers, max_body=int(max_body_mb * 2**20),
                  max_connections=max_connections, log=lambda line: click.echo(line, err=True))
    except KGError as error:
        _fail(error)


@main.command(context_settings=CONTEXT)
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

    try:
        sent = run_push(location, url, protocol=protocol, timeout=timeout, query_url=query_url)
    except KGError as error:
        _fail(error)
    click.echo(f"{sum(sent.values())} quads in {len(sent)} graphs sent to {url}, each counted there")


# ---------------------------------------------------------------- views: pages that open offline (kg.views)

@main.command(context_settings=CONTEXT)
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
    from .views import corpus_view, document_view, lineage_view, load_catalog, render_graph, write_single

    if task and not document:
        raise click.UsageError("--task needs --document (the number of the document that holds it)")
    if instrument and document:
        raise click.UsageError("give --document or --instrument, not both")
    try:
        catalog = load_catalog(open_store(location, store_kind))
        if task:
            chosen = lineage_view(catalog, catalog.find(document, task), down=down)
        elif instrument:
            chosen = lineage_view(catalog, catalog.find(instrument), down=down)
        elif document:
            chosen = document_view(catalog, catalog.find(document))
        else:
            chosen = corpus_view(catalog)
        page = render_graph(catalog, chosen)
        written = write_single(output, page)
    except KGError as error:
        _fail(error)
    click.echo(f"{written}: {len(chosen.nodes)} nodes, {len(chosen.edges)} edges, {len(page.encode()) / 1e6:.1f} MB")


@main.command(context_settings=CONTEXT)
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
    from .views import annotate as render, load_catalog, write_single

    try:
        extraction = extract_file(path)
        catalog = load_catalog(open_store(graph_location, store_kind)) if graph_location else None
        page = render(extraction, read_text(path).original, graph_page=graph_page, catalog=catalog)
        written = write_single(output, page)
    except KGError as error:
        _fail(error)
    click.echo(f"{written}: {len(extraction.citations)} references, {len(extraction.sections)} sections")


@main.command(context_settings=CONTEXT)
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

    try:
        with tempfile.TemporaryDirectory(prefix="kg-site-") as scratch:
            if not graph_location:
                from .build import build as run_build

                report = run_build(paths, scratch, workers=workers)
                click.echo(report.summary(), err=True)
                graph_location = scratch
            catalog = load_catalog(open_store(graph_location, store_kind))
            result = write_site(paths, output, catalog)
    except KGError as error:
        _fail(error)
    click.echo(f"{output}: {result.summary()}")
    sys.exit(1 if result.failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
