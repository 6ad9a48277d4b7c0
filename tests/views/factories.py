"""Rows built directly, so the view tests do not depend on what the extractor finds today."""
from __future__ import annotations

import datetime as dt
import hashlib
from itertools import count

from archive import search
from archive.extraction.text import slugify
from archive.models import Appearance, Article, ArticleLocality, Citation, Locality, Official, Resolution

_seq = count(1)


def place(name: str, *, kind: str = "tỉnh", parent: Locality | None = None, new_name: str = "") -> Locality:
    level = 1 if parent is None else parent.level + 1
    slug = slugify(name) if parent is None else f"{slugify(name)}-{parent.slug}"
    return Locality.objects.create(name=name, kind=kind, slug=slug, parent=parent, level=level, new_name=new_name)


def official(name: str, *, home: Locality | None = None) -> Official:
    slug = slugify(name) if home is None else f"{slugify(name)}-{home.slug}"
    return Official.objects.create(name=name, slug=slug, home_locality=home)


def resolution(code: str, *, kind: str = "Nghị quyết", number: str = "", term: str = "", title: str = "",
               issued: dt.date | None = None, aliases: list[str] | None = None) -> Resolution:
    return Resolution.objects.create(
        key=code, code=code, slug=slugify(code), kind=kind, number=number or code.split("-")[0], issuer="TW",
        term=term, title=title, issued=issued, aliases=aliases or [],
    )


def article(title: str, *, published: dt.date | None, paragraphs: list[str], places: list[Locality] = (),
            officials: list[tuple[Official, list[str]]] = (), documents: list[tuple[Resolution, str]] = (),
            source: str = "", authors: list[str] | None = None, captions: list[str] | None = None) -> Article:
    n = next(_seq)
    text = title + "\n" + "\n".join(paragraphs)
    a = Article.objects.create(
        file_name=f"{n:03d}_{hashlib.sha1(text.encode()).hexdigest()[:8]}.txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        original_text=text, title=title, published=published, source=source,
        authors=authors or [], paragraphs=paragraphs, captions=captions or [],
        primary_locality=places[0] if places else None,
    )
    for i, p in enumerate(places):
        ArticleLocality.objects.create(article=a, locality=p, mention=p.name, is_primary=i == 0)
    for i, (o, positions) in enumerate(officials):
        Appearance.objects.create(article=a, official=o, positions=positions, order=i, mention=o.name)
    for r, words in documents:
        sentence = next((p for p in paragraphs if words in p), "")
        Citation.objects.create(article=a, resolution=r, mentions=[words], sentence=sentence)
    search.index_articles([a.pk])  # the loader does this after saving an article
    return a


