#!/usr/bin/env python3
"""Write N synthetic party-building news articles, deterministic from a seed.

    python benchmarks/generate_corpus.py OUT --count 100000 --seed 7 [--workers 2]

The articles look like what scrapers of Vietnamese provincial news sites and
party portals produce: site chrome around the text, a dozen date and byline
styles, kicker lines, photo captions, related-news lists. Places come from the
project's gazetteer in their real hierarchy (province > district > ward);
officials are a fictional population per province who recur across articles
and move up the ladder from one period to the next; documents are cited in the
spellings the press uses. A small, configurable share of files is UTF-16,
Windows-1258, NFD, written with the look-alike Ð, CRLF, or broken (empty,
binary, chrome only), and a few are duplicates of another file's text.

OUT/0000/..., OUT/0001/... hold 1,000 files each. OUT/truth.jsonl holds one
line per file with what an extractor should find (title, published, authors,
primary_locality, localities, officials with positions, resolutions), and
OUT/truth-sample.json the first --sample good articles as a JSON list that
shared/tools/score_extraction.py reads as gold.

Stdlib only, so it runs without Django (manage.py generate_corpus wraps it).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from archive.extraction.gazetteer import load_gazetteer  # noqa: E402  (the project's own reader)

GAZETTEER = ROOT / "archive" / "extraction" / "data" / "gazetteer.tsv"
CATALOG = ROOT / "fixtures" / "documents.json"
SHARD = 1000

# --- names ----------------------------------------------------------------------

# Weighted roughly like the population: Nguyễn alone is more than a third.
SURNAMES = [("Nguyễn", 36), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 3), ("Phan", 4),
            ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1),
            ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Đoàn", 1), ("Lương", 1), ("Mai", 1), ("Cao", 1),
            ("Hà", 1), ("Lâm", 1), ("Tạ", 1), ("Châu", 1), ("Thái", 1), ("Triệu", 1), ("Nông", 1), ("Lò", 1),
            ("Giàng", 1), ("Kim", 1), ("Thạch", 1), ("Quách", 1), ("Tô", 1), ("Kiều", 1), ("Khổng", 1)]
MIDDLE_M = "Văn Văn Văn Đức Minh Quang Hữu Công Xuân Thanh Ngọc Việt Quốc Anh Hồng Trọng Tiến Đình Mạnh Thế Bá Duy Hoài Tuấn Chí Khắc Sỹ Trung".split()
MIDDLE_F = "Thị Thị Thị Ngọc Thu Thanh Mỹ Kim Hồng Thùy Bích Minh Phương Diệu Tuyết Hải".split()
GIVEN_M = ("Mạnh Hiểu Trường Trung Dũng Hùng Cường Thắng Hải Sơn Tuấn Nam Bình Long Phong Quân Thành Tâm Toàn "
           "Khánh Lộc Phúc Thịnh Vinh Hiếu Nghĩa Trí Đạt Kiên Tùng Lâm Huy Hòa Thuận Tài Tú Bảo Khoa Định "
           "Lực Sang Tha Xuân Lam Thảo Quang Chiến Hưng Thọ Hoan Diễn Đông Hậu Liêm Châu Khải Luận Tuyến").split()
GIVEN_F = ("Linh Hương Lan Hoa Mai Hà Thủy Ngân Nga Hằng Yến Trang Thảo Vân Huyền Dung Loan Tuyết Nhung Hạnh "
           "Phượng Liên Thơm Xuân Quyên Oanh Tâm Hiền Hòa Thanh Bình Chi").split()
PEN_NAMES = ("Anh Dũng", "Hoài Anh", "Lâm Vĩ", "Lê Thảo", "Minh Châu", "Thu Hà", "Quang Vinh", "Ngọc Tú",
             "Hồng Nhung", "Việt Hà", "Thanh Tâm", "Đức Toàn", "Mai Lan", "Khánh Linh", "Hải Yến", "Phương Thảo",
             "Bảo Ngọc", "Trung Kiên", "Văn Long", "Thùy Dung", "Hà Phương", "Tuấn Anh", "Minh Đức", "Hữu Nghĩa")

# --- documents ------------------------------------------------------------------

ABBR = {"Nghị quyết": "NQ", "Chỉ thị": "CT", "Kết luận": "KL", "Quy định": "QĐ", "Kế hoạch": "KH", "Hướng dẫn": "HD"}
KIND_OF_ABBR = {"NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QĐ": "Quy định", "QĐI": "Quy định",
                "KH": "Kế hoạch", "HD": "Hướng dẫn", "QD": "Quy định"}
ISSUERS = {"TW": "Ban Chấp hành Trung ương Đảng", "BCT": "Bộ Chính trị", "BBT": "Ban Bí thư"}

# Central documents used when fixtures/documents.json is absent:
# (code, kind, term, issued, plenum or 0, issuer, subject)
FALLBACK_CATALOG = [
    ("04-NQ/TW", "Nghị quyết", "XII", "2016-10-30", 4, "TW", "về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống"),
    ("05-CT/TW", "Chỉ thị", "XII", "2016-05-15", 0, "BCT", "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("26-NQ/TW", "Nghị quyết", "XII", "2018-05-19", 7, "TW", "về tập trung xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược"),
    ("18-NQ/TW", "Nghị quyết", "XII", "2017-10-25", 6, "TW", "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả"),
    ("35-NQ/TW", "Nghị quyết", "XII", "2018-10-22", 0, "BCT", "về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch"),
    ("12-NQ/TW", "Nghị quyết", "XI", "2012-01-16", 4, "TW", "một số vấn đề cấp bách về xây dựng Đảng hiện nay"),
    ("28-CT/TW", "Chỉ thị", "XI", "2013-09-21", 0, "BBT", "về nâng cao chất lượng kết nạp đảng viên và rà soát, sàng lọc, đưa những đảng viên không đủ tư cách ra khỏi Đảng"),
    ("08-QĐi/TW", "Quy định", "XII", "2018-10-25", 0, "TW", "về trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính trị, Ủy viên Ban Bí thư, Ủy viên Ban Chấp hành Trung ương"),
    ("102-QĐ/TW", "Quy định", "XII", "2017-11-15", 0, "BCT", "về xử lý kỷ luật đảng viên vi phạm"),
    ("01-KL/TW", "Kết luận", "XIII", "2021-05-18", 0, "BCT", "về tiếp tục thực hiện Chỉ thị số 05-CT/TW"),
    ("21-KL/TW", "Kết luận", "XIII", "2021-10-25", 4, "TW", "về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị"),
    ("37-QĐ/TW", "Quy định", "XIII", "2021-10-25", 0, "TW", "về những điều đảng viên không được làm"),
    ("22-QĐ/TW", "Quy định", "XIII", "2021-07-28", 0, "TW", "về công tác kiểm tra, giám sát và kỷ luật của Đảng"),
    ("69-QĐ/TW", "Quy định", "XIII", "2022-07-06", 0, "BCT", "về kỷ luật tổ chức đảng, đảng viên vi phạm"),
    ("43-NQ/TW", "Nghị quyết", "XIII", "2023-11-24", 8, "TW", "về tiếp tục phát huy truyền thống, sức mạnh khối đại đoàn kết toàn dân tộc"),
    ("132-QĐ/TW", "Quy định", "XIII", "2023-10-27", 0, "BCT", "về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị"),
    ("57-NQ/TW", "Nghị quyết", "XIII", "2024-12-22", 0, "BCT", "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
]


@dataclass
class Doc:
    code: str
    kind: str
    number: str
    abbr: str
    suffix: str        # "TW", "TU"
    term: str
    issued: date
    plenum: int
    issuer: str
    subject: str
    local: bool = False
    body: str = ""                  # who issued it, as printed: "Bộ Chính trị"
    aliases: tuple = ()             # the catalog's other spellings ("NQTW4 khóa XII")


def _doc_from_code(*, code: str, kind: str = "", term: str = "", issued: str = "", plenum: int = 0,
                   issuer: str = "", subject: str = "", body: str = "", aliases: tuple = ()) -> Doc | None:
    head, _, suffix = code.partition("/")
    number, _, abbr = head.partition("-")
    if not number.strip().isdigit() or not abbr:
        return None
    kind = kind or KIND_OF_ABBR.get(abbr.upper(), "")
    if not kind:
        return None
    try:
        day = date.fromisoformat(issued[:10]) if issued else date(2016, 1, 1)
    except ValueError:
        day = date(2016, 1, 1)
    return Doc(code=code, kind=kind, number=number.strip(), abbr=abbr, suffix=suffix or "TW", term=term,
               issued=day, plenum=int(plenum or 0), issuer=issuer or suffix or "TW", subject=subject,
               body=body or ISSUERS.get(issuer, ""), aliases=tuple(aliases))


def _own_aliases(row: dict) -> tuple:
    """The catalog's aliases that name this document alone.

    "NQTW4 khóa XII" is listed under every resolution of that plenum, but the press
    means the plenum's main one by it: such aliases only for plenum_default entries.
    """
    number = str(row.get("number") or row["code"].split("-")[0]).lstrip("0")
    own = []
    for alias in row.get("aliases") or ():
        if not isinstance(alias, str):
            continue
        names_number = re.search(rf"(?<!\d)0*{re.escape(number)}(?!\d)", alias) and "TW" not in alias.replace("TW-", "")
        if row.get("plenum_default") or names_number:
            own.append(alias)
    return tuple(own)


def load_catalog(path: Path = CATALOG) -> list[Doc]:
    """Central documents from fixtures/documents.json when present (any reasonable shape), else the fallback."""
    docs: list[Doc] = []
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            data = []
        if isinstance(data, dict):
            data = data.get("documents") or data.get("results") or list(data.values())
        for row in data if isinstance(data, list) else []:
            if not isinstance(row, dict) or not row.get("code"):
                continue
            # "Nghị quyết Trung ương N khóa T" names only the plenum's default resolution.
            plenum = (row.get("plenum") or 0) if row.get("plenum_default") else 0
            try:
                plenum = int(plenum)
            except (TypeError, ValueError):
                plenum = 0
            doc = _doc_from_code(code=row["code"], kind=row.get("kind", ""), term=row.get("term") or "",
                                 issued=str(row.get("issued") or ""), plenum=plenum,
                                 issuer=row.get("issuer") or "", subject=row.get("title") or "",
                                 body=row.get("body") or "",
                                 aliases=_own_aliases(row))
            if doc and doc.suffix.upper() in ("TW", "TƯ"):
                docs.append(doc)
    if len(docs) < 5:
        docs = [d for d in (_doc_from_code(code=c, kind=k, term=t, issued=i, plenum=p, issuer=s, subject=sub)
                            for c, k, t, i, p, s, sub in FALLBACK_CATALOG) if d]
    return docs


# --- places ---------------------------------------------------------------------

@dataclass
class Place:
    code: str
    kind: str
    name: str
    children: list = field(default_factory=list)


def load_places(path: Path = GAZETTEER) -> list[Place]:
    """Pre-2025 provinces with their districts and wards, in the gazetteer's order."""
    provinces: dict[str, Place] = {}
    districts: dict[str, Place] = {}
    for unit in load_gazetteer(str(path)).units.values():
        place = Place(code=unit.code, kind=unit.kind, name=unit.name)
        if unit.level == "P":
            provinces[place.code] = place
        elif unit.level == "D" and unit.parent in provinces:
            districts[place.code] = place
            provinces[unit.parent].children.append(place)
        elif unit.level == "W" and unit.parent in districts:
            districts[unit.parent].children.append(place)
    return [p for p in provinces.values() if p.children]


