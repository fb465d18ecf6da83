"""Text -> the citing document's own identity: type, number, date, issuer, title, signer.

Read from a website's metadata block ("Số hiệu", "Ngày ban hành", "Loại văn bản", "Cơ quan
ban hành", "Người ký") when there is one, else from the header every Vietnamese legal text
opens with ("ỦY BAN NHÂN DÂN / TỈNH KON TUM", "Số: 322/KH-UBND", "Kon Tum, ngày 08 tháng 02
năm 2023", "KẾ HOẠCH", its title) and the signature at its foot. The issuer's locality is the
context in which "Ủy ban nhân dân tỉnh" and "Tỉnh ủy" resolve.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import replace
from functools import lru_cache

from .iri import file_iri
from .models import Document, SourceText
from .issuers import issuer_from_codes, joint_issuers, locality_of, number_codes
from .resolve import mint_instrument
from .vocab import fold, forms_where, vocabulary

__all__ = ["identify_document", "identity_incomplete"]


def _line_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``pattern``, read from the start of a line, as one that opens with the line's newline:
    re tries "^" at every position of a text but finds a literal opening fast. Search it in
    ``_lines(text)``, so that the first line has a newline before it too."""
    return re.compile("\n" + pattern, flags)


def _lines(text: str) -> str:
    return "\n" + text


_META = _line_pattern(r"(Số hiệu|Ngày ban hành|Loại văn bản|Cơ quan ban hành|Người ký)[ :]+(.+?)\s*$", re.MULTILINE)
#: The kinds whose header may write the number after their name ("Luật số: 45/2019/QH14"), as written and
#: in capitals: 'number_after_kind' in kg/data/document_types.json.
_NUMBER_AFTER_KIND = "|".join(re.escape(written) for form in forms_where("number_after_kind")
                              for written in dict.fromkeys((form, form.upper())))
#: (a joint instrument's long number wraps in the header's narrow column at a hyphen: "Số: 01/2022/TTLT-VKSNDTC-"
#: above "TANDTC-BCA-BQP-BLĐTBXH"; the next line then goes on with it)
_HEADER_NUMBER = _line_pattern(r"[ |]*(?:(?:" + _NUMBER_AFTER_KIND + r")\s+)?(?:Số|SỐ|số)\s*:\s*"
                               r"(\S[^\n]{0,40}?[-/][ \t]*\n[ \t]*[A-ZĐ][^\n]{0,40}|\S[^\n]{0,40})")
_CONSOLIDATED = re.compile(r"VĂN BẢN HỢP NHẤT")
_CONSOLIDATED_TYPE = "Văn bản hợp nhất"
_CONSOLIDATED_NUMBER = re.compile(r"(?:Số|SỐ)\s*:\s*(\d+\s?/\s?VBHN\s?-\s?[A-ZĐ]+)")
# A gazette file name: "nghi-dinh-so-186-2026-nd-cp-469660.txt", "van-ban-hop-nhat-so-04-vbhn-byt-26289.txt"
_FILE_NAME = re.compile(r"^(?P<type>[a-z-]+?)-so-(?P<number>\d+)(?:-(?P<year>(?:19|20)\d\d))?-(?P<codes>[a-z]+(?:-[a-z]+)*?)-\d+$")
_DATE_LINE = re.compile(
    r"(?:ngày|Ngày)\s*(\d{1,2})\s*(?:tháng\s*|/)\s*(\d{1,2})\s*(?:năm\s*|/)\s*((?:19|20)\d\d)")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)")
