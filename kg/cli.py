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
@click.option("--report", "list_unnumbered", is_flag=True,
              help="List the documents whose own number was not found (each is named by its file).")
def build(paths, output, workers, profile, list_unnumbered):
    """Extract every text under PATHS and write the corpus graph (Turtle and N-Quads).

    Each source file's statements go in a named graph of their own, with the offsets and words
    behind every edge (unless --profile citations). Files whose text has not changed are read
    from the cache. Outputs are replaced whole; the report lists every file that failed and why,
    and the exit status is 1 if any did.

    Example: kg build corpus/ -o build/ --workers 2
    """
    from .build import build as run_build

    try:
        report = run_build(paths, output, workers=workers, profile=profile)
    except KGError as error:
        _fail(error)
    click.echo(report.summary())
    if list_unnumbered:
        for label in report.unnumbered:
            click.echo(f"no own number: {label}")
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
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", default=10_000, show_default=True, help="Rows a query may return.")
@_STORE
def serve(location, host, port, allow_updates, timeout, max_rows, store_kind):
    """Serve a built graph as a SPARQL 1.1 endpoint (GET/POST /query), read-only unless told.

    Malformed queries get HTTP 400 with the parser's message; each query is bounded in time
    and rows.

    Example: kg serve build/ --port 7878
    """
    from .serve import serve as run_serve

    try:
        run_serve(location, host=host, port=port, allow_updates=allow_updates, timeout=timeout,
                  max_rows=max_rows, store_kind=store_kind, log=lambda line: click.echo(line, err=True))
    except KGError as error:
        _fail(error)


@main.command(context_settings=CONTEXT)
@click.argument("location", type=click.Path(exists=True))
@click.argument("url")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="gsp: PUT each named graph to the Graph Store URL; update: SPARQL Update to the update URL.")
def push(location, url, protocol):
    """Send a built graph to a SPARQL 1.1 server, replacing each of its named graphs there.

    Example: kg push build/ http://127.0.0.1:7878/store
    """
    from .store import push as run_push

    try:
        sent = run_push(location, url, protocol=protocol)
    except KGError as error:
        _fail(error)
    click.echo(f"{sum(sent.values())} quads in {len(sent)} graphs sent to {url}")


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


# ---------------------------------------------------------------- standing: status, check, timeline

_AS_OF = click.option("--as-of", help="The day to answer for (YYYY-MM-DD); today without it.")


@main.command(context_settings=CONTEXT)
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
    from .store import open_store

    try:
        store = open_store(location, store_kind)
        answers = [standing(store, iri, as_of) for iri in instruments_numbered(store, number)]
    except KGError as error:
        _fail(error)
    if fmt == "json":
        click.echo(json.dumps([dict(asdict(a), in_force=a.in_force) for a in answers], ensure_ascii=False, indent=1))
        return
    for answer in answers:
        click.echo("\n".join(answer.lines()))


@main.command(context_settings=CONTEXT)
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
    from .store import open_store

    try:
        store = open_store(location, store_kind)
        document = instruments_numbered(store, number)[0]
        found = alerts(store, document, as_of)
    except KGError as error:
        _fail(error)
    if not found:
        click.echo(f"{number}: nothing its tasks rest on was changed, as far as the corpus says")
    for task, task_alerts in found.items():
        click.echo(f"{number} {task}")
        for alert in task_alerts:
            click.echo("\n".join(alert.lines()))


@main.command(context_settings=CONTEXT)
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
    from .store import open_store

    try:
        store = open_store(location, store_kind)
        events = events_of(store, instruments_numbered(store, number)[0], lineage=not alone)
    except KGError as error:
        _fail(error)
    for event in events:
        click.echo(event.line())
        for evidence in event.evidence:
            click.echo(f"              {evidence}")
