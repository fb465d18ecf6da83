"""Build kg/data/registry.csv and kg/data/amendments.csv from the sources we hold.

The registry lists instruments a text may name by title ("Luật Tố cáo") or by number, with the
facts some source states alongside: title, date, issuer. Nothing here is guessed: a row exists only
where a source states a number or a title for it, and each row says which source.

Sources, in the order they win a tie:
  curated   kg/data/registry-curated.csv, hand-kept rows neither other source states;
  phapdien  corpus/registry/phapdien-sources.csv, the code's source notes;
  corpus    the gazette documents' own headers, then citations in the corpus texts that state a
            title (or subject) and a number together.

Offline, stdlib and kg's own data files only, deterministic. Example:

    .venv/bin/python tools/build_registry.py --out /tmp/registry
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHAPDIEN = ROOT / "corpus/registry/phapdien-sources.csv"  # copied from shared/registry
CURATED = ROOT / "kg/data/registry-curated.csv"
CORPUS_GLOBS = ("corpus/congbao/**/*.txt", "corpus/plans/*.txt", "corpus/322-KH-UBND-2023-kon-tum.txt")
CONGBAO_INDEX = ROOT / "corpus/congbao/index.json"

REGISTRY_COLUMNS = ["doc_type", "number", "title", "date", "year", "issuer", "in_force", "source"]
AMENDMENT_COLUMNS = ["amending_doc_type", "amending_number", "relation", "amended_doc_type", "amended_number", "source"]

# The kinds of instrument are kg's (kg/data/document_types.json), read from this checkout.
sys.path.insert(0, str(ROOT))
from kg.vocab import document_types  # noqa: E402

# Types whose title is a name cited with its type word ("Luật Khiếu nại"); the others keep a subject line.
NAMED_TYPES = tuple(kind["name"] for kind in document_types()["types"] if kind.get("by_title"))
# The kinds the registry lists, longest first so that "Thông tư liên tịch" is not read as "Thông tư".
TYPE_WORDS = tuple(sorted((kind["name"] for kind in document_types()["types"] if kind.get("registered")),
                          key=len, reverse=True))
# Header lines of gazette documents are upper case; the type line is one of these.
HEADER_TYPES = {word.upper(): word for word in TYPE_WORDS if word != "Văn bản hợp nhất"}
# Issuing bodies that the number's last code names but phapdien never writes out.
FIXED_ISSUER_CODES = {
    "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "PL-UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "VPQH": "Văn phòng Quốc hội",
}
# Words kept capitalised when an upper-case header is put in sentence case.
PROPER_NOUNS = ("Việt Nam", "Quốc hội", "Nhà nước", "Chính phủ", "Nhân dân", "Công an nhân dân", "Quân đội nhân dân")
PRIORITY = {"curated": 0, "phapdien": 1, "corpus": 2}

SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\t]")
FURNITURE = re.compile(
    r"^\s*(?:CÔNG BÁO/Số.*|\d{1,4}|Người ký:.*|Email:.*|Cơ quan:.*|Thời gian ký:.*|VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN PHÁP LUẬT KHÁC|VĂN BẢN HỢP NHẤT)\s*$"
)
NUMBER = r"\d+-SL(?:/L-\d+)?|\d+[a-z]?(?:\s*/\s*\d{4})?(?:\s*[/?]\s*[A-ZĐ][A-Za-zĐđ0-9]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)+"
LAW_NUMBER = r"\d+\s*/\s*\d{4}\s*/\s*(?:QH\d+|PL-UBTVQH\d+|UBTVQH\d+)"
VI_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# Words that cannot be inside the name of an instrument: they mean the match ran past it.
NOT_IN_NAME = re.compile(
    r"\d|[;:.()“”\"/]|\b(?:Căn cứ|Điều|khoản|điểm|Chương|Mục|ngày|tháng|năm|Nghị định|Nghị quyết|Thông tư|"
    r"Quyết định|Chỉ thị|Hiến pháp|được|đã|CÔNG BÁO)\b"
)


# ---------------------------------------------------------------- text


def normalise(text: str) -> str:
    """NFC, the look-alike Ð as Đ, odd spaces as spaces, NULs dropped."""
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u00f0", "đ").replace("\x00", "")
    return SPACES.sub(" ", text)


def clean_lines(raw: str) -> list[str]:
    """Lines without gazette page furniture (running heads, page numbers, signature stamps)."""
    return [line.strip() for line in normalise(raw).splitlines() if not FURNITURE.match(line)]


def flatten(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def tidy_number(number: str) -> str:
    number = re.sub(r"\s+", "", number).replace("?", "/")
    return number.rstrip("-/")


def iso(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def number_year(number: str) -> int | None:
    match = re.match(r"\d+[a-z]?/(\d{4})/", number)
    return int(match.group(1)) if match else None


def issuer_code(number: str) -> str:
    """The body code at the end of a number: 25/2018/QH14 -> QH, 05/2023/TT-BTC -> BTC."""
    last = number.split("/")[-1]
    if re.fullmatch(r"(?:PL-)?(?:UBTV)?QH\d+", last):
        return re.sub(r"\d+$", "", last)
    return last.split("-", 1)[1] if "-" in last else ""


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence_case(upper: str) -> str:
    """Fallback for an upper-case header with no mixed-case copy in the text."""
    text = upper.lower()
    for noun in PROPER_NOUNS:
        text = re.sub(re.escape(noun.lower()), noun, text)
    return capitalise(text)


def recover_case(upper: str, body: str, prefix: str = "") -> str:
    """Find the upper-case header as the text writes it in mixed case elsewhere ("Quốc hội ban hành Luật ...")."""
    words = upper.split()
    pattern = re.compile(re.escape(prefix) + r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
    for match in pattern.finditer(body):
        found = re.sub(r"\s+", " ", match.group(0))[len(prefix):]
        if found != found.upper():
            return found
    return sentence_case(upper)


def law_title(doc_type: str, name: str) -> str:
    """"Tiếp công dân" -> "Luật Tiếp công dân"; "Sửa đổi, bổ sung ..." -> "Luật sửa đổi, bổ sung ..."."""
    name = name.strip().rstrip(".").strip()
    name = re.sub(r"^Luât\b", "Luật", name)
    for word in (doc_type, doc_type.capitalize()):
        if name.startswith(word + " "):
            name = name[len(word) + 1:]
    if re.match(r"(?:[Ss]ửa đổi|[Vv]ề)\b", name):
        name = name[0].lower() + name[1:]
    elif doc_type != "Hiến pháp":
        name = capitalise(name)
    return f"{doc_type} {name}"


def subject_title(doc_type: str, subject: str) -> str:
    subject = subject.strip().rstrip(".").strip()
    if subject.startswith(doc_type + " "):
        subject = subject[len(doc_type) + 1:]
    return capitalise(subject)


def make_row(doc_type, number, title, date, issuer, source) -> dict:
    year = number_year(number) if number else None
    if year is None and date:
        year = int(date[:4])
    return {
        "doc_type": doc_type, "number": number, "title": title, "date": date,
        "year": str(year) if year else "", "issuer": issuer, "in_force": "", "source": source,
    }


# ---------------------------------------------------------------- dates of entry into force

# "(Điều 1 Luật số 42/2013/QH13 Tiếp công dân ngày 25/11/2013 của Quốc hội, có hiệu lực thi hành kể từ ngày
# 01/07/2014)": the first such date of a note is its instrument's; after "bởi" come the amenders, each with its own
IN_FORCE_SLASH = re.compile(r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2}/\d{1,2}/\d{4})")
# A consolidated text's opening lines: "Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019 của Quốc hội,
# có hiệu lực kể từ ngày 01 tháng 01 năm 2021, được sửa đổi, bổ sung bởi: ..."
IN_FORCE_HEADER = re.compile(
    r"(?P<type>" + "|".join(TYPE_WORDS) + r")\s(?:(?!\bsố\b).){0,160}?\bsố\s+(?P<number>" + NUMBER + r")"
    r"(?:(?!\bsố\s+\d)[^;])*?,\s*có hiệu lực(?: thi hành)?(?: kể)? từ ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def in_force_from_note(rest: str, doc_type: str, number: str, found: dict) -> None:
    """Dates of entry into force a phapdien note states: its instrument's, and each amender's after 'bởi'."""
    by = re.search(r"\sbởi\s", rest)
    own = IN_FORCE_SLASH.search(rest, 0, by.start() if by else len(rest))
    if own and number:
        found[(doc_type, number)].append(iso(*SLASH_DATE.fullmatch(own.group(1)).groups()))
    if by:
        for amender in re.finditer(r"(?P<type>" + "|".join(TYPE_WORDS) + r")\s+(?:số\s+)?(?:liên tịch\s+)?"
                                   r"(?P<number>" + NUMBER + r")\s+" + IN_FORCE_SLASH.pattern, rest[by.end():]):
            amending_type = amender["type"]
            if "liên tịch" in amender.group(0) and amending_type == "Thông tư":
                amending_type = "Thông tư liên tịch"
            found[(amending_type, tidy_number(amender["number"]))].append(
                iso(*SLASH_DATE.fullmatch(amender.group(3)).groups()))


def in_force_from_header(body: str, found: dict) -> None:
    """Dates of entry into force a consolidated text's opening lines state, for the base and each amender."""
    for match in IN_FORCE_HEADER.finditer(body[:6000]):
        found[(match["type"], tidy_number(match["number"]))].append(iso(*match.groups()[-3:]))