def build_sample_archive() -> dict:
    """Two provinces with districts and wards, three officials, two documents, six articles over two years."""
    can_tho = place("Cần Thơ", kind="thành phố")
    co_do = place("Cờ Đỏ", kind="huyện", parent=can_tho)
    thoi_lai = place("Thới Lai", kind="huyện", parent=can_tho)
    trung_an = place("Trung An", kind="xã", parent=co_do, new_name="xã Thạnh Phú")
    quang_ninh = place("Quảng Ninh")
    uong_bi = place("Uông Bí", kind="thành phố", parent=quang_ninh)

    truong = official("Trần Việt Trường", home=can_tho)
    manh = official("Lê Quang Mạnh", home=can_tho)
    hieu = official("Phạm Văn Hiểu", home=can_tho)

    nq04 = resolution("04-NQ/TW", number="04", term="XII", issued=dt.date(2016, 10, 30),
                      title="về tăng cường xây dựng, chỉnh đốn Đảng", aliases=["NQTW4", "Nghị quyết Trung ương 4"])
    nq59 = resolution("59-NQ/TW", number="59", term="XII", issued=dt.date(2020, 2, 24),
                      title="về xây dựng và phát triển thành phố Cần Thơ")

    a1 = article(
        "Sáng tạo trong tư duy, quyết liệt trong hành động", published=dt.date(2020, 8, 7),
        paragraphs=["Đồng chí Trần Việt Trường, Trưởng Ban Tuyên giáo Thành ủy Cần Thơ, phát biểu.",
                    "Huyện Cờ Đỏ quán triệt Nghị quyết số 04-NQ/TW về xây dựng Đảng."],
        places=[can_tho, co_do], officials=[(truong, ["Trưởng Ban Tuyên giáo Thành ủy"])],
        documents=[(nq04, "Nghị quyết số 04-NQ/TW")], source="baocantho.com.vn", authors=["Lâm Vĩ"],
        captions=["Đồng chí Trần Việt Trường phát biểu tại hội nghị."],
    )
    a2 = article(
        "Ban Thường vụ Thành ủy: Sơ kết thực hiện Nghị quyết Trung ương 4 (khóa XII)", published=dt.date(2021, 7, 5),
        paragraphs=["Ngày 23/6, Ban Thường vụ Thành ủy Cần Thơ sơ kết Nghị quyết số 04-NQ/TW.",
                    "Các đồng chí: Lê Quang Mạnh, Bí thư Thành ủy; Trần Việt Trường, Phó Bí thư Thành ủy, "
                    "Chủ tịch UBND thành phố chủ trì."],
        places=[can_tho], officials=[(manh, ["Bí thư Thành ủy"]),
                                     (truong, ["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố"])],
        documents=[(nq04, "Nghị quyết số 04-NQ/TW")], source="baocantho.com.vn", authors=["Lâm Vĩ"],
    )
    a3 = article(
        "Tập trung thực hiện có hiệu quả Nghị quyết số 59 của Bộ Chính trị", published=dt.date(2022, 1, 17),
        paragraphs=["Thành ủy Cần Thơ triển khai Nghị quyết 59-NQ/TW của Bộ Chính trị.",
                    "Đồng chí Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố và "
                    "đồng chí Phạm Văn Hiểu dự họp tại xã Trung An."],
        places=[can_tho, trung_an], officials=[(truong, ["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố"]),
                                               (hieu, ["Phó Bí thư Thường trực Thành ủy"])],
        documents=[(nq59, "Nghị quyết 59-NQ/TW")], source="baocantho.com.vn",
    )
    a4 = article(
        "Huyện Thới Lai học tập Nghị quyết 59", published=dt.date(2022, 3, 2),
        paragraphs=["Huyện ủy Thới Lai tổ chức học tập Nghị quyết 59-NQ/TW; đồng chí Phạm Văn Hiểu dự."],
        places=[thoi_lai], officials=[(hieu, ["Phó Bí thư Thường trực Thành ủy"])],
        documents=[(nq59, "Nghị quyết 59-NQ/TW")], source="baocantho.com.vn",
    )
    a5 = article(
        "Thực hiện Nghị quyết Trung ương 4: Đảng bộ TP Uông Bí triển khai đồng bộ", published=None,
        paragraphs=["Đảng bộ thành phố Uông Bí thực hiện Nghị quyết Trung ương 4 (khóa XII) hiệu quả."],
        places=[uong_bi], documents=[(nq04, "Nghị quyết Trung ương 4")], source="baoquangninh.com.vn",
    )
    a6 = article(
        "Quảng Ninh tổng kết công tác xây dựng Đảng năm 2022", published=dt.date(2022, 12, 20),
        paragraphs=["Tỉnh ủy Quảng Ninh tổng kết công tác xây dựng Đảng."],
        places=[quang_ninh], source="baoquangninh.com.vn",
    )
    return {
        "places": {"can_tho": can_tho, "co_do": co_do, "thoi_lai": thoi_lai, "trung_an": trung_an,
                   "quang_ninh": quang_ninh, "uong_bi": uong_bi},
        "officials": {"truong": truong, "manh": manh, "hieu": hieu},
        "resolutions": {"nq04": nq04, "nq59": nq59},
        "articles": [a1, a2, a3, a4, a5, a6],
    }