# --- the world: provinces, their officials over time, local documents ------------

# Periods between which the leadership changes (party congress terms, mid-term moves).
PERIODS = [date(2015, 10, 1), date(2018, 6, 1), date(2020, 10, 1), date(2023, 3, 1), date(2026, 1, 1)]
FIRST_DAY, LAST_DAY = date(2016, 1, 1), date(2025, 9, 30)

# Provincial ladder: slot -> how to print it ({u} the provincial committee, {l} its level word).
SLOTS = {
    "bt": ["Bí thư {u}"],
    "pbttt": ["Phó Bí thư Thường trực {u}", "Chủ tịch HĐND {l}"],
    "ct": ["Phó Bí thư {u}", "Chủ tịch UBND {l}"],
    "tctc": ["Ủy viên Ban Thường vụ {u}", "Trưởng Ban Tổ chức {u}"],
    "tgtg": ["Ủy viên Ban Thường vụ {u}", "Trưởng Ban Tuyên giáo {u}"],
    "ubkt": ["Ủy viên Ban Thường vụ {u}", "Chủ nhiệm Ủy ban Kiểm tra {u}"],
    "dv": ["Ủy viên Ban Thường vụ {u}", "Trưởng Ban Dân vận {u}"],
    "nc": ["Ủy viên Ban Thường vụ {u}", "Trưởng Ban Nội chính {u}"],
    "pct": ["Ủy viên Ban Thường vụ {u}", "Phó Chủ tịch UBND {l}"],
    "pct2": ["Phó Chủ tịch UBND {l}"],
}
# Who is promoted into a slot at a change of period (else a newcomer takes it).
PROMOTIONS = {"bt": ["ct", "pbttt"], "pbttt": ["tctc", "ubkt", "tgtg"], "ct": ["pct", "tgtg", "dv"],
              "tctc": ["d0", "d1"], "tgtg": ["d1", "d2", "d0"], "ubkt": ["d2", "nc"], "dv": ["d3", "pct2"],
              "nc": ["d3"], "pct": ["pct2", "d0"], "pct2": ["c0", "c1"], "d0": ["c0"], "d1": ["c1"], "d2": ["c2"],
              "d3": ["c3"], "c0": [], "c1": [], "c2": [], "c3": []}
NATIONAL_POSITIONS = [
    ["Ủy viên Bộ Chính trị", "Trưởng Ban Tổ chức Trung ương"],
    ["Ủy viên Ban Bí thư", "Chủ nhiệm Ủy ban Kiểm tra Trung ương"],
    ["Ủy viên Trung ương Đảng", "Phó Trưởng Ban Tuyên giáo Trung ương"],
    ["Phó Trưởng Ban Dân vận Trung ương"],
    ["Ủy viên Trung ương Đảng", "Phó Trưởng Ban Tổ chức Trung ương"],
    ["Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương"],
    ["Ủy viên Bộ Chính trị", "Trưởng Ban Tuyên giáo Trung ương"],
    ["Ủy viên Trung ương Đảng", "Phó Chánh Văn phòng Trung ương Đảng"],
]
PROVINCE_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy"}


