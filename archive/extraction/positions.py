"""Party and state positions as the press writes them beside a cadre's name.

Matching runs on canonical lower case (one tone convention, diacritics kept, so
"Trưởng" ban is not "Trường" học); it has the same length as the original, so
every span slices the text as printed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .text import canonical

# Heads a position opens with (canonical lower case). "phó"/"tổng" prefixes and
# "nguyên" (former) are handled by the pattern around them.
_HEADS = [
    "tổng bí thư", "bí thư thứ nhất", "bí thư thường trực", "bí thư", "ủy viên dự khuyết", "ủy viên",
    "chủ tịch nước", "chủ tịch quốc hội", "chủ tịch", "tổng thư ký", "thư ký", "chủ nhiệm", "thủ tướng",
    "bộ trưởng", "thứ trưởng", "chánh văn phòng", "chánh án", "chánh thanh tra", "viện trưởng",
    "tư lệnh", "chính ủy", "hiệu trưởng", "hiệu phó", "đại biểu quốc hội", "đbqh", "đại biểu hđnd",
    "đại biểu hội đồng nhân dân", "tổng cục trưởng", "cục trưởng", "vụ trưởng", "tỉnh ủy viên",
    "thành ủy viên", "huyện ủy viên", "quận ủy viên", "thị ủy viên", "đảng ủy viên", "chỉ huy trưởng",
    "chính trị viên", "tham mưu trưởng", "tổng biên tập", "thường trực ban bí thư", "thành viên ban",
    "thành viên hội đồng", "thành viên chính phủ", "tổ trưởng", "tổ phó", "đại sứ", "giám đốc",
    "tổng giám đốc", "trưởng", "chủ tịch ủy ban", "kiểm toán trưởng", "tổng kiểm toán", "tổng thanh tra",
    "thống đốc", "trưởng đoàn", "bí thư đoàn", "chủ nhiệm ủy ban kiểm tra", "trưởng ban",
    "chủ tịch hđnd", "chủ tịch ubnd", "ủy viên ban thường vụ", "ủy viên btv", "ủy viên bch",
    "trưởng phòng", "phụ trách", "người đứng đầu", "uvtw", "uvt.ư", "uvtư", "uv", "ủv", "ủy viên tw",
    "bí thư đảng đoàn", "bí thư ban cán sự đảng", "uvbtv", "uv.btv", "tuv", "huv", "quv", "pct", "pbt",
    "gđ", "pgđ", "ct ubnd", "ct hđnd", "ct ubmttq", "bt",
]
_HEADS_RE = "|".join(re.escape(h) for h in sorted(set(_HEADS), key=len, reverse=True))
_MODIFIERS = r"(?:(?:nguyên|quyền|đương kim|tân|cựu|đồng thời là|đồng thời|kiêm|nay là|hiện là|hiện đang là|hiện nay là)\s+)?"
HEAD_RE = re.compile(rf"{_MODIFIERS}(?:(?:phó|tổng)\s+)?(?:{_HEADS_RE})(?![^\W\d_])")

# Words that end a position: the clause goes on with what the cadre does.
_VERBS = [
    "cho biết", "phát biểu", "yêu cầu", "đồng chủ trì", "chủ trì", "nhấn mạnh", "khẳng định", "đề nghị",
    "chúc mừng", "trao", "tặng", "thăm", "làm việc", "dự", "tham dự", "cho rằng", "nói", "báo cáo",
    "đánh giá", "giao", "ký", "thay mặt", "tiếp", "gặp", "trình bày", "quán triệt", "đã", "đang", "sẽ",
    "vừa", "cũng", "là", "khi", "thì", "rằng", "chia sẻ", "trao đổi", "ghi nhận", "biểu dương",
    "tham gia", "tiếp thu", "giải trình", "trả lời", "điều hành", "kết luận", "khai mạc", "bế mạc",
    "nêu", "lưu ý", "mong muốn", "tin tưởng", "cảm ơn", "động viên", "hoan nghênh", "được", "bị",
    "với", "cùng", "đến", "tại", "trong", "để", "nhằm", "theo", "chỉ ra", "chủ động", "dẫn đầu",
    "có", "không", "luôn", "còn", "vẫn", "đưa", "bày tỏ", "gửi", "nhận", "đón", "dâng", "thắp",
    "viếng", "đọc", "công bố", "trình", "phân tích", "thông tin", "thông báo", "giới thiệu", "khen",
    "chứng kiến", "tuyên bố", "truyền đạt", "kêu gọi", "lên", "ra", "đi", "về việc", "ghi",
    "nhắc", "mong", "hy vọng", "chỉ đạo", "kiểm tra", "đôn đốc", "lắng nghe", "ân cần", "thăm hỏi",
    "trực tiếp", "đứng đầu đoàn", "làm trưởng đoàn", "nhận định", "thừa nhận", "bổ sung", "lưu",
    "đặt", "đề xuất", "kiến nghị", "nhắn nhủ", "quyết định", "phụ trách", "cùng với", "và các",
    "sau khi", "trước khi", "từng", "hiện là", "hiện", "do", "bởi", "mà", "nhiệm kỳ", "giai đoạn", "kể từ", "từ ngày", "thay",
]
_VERBS_RE = "|".join(re.escape(v) for v in sorted(set(_VERBS), key=len, reverse=True))
VERB_RE = re.compile(rf"(?<![^\W\d_])(?:{_VERBS_RE})(?![^\W\d_])")
# "Ban Chỉ đạo", "Ủy ban Kiểm tra", "đoàn kiểm tra", "dự án", "Ban Tuyên giáo và Dân vận":
# a verb-looking word that names an organisation.
ORG_BEFORE = re.compile(r"(?:ban|đoàn|ủy ban|tổ|hội đồng|cơ quan|phòng|sở|cục|vụ|viện|ban quản lý|"
                         r"văn phòng|trung tâm|bộ|tổng cục|thanh tra|ủy viên|tiểu ban)\s$")
_ORG_AFTER = {"dự": re.compile(r"dự\s+(án|toán|thảo|bị|báo|khuyết|trữ)"),
              "có": re.compile(r"có\s+thẩm quyền"),
              "trong": re.compile(r"trong\s+(nước|tỉnh)"),
              "với": re.compile(r"(?!)"),
              "phụ trách": re.compile(r"phụ trách\s+(công tác|lĩnh vực|khối|địa bàn|ngành|mảng)"),
              "theo": re.compile(r"(?!)"),
              "giao": re.compile(r"giao\s+(thông|dục|thương|lưu|ban)"),
              "thông tin": re.compile(r"thông tin\s+(và|-|–)\s+truyền thông"),
              "tiếp": re.compile(r"tiếp\s+(công dân|dân)"),
              "kiểm tra": re.compile(r"(?!)"),
              "ra": re.compile(r"(?!)"),
              "không": re.compile(r"không\s+(?:quân|gian|phận)"),
              "lưu": re.compile(r"lưu\s+trữ")}

# Words that are verbs alone but part of a name after these ("Bộ Ngoại giao",
# "Ban Thi đua - Khen thưởng").
_COMPOUND_BEFORE = {"giao": re.compile(r"(?:ngoại|bàn|chuyển|tiếp)\s$"),
                    "khen": re.compile(r"thi đua\s*[-–]?\s*$"),
                    "thông tin": re.compile(r"(?:cổng|trung tâm|sở|bộ|cục)\s$"),
                    "ký": re.compile(r"thư\s$"),
                    "hiện": re.compile(r"(?:thực|xuất|thể|phát)\s$"),
                    "trình": re.compile(r"(?:chương|công|quy|lộ|tiến|giáo|đệ)\s$"),
                    "không": re.compile(r"phòng\s$"),
                    "ra": re.compile(r"(?:thanh|kiểm)\s$"),
                    "lưu": re.compile(r"(?:và|giao)\s$"),
                    "dự": re.compile(r"(?:ủy viên|đại biểu)\s$"),
                    # "trực tiếp", "gián tiếp"; "Ban Tiếp công dân", "Trụ sở Tiếp dân"
                    "tiếp": re.compile(r"(?:trực|gián|ban|trụ sở)\s$")}

# Verbs that also name an organ after "Ban", "Ủy ban", "đoàn"...: "Ban Chỉ đạo", "Ủy ban Kiểm tra".
_ORG_VERBS = {"chỉ đạo", "kiểm tra", "điều hành", "đánh giá", "tiếp", "giao", "thông tin", "với", "theo", "ra",
              "dự", "thi đua", "khen"}

LOCATOR_RE = re.compile(r"(?<![^\W\d_])(?:tỉnh|thành phố|tp\.?|quận|huyện|thị xã|thị trấn|phường|xã|thôn|ấp|bản|"
                        r"khu phố|tổ dân phố|đường|phố|làng|sông|núi|cầu|chợ|trường|bệnh viện|"
                        r"khu|số nhà|tp\b)\s*$")
LOCATOR_START_RE = re.compile(r"(?:tỉnh|thành phố|tp\.?|quận|huyện|thị xã|thị trấn|phường|xã)(?![^\W\d_])")
INTRO_RE = re.compile(r"(?:(?:các|cùng|và|với|có|của|gồm)\s+)?(?:đồng chí|đ/c|ông|bà|"
                      r"(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy)|giáo sư|phó giáo sư|gs\.?|pgs\.?|"
                      r"tiến sĩ|ts\.?|thạc sĩ|ths\.?|luật sư|bác sĩ|nhà báo|gs\.ts\.?|pgs\.ts\.?)"
                      r"\s*:?\s*$")
COMRADE_RE = re.compile(r"(?:đồng chí|đ/c|(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy))\s*:?\s*$")

_ABBREV = {"btv": "ban thường vụ", "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân",
           "tw": "trung ương", "tư": "trung ương", "mttq": "mặt trận tổ quốc", "đbqh": "đại biểu quốc hội",
           "tp": "thành phố", "bch": "ban chấp hành", "ubkt": "ủy ban kiểm tra", "vn": "việt nam",
           "ubmttq": "ủy ban mặt trận tổ quốc", "qh": "quốc hội", "tu": "tỉnh ủy", "ctn": "chủ tịch nước"}


@lru_cache(maxsize=8192)
def lower_key(text: str) -> str:
    """canonical(text).lower(), falling back to a plain lower() if lengths ever differ."""
    key = canonical(text).lower()
    return key if len(key) == len(text) else text.lower()


def verb_cut(key: str, *, text: str = "") -> int:
    """Index where a verb ends a position inside `key` (len(key) if none).

    With the original `text` (same length), capitalised words are names, never verbs
    ("huyện Giao Thủy", "xã Tiếp Hợp")."""
    for m in VERB_RE.finditer(key):
        if m.start() == 0:
            continue
        if text and text[m.start()].isupper():
            continue
        word = m.group(0)
        before = key[:m.start()]
        if word in _ORG_VERBS and ORG_BEFORE.search(before):
            continue
        after_rx = _ORG_AFTER.get(word)
        if after_rx is not None and after_rx.match(key, m.start()):
            continue
        if word in ("với", "theo", "kiểm tra", "ra") and ORG_BEFORE.search(before):
            continue
        compound = _COMPOUND_BEFORE.get(word)
        if compound is not None and compound.search(before):
            continue
        return m.start()
    return len(key)


_WORD = re.compile(r"[^\W_]+")


def position_key(text: str) -> list[str]:
    """Tokens for comparing two spellings of one post (abbreviations expanded)."""
    return list(_position_tokens(text))


@lru_cache(maxsize=4096)   # the same few hundred posts are compared again and again
def _position_tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in _WORD.findall(lower_key(text)):
        out.extend(_ABBREV.get(w, w).split())
    return tuple(out)


def same_post(a: str, *, b: str) -> bool:
    """'Phó Trưởng Ban Dân vận' and 'Phó Trưởng Ban Dân vận Trung ương' name one post;
    'Bí thư Thành ủy' and 'Phó Bí thư Thành ủy' do not."""
    ka, kb = _position_tokens(a), _position_tokens(b)
    if not ka or not kb:
        return False
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return long_[:len(short)] == short


_LEAD_IN = re.compile(r"^(?:đồng thời là|đồng thời|kiêm|nay là|hiện là|hiện đang là|hiện nay là)\s+", re.I)
_TRAILING_PUNCT = re.compile(r"[\s,;:.\-–—(\[“\"]+$")
_TRAILING_LINK_WORD = re.compile(r"\s+(?:và|cùng|của)$")


def clean_position(text: str) -> str:
    text = " ".join(text.split())
    text = _LEAD_IN.sub("", text)
    text = _TRAILING_PUNCT.sub("", text)
    text = _TRAILING_LINK_WORD.sub("", text)
    return text.strip(" ,;:-–—")
