"""The shortcuts taken for speed give what the plain forms they replace give.

Each test compares a fast path with the straightforward code it stands for, on texts that
reach its edge cases (old-style tones, "qu", look-alike Đ, one-word runs, ASCII lines,
runs of spaces, letters outside Vietnamese), plus the held-out articles.
"""
import re
from pathlib import Path

from archive.extraction import names, text
from archive.extraction.text import decode, normalize

HELDOUT = Path(__file__).resolve().parent / "heldout"

SAMPLES = [
    "Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy Nghệ An, phát biểu tại Hội nghị.",
    "ông Hoà, khoẻ, Thuỷ, quả, hoạt động, QUẢ, Hoá, thuý, khỏe, Thúy, Quý, QUÝ, quí, hoà.",
    "\u00d0ảng ủy hoá  Thanh Hoa\u0301 \t Ủy ban;  A1 Bc Dđ  ÁB Cd-Ef Gh'Ij",
    "Nghệ An Nguyễn Đức Trung Bí thư; Ông Văn Tùng; Y Thanh Hà Niê Kđăm; X Y, Z Ba Cd1 Ef",
    "CHIA SẺ BÀI VIẾT  |  In bài  |  Lượt xem: 1234",
    "plain ASCII line, MIXED Case 123 -- done",
    "Σσς İı K ﬀ ① ² 𝔸 😀 Ǆǅǆ ǈ Ÿ ß",
    "", " ", "  hai  khoảng   trắng  ",
]


def _heldout_paragraphs() -> list[str]:
    out = []
    for path in sorted(HELDOUT.glob("*.txt")):
        out += [p for p in normalize(decode(path.read_bytes())).split("\n") if p.strip()]
    return out


def _texts() -> list[str]:
    texts = SAMPLES + [s.upper() for s in SAMPLES] + [s.lower() for s in SAMPLES] + _heldout_paragraphs()
    assert len(texts) > 100
    return texts


def test_canonical_skips_nothing_its_tone_pattern_would_rewrite():
    for t in _texts():
        plain = text._OLD_TONE_RE.sub(lambda m: text._OLD_TO_NEW_TONE[m.group()], normalize(t))
        assert text.canonical(t) == plain
        assert text.new_tone_placement(normalize(t)) == plain


def test_name_runs_open_at_a_capital_as_the_look_behind_first_pattern_does():
    look_behind_first = re.compile(rf"(?<![{names.UPPER}{names.LOWER}\d])(?:{names.SYLLABLE})(?:[ ](?:{names.SYLLABLE}))*"
                                   rf"(?![{names.UPPER}{names.LOWER}\d])")
    for t in _texts():
        runs = [(m.span(), m.group(0)) for m in look_behind_first.finditer(t)]
        assert [(m.span(), m.group(0)) for m in names.NAME_RUN_RE.finditer(t)] == runs
        # and the runs officials reads are exactly those of two syllables or more
        assert [(m.span(), m.group(0)) for m in names.LONG_NAME_RUN_RE.finditer(t)] == [r for r in runs if " " in r[1]]


def test_a_one_syllable_run_never_holds_a_name():
    for word in ("Nguyễn", "Y", "Ông", "Tỉnh", "Hà", "Lê"):
        assert names.split_name_run([word]) is None


def test_the_remembered_name_split_is_split_name_run():
    for t in _texts():
        for m in names.NAME_RUN_RE.finditer(t):
            assert names.name_in_run(m.group(0)) == names.split_name_run(m.group(0).split(" "))


def _read_with_a_dict_per_row(path: Path) -> list:
    from archive.extraction.gazetteer import Unit
    units, header = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            continue
        row = dict(zip(header, fields))
        units.append(Unit(level=row["level"], code=row["code"], kind=row["kind"], name=row["name"],
                          parent=row.get("parent", ""), new=row.get("new", ""),
                          aliases=tuple(a for a in row.get("aliases", "").split(",") if a)))
    return units


def test_the_gazetteer_reads_cells_by_position_as_a_dict_per_row_would(tmp_path):
    from archive.extraction import gazetteer
    assert gazetteer._read(gazetteer.DATA) == _read_with_a_dict_per_row(gazetteer.DATA)
    # no "new" column, a short row, empty aliases, a comment
    odd = tmp_path / "odd.tsv"
    odd.write_text("# note\nlevel\tcode\tkind\tname\tparent\taliases\n"
                   "P\t01\tthành phố\tHà Nội\t\thn,ha noi\nD\t001\tquận\tBa Đình\t01\n\nW\t00001\tphường\tPhúc Xá\t001\t\n",
                   encoding="utf-8")
    assert gazetteer._read(odd) == _read_with_a_dict_per_row(odd)
    assert len(gazetteer._read(odd)) == 3


def test_preload_reads_the_gazetteer_and_catalog_once_for_the_process():
    from archive.extraction import preload
    from archive.extraction.catalog import load_catalog
    from archive.extraction.gazetteer import load_gazetteer
    preload()
    gazetteer, catalog = load_gazetteer(), load_catalog()
    preload()
    assert load_gazetteer() is gazetteer and load_catalog() is catalog
    assert gazetteer.lookup("Cần Thơ", levels=("P",))[0].unit.code == "92"


