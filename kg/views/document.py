"""A document's page: its own words with every reference highlighted and every passage that
states an edge anchored (``#at-START``, highlighted when opened), and beside them what a legal
site shows: the facts (kind, number, date, issuer, signer, source), status and timeline, what it
cites grouped by relation, what cites it, its lineage pages and its outline with the tasks.

Plans come as markdown: their furniture (``**``, table rules of only ``|``) is left out of the
page, without moving any offset the anchors rest on.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from .catalog import Catalog, Edge, node_id
from .html import RELATIONS, clean, relation_words, render, shorten
from .links import Links, node_fragment, section_anchor, with_root
from ..iri import provision_iri, section_iri
from ..relations import RELATIONS as RELATION_KINDS

__all__ = ["annotate", "Facts", "standing_facts"]

#: Markdown furniture: bold marks, and lines made only of table rules ("|", "| --- |").
_FURNITURE = re.compile(r"\*\*|^[ \t]*\|[ \t|:\-]*(?:\n|\Z)", re.M)
#: A relation's cue and the reference it joins, read as one passage if this close.
PASSAGE_REACH = 400


@dataclass(frozen=True)
class Facts:
    """What a document page says of its document beyond the extraction: from the build and the
    corpus's own index (the gazette's URL). ``status`` and ``timeline`` are for kg.status."""

    label: str | None = None        # the source file as the graph names it (no path of this machine)
    source_url: str | None = None
    status: Markup | None = None
    timeline: Markup | None = None
    effects: Markup | None = None


def standing_facts(store, iri: str) -> tuple[Markup, Markup]:
    """The Status and Timeline sections of a page, from kg.status: the state today with the words
    that say so, and the instrument's own dated events."""
    from ..status import standing, timeline

    answer = standing(store, iri)
    state = f'<p class="state state-{html.escape(answer.state.replace(" ", "-"))}"><strong>{html.escape(answer.state)}</strong>'
    state += f" as of {html.escape(answer.as_of)}, as far as the corpus says</p>"
    lines = [line.strip() for line in answer.lines()[1:]]
    if lines:
        state += "<ul>" + "".join(f"<li>{_escape(line)}</li>" for line in lines) + "</ul>"
    events = timeline(store, iri, lineage=False)
    if events:
        rows = "".join(f"<tr><td>{html.escape(e.date)}</td><td>{html.escape(e.kind)}</td><td>{_escape(e.detail)}</td></tr>"
                       for e in events)
        dated = f'<table class="timeline"><tr><th>Date</th><th>Event</th><th></th></tr>{rows}</table>'
    else:
        dated = '<p class="muted">No dated event in the corpus.</p>'
    return Markup(state), Markup(dated)


def effects_facts(store, iri: str, number: str | None, links: Links, root: str = "") -> Markup:
    """The Effects section of a page (kg.effects): each provision of the instrument a text of the
    corpus changed, the kind, by which instrument and which of its sections (a link to it), from
    when, and the words."""
    from ..effects import effects

    rows = [e for e in effects(store, number) if e.instrument_iri == iri] if number else []
    if not rows:
        return Markup('<p class="muted">No provision of it is changed by a text of the corpus.</p>')
    lines = []
    for effect in rows:
        own = with_root(root, links.page(provision_iri(iri, effect.provision)))
        part = html.escape(effect.label())
        by_page = (with_root(root, links.page(section_iri(effect.changer_iri, effect.by_section)))
                   if effect.by_section else None) or with_root(root, links.page(effect.changer_iri))
        by = html.escape(f"{effect.by} {effect.by_section or ''}".strip())
        when = effect.in_force or (f"issued {effect.issued}" if effect.issued else "")
        lines.append(f'<tr><td>{_linked(part, own)}</td>'
                     f'<td class="kind-{html.escape(effect.kind)}">{html.escape(effect.kind)}</td>'
                     f'<td>{_linked(by, by_page)}</td>'
                     f'<td>{html.escape(when)}</td><td class="quote"><q>{_escape(shorten(effect.quote, 200))}</q></td></tr>')
    return Markup(f'<p class="muted">{len(rows)} change{"s" if len(rows) != 1 else ""} to its provisions, '
                  'in the order of its articles (as legislation.gov.uk lists the effects on an act).</p>'
                  '<table class="effects"><tr><th>Provision</th><th>Change</th><th>By</th><th>From</th>'
                  f'<th>Words</th></tr>{"".join(lines)}</table>')


