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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", type=Path, default=ROOT / "tests" / "fixtures" / "formats")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    stem = SOURCE.stem
    make_docx(args.output / f"{stem}.docx")
    make_pdf(args.output / f"{stem}.pdf")
    make_html(args.output / f"{stem}.html")
    make_scanned_pdf(args.output / "scanned-no-text-layer.pdf")
    for path in sorted(args.output.iterdir()):
        print(f"{path.stat().st_size:>8} {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