# ---------------------------------------------------------------- phapdien

NOTE = re.compile(
    r"^\(+Điều [\w\s,]*?\s(?P<type>" + "|".join(TYPE_WORDS) + r")\s+(?:số\s+)?(?P<joint>liên tịch\s+)?"
    r"(?P<number>Không số|" + NUMBER + r")?\s*(?P<rest>.*)$",
    re.S,
)
FULL_REST = re.compile(r"^(?P<title>.*?)\s*ngày (?P<date>\d{1,2}/\d{1,2}/\d{4}) của (?P<issuer>.+?)\s*[,;] có hiệu lực", re.S)
AMENDER = re.compile(r"(?P<type>" + "|".join(TYPE_WORDS) + r")\s+(?:số\s+)?(?:liên tịch\s+)?(?P<number>" + NUMBER + ")")


def official_issuer(issuer: str) -> str:
    issuer = re.sub(r"\s+", " ", issuer).strip()
    issuer = re.sub(r"^Uỷ ban", "Ủy ban", issuer)
    return re.sub(r"^Bộ trưởng (Bộ .+)$", r"\1", issuer)


def read_phapdien(path: Path):
    """Registry rows and amendment facts from the phapdien source notes."""
    rows, amendments, odd = [], [], []
    in_force = collections.defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            note = re.sub(r"\s+", " ", normalise(record["source_note"])).strip()
            source = f"phapdien:{record['vbpl_item_id']}"
            match = NOTE.match(note)
            if not match:
                odd.append(f"{source}: unparsed note {note[:80]!r}")
                continue
            doc_type = "Thông tư liên tịch" if match["joint"] else match["type"]
            raw_number = match["number"] or ""
            number = "" if raw_number in ("", "Không số") else tidy_number(raw_number)
            if raw_number and number != re.sub(r"\s+", "", raw_number):
                odd.append(f"{source}: number {raw_number!r} read as {number!r}")
            rest = match["rest"]
            in_force_from_note(rest, doc_type, number, in_force)
            full = FULL_REST.match(rest)
            if full:
                day, month, year = SLASH_DATE.fullmatch(full["date"]).groups()
                name = full["title"]
                if not name:
                    title = ""
                elif doc_type in NAMED_TYPES:
                    title = law_title(doc_type, name)
                else:
                    title = subject_title(doc_type, name)
                row = make_row(doc_type, number, title, iso(day, month, year), official_issuer(full["issuer"]), source)
            else:
                row = make_row(doc_type, number, "", "", "", source)
            if row["number"] or row["title"]:
                rows.append(row)
            by = re.search(r"\sbởi\s(.*)$", rest)
            if by and number:
                cue = rest[: by.start()]
                relations = sorted(
                    {relation for word, relation in (("sửa đổi", "amends"), ("bổ sung", "amends"),
                                                     ("bãi bỏ", "repeals"), ("thay thế", "replaces")) if word in cue}
                )
                for amender in AMENDER.finditer(by.group(1)):
                    amending_type = amender["type"]
                    if "liên tịch" in amender.group(0) and amending_type == "Thông tư":
                        amending_type = "Thông tư liên tịch"
                    for relation in relations:
                        amendments.append({
                            "amending_doc_type": amending_type, "amending_number": tidy_number(amender["number"]),
                            "relation": relation, "amended_doc_type": doc_type, "amended_number": number,
                            "source": source,
                        })
    return rows, amendments, odd, in_force


