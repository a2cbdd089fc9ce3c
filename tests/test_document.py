"""Documents: encodings, line endings, positions, bad input."""

import pytest

from reportcheck.errors import InputError
from reportcheck.text.document import Document, LineIndex, decode_bytes, load_document
from reportcheck.text.extract import extract

TEXT = "政府工作报告\n地区生产总值**5600**亿元、增长６．５％。\n第三行\n"


@pytest.mark.parametrize(
    "encoding,data,expect",
    [
        ("utf-8", TEXT.encode("utf-8"), "utf-8"),
        ("utf-8-sig", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        ("gb18030", TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_round_trip(tmp_path, encoding, data, expect):
    p = tmp_path / "r.md"
    p.write_bytes(data)
    doc = load_document(p)
    assert doc.text == TEXT
    assert doc.encoding == expect
    assert not doc.text.startswith("\ufeff")


def test_crlf_columns_are_exact(tmp_path):
    p = tmp_path / "crlf.md"
    p.write_bytes(TEXT.replace("\n", "\r\n").encode("gb18030"))
    doc = load_document(p)
    assert doc.newline == "\r\n"
    assert "\r\n" in doc.text
    figs = extract(doc.text)
    lf = extract(TEXT)
    assert [(f.line, f.column, f.end_line, f.end_column, f.text) for f in figs] == [
        (f.line, f.column, f.end_line, f.end_column, f.text) for f in lf
    ]
    f = figs[0]
    assert (f.line, f.column, f.end_column, f.text) == (2, 9, 17, "5600亿元")
    assert doc.position(f.start) == (2, 9)
    assert doc.line(2)[f.column - 1 : f.end_column - 1] == "5600**亿元"


def test_position_counts_code_points():
    doc = Document(path="x", text="a\r\n𝟘中5\n\rz", encoding="utf-8")
    assert doc.position(0) == (1, 1)
    assert doc.position(3) == (2, 1)
    assert doc.position(5) == (2, 3)  # a non-BMP character is one column
    assert doc.position(7) == (3, 1)  # an empty line between \n and \r
    assert doc.position(8) == (4, 1)
    assert LineIndex("abc").position(2) == (1, 3)


def test_binary_input_is_one_line_error(tmp_path):
    p = tmp_path / "bin.md"
    p.write_bytes(b"line one\nline two\x00\x01\x02\xff")
    with pytest.raises(InputError) as e:
        load_document(p)
    msg = str(e.value)
    assert "\n" not in msg
    assert msg.startswith(f"{p}:2: ")


def test_undecodable_input(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("第一行\n".encode() + b"\x80\x80\xff\xfe\xff")
    with pytest.raises(InputError) as e:
        load_document(p)
    assert str(e.value).startswith(f"{p}:2: ")
    assert "\n" not in str(e.value)


def test_bom_with_bad_utf8(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfok\n\xff\xfe")
    with pytest.raises(InputError, match=r":2: "):
        load_document(p)


def test_utf16_is_refused(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("报告".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        load_document(p)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "nope.md")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_document(tmp_path)


def test_gb18030_is_not_garbled():
    s = "济宁港入选交通强国专项试点，新增托位７０００个"
    text, enc = decode_bytes(s.encode("gb18030"))
    assert (text, enc) == (s, "gb18030")