def committee(place: Place) -> str:
    return COMMITTEE.get(place.kind, "Huyện ủy")


def named(place: Place) -> str:
    """How the press writes a unit with its kind: 'tỉnh Nghệ An', 'TP Cần Thơ', 'huyện Cờ Đỏ'."""
    if place.kind == "thành phố":
        return "TP " + place.name
    return f"{place.kind} {place.name}"


@dataclass
class ProvinceWorld:
    place: Place
    districts: list              # the districts its articles talk about
    rosters: list                # per period: slot -> person name
    officials: set               # every name used, to keep them unique in the province
    local_docs: list
    sites: list


def make_name(rng: random.Random, *, taken: set) -> str:
    weights = [w for _, w in SURNAMES]
    surnames = [s for s, _ in SURNAMES]
    while True:
        female = rng.random() < 0.22
        surname = rng.choices(surnames, weights)[0]
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        shape = rng.random()
        if shape < 0.06:
            name = f"{surname} {given}"
        elif shape < 0.18:
            name = f"{surname} {middle} {rng.choice(MIDDLE_F if female else MIDDLE_M)} {given}"
        else:
            name = f"{surname} {middle} {given}"
        words = name.split()
        if len(set(words)) == len(words) and name not in taken:
            taken.add(name)
            return name


def build_world(seed: int) -> tuple[list[ProvinceWorld], list[Doc], list[tuple[str, list]]]:
    rng = random.Random(seed)
    provinces = load_places()
    catalog = load_catalog()
    taken_national: set = set()
    national = [(make_name(rng, taken=taken_national), positions) for positions in NATIONAL_POSITIONS]
    worlds = []
    for province in provinces:
        districts = rng.sample(province.children, min(len(province.children), 8))
        taken: set = set(taken_national)
        slot_names = list(SLOTS) + [f"d{i}" for i in range(4)] + [f"c{i}" for i in range(4)]
        rosters = []
        previous = None
        for _ in range(len(PERIODS) - 1):
            roster: dict[str, str] = {}
            used: set = set()
            for slot in slot_names:
                sources = [s for s in PROMOTIONS.get(slot, []) if previous and previous[s] not in used]
                if sources and rng.random() < 0.65:
                    person = previous[rng.choice(sources)]
                elif previous and slot not in ("bt",) and rng.random() < 0.45:
                    person = previous[slot]  # stays in post
                else:
                    person = make_name(rng, taken=taken)
                if person in used:
                    person = make_name(rng, taken=taken)
                used.add(person)
                roster[slot] = person
            rosters.append(roster)
            previous = roster
        local_docs = []
        for kind in ("CT", "NQ", "KH", "KL", "CT", "NQ"):
            number = rng.randint(1, 60)
            issued = FIRST_DAY + timedelta(days=rng.randint(-700, 3000))
            doc = _doc_from_code(code=f"{number:02d}-{kind}/TU", issued=issued.isoformat(), issuer="TU",
                                 subject=rng.choice(LOCAL_SUBJECTS))
            doc.local = True
            local_docs.append(doc)
        slug = fold_ascii(province.name).replace(" ", "")
        sites = [f"bao{slug}.vn", f"{slug}.dcs.vn", f"xaydungdang{slug}.org.vn", f"tinhuy{slug}.vn"]
        worlds.append(ProvinceWorld(place=province, districts=districts, rosters=rosters, officials=taken,
                                    local_docs=local_docs, sites=sites))
    return worlds, catalog, national