def issuers_by_code(rows) -> dict[str, str]:
    """Body codes in numbers mapped to the one issuer phapdien names for them (BTC -> Bộ Tài chính)."""
    seen = collections.defaultdict(collections.Counter)
    for row in rows:
        if row["number"] and row["issuer"]:
            seen[issuer_code(row["number"])][row["issuer"]] += 1
    # Spellings vary ("Bộ Lao động - Thương binh và Xã hội" / "Bộ Lao động-Thương binh..."): the most used wins.
    codes = {code: sorted(names, key=lambda name: (-names[name], name))[0] for code, names in seen.items() if code}
    codes.update(FIXED_ISSUER_CODES)
    return codes


# ---------------------------------------------------------------- corpus

NAME_START = re.compile(r"(?<!\w)(?:Bộ luật|Luật|Pháp lệnh)(?=\s)")
LAW_CITATION = re.compile(r"(?<!\w)số\s+(?P<number>" + LAW_NUMBER + r")(?![\w/])")
DATE_AFTER = re.compile(r"^\s*,?\s*(?:" + VI_DATE.pattern + r"|ngày\s+(\d{1,2})/(\d{1,2})/(\d{4}))")
AMENDING_NAME = re.compile(r"^(?:Bộ luật|Luật|Pháp lệnh) sửa đổi\b")


