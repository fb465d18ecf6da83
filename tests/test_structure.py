"""Structure of real corpus documents: each structural form, and the tasks' agencies and deadlines."""
import pytest

from kg.extract import extract_file
from kg.duties import read_deadline

FOUNDING = "corpus/322-KH-UBND-2023-kon-tum.txt"
APPENDIX_TABLE = "corpus/plans/980-kh-ubnd-tinh-nghe-an-2025-c5d930a5.txt"
INLINE_BLOCKS = "corpus/plans/308-kh-ubnd-ha-noi-2025-8e9a425d.txt"
DIRECTIVE = "corpus/plans/012-ct-ubnd-tinh-dak-lak-2025-541cde0f.txt"
DECREE = "corpus/congbao/bhxh/nghi-dinh-so-158-2025-nd-cp-45240.txt"


def _sections(path):
    return {s.id: s for s in extract_file(path).sections}


# (file, section id, kind, parent, fields the section must carry)
CASES = [
    # "II. NỘI DUNG TRIỂN KHAI ... 1. Tổ chức quán triệt ..."
    (FOUNDING, "II.1", "task", "II", {}),
    (FOUNDING, "I.2", "item", "I", {"title": "Yêu cầu"}),
    # "III.1 ... báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trong tháng 02 năm 2023"
    (FOUNDING, "III.1", "task", "III", {"deadline": "2023-02", "reports_to": "Ủy ban nhân dân tỉnh Kon Tum"}),
    # "3. Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tham mưu ..."
    (FOUNDING, "III.3", "task", "III", {"lead": "Sở Nội vụ", "partners": ("các cơ quan, đơn vị có liên quan",)}),
    # appendix table "1 | Tổ chức lại Ban Chỉ huy ... | Bộ CHQS tỉnh; UBND cấp xã | Văn phòng Ban Chỉ huy;
    # các sở, ban, ngành | Trước ngày 30/11/2025 | ..."
    # (its rows are numbered afresh under each group, "**I** | **KIỆN TOÀN ...**": a row is named by both)
    (APPENDIX_TABLE, "appendix.I.1", "task", "Phụ lục",
     {"lead": "Bộ CHQS tỉnh; UBND cấp xã", "partners": ("Văn phòng Ban Chỉ huy", "các sở, ban, ngành"),
      "deadline": "2025-11-30"}),
    # a cell that states a recurrence is kept as written
    (APPENDIX_TABLE, "appendix.II.1", "task", "Phụ lục", {"lead": "Sở Tài chính", "deadline": "Thường xuyên"}),
    # "1.1. ... b) Cơ quan thực hiện: - Đơn vị chủ trì: Sở Khoa học và Công nghệ. - Đơn vị phối hợp: Các Sở,
    # ban, ngành. c) Thời gian thực hiện: Hoàn thành trong năm 2025."
    (INLINE_BLOCKS, "II.1.1", "task", "II.1",
     {"lead": "Sở Khoa học và Công nghệ", "partners": ("Các Sở, ban, ngành",), "deadline": "2025"}),
    (INLINE_BLOCKS, "II.1.2", "task", "II.1",
     {"lead": "Các Sở, ban, ngành", "partners": ("Sở Khoa học và Công nghệ", "UBND xã, phường")}),
    (INLINE_BLOCKS, "II.1.1.b", "point", "II.1.1", {"title": "Cơ quan thực hiện"}),
    # directive: "2. Sở Khoa học và Công nghệ" heading its instructions "a) Bám sát ..."
    (DIRECTIVE, "2", "task", None, {"lead": "Sở Khoa học và Công nghệ"}),
    (DIRECTIVE, "2.a", "point", "2", {}),
    # decree: "Chương I NHỮNG QUY ĐỊNH CHUNG", "Điều 3. Đối tượng tham gia ...", "2. Chủ hộ kinh doanh ...",
    # "a) Chủ hộ kinh doanh ... nộp thuế ..."
    (DECREE, "Chương I", "chapter", None, {"title": "NHỮNG QUY ĐỊNH CHUNG"}),
    (DECREE, "Điều 3", "article", "Chương I", {"title": "Đối tượng tham gia bảo hiểm xã hội bắt buộc"}),
    (DECREE, "Điều 3.2", "clause", "Điều 3", {}),
    (DECREE, "Điều 3.2.a", "point", "Điều 3.2", {}),
    (DECREE, "Chương III.Mục 1", "division", "Chương III", {"title": "CHẾ ĐỘ HƯU TRÍ"}),
]


