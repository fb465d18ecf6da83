"""List where two independent readings of a gold document disagree, for settling against the text.

    python tools/compare_readings.py FIRST.json SECOND.json

Instruments are matched as the scorer matches them (type and number, else type and title); then
fields, mentions, relations and each task's citations, leads and deadlines are compared.
"""
from __future__ import annotations

import json
import sys
import unicodedata


def fold(value) -> str | None:
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value)).replace("\u00d0", "\u0110")
    return " ".join(value.split()).casefold().replace(" ", "")


def key(instrument: dict) -> tuple:
    return fold(instrument.get("doc_type")), fold(instrument.get("number")) or fold(instrument.get("title"))


def compare(first: dict, second: dict) -> list[str]:
    out = []
    for field in ("doc_type", "number", "date", "issuer", "in_force_from"):
        a, b = first["document"].get(field), second["document"].get(field)
        if fold(a) != fold(b):
            out.append(f"document.{field}: {a!r} | {b!r}")
    one = {key(i): i for i in first["instruments"]}
    two = {key(i): i for i in second["instruments"]}
    for k in sorted(set(one) | set(two), key=str):
        if k not in two:
            out.append(f"instrument only in first: {k}")
        elif k not in one:
            out.append(f"instrument only in second: {k}")
        else:
            for field in ("date", "year", "issuer", "title", "mentions"):
                a, b = one[k].get(field), two[k].get(field)
                if fold(a) != fold(b):
                    out.append(f"{k[1]} {field}: {a!r} | {b!r}")
    for name in ("relations_between_cited", "relations_of_document"):
        rel = lambda r: (fold(r.get("from")), r["relation"], fold(r["to"]))
        a = {rel(r) for r in first.get(name, [])}
        b = {rel(r) for r in second.get(name, [])}
        out += [f"{name} only in first: {r}" for r in sorted(a - b, key=str)]
        out += [f"{name} only in second: {r}" for r in sorted(b - a, key=str)]
    tasks_a, tasks_b = first.get("tasks") or {}, second.get("tasks") or {}
    for tid in sorted(set(tasks_a) | set(tasks_b)):
        a = sorted(fold(x) for x in tasks_a.get(tid, []) or [])
        b = sorted(fold(x) for x in tasks_b.get(tid, []) or [])
        if tid not in tasks_a or tid not in tasks_b or a != b:
            out.append(f"task {tid}: {tasks_a.get(tid)} | {tasks_b.get(tid)}")
    rows = lambda d: {(r.get("section"), fold(r.get("lead")), fold(r.get("deadline"))) for r in d.get("task_agencies") or []}
    a, b = rows(first), rows(second)
    out += [f"task_agencies only in first: {r}" for r in sorted(a - b, key=str)]
    out += [f"task_agencies only in second: {r}" for r in sorted(b - a, key=str)]
    return out


if __name__ == "__main__":
    first, second = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
    print("\n".join(compare(first, second)) or "the readings agree")