def valid_name(candidate: str, amending: bool) -> bool:
    type_word = NAME_START.match(candidate).group(0)
    name = candidate[len(type_word):].strip()
    if not name or NOT_IN_NAME.search(name):
        return False
    if amending:
        return len(name.split()) <= 60
    return name[0].isupper() and len(name.split()) <= 20 and not NAME_START.search(name)


def law_name_before(text: str, end: int) -> tuple[str, bool] | None:
    """The name a citation gives right before "số <number>", or None if it gives none we can trust.

    "Luật sửa đổi ... của Luật X số N" is ambiguous: N may number either law. Such a reading comes
    back flagged, so that a plain "Luật X số N" elsewhere in the corpus outweighs it.
    """
    window = text[max(0, end - 600):end].rstrip()
    starts = [match.start() for match in NAME_START.finditer(window)]
    if not starts:
        return None
    nearest = window[starts[-1]:].strip()
    nearest_valid = valid_name(nearest, amending=False)
    after_of = window[: starts[-1]].rstrip().endswith("của")
    for start in reversed(starts[:-1]):
        candidate = window[start:].strip()
        if AMENDING_NAME.match(candidate) and valid_name(candidate, amending=True):
            # "Quốc hội ban hành Luật sửa đổi ... của Luật X số N": the enacting formula numbers X.
            if nearest_valid and after_of and window[:start].rstrip().endswith("ban hành"):
                return nearest, False
            return candidate, nearest_valid and after_of
    if not nearest_valid:
        return None
    before = window[: starts[-1]].rstrip()
    clause = re.split(r"[;.:]", before)[-1]
    # "Luật sửa đổi ... của Luật X, Luật Y số N": the number may belong to a longer name we could not read.
    if re.search(r"(?:của|,|và|sửa đổi|bổ sung)$", before) and re.search(r"sửa đổi|bổ sung", clause):
        return None
    return nearest, False


def harvest_law_citations(text: str, path: str):
    for match in LAW_CITATION.finditer(text):
        found = law_name_before(text, match.start())
        if not found:
            continue
        name, ambiguous = found
        number = tidy_number(match["number"])
        date = ""
        after = DATE_AFTER.match(text[match.end():match.end() + 40])
        if after:
            day, month, year = [group for group in after.groups() if group][:3]
            if int(year) == number_year(number):
                date = iso(day, month, year)
        doc_type = "Bộ luật" if name.startswith("Bộ luật") else "Pháp lệnh" if name.startswith("Pháp lệnh") else "Luật"
        yield doc_type, number, law_title(doc_type, name), date, "", path, ambiguous


# "Luật số 35/2018/QH14 sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch, có hiệu lực kể từ ngày
# 01 tháng 01 năm 2019": consolidated texts name an amending law after its number, up to its entry into force
NAMED_AFTER_NUMBER = re.compile(
    r"(?<!\w)(?P<type>Bộ luật|Luật|Pháp lệnh) số (?P<number>" + LAW_NUMBER + r") (?:về )?"
    r"(?P<name>sửa đổi,? bổ sung [^;:.()“”\"]{1,300}?),? có (?:hiệu lực|căn cứ ban hành)")
