"""The streaming XLSX reader: what each kind of cell gives, which sheet is read, hostile and
damaged workbooks, and that memory stays flat however many rows a sheet has."""

import datetime as dt
import io
import posixpath
import random
import tracemalloc
import zipfile

import openpyxl
import pytest

from etalase.enterprises.models import Enterprise
from etalase.intake import cells, readers, services
from etalase.intake.models import SubmissionRow
from etalase.intake.readers import FileRefused
from etalase.regions.models import Subdivision
from tests.factories import officer_of

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET = f"{REL}/worksheet"


def _zip(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _xlsx(
    sheet_data: str = "",
    *,
    sheet_xml: str | None = None,
    shared: str | None = None,
    styles: str | None = None,
    workbook_pr: str = "",
    target: str = "worksheets/sheet1.xml",
) -> bytes:
    """A one-sheet workbook written by hand, for what openpyxl cannot produce."""
    rels = [f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="{target}"/>']
    parts: dict[str, str | bytes] = {
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}'
        '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}"): sheet_xml
        or f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>',
    }
    if shared is not None:
        rels.append(
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{shared}</sst>'
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>')
        parts["xl/styles.xml"] = f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
    )
    return _zip(parts)


def _saved(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table(content: bytes) -> readers.Table:
    return readers.open_table(io.BytesIO(content), "data.xlsx")


def _rows(content: bytes) -> dict[int, list]:
    return dict(_table(content).rows)


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# --- cell values --------------------------------------------------------------------------


@pytest.mark.parametrize("write_only", [False, True])
def test_an_openpyxl_workbook_reads_back_with_its_types(write_only):
    workbook = openpyxl.Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Data") if write_only else workbook.active
    sheet.append(["nama_usaha", "nib", "tenaga_kerja", "omzet", "ekspor", "berdiri", "dicatat"])
    sheet.append(
        [
            "UD Satu",
            "9120000000001",
            7,
            1.5,
            True,
            dt.date(2012, 3, 1),
            dt.datetime(2024, 5, 6, 7, 8),
        ]
    )
    rows = _rows(_saved(workbook))
    assert rows[1][:2] == ["nama_usaha", "nib"]
    assert rows[2] == [
        "UD Satu", "9120000000001", 7, 1.5, True, dt.date(2012, 3, 1), dt.datetime(2024, 5, 6, 7, 8)
    ]  # fmt: skip
    assert type(rows[2][2]) is int and type(rows[2][5]) is dt.date


def test_shared_and_inline_strings_with_rich_text_runs_and_kept_spaces():
    shared = (
        "<si><t>plain</t></si>"
        "<si><r><t>Kopi </t></r><r><rPr><b/></rPr><t>Toraja</t></r><rPh><t>PHONETIC</t></rPh></si>"
        '<si><t xml:space="preserve">  padded  </t></si>'
        "<si><t>line_x000D_break</t></si>"
        "<si><t></t></si>"
    )
    data = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
        '<c r="F1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve"> line</t></r>'
        "<rPh><t>X</t></rPh></is></c></row>"
    )
    assert _rows(_xlsx(data, shared=shared))[1] == [
        "plain", "Kopi Toraja", "  padded  ", "line\rbreak", "", "in line"
    ]  # fmt: skip


def test_formulas_give_their_cached_value_never_the_formula():
    data = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'
        '<c r="C1"><f>SUM(A1:B1)</f><v>3</v></c>'
        '<c r="D1" t="str"><f>A1&amp;"x"</f><v>1x</v></c>'
        '<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="F1"><f>A1*2</f></c>'  # never calculated: no cached value
        '<c r="G1" t="inlineStr"><is><t>after</t></is></c></row>'
    )
    assert _rows(_xlsx(data))[1] == [1, 2, 3, "1x", "#DIV/0!", "", "after"]


def test_booleans_errors_iso_dates_and_numbers():
    data = (
        '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>'
        '<c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="d"><v>2024-03-01</v></c>'
        '<c r="E1" t="d"><v>2024-03-01T10:30:00</v></c><c r="F1" t="n"><v>12</v></c>'
        '<c r="G1"><v>-3</v></c><c r="H1"><v>1.25</v></c><c r="I1"><v>1E3</v></c>'
        '<c r="J1"><v>9120000000001</v></c></row>'
    )
    row = _rows(_xlsx(data))[1]
    assert row == [
        True, False, "#N/A", dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 10, 30),
        12, -3, 1.25, 1000.0, 9120000000001,
    ]  # fmt: skip
    assert [type(v) for v in row[5:]] == [int, int, float, float, int]
    assert [cells.text(v) for v in row[5:]] == ["12", "-3", "1.25", "1000", "9120000000001"]