def _linked(words: str, href: str | None) -> str:
    """Escaped ``words``, in a link to ``href`` where there is one."""
    return f'<a href="{html.escape(href)}">{words}</a>' if href else words


def _without_furniture(text: str) -> str:
    """The text with its furniture replaced by NULs of the same length (dropped when written)."""
    return _FURNITURE.sub(lambda match: "\0" * len(match.group(0)), text)


def _escape(text: str) -> str:
    return html.escape(clean(text.replace("\0", "")), quote=False)


def annotate(extraction, text: str, graph_page: str = "graph.html", catalog: Catalog | None = None,
             links: Links | None = None, root: str = "", home: str | None = None, facts: Facts | None = None) -> str:
    """A document's own text as a page, every reference highlighted and linked.

    ``text`` is what the extraction's offsets index (``read_text(path).original``). With a
    ``catalog``, instruments are named as the graph names them (an undated citation joins the
    one dated instrument of its number); with ``links`` (a site) each reference leads to the
    page of what it cites, otherwise to its node in ``graph_page``."""
    facts = facts or Facts()
    links = links or Links(catalog)
    document = extraction.document.instrument
    canonical = _canonical(extraction, catalog)
    iri_of = lambda raw: canonical.get(raw, raw)  # noqa: E731
    references = _drawn(extraction)
    points = _points(extraction, references, iri_of)

    def link(citation) -> tuple[str, str, str, str]:
        iri = iri_of(citation.instrument.iri)
        node = catalog.nodes.get(iri) if catalog else None
        target = with_root(root, links.page(iri)) or graph_page + node_fragment(node_id(iri))
        tip = (f"{node.doc_type or ''} {node.label}" if node else
               f"{citation.instrument.doc_type} {citation.instrument.number or ''}").strip()
        label = node.label if node else (citation.instrument.number or citation.instrument.label())
        return iri, target, tip, label

    body, marks = _marked(_without_furniture(text), points, references, link,
                          _provision_links(references, iri_of, catalog, links, root))
    by_section: dict[str | None, dict[str, list[dict]]] = defaultdict(dict)
    for mark in marks:
        by_section[mark["section"]].setdefault(mark["iri"], []).append(mark)
    own = catalog.nodes.get(document.iri) if catalog else None
    members = {document.iri} | ({n.iri for n in catalog.sections_of(document.iri)} if catalog else set())
    return render(
        "annotated.html", title=f"{document.doc_type} {document.number or document.label()}", instrument=document,
        signer=extraction.document.signer, facts=facts, body=body, references=len(marks), home=home,
        outline=_outline(extraction, by_section, links, root), loose=_listed(by_section.get(None, {})),
        crumbs=[("Documents", home), (f"{document.doc_type} {document.number or ''}".strip(), None)],
        document_lineage=with_root(root, links.lineages.get(document.iri)), graph_page=graph_page,
        cites=_cites(catalog, members, links, root, facts.label) if catalog else [],
        cited_by=cited_by(catalog, members, links, root) if catalog else [],
        cited=own.cited if own else None)


def _drawn(extraction) -> list:
    """The citations highlighted in the text: of overlapping ones, the earlier, longer one."""
    references, cursor_end = [], -1
    for citation in sorted(extraction.citations, key=lambda c: (c.reference.start, -c.reference.end)):
        reference = citation.reference
        if reference.start < cursor_end or reference.end <= reference.start:
            continue
        references.append(citation)
        cursor_end = reference.end
    return references