# "của 37 luật": the one number an amending law's name may hold, how many laws it amends
COUNTED_LAWS = re.compile(r"(?<=của )\d+ luật\b")


def harvest_amending_names_after_number(text: str, path: str):
    for match in NAMED_AFTER_NUMBER.finditer(text):
        doc_type = match["type"]
        if not valid_name(f"{doc_type} " + COUNTED_LAWS.sub("các luật", match["name"]), amending=True):
            continue
        yield doc_type, tidy_number(match["number"]), law_title(doc_type, match["name"]), "", "", path, False


SUBJECT_CITATION = re.compile(
    r"^(?:Căn cứ\s+)?(?P<type>Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Chỉ thị)\s+số\s+"
    r"(?P<number>" + NUMBER + r")\s+" + VI_DATE.pattern + r"\s+của\s+(?P<rest>.+)$"
)
# Where a cited subject stops: what follows is about the citation, not part of the instrument's name.
SUBJECT_TAIL = re.compile(
    r",?\s(?:đã được|được|đã) sửa đổi|,?\s(?:có|hết) hiệu lực|\scó căn cứ ban hành|\.\s|:"
    r"|(?:,|\svà)\s(?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết) số"
)


def leading_issuers(rest: str, issuers: list[str]) -> tuple[str, str] | None:
    """Split "Bộ trưởng Bộ Nội vụ và Bộ trưởng Bộ Tài chính hướng dẫn ..." into issuer(s) and subject."""
    names = []
    while True:
        issuer = next((name for name in issuers if rest.startswith(name + " ")), None)
        if issuer is None:
            break
        names.append(official_issuer(issuer))
        rest = rest[len(issuer):].strip()
        joined = re.match(r"(?:,|và)\s+", rest)
        if not joined or not any(rest[joined.end():].startswith(name + " ") for name in issuers):
            break
        rest = rest[joined.end():]
    return (" và ".join(names), rest) if names else None


def harvest_subject_citations(text: str, path: str, issuers: list[str]):
    """"Căn cứ Nghị định số N ngày ... của Chính phủ quy định ...;" clauses: one instrument each."""
    for clause in re.split(r";|\.\s+(?=[A-ZĐ])|\s(?=Căn cứ\s)|\s(?=Theo đề nghị)", text):
        match = SUBJECT_CITATION.match(clause.strip().rstrip("."))
        if not match:
            continue
        split = leading_issuers(match["rest"], issuers)
        if not split:
            continue
        issuer, subject = split
        subject = SUBJECT_TAIL.split(subject)[0]
        while re.search(r"\s*\([^()]*\)$", subject):
            subject = re.sub(r"\s*\([^()]*\)$", "", subject)
        subject = re.sub(r"(?<=[^\W\d_])\d+(?:\s+\d+)*$", "", subject).strip(" ,")
        if (not re.match(r"[a-zđ]", subject) or re.search(r"\s(?:của|và|về|theo|tại)$", subject) or not 3 <= len(subject.split()) <= 60
                or re.search(r"CÔNG BÁO|[“”\"(){}]", subject)):
            continue
        number = tidy_number(match["number"])
        year = number_year(number)
        if year is not None and year != int(match[5]):
            continue
        yield match["type"], number, subject_title(match["type"], subject), iso(match[3], match[4], match[5]), issuer, path, False


HEADER_NUMBER = re.compile(r"^(?:(?:" + "|".join(TYPE_WORDS) + r")\s+)?[Ss]ố\s*:\s*(" + NUMBER + r")")
HEADER_END = re.compile(r"^(?:Căn cứ|Theo đề nghị|Triển khai|[_–—\-=]{2,})")
# A consolidated text opens with the instruments it consolidates: "Luật X số N ngày ...".
CONSOLIDATED_LIST = re.compile(r"^(?:" + "|".join(TYPE_WORDS) + r")\s.*\bsố\b")