STYLES = (
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    # <dxfs> and <cellStyleXfs> must not shift or redefine what s="…" points at.
    '<cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="14"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
    '<xf numFmtId="22"/><xf numFmtId="2"/><xf numFmtId="46"/></cellXfs>'
    '<dxfs count="1"><dxf><numFmt numFmtId="2" formatCode="yyyy"/></dxf></dxfs>'
)


def test_date_styled_numbers_become_dates():
    data = (
        '<row r="1"><c r="A1" s="1"><v>43831</v></c><c r="B1" s="2"><v>45000</v></c>'
        '<c r="C1" s="3"><v>45000.5</v></c><c r="D1" s="4"><v>45000</v></c>'
        '<c r="E1" s="0"><v>45000</v></c><c r="F1"><v>45000</v></c>'
        '<c r="G1" s="5"><v>1.5</v></c><c r="H1" s="3"><v>0.75</v></c></row>'
    )
    assert _rows(_xlsx(data, styles=STYLES))[1] == [
        dt.date(2020, 1, 1),  # builtin format 14 (mm-dd-yy)
        dt.date(2023, 3, 15),  # custom yyyy-mm-dd
        dt.datetime(2023, 3, 15, 12, 0),  # builtin 22 (m/d/yy h:mm)
        45000,  # builtin 2 (0.00) is no date
        45000,
        45000,
        dt.timedelta(days=1, hours=12),  # [h]:mm:ss is a duration
        dt.time(18, 0),  # less than a day is a time of day
    ]


@pytest.mark.parametrize("flag", ['date1904="1"', 'date1904="true"'])
def test_the_1904_date_system(flag):
    data = '<row r="1"><c r="A1" s="1"><v>43831</v></c></row>'
    content = _xlsx(data, styles=STYLES, workbook_pr=f"<workbookPr {flag}/>")
    assert _rows(content)[1] == [dt.date(2024, 1, 2)]  # 1462 days after the 1900 system


def test_column_gaps_are_filled_and_row_numbers_are_excels_own():
    data = (
        '<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c><c r="C3"><v>3</v></c></row>'
        '<row r="7"><c r="B7" s="1"/><c r="D7"><v>4</v></c><c><v>5</v></c></row>'  # E7
        "<row><c><v>6</v></c></row>"  # row 8, column A
        '<row r="9"><c r="A9" s="1"/></row><row r="10"/>'  # no values: not a row
        '<row r="12"><c r="A12"><v>0</v></c></row>'
    )
    assert list(_table(_xlsx(data)).rows) == [
        (3, ["a", "", 3]),
        (7, ["", "", "", 4, 5]),
        (8, [6]),
        (12, [0]),
    ]


