#!/usr/bin/env python3
"""Fills fuzz/corpus/<target>/ with seed inputs made from the project's own invented plans.

Text and YAML plans, configs and rule files are copied as they are. Word and PDF seeds are
written here from the text fixtures (Word parts stored uncompressed and PDF content streams
left plain, so that the fuzzer's byte changes reach the XML and the text operators), plus the
Word example. The pipeline's first byte picks the reader (see fuzz/src/lib.rs), so each of its
seeds is a selector byte followed by a file. Run from anywhere; safe to run again.
"""

import io
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def files(*patterns):
    found = []
    for pattern in patterns:
        found.extend(p for p in ROOT.glob(pattern) if p.is_file())
    return sorted(set(found))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraph(line):
    style = ""
    if line.startswith("#"):
        level = min(len(line) - len(line.lstrip("#")), 3)
        style = f'<w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>'
        line = line.lstrip("#").strip()
    return f'<w:p>{style}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'


def table(rows):
    out = "<w:tbl>"
    for row in rows:
        out += "<w:tr>" + "".join(
            f"<w:tc><w:p><w:r><w:t>{escape(c.strip())}</w:t></w:r></w:p></w:tc>" for c in row
        ) + "</w:tr>"
    return out + "</w:tbl>"


def document_xml(text):
    body = ""
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and "---" not in line:
            rows.append(line.strip("|").split("|"))
            continue
        if rows:
            body += table(rows)
            rows = []
        if line.strip() and "---" not in line:
            body += paragraph(line)
    if rows:
        body += table(rows)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{body}</w:body></w:document>'


def docx(text):
    document = document_xml(text)
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return buffer.getvalue()


def stored_copy(docx_bytes):
    """The same Word package with every part stored uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source, zipfile.ZipFile(
        buffer, "w", zipfile.ZIP_STORED
    ) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info))
    return buffer.getvalue()


def pdf_literal(text):
    text = text.encode("ascii", "replace").decode()
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf(text, lines_per_page=50):
    lines = text.splitlines()
    pages = [lines[i : i + lines_per_page] for i in range(0, max(len(lines), 1), lines_per_page)]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for page in pages:
        stream = ""
        y = 780
        for line in page:
            stream += f"BT /F1 11 Tf 72 {y} Td {pdf_literal(line)} Tj ET\n"
            y -= 14
        page_number = len(objects) + 1
        kids.append(f"{page_number} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {page_number + 1} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}endstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main():
    text_plans = files("tests/fixtures/*.txt", "corpus/plans/*.md", "corpus/plans/*.txt", "examples/*.md", "examples/*.txt")
    yaml_plans = files("corpus/plans/*.yaml", "examples/*.yaml", "tests/**/*.yaml")
    rule_files = files("rules/**/*.yaml")
    word = files("examples/*.docx", "tests/**/*.docx")

    for p in text_plans:
        write("text", p.name, p.read_bytes())
    for p in yaml_plans:
        write("yaml_plan", p.name, p.read_bytes())
    for p in rule_files:
        write("rule_file", p.name, p.read_bytes())

    # Configs: the starter file the tool writes, and any in the tree.
    for p in files("**/.outcome-lint.yaml", "tests/**/*config*.yaml"):
        write("config", p.name, p.read_bytes())
    for p in files("fuzz/seeds/config*.yaml"):
        write("config", p.name, p.read_bytes())

    docx_seeds = {}
    for p in word:
        docx_seeds[p.stem + ".docx"] = p.read_bytes()
        docx_seeds[p.stem + "-stored.docx"] = stored_copy(p.read_bytes())
    pdf_seeds = {}
    for p in text_plans:
        text = p.read_text(encoding="utf-8")
        docx_seeds[p.stem + ".docx"] = docx(text)
        pdf_seeds[p.stem + ".pdf"] = pdf(text)
    for name, data in docx_seeds.items():
        write("docx", name, data)
    # The docx target also takes bare XML parts (document, styles, numbering, NUL between).
    styles = numbering = b""
    for p in word:
        with zipfile.ZipFile(p) as z:
            names = z.namelist()
            if "word/styles.xml" in names:
                styles = z.read("word/styles.xml")
            if "word/numbering.xml" in names:
                numbering = z.read("word/numbering.xml")
            write("docx", p.stem + ".xml", z.read("word/document.xml") + b"\0" + styles + b"\0" + numbering)
    for p in text_plans:
        parts = document_xml(p.read_text(encoding="utf-8")).encode() + b"\0" + styles + b"\0" + numbering
        write("docx", p.stem + ".xml", parts)
    for name, data in pdf_seeds.items():
        write("pdf", name, data)

    # The pipeline: selector byte 0 = plan.md, 1 = plan.txt, 2 = plan.yaml, 3 = plan.docx,
    # 4 = plan.pdf, 5 = standard input; +0x30 reads statements; +0x40 adds a year and date.
    for p in text_plans:
        write("pipeline", p.name, bytes([0x40 if p.suffix == ".md" else 0x01]) + p.read_bytes())
    write("pipeline", "statements.txt", bytes([0x30]) + (ROOT / "tests/fixtures/hedged-outcome.txt").read_bytes())
    for p in yaml_plans:
        write("pipeline", p.name, bytes([0x42]) + p.read_bytes())
    for name, data in list(docx_seeds.items())[:8]:
        write("pipeline", name, bytes([0x03]) + data)
    for name, data in list(pdf_seeds.items())[:4]:
        write("pipeline", name, bytes([0x04]) + data)

    for target in sorted(p.name for p in CORPUS.iterdir()):
        print(f"{target}: {len(list((CORPUS / target).iterdir()))} seeds")


if __name__ == "__main__":
    main()