def harvest_header(lines: list[str], body: str, path: str, codes: dict[str, str]):
    """The document's own number, type, title and date from its first page."""
    head = lines[:60]
    number = next((tidy_number(m.group(1)) for line in head if (m := HEADER_NUMBER.match(line))), "")
    if not number:
        # A consolidated text prints its own number with the signature, at the end.
        number = next((tidy_number(m.group(1)) for line in lines if (m := HEADER_NUMBER.match(line))
                       and "/VBHN-" in m.group(1)), "")
    consolidated = "/VBHN-" in number
    type_at = next((i for i, line in enumerate(head) if line.rstrip(" .:") in HEADER_TYPES), None)
    if type_at is None:
        return None
    printed_type = HEADER_TYPES[head[type_at].rstrip(" .:")]
    subject_lines = []
    for line in head[type_at + 1:type_at + 12]:
        if not line:
            if subject_lines:
                break
            continue
        if HEADER_END.match(line) or (consolidated and CONSOLIDATED_LIST.match(line)) or (line.isupper() and subject_lines and printed_type not in NAMED_TYPES):
            break
        subject_lines.append(line)
    # Footnote markers stick to the word they annotate ("Kiểm soát viên1").
    subject = re.sub(r"(?<=[^\W\d_])\d+\b", "", flatten(subject_lines)).rstrip(" .")
    if not subject:
        return None
    if subject.isupper() or subject == subject.upper():
        type_prefix = printed_type + " " if printed_type in NAMED_TYPES else ""
        subject = recover_case(subject, body, prefix=type_prefix) if type_prefix else recover_case(subject, body)
    doc_type = "Văn bản hợp nhất" if consolidated else printed_type
    if consolidated:
        title = law_title(printed_type, subject) if printed_type in NAMED_TYPES else f"{printed_type} {subject[:1].lower()}{subject[1:]}"
    elif printed_type in NAMED_TYPES:
        title = law_title(printed_type, subject)
    else:
        title = subject_title(printed_type, subject)
    date = ""
    dated = next((VI_DATE.search(line) for line in head[:type_at + 1] if VI_DATE.search(line)), None)
    if dated is None and printed_type in NAMED_TYPES and not consolidated:
        dated = re.search(r"thông qua\s+" + VI_DATE.pattern, body)
    if dated:
        date = iso(*dated.groups()[-3:])
    if not number:
        return None
    return make_row(doc_type, number, title, date, codes.get(issuer_code(number), ""), f"corpus:{path}")


def read_corpus(root: Path, codes: dict[str, str], issuers: list[str]):
    """Rows from the gazette headers and from citations that state a name and a number together."""
    paths = sorted({path for pattern in CORPUS_GLOBS for path in root.glob(pattern)})
    header_paths = {entry["path"] for entry in json.loads(CONGBAO_INDEX.read_text(encoding="utf-8"))}
    headers, mentions = [], collections.defaultdict(list)
    in_force = collections.defaultdict(list)
    for path in paths:
        relative = path.relative_to(root).as_posix()
        lines = clean_lines(path.read_bytes().decode("utf-8", errors="replace"))
        body = flatten(lines)
        if "/VBHN-" in body:
            in_force_from_header(body, in_force)
        if relative.removeprefix("corpus/congbao/") in header_paths:
            row = harvest_header(lines, body, relative, codes)
            if row:
                headers.append(row)
        found = (list(harvest_law_citations(body, relative)) + list(harvest_amending_names_after_number(body, relative))
                 + list(harvest_subject_citations(body, relative, issuers)))
        for doc_type, number, title, date, issuer, where, ambiguous in found:
            issuer = issuer or codes.get(issuer_code(number), "")
            # A number without a year part ("11/NQ-CP") is reused every year: the date tells them apart.
            year = number_year(number) or (int(date[:4]) if date else None)
            if year is None:
                continue
            mentions[(doc_type, number, year)].append((title, date, issuer, where, ambiguous))
    rows, conflicts = [], []
    for (doc_type, number, _), found in sorted(mentions.items()):
        titles = collections.Counter(entry[0] for entry in found)
        plain = {entry[0] for entry in found if not entry[4]}
        # A reading some mention states unambiguously beats one only ambiguous mentions give; then the
        # form written most often; ties go to the form that sorts first (capitals before small letters).
        title = sorted(titles, key=lambda t: (t not in plain, -titles[t], t))[0]
        if len(titles) > 1:
            conflicts.append(f"{doc_type} {number}: " + " | ".join(f"{t} x{n}" for t, n in sorted(titles.items())))
        chosen = [entry for entry in found if entry[0] == title]
        dates = collections.Counter(entry[1] for entry in chosen if entry[1])
        date = sorted(dates, key=lambda d: (-dates[d], d))[0] if dates else ""
        issuer = next((entry[2] for entry in chosen if entry[2]), "")
        where = sorted(entry[3] for entry in chosen if not date or entry[1] == date)[0]
        rows.append(make_row(doc_type, number, title, date, issuer, f"corpus:{where}"))
    return headers, rows, conflicts, in_force


