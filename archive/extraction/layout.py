"""Page layout of one scraped article: headline, own date, bylines, body, captions.

Scraped texts keep one block of the page per line: site chrome (font buttons,
share bars, counters, weather), the headline (sometimes under a kicker line or
printed twice), the date and byline in any of a dozen styles, paragraphs,
photo captions and image file names, then related-article lists. Each line is
classified on its own, then the header and the tail are read around the body.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from .names import COMMON_COMPOUNDS, NOT_NAME_SYLLABLES, _canon, fold_keep, is_province, title_case
from .text import canonical


@dataclass
class Layout:
    title: str = ""
    published: object = None          # date, datetime (a time was printed) or None
    authors: list = field(default_factory=list)
    source: str = ""
    paragraphs: list = field(default_factory=list)
    captions: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    kicker: str = ""                  # the line above the headline ("Đồng chí X, Bí thư...:")
    photographers: list = field(default_factory=list)


# --- chrome --------------------------------------------------------------------

# Whole lines (folded, punctuation stripped) that are page furniture.
_CHROME_LINES = {
    "a a", "a a a", "a- a+", "a+ a-", "a- a a+", "aa", "chia se bai viet", "chia se", "cac tin khac",
    "thoi tiet", "ty gia ngoai te", "thong ke truy cap", "in bai viet", "in bai", "in trang",
    "binh luan", "gui binh luan", "date", "facebook", "twitter", "zalo", "email", "print", "tweet",
    "like", "share", "trang chu", "lien he", "ban in", "gui bai", "copy link", "sao chep link",
    "quay lai", "len dau trang", "ve dau trang", "tro ve", "gui email", "gui cho ban be",
    "luu bai viet", "theo doi", "dang nhap", "dang ky", "tim kiem", "menu", "tin moi",
    "doc nhieu", "tin doc nhieu", "tin noi bat", "xem nhieu", "video", "anh", "tags", "tu khoa",
    "nghe doc bai", "nghe bai viet", "nghe", "font size", "co chu", "lang nghe", "tai ve",
    "phong to", "thu nho", "chia se facebook", "chia se zalo", "like share", "0 binh luan",
    "y kien ban doc", "dong", "x", "close", "top", "tin anh", "video clip", "multimedia",
    "megastory", "emagazine", "infographic", "podcast",
}
# Lines that open with these (folded) are chrome whatever follows.
_CHROME_PREFIX = re.compile(
    r"^(duong day nong|hotline|dang online|dang truy cap|tong (so )?luot truy cap|luot truy cap|"
    r"so luot truy cap|truy cap hom nay|hom nay\s*:|luot xem\s*:|luot xem \d|so lan xem|"
    r"tu khoa\s*:|tags?\s*:|chia se\s*:|ban quyen|copyright|©|\(c\) ?\d{4}|giay phep|"
    r"chiu trach nhiem|tong bien tap\s*:|dia chi\s*:|dien thoai\s*:|fax\s*:|e-?mail\s*:|"
    r"website\s*:|ghi ro nguon|co quan chu quan|thiet ke boi|phat trien boi|"
    r"chu de\s*:|chuyen muc\s*:|danh muc\s*:|xem them\s*:|doc them\s*:|>>|"
    r"ty gia|gia vang|thoi tiet\s*:|\d+\s+luot xem|nhiet do|bien tap( vien)?\s*:|trinh bay\s*:|"
    r"do hoa\s*:|thiet ke\s*:|dang boi|nguoi dang|co chu|luot doc|nghe audio|tai xuong|xem anh|"
    r"xem video|danh gia bai viet|ban dang xem|vi tri cua ban|ban dang o|(pho )?truong ban bien tap\s*:|"
    r"(pho )?tong bien tap\s*:|chiu trach nhiem xuat ban|tru so\s*:|so giay phep|dang ky nhan tin|tai ung dung|"
    r"theo doi chung toi|ket noi voi chung toi|ban quyen thuoc|moi hinh thuc sao chep|"
    r"cam sao chep|website dang chay thu|phien ban thu nghiem|skip to|lien ket website|"
    r"lien ket web|thong bao\s*:?$|quang cao\s*$)"
)
# After these, the rest of the page is lists of other articles (skipped until a
# line that reads as a real paragraph again).
_SECTION_BREAKS = {
    "cac tin khac", "tin lien quan", "bai viet lien quan", "tin cung chuyen muc", "cac bai viet khac",
    "cac tin da dua", "tin da dua", "tin moi hon", "tin cu hon", "tin khac", "bai lien quan",
    "xem them", "doc them", "tin bai lien quan", "cac tin bai khac", "cac bai khac", "co the ban quan tam",
    "ban co the quan tam", "y kien ban doc", "binh luan", "gui binh luan", "tin moi nhat",
    "tin xem nhieu", "tin doc nhieu", "bai doc nhieu", "cung chuyen muc", "tin tuc lien quan",
    "cac tin moi", "tin cung loai", "bai viet khac", "tin bai khac", "tin moi cap nhat",
    "viet binh luan", "gui y kien", "y kien cua ban", "binh luan cua ban", "gop y", "phan hoi",
}
# Reader comments run to the end of the page, long sentences included.
_HARD_BREAKS = {"binh luan", "gui binh luan", "y kien ban doc", "y kien binh luan", "binh luan cua ban",
                "viet binh luan", "cac binh luan", "gui y kien", "y kien cua ban", "gop y", "phan hoi"}
_SOCIAL_ONLY = re.compile(r"(?=.*[a-z]{2})(?:\s*(?:facebook|twitter|zalo|email|e-mail|print|in|share|chia se|like|tweet|messenger|"
                          r"linkedin|copy link|sao chep|google\+?|pinterest|telegram|gui|luu|\d+|[|•·/,-]))+\s*")
# Menu entries printed on one line without separators: "Trang chủ Giới thiệu Tin tức Liên hệ".
_MENU_WORDS = re.compile(r"(?:\s*(?:trang chu|gioi thieu|tin tuc|van ban|lien he|tim kiem|su kien|hoat dong|"
                         r"thong bao|video|hinh anh|anh|dang nhap|dang ky|so do site|so do trang|english|"
                         r"thu vien|hoi dap|lich cong tac|chuyen muc|chuyen de|tai lieu|da phuong tien|"
                         r"xay dung dang|thoi su|chinh tri|kinh te|van hoa|xa hoi|quoc phong|an ninh|"
                         r"tieng viet|home|menu|rss|podcast|emagazine|infographic|tin trong tinh|tin trong nuoc))+\s*")
_RELATIVE_TIME = re.compile(r"(?:(?:khoang |cach day )?\d+ (?:giay|phut|gio|ngay|tuan|thang|nam) ?)+(?:truoc|qua)?")
_IMAGE_FILE = re.compile(r"^\S+\.(jpe?g|png|gif|webp|bmp|tiff?|svg)(\?\S*)?$", re.I)
_LONE_PUNCT = re.compile(r"^[\W_]*$")
_MENU_SEP = re.compile(r"\s(\||»|›|>|/|•|·)\s")
_SECTION_LABELS = {
    "xay dung dang", "thoi su", "chinh tri", "tin tuc", "tin tuc - su kien", "tin tuc su kien",
    "tin hoat dong", "tin trong tinh", "tin trong nuoc", "chinh tri - xa hoi", "su kien", "tin tong hop",
    "hoat dong", "tin tuc - hoat dong", "cong tac xay dung dang", "tin dia phuong", "trong nuoc",
    "doi song", "xa hoi", "kinh te", "phap luat", "van hoa", "giao duc", "quoc phong - an ninh",
    "tin van phong", "thong tin hoat dong", "tin noi bo", "tin chinh tri", "dien dan", "binh luan - phe phan",
    "cong tac dang", "to chuc - can bo", "kiem tra - giam sat", "dan van", "tuyen giao",
    "chinh tri - xay dung dang", "xay dung dang - chinh quyen", "thoi su - chinh tri", "tin tuc - thoi su",
}

# --- dates ---------------------------------------------------------------------

# The look-behinds sit after the first digit ("\d(?<!X\d)" is "(?<!X)\d"), so re jumps from digit
# to digit instead of trying every position of the line.
_DMY = re.compile(r"(\d(?<![\d/.\-]\d)\d?)\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/]|\.\d)")
_ISO = re.compile(r"(\d(?<!\d\d)\d{3})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::\d{2})?)?")
_DIGIT = re.compile(r"\d")
_MONTHS = {"mot": 1, "gieng": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
           "chin": 9, "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12}
_MONTH = r"(\d{1,2}|muoi mot|muoi hai|mot|gieng|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|chap)"
# "ngày 5 tháng 7 năm 2021", "05 Tháng Bảy, 2021", "Tháng Bảy 5, 2021" (WordPress sites)
_LONG = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+" + _MONTH + r"\s*(?:,\s*)?(?:nam\s+)?(\d{4})")
_LONG_MDY = re.compile(r"thang\s+" + _MONTH + r"\s+(\d{1,2})\s*,\s*(\d{4})")
_STAMP_WORDS = re.compile(r"\b(thu (hai|ba|tu|nam|sau|bay)|chu nhat|gmt|utc)\b")
_TIME = re.compile(r"(\d(?<![\d/.]\d)\d?)\s?(?::|h|gio)\s?(\d{2})(?:\s?:\s?\d{2})?(?:\s?(?:phut|p))?(?:\s?(am|pm|sa|ch))?(?![\d/])")
_DATE_LABEL = re.compile(
    r"\b(dang luc|dang ngay|ngay dang|ngay dang tai|cap nhat luc|cap nhat ngay|cap nhat|ngay cap nhat|"
    r"lan cap nhat cuoi|xuat ban|ngay xuat ban|thoi gian dang|thoi gian|published|updated|posted|"
    r"dang tai|dang|ngay|luc|vao luc|gmt\s?\+?\s?\d+|utc\s?\+?\s?\d*|thu (hai|ba|tu|nam|sau|bay)|"
    r"chu nhat|cn|thu \d|sang|chieu|toi|luot xem\s*:?\s*\d*|views?\s*:?\s*\d*|am|pm|sa|ch|gio)\b"
)
_POSTED = re.compile(r"^\W*(dang luc|dang ngay|ngay dang|xuat ban|ngay xuat ban|thoi gian dang|published|posted|dang tai)")
_LABELLED_DATE = re.compile(r"^\W*(dang luc|dang ngay|ngay dang|cap nhat|ngay cap nhat|xuat ban|ngay xuat ban|"
                            r"thoi gian dang|published|updated|posted|dang tai)")


def _valid(y: int, *, m: int, d: int, hh: int | None = None, mm: int | None = None):
    if y < 100:
        y += 2000
    if not 1945 <= y <= 2100:
        return None
    try:
        if hh is not None and mm is not None:
            return datetime(y, m, d, hh, mm)
        return date(y, m, d)
    except ValueError:
        return None


def _month(word: str) -> int:
    return int(word) if word.isdigit() else _MONTHS.get(word, 0)


def parse_date(folded: str):
    """The first valid date in a folded string, with its time when one is printed."""
    if not _DIGIT.search(folded):
        return None, None   # every date form holds a digit
    found = None
    span = None
    m = _ISO.search(folded)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(4):
            found = _valid(y, m=mo, d=d, hh=int(m.group(4)), mm=int(m.group(5)))
        else:
            found = _valid(y, m=mo, d=d)
        span = m.span()
    if found is None:
        for rx in (_DMY, _LONG, _LONG_MDY):
            for m in rx.finditer(folded):
                if rx is _DMY:
                    d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
                elif rx is _LONG:
                    d, mo, y = int(m.group(1)), _month(m.group(2)), int(m.group(3))
                else:
                    d, mo, y = int(m.group(2)), _month(m.group(1)), int(m.group(3))
                found = _valid(y, m=mo, d=d)
                if found is not None:
                    span = m.span()
                    break
            if found is not None:
                break
    if found is None:
        return None, None
    if isinstance(found, date) and not isinstance(found, datetime):
        rest = folded[:span[0]] + " " * (span[1] - span[0]) + folded[span[1]:]
        t = _TIME.search(rest)
        if t:
            hh, mm = int(t.group(1)), int(t.group(2))
            if t.group(3) in ("pm", "ch") and hh < 12:
                hh += 12
            if hh < 24 and mm < 60:
                found = datetime(found.year, found.month, found.day, hh, mm)
                span = (min(span[0], t.start()), max(span[1], t.end()))
    return found, span


_ASCII_WORD = re.compile(r"[a-z]+")


def _date_line(folded: str):
    """A line that is only a date (labels, weekday, time and counters allowed)."""
    if len(folded) > 90:
        return None
    found, span = parse_date(folded)
    if found is None:
        return None
    rest = _DMY.sub(" ", _ISO.sub(" ", _LONG_MDY.sub(" ", _LONG.sub(" ", folded))))
    rest = _TIME.sub(" ", rest)
    rest = _DATE_LABEL.sub(" ", rest)
    words = _ASCII_WORD.findall(rest)
    return found if len(words) <= 1 else None


# --- bylines -------------------------------------------------------------------

_BYLINE_LABEL = re.compile(
    r"^\W*(tac gia|but danh|bai va anh|tin va anh|bai va video|bai,? anh|tin,? anh|bai ?[/&-] ?anh|"
    r"tin ?[/&-] ?anh|bai,? anh va video|bai viet|tin bai|nhom phong vien|nhom pv|phong vien|"
    r"thuc hien|ghi chep|bai|tin|nguoi viet|tac gia bai viet|ctv|pv)\s*:\s*(.+)$"
)
_PHOTO_LABEL = re.compile(r"^\W*(anh|anh minh hoa|video|do hoa|clip)\s*:\s*(.+?)\W*$")
_THEO = re.compile(r"^\W*\(?\s*theo\s+(.+?)\s*\)?\W*$")
_NGUON = re.compile(r"^\W*\(?\s*nguon(?: tin| bai)?\s*:\s*(.+?)\s*\)?\W*$")
_DOMAIN = re.compile(r"\b[\w-]+(\.[\w-]+)*\.(vn|com|net|org|gov|info|edu)(\.vn)?\b", re.I)
_AGENCY = {
    "ttxvn": "TTXVN", "vna": "TTXVN", "vov": "VOV", "vtv": "VTV", "qdnd": "QĐND", "ttxvn/vietnam+": "TTXVN",
    "vtc": "VTC", "cpv": "ĐCSVN", "dcsvn": "ĐCSVN", "ndđt": "NDĐT", "nddt": "NDĐT", "tto": "TTO",
    "plo": "PLO", "tuoi tre": "Tuổi Trẻ", "thanh nien": "Thanh Niên", "nhan dan": "Nhân Dân",
    "vietnamplus": "VietnamPlus", "chinhphu.vn": "chinhphu.vn", "baochinhphu.vn": "baochinhphu.vn",
}
_NOT_PEOPLE = {"pv", "ctv", "btv", "nhom pv", "nhom phong vien", "phong vien", "bien tap vien",
               "cong tac vien", "ban bien tap", "nhom tac gia", "pv tong hop", "tong hop", "bbt",
               "pv-ctv", "nhom ctv", "vp", "tin", "bai"}
# Names of papers and portals (diacritics kept: "Báo" is a paper, "Bảo" a given name).
_SOURCE_HEADS_RE = re.compile(r"^(báo|tạp chí|cổng thông tin|cổng ttđt|cổng tt|trang thông tin|trang tin|"
                              r"đài phát thanh|đài truyền hình|đài pt|thông tấn xã|ttxvn|vov|vtv|qđnd|website|"
                              r"tiền phong|nhân dân|đảng cộng sản)(?![^\W\d_])")


class _SourceHeads:
    """Matches a source name on its own text; callers pass it folded or not."""

    def match(self, text: str):
        return _SOURCE_HEADS_RE.match(canonical(text).lower().strip())


_SOURCE_HEADS = _SourceHeads()
_AGENCY_TAG = re.compile(r"^\s*\(([A-ZĐ][A-ZĐa-z+/.\-]{0,14})\)\s*[-–—:]?\s*")


def _clean_name(raw: str) -> str:
    raw = raw.strip(" .;:-–—()[]\"'“”*")
    return " ".join(raw.split())


def _person(raw: str) -> str | None:
    """A byline fragment as a person's name in title case, or None (PV, agencies)."""
    name = _clean_name(raw)
    if not name or ":" in name:
        return None
    f = fold_keep(name)
    if f in _NOT_PEOPLE or f in _AGENCY or _DOMAIN.search(name):
        return None
    words = name.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in name):
        return None
    # every word starts with a capital ("Lê Thảo", "ANH DŨNG", "T.Hà", "H.Anh")
    if not all(w[0].isupper() for w in words if w[0].isalpha()):
        return None
    if len(words) == 1 and len(name) <= 3 and name.isupper() and "." not in name:
        return None   # "CT", "TT": agency tags
    if any(_canon(w) in NOT_NAME_SYLLABLES for w in title_case(name).split()):
        return None   # "Ban Tuyên giáo Tỉnh ủy": an organ, not a person
    folded_words = fold_keep(name).split()
    if any(f"{a} {b}" in COMMON_COMPOUNDS for a, b in zip(folded_words, folded_words[1:])):
        return None   # "ĐOÀN THANH NIÊN", "Hội Nông dân": an organisation
    if is_province(title_case(name)):
        return None   # "NGHỆ AN", "Việt Nam": a place line, not a byline
    return title_case(name) if name.isupper() or name.islower() else name