@pytest.mark.parametrize("namespace", [MAIN, STRICT])
def test_prefixed_and_strict_namespaces(namespace):
    sheet = (
        f'<x:worksheet xmlns:x="{namespace}"><x:dimension ref="A1:B2"/><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>nama_usaha</x:t></x:is></x:c>'
        '<x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>'
        '<x:row r="2"><x:c r="B2"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    content = _xlsx(sheet_xml=sheet, shared="<si><t>nib</t></si>")
    table = _table(content)
    assert list(table.rows) == [(1, ["nama_usaha", "nib"]), (2, ["", 42])]
    assert table.row_estimate == 2


def test_row_estimate_is_the_dimension_else_the_rows_counted():
    data = '<row r="1"><c r="A1"><v>1</v></c></row>'
    sheet = (
        f'<worksheet xmlns="{MAIN}"><dimension ref="A1:L200002"/>'
        f"<sheetData>{data}</sheetData></worksheet>"
    )
    assert _table(_xlsx(sheet_xml=sheet)).row_estimate == 200002
    assert _table(_xlsx(data * 3)).row_estimate == 3
    bare = sheet.replace("A1:L200002", "A1").replace("</sheetData>", f"{data * 3}</sheetData>")
    assert _table(_xlsx(sheet_xml=bare)).row_estimate == 4  # "A1" is no range: counted
    prefixed = f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>{data.replace("<", "<x:")}'
    prefixed = prefixed.replace("<x:/", "</x:") + "</x:sheetData></x:worksheet>"
    assert _table(_xlsx(sheet_xml=prefixed)).row_estimate == 1
    workbook = openpyxl.Workbook(write_only=True)  # writes no <dimension>
    sheet = workbook.create_sheet("Data")
    for n in range(5):
        sheet.append(["UD Contoh", n])
    assert _table(_saved(workbook)).row_estimate == 5


# --- which sheet ---------------------------------------------------------------------------


def _workbook(*sheets: tuple[str, str, list]) -> bytes:
    """Sheets as (title, state, rows), in order."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, state, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    return _saved(workbook)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_skipped(state):
    content = _workbook(("lists", state, [["a"], ["b"]]), ("Data", "visible", [["nama_usaha"]]))
    table = _table(content)
    assert table.sheet == "Data" and list(table.rows) == [(1, ["nama_usaha"])]


@pytest.mark.parametrize("title", ["Instructions", "Petunjuk", "PANUTO"])
def test_instruction_sheets_and_empty_sheets_are_skipped(title):
    content = _workbook(
        (title, "visible", [["Fill in one enterprise per row."]]),
        ("Empty", "visible", []),
        ("UMKM", "visible", [["nama_usaha", "nib"]]),
    )
    assert _table(content).sheet == "UMKM"


def test_without_a_candidate_the_first_sheet_is_read():
    content = _workbook(("Instructions", "visible", [["Only instructions here."]]))
    table = _table(content)
    assert table.sheet == "Instructions" and list(table.rows) == [(1, ["Only instructions here."])]


@pytest.mark.parametrize(
    "target",
    ["worksheets/data.xml", "/xl/worksheets/data.xml", "./worksheets/../worksheets/data.xml"],
)
def test_relationship_targets_relative_or_absolute(target):
    content = _xlsx('<row r="1"><c r="A1"><v>1</v></c></row>', target=target)
    assert list(_table(content).rows) == [(1, [1])]


# --- hostile and damaged workbooks ---------------------------------------------------------


def _refused(content: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as refused:
        list(_table(content).rows)
    return refused.value


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "haha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


@pytest.mark.parametrize(
    "part",
    [
        f'{LAUGHS}<worksheet xmlns="{MAIN}"><sheetData><row r="1">{_inline("A1", "&j;")}</row>'
        "</sheetData></worksheet>",
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{_inline("A1", "&x;")}</row>'
        "</sheetData></worksheet>",
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_entity_declarations_are_refused_not_expanded(part):
    refused = _refused(_xlsx(sheet_xml=part))
    assert refused.code == "corrupt_xlsx"
    assert "cannot be read" in refused.message


def test_an_entity_in_the_shared_strings_is_refused():
    content = _xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared="<si><t>x</t></si>")
    with zipfile.ZipFile(io.BytesIO(content)) as original:
        parts = {n: original.read(n) for n in original.namelist() if n != "[Content_Types].xml"}
    parts["xl/sharedStrings.xml"] = (
        LAUGHS.encode() + f'<sst xmlns="{MAIN}"><si><t>&j;</t></si></sst>'.encode()
    )
    assert _refused(_zip(parts)).code == "corrupt_xlsx"


def _broken_midway(rows: int, *, broken: bool = True) -> bytes:
    """A header, `rows` good rows (well past the first 64 KiB block), then broken XML."""
    good = "".join(
        f'<row r="{n}">{_inline(f"A{n}", f"UD Usaha Contoh {n}")}'
        f"{_inline(f'B{n}', f'{9120000000000 + n}')}{_inline(f'C{n}', 'ID-SA')}</row>"
        for n in range(2, rows + 2)
    )
    header = f'<row r="1">{_inline("A1", "nama_usaha")}{_inline("B1", "nib")}'
    header += f"{_inline('C1', 'provinsi')}</row>"
    tail = '<row r="9999"><c r="A9999"><v>1</v></row>' if broken else ""  # </c> missing
    return _xlsx(header + good + tail)


def test_xml_broken_midway_is_refused_while_the_rows_are_read():
    table = _table(_broken_midway(3000))  # the start of the sheet is fine: it opens
    seen = []
    with pytest.raises(FileRefused) as refused:
        for number, _cells in table.rows:
            seen.append(number)
    assert refused.value.code == "corrupt_xlsx"
    assert 0 < len(seen) <= 3001 and seen[:3] == [1, 2, 3]


@pytest.mark.django_db
def test_the_cli_refuses_a_workbook_broken_midway_and_writes_nothing(tmp_path, run_import):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(_broken_midway(3000))  # a first chunk of 2,000 rows is checked and written
    code, summary = run_import(path, "ID-SA", commit=True)
    assert code != 0
    assert [e["code"] for e in summary["errors"]] == ["corrupt_xlsx"]
    assert not Enterprise.objects.exists()
    path.write_bytes(_broken_midway(3000, broken=False))
    code, summary = run_import(path, "ID-SA", commit=True)
    assert (code, summary["created"]) == (0, 3000)


@pytest.mark.django_db
def test_an_upload_broken_midway_is_a_refused_submission():
    submission = services.submission_upload(
        actor=officer_of("ID-SA"),
        office=Subdivision.objects.get(code="ID-SA"),
        filename="broken.xlsx",
        content=_broken_midway(1000),
        language="en",
    )
    assert (submission.status, submission.refusal_code) == ("refused", "corrupt_xlsx")


@pytest.mark.django_db
def test_a_sheet_without_dimension_over_the_limit_is_refused_before_its_rows_are_checked(
    settings,
):
    settings.INTAKE_MAX_ROWS = 50
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["nama_usaha", "nib", "provinsi"])
    for n in range(200):
        sheet.append([f"UD Contoh {n}", str(9120000000000 + n), "ID-SA"])
    submission = services.submission_upload(
        actor=officer_of("ID-SA"),
        office=Subdivision.objects.get(code="ID-SA"),
        filename="big.xlsx",
        content=_saved(workbook),
        language="en",
    )
    assert (submission.status, submission.refusal_code) == ("refused", "too_many_rows")
    assert "about 201 rows" in submission.refusal_message
    assert not SubmissionRow.objects.exists()


@pytest.mark.parametrize(
    ("data", "shared"),
    [
        ('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', "<si><t>only one</t></si>"),
        ('<row r="x"><c r="A1"><v>1</v></c></row>', None),
        ('<row r="1"><c r="A1!"><v>1</v></c></row>', None),
    ],
    ids=["shared-string-index", "row-number", "cell-reference"],
)
def test_impossible_values_are_refused_as_corrupt(data, shared):
    assert _refused(_xlsx(data, shared=shared)).code == "corrupt_xlsx"


def test_a_workbook_without_sheets_or_with_a_missing_sheet_part_is_corrupt():
    no_sheets = _zip({"xl/workbook.xml": f'<workbook xmlns="{MAIN}"><sheets/></workbook>'})
    assert _refused(no_sheets).code == "corrupt_xlsx"
    content = _xlsx('<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(io.BytesIO(content)) as original:
        parts = {n: original.read(n) for n in original.namelist() if n.startswith("xl/")}
    del parts["xl/worksheets/sheet1.xml"]
    assert _refused(_zip(parts)).code == "corrupt_xlsx"


def test_a_workbook_that_is_not_xml_is_corrupt():
    content = _zip({"xl/workbook.xml": b"\x00\x01 not xml"})
    assert _refused(content).code == "corrupt_xlsx"


# --- memory ---------------------------------------------------------------------------------


def test_a_large_sheet_is_streamed_in_flat_memory():
    """50,000 rows of 10 distinct texts each: holding them takes ~46 MB of Python objects;
    streaming them keeps a block's rows at a time."""
    rows = 50_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # The workbook's other parts as _xlsx writes them; the sheet written row by row.
        with zipfile.ZipFile(io.BytesIO(_xlsx())) as template:
            for name in template.namelist():
                if not name.startswith("xl/worksheets/"):
                    archive.writestr(name, template.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for n in range(1, rows + 1):
                cells_xml = "".join(
                    _inline(f"{column}{n}", f"{column} value of row {n}") for column in "ABCDEFGHIJ"
                )
                sheet.write(f'<row r="{n}">{cells_xml}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    content = buffer.getvalue()

    tracemalloc.start()
    try:
        count = last = 0
        for number, cells_in_row in _table(content).rows:
            count, last = count + 1, number
            assert len(cells_in_row) == 10
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (count, last) == (rows, rows)
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


# --- merged cells ---------------------------------------------------------------------------


def _filled_of(content: bytes) -> dict[int, dict]:
    return {n: getattr(row, "filled", {}) for n, row in _table(content).rows}


def test_a_merged_range_fills_down_and_across_and_says_from_where():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["REKAP UMKM"])
    sheet.append(["Nama Usaha", "Kab/Kota", "Kecamatan", "Produk"])
    sheet.append(["UD Satu", "Kabupaten Minahasa", "Tondano", "Kopi"])
    sheet.append(["UD Dua", None, None, "Kakao"])
    sheet.append(["UD Tiga", None, None, "Pala"])
    sheet.append(["UD Empat", "Kota Bitung", "Madidir", "Ikan"])
    sheet.merge_cells("A1:D1")  # a title across the table
    sheet.merge_cells("B3:B5")  # a regency over its rows
    sheet.merge_cells("C4:C5")  # a value-less range fills nothing
    content = _saved(workbook)
    rows = _rows(content)
    assert rows[1] == ["REKAP UMKM"] * 4
    assert rows[4][:3] == ["UD Dua", "Kabupaten Minahasa", ""]
    assert rows[5][:2] == ["UD Tiga", "Kabupaten Minahasa"]
    assert rows[6] == ["UD Empat", "Kota Bitung", "Madidir", "Ikan"]
    filled = _filled_of(content)
    assert filled[1] == {1: (1, 0), 2: (1, 0), 3: (1, 0)}
    assert filled[4] == filled[5] == {1: (3, 1)}
    assert filled[2] == filled[3] == filled[6] == {}
    assert type(rows[6]) is list  # rows outside any range stay plain lists


def test_a_covered_cell_keeps_a_value_of_its_own_and_absent_rows_are_not_made_up():
    # Excel empties the cells a merge covers; another tool may not. Rows 3 and 4 have no
    # value at all: they stay out, the range notwithstanding.
    data = (
        '<row r="1">' + _inline("A1", "Kota Manado") + "</row>"
        '<row r="2">' + _inline("A2", "own value") + _inline("B2", "x") + "</row>"
        '<row r="5">' + _inline("B5", "y") + "</row>"
    )
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData>'
        '<mergeCells count="1"><mergeCell ref="A1:A5"/></mergeCells></worksheet>'
    )
    rows = _rows(_xlsx(sheet_xml=sheet))
    assert rows == {1: ["Kota Manado"], 2: ["own value", "x"], 5: ["Kota Manado", "y"]}


@pytest.mark.parametrize("namespace", [MAIN, STRICT])
def test_prefixed_merge_cells_and_absolute_references(namespace):
    data = (
        '<x:row r="1">' + _inline("A1", "Kota Manado").replace("<c", "<x:c") + "</x:row>"
        '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>UD Dua</x:t></x:is></x:c></x:row>'
    ).replace("</c>", "</x:c>").replace("<is>", "<x:is>").replace("</is>", "</x:is>")
    data = data.replace("<t>", "<x:t>").replace("</t>", "</x:t>")
    sheet = (
        f'<x:worksheet xmlns:x="{namespace}"><x:sheetData>{data}</x:sheetData>'
        '<x:mergeCells count="1"><x:mergeCell ref="$A$1:$A$2"/></x:mergeCells></x:worksheet>'
    )
    assert _rows(_xlsx(sheet_xml=sheet)) == {1: ["Kota Manado"], 2: ["Kota Manado", "UD Dua"]}


def test_a_merge_tag_cut_by_the_reading_block_is_still_found():
    from etalase.intake import xlsx

    row = '<row r="1">' + _inline("A1", "Kota Manado") + "</row>"
    row2 = '<row r="2">' + _inline("B2", "UD Dua") + "</row>"
    head = f'<worksheet xmlns="{MAIN}"><sheetData>{row}{row2}</sheetData><mergeCells count="1">'
    # Padding (an ignored element) puts the tag across the first block's end.
    pad = 16 * xlsx.BLOCK - len(head.encode()) - len("<pad>") - len("</pad>") - 6
    noise = random.Random(13).randbytes(pad // 2).hex()  # random: no zip-bomb ratio
    sheet = f'{head}<pad>{noise}</pad><mergeCell ref="A1:A2"/></mergeCells></worksheet>'
    assert sheet.encode().index(b"mergeCell ref") < 16 * xlsx.BLOCK < sheet.encode().index(
        b"A1:A2"
    )
    assert _rows(_xlsx(sheet_xml=sheet))[2] == ["Kota Manado", "UD Dua"]


def test_a_range_over_the_whole_sheet_fills_a_bounded_width():
    from etalase.intake import xlsx

    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{_inline("A1", "x")}</row>'
        f'<row r="2">{_inline("A2", "y")}</row></sheetData>'
        '<mergeCells count="1"><mergeCell ref="B1:XFD1048576"/><mergeCell ref="A1:A1"/>'
        '<mergeCell ref="bogus"/><mergeCell/></mergeCells></worksheet>'
    )
    rows = _rows(_xlsx(sheet_xml=sheet))
    assert rows == {1: ["x"], 2: ["y"]}  # B1 is empty: nothing to fill
    sheet = sheet.replace('<row r="1">', f'<row r="1">{_inline("B1", "wide")}')
    rows = _rows(_xlsx(sheet_xml=sheet))
    assert len(rows[2]) == xlsx.MAX_MERGED_COLUMNS + 1
    assert rows[2][1:] == ["wide"] * xlsx.MAX_MERGED_COLUMNS


def test_too_many_merged_ranges_refuse_the_workbook(monkeypatch):
    from etalase.intake import xlsx

    monkeypatch.setattr(xlsx, "MAX_MERGED_RANGES", 10)
    merges = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(1, 20))
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{_inline("A1", "x")}</row>'
        f"</sheetData><mergeCells>{merges}</mergeCells></worksheet>"
    )
    assert _refused(_xlsx(sheet_xml=sheet)).code == "corrupt_xlsx"