# ---------------------------------------------------------------- merge and write


def read_curated(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            make_row(record["doc_type"], record["number"], normalise(record["title"]), record["date"],
                     record["issuer"], record["source"])
            for record in csv.DictReader(handle)
        ]


def key(row) -> tuple:
    if row["number"]:
        return (row["doc_type"], row["number"], "" if number_year(row["number"]) else row["year"])
    return (row["doc_type"], "", row["title"], row["year"])


def merge(candidates):
    """One row per instrument: the candidate with most fields, then the most trusted source."""
    best = {}
    for row in candidates:
        filled = sum(bool(row[column]) for column in ("number", "title", "date", "issuer"))
        rank = (-filled, PRIORITY[row["source"].split(":")[0]], row["source"])
        current = best.get(key(row))
        if current is None or rank < current[0]:
            best[key(row)] = (rank, row)
    return [row for _, row in sorted(best.values(), key=lambda item: sort_key(item[1]))]


# Each National Assembly numbers its laws with its term: QH14 sat from 2016 to 2021, so a
# "10/2022/QH14" is a typo in the citing text, not a law.
QH_TERMS = {10: (1997, 2002), 11: (2002, 2007), 12: (2007, 2011), 13: (2011, 2016), 14: (2016, 2021),
            15: (2021, 2026), 16: (2026, 2031)}


def term_fits(row) -> bool:
    match = re.fullmatch(r"[\d.]+/(\d{4})/(?:PL-)?(?:UBTV)?QH(\d+)", row["number"])
    if not match or int(match.group(2)) not in QH_TERMS:
        return True
    first, last = QH_TERMS[int(match.group(2))]
    return first <= int(match.group(1)) <= last


def sort_key(row):
    return (row["doc_type"], int(row["year"] or 0), row["number"], row["title"])


def to_csv(rows, columns) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: unicodedata.normalize("NFC", row[column]) for column in columns})
    return buffer.getvalue()


def build(out: Path, verbose: bool = True) -> dict:
    phapdien_rows, amendments, odd, noted_in_force = read_phapdien(PHAPDIEN)
    codes = issuers_by_code(phapdien_rows)
    issuers = sorted({row["issuer"] for row in phapdien_rows if row["issuer"]} | set(FIXED_ISSUER_CODES.values())
                     | {f"Bộ trưởng {row['issuer']}" for row in phapdien_rows if row["issuer"].startswith("Bộ ")},
                     key=lambda name: (-len(name), name))
    headers, citations, conflicts, headed_in_force = read_corpus(ROOT, codes, issuers)
    rows = [row for row in merge(read_curated(CURATED) + phapdien_rows + headers + citations) if term_fits(row)]
    for row in rows:
        if not row["issuer"] and row["number"]:
            row["issuer"] = codes.get(issuer_code(row["number"]), "")
        # the date most sources state, the earliest of a tie; the Pháp điển's before the corpus's
        dates = collections.Counter(noted_in_force.get((row["doc_type"], row["number"]), ())
                                    or headed_in_force.get((row["doc_type"], row["number"]), ()))
        dates = {date: count for date, count in dates.items() if not row["date"] or date >= row["date"]}
        if dates:
            row["in_force"] = sorted(dates, key=lambda date: (-dates[date], date))[0]
    unique_amendments = sorted({tuple(a[c] for c in AMENDMENT_COLUMNS) for a in amendments})
    out.mkdir(parents=True, exist_ok=True)
    (out / "registry.csv").write_text(to_csv(rows, REGISTRY_COLUMNS), encoding="utf-8")
    (out / "amendments.csv").write_text(
        to_csv([dict(zip(AMENDMENT_COLUMNS, a)) for a in unique_amendments], AMENDMENT_COLUMNS), encoding="utf-8"
    )
    report = {"rows": len(rows), "amendments": len(unique_amendments), "conflicts": conflicts, "odd": odd}
    if verbose:
        print(f"registry.csv: {len(rows)} rows; amendments.csv: {len(unique_amendments)} rows", file=sys.stderr)
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "kg/data", help="directory to write into (default kg/data)")
    parser.add_argument("--report", action="store_true", help="print conflicting titles and odd source notes")
    args = parser.parse_args(argv)
    report = build(args.out)
    if args.report:
        for line in report["conflicts"] + report["odd"]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