def _points(extraction, references: list, iri_of) -> list[tuple[int, int, str]]:
    """Markup to put between characters: (offset, order, markup), an end marker before an
    anchor at one offset. Each section's anchor, and each passage that states an edge: from a
    relation's cue to the reference it joins (one passage per start: a cue that states several
    edges reaches the last reference it joins), and every reference's own words."""
    points = []
    for section in extraction.sections:
        anchor = html.escape(section_anchor(section.id))
        points.append((section.start, 2, f'<span class="anchor" id="{anchor}"></span>'))
    ends: dict[int, int] = {}
    for relation in extraction.relations:
        near = [c.reference for c in references if iri_of(c.instrument.iri) == iri_of(relation.object)
                and abs(c.reference.start - relation.start) <= PASSAGE_REACH]
        end = max([relation.end] + [r.end for r in near if r.start >= relation.start][:1])
        ends[relation.start] = max(end, ends.get(relation.start, end))
    for citation in extraction.citations:  # overlapping ones too: the graph holds their words
        reference = citation.reference
        ends[reference.start] = max(reference.end, ends.get(reference.start, reference.end))
    for start, end in ends.items():
        points.append((start, 1, f'<span class="at" id="at-{start}" data-end="end-{start}"></span>'))
        points.append((end, 0, f'<span class="at-end" id="end-{start}"></span>'))
    return sorted(points)


def _marked(source: str, points: list, references: list, link,
            provisions: list | None = None) -> tuple[Markup, list[dict]]:
    """The escaped text with the points put in, each reference wrapped in its link and each
    pinpoint in ``provisions`` in a link to its article."""
    pieces: list[str] = []
    marks: list[dict] = []
    position = index = 0

    def emit(upto: int, inclusive: bool) -> None:
        nonlocal position, index
        while index < len(points) and (points[index][0] < upto or (inclusive and points[index][0] == upto)):
            offset = max(points[index][0], position)
            pieces.append(_escape(source[position:offset]))
            pieces.append(points[index][2])
            position = offset
            index += 1
        pieces.append(_escape(source[position:upto]))
        position = upto

    items = sorted([(c.reference.start, c.reference.end, c) for c in references]
                   + [(start, end, (href, tip)) for start, end, href, tip in provisions or ()],
                   key=lambda item: (item[0], -item[1]))
    number, covered = 0, 0
    for start, end, item in items:
        if start < covered:
            continue  # words already inside a link
        covered = end
        emit(start, inclusive=True)
        if isinstance(item, tuple):  # a pinpoint: the article's place on the cited document's page
            href, tip = item
            pieces.append(f'<a class="provision" href="{html.escape(href)}" title="{html.escape(tip)}">')
            emit(end, inclusive=False)
            pieces.append("</a>")
            continue
        iri, target, tip, label = link(item)
        pieces.append(f'<a class="ref" id="ref-{number}" href="{html.escape(target)}" title="{html.escape(tip)}"'
                      f' data-node="{html.escape(node_id(iri))}">')
        emit(end, inclusive=False)
        pieces.append("</a>")
        marks.append({"number": number, "iri": iri, "section": item.section, "start": start,
                      "label": label, "target": target})
        number += 1
    emit(len(source), inclusive=True)
    return Markup("".join(pieces)), marks


def _provision_links(references: list, iri_of, catalog: Catalog | None, links: Links,
                     root: str) -> list[tuple[int, int, str, str]]:
    """The words of each pinpoint ("khoản 3 Điều 53") whose instrument is in the corpus and has that
    article among its sections: (start, end, its place on that document's page, what it names)."""
    if catalog is None:
        return []
    found = {}
    for citation in references:
        iri = iri_of(citation.instrument.iri)
        node = catalog.nodes.get(iri)
        for pinpoint in citation.pinpoints:
            provision_id = pinpoint.provision_id()
            part = catalog.nodes.get(provision_iri(iri, provision_id)) if provision_id else None
            page = links.page(part.iri) if part is not None and part.document else None
            if page is None or (pinpoint.start, pinpoint.end) in found:
                continue  # "khoản 1, 2 Điều 3": the words lead to the first part they name
            tip = f"{pinpoint.label()} of {node.label if node else citation.instrument.number or ''}".strip()
            found[pinpoint.start, pinpoint.end] = (with_root(root, page), tip)
    return [(start, end, href, tip) for (start, end), (href, tip) in sorted(found.items())]