def fold_ascii(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").lower()


def period_of(day: date) -> int:
    for i in range(len(PERIODS) - 1):
        if day < PERIODS[i + 1]:
            return i
    return len(PERIODS) - 2


# --- text pools -----------------------------------------------------------------

LOCAL_SUBJECTS = [
    "về tăng cường công tác kiểm tra, giám sát", "về nâng cao chất lượng sinh hoạt chi bộ",
    "về đẩy mạnh chuyển đổi số trong các cơ quan đảng", "về phát triển đảng viên trong doanh nghiệp tư nhân",
    "về công tác dân vận trong tình hình mới", "về xây dựng nông thôn mới nâng cao",
]
TOPICS = {
    "chinhdon": {
        "titles": ["Sơ kết {n} năm thực hiện {doc}", "{org} sơ kết thực hiện {doc}", "Đẩy mạnh thực hiện {doc} ở {loc}",
                   "{loc}: Chuyển biến tích cực sau {n} năm thực hiện {doc}", "Thực hiện {doc}: Đảng bộ {loc} triển khai đồng bộ, hiệu quả"],
        "sentences": [
            "Công tác xây dựng, chỉnh đốn Đảng được xác định là nhiệm vụ then chốt, gắn chặt với việc củng cố hệ thống chính trị vững mạnh.",
            "Các cấp ủy đã tổ chức kiểm điểm tự phê bình và phê bình gắn với nhận diện những biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống.",
            "Những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ được nhận diện rõ và có giải pháp ngăn chặn kịp thời.",
            "Tinh thần tự soi, tự sửa của cán bộ, đảng viên được nâng lên rõ rệt, nhất là người đứng đầu cấp ủy.",
            "Việc đấu tranh với các biểu hiện quan liêu, cửa quyền, hách dịch gây phiền hà cho người dân và doanh nghiệp được thực hiện kiên quyết.",
            "Nhiều cấp ủy đã biên soạn sổ tay nêu những biểu hiện suy thoái để đảng viên hiểu rõ và tự phòng tránh.",
        ],
    },
    "kiemtra": {
        "titles": ["Nâng cao hiệu quả công tác kiểm tra, giám sát ở {loc}", "{org} kiểm tra, giám sát {n} tổ chức đảng",
                   "Ủy ban Kiểm tra {org} tổng kết công tác năm {year}", "Kiểm tra dấu hiệu vi phạm: Không có vùng cấm"],
        "sentences": [
            "Ủy ban Kiểm tra các cấp đã kiểm tra {n} tổ chức đảng và {n2} đảng viên khi có dấu hiệu vi phạm.",
            "Qua kiểm tra, đã thi hành kỷ luật {n} tổ chức đảng, {n2} đảng viên có sai phạm, trong đó có cấp ủy viên.",
            "Công tác giám sát chuyên đề tập trung vào những lĩnh vực nhạy cảm, dễ phát sinh tiêu cực như đất đai, đầu tư công, tài chính.",
            "Việc giải quyết đơn thư khiếu nại, tố cáo được thực hiện đúng quy định, không để tồn đọng, kéo dài.",
            "Cấp ủy chỉ đạo kiểm tra việc kê khai tài sản, thu nhập của cán bộ thuộc diện quản lý.",
        ],
    },
    "ketnap": {
        "titles": ["{loc} kết nạp {n} đảng viên mới", "Chú trọng phát triển đảng viên trong đoàn viên, thanh niên ở {loc}",
                   "Nâng cao chất lượng kết nạp đảng viên", "Lễ kết nạp đảng viên tại chi bộ {ward}"],
        "sentences": [
            "Năm {year}, toàn Đảng bộ kết nạp được {n} đảng viên mới, đạt {pct}% kế hoạch đề ra.",
            "Công tác tạo nguồn phát triển đảng viên được chú trọng ở những nơi còn ít đảng viên như thôn, bản vùng sâu, doanh nghiệp ngoài nhà nước.",
            "Quần chúng ưu tú được bồi dưỡng nhận thức về Đảng, được phân công đảng viên chính thức giúp đỡ trước khi làm thủ tục kết nạp.",
            "Đến nay, {pct}% thôn, khu phố đã có chi bộ, không còn thôn, bản trắng đảng viên.",
            "Nhiều đảng viên trẻ phát huy vai trò tiên phong trong chuyển đổi số, khởi nghiệp và giữ gìn an ninh trật tự.",
        ],
    },
    "chibo": {
        "titles": ["Đổi mới nội dung sinh hoạt chi bộ ở {loc}", "Sinh hoạt chuyên đề: Chi bộ {ward} làm tốt",
                   "Nâng cao chất lượng sinh hoạt chi bộ theo tinh thần {doc}", "Chi bộ mạnh từ những buổi sinh hoạt thiết thực"],
        "sentences": [
            "Các chi bộ duy trì nền nếp sinh hoạt định kỳ, nội dung sinh hoạt chuyên đề được lựa chọn sát với thực tiễn.",
            "Tỷ lệ đảng viên tham gia sinh hoạt chi bộ đạt trên {pct}%, nhiều ý kiến đóng góp thẳng thắn, xây dựng.",
            "Cấp ủy cấp trên thường xuyên dự sinh hoạt với chi bộ cơ sở để kịp thời hướng dẫn, tháo gỡ khó khăn.",
            "Chi bộ {ward} chọn chuyên đề về vệ sinh môi trường và an ninh trật tự, được người dân đồng tình hưởng ứng.",
            "Việc đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên được thực hiện thực chất, tránh hình thức.",
        ],
    },
    "chuyendoiso": {
        "titles": ["Chuyển đổi số trong các cơ quan đảng ở {loc}", "{org} đẩy mạnh chuyển đổi số", "Sổ tay đảng viên điện tử: Bước tiến trong chuyển đổi số",
                   "Ứng dụng công nghệ thông tin trong công tác tham mưu của cấp ủy"],
        "sentences": [
            "Ứng dụng Sổ tay đảng viên điện tử đã được triển khai tới {pct}% chi bộ trực thuộc.",
            "Chuyển đổi số trong các cơ quan đảng giúp rút ngắn thời gian xử lý văn bản và tiết kiệm chi phí in ấn.",
            "Hệ thống hội nghị trực tuyến được kết nối từ tỉnh đến {n} điểm cầu cấp xã, bảo đảm thông suốt.",
            "Dữ liệu đảng viên được số hóa, cập nhật thường xuyên, phục vụ tốt công tác quản lý, báo cáo.",
            "Nhiều chi bộ đã sinh hoạt trực tuyến kết hợp trực tiếp trong thời gian phòng, chống dịch COVID-19.",
        ],
    },
    "danvan": {
        "titles": ["Lan tỏa phong trào “Dân vận khéo” ở {loc}", "Dân vận khéo góp phần xây dựng nông thôn mới tại {loc}",
                   "{org} tuyên dương {n} mô hình dân vận khéo", "Công tác dân vận: Gần dân, sát cơ sở"],
        "sentences": [
            "Phong trào thi đua “Dân vận khéo” được triển khai sâu rộng, có {n} mô hình được công nhận.",
            "Nhân dân hiến hơn {n} m2 đất để mở rộng đường giao thông nông thôn, xây dựng nhà văn hóa thôn.",
            "Cán bộ, đảng viên gương mẫu, gần dân, lắng nghe dân nói, nói để dân hiểu, làm cho dân tin.",
            "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội phát huy vai trò giám sát và phản biện xã hội.",
            "Việc thực hiện quy chế dân chủ ở cơ sở được chú trọng, nhiều vướng mắc được giải quyết ngay từ thôn, tổ dân phố.",
        ],
    },
    "tuyengiao": {
        "titles": ["Bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng", "{org} triển khai {doc}",
                   "Học tập và làm theo Bác: Những tấm gương bình dị ở {loc}", "Quán triệt, triển khai các nghị quyết của Đảng tại {loc}"],
        "sentences": [
            "Công tác bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch được đẩy mạnh.",
            "Ban Chỉ đạo 35 các cấp đã đăng tải hàng nghìn tin, bài đấu tranh trên mạng xã hội.",
            "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trở thành việc làm thường xuyên của mỗi chi bộ.",
            "Đội ngũ báo cáo viên được kiện toàn, thường xuyên cung cấp thông tin định hướng cho cán bộ, đảng viên.",
            "Nắm bắt tình hình tư tưởng trong cán bộ, đảng viên và nhân dân được thực hiện định kỳ, kịp thời tham mưu xử lý.",
        ],
    },
    "canbo": {
        "titles": ["Công tác cán bộ ở {loc}: Chặt chẽ, đúng quy trình", "{org} công bố quyết định về công tác cán bộ",
                   "Xây dựng đội ngũ cán bộ đủ phẩm chất, năng lực, uy tín", "Luân chuyển, điều động cán bộ gắn với quy hoạch"],
        "sentences": [
            "Ban Thường vụ đã điều động, luân chuyển {n} cán bộ, bổ nhiệm {n2} cán bộ lãnh đạo, quản lý.",
            "Công tác quy hoạch cán bộ được thực hiện theo phương châm mở và động, chú trọng cán bộ trẻ, cán bộ nữ.",
            "Việc đánh giá cán bộ được thực hiện đa chiều, gắn với kết quả thực hiện nhiệm vụ được giao.",
            "Cấp ủy kiên quyết thay thế những cán bộ yếu kém về năng lực, né tránh, đùn đẩy trách nhiệm.",
            "Việc sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả gắn với tinh giản biên chế.",
        ],
    },
}
TOPIC_KEYS = list(TOPICS)
GENERAL_SENTENCES = [
    "Các cấp ủy, tổ chức đảng đã quán triệt, triển khai nghiêm túc các chủ trương, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước.",
    "Kết quả đạt được đã góp phần quan trọng vào việc hoàn thành các chỉ tiêu phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh.",
    "Năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng từng bước được nâng lên.",
    "Tuy nhiên, việc thực hiện ở một số nơi còn hình thức, chưa có giải pháp cụ thể, sát thực tế.",
    "Một số cấp ủy chưa thật sự quan tâm lãnh đạo, chỉ đạo, việc sơ kết, đánh giá chưa kịp thời.",
    "Vai trò nêu gương của người đứng đầu được phát huy, tạo sức lan tỏa trong toàn Đảng bộ.",
    "Thời gian tới, các cấp ủy cần tiếp tục đổi mới phương thức lãnh đạo, nâng cao chất lượng sinh hoạt chi bộ.",
    "Đảng bộ hiện có {n} tổ chức cơ sở đảng với hơn {n3} đảng viên.",
    "Trong năm, có {pct}% tổ chức cơ sở đảng được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
    "Tốc độ tăng trưởng kinh tế đạt {pct2}%, thu ngân sách vượt kế hoạch đề ra.",
    "Thu nhập bình quân đầu người đạt {n} triệu đồng mỗi năm, tỷ lệ hộ nghèo giảm còn {pct2}%.",
    "Chương trình xây dựng nông thôn mới đạt kết quả quan trọng, đã có {n} xã đạt chuẩn nông thôn mới.",
    "Công tác cải cách hành chính có chuyển biến, chỉ số hài lòng của người dân được cải thiện.",
    "Công tác phòng, chống tham nhũng, lãng phí, tiêu cực được chỉ đạo quyết liệt, xử lý nghiêm các vụ việc.",
    "An sinh xã hội được bảo đảm, đời sống vật chất và tinh thần của nhân dân không ngừng được nâng lên.",
    "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội ổn định.",
    "Các đại biểu tập trung thảo luận, làm rõ những kết quả đạt được, hạn chế và nguyên nhân.",
    "Hội nghị đã biểu dương {n} tập thể, {n2} cá nhân có thành tích tiêu biểu.",
    "Khối đại đoàn kết toàn dân tộc được củng cố, niềm tin của nhân dân đối với Đảng được nâng lên.",
    "Các đảng bộ trực thuộc đã xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành.",
    "Việc thực hiện chế độ báo cáo, thông tin hai chiều giữa cấp ủy các cấp được duy trì thường xuyên.",
    "Đội ngũ cán bộ cơ sở từng bước được chuẩn hóa, đáp ứng yêu cầu nhiệm vụ trong tình hình mới.",
]
OPENINGS = [
    "Ngày {d}/{m}, {org} tổ chức hội nghị {event}.",
    "Sáng {d}-{m}, {org} tổ chức hội nghị {event}.",
    "Chiều {d}/{m}, tại {hall}, {org} tổ chức hội nghị {event}.",
    "Trong {n} năm qua, {org} đã tập trung lãnh đạo, chỉ đạo {event_short}.",
    "Thời gian qua, {org} đã quan tâm lãnh đạo, chỉ đạo {event_short}.",
    "Ngày {d} tháng {m}, {org} họp phiên thường kỳ để đánh giá {event_short}.",
]
EVENTS = ["sơ kết {n} năm thực hiện {doc}", "tổng kết công tác xây dựng Đảng năm {year}",
          "triển khai nhiệm vụ trọng tâm năm {year2}", "quán triệt, triển khai {doc}",
          "kiểm điểm tập thể, cá nhân Ban Thường vụ năm {year}", "đánh giá kết quả thực hiện {doc}"]
EVENTS_SHORT = ["việc thực hiện {doc}", "công tác xây dựng Đảng và hệ thống chính trị",
                "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "công tác kiểm tra, giám sát"]
SPEAK = [
    "Phát biểu chỉ đạo hội nghị, đồng chí {who} ghi nhận, biểu dương những kết quả đạt được.",
    "Kết luận hội nghị, đồng chí {who} đề nghị các cấp ủy tiếp tục quán triệt sâu sắc {doc}.",
    "Đồng chí {who} nhấn mạnh, thời gian tới cần tập trung khắc phục những hạn chế đã chỉ ra.",
    "Theo đồng chí {who}, yếu tố quyết định là vai trò nêu gương của người đứng đầu.",
]
CAPTIONS = ["Đồng chí {name} phát biểu tại hội nghị.", "Quang cảnh hội nghị.", "Toàn cảnh hội nghị",
            "Các đại biểu dự hội nghị.", "Đồng chí {name} trao Giấy khen cho các tập thể.", "Ảnh: {author}",
            "Đồng chí {name} phát biểu kết luận cuộc họp."]
MENUS = ["Trang chủ | Tin tức | Xây dựng Đảng | Chính trị | Kinh tế | Văn hóa - Xã hội",
         "Trang chủ » Tin tức - Sự kiện » Xây dựng Đảng",
         "TRANG CHỦ  GIỚI THIỆU  TIN TỨC  VĂN BẢN  LIÊN HỆ",
         "Xây dựng Đảng", "Tin hoạt động", "Chính trị", "Tin tức - Sự kiện", "Công tác Đảng"]
RELATED_HEADS = ["CÁC TIN KHÁC", "Tin liên quan", "Các tin đã đưa", "Tin cùng chuyên mục", "Bài viết liên quan", "Xem thêm"]
TAIL_CHROME = [["Chia sẻ bài viết"], ["Chia sẻ", "In bài viết"], ["Thời tiết", "", "Tỷ giá ngoại tệ", "Thống kê truy cập", "Đang online {n} Tổng lượt truy cập {n3}"],
               ["Lượt xem: {n}"], ["Bản quyền thuộc về {site}"], ["Tags: xây dựng Đảng, {topic}"], []]
HEAD_CHROME = [["A A"], ["A- A+"], ["date", "Đường dây nóng:"], ["Hotline: 0{n3}"], ["Chia sẻ"], ["Thứ {wd}, {dmy}"], []]
WEEKDAYS = ["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"]


# --- one article ------------------------------------------------------------------

_DAYS: dict = {}


def _days(catalog: list) -> list:
    key = id(catalog)
    if key not in _DAYS:
        catalog.sort(key=lambda d: d.issued)
        _DAYS[key] = [d.issued for d in catalog]
    return _DAYS[key]


class Article:
    """Builds one article's lines and records what was put in it."""

    def __init__(self, rng: random.Random, world: ProvinceWorld, catalog: list, national: list, day: date):
        self.rng, self.world, self.day = rng, world, day
        self.places: list[str] = []        # bare names, in order of first mention
        self.officials: dict[str, list] = {}
        self.docs: dict[str, dict] = {}
        self.catalog, self.national = catalog, national
        self.catalog_days = _days(catalog)
        self.roster = world.rosters[period_of(day)]

    # places
    def place(self, unit: Place, *, form: str = "named") -> str:
        if unit.name not in self.places:
            self.places.append(unit.name)
        if form == "bare":
            return unit.name
        if form == "committee":
            return f"{committee(unit)} {unit.name}"
        return named(unit)

    # officials
    def positions(self, slot: str) -> list[str]:
        province = self.world.place
        level = "thành phố" if province.kind == "thành phố" else "tỉnh"
        if slot[0] in "dc" and slot[1:].isdigit():
            district = self.world.districts[int(slot[1:]) % len(self.world.districts)]
            unit = committee(district)
            if slot[0] == "d":
                return [f"Bí thư {unit} {district.name}"]
            return [f"Phó Bí thư {unit}", f"Chủ tịch UBND {district.kind} {district.name}"]
        rows = [p.format(u=committee(province), l=level) for p in SLOTS[slot]]
        if slot == "bt" and self.rng.random() < 0.5:
            rows.insert(0, "Ủy viên Trung ương Đảng")
        return rows

    def official(self, slot: str, *, style: str = "after") -> str:
        """'Nguyễn Văn A, Bí thư Tỉnh ủy' or 'Bí thư Tỉnh ủy Nguyễn Văn A'; recorded with its positions."""
        name = self.roster[slot]
        positions = self.positions(slot)
        if slot[0] in "dc" and slot[1:].isdigit():
            self.place(self.world.districts[int(slot[1:]) % len(self.world.districts)], form="bare")
        if style == "before":
            positions = positions[-1:]
            text = f"{positions[0]} {name}"
        else:
            text = f"{name}, {', '.join(positions)}"
        known = self.officials.setdefault(name, [])
        for p in positions:
            if p not in known:
                known.append(p)
        return text

    def national_official(self) -> str:
        name, positions = _pick(self.rng, self.national)
        known = self.officials.setdefault(name, [])
        known.extend(p for p in positions if p not in known)
        return f"{name}, {', '.join(positions)}"

    # documents
    def pick_docs(self, k: int) -> list[Doc]:
        usable = self.catalog[: bisect_right(self.catalog_days, self.day)] or self.catalog[:3]
        chosen = self.rng.sample(usable, min(k, len(usable)))
        local = [d for d in self.world.local_docs if d.issued <= self.day]
        if local and self.rng.random() < 0.3:
            chosen.append(_pick(self.rng, local))
        return chosen

    def cite(self, doc: Doc, *, first: bool) -> str:
        rng = self.rng
        kind, number, code = doc.kind, doc.number, doc.code
        khoa = "khoá" if rng.random() < 0.25 else "khóa"
        if doc.local:
            forms = [f"{kind} số {code} của Ban Thường vụ {committee(self.world.place)}", f"{kind} {code}",
                     f"{kind} số {code}"]
        elif first:
            issuer = doc.body or "Ban Chấp hành Trung ương Đảng"
            if issuer == "Ban Chấp hành Trung ương":
                issuer += " Đảng"
            if issuer.startswith("Ban Chấp hành") and doc.term:
                issuer += f" {khoa} {doc.term}"
            forms = [f"{kind} số {code} ngày {doc.issued:%d/%m/%Y} của {issuer}", f"{kind} số {code} của {issuer}",
                     f"{kind} số {code}", f"{kind} {code}"]
            if doc.plenum and doc.term:
                forms += [f"Nghị quyết Trung ương {doc.plenum} ({khoa} {doc.term})" if kind == "Nghị quyết" else
                          f"{kind} Hội nghị Trung ương {doc.plenum} ({khoa} {doc.term})"]
        else:
            forms = [f"{kind} {number}", f"{kind} số {number}", f"{kind} số {number}-{doc.abbr}/TƯ", f"{kind} {code}"]
            if doc.plenum and doc.term and kind == "Nghị quyết":
                forms += [f"NQTW{doc.plenum} {khoa} {doc.term}", f"Nghị quyết Trung ương {doc.plenum} {khoa} {doc.term}",
                          f"NQTW{doc.plenum}", f"nghị quyết Trung ương {doc.plenum} {khoa} {doc.term}"]
            forms += list(doc.aliases)
        text = _pick(rng, forms)
        entry = self.docs.setdefault(code, {"kind": kind, "number": number, "code": code, "mentions": []})
        if text not in entry["mentions"]:
            entry["mentions"].append(text)
        return text


def _pick(rng: random.Random, seq):
    # random.choice goes through _randbelow; one float is several times cheaper.
    return seq[int(rng.random() * len(seq))]


def _int(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _fill(rng: random.Random, template: str, values: dict) -> str:
    # Only the numbers a template uses are drawn (random.randint is slow); names and
    # documents come in `values`.
    if "{" not in template:
        return template
    r = rng.random
    numbers = {}
    if "{n}" in template:
        numbers["n"] = 3 + int(r() * 58)
    if "{n2}" in template:
        numbers["n2"] = 2 + int(r() * 39)
    if "{n3}" in template:
        numbers["n3"] = 1200 + int(r() * 96800)
    if "{pct}" in template:
        numbers["pct"] = 70 + int(r() * 30)
    if "{pct2}" in template:
        numbers["pct2"] = f"{1 + int(r() * 9)},{int(r() * 10)}"
    return template.format_map({**values, **numbers})


def build_article(rng: random.Random, world: ProvinceWorld, catalog: list, national: list) -> tuple[list[str], dict]:
    day = FIRST_DAY + timedelta(days=_int(rng, 0, (LAST_DAY - FIRST_DAY).days))
    art = Article(rng, world, catalog, national, day)
    province = world.place
    topic_key = _pick(rng, TOPIC_KEYS)
    topic = TOPICS[topic_key]
    district_focus = rng.random() < 0.3
    district = _pick(rng, world.districts)
    ward = _pick(rng, district.children) if district.children else None
    docs = art.pick_docs(_pick(rng, (1, 1, 2, 2, 3, 4)))
    main_doc = docs[0]

    # Headline: the place named is the one the article is about.
    focus = district if district_focus else province
    org_title = f"Ban Thường vụ {committee(focus)} {focus.name}" if rng.random() < 0.5 else f"Đảng bộ {named(focus)}"
    title_values = {"org": org_title, "loc": named(focus) if rng.random() < 0.5 else focus.name,
                    "ward": ward.name if ward else focus.name, "year": day.year - 1 if day.month < 3 else day.year,
                    "doc": "{doc}"}
    title = _fill(rng, _pick(rng, topic["titles"]), title_values)
    if "{doc}" in title:
        title = title.replace("{doc}", art.cite(main_doc, first=True))
    title = title[0].upper() + title[1:]
    for unit in (focus, ward):
        if unit and (unit.name in title):
            art.place(unit, form="bare")

    # Body.
    org = f"Ban Thường vụ {art.place(focus, form='committee')}"
    values = {"org": org, "year": day.year - 1 if day.month < 4 else day.year, "year2": day.year,
              "hall": f"Hội trường {committee(focus)}", "d": day.day, "m": day.month}
    event = _pick(rng, EVENTS)
    values["event"] = event.format(n=_int(rng, 2, 10), year=values["year"], year2=day.year, doc="{doc}")
    values["event_short"] = _pick(rng, EVENTS_SHORT).replace("{doc}", "{doc}")
    values["doc"] = "{doc}"
    opening = _fill(rng, _pick(rng, OPENINGS), values)
    if "{doc}" in opening:
        opening = opening.replace("{doc}", art.cite(main_doc, first=True), 1)
    if "{doc}" in opening:
        opening = opening.replace("{doc}", art.cite(main_doc, first=False))
    if not district_focus:
        art.place(province, form="bare")

    paragraphs = [opening]
    # Who chaired and who attended: positions written beside names.
    slots = ["bt", "pbttt", "ct"] if not district_focus else [f"d{world.districts.index(district) % 4}", f"c{world.districts.index(district) % 4}"]
    extra = rng.sample(["tctc", "tgtg", "ubkt", "dv", "nc", "pct", "pct2"], _int(rng, 0, 2))
    chairs = [art.official(s) for s in slots[: _int(rng, 1, len(slots))]]
    attendance = "Các đồng chí: " + "; ".join(chairs) + " chủ trì hội nghị." if len(chairs) > 1 else \
        f"Đồng chí {chairs[0]} chủ trì hội nghị."
    if extra:
        attendance += " Dự hội nghị có đồng chí " + "; đồng chí ".join(art.official(s) for s in extra) + "."
    if rng.random() < 0.12:
        attendance += f" Đến dự và chỉ đạo có đồng chí {art.national_official()}."
    paragraphs.append(attendance)

    # Places below the focus: the districts and wards where the work was done.
    mentioned = rng.sample(world.districts, min(len(world.districts), _int(rng, 0, 4)))
    if mentioned and not district_focus:
        names = ", ".join(art.place(d, form="bare") for d in mentioned)
        sentence = _fill(rng, _pick(rng, topic["sentences"]), {"ward": ward.name if ward else province.name, "year": values["year"]})
        paragraphs.append(f"Nhiều cách làm hay đã được triển khai ở {names}; {sentence[0].lower()}{sentence[1:]}")
    if ward and rng.random() < 0.6:
        sentence = _fill(rng, _pick(rng, topic["sentences"]), {"ward": ward.name, "year": values["year"]})
        paragraphs.append(f"Tại {art.place(ward)}, {art.place(district)}, {sentence[0].lower()}{sentence[1:]}")

    # Body paragraphs from the topic and general pools, documents cited again.
    pool = topic["sentences"] + GENERAL_SENTENCES
    target = _int(rng, 1300, 3300)
    size = sum(len(p) for p in paragraphs) + len(title)
    later_docs = docs[1:]
    while size < target:
        sentences = [_fill(rng, _pick(rng, pool), {"ward": ward.name if ward else province.name, "year": values["year"]})
                     for _ in range(_int(rng, 2, 5))]
        if later_docs and rng.random() < 0.5:
            doc = later_docs.pop(0)
            sentences.insert(_int(rng, 0, len(sentences)), f"Cùng với đó, các cấp ủy gắn với thực hiện {art.cite(doc, first=True)}.")
        elif rng.random() < 0.3:
            sentences.append(f"Đây là kết quả bước đầu của việc thực hiện {art.cite(_pick(rng, docs), first=False)}.")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph)
    for doc in later_docs:
        paragraphs.append(f"Các cấp ủy tiếp tục thực hiện {art.cite(doc, first=True)}.")
    speaker = _pick(rng, slots)
    closing = _pick(rng, SPEAK)
    closing = closing.replace("{who}", art.official(speaker, style=_pick(rng, ("before", "after"))))
    if "{doc}" in closing:
        closing = closing.replace("{doc}", art.cite(main_doc, first=False))
    paragraphs.append(closing)

    # Captions between paragraphs: they may name officials already named.
    speaker_name = art.roster[speaker]
    author_style = rng.randrange(6)
    authors = [_pick(rng, PEN_NAMES)]
    if rng.random() < 0.12:
        authors.append(_pick(rng, [p for p in PEN_NAMES if p != authors[0]]))
    captions = []
    for _ in range(_pick(rng, (0, 1, 1, 2))):
        captions.append(_fill(rng, _pick(rng, CAPTIONS), {"name": speaker_name, "author": authors[0]}))

    truth = {
        "title": title,
        "published": day.isoformat(),
        "authors": authors,
        "source": "",
        "primary_locality": focus.name,
        "localities": art.places,
        "officials": [{"name": n, "positions": p} for n, p in art.officials.items()],
        "resolutions": list(art.docs.values()),
        "topic": topic_key,
    }
    lines = layout(rng, world=world, art=art, title=title, paragraphs=paragraphs, captions=captions,
                   authors=authors, author_style=author_style, truth=truth, kicker_slot=slots[0])
    return lines, truth


def related_titles(rng: random.Random, world: ProvinceWorld) -> list[str]:
    rows = []
    for _ in range(_int(rng, 2, 5)):
        topic = TOPICS[_pick(rng, TOPIC_KEYS)]
        title = _fill(rng, _pick(rng, topic["titles"]), {"org": f"Đảng bộ {named(world.place)}", "loc": world.place.name,
                                                          "ward": world.place.name, "year": _int(rng, 2016, 2025),
                                                          "doc": "các nghị quyết của Đảng"})
        stamp = f" ({_int(rng, 1, 28):02d}/{_int(rng, 1, 12):02d}/{_int(rng, 2016, 2025)})" if rng.random() < 0.5 else ""
        rows.append(title[0].upper() + title[1:] + stamp)
    return rows


def date_line(rng: random.Random, day: date) -> tuple[str, bool]:
    """A date line in one of the styles sites print; False when the article states no date."""
    hh, mm, ss = _int(rng, 0, 23), _int(rng, 0, 59), _int(rng, 0, 59)
    style = rng.randrange(11)
    if style == 0:
        return f"{day:%d/%m/%Y}", True
    if style == 1:
        return f"{day:%d/%m/%Y} - {hh:02d}:{mm:02d}", True
    if style == 2:
        return f"Đăng lúc: {hh:02d}:{mm:02d}:{ss:02d} {day:%d/%m/%Y} (GMT+7)", True
    if style == 3:
        return f"Thứ {_pick(rng, WEEKDAYS)}, {day.day}/{day.month}/{day.year}", True
    if style == 4:
        return f"Cập nhật: {day:%d/%m/%Y} {hh:02d}:{mm:02d}", True
    if style == 5:
        return f"{day.isoformat()} {hh:02d}:{mm:02d}", True
    if style == 6:
        return f"Ngày đăng: {day:%d/%m/%Y} | Lượt xem: {_int(rng, 50, 9000)}", True
    if style == 7:
        return f"{hh:02d}:{mm:02d} {day:%d/%m/%Y}", True
    if style == 8:
        return f"Ngày {day.day} tháng {day.month} năm {day.year}", True
    return "", False


def layout(rng: random.Random, *, world: ProvinceWorld, art: Article, title: str, paragraphs: list, captions: list,
           authors: list, author_style: int, truth: dict, kicker_slot: str) -> list[str]:
    """Put the article into one of the page shapes scrapers produce."""
    day = art.day
    lines: list[str] = []
    head = _pick(rng, HEAD_CHROME)
    values = {"n": _int(rng, 100, 999), "n3": _int(rng, 1000000, 9999999), "wd": _pick(rng, WEEKDAYS),
              "dmy": f"{_int(rng, 1, 28)}/{_int(rng, 1, 12)}/2025", "site": _pick(rng, world.sites), "topic": truth["topic"]}
    if rng.random() < 0.35:
        lines.append(_pick(rng, MENUS))
    dated, has_date = date_line(rng, day)
    byline_top = author_style == 0 and has_date
    if byline_top:
        lines.append(f"Tác giả: {authors[0]} - {day:%d/%m/%Y}")
    lines.extend(h.format(**values) for h in head if not h.startswith("Thứ"))
    date_first = has_date and not byline_top and rng.random() < 0.5
    if date_first:
        lines.append(dated)
    if rng.random() < 0.15 and kicker_slot in art.roster:
        name = art.roster[kicker_slot]
        positions = art.officials.get(name) or []
        if positions:
            lines.append(f"Đồng chí {name}, {', '.join(positions)}:")
    lines.append(title)
    if rng.random() < 0.15:
        lines.append(title)  # some sites print the headline twice (h1 and og:title)
    if has_date and not byline_top and not date_first:
        lines.append(dated)
    if not has_date:
        truth["published"] = None
    body = list(paragraphs)
    if rng.random() < 0.3:
        body[0] = f"({''.join(w[0] for w in fold_ascii(world.place.name).split()).upper()}) - " + body[0]
    for caption in captions:
        at = _int(rng, 1, len(body))
        if rng.random() < 0.3:
            body.insert(at, f"IMG_{rng.getrandbits(40)}.jpg")
            at += 1
        body.insert(at, caption)
    lines.extend(body)
    # Byline at the end, in the shapes sites use.
    if author_style == 1:
        lines.append(f"Bài, ảnh: {' - '.join(authors).upper() if rng.random() < 0.5 else ' - '.join(authors)}")
    elif author_style == 2:
        lines.append(f"Tin, ảnh: {authors[0].upper()}")
    elif author_style == 3:
        site = _pick(rng, world.sites)
        lines.append(f"Theo {authors[0]}/{site}")
        truth["source"] = site
    elif author_style == 4:
        lines.append(authors[0].upper() if rng.random() < 0.5 else authors[0])
    elif author_style == 5:
        lines.append(f"{' - '.join(authors)}")
    if author_style == 0 and not byline_top:
        lines.append(authors[0])
    # Only styles 1 and 5 print a second author.
    truth["authors"] = authors if author_style in (1, 5) else authors[:1]
    for row in _pick(rng, TAIL_CHROME):
        lines.append(row.format(**values))
    if rng.random() < 0.5:
        lines.append(_pick(rng, RELATED_HEADS))
        lines.extend(related_titles(rng, world))
    return lines


# --- encodings and broken files -----------------------------------------------------

_CP1258: dict[str, bytes] = {}
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has base letters and combining tones, not precomposed tones: split them."""
    out = []
    for c in text:
        b = _CP1258.get(c)
        if b is None:
            try:
                b = c.encode("cp1258")
            except UnicodeEncodeError:
                d = unicodedata.normalize("NFD", c)
                tones = "".join(m for m in d if m in _TONE_MARKS)
                base = unicodedata.normalize("NFC", "".join(m for m in d if m not in _TONE_MARKS))
                try:
                    b = base.encode("cp1258") + tones.encode("cp1258")
                except UnicodeEncodeError:
                    b = b"?"
            _CP1258[c] = b
        out.append(b)
    return b"".join(out)


def encode(rng: random.Random, text: str, *, odd_rate: float) -> tuple[bytes, str]:
    if rng.random() >= odd_rate:
        return text.encode("utf-8"), "utf-8"
    style = rng.randrange(6)
    if style == 0:
        return text.encode("utf-16"), "utf-16"
    if style == 1:
        return to_cp1258(text), "cp1258"
    if style == 2:
        return unicodedata.normalize("NFD", text).encode("utf-8"), "utf-8-nfd"
    if style == 3:
        return text.replace("Đ", "\u00d0").encode("utf-8"), "utf-8-lookalike"
    if style == 4:
        return text.replace("\n", "\r\n").encode("utf-8"), "utf-8-crlf"
    return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-bom"


def broken(rng: random.Random, world: ProvinceWorld) -> tuple[bytes, str]:
    style = rng.randrange(3)
    if style == 0:
        return b"", "empty"
    if style == 1:
        return bytes(rng.getrandbits(8) for _ in range(_int(rng, 200, 3000))), "binary"
    rows = [_pick(rng, MENUS), "A A", "Chia sẻ", "Thời tiết", "Tỷ giá ngoại tệ", "Thống kê truy cập",
            f"Đang online {_int(rng, 10, 900)} Tổng lượt truy cập {_int(rng, 10**5, 10**8)}",
            _pick(rng, RELATED_HEADS)] + related_titles(rng, world)
    return "\n".join(rows).encode("utf-8"), "chrome-only"


# --- driver -------------------------------------------------------------------------

@dataclass
class Options:
    out: Path
    count: int
    seed: int
    odd_rate: float = 0.01
    broken_rate: float = 0.002
    dup_rate: float = 0.001


_WORLD = None


def _world(seed: int):
    global _WORLD
    if _WORLD is None or _WORLD[0] != seed:
        _WORLD = (seed, build_world(seed))
    return _WORLD[1]


def file_name(i: int, rng: random.Random) -> str:
    return f"{i:07d}_{rng.getrandbits(64):016x}.txt"


def generate_shard(args: tuple[Options, int]) -> tuple[int, int]:
    """Write files [shard*1000, shard*1000+1000) and their truth part; (files, bytes)."""
    options, shard = args
    worlds, catalog, national = _world(options.seed)
    folder = options.out / f"{shard:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    start, end = shard * SHARD, min(options.count, (shard + 1) * SHARD)
    truth_rows, total = [], 0
    previous_text = None
    for i in range(start, end):
        # One generator per file: any file can be rebuilt alone, and shards run in parallel.
        rng = random.Random((options.seed << 32) ^ i)
        name = file_name(i, rng)
        world = worlds[rng.randrange(len(worlds))]
        roll = rng.random()
        if roll < options.broken_rate:
            data, how = broken(rng, world)
            row = {"file": name, "broken": how}
        elif roll < options.broken_rate + options.dup_rate and previous_text is not None:
            data, row = previous_text[0].encode("utf-8"), {"file": name, "duplicate_of": previous_text[1]}
        else:
            lines, truth = build_article(rng, world, catalog, national)
            text = "\n\n".join(lines) if rng.random() < 0.5 else "\n".join(lines)
            data, encoding = encode(rng, text, odd_rate=options.odd_rate)
            row = {"file": name, **truth, "encoding": encoding}
            previous_text = (text, name)
        (folder / name).write_bytes(data)
        total += len(data)
        truth_rows.append(json.dumps(row, ensure_ascii=False))
    (folder / "truth.part").write_text("\n".join(truth_rows) + "\n", encoding="utf-8")
    return end - start, total


def generate(options: Options, *, workers: int = 1, sample: int = 1000, progress=None) -> dict:
    options.out.mkdir(parents=True, exist_ok=True)
    shards = list(range((options.count + SHARD - 1) // SHARD))
    started = time.perf_counter()
    files = size = 0
    jobs = [(options, s) for s in shards]
    if workers > 1 and len(shards) > 1:
        with Pool(workers) as pool:
            for n, b in pool.imap(generate_shard, jobs):
                files, size = files + n, size + b
                if progress:
                    progress(files)
    else:
        for job in jobs:
            n, b = generate_shard(job)
            files, size = files + n, size + b
            if progress:
                progress(files)
    # Concatenate the truth parts in order and write the scorer's sample.
    gold = []
    with (options.out / "truth.jsonl").open("w", encoding="utf-8") as out:
        for s in shards:
            part = options.out / f"{s:04d}" / "truth.part"
            for line in part.read_text(encoding="utf-8").splitlines():
                out.write(line + "\n")
                if len(gold) < sample:
                    row = json.loads(line)
                    if "broken" not in row and "duplicate_of" not in row:
                        gold.append(row)
            part.unlink()
    (options.out / "truth-sample.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    seconds = time.perf_counter() - started
    summary = {"files": files, "bytes": size, "seconds": round(seconds, 2),
               "files_per_s": round(files / seconds) if seconds else 0}
    # Kept beside the files, so a benchmark run on a corpus generated earlier still reports it.
    (options.out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (sharded in subfolders of 1,000 files)")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="processes (files are identical whatever the number)")
    parser.add_argument("--odd-rate", type=float, default=0.01, help="share of UTF-16 / Windows-1258 / NFD / Ð / CRLF / BOM files")
    parser.add_argument("--broken-rate", type=float, default=0.002, help="share of empty, binary or chrome-only files")
    parser.add_argument("--dup-rate", type=float, default=0.001, help="share of files repeating the previous article")
    parser.add_argument("--sample", type=int, default=1000, help="articles in truth-sample.json (scorer gold)")
    args = parser.parse_args(argv)
    options = Options(out=args.out, count=args.count, seed=args.seed, odd_rate=args.odd_rate,
                      broken_rate=args.broken_rate, dup_rate=args.dup_rate)
    stats = generate(options, workers=args.workers, sample=args.sample)
    print(f"{stats['files']} files, {stats['bytes'] / 1e6:.1f} MB in {stats['seconds']} s "
          f"({stats['files_per_s']} files/s) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