_TRAILING_PAREN = re.compile(r"\(([^()]+)\)\s*$")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_PEOPLE_SEP = re.compile(r"\s*(?:,|;|&|\s-\s|\s–\s|\s—\s|\bvà\b|\bvới\b)\s*")


def _split_people(raw: str) -> tuple[list[str], str]:
    """'Hoài Anh - Thu Hà (TTXVN)' -> (['Hoài Anh', 'Thu Hà'], 'TTXVN')."""
    source = ""
    m = _TRAILING_PAREN.search(raw)
    if m:
        inner = _clean_name(m.group(1))
        if fold_keep(inner) in _AGENCY or _DOMAIN.search(inner) or _SOURCE_HEADS.match(inner):
            source = _AGENCY.get(fold_keep(inner), inner)
            raw = raw[:m.start()]
    if "/" in raw:
        left, right = raw.rsplit("/", 1)
        r = _clean_name(right)
        if fold_keep(r) in _AGENCY or _DOMAIN.search(r) or _SOURCE_HEADS.match(r):
            source = source or _AGENCY.get(fold_keep(r), r)
            raw = left
    # "(tổng hợp)", "(TH)", "(Trung tâm VHTT huyện)": notes after the names
    raw = _TRAILING_NOTE.sub("", raw) if _TRAILING_NOTE.search(raw) else raw
    people = []
    for part in _PEOPLE_SEP.split(raw):
        p = _person(part)
        if p and p not in people:
            people.append(p)
    return people, source