def test_merged_ranges_keep_memory_flat():
    """50,000 rows with a regency merged over every 10 rows: filled as they stream."""
    rows = 50_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(_xlsx())) as template:
            for name in template.namelist():
                if not name.startswith("xl/worksheets/"):
                    archive.writestr(name, template.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for n in range(1, rows + 1):
                regency = _inline(f"B{n}", f"Kabupaten {n}") if n % 10 == 1 else ""
                sheet.write(f'<row r="{n}">{_inline(f"A{n}", f"UD {n}")}{regency}</row>'.encode())
            sheet.write(b"</sheetData><mergeCells>")
            for n in range(1, rows + 1, 10):
                sheet.write(f'<mergeCell ref="B{n}:B{n + 9}"/>'.encode())
            sheet.write(b"</mergeCells></worksheet>")
    content = buffer.getvalue()
    tracemalloc.start()
    try:
        filled = 0
        for number, row in _table(content).rows:
            assert row[1] == f"Kabupaten {number - (number - 1) % 10}"
            filled += len(getattr(row, "filled", ()))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert filled == rows - rows // 10
    assert peak < 12 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


def test_a_copy_written_with_the_merged_ranges_reads_back_the_same():
    """What a stored copy must keep (scrub writes one): the rows unfilled and the ranges."""
    from etalase.intake import xlsx

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["REKAP"], ["Nama", "Kab/Kota", "Kec"], ["UD Satu", "Kab. Minahasa", "Tondano"],
                ["UD Dua", None, None], ["UD Tiga", "Kota Bitung", "Aertembaga"]):  # fmt: skip
        sheet.append(row)
    for cells_range in ("A1:C1", "B3:B4", "C3:C4"):
        sheet.merge_cells(cells_range)
    table = _table(_saved(workbook))
    original = list(table.rows)
    assert sorted(table.merged) == ["A1:C1", "B3:B4", "C3:C4"]

    copy = openpyxl.Workbook()
    for number, row in original:
        for index, value in enumerate(xlsx.unfilled(row)):
            if value != "":
                copy.active.cell(number, index + 1, value)
    for cells_range in table.merged:
        copy.active.merge_cells(cells_range)
    again = list(_table(_saved(copy)).rows)
    assert again == original
    assert [getattr(r, "filled", {}) for _n, r in again] == [
        getattr(r, "filled", {}) for _n, r in original
    ]
    assert xlsx.unfilled(original[3][1]) == ["UD Dua", "", ""]
