"""Make the format fixtures of tests/test_readers.py from a corpus text: the founding plan as a
Word file, a PDF with a text layer, an HTML page as vbpl.vn saves it, and a scanned PDF (an image,
no text layer), as official sites give them.

    .venv/bin/python tools/make_format_fixtures.py            # writes tests/fixtures/formats/

Needs python-docx (a dependency of kg) and fpdf2 (only here: kg reads PDFs with pypdf); the PDF
uses DejaVu Sans, which has every Vietnamese letter (apt-get install fonts-dejavu-core).
The outputs are committed; run this again only to change them.
"""
from __future__ import annotations

import argparse
import html
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# The header's two columns, as Word files of People's Committees lay them out: issuer | motto
LEFT = ("ỦY BAN NHÂN DÂN", "TỈNH KON TUM", "-------", "Số: 322/KH-UBND")
RIGHT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------",
         "Kon Tum, ngày 08 tháng 02 năm 2023")


def body_lines() -> list[str]:
    """The plan's lines from its type line on (the header is laid out by each format; the
    website's metadata block above it is not part of the document)."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    start = next(k for k, line in enumerate(lines) if line.strip() == "KẾ HOẠCH")
    return [line.rstrip() for line in lines[start:]]


def make_docx(path: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(LEFT[:3])
    table.cell(0, 1).text = "\n".join(RIGHT[:3])
    table.cell(1, 0).text = LEFT[3]
    table.cell(1, 1).text = RIGHT[3]
    for line in body_lines():
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = line.isupper() and bool(line.strip())
    document.core_properties.author = "kg fixtures"
    document.save(path)


def make_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for line in [*LEFT[:2], *LEFT[3:], "", *RIGHT[:2], RIGHT[3], ""] + body_lines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def make_scanned_pdf(path: Path) -> None:
    """A page that is a picture of text, as a scanner makes it: no text layer to read."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for row in range(30):  # grey bars where the lines of a scanned page would be
        pdf.rect(20, 20 + row * 8, 150 - (row % 4) * 20, 3, style="F")
    pdf.output(str(path))


def make_html(path: Path) -> None:
    """A page as vbpl.vn saves it: menus, a related-documents list naming other numbers, scripts,
    and the document in ``div#toanvancontent`` (its header a table, its lines paragraphs)."""
    def escape(text: str) -> str:
        return html.escape(text, quote=False)

    paragraphs = "\n".join(f"<p>{escape(line) or '&nbsp;'}</p>" for line in body_lines())
    header = ("<table><tr>" + "".join(f"<td><p>{'</p><p>'.join(escape(x) for x in column[:3])}</p></td>"
                                      for column in (LEFT, RIGHT)) + "</tr>"
              f"<tr><td><p>{escape(LEFT[3])}</p></td><td><p><i>{escape(RIGHT[3])}</i></p></td></tr></table>")
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch 322/KH-UBND - Cơ sở dữ liệu quốc gia về văn bản pháp luật</title>
<style>.toanvancontent p {{ margin: 0 }}</style>
<script>var related = "Nghị định số 59/2012/NĐ-CP";</script></head>
<body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/vbpq">Văn bản pháp luật</a></li></ul></nav></header>
<div class="container">
<aside class="related"><h3>Văn bản liên quan</h3><ul>
<li><a href="#">Nghị định số 59/2012/NĐ-CP ngày 23 tháng 7 năm 2012 của Chính phủ</a></li>
<li><a href="#">Luật Hàng không dân dụng Việt Nam số 66/2006/QH11</a></li></ul></aside>
<div id="toanvancontent" class="toanvancontent">
{header}
{paragraphs}
</div>
</div>
<footer>Bản quyền thuộc Bộ Tư pháp. Số 58-60 Trần Phú, Hà Nội.</footer>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


SAVED = ROOT / "corpus" / "plans" / "308-kh-ubnd-ha-noi-2025-8e9a425d.txt"
# The chrome around the document on a thuvienphapluat.vn page, in the words plans/980 keeps of it
# (its text was saved with the page's chrome): the metadata cells, the copyright notice, and the
# members' notice, which names a decree the document does not cite.
CHROME_TOP = """<div id="header"><div class="menu"><ul><li><a href="https://thuvienphapluat.vn/">Trang chủ</a></li>
<li><a href="https://thuvienphapluat.vn/page/tim-van-ban.aspx">Văn bản pháp luật</a></li></ul></div></div>
<div class="vbInfo"><table class="tblThuocTinh">
<tr><td><b>Số hiệu:</b></td><td>308/KH-UBND</td><td></td><td><b>Loại văn bản:</b></td><td>Kế hoạch</td></tr>
<tr><td><b>Nơi ban hành:</b></td><td>Thành phố Hà Nội</td><td></td><td><b>Người ký:</b></td><td>Trương Việt Dũng</td></tr>
<tr><td><b>Ngày ban hành:</b></td><td>17/11/2025</td><td></td><td><b>Ngày hiệu lực:</b></td><td>Đã biết</td></tr>
</table></div>
<div class="copyright">Bản dịch này thuộc quyền sở hữu của <b>THƯ VIỆN PHÁP LUẬT</b>. Mọi hành vi sao chép, đăng tải
lại mà không có sự đồng ý của <b>THƯ VIỆN PHÁP LUẬT</b> là vi phạm pháp luật về Sở hữu trí tuệ.</div>
<div id="loading">Đang tải văn bản...</div>"""
CHROME_BOTTOM = """<div id="popupThongBao" style="display:none"><p><b>THÔNG BÁO</b></p>
<p><b>về Lưu trữ, Sử dụng Thông tin Khách hàng</b></p>
<p>Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu xác nhận sự đồng ý của
thành viên khi thu thập, lưu trữ, sử dụng thông tin.</p>
<p>Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế và Thỏa thuận Bảo về Dữ liệu cá nhân bên dưới.</p></div>
<div id="footer"><p><b>Địa chỉ:</b> 17 Nguyễn Gia Thiều, P. Xuân Hòa, TP.HCM</p><p><b>Điện thoại:</b> (028) 3930 3279</p></div>"""