_ROLE_LINE = (
    r"[^\S\n]*(?:KT\.\s*|TM\.\s*|Q\.\s*)?(?:PHÓ\s+)?(?:CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CHỦ NHIỆM|"
    r"TỔNG GIÁM ĐỐC|GIÁM ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|THỐNG ĐỐC|TỔNG KIỂM TOÁN|BÍ THƯ|TRƯỞNG BAN|"
    r"CHÁNH VĂN PHÒNG|TỔNG THƯ KÝ|XÁC THỰC VĂN BẢN HỢP NHẤT)\s*$"
)
_SIGNER_ROLE = re.compile("^" + _ROLE_LINE, re.MULTILINE)  # one line, as read
# "| TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trương Việt Dũng |": the role, then the name, ending the cell
_SIGNER_CELL = re.compile(_ROLE_LINE.replace(r"\s*$", "").replace("[^\\S\\n]*", "", 1)
                          + r"[ \t]+(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})[ \t]*\|")
_SIGNER_ROLES = _line_pattern(_ROLE_LINE, re.MULTILINE)  # every role line of a text
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")
_UPPER_NAME = re.compile(r"^[A-ZĐÀ-Ỹ]+(?: [A-ZĐÀ-Ỹ]+){1,4}$")


def identify_document(source: SourceText) -> Document:
    """The identity of the document ``source`` holds.

    >>> from kg.text import prepare_text
    >>> doc = identify_document(prepare_text(
    ...     "ỦY BAN NHÂN DÂN\\nTỈNH KON TUM\\nSố: 322/KH-UBND\\nKon Tum, ngày 08 tháng 02 năm 2023\\nKẾ HOẠCH\\nVề dân vận\\n"))
    >>> doc.instrument.number, doc.instrument.date, doc.instrument.issuer, doc.locality
    ('322/KH-UBND', '2023-02-08', 'Ủy ban nhân dân tỉnh Kon Tum', 'tỉnh Kon Tum')
    """
    text = source.normalized
    head = _plain_markdown(text[:6000])
    meta = {**dict(_META.findall(_lines(head))), **_table_metadata(head)}
    number = _clean_number(meta.get("Số hiệu")) or _header_number(head)
    date = _date(meta.get("Ngày ban hành")) or _header_date(head)
    doc_type, title = _type_and_title(head)
    doc_type, title = (doc_type, title) if doc_type else _heading_title(source.original)
    # A consolidated text opens with the consolidated document's own type line and title and
    # states its own number by the authentication at the foot of its body.
    consolidated = _CONSOLIDATED_NUMBER.search(text) if (number is None or _CONSOLIDATED.search(head[:1500])) else None
    if consolidated or _CONSOLIDATED.search(head[:1500]):
        doc_type = _CONSOLIDATED_TYPE
        number = re.sub(r"\s+", "", consolidated.group(1)) if consolidated else None
    if meta.get("Loại văn bản"):
        doc_type = vocabulary().type_by_form.get(fold(meta["Loại văn bản"]), doc_type)
    if doc_type is None and number:
        code, _ = number_codes(number)
        doc_type = vocabulary().type_by_code.get(code) if code else None
    if number is None:
        number = _footer_number(text)
    if number is None:  # image-only gazette pages: the file name is all that names the document
        named = _from_file_name(source.path)
        if named:
            doc_type, number, _ = named
    if doc_type == _CONSOLIDATED_TYPE:
        # its opening lines date the instruments it merges ("có hiệu lực kể từ ngày ..."), never itself
        date = _date(meta.get("Ngày ban hành")) or _authenticated_date(text)
    elif date is None:
        date = (_own_number_date(text, number) if number else None) or _adoption_date(text)
    # a joint instrument's number names each of its issuers ("TTLT-VKSNDTC-TANDTC-BCA-..."), which a header
    # in columns lists so that no one line is the issuer
    issuer = (joint_issuers(number) if number else None) or (_header_issuer(head) if _has_header(head) else None) \
        or _meta_issuer(meta.get("Cơ quan ban hành"))
    if issuer is None and number:
        issuer = issuer_from_codes(number_codes(number)[1], None)
    if issuer is None and number:  # a numbered series has one issuer; a text with no header, none
        issuer = vocabulary().issuer_by_type.get(doc_type or "")
    locality = locality_of(issuer)
    if locality is None and issuer:
        issuer = _placed_issuer(issuer, text) or issuer
        locality = locality_of(issuer)
    year = int(date[:4]) if date else _unsigned_year(head)
    if number:
        embedded = re.match(r"[\d.]+[a-z]?/((?:19|20)\d\d)/", number)
        if embedded:
            year = int(embedded.group(1))
    signer = _meta_signer(meta.get("Người ký")) or _signer(text)
    instrument = mint_instrument(doc_type or "Văn bản", number, title, date, year, issuer, locality)
    if _identity_incomplete(instrument):
        instrument = replace(instrument, iri=file_iri(instrument.doc_type, source.path))
    return Document(instrument=instrument, signer=signer, locality=locality)


