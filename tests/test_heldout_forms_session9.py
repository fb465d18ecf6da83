"""Forms of Vietnamese legal writing the held-out texts of session 9 showed kg did not read
(tests/gold/SETTLING.md, "Four held-out texts (session 9)"). Each passage is read from its corpus file as printed."""
from pathlib import Path

from kg.duties import read_deadline
from kg.extract import extract_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ELECTION = CORPUS / "plans" / "0125-kh-ubnd-tinh-dak-lak-2025-2957e4f4.txt"
CAMPAIGN = CORPUS / "plans" / "174-kh-ubnd-ho-chi-minh-2025-31fb08f3.txt"


def sections(path: Path) -> dict[str, dict]:
    return {s["id"]: s for s in extract_file(path).to_dict()["sections"]}


def deadlines(section: dict) -> list[str]:
    """Every deadline of a section ("deadlines" is written only where there are several)."""
    return section.get("deadlines") or ([section["deadline"]] if section.get("deadline") else [])


def test_a_period_is_read_from_its_start_to_its_end():
    # "**3. Thời gian tổ chức phong trào thi đua**: Phong trào thi đua cao điểm được triển khai thực hiện từ tháng 10
    # năm 2025 đến hết tháng 3 năm 2026. Tổng kết vào tháng 4 năm 2026." (its end alone was read: 2026-03)
    assert deadlines(sections(ELECTION)["II.3"]) == ["từ tháng 10 năm 2025 đến hết tháng 3 năm 2026", "2026-04"]
    # "Nội dung: Triển khai Tháng hành động (từ ngày 15/11 đến ngày 15/12)": no year, still a period
    assert deadlines(sections(CAMPAIGN)["III.1.a"]) == ["từ ngày 15/11 đến ngày 15/12"]
    assert read_deadline("từ nay đến năm 2030") == "từ nay đến năm 2030"
    # a start with no end is no period: its time is read as before
    assert read_deadline("Từ năm 2025 trở đi, trong năm 2025") == "2025"


def test_an_item_headed_by_its_time_outside_the_tasks_states_it():
    # "**2. Thời gian trình khen thưởng:\n**Hồ sơ trình ... gửi về Sở Nội vụ ... *trước ngày 31/3/2026 *để tổng hợp"
    # in "V. THỦ TỤC, HỒ SƠ VÀ THỜI GIAN KHEN THƯỞNG", a part that gives no task
    election = sections(ELECTION)
    assert election["V.2"]["kind"] == "item" and deadlines(election["V.2"]) == ["2026-03-31"]
    # "b) Thời gian: Từ ngày\n15/11/2025 đến ngày 15/12/2025." under "2. Tháng hành động"
    assert deadlines(sections(CAMPAIGN)["II.2.b"]) == ["Từ ngày 15/11/2025 đến ngày 15/12/2025"]
    # but not a task's field ("c) Thời gian thực hiện: 2025": the task's own deadline), nor an article's rule
    hanoi = sections(CORPUS / "plans" / "308-kh-ubnd-ha-noi-2025-8e9a425d.txt")
    assert hanoi["II.1.1"]["kind"] == "task" and "2025" in deadlines(hanoi["II.1.1"])
    assert deadlines(hanoi["II.1.1.c"]) == []
    teaching = sections(CORPUS / "congbao" / "hd_khoan" / "thong-tu-so-04-2022-tt-bldtbxh-36990.txt")
    assert deadlines(teaching["Điều 3.4.a"]) == []


def test_an_issuer_written_between_type_word_and_number_without_cua():
    # "đặc biệt là triển khai Kết luận liên ngành Tư pháp Trung ương số 23/KL-LNTPTW ngày 16/6/2025" (182, III.2.10)
    drugs = extract_file(CORPUS / "plans" / "182-kh-ubnd-tinh-dong-nai-2025-f069c23c.txt").to_dict()
    cited = {i["number"]: i for i in drugs["instruments"] if i["number"]}
    assert cited["23/KL-LNTPTW"]["doc_type"] == "Kết luận"
    assert cited["23/KL-LNTPTW"]["issuer"] == "Liên ngành Tư pháp Trung ương"
    # a table's cell: "Quyết định \nThủ tướng \nSố 67/1998/QĐ-TTg \nngày 26/3/1998"
    table = extract_file(CORPUS / "congbao" / "cong_doan" / "quyet-dinh-so-225-qd-bldtbxh-41601.txt").to_dict()
    found = {i["number"]: i["issuer"] for i in table["instruments"] if i["number"]}
    assert found["67/1998/QĐ-TTg"] == "Thủ tướng Chính phủ" and "29/2017/QĐ-TTg" in found


