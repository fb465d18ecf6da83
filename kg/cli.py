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


if __name__ == "__main__":  # pragma: no cover
    main()