# ---------------------------------------------------------------- markdown as sites and datasets save it

# "# NGHỊ ĐỊNH": the marks go, the words stay (kg.text already made "**" spaces; "___" is the
# rule printed under a title, not markdown)
_EMPHASIS = re.compile(r"\*\*|(?<=\n)#{1,6}[ \t]+|^#{1,6}[ \t]+")
# "Số: **59**/2012/NĐ-CP" read as "Số:   59  /2012/NĐ-CP": the gap an emphasis left by a slash
_GAP_AT_SLASH = re.compile(r"(?<=[\dA-ZĐ])[ \t]+(?=/[\dA-ZĐ])|(?<=[\dA-ZĐ]/)[ \t]+(?=[\dA-ZĐ])")
# "| **Số hiệu** | 59/2012/NĐ-CP |": a metadata table's row, the key in its first cell
_TABLE_ROW = _line_pattern(r"[ \t]*\|[ \t]*(Số hiệu|Ngày ban hành|Loại văn bản|Cơ quan ban hành|Nơi ban hành|Người ký)"
                           r"[ \t]*:?[ \t]*\|[ \t]*([^|\n]*?)[ \t]*(?:\||$)", re.MULTILINE)
_TABLE_KEYS = {"Nơi ban hành": "Cơ quan ban hành"}
# A metadata table as a saved page's text gives it (thuvienphapluat.vn): each cell on a line of
# its own, the rows' bars between them: "Người ký:\n|\nTrần Hồng Hà\n|"
_CELL_ROW = _line_pattern(r"[ \t]*(Số hiệu|Ngày ban hành|Loại văn bản|Cơ quan ban hành|Nơi ban hành|Người ký)[ \t]*:?"
                          r"[ \t]*\n[ \t]*\|[ \t]*\n[ \t]*([^|\n]*?)[ \t]*(?=\n)", re.MULTILINE)


def _plain_markdown(head: str) -> str:
    """The head of a text without markdown emphasis and heading marks, which split a number
    ("Số: **59**/2012/NĐ-CP") and hide a type line ("# NGHỊ ĐỊNH"); plain text is left as it is.

    >>> _plain_markdown("# NGHỊ ĐỊNH\\nSố: **59**/2012/NĐ-CP")
    'NGHỊ ĐỊNH\\nSố: 59/2012/NĐ-CP'
    >>> _plain_markdown("Số:   59  /2012/NĐ-CP")
    'Số:   59/2012/NĐ-CP'
    """
    if "*" in head or "#" in head:
        head = _EMPHASIS.sub("", head)
    # the pattern opens with a lookbehind, so re tries it at every character: a gap stands
    # right before or after a slash, which four str.find rule out in nearly every head
    if any(gap in head for gap in (" /", "\t/", "/ ", "/\t")):
        head = _GAP_AT_SLASH.sub("", head)
    return head