@pytest.mark.parametrize("path, section_id, kind, parent, fields", CASES)
def test_section(path, section_id, kind, parent, fields):
    section = _sections(path)[section_id]
    assert (section.kind, section.parent) == (kind, parent)
    for name, value in fields.items():
        assert getattr(section, name) == value, name


@pytest.mark.parametrize("path", [FOUNDING, APPENDIX_TABLE, INLINE_BLOCKS, DIRECTIVE, DECREE])
def test_sections_nest_and_point_into_the_original(path):
    sections = extract_file(path).sections
    seen = {}
    for section in sections:
        assert section.id not in seen, section.id  # ids are unique
        if section.parent is not None:
            parent = seen[section.parent]  # parents come first
            assert parent.start <= section.start and section.end <= parent.end
        assert section.start < section.end
        seen[section.id] = section


def test_founding_plan_tasks_and_citations():
    result = extract_file(FOUNDING)
    tasks = [s.id for s in result.sections if s.kind == "task"]
    assert tasks[:7] == [f"II.{n}" for n in range(1, 8)]
    assert result.sections[0].id == "preamble"
    placed = {c.instrument.number: c.section for c in result.citations if c.instrument.number}
    assert placed["42/KH-UBND"] == "II.4" and placed["14-CT/TU"] == "II.7" and placed["454/QĐ-UBND"] == "I.2"
    text = open(FOUNDING, encoding="utf-8").read()
    section = next(s for s in result.sections if s.id == "II")
    assert text[section.start:section.end].startswith("II. NỘI DUNG TRIỂN KHAI")


@pytest.mark.parametrize("words, cell, expected", [
    ("trong tháng 02 năm 2023", False, "2023-02"),
    ("trước ngày 30 tháng 11 năm 2023", False, "2023-11-30"),
    ("Trước ngày\n30/11/2025", True, "2025-11-30"),
    ("hằng năm", False, "hằng năm"),
    ("định kỳ 6 tháng", False, "định kỳ 6 tháng"),
    # quarters and recurrences as written in plans
    ("Quý IV/2025", True, "Quý IV/2025"),
    ("hoàn thành trong Quý III năm 2026.", False, "Quý III năm 2026"),
    ("Quý IV/2025 - Quý II/2026", True, "Quý IV/2025 - Quý II/2026"),
    ("Thường xuyên", True, "Thường xuyên"),
    ("Thường xuyên, hằng năm", True, "Thường xuyên, hằng năm"),
    ("định kỳ trước ngày 30/11 hằng năm", False, "định kỳ trước ngày 30/11 hằng năm"),
    ("báo cáo UBND tỉnh trước ngày 15 hằng tháng", False, "trước ngày 15 hằng tháng"),
    ("Theo kế hoạch của Bộ Nội vụ hằng năm", True, "Theo kế hoạch của Bộ Nội vụ hằng năm"),
    ("Trước ngày 30/11/2025 và ngày 31/5/2026", True, "Trước ngày 30/11/2025 và ngày 31/5/2026"),
    ("Tháng 12/2025", True, "2025-12"),
    ("Hoàn thành trong năm 2025.", True, "2025"),
    ("ngày 18 tháng 5 năm 2021 của Bộ Chính trị", False, None),  # a citation's date is no deadline
])
def test_deadline(words, cell, expected):
    assert read_deadline(words, cell=cell) == expected


def test_plans_set_has_tasks():
    import glob
    tasks = sum(1 for path in glob.glob("corpus/plans/*.txt")
                for s in extract_file(path).sections if s.kind == "task")
    assert tasks > 300


@pytest.mark.slow  # the whole corpus
def test_every_section_of_the_corpus_lies_inside_its_parent():
    """Found by the SHACL shapes: attached texts' articles once hung under a chapter of the body
    that had closed before them, so they ended before they began."""
    from pathlib import Path

    from kg.extract import extract_paths

    count, wrong = 0, []
    for path, result in extract_paths([Path(__file__).resolve().parent.parent / "corpus"]):
        by_id = {s.id: s for s in result.sections}
        for section in result.sections:
            count += 1
            parent = by_id.get(section.parent) if section.parent else None
            if section.start > section.end or (section.parent and parent is None) or (
                    parent and not parent.start <= section.start <= section.end <= parent.end):
                wrong.append((path.name, section.id, section.parent, section.start, section.end))
    assert count > 20000
    assert not wrong, wrong[:5]