def test_a_basis_a_task_names_is_the_task_s_not_the_document_s():
    # opening: "Thực hiện Nghị quyết số 163/2024/QH15 ..., Nghị quyết số 50/NQ-CP ... và Quyết định số 7619/QĐ-BCA"; task
    # III.2: "Căn cứ nội dung của Chương trình ... theo Quyết định số 7619/QĐ-BCA ... và Kế hoạch này, các Sở, ban,
    # ngành ... tổ chức quán triệt": the agencies' work rests on the decision, the plan carries it out
    found = extract_file(CORPUS / "plans" / "182-kh-ubnd-tinh-dong-nai-2025-f069c23c.txt")
    own = found.document.instrument.iri
    decision = next(c.instrument.iri for c in found.citations if c.instrument.number == "7619/QĐ-BCA")
    of = {(r.subject, r.object): r.predicate for r in found.relations}
    assert of[(own, decision)] == "implements"
    assert of[(own + "/section/iii.2", decision)] == "based_on"


def test_the_role_of_lead_names_no_lead():
    # III.1.4: "Phát huy vai trò nòng cốt của các cơ quan chuyên trách, nhất là vai trò chủ trì của lực lượng Công an":
    # "chủ trì" after "vai trò" is a role, and "các cơ quan chuyên trách, nhất là vai trò" no agency
    drugs = sections(CORPUS / "plans" / "182-kh-ubnd-tinh-dong-nai-2025-f069c23c.txt")
    assert drugs["III.1.4"]["kind"] == "task" and drugs["III.1.4"].get("lead") is None


def test_so_with_its_marks_lost_still_leads_to_a_number():
    # "Tổ chức quán triệt, triển khai thực hiện Chỉ thị so 41-CT/TW ngày 26/12/2024 của Bộ Chính trị" (982, left by
    # session 8): "so" for "số", read only before a number ("so với", "so sánh" are words of their own)
    found = extract_file(CORPUS / "plans" / "982-kh-ubnd-tinh-nghe-an-2025-99c7d8ff.txt").to_dict()
    cited = {i["number"]: i for i in found["instruments"] if i["number"]}
    assert cited["41-CT/TW"]["issuer"] == "Bộ Chính trị" and cited["41-CT/TW"]["date"] == "2024-12-26"


def test_a_letter_by_a_generic_word_is_of_the_kind_its_number_names():
    # 0125: "Công văn số 7886/HD-BNV ngày 14/9/2025 của Bộ Nội vụ" beside three "Hướng dẫn 7886/HD-BNV": one guidance
    election = extract_file(ELECTION).to_dict()
    kinds = [(i["doc_type"], i["mentions"]) for i in election["instruments"] if i["number"] == "7886/HD-BNV"]
    assert kinds == [("Hướng dẫn", 4)]
    # a letter's own number names no kind: it stays a Công văn
    assert any(i["doc_type"] == "Công văn" and i["number"] == "8935/BNV-CTTN&BĐG"
               for i in extract_file(CAMPAIGN).to_dict()["instruments"])


def test_a_day_and_month_without_a_year_in_words():
    # 556 VI.4 (left by session 8): "Thời gian báo cáo định kỳ hàng năm ... gửi ... chậm nhất ngày\n17 tháng 12."
    reporting = sections(CORPUS / "plans" / "556-kh-ubnd-tinh-dong-thap-2025-bffd9da6.txt")["VI.4"]
    assert deadlines(reporting) == ["định kỳ hàng năm", "chậm nhất ngày 17 tháng 12"]
    assert read_deadline("trước ngày 05 tháng 6 hằng năm") == "trước ngày 05 tháng 6 hằng năm"
    assert read_deadline("trước ngày 15 tháng 12 năm 2025") == "2025-12-15"  # with its year: a date


def test_chấm_dứt_hiệu_lực_repeals_as_hết_hiệu_lực_does():
    # "7. Kể từ ngày Thông tư này có hiệu lực thi hành, Thông tư số 11/2015/TT-BKHĐT ... quy định chi tiết lập hồ sơ
    # yêu cầu đối với chỉ định thầu, chào hàng cạnh tranh chấm \ndứt hiệu lực."
    bidding = extract_file(next((CORPUS / "congbao" / "uu_dai_dt").glob("thong-tu-so-21-2022-*.txt")))
    own = bidding.document.instrument.iri
    old = next(c.instrument.iri for c in bidding.citations if c.instrument.number == "11/2015/TT-BKHĐT")
    assert any(r.subject == own and r.object == old and r.predicate == "repeals" for r in bidding.relations)