def _table_metadata(head: str) -> dict[str, str]:
    """The rows of a metadata table ("| Số hiệu | 59/2012/NĐ-CP |"), as ``_META`` reads lines;
    empty cells are left out.

    >>> _table_metadata("| Số hiệu | 59/2012/NĐ-CP |\\n|---|---|\\n| Nơi ban hành | Chính phủ |\\n| Người ký | |")
    {'Số hiệu': '59/2012/NĐ-CP', 'Cơ quan ban hành': 'Chính phủ'}
    >>> _table_metadata("Số hiệu:\\n|\\n2530/QĐ-TTg\\n|\\n|\\nNgười ký:\\n|\\nTrần Hồng Hà\\n|\\n")
    {'Số hiệu': '2530/QĐ-TTg', 'Người ký': 'Trần Hồng Hà'}
    """
    lines = _lines(head)
    rows = [*_CELL_ROW.findall(lines), *_TABLE_ROW.findall(lines)]
    return {_TABLE_KEYS.get(key, key): value for key, value in rows if value}


def identity_incomplete(instrument) -> bool:
    """Whether what the text says of itself cannot tell it from another file: no number, or a
    local number ("01/KH-UBND", issued in every province) with no province to place it."""
    return instrument.number is None or instrument.iri.endswith("/unknown-locality")


_identity_incomplete = identity_incomplete


def _has_header(head: str) -> bool:
    """Whether the text opens with a header (the motto, a "Số:" line or a type line): an
    article of a code alone in its file has none, and the bodies its first lines name
    ("Luật này ... Quốc hội") are not its issuer."""
    top = head[:1500]
    return ("CỘNG HÒA" in head[:3000] or _HEADER_NUMBER.search(_lines(top)) is not None
            or _type_lines().search(_lines(top)) is not None)


def _clean_number(value: str | None) -> str | None:
    if not value:
        return None
    match = vocabulary().number.search(value)
    return re.sub(r"\s+", "", match.group()) if match else None


def _header_number(head: str) -> str | None:
    for match in _HEADER_NUMBER.finditer(_lines(head)):
        number = _clean_number(match.group(1))
        if number:
            return number
    return None


def _from_file_name(path: str) -> tuple[str, str, int | None] | None:
    """Type, number and year from a gazette file name, its codes spelled back from the vocabulary."""
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    match = _FILE_NAME.match(stem)
    if not match:
        return None
    vocab = vocabulary()
    from .iri import slug
    doc_type = next((t for t in set(vocab.type_by_form.values()) if slug(t) == match.group("type")), None)
    if doc_type is None:
        return None
    spelled = {slug(code): code for code in list(vocab.type_by_code) + list(vocab.local_codes)}
    spelled.update({slug(pattern.pattern.replace("\\d*\\Z", "").replace("\\Z", "")): pattern.pattern.replace("\\d*\\Z", "").replace("\\Z", "")
                    for pattern, _ in vocab.issuer_by_code})
    codes = "-".join(spelled.get(part, part.upper()) for part in match.group("codes").split("-"))
    year = match.group("year")
    number = f"{match.group('number')}/{year}/{codes}" if year else f"{match.group('number')}/{codes}"
    return doc_type, number, int(year) if year else None


def _footer_number(text: str) -> str | None:
    """A number stated at the foot of a text, by its signature, when the header has none."""
    tail = text[-4000:]
    found = None
    for match in _HEADER_NUMBER.finditer(_lines(tail)):
        found = _clean_number(match.group(1)) or found
    return found


def _date(value: str | None) -> str | None:
    if not value:
        return None
    match = _DMY.search(value) or _DATE_LINE.search(value)
    return _iso(match) if match else None


def _header_date(head: str) -> str | None:
    """The date of the place-and-date line ("Hà Nội, ngày 25 tháng 6 năm 2025"): the date opens its line,
    or follows a place and its comma, or opens the line after a place ("Đồng Tháp,"). Not a date in
    running text ("... ban hành kèm theo Nghị định số 134/2021/NĐ-CP ngày 30 tháng 12 năm 2021", "..., có
    hiệu lực kể từ ngày 01 tháng 7 năm 2009"), though a comma may stand earlier on its line.

    >>> _header_date("Sửa đổi, bổ sung một số điều của Thông tư số 21/2021/TT-BLĐTBXH ngày 15 \\ntháng 12 năm 2021"
    ...              "\\nHà Nội, ngày 15 tháng 05 năm 2026")
    '2026-05-15'
    """
    for match in _DATE_LINE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        before = head[line_start:match.start()].rsplit("|", 1)[-1]
        if _PLACE_BEFORE_DATE.search(before) or (not before.strip() and _opens_a_date_line(head, line_start)):
            iso = _iso(match)
            if iso:
                return iso
    return None