def _structure_data():
    import json
    from importlib.resources import files

    return json.loads(files("kg").joinpath("data", "structure.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("opening, lead", _structure_data()["addressee"]["examples"])
def test_an_item_addressed_to_an_agency_names_its_lead(opening, lead):
    # the examples kept in data/structure.json, read as a task item's own words are
    from kg.duties import _addressee, _rules

    assert _addressee(opening, _rules()) == lead


@pytest.mark.parametrize("deadline", _structure_data()["deadlines"])
def test_every_deadline_example_in_the_data_is_read(deadline):
    for example in deadline["examples"]:
        value = read_deadline(example, cell=bool(deadline.get("cell_only")))
        assert value, example


def test_the_time_headings_of_the_data_are_told_from_the_past():
    from kg.structure import _Draft, _headed_by_time, _rules

    data = _structure_data()
    for title in data["time_headings_examples"]:
        assert _headed_by_time(_Draft("1", "item", 1, 0, title=title), _rules()), title
    for title in data["time_headings_not"]:
        assert not _headed_by_time(_Draft("1", "item", 1, 0, title=title + ", các cơ quan"), _rules()), title


@pytest.mark.parametrize("path, section_id, lead, deadline", [
    # an item addressed to an agency by its bold heading, its duties in bullets below
    ("corpus/plans/1026-kh-ubnd-tinh-nghe-an-2025-0a97eb9c.txt", "III.3", "Sở Khoa học và Công nghệ", None),
    ("corpus/plans/987-kh-ubnd-tinh-nghe-an-2025-ceb89a53.txt", "IV.4", "Các doanh nghiệp viễn thông", "định kỳ"),
    ("corpus/plans/617-kh-ubnd-tinh-dong-thap-2025-8718801c.txt", "IV.6",
     "Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã Tỉnh", None),
    # the agency as the subject of the item's first sentence, its name wrapped over two lines
    ("corpus/plans/308-kh-ubnd-ha-noi-2025-8e9a425d.txt", "III.1", "Sở Khoa học và Công nghệ",
     "trước ngày 20 hằng tháng"),
    ("corpus/plans/172-kh-ubnd-ho-chi-minh-2025-2f6f80b9.txt", "II.3",
     "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố", None),
    ("corpus/plans/0130-kh-ubnd-tinh-dak-lak-2025-a49ef8a0.txt", "IV.1", "Trung tâm Kiểm soát bệnh tật tỉnh", None),
    # an item of a budget part that gives the work to a lead is a task
    ("corpus/plans/7360-kh-ubnd-tinh-lai-chau-2025-6a406c1f.txt", "III.3", "Sở Tài chính", None),
    # deadlines as plans write them: a quarter and the years after it; a recurring day of the year
    ("corpus/plans/7360-kh-ubnd-tinh-lai-chau-2025-6a406c1f.txt", "II.1", "Sở Khoa học và Công nghệ",
     "Quý IV năm 2025 và các năm tiếp theo"),
    ("corpus/plans/617-kh-ubnd-tinh-dong-thap-2025-8718801c.txt", "IV.7", None,
     "định kỳ trước ngày 01/6 và 15/11 hằng năm"),
    ("corpus/plans/987-kh-ubnd-tinh-nghe-an-2025-ceb89a53.txt", "IV.1", "Sở Khoa học và Công nghệ",
     "trước ngày 15/12 hàng năm"),
    # a gazette heading "Bộ Y tế" with its duties on the next line, in capitals
    ("corpus/congbao/thue_tncn/quyet-dinh-so-893-qd-ttg-469593.txt", "VI.4", "Bộ Y tế", None),
])
def test_task_lead_and_deadline_as_the_plan_writes_them(path, section_id, lead, deadline):
    section = next(s for s in extract_file(path).sections if s.id == section_id)
    assert section.kind == "task"
    if lead:
        assert section.lead == lead
    if deadline:
        assert deadline in section.deadlines


def test_a_task_of_several_duties_reads_each_duty_s_labelled_time():
    """"1.2. Sở Tài chính ... - Tuyên truyền ... Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc
    Tổng kiểm kê. - Tham mưu ... Thời gian hoàn thành: Tháng 11 - 12/2025. - Phối hợp ... Thời gian hoàn
    thành: Tháng 12/2025. ...": every label's time, in text order, not only the first one's."""
    section = _sections("corpus/plans/1627-qd-ubnd-tinh-quang-ngai-2025-4e39af96.txt")["IV.1.2"]
    assert section.deadlines == ("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", "Tháng 11 - 12/2025", "2025-12",
                                 "2026-05-31")