def _inline(text: str) -> str:
    """The text's emphasis as the page's tags: "**...**" bold, "*...*" italic (the saved text
    wrote the tags so), the rest escaped."""
    import re

    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text, flags=re.S)
    return re.sub(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?!\*)", r"<i>\1</i>", text, flags=re.S)


def saved_page_body(lines: list[str]) -> str:
    """The document as the site's Word-made HTML holds it, from its text as the page saves to
    text: a paragraph's lines are the HTML's own line wraps (Word wraps its HTML at ~80
    columns, and the saved text kept them); blank lines part paragraphs; a "|" line parts the
    cells of a table, two in a row part its rows (the header: issuer | motto, number | place
    and date; the foot: recipients | signature)."""
    out, cell, paragraph, in_table = [], [], [], False

    def flush_paragraph(into):
        if paragraph:
            into.append("<p class=MsoNormal>" + _inline("\n".join(paragraph)) + "</p>")
            paragraph.clear()

    k = 0
    while k < len(lines):
        line = lines[k]
        if line.strip() == "|":
            flush_paragraph(cell if in_table else out)
            following = lines[k + 1].strip() if k + 1 < len(lines) else ""
            if not in_table:
                out.append("<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0><tr><td valign=top>")
                in_table = True
            elif following == "|":  # the row ends; another opens unless the table does
                out.extend(cell + ["</td></tr>"])
                cell = []
                k += 1
                after = lines[k + 1].strip() if k + 1 < len(lines) else ""
                if after and after != "|":
                    out.append("<tr><td valign=top>")
                else:
                    out.append("</table>")
                    in_table = False
            elif not following:
                out.extend(cell + ["</td></tr></table>"])
                cell, in_table = [], False
            else:
                out.extend(cell + ["</td><td valign=top>"])
                cell = []
        elif not line.strip():
            flush_paragraph(cell if in_table else out)
        elif in_table:  # a cell's lines are its paragraphs, but for one emphasis wrapped over two
            paragraph.append(line)
            joined = "\n".join(paragraph)
            if joined.count("**") % 2 == 0 and (joined.count("*") - 2 * joined.count("**")) % 2 == 0:
                cell.append("<p class=MsoNormal align=center>" + _inline(joined) + "</p>")
                paragraph.clear()
        else:
            paragraph.append(line)
        k += 1
    flush_paragraph(out)
    return "\n".join(out)


def make_saved_page(path: Path) -> None:
    """Plan 308/KH-UBND of Hà Nội as a page of thuvienphapluat.vn saved whole by a browser
    ("Web page, complete"): the site's chrome around ``div.content1 > div#divContentDoc``, which
    holds the document as Word-made HTML (MsoNormal paragraphs, tables for the header and the
    foot), UTF-8 declared by the ``http-equiv`` meta a saved page keeps."""
    lines = SAVED.read_text(encoding="utf-8").rstrip("\n").split("\n")
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><!-- saved from url=(0118)https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Ke-hoach-308-KH-UBND-2025-thuc-day-tao-lap-du-lieu-Ha-Noi.aspx -->
<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Kế hoạch 308/KH-UBND năm 2025 triển khai Nghị quyết 214/NQ-CP thúc đẩy tạo lập dữ liệu Hà Nội</title>
<link rel="stylesheet" type="text/css" href="./Ke-hoach-308-KH-UBND_files/style.css">
<script type="text/javascript">var VanBanLienQuan = ["Nghị định 13/2023/NĐ-CP"];</script></head>
<body>
{CHROME_TOP}
<div class="content1"><div id="divContentDoc"><div class="Section1">
{saved_page_body(lines)}
</div></div></div>
{CHROME_BOTTOM}
</body></html>
"""
    path.write_text(page, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", type=Path, default=ROOT / "tests" / "fixtures" / "formats")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    stem = SOURCE.stem
    make_docx(args.output / f"{stem}.docx")
    make_pdf(args.output / f"{stem}.pdf")
    make_html(args.output / f"{stem}.html")
    make_saved_page(args.output / f"{SAVED.stem}.html")
    make_scanned_pdf(args.output / "scanned-no-text-layer.pdf")
    for path in sorted(args.output.iterdir()):
        print(f"{path.stat().st_size:>8} {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