# A place and its comma just before the date: "Hà Nội, ", "TP. Hồ Chí Minh, ", "Bà Rịa - Vũng Tàu, ", "HÀ NỘI, "
_PLACE_BEFORE_DATE = re.compile(r"(?:(?<![\w-])[A-ZĐÀ-Ỹ][a-zà-ỹđ][^\d|,;:/()\n]{0,40}|(?<![\w-])[A-ZĐÀ-Ỹ]{2,}(?: [A-ZĐÀ-Ỹ]+)*),[ \t]*$")


def _opens_a_date_line(head: str, line_start: int) -> bool:
    """Whether a line that opens with a date is a place-and-date line of its own, not running text cut
    before "ngày": the line above is blank, a place with its comma ("Đồng Tháp,"), or part of the header
    (capitals, a rule, the "Số:" line, the motto); a sentence broken there ends in its words ("... có hiệu
    lực kể từ", "... Thông tư số 95/2020/TT-BTC")."""
    above = head[:line_start].rstrip(" \t|\n").rsplit("\n", 1)[-1].strip(" \t|*")
    return (not above or above.endswith(",") or not any(c.islower() for c in above)
            or above.startswith(("Số", "SỐ")) or above.endswith("Hạnh phúc"))


# A place-and-date line left for the signature to fill, its year printed: "Hà Nội, ngày       tháng      năm 2026"
_UNSIGNED_DATE = re.compile(r"(?:ngày|Ngày)[ \t._…]*tháng[ \t._…]*năm[ \t]*((?:19|20)\d\d)(?!\d)")


def _unsigned_year(head: str) -> int | None:
    """The year of a place-and-date line whose day and month are left blank (a gazette printing the text
    before its date was filled in); a blank form in an appendix (".........., ngày... tháng.... năm 20....")
    prints no place and no full year."""
    for match in _UNSIGNED_DATE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        if _PLACE_BEFORE_DATE.search(head[line_start:match.start()].rsplit("|", 1)[-1]):
            return int(match.group(1))
    return None


# The day a law or a resolution of the National Assembly or its Standing Committee was adopted, in its closing
# sentence: "Luật này được Quốc hội ... khóa XV, kỳ họp thứ 8 thông qua ngày 27 tháng 11 năm 2024."
_ADOPTED = re.compile(r"(?:kỳ|phiên)\s+họp[^.;]{0,120}?thông\s+qua\s*" + _DATE_LINE.pattern)


def _own_number_date(text: str, number: str) -> str | None:
    """The date written right after the document's own number: a gazette continuation's heading
    ("Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018"), an appendix's "(Ban hành kèm theo Thông tư
    số 102/2018/TT-BTC ngày 14/11/2018 ...)".

    >>> _own_number_date("(Ban hành kèm theo Thông tư số 102/2018/TT-BTC \\nngày 14/11/2018 của Bộ Tài chính)",
    ...                  "102/2018/TT-BTC")
    '2018-11-14'
    """
    spaced = r"\s*".join(map(re.escape, number))  # a number broken over a line
    match = re.search(r"(?<![\w/.-])" + spaced + r"(?![\w/])[ \t]*,?\s*" + _DATE_LINE.pattern, text)
    return _iso(match) if match else None


def _adoption_date(text: str) -> str | None:
    """The date of the last adoption sentence of ``text``, if any.

    >>> _adoption_date("Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ \\n"
    ...                "nghĩa Việt Nam khóa XV, phiên họp thứ 45 thông qua ngày 17 tháng 5 năm 2025.")
    '2025-05-17'
    """
    last = _last_match(_ADOPTED, text)
    return _iso(last) if last else None