def _outline(extraction, by_section: dict, links: Links, root: str) -> list[dict]:
    document = extraction.document.instrument
    outline, seen = [], set()
    for section in extraction.sections:
        if section.id in seen:
            continue
        seen.add(section.id)
        iri = section_iri(document.iri, section.id)
        outline.append({"id": section.id, "anchor": section_anchor(section.id), "kind": section.kind,
                        "title": shorten(section.title or "", 120), "depth": section.id.count("."),
                        "lead": section.lead, "deadline": section.deadline,
                        "lineage": with_root(root, links.lineages.get(iri)),
                        "citations": _listed(by_section.get(section.id, {}))})
    return outline


def _listed(found: dict[str, list[dict]]) -> list[dict]:
    return [{"label": marks[0]["label"], "count": len(marks), "first": f"at-{marks[0]['start']}",
             "target": marks[0]["target"]} for marks in found.values()]


def _cites(catalog: Catalog, members: set[str], links: Links, root: str, label: str | None) -> list[dict]:
    """What the document and its sections cite, grouped by relation (in the declared order), each
    target once with the passages of this text that state it."""
    groups: dict[str, dict[str, list]] = defaultdict(dict)
    for edge in catalog.outgoing(members):
        if edge.target in members:
            continue
        owner = catalog.owner(edge.target)
        groups[edge.relation].setdefault(owner, []).extend(
            q for q in edge.quotes if label is None or q.path == label)
    result = []
    for kind in RELATION_KINDS.values():
        found = groups.get(kind.property)
        if not found:
            continue
        items = []
        for target, quotes in sorted(found.items(), key=lambda item: catalog.nodes[item[0]].label):
            node = catalog.nodes[target]
            quotes = sorted(set(quotes), key=lambda q: q.start or 0)
            items.append({"label": node.label, "type": _type_words(node), "page": with_root(root, links.page(target)),
                          "passages": [f"#at-{q.start}" for q in quotes if q.start is not None][:12],
                          "count": len(quotes)})
        result.append({"relation": kind.property, "words": relation_words(kind.property),
                       "colour": RELATIONS[kind.property][1], "items": items})
    return result


def cited_by(catalog: Catalog, members: set[str], links: Links, root: str) -> list[dict]:
    """Who cites the document (or one of its sections) and how, with the words and a link to them."""
    rows = []
    for iri in sorted(members):
        for edge in catalog.incoming(iri):
            if catalog.owner(edge.source) in members:
                continue
            rows.append(_citing(catalog, edge, links, root))
    rows.sort(key=lambda row: (row["date"] or "", row["label"]), reverse=True)
    return rows


def _citing(catalog: Catalog, edge: Edge, links: Links, root: str) -> dict:
    source = catalog.nodes[edge.source]
    owner = catalog.nodes[catalog.owner(edge.source)]
    target = catalog.nodes[edge.target]
    return {"label": source.label, "type": _type_words(owner),
            "date": owner.date or (str(owner.year) if owner.year else ""),
            "page": with_root(root, links.page(edge.source)), "words": relation_words(edge.relation),
            "colour": RELATIONS[edge.relation][1], "target": target.label if target.kind != "document" else None,
            "quotes": [{"words": shorten(q.words, 200), "href": with_root(root, links.evidence(q))}
                       for q in edge.quotes[:3]], "more": max(0, edge.count - 3)}


def _type_words(node) -> str:
    """The kind to write before a label, unless the label already says it ("Nghị quyết Đại hội …")."""
    kind = node.doc_type or ""
    return "" if node.label.startswith(kind) else kind


def _canonical(extraction, catalog: Catalog | None) -> dict[str, str]:
    if catalog is None:
        return {}
    from ..rdf import canonical_iris

    cited = {c.instrument.iri for c in extraction.citations} | {r.object for r in extraction.relations}
    cited -= set(catalog.nodes)
    if not cited:
        return {}
    mapping = canonical_iris(list(cited) + [iri for iri in catalog.nodes if "/section/" not in iri])
    return {iri: target for iri, target in mapping.items() if iri in cited}