DATE_LINES = [
    "05/07/2021", "Thứ hai, 05/07/2021 10:15 GMT+7", "ngày 5 tháng 7 năm 2021", "2021-07-05T10:15", "12/2021/05",
    "1.052 lượt xem 05-07-2021", "105/07/2021 2021-07-051 x2021-07-05", "15h30 ngày 3/2/24", "a5:30 5.30 /5:30 .12:30",
    "Cập nhật lúc 09:05, 12-3-2023 (GMT+7)", "4.052 / 12 / 2020", "١٢/٠٣/٢٠٢٣", "không có ngày tháng",
]


def test_date_patterns_with_the_look_behind_after_the_first_digit_match_as_before():
    from archive.extraction import layout
    from archive.extraction.names import fold_keep
    before_first_digit = {
        layout._DMY: r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/]|\.\d)",
        layout._ISO: r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::\d{2})?)?",
        layout._TIME: r"(?<![\d/.])(\d{1,2})\s?(?::|h|gio)\s?(\d{2})(?:\s?:\s?\d{2})?(?:\s?(?:phut|p))?"
                      r"(?:\s?(am|pm|sa|ch))?(?![\d/])",
    }
    lines = [fold_keep(t) for t in DATE_LINES + _texts()]
    for fast, plain in before_first_digit.items():
        plain = re.compile(plain)
        for line in lines:
            assert [m.groups() + m.span() for m in fast.finditer(line)] == \
                [m.groups() + m.span() for m in plain.finditer(line)], line
    assert layout.parse_date(fold_keep("Thứ hai, 05/07/2021 10:15"))[0].isoformat() == "2021-07-05T10:15:00"
    assert layout.parse_date("khong co ngay") == (None, None)


def test_officials_read_paragraphs_in_the_canonical_form_canonical_gives():
    from archive.extraction.officials import _canonical_text
    from archive.extraction.text import canonical
    for t in _texts():
        canon = canonical(t)
        assert _canonical_text(t) == (canon if len(canon) == len(t) else t)


def test_clause_ends_are_found_as_a_walk_over_each_character_finds_them():
    from archive.extraction import officials

    def walk(key: str, i: int) -> int:
        while i < len(key):
            c = key[i]
            if c in officials._TERMINATORS or c == ":" or (c == "." and officials._is_period(key, i=i)):
                return i
            i += 1
        return len(key)
    for t in _texts() + ["Bí thư TP. Cần Thơ, Chủ tịch", "4.052 người. Sau đó", "đ/c. A", "x. y", "kết thúc."]:
        key = t.lower()
        for i in range(0, len(key) + 2, 7):
            assert officials._segment_end(key, i=i) == walk(key, i), (key, i)


def test_lines_are_folded_only_when_asked_and_keep_their_word_count():
    from archive.extraction import layout
    captions = ["Đồng chí Nguyễn Văn An phát biểu. (Ảnh: TTXVN)", "Toàn cảnh hội nghị. ẢNH: MINH TÂM", "anh: Minh Tâm",
                "(Ảnh minh họa)", "Nguồn ảnh: baocantho.vn", "Tuấn Anh: phát biểu", "Ảnh : X " * 80]
    for t in captions + _texts():
        line = layout._Line(t, words=len(t.split()))
        assert line.known_fold is None
        assert line.words == len(names.fold_keep(t).split())
        folded = names.fold_keep(t)
        plain = len(folded) <= 500 and any(h in folded for h in layout._PHOTO_HINTS) \
            and bool(layout._PHOTO_MARK.search(t)) and len(folded.split()) <= 70
        assert layout._photo_caption(line) == plain, t
        assert line.folded == folded
    assert layout._photo_caption(layout._Line(captions[0], words=8))


def test_line_keys_are_the_runs_of_word_characters_plus_and_minus():
    from archive.extraction import layout
    for t in _texts() + ["chia  sẻ\tbài_viết", "+84 - 123", "a\u00a0b\u2028c", "--", "(TTXVN)"]:
        folded = names.fold_keep(t)
        expected = folded if len(folded) > 300 else " ".join(re.sub(r"[^\w+\-]+", " ", folded).split())
        assert layout._key(folded) == expected


def test_photo_credits_are_read_only_where_a_colon_is_and_all_of_them():
    from archive.extraction import officials
    texts = ["Đồng chí Nguyễn Văn An phát biểu. (Ảnh: Minh Tâm - Quang Vinh)", "Video : Thu Hà và Lê Thảo",
             "Clip:Hoàng Anh", "Không có tên tác giả", "ẢNH: ANH DŨNG"] + _texts()
    plain = set()
    for t in texts:
        for m in officials._PHOTO_CREDIT.finditer(t):
            plain |= {officials.fold(p.strip()) for p in officials._CREDIT_SEP.split(m.group(1)) if p.strip()}
    assert officials._photo_credits(texts) == plain
    assert {"minh tam", "quang vinh", "thu ha", "le thao", "hoang anh", "anh dung"} <= plain