def _last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """The last match of ``pattern`` in ``text``: what a text states at its foot."""
    last = None
    for last in pattern.finditer(text):
        pass
    return last


# The authentication at a consolidated text's foot: "XÁC THỰC VĂN BẢN HỢP NHẤT", its number and the
# place-and-date line of the consolidating body's signature ("Hà Nội, ngày 16 tháng 3 năm 2026")
_AUTHENTICATION = re.compile(r"XÁC THỰC VĂN BẢN HỢP NHẤT")
_AUTHENTICATION_REACH = 400  # characters around the words: the block holds the body, number, date, role
_PLACE_AND_DATE = _line_pattern(r"[ \t|]*(?:[^\W\d][^\n,\d]{0,40},[ \t]*)?" + _DATE_LINE.pattern)


def _authenticated_date(text: str) -> str | None:
    """A consolidated text's own date: the place-and-date line of its authentication block, after the
    words "XÁC THỰC VĂN BẢN HỢP NHẤT" or, where the block is laid out the other way, before them.
    None when the text holds no such block (a gazette window cut before its end).

    >>> _authenticated_date("... thi hành./.\\nVĂN PHÒNG QUỐC HỘI\\nSố: 113/VBHN-VPQH\\n\\nXÁC THỰC VĂN BẢN HỢP NHẤT\\n"
    ...                     "Hà Nội, ngày 20 tháng 5 năm 2026\\nCHỦ NHIỆM")
    '2026-05-20'
    """
    block = _last_match(_AUTHENTICATION, text)
    if block is None:
        return None
    after = _PLACE_AND_DATE.search(_lines(text[block.end():block.end() + _AUTHENTICATION_REACH]))
    if after is None:
        before = list(_PLACE_AND_DATE.finditer(_lines(text[max(0, block.start() - _AUTHENTICATION_REACH):block.start()])))
        after = before[-1] if before else None
    return _iso(after) if after else None


def _iso(match: re.Match) -> str | None:
    day, month, year = (int(g) for g in match.groups()[:3])
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _type_lines() -> re.Pattern:
    """A line holding only a type word in capitals ("KẾ HOẠCH"), as written: folding moves tone
    marks ("HOẠCH" -> "HỌACH")."""
    forms = vocabulary().forms
    return _line_pattern(r"[ |]*(" + "|".join(re.escape(f.upper()) for f in forms) + r")[ ]*$", re.MULTILINE)


def _type_and_title(head: str) -> tuple[str | None, str | None]:
    """The type line ("KẾ HOẠCH") and the title lines under it, up to a blank line."""
    lines_of_head = _lines(head)
    match = _type_lines().search(lines_of_head)
    if not match:
        return None, None
    doc_type = vocabulary().type_by_form.get(fold(match.group(1)))
    lines = []
    for line in lines_of_head[match.end():].split("\n", 12)[1:12]:
        stripped = line.strip(" |")
        if not stripped:
            if lines:
                break
            continue
        if stripped.startswith(("Căn cứ", "Thực hiện", "Triển khai")) or _DATE_LINE.match(stripped):
            break
        if not stripped.strip("_-–—=* "):  # the rule printed under a title ("__________")
            break
        lines.append(stripped)
    title = " ".join(" ".join(lines).split()) or None
    if title and title.isupper():
        title = _sentence_case(title)
    return doc_type, title


