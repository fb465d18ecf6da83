"""What every page shares: relation and kind words, colours, escaping, the templates, safe writes.

Document text reaches a page in two ways only, both escaped: HTML-escaped by the templates
(autoescape) and the annotator, or as JSON in a non-executing ``<script type="application/json">``
with ``<``, ``>`` and ``&`` written as ``\\u`` escapes. Control characters some sources carry
(U+0085, NUL) are blanked on the way out.

>>> _script_json({"title": "</script><img src=x>"})
Markup('{"title":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}')
>>> _safe_name("../../etc/passwd")
'etc-passwd'
>>> relation_words("implements")
'implements (triển khai, thực hiện)'
>>> fold("Quyết định 15/2019/QĐ-UBND")
'quyet dinh 15 2019 qd ubnd'
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from pathlib import Path

from markupsafe import Markup

from ..errors import ViewError
from ..iri import slug
from ..relations import RELATIONS as RELATION_KINDS, by_property
from ..vocab import document_types

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def relation_words(relation: str) -> str:
    """A relation as a page names it: English, then the Vietnamese term ("amends (sửa đổi, bổ sung)").
    ``relation`` is the ontology's local name or the extractor's name."""
    if relation == "partOf":
        return "part of"
    kind = RELATION_KINDS.get(relation) or by_property(relation)
    return f"{kind.label} ({kind.label_vi})"


def inverse_words(relation: str) -> str:
    kind = RELATION_KINDS.get(relation) or by_property(relation)
    return f"{kind.inverse} ({kind.inverse_vi})"


#: Relation (ontology local name) -> (words shown, colour), from kg/data/relations.json.
#: ``partOf`` joins a section to its document.
RELATIONS = {kind.property: (relation_words(kind.property), kind.colour) for kind in RELATION_KINDS.values()}
RELATIONS["partOf"] = ("part of", "#bbbbbb")

#: Kind of instrument -> its family, and each family's colour and legend words, in the order the
#: views draw them (kg/data/document_types.json, where the colours' scheme is said); the kinds
#: without a family share the grey of "other".
FAMILIES = {kind["name"]: kind["family"] for kind in document_types()["types"] if "family" in kind}
FAMILY_COLOURS = {family["name"]: family["colour"] for family in document_types()["families"]}
FAMILY_WORDS = {family["name"]: family["words"] for family in document_types()["families"]}
TYPE_COLOURS = {name: FAMILY_COLOURS[family] for name, family in FAMILIES.items()}
OTHER_COLOUR = FAMILY_COLOURS["other"]
SECTION_COLOUR = "#ffffff"


def family(doc_type: str | None) -> str:
    return FAMILIES.get(doc_type or "", "other")


def colour_of(doc_type: str | None) -> str:
    return TYPE_COLOURS.get(doc_type or "", OTHER_COLOUR)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """Text without control characters (a NEL or NUL in a source would reach the page)."""
    return _CONTROL.sub(" ", text)


def shorten(text: str, limit: int) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, runs of other characters as one space: what search compares."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def number_key(number: str | None) -> tuple:
    """Sort key of an instrument number: its leading figure as a number (124, 144, 1026 in that
    order, where text puts 1026 before 144), then the rest as text."""
    found = re.match(r"\D*(\d+)", number or "")
    return (int(found.group(1)) if found else 1 << 40, number or "")


def _cleaned(value):
    """Every string inside ``value`` without control characters (JSON would keep a NUL as \\u0000)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_cleaned(item) for item in value]
    return value


def _script_json(value) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no "<", ">" or "&" survive as such."""
    text = json.dumps(_cleaned(value), ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(raw, escaped)
    return Markup(text)


def _finalize(value):
    # Plain strings come from the data and are cleaned; Markup is ours (or vis-network's own
    # script, whose regular expressions hold control characters on purpose) and passes.
    return clean(value) if type(value) is str else value


@functools.lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      finalize=_finalize)
    env.filters["script_json"] = _script_json
    env.globals["relation_words"] = relation_words
    env.globals["relation_colour"] = lambda relation: RELATIONS[relation][1]
    return env


def render(template: str, **values) -> str:
    return environment().get_template(template).render(**values)


def vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet from the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    # The source map is not shipped; its comment would only send DevTools looking for it.
    script = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)
    return script, (lib / "vis-network.css").read_text(encoding="utf-8")


def url_part(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/-_.~")


# ---------------------------------------------------------------- writing pages, inside the output only

def _safe_name(text: str, limit: int = 120) -> str:
    """A file name made of [a-z0-9.-] only, never empty, never "." or "..": input paths and
    numbers can hold slashes, dots, NULs or markup, and none of it reaches the file system."""
    name = re.sub(r"[^a-z0-9.]+", "-", slug(text.replace("/", "-")))
    name = re.sub(r"\.{2,}", ".", name).strip(".-")
    if not name:
        name = "x-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if len(name) > limit:
        name = name[: limit - 13].rstrip(".-") + "-" + hashlib.sha256(text.encode()).hexdigest()[:12]
    return name


def write_page(root: str | Path, relative: str, content: str) -> Path:
    """Write ``content`` to ``root/relative`` atomically (a temporary file beside it, renamed into
    place: a reader never sees half a page); refuse any path that resolves outside ``root``.
    Unlike the build's outputs, pages are not forced to disk one by one: a site can be written
    again, and 5,000 fsyncs took 30 of the site's seconds here."""
    import os
    import tempfile

    base = Path(root).resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise ViewError(f"{relative}: would be written outside {root}")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; pages are for sharing
        with os.fdopen(handle, "wb") as file:
            file.write(content.encode("utf-8"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def write_single(path: str | Path, content: str) -> Path:
    """Write one page where the user asked for it, atomically."""
    path = Path(path)
    return write_page(path.parent if str(path.parent) else ".", path.name, content)