@dataclass
class _Byline:
    authors: list
    source: str = ""
    published: object = None
    photographers: list = field(default_factory=list)
    strong: bool = False     # "Theo ...", "Nguồn: ...": the origin, over a site name by the date
    bar: bool = False        # a date among menu items: the site's top bar shows today, not the article's day


_LABELLED_PHOTO_CREDIT = re.compile(r"[;,.|]?\s*(?:Ảnh|ảnh|ẢNH)\s*:\s*(.+)$")
_TAIL_PHOTO_CREDIT = re.compile(r"[;,.|–-]?\s*(?:Ảnh|ảnh|ẢNH)\s*:\s*(.+)$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
_CLOSING_PUNCT = re.compile(r"[.!?:]\s*$")
_LONE_AGENCY_TAG = re.compile(r"\(\s*([A-ZĐ][\w./+\-]{0,14})\s*\)\.?")
_LONGEST_BYLINE = 170   # characters; bylines are short


def read_byline(line: str, *, tail: bool = False, folded: str = "") -> _Byline | None:
    """A byline line in any of the forms sites print, or None.

    With tail=True (last lines of the page) a lone short name counts too. `folded`
    is fold_keep(line) when the caller has it already.
    """
    if len(line) > _LONGEST_BYLINE:
        return None   # bylines are short; a paragraph is not one
    if line != line.strip():
        line, folded = line.strip(), ""
    f = folded or fold_keep(line)
    stripped = line
    m = _BYLINE_LABEL.match(f)
    if m:
        label = m.group(1)
        if len(m.group(2).split()) > (8 if label in ("bai", "tin", "bai viet", "tin bai", "pv", "phong vien") else 14):
            return None   # "PV: Thưa đồng chí, ...": an interview line, not a byline
        value = line[m.start(2):m.end(2)]
        value, published = _strip_trailing_date(value)
        photographers = []
        pm = _LABELLED_PHOTO_CREDIT.search(value)
        if pm and "anh" not in label:
            photographers, _ = _split_people(pm.group(1))
            value = value[:pm.start()]
        people, source = _split_people(value)
        return _Byline(people, source, published, photographers)
    m = _THEO.match(f)
    if m and len(m.group(1).split()) <= 8 and not _SENTENCE_BREAK.search(line):
        value = line[m.start(1):m.end(1)]
        value, published = _strip_trailing_date(value)
        fv = fold_keep(value).strip()
        if fv in _AGENCY:
            return _Byline([], _AGENCY[fv], published, strong=True)
        if _SOURCE_HEADS.match(value) or (_DOMAIN.fullmatch(value.strip())):
            return _Byline([], value.strip(), published, strong=True)
        people, source = _split_people(value)
        if people or source:
            return _Byline(people, source, published, strong=True)
        return None
    m = _NGUON.match(f)
    if m and len(m.group(1).split()) <= 10:
        value = line[m.start(1):m.end(1)].strip()
        people, source = _split_people(value)
        if not source:
            source = _AGENCY.get(fold_keep(value), value)
            people = []
        return _Byline(people, source, strong=True)
    if tail:
        value, published = _strip_trailing_date(stripped)
        photographers = []
        pm = _TAIL_PHOTO_CREDIT.search(value)
        if pm:
            photographers, _ = _split_people(pm.group(1))   # "Minh Tâm - Ảnh: Quang Vinh"
            value = value[:pm.start()]
            if not value.strip():
                return _Byline([], "", published, photographers)
        if len(value.split()) <= 10 and not _CLOSING_PUNCT.search(value.rstrip(")")) or value.isupper():
            tag = _LONE_AGENCY_TAG.fullmatch(value.strip())
            if tag:
                return _Byline([], _AGENCY.get(fold_keep(tag.group(1)), ""), published)
            bare = _TRAILING_NOTE.sub("", value) if not value.strip().startswith("(") else value
            if fold_keep(bare.strip(" ().")) in _NOT_PEOPLE:
                return _Byline([], "", published)
            people, source = _split_people(value)
            if people and all(_name_shaped(p) for p in people):
                return _Byline(people, source, published, photographers)
            if source and not people and value.strip().startswith("("):
                return _Byline([], source, published)
    return None


def _is_all_caps_name(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and 2 <= len(line.split()) <= 6 \
        and not any(c.isdigit() for c in line)


def _name_shaped(name: str) -> bool:
    words = name.replace(".", ". ").split()
    if not 1 <= len(words) <= 4:
        return False
    return all(w[0].isupper() for w in words)


_TRAILING_DATE = re.compile(
    r"\s*[-–—|,(]?\s*(?:ngay\s*)?(\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{2,4}|\d{4}-\d{2}-\d{2})[^a-z]*$")


def _strip_trailing_date(value: str):
    f = fold_keep(value)
    m = _TRAILING_DATE.search(f)
    if not m:
        return value, None
    found, _ = parse_date(f[m.start():])
    return value[:m.start()], found


# --- captions ------------------------------------------------------------------

# A photo credit, on the line as printed: "Ảnh: X", "(Ảnh: TTXVN)", "(Ảnh minh họa)"; not the
# given name "Anh" ("Nguyễn Tuấn Anh: ...", "Tuấn Anh - Bí thư").
_PHOTO_MARK = re.compile(r"(?:\(\s*(?:Ảnh|ảnh|ẢNH)\b[^()]*\)\s*\.?\s*$|(?<![^\W\d_])(?:Ảnh|ảnh|ẢNH)\s*:\s*\S|"
                         r"(?:Ảnh|ảnh|ẢNH) minh (?:họa|hoạ|HỌA)|[Nn]guồn ảnh)")
_CAPTION_CUE = re.compile(
    r"\b(phat bieu|toan canh|quang canh|trao|tang|chup anh|du hoi nghi|du buoi|tham du|chu tri|"
    r"tham|kiem tra|tham quan|bieu quyet|bo phieu|tai hoi nghi|tai buoi|tai le|tai cuoc|tai dai hoi|"
    r"ket luan|khai mac|be mac|lam viec|cat bang|gan bien|trong cay|dang huong|dang hoa|"
    r"chi dao|hoi nghi|dai bieu|cac dai bieu|lanh dao|ra mat|ky ket|don nhan|tiep)\b"
)
_END_PUNCT = re.compile(r"[.!?…:;\"”»)\]]\s*$")
_SENTENCE_END = re.compile(r"[.!?…][\"”»)\]]?\s*$")


_PHOTO_HINTS = ("anh:", "anh :", "(anh", "minh hoa", "nguon anh")


def _photo_caption(ln: _Line) -> bool:
    text = ln.text
    # every form of _PHOTO_MARK spells "ảnh" one of three ways: without it, no need to fold the line
    if len(text) > 500 or ("ảnh" not in text and "Ảnh" not in text and "ẢNH" not in text):
        return False
    folded = ln.folded
    if not any(h in folded for h in _PHOTO_HINTS):
        return False
    return bool(_PHOTO_MARK.search(text)) and ln.words <= 70


def _short_caption(ln: _Line) -> bool:
    """A short line between paragraphs that labels a photo rather than opening a section."""
    line, words = ln.text, ln.words
    if _END_PUNCT.search(line):
        # "Đồng chí X phát biểu tại hội nghị." : a photo line with a full stop
        # ("Đồng chí X, Bí thư Tỉnh ủy chủ trì hội nghị." with its commas is a body sentence)
        return words <= 14 and line.rstrip().endswith(".") and bool(_CAPTION_CUE.search(ln.folded)) \
            and not line.rstrip().endswith("..") and "," not in line
    if words <= 8 and not _CAPTION_CUE.search(ln.folded):
        return False   # a subheading ("Quyết tâm chỉnh đốn"), body text
    return words <= 45


# --- the whole page --------------------------------------------------------------

@dataclass
class _Line:
    text: str
    known_fold: str | None = None   # fold_keep(text) once worked out: see `folded`
    kind: str = "text"      # chrome, image, date, byline, photo, text
    value: object = None
    words: int = 0          # len(text.split()), counted once: lines are measured in words again and again

    @property
    def folded(self) -> str:
        """fold_keep(text), worked out when first asked for: most tests on long lines (the
        paragraphs, most of the text) never need it."""
        if self.known_fold is None:
            self.known_fold = fold_keep(self.text)
        return self.known_fold


_KEY_WORD = re.compile(r"[\w+\-]+")


@lru_cache(maxsize=4096)   # the same short lines are keyed several times a page, and on every page
def _key(folded: str) -> str:
    if len(folded) > 300:
        return folded   # only short lines are compared with the chrome lists and the title
    # the runs of word characters, + and -, one blank between: as blanking out everything else
    # and splitting on white space would give (no white space is a word character), in one pass
    return " ".join(_KEY_WORD.findall(folded))


_COUNTER_LINE = re.compile(r"[\d\s.,:/|-]*(luot xem|views?|binh luan|comments?|like|share|chia se)[\d\s.,:()]*")


def _classify(ln: _Line) -> tuple[str, object]:
    text = ln.text
    if len(text) > 240 and not _IMAGE_FILE.match(text):
        return "text", None   # chrome, dates, bylines and menus are short lines
    folded = ln.folded
    key = _key(folded)
    if not key or _LONE_PUNCT.match(text):
        return "chrome", None
    if _IMAGE_FILE.match(text.strip()):
        return "image", None
    if key in _SECTION_BREAKS:
        return "break", None
    if key in _CHROME_LINES or _CHROME_PREFIX.match(folded.strip()) or _SOCIAL_ONLY.fullmatch(folded):
        return "chrome", None
    if len(key.split()) >= 4 and _MENU_WORDS.fullmatch(key.replace("-", " ")):
        return "chrome", None   # a menu bar on one line
    if _COUNTER_LINE.fullmatch(key):
        return "chrome", None
    if _RELATIVE_TIME.fullmatch(key):
        return "chrome", None   # "2 tháng 2 tuần trước", "3 giờ trước": no date to read
    d = _date_line(folded)
    if d is not None:
        return "date", d
    b = _piped_header(text, folded=folded) or _site_date_line(text, folded=folded)
    if b is not None:
        return "byline", b
    if _MENU_SEP.search(text) and len(_MENU_SEP.findall(text)) >= 2 and not _END_PUNCT.search(text) \
            and len(key.split()) <= 25:
        return "chrome", None   # menus and breadcrumbs: "Trang chủ > Xây dựng Đảng > ..."
    return "text", None


_PIPE = re.compile(r"\s+[|•·]\s+")


def _piped_header(text: str, *, folded: str):
    """'Ngày đăng: 05/07/2021 | Lượt xem: 1234 | Tác giả: Nguyễn Văn A' on one line."""
    if "|" not in text and "•" not in text and "·" not in text or len(folded.split()) > 30:
        return None
    parts, pos = [], 0
    for m in _PIPE.finditer(text):
        parts.append(text[pos:m.start()])
        pos = m.end()
    parts.append(text[pos:])
    found = _Byline([])
    useful = False
    for part in parts:
        f = fold_keep(part)
        d = _date_line(f)
        if d is not None:
            found.published = found.published or d
            useful = True
            continue
        if _CHROME_PREFIX.match(f.strip()) or _key(f) in _CHROME_LINES:
            continue
        b = read_byline(part)
        if b is None:
            if len(f.split()) <= 4:
                found.bar = True
                continue   # "Sơ đồ site", "English": menu items beside the date
            return None   # a part that is neither date, byline nor chrome: a real line
        found.authors += [a for a in b.authors if a not in found.authors]
        found.source = found.source or b.source
        found.published = found.published or b.published
        useful = True
    return found if useful else None


_SITE_DATE = re.compile(r"^(?P<left>(?:(?!\.\s)[^!?:]){2,60})\s+[-|–—]\s+(?P<date>.+)$|^(?P<date2>.+?)\s+[-|–—]\s+(?P<right>[^.!?\d]{2,40})$")


_NAME_THEN_DATE = re.compile(r"^(?P<left>[^\d:|()]{2,40}?)\s+(?P<date>\d.*)$")


def _site_date_line(text: str, *, folded: str):
    """'Hà Nội mới - 05/07/2021 10:15', 'VOV.VN - Thứ hai, 12:30, 05/07/2021', 'Hoàng Anh - 05/07/2021'."""
    if len(folded.split()) > 14 or not _DIGIT.search(folded):
        return None   # both forms end in a date, and every date holds a digit
    m = _SITE_DATE.match(folded)
    if not m or _BYLINE_LABEL.match(folded):
        # "Sông Hương 14:20, 24/07/2024": a capitalised name straight before the time
        m = _NAME_THEN_DATE.match(folded)
        if not m or _BYLINE_LABEL.match(folded):
            return None
        who = _clean_name(text[m.start("left"):m.end("left")])
        found = _date_line(m.group("date"))
        if found is None or not who or not all(w[0].isupper() for w in who.split()) or len(who.split()) > 4:
            return None
        people, source = _split_people(who)
        return _Byline(people, source, found) if people else None
    if m.group("left"):
        label, when = m.span("left"), m.group("date")
    else:
        label, when = m.span("right"), m.group("date2")
    found = _date_line(when)
    if found is None:
        return None
    who = _clean_name(text[label[0]:label[1]])
    if ":" in who:
        return None
    if not _DOMAIN.search(who):
        people, source = _split_people(who)
        if people and all(_name_shaped(p) for p in people):
            return _Byline(people, source, found)   # "Lâm Vĩ - Anh Dũng - 05/07/2021"
    return _Byline([], who if (_DOMAIN.search(who) or _SOURCE_HEADS.match(who)) else "", found)


_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,300}>")


def _strip_markup(line: str) -> str:
    """HTML left over by a scraper: tags dropped, entities ("&quot;", "&nbsp;") decoded."""
    if "<" in line:
        line = _TAG.sub(" ", line)
    if "&" in line:
        line = html.unescape(line).replace("\u00a0", " ")
    return line


def _unwrap(lines: list[str]) -> list[str]:
    """Join a paragraph a scraper broke across lines: a line that stops mid-sentence
    followed by one that opens in lower case ("...Phó Bí thư" / "Thường trực Tỉnh ủy"
    is left alone; "...đã tổ chức" / "hội nghị sơ kết..." is joined)."""
    out: list[str] = []
    for ln in lines:
        if out and out[-1] and ln and len(out[-1]) > 40 and not _END_PUNCT.search(out[-1]) \
                and ln[0].islower() and len(ln.split()) >= 3 and not _IMAGE_FILE.match(ln) \
                and _date_line(fold_keep(ln)) is None and not _CHROME_PREFIX.match(fold_keep(ln)):
            out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
    return out


_CAPTION_CREDIT = re.compile(r"\(?(?<![^\W\d_])(?:Ảnh|ảnh|ẢNH)\s*:\s*([^()]+?)\)?\s*$")


def parse_layout(text: str) -> Layout:
    raw_lines = _unwrap([_strip_markup(ln).strip() for ln in text.split("\n")])
    lines: list[_Line] = []
    skipping = False
    seen_body = False
    for raw in raw_lines:
        if not raw:
            continue
        # fold_keep() maps no character to or from white space: the raw text has the same words
        line = _Line(raw, words=len(raw.split()))
        words = line.words
        kind, value = _classify(line)
        if kind == "break":
            # before any paragraph a "Bình luận" is a button of the header, not the footer
            if seen_body:
                skipping = "hard" if _key(line.folded) in _HARD_BREAKS else True
            continue
        if skipping == "hard":
            continue
        if skipping:
            # lists of other headlines end where a real paragraph starts again
            if kind == "text" and words >= 30 and _END_PUNCT.search(raw):
                skipping = False
            else:
                continue
        if kind == "text" and words >= 25 and _SENTENCE_END.search(raw):
            seen_body = True
        line.kind, line.value = kind, value
        lines.append(line)

    layout = Layout()
    # bylines anywhere when labelled; lone names only at the tail (below)
    for ln in lines:
        if ln.kind == "text":
            b = read_byline(ln.text, folded=ln.folded) if len(ln.text) <= _LONGEST_BYLINE else None
            if b is not None:
                ln.kind, ln.value = "byline", b
            elif ln.words <= 8 and _PHOTO_LABEL.match(ln.folded):
                ln.kind = "photo"

    _mark_menus(lines)
    texts = [i for i, ln in enumerate(lines) if ln.kind == "text"]
    title_i = _find_title(lines, texts=texts)
    if title_i is not None:
        layout.title = _clean_title(lines[title_i].text)
        for j in range(title_i):
            ln = lines[j]
            if ln.kind == "text" and ln.text.rstrip().endswith(":") and ln.words <= 40:
                layout.kicker = ln.text.strip()
                ln.kind = "kicker"
            elif ln.kind == "text" and _key(ln.folded) in _SECTION_LABELS:
                ln.kind = "chrome"
        for j in range(title_i):
            if lines[j].kind == "text":
                lines[j].kind = "chrome"   # site name, menu, category above the headline
        for j in range(title_i + 1, len(lines)):
            if lines[j].kind == "text" and _is_paragraph(lines[j]):
                break
            if lines[j].kind == "text" and _key(lines[j].folded) in _SECTION_LABELS:
                lines[j].kind = "chrome"
        title_key = _key(fold_keep(layout.title))
        # Each word of a line's key is a piece of its folded text, so a line without the title's
        # longest word cannot repeat the title: no need to clean and fold it.
        title_word = max(title_key.split(), key=len, default="")
        for ln in lines:
            if ln.kind == "text" and len(layout.title) <= len(ln.text) < len(layout.title) + 80 \
                    and title_word in ln.folded and _key(fold_keep(_clean_title(ln.text))) == title_key:
                ln.kind = "dup"
        lines[title_i].kind = "title"

    # the body: everything still "text" after the headline; the tail is what
    # follows the last long paragraph
    body_idx = [i for i, ln in enumerate(lines) if ln.kind == "text" and (title_i is None or i > title_i)]
    long_idx = [i for i in body_idx if lines[i].words >= 12 or _SENTENCE_END.search(lines[i].text)]
    # a real paragraph ends a sentence or runs long; related headlines do neither
    para_idx = [i for i in body_idx if lines[i].words >= 30 or _SENTENCE_END.search(lines[i].text)]
    last_long = para_idx[-1] if para_idx else (long_idx[-1] if long_idx else (body_idx[-1] if body_idx else -1))
    first_long = long_idx[0] if long_idx else len(lines)

    for i in body_idx:
        if i > last_long:
            b = read_byline(lines[i].text, tail=True, folded=lines[i].folded) \
                if len(lines[i].text) <= _LONGEST_BYLINE else None
            if b is not None:
                lines[i].kind, lines[i].value = "byline", b
        elif title_i is not None and title_i < i < first_long and lines[i].words <= 5:
            # a lone byline between headline and lead: "ANH DŨNG", "Nhóm PV"
            by_date = any(0 <= j < len(lines) and lines[j].kind == "date" for j in (i - 1, i + 1))
            b = read_byline(lines[i].text, tail=_is_all_caps_name(lines[i].text) or by_date
                            or fold_keep(lines[i].text).strip(" .()") in _NOT_PEOPLE)
            if b is not None:
                lines[i].kind, lines[i].value = "byline", b

    # after the closing byline come lists of other articles, not this one
    closing = next((i for i in range(last_long + 1, len(lines)) if lines[i].kind == "byline"), None)
    if closing is not None and last_long >= 0:
        for i in range(closing + 1, len(lines)):
            if lines[i].kind == "text":
                lines[i].kind = "chrome"

    _assign_captions(lines, title_i=title_i)

    # own date: header first, then a labelled or lone date line at the tail
    header_end = first_long
    published = None
    header_dates = [(i, ln, ln.value if ln.kind == "date" else ln.value.published) for i, ln in enumerate(lines)
                    if i < header_end and (ln.kind == "date" or (ln.kind == "byline" and ln.value.published
                                                                 and not ln.value.bar))]
    anchor = title_i if title_i is not None else 0
    # a date far above the headline, past menus and banners, is the site's "today"
    header_dates = [t for t in header_dates if t[0] > anchor or anchor - t[0] <= 5 or _POSTED.match(t[1].folded)]
    if header_dates:
        # "Ngày đăng" over "Cập nhật" when a page prints both; else the date nearest the
        # headline, under it first (a date in the site's top bar is today's, not the article's)
        posted = [d for _, ln, d in header_dates if _POSTED.match(ln.folded)]
        nearest = min(header_dates, key=lambda t: (t[0] < anchor, abs(t[0] - anchor)))
        published = posted[0] if posted else nearest[2]
    if published is None and first_long < len(lines):
        # some portals print their stamp under the lead paragraph; only a full stamp
        # (weekday, time or time zone) there, before the next paragraph, is the page's own
        next_long = next((i for i in long_idx if i > first_long), len(lines))
        for i in range(first_long + 1, next_long):
            if lines[i].kind == "date" and (_TIME.search(lines[i].folded) or _STAMP_WORDS.search(lines[i].folded)):
                published = lines[i].value
                break
    if published is None:
        # under the article: a labelled date, or a date right by the byline; not the
        # dates of a list of other articles further down
        near = {last_long + 1}
        near |= {j for i, ln in enumerate(lines) if i > last_long and ln.kind == "byline" for j in (i - 1, i + 1)}
        for i, ln in enumerate(lines):
            if i <= last_long:
                continue
            labelled = bool(_LABELLED_DATE.match(ln.folded))
            if ln.kind == "date" and (labelled or i in near):
                published = ln.value
                break
            if ln.kind == "byline" and ln.value.published is not None:
                published = ln.value.published
                break
    layout.published = published

    for ln in lines:
        if ln.kind == "byline":
            b = ln.value
            for a in b.authors:
                if a not in layout.authors:
                    layout.authors.append(a)
            for p in b.photographers:
                if p not in layout.photographers:
                    layout.photographers.append(p)
            if b.source and (not layout.source or b.strong):
                layout.source = b.source
        elif ln.kind == "photo":
            m = _PHOTO_LABEL.match(ln.folded)
            people, _ = _split_people(ln.text[m.start(2):m.end(2)])
            layout.photographers.extend(p for p in people if p not in layout.photographers)
            layout.captions.append(ln.text)
        elif ln.kind == "caption":
            layout.captions.append(ln.text)
            pm = _CAPTION_CREDIT.search(ln.text)
            if pm:
                people, _ = _split_people(pm.group(1))
                layout.photographers.extend(p for p in people if p not in layout.photographers)
        elif ln.kind == "text":
            para = ln.text
            tag = _AGENCY_TAG.match(para)
            if tag and not layout.source and fold_keep(tag.group(1)) in _AGENCY:
                layout.source = _AGENCY[fold_keep(tag.group(1))]
            layout.paragraphs.append(para)
    if layout.kicker:
        layout.paragraphs.insert(0, layout.kicker)
    if not layout.title:
        layout.warnings.append("no headline found")
    if published is None:
        layout.warnings.append("no publication date printed")
    return layout


_SITE_SUFFIX = re.compile(r"\s+(?:[|–—-]|::)\s+((?:bao|bao dien tu|tap chi|cong thong tin|cong ttdt|trang thong tin|"
                          r"trang tin|dang cong san viet nam|dai phat thanh)\b[^|]{0,50}|"
                          r"[\w.-]+\.(?:vn|com|net|org)|[^|]{0,40}\bonline)\s*$")


_SITE_WORDS = re.compile(r"^(bao|bao dien tu|tap chi|cong thong tin|cong ttdt|trang thong tin|trang tin|"
                         r"dai phat thanh|dai pt-th)\s")
_SITE_ENDING = re.compile(r"(dien tu|online|\.vn|\.com)$")
_AGENCY_PREFIX = re.compile(r"^\(\s*[A-ZĐ][A-ZĐa-z.]{1,10}\s*\)\s*[-–—]\s*")


def _site_name(ln: _Line) -> bool:
    """'Báo Hà Tĩnh điện tử', 'Cổng thông tin điện tử tỉnh Lào Cai', 'Báo Quảng Ninh'."""
    words = ln.text.split()
    if not _SITE_WORDS.match(ln.folded) or len(words) > 9 or _END_PUNCT.search(ln.text):
        return False
    return bool(_SITE_ENDING.search(ln.folded)) or (len(words) <= 4 and all(w[:1].isupper() for w in words))


def _clean_title(text: str) -> str:
    """The headline without the site name some pages append: '... - Báo Cần Thơ Online',
    or an agency tag put before it: '(BQN) - ...'."""
    text = _AGENCY_PREFIX.sub("", " ".join(text.split()))
    m = _SITE_SUFFIX.search(fold_keep(text))
    if m and m.start() > 20:
        text = text[:m.start()]
    return text.strip(" |-–")


def _is_paragraph(ln: _Line) -> bool:
    words = ln.words
    return words >= 25 or (words >= 12 and bool(_SENTENCE_END.search(ln.text)))


def _mark_menus(lines: list[_Line]) -> None:
    """Three or more very short lines in a row above the article are a menu."""
    run: list[int] = []
    for i, ln in enumerate(lines + [_Line("", "", "end")]):
        if ln.kind == "text" and ln.words <= 3 and not _END_PUNCT.search(ln.text):
            run.append(i)
            continue
        if ln.kind in ("chrome", "image"):
            continue
        if len(run) >= 3:
            for j in run:
                lines[j].kind = "chrome"
        run = []
        if ln.kind == "text" and _is_paragraph(ln):
            break


_NAME_LINE_SEP = re.compile(r"[\s,\-–]+")


def _byline_shaped(text: str) -> bool:
    """'Minh Châu', 'THU HÀ - MINH PHƯƠNG': a short all-capitalised name line."""
    words = [w for w in _NAME_LINE_SEP.split(text.strip()) if w]
    return 1 <= len(words) <= 6 and all(w[0].isupper() for w in words) and not any(c.isdigit() for c in text)


def _find_title(lines: list[_Line], *, texts: list[int]) -> int | None:
    """The headline: a text line above the first paragraph that is not a kicker,
    label, menu or caption; beside the page's date when several qualify."""
    candidates = []
    for i in texts:
        ln = lines[i]
        words = ln.words
        if _is_paragraph(ln) and words > 40 or (words > 25 and _SENTENCE_END.search(ln.text)):
            break   # the body has started
        if _key(ln.folded) in _SECTION_LABELS:
            continue
        if words <= 4 and _is_all_caps_name(ln.text) and any(
                lines[j].kind == "text" and lines[j].words <= 60 for j in texts if j > i):
            continue   # "NGHỆ AN", "THỜI SỰ": a section label above the headline
        alpha = len(_ASCII_WORD.findall(ln.folded))
        if (alpha <= 4 or (alpha <= 6 and " - " in ln.folded)) and not _END_PUNCT.search(ln.text):
            nxt = next((j for j in texts if j > i), None)
            if nxt is not None and nxt - i <= 3 and 5 <= lines[nxt].words <= 40 \
                    and not _SENTENCE_END.search(lines[nxt].text):
                continue   # "Chính trị - Xây dựng Đảng" above a longer headline: a category
        if ln.text.rstrip().endswith(":") and words <= 40:
            continue   # kicker: "Đồng chí X, Bí thư Thành ủy:"
        if _photo_caption(ln):
            continue
        if _is_paragraph(ln) and candidates:
            break
        candidates.append(i)
        if _is_paragraph(ln):
            break
    if not candidates:
        # a kicker alone may be the headline; a paragraph never is
        first = lines[texts[0]] if texts else None
        return texts[0] if first is not None and not _is_paragraph(first) and first.words <= 60 else None
    if len(candidates) > 1:
        candidates = [c for c in candidates if not _site_name(lines[c])] or candidates
    if len(candidates) > 1:
        # a headline sits right above or below the page's own date
        dated = [i for i, ln in enumerate(lines) if ln.kind == "date" or (ln.kind == "byline" and ln.value.published)]
        candidates = [c for c in candidates if not _byline_shaped(lines[c].text)] or candidates
        for c in candidates:
            if _is_paragraph(lines[c]):
                continue
            if any(0 < d - c <= 2 and not any(lines[k].kind == "text" for k in range(c + 1, d)) for d in dated):
                return c
        for c in candidates:
            if _is_paragraph(lines[c]):
                continue
            if any(0 < c - d <= 3 and not any(lines[k].kind == "text" for k in range(d + 1, c)) for d in dated):
                return c
    # "Thanh Hoa Radio and Television": a line without a single Vietnamese accent is a site's
    # English name, not a Vietnamese headline (when there is another candidate)
    candidates = [c for c in candidates if lines[c].folded != lines[c].text.lower()] or candidates
    i = candidates[0]
    if _all_caps(lines[i].text):
        # "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH THANH HÓA" above a headline in normal case
        i = next((c for c in candidates if not _all_caps(lines[c].text) and not _is_paragraph(lines[c])), i)
    if lines[i].words > 60:
        return None   # the page starts with a paragraph: no headline printed
    return i


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _assign_captions(lines: list[_Line], *, title_i: int | None) -> None:
    start = (title_i + 1) if title_i is not None else 0
    after_image = 0
    seen_body = False
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.kind == "image":
            after_image = 2
            continue
        if ln.kind != "text":
            if ln.kind == "photo":
                after_image = 0   # "Ảnh: X" closes the photo block
            elif ln.kind != "chrome":
                after_image = max(0, after_image - 1)
            continue
        words = ln.words
        if after_image and words <= 50:
            ln.kind = "caption"
            after_image = 0
            continue
        after_image = 0
        if _photo_caption(ln):
            ln.kind = "caption"
            continue
        nxt = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].kind == "text"), None)
        if nxt is not None and _short_caption(ln):
            # a caption sits between paragraphs; the last short line is not one
            if seen_body or _END_PUNCT.search(ln.text) or words > 8:
                ln.kind = "caption"
                continue
        if words >= 12:
            seen_body = True