def _heading_title(text: str) -> tuple[str | None, str | None]:
    """The type and title of a text that opens with a markdown heading naming them on one line, as
    datasets save a document or an article of a code ("# Luật Bảo vệ môi trường" above its
    metadata table): the heading is the document's own title, not a citation of it. A heading
    with a number after the type word ("# Nghị định 59/2012/NĐ-CP ...") is left to the number.

    >>> _heading_title("# Luật Bảo vệ môi trường\\n\\n| **Số hiệu** | 1/2006/QH11 |")
    ('Luật', 'Bảo vệ môi trường')
    >>> _heading_title("# Nghị định 59/2012/NĐ-CP về theo dõi tình hình thi hành pháp luật\\n")
    (None, None)
    >>> _heading_title("# Điều 1. Phạm vi điều chỉnh"), _heading_title("Luật Đất đai năm 2024 quy định")
    ((None, None), (None, None))
    """
    match = _HEADING_TITLE.match(text)
    if match is None:
        return None, None
    line = " ".join(match.group(1).replace("**", "").split())
    folded = fold(line)
    for form in vocabulary().forms:
        key = fold(form)
        if folded.startswith(key + " "):
            rest = line[len(form) + 1:].strip()
            if rest and not rest[0].isdigit() and not fold(rest).startswith(("số ", "này")):
                return vocabulary().type_by_form[key], _sentence_case(rest) if rest.isupper() else rest
            break
    return None, None


# the first line of a text, a markdown heading of the first or second level
_HEADING_TITLE = re.compile(r"\s*#{1,2}[ \t]+([^\n#]{3,300})\n")


def _sentence_case(title: str) -> str:
    """An all-caps title as a sentence: numbers keep their codes, names of bodies and places
    their capitals, and a type word before "số" its own ("Quyết định số 1899/QĐ-TTg")."""
    words = [w if any(c.isdigit() for c in w) else w.lower() for w in title.split()]
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    for lowercase, name in _proper_names():
        text = lowercase.sub(name, text)
    return text


