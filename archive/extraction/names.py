"""Vietnamese personal names: surnames, name-shaped tokens, title case, and the
length-preserving fold the layout and officials steps match on (stdlib only)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import canonical

# The surnames of the Kinh majority and the commonest ones of the northern and
# Tây Nguyên minorities, as printed in the press. "Phó" (vice) is left out on
# purpose: it opens "Phó Chủ tịch" far more often than it opens a name.
SURNAMES = frozenset(canonical(s) for s in """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lí Châu Lâm
Lương Mai Đinh Trịnh Đoàn Tạ Cao Hà Lưu Tô Thái Quách Kiều Triệu Văn Từ La Vương
Tăng Khúc Giang Chu Thân Nông Lò Đào Trương Lại Phùng Tống Đàm Hứa Mạc Âu Doãn Khổng
Lục Nghiêm Ninh Ông Phí Quan Thạch Tôn Trang Viên Vi Hầu Hàn Lạc Lã Lữ Mã Nhữ Quản
Sầm Thiều Tiêu Ung Ứng Bế Bạch Cù Cấn Cung Diệp Dư Đậu Điêu Đồng Đổng Giáp Hạ Hoa
Khương Kim Khuất Lều Lỗ Mẫn Mông Nhâm Phương Thi Thiệu Trình Trà Trác Vi Yên Âu
Hán Hàm Khổng Lục Nguyên Ngọ Ngụy Nghiêm Ôn Phù Quang Quảng Tòng Tưởng Văn Vy
Bàn Bạc Cầm Chẩu Đèo Hoàng Lường Lộc Lý Mè Ma Mạc Nông Quàng Sùng Thào Tòng
Giàng Hờ Lầu Mùa Vàng Sình Thèn Hạng Chảo Triệu Hầu Dư Đường Kha Khưu Lôi Mạch
Thạch Sơn Danh Kim Lâm Huỳnh Trương Tiết Thang Khiếu Khuông Ưng Vòng Lục Bồ
""".split())

# Syllables that never belong to a given name but often follow a surname-like
# capitalised word in organisation and place names.
NOT_NAME_SYLLABLES = frozenset(canonical(s) for s in """
Ủy Đảng Ban Sở Bộ Tỉnh Huyện Quận Xã Phường Phố Hội Viện Cục Vụ Tổng Khối Ty
Thôn Ấp Làng Sông Núi Cầu Chợ Miền Bệnh Báo Đài Cổng Mặt Trận Đội Ngành
""".split())

# "Đoàn Thanh niên", "Hội Phụ nữ": a capitalised pair that reads as a name but is
# an organisation, known by the lower-case word after it.
_PAIRS = """thanh nien, thieu nien, nhi dong, phu nu, nong dan, nhan dan, cong dan, dan toc, quan su, cong an,
chien binh, ton giao, van hoa, giao duc, kinh te, xa hoi, trat tu, an ninh, hanh chinh, nong thon, do thi,
moi truong, quoc phong, cong nghiep, khoa hoc, phap luat, lao dong, thuong mai, du lich, y te, the thao,
tai chinh, thanh tra, kiem sat, dan van, tuyen giao, to chuc, noi chinh, doi ngoai, chinh tri, thong tin,
truyen thong, chu thap, nguoi cao, luat su, nha bao, van nghe, nghe si, kiem tra, giam sat, cong tac,
dai bieu, chi dao, dieu hanh, bien phong, thanh nien, cong doan, hoi dong, phat trien, quan ly, cong tac"""
COMMON_COMPOUNDS = frozenset(p.strip() for p in _PAIRS.replace("\n", " ").split(","))

# Capitalised at the start of a sentence before a name: "Ông Cao Tường Huy".
HONORIFICS = frozenset(canonical(s) for s in "Ông Bà Anh Chị Cô Chú Bác Em Cháu Cụ Thầy Đồng Các Cùng".split())

# Provinces, big cities and well-known units whose names begin with a surname;
# they are never people. The gazetteer (other module) covers the rest.
PLACE_NAMES = frozenset(canonical(s) for s in [
    "Hồ Chí Minh", "Hà Nội", "Hà Tĩnh", "Hà Giang", "Hà Nam", "Hà Tây", "Hà Đông", "Cao Bằng",
    "Thái Bình", "Thái Nguyên", "Lâm Đồng", "Mai Châu", "Lý Sơn", "Phan Thiết", "Phan Rang",
    "Hoàng Mai", "Hoàng Sa", "Lê Chân", "Ngô Quyền", "Hồng Bàng", "Hồng Ngự", "Hồng Lĩnh",
    "Kim Bôi", "Kim Sơn", "Kim Bảng", "Kim Thành", "Kim Động", "Lương Sơn", "Lương Tài",
    "Đồng Nai", "Đồng Tháp", "Đồng Hới", "Đồng Xoài", "Đồng Hỷ", "Đồng Văn", "Quảng Ninh",
    "Quảng Nam", "Quảng Ngãi", "Quảng Bình", "Quảng Trị", "Quan Hóa", "Quan Sơn", "Giang Thành",
    "Trà Vinh", "Trà Vinh", "Trà Cú", "Trà Ôn", "Trà Bồng", "Văn Lâm", "Văn Giang", "Văn Yên",
    "Văn Bàn", "Văn Chấn", "Văn Quan", "Văn Lãng", "Lạc Sơn", "Lạc Thủy", "Lạc Dương",
    "Cao Lãnh", "Cao Phong", "Cao Lộc", "Châu Đốc", "Châu Thành", "Châu Phú", "Châu Đức",
    "Tân Châu", "Phù Cát", "Phù Mỹ", "Phù Ninh", "Phù Yên", "Phù Cừ", "Ninh Bình", "Ninh Thuận",
    "Ninh Kiều", "Ninh Hòa", "Ninh Giang", "Ninh Hải", "Ninh Phước", "Ninh Sơn", "Mai Sơn",
    "Sơn La", "Sơn Tây", "Sơn Trà", "Yên Bái", "Yên Bình", "Yên Lạc",
    "Giang Thành", "Tiền Giang", "Kiên Giang", "Hậu Giang", "Bắc Giang", "Quang Bình",
    "Hà Tiên", "Hà Quảng", "Hà Trung", "Hà Hòa", "Hà Lang", "Hoàng Su Phì", "Thạch Thất",
    "Thạch Hà", "Thạch Thành", "Thạch An", "Lục Ngạn", "Lục Nam", "Lục Yên", "Mạc Thị Bưởi",
    "Lâm Hà", "Lâm Thao", "Lâm Bình", "Ứng Hòa", "Đông Hà", "Mường Lát", "Việt Nam",
    "Trung Quốc", "Hoa Kỳ", "Thái Lan", "Hàn Quốc", "Triều Tiên", "Cầm Thủy", "Đinh Lập", "Đinh Tiên Hoàng",
])

# People the party press cites but who are not cadres acting in the article.
HISTORICAL = frozenset(canonical(s) for s in [
    "Hồ Chí Minh", "Nguyễn Ái Quốc", "Nguyễn Tất Thành", "Võ Nguyên Giáp", "Tôn Đức Thắng",
    "Lê Duẩn", "Phạm Văn Đồng", "Nguyễn Văn Linh", "Lê Hồng Phong", "Trần Phú", "Nguyễn Văn Cừ",
    "Hà Huy Tập", "Võ Văn Kiệt", "Lê Khả Phiêu", "Đỗ Mười", "Lê Đức Thọ", "Nguyễn Thị Minh Khai",
    "Võ Thị Sáu", "Trần Hưng Đạo", "Lý Thường Kiệt", "Lê Lợi", "Quang Trung", "Nguyễn Huệ",
    "Hai Bà Trưng", "Phan Bội Châu", "Phan Châu Trinh", "Nguyễn Du", "Nguyễn Trãi", "Lý Tự Trọng",
    "Nguyễn Đình Chiểu", "Võ Chí Công", "Nguyễn Lương Bằng", "Hoàng Quốc Việt", "Lê Văn Tám",
    "Nguyễn Văn Trỗi", "Phan Đình Giót", "Tô Vĩnh Diện", "Bế Văn Đàn", "Cù Chính Lan",
])


# --- a fold that keeps every index, so a match on it slices the original ---

@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in "ĐđÐð":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else c


class _FoldTable(dict):
    # str.translate looks every character up; remembering the unchanged ones
    # spares a failed lookup (and its exception) per character.
    def __missing__(self, cp: int) -> int:
        self[cp] = cp
        return cp


_FOLD_TABLE = _FoldTable({cp: _fold_char(chr(cp)) for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250))
               + list(range(0x1EA0, 0x1F00)) + list(range(0x300, 0x370))
               if len(_fold_char(chr(cp))) == 1 and _fold_char(chr(cp)) != chr(cp)})


def fold_keep(text: str) -> str:
    """Accent-free lower case, đ -> d, with exactly one output char per input char."""
    return text.translate(_FOLD_TABLE)


def _letters(upper: bool) -> str:
    chars = []
    for cp in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1EA0, 0x1F00)):
        c = chr(cp)
        if c.isalpha() and _fold_char(c).isascii() and c.isupper() == upper and c.islower() != upper:
            chars.append(c)
    return "".join(sorted(set(chars)))


UPPER = _letters(True)
LOWER = _letters(False)
# One capitalised syllable: "Quang", "Mạnh", "Đ", never "UBND" (second letter upper).
SYLLABLE = f"[{UPPER}][{LOWER}]*"
# A run of syllables not glued to a letter or digit on either side. The check on the character
# before comes after the first capital ("(?<!X.)"), not first: a pattern that opens with a
# character class lets re skip straight to capitals instead of trying every position.
NAME_RUN_RE = re.compile(rf"[{UPPER}](?<![{UPPER}{LOWER}\d].)[{LOWER}]*(?:[ ](?:{SYLLABLE}))*(?![{UPPER}{LOWER}\d])")
# The runs of NAME_RUN_RE with two syllables or more (a name never has one), without stopping
# at each capitalised word on its own.
LONG_NAME_RUN_RE = re.compile(rf"[{UPPER}](?<![{UPPER}{LOWER}\d].)[{LOWER}]*(?:[ ](?:{SYLLABLE}))+(?![{UPPER}{LOWER}\d])")


@lru_cache(maxsize=65536)
def _canon(text: str) -> str:
    return canonical(text)


def is_surname(word: str) -> bool:
    return _canon(word) in SURNAMES


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _title_word(m: re.Match) -> str:
    return m.group(0)[0].upper() + m.group(0)[1:].lower()


def title_case(text: str) -> str:
    """'ANH DŨNG' -> 'Anh Dũng'; 'lê thảo' -> 'Lê Thảo'; initials 'T.H' kept."""
    return _LETTER_RUN.sub(_title_word, text)


# One Vietnamese syllable, accents folded: onset, vowels, coda ("nguyen", "huynh",
# "khuong"); rules out "Joe", "Marc", "Biden" after a surname-like word.
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def is_vietnamese_syllable(word: str) -> bool:
    return bool(_VI_SYLLABLE.fullmatch(fold_keep(word)))


def looks_like_name(words: list[str]) -> bool:
    """2–4 capitalised Vietnamese syllables opening with a known surname, no org words."""
    if not 2 <= len(words) <= 4 or not is_surname(words[0]):
        return False
    # one odd syllable is a typo ("Nguyễn Đức Trunq"); two, or f/j/w/z, a foreign name
    odd = [w for w in words if not is_vietnamese_syllable(w)]
    if len(odd) > 1 or any(c in "fjwzFJWZ" for w in odd for c in w):
        return False
    if any(_canon(w) in NOT_NAME_SYLLABLES for w in words[1:]):
        return False
    name = " ".join(words)
    if len(words) == 2 and is_province_or_district(name):
        return False   # "Hà Giang", "Bạc Liêu", "Lê Chân"
    return not is_place_or_historical(name)


def is_place_or_historical(name: str) -> bool:
    key = _canon(name)
    return key in PLACE_NAMES or key in HISTORICAL


@lru_cache(maxsize=1)
def _gazetteer():
    try:
        from .gazetteer import load_gazetteer
        return load_gazetteer()
    except Exception:   # the names step works without it, only less well
        return None


@lru_cache(maxsize=16384)
def is_admin_unit(name: str, *, wards: bool = False) -> bool:
    """A province, city or district of the gazetteer ("Tây Ninh", "Krông Pắc"); wards too if asked."""
    if _canon(name) in PLACE_NAMES:
        return True
    gaz = _gazetteer()
    if gaz is None:
        return False
    levels = ("P", "D", "W") if wards else ("P", "D")
    try:
        return any(m.exact for m in gaz.lookup(name, levels=levels, aliases=False))
    except Exception:
        return False


def is_province_or_district(name: str) -> bool:
    return is_admin_unit(name)


@lru_cache(maxsize=4096)
def is_province(name: str) -> bool:
    """A province or centrally-run city ("Nghệ An", "Cần Thơ"), or the country."""
    if _canon(name) in ("Việt Nam", "Hồ Chí Minh", "TP Hồ Chí Minh"):
        return True
    gaz = _gazetteer()
    try:
        return gaz is not None and any(m.exact for m in gaz.lookup(name, levels=("P",), aliases=False))
    except Exception:
        return False


@lru_cache(maxsize=16384)
def name_in_run(run: str) -> tuple[int, int] | None:
    """split_name_run() of a run as NAME_RUN_RE finds it (syllables joined by single spaces).

    Remembered: the same few thousand runs ("Ban Thường", "Phó Bí", "Tỉnh") make up nearly every call.
    """
    return split_name_run(run.split(" "))


def split_name_run(words: list[str]) -> tuple[int, int] | None:
    """Where the person's name sits inside a run of capitalised syllables.

    "Nghệ An Nguyễn Đức Trung" -> (2, 5): a place or organisation before the
    name belongs to the position ("Bí thư Tỉnh ủy Nghệ An"). Returns word
    indexes [start, end) or None.
    """
    n = len(words)
    skip_until = 0
    for start in range(n):
        if start < skip_until:
            continue
        # a whole famous name or place inside the run is never cut into a person
        for k in (4, 3, 2):
            if start + k > n:
                continue
            window = _canon(" ".join(words[start:start + k]))
            # "Hoàng Mai Anh" is a person; "Hoàng Mai Nguyễn Văn A" a place, then a person
            if window in HISTORICAL or (window in PLACE_NAMES and n - start - k != 1):
                skip_until = start + k
                break
        if start < skip_until:
            continue
        if start == 0 and n in (2, 3) and not is_surname(words[0]) and is_province_or_district(" ".join(words)):
            return None   # "Si Ma Cai", "Tam Đường": the whole run is a district
        if _canon(words[start]) in HONORIFICS and n - start >= 3:
            continue   # "Ông Cao Tường Huy" at the start of a sentence
        # "Tây Ninh Nguyễn Thành Tâm": a province or district before the name
        placed = next((k for k in (3, 2) if n - start - k >= 2 and is_surname(words[start + k])
                       and is_province_or_district(" ".join(words[start:start + k]))), 0)
        if placed:
            skip_until = start + placed
            continue
        if words[start] == "Y" and n - start >= 3:
            # Ê Đê and M'nông men: "Y Thanh Hà Niê Kđăm"
            end = start + 1
            while end < n and end - start < 6 and _canon(words[end]) not in NOT_NAME_SYLLABLES:
                end += 1
            return start, end
        if not is_surname(words[start]):
            continue
        end = n
        for k in range(start + 1, n):
            if _canon(words[k]) in NOT_NAME_SYLLABLES:
                end = k
                break
        if 2 <= end - start <= 4 and looks_like_name(words[start:end]):
            return start, end
        if end - start > 4:
            continue
    return None