def test_bodies_named_as_texts_abbreviate_them():
    # "Kết luận liên ngành tư pháp Trung ương số 23/KL-LNTPTW" (153, lower case), "Quyết định số 4255/QĐ-BNN-KHCN
    # ngày 04/12/2024 của Bộ Nông nghiệp và PTNT" (0134)
    drugs = extract_file(CORPUS / "plans" / "153-kh-ubnd-can-tho-2025-24c7124e.txt").to_dict()
    assert any(i["number"] == "23/KL-LNTPTW" for i in drugs["instruments"])
    monitoring = extract_file(CORPUS / "plans" / "0134-kh-ubnd-tinh-dak-lak-2025-d5ffa6af.txt").to_dict()
    issuer = {i["number"]: i["issuer"] for i in monitoring["instruments"] if i["number"]}
    assert issuer["4255/QĐ-BNN-KHCN"] == "Bộ Nông nghiệp và Phát triển nông thôn"


def test_a_time_counted_from_an_event():
    # 153 V.1: "gửi kế hoạch về Ủy ban nhân dân thành phố (qua Công an thành phố) trong thời hạn 10 ngày kể từ ngày
    # nhận Kế hoạch này."
    report = sections(CORPUS / "plans" / "153-kh-ubnd-can-tho-2025-24c7124e.txt")["V.1"]
    assert "trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch này" in deadlines(report)


def test_a_change_verb_acts_on_one_more_instrument_joined_by_va():
    # "Căn cứ Nghị định số 21/2024/NĐ-CP ... sửa đổi, bổ sung một số điều của Nghị định số 51/2016/NĐ-CP ... quy định
    # quản lý lao động, tiền lương ... do Nhà nước nắm giữ 100% vốn điều lệ và Nghị định số 52/2016/NĐ-CP ..."
    found = extract_file(CORPUS / "congbao" / "bhxh" / "van-ban-hop-nhat-so-465-vbhn-bldtbxh-44175.txt")
    number = {c.instrument.iri: c.instrument.number for c in found.citations}
    amended = {number[r.object] for r in found.relations if number.get(r.subject) == "21/2024/NĐ-CP" and r.predicate == "amends"}
    assert amended == {"51/2016/NĐ-CP", "52/2016/NĐ-CP"}
    # but a verb that describes passes nothing on: "2. Thông tư số 134/2011/TT-BTC ... hướng dẫn thực hiện một số điều
    # của Quyết định số 04/2011/QĐ-TTg ... về quản lý tài chính đối với BHXH Việt Nam và Thông tư số 96/2009/TT-BTC ...
    # hết hiệu lực thi hành": both expire
    expiring = extract_file(next((CORPUS / "congbao" / "bhxh").glob("van-ban-hop-nhat-so-22-vbhn-btc-*.txt")))
    number = {c.instrument.iri: c.instrument.number for c in expiring.citations}
    assert not any(number.get(r.subject) == "134/2011/TT-BTC" and number.get(r.object) == "96/2009/TT-BTC"
                   for r in expiring.relations)


def test_a_numbered_row_that_only_names_a_group_is_no_task():
    # 179's appendix: "**5.1** | ** ** | **Thương mại** | ** ** | ** **": the heading of rows 5.1.1, 5.1.2 ..., its
    # name in the lead's column as the capture shifted it; it gave a task led by "Thương mại"
    digital = extract_file(CORPUS / "plans" / "179-kh-ubnd-tinh-dong-nai-2025-f004d93b.txt").to_dict()
    leads = {s.get("lead") for s in digital["sections"] if s["id"].startswith("appendix.")}
    assert "Thương mại" not in leads and "Công nghiệp và năng lượng" not in leads
    assert "Sở Công Thương" in leads  # row 5.1.1, below that heading


def test_points_addressed_to_agencies_beside_points_that_name_their_lead():
    # 2530/QĐ-TTg IV.2 "Phân công thực hiện Kế hoạch": "a) Bộ Nông nghiệp và Môi trường chủ trì ...", "c) Bộ Công
    # Thương chủ trì ..." beside "e) Bộ Giáo dục và Đào tạo nghiên cứu việc xây dựng ...", "h) Bộ Công an chỉ đạo ..."
    air = sections(CORPUS / "plans" / "2530-qd-ttg-thu-tuong-chinh-phu-2025-646f0a00.txt")
    assert air["IV.2.e"]["kind"] == "task" and air["IV.2.e"]["lead"] == "Bộ Giáo dục và Đào tạo"
    assert air["IV.2.h"]["lead"] == "Bộ Công an"
    assert air["IV.2.p"]["kind"] == "point"  # "p) Phân công cụ thể kèm theo ...": no agency opens it
    # "8. Thanh tra, kiểm tra, giám sát và xử lý vi phạm": the work, not the Inspectorate
    assert air["II.8"].get("lead") is None