@lru_cache(maxsize=1)
def _proper_names() -> tuple[tuple[re.Pattern, str], ...]:
    """Each proper name, longest first, with the pattern of it in lowercase as a whole word."""
    vocab = vocabulary()
    names = set(vocab.national_issuers.values())
    names.update(place for _, place in vocab.places.values())
    names.update({"Việt Nam", "Đảng", "Trung ương", "Hồ Chí Minh"})
    names.update(f"{form} số" for form in vocab.forms)
    return tuple((re.compile(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)"), name)
                 for name in sorted(names, key=len, reverse=True))


def _header_issuer(head: str) -> str | None:
    """The issuing body at the top left, before "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"."""
    vocab = vocabulary()
    top = head.split("CỘNG HÒA", 1)[0] if "CỘNG HÒA" in head[:3000] else head[:800]
    lines = [" ".join(l.strip(" |-").split()) for l in top.split("\n")]
    lines = [l for l in lines if l and not l.startswith(("CÔNG BÁO", "VĂN BẢN", "Số"))]
    joined = " ".join(lines)
    folded = fold(joined)
    local_bodies, national_aliases = _aliases_longest_first()
    for alias, (body, style) in local_bodies:
        if alias in folded:
            for place_key, (kind, place) in vocab.places.items():
                if place_key in folded:
                    return " ".join(style.format(body=body, kind=kind, place=place).split())
    for line in reversed(lines):
        name = vocab.national_issuers.get(fold(line))
        if name:
            return name
    for alias in national_aliases:
        if alias in folded:
            return vocab.national_issuers[alias]
    return None


@lru_cache(maxsize=1)
def _aliases_longest_first() -> tuple[list, list]:
    """The local bodies by alias and the national issuers' aliases, longest first; sorted once,
    not for every text."""
    vocab = vocabulary()
    return (sorted(vocab.local_bodies.items(), key=lambda kv: -len(kv[0])),
            sorted(vocab.national_issuers, key=len, reverse=True))


_SIGNED_FOR = re.compile(r"TM\.\s*((?:\s*[^\s|]+){2,12}?)\s*\n[\s|*]*(?:KT\.|Q\.|CHỦ TỊCH|PHÓ CHỦ TỊCH|BÍ THƯ)")


def _placed_issuer(issuer: str, text: str) -> str | None:
    """A local body named without its place ("Ủy ban nhân dân", its header's province line lost)
    placed by the rest of the document's own furniture: the place of the place-and-date line
    ("Lai Châu, ngày 19 tháng 11 năm 2025"), or the body it signs for ("TM. ỦY BAN NHÂN DÂN TỈNH
    LAI CHÂU"). A province or centrally-run city only: "Buôn Ma Thuột, ngày" places nothing.

    >>> _placed_issuer("Ủy ban nhân dân", "ỦY BAN NHÂN DÂN\\nSố: 7360/KH-UBND\\nLai Châu, ngày\\n19 tháng 11 năm 2025")
    'Ủy ban nhân dân tỉnh Lai Châu'
    >>> _placed_issuer("Ủy ban nhân dân", "...\\nTM. ỦY BAN NHÂN DÂN\\nTỈNH LAI CHÂU\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH")
    'Ủy ban nhân dân tỉnh Lai Châu'
    """
    vocab = vocabulary()
    body = vocab.local_bodies.get(fold(issuer))
    if body is None:
        return None
    name, style = body
    head = text[:6000]
    said = []
    for match in _DATE_LINE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        before = head[line_start:match.start()]
        if "," in before:
            said.append(before.rsplit(",", 1)[0])
            break
    said += [m.group(1) for m in _SIGNED_FOR.finditer(text[-5000:])]
    for words in said:
        folded = fold(words.replace("*", " ").strip(" |"))
        for place_key, (kind, place) in vocab.places.items():
            if folded == place_key or folded.endswith(" " + place_key):
                return " ".join(style.format(body=name, kind=kind, place=place).split())
    return None


def _meta_issuer(value: str | None) -> str | None:
    """"Cơ quan ban hành Tỉnh Kon Tum" names the province: its People's Committee issued it."""
    if not value:
        return None
    vocab = vocabulary()
    folded = fold(value)
    national = vocab.national_issuers.get(folded)
    if national:
        return national
    for place_key, (kind, place) in vocab.places.items():
        if folded.endswith(place_key):
            return f"Ủy ban nhân dân {kind} {place}"
    return None


def _meta_signer(value: str | None) -> str | None:
    """A metadata signer that is a person's name; not a site's placeholder for what only its members
    see ("Đã biết") nor a body ("Cổng Thông tin điện tử Chính phủ", a gazette's digital signature).

    >>> _meta_signer("Trần Hồng Hà"), _meta_signer("NGUYỄN VĂN ĐỆ"), _meta_signer("Đã biết")
    ('Trần Hồng Hà', 'Nguyễn Văn Đệ', None)
    """
    value = " ".join((value or "").split())
    if _NAME.match(value) and not _NOT_A_NAME.search(value):
        return value
    if _UPPER_NAME.match(value) and not _NOT_A_NAME.search(value.title()):
        return value.title()
    return None


# words of a body's name, never of a person's
_NOT_A_NAME = re.compile(r"(?<!\w)(?:Cổng|Thông Tin|Điện Tử|Chính Phủ|Văn Phòng|Ủy Ban|Bộ|Sở|Cục|Tổng Cục|Ban)(?!\w)")


def _signer(text: str) -> str | None:
    """The name under the last signing role ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Đào Mỹ")."""
    tail = _lines(text[-5000:])
    last = None
    for last in _SIGNER_ROLES.finditer(tail):
        pass
    if last is None:  # a signature table's cell read as one line (a page's or a Word file's table)
        if "|" not in tail:  # the cell's bar ends every match, and re finds no literal to skip to
            return None
        cell = None
        for cell in _SIGNER_CELL.finditer(tail):
            pass
        return cell.group("name") if cell else None
    for line in tail[last.end():].split("\n", 8)[:8]:
        stripped = line.strip(" |")
        if not stripped or stripped.startswith("(") or _SIGNER_ROLE.match(stripped):
            continue
        if _NAME.match(stripped):
            return stripped
        if _UPPER_NAME.match(stripped) and len(stripped.split()) <= 5:
            return stripped.title()
    return None
