"""Cadres acting in an article and the positions printed beside their names.

A person is a run of 2–4 capitalised syllables opening with a Vietnamese
surname. They count as an official when positions stand beside the name
("đồng chí X, Ủy viên Trung ương Đảng, Bí thư Thành ủy", "Bí thư Tỉnh ủy X")
or when "đồng chí" / "ông" / "bà" introduces them. Repeated appearances merge.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .names import COMMON_COMPOUNDS, LONG_NAME_RUN_RE, fold_keep, is_admin_unit, is_surname, name_in_run
from .positions import (
    COMRADE_RE, HEAD_RE, INTRO_RE, LOCATOR_RE, LOCATOR_START_RE, ORG_BEFORE, clean_position, lower_key,
    same_post, verb_cut,
)
from .places import segment_forms
from .result import OfficialMention
from .text import canonical, fold

HEAD_SEARCH = re.compile(r"(?<![^\W\d_])" + HEAD_RE.pattern)
_TERMINATORS = set(",;()!?\n“”\"")
_CLAUSE_BREAK = re.compile(r"[;:!?\n“”\"(]|\.(?=\s|$)")
_DASH_SPLIT = re.compile(r"\s+[–—-]\s+|\s+kiêm\s+")
_AND_CUT = re.compile(r"\s(?:và|cùng|cùng với|với)\s+(?=(?:các\s|đồng chí|đ/c|ông\s|bà\s|lãnh đạo|đại diện|"
                      r"thường trực|tập thể))")
_AND_WORD = re.compile(r"\s(?:và|cùng với|cùng|với)\s+")
# Not cadres: the late ("cố"), martyrs, heroes, family, people in a story.
_NOT_CADRE_BEFORE = re.compile(r"(?<![^\W\d_])(?:cố|liệt sĩ|anh hùng|mẹ việt nam anh hùng|mẹ|gia đình|nhà|hộ|"
                               r"giải thưởng|tác giả|tác phẩm|nhạc sĩ|nhà thơ|nhà văn|chủ tịch hồ chí|bác|"
                               r"(?<!thành )(?<!khu )phố|đường|ảnh|theo|bài|tin|phóng viên|pv|nghệ sĩ|vợ|chồng|ông bà|cha|bố|"
                               r"trường|thpt|thcs|tiểu học)\s*:?\s+$")
# Family words and "anh"/"chị": people in a story unless a post stands beside the name.
_PLAIN_PERSON_BEFORE = re.compile(r"(?<![^\W\d_])(?:anh|chị|em|cháu|bé|cụ|thầy|cô|con|chú|bác sĩ|"
                                  r"cựu chiến binh|đảng viên|học sinh|sinh viên|nông dân|người dân|thương binh)\s+$")
_CIVILIAN_AFTER = re.compile(r"\s*[,(–-]?\s*(?:\d+\s+tuổi|sinh năm|sn\b|ở\s|trú\s|tại\s(?:thôn|xóm|ấp|bản|khu|tổ)|"
                             r"người dân|nông dân|hộ\s|thôn\s|ấp\s|khu phố|tổ dân phố|tiểu thương|giáo viên|"
                             r"học sinh|sinh viên|cựu chiến binh|thương binh|người\s|chủ\s(?:hộ|cơ sở|quán|trang trại)|"
                             r"một\s|là\s(?:người|chủ|nông|một)|nhân viên|công nhân|bệnh nhân|người nhà|đảng viên|"
                             r"có\s|năm nay|cán bộ hưu trí|hưu trí|trú tại|quê)")
_PHOTO_CREDIT = re.compile(r"(?:Ảnh|ảnh|ẢNH|Video|Clip)\s*:\s*([^.;()\n]+)")


# An organ whose name ends in its level ("UBND tỉnh", "Đoàn ĐBQH tỉnh"): the
# capitalised words after the level word are the holder's name, not a place.
_ORGAN_LEVEL = re.compile(r"(?:ubnd|hđnd|ủy ban nhân dân|hội đồng nhân dân|mttq|ủy ban mttq|mặt trận tổ quốc|"
                          r"đbqh|đoàn đbqh|đại biểu quốc hội|công an|quân sự|liên đoàn lao động|"
                          r"hội nông dân|hội liên hiệp phụ nữ|đoàn thanh niên|hội cựu chiến binh|"
                          r"tỉnh đoàn|thành đoàn|viện kiểm sát nhân dân|tòa án nhân dân|ủy ban kiểm tra)\s+"
                          r"(?:tỉnh|thành phố|tp\.?|quận|huyện|thị xã|thị trấn|phường|xã)\s*$")
_LATE = re.compile(r"(?<![^\w])cố\s+(?:" + HEAD_RE.pattern + r")[^,.;]{0,50}$")


_COMMITTEE_BEFORE = re.compile(r"(?:tỉnh|thành|huyện|quận|thị|đảng)\s+ủy\s+$")


def _capitalised_name_word(text: str, *, at: int) -> bool:
    """Is the locator-looking word at `at` capitalised and after another capitalised word?"""
    if at <= 0 or at >= len(text) or not text[at].isupper():
        return False
    prev = text[:at].rstrip().rsplit(" ", 1)[-1] if text[:at].strip() else ""
    return bool(prev) and prev[0].isupper() and prev.isalpha()


def _place_context(text: str, *, key: str, start: int, name: str = "") -> bool:
    """Is the capitalised run at `start` a place ("xã Võ Thị Sáu", "đường Lê Lợi",
    "Quận ủy Hoàng Mai")?"""
    before = key[max(0, start - 60):start]
    if name and _COMMITTEE_BEFORE.search(before) and is_admin_unit(name, wards=True):
        return True
    loc = LOCATOR_RE.search(before)
    if not loc:
        return False
    if _capitalised_name_word(text, at=max(0, start - 60) + loc.start()):
        return False   # "huyện Tam Đường Phạm Hoài Quốc Thắng": "Đường" ends a name, it is no street
    if not _ORGAN_LEVEL.search(before):
        return True
    # "Chủ tịch UBND huyện Châu Thành A": the unit's name, not its chairman's
    return bool(name) and is_admin_unit(name, wards=True)


_NEXT_WORD = re.compile(r" ([^\W\d_]+)")


def _org_compound(text: str, *, end: int, last_word: str) -> bool:
    """'Đoàn Thanh niên', 'Hội Phụ nữ': the run is the start of an organisation name."""
    m = _NEXT_WORD.match(text[end:end + 20])
    return bool(m and m.group(1).islower() and fold_keep(f"{last_word} {m.group(1)}") in COMMON_COMPOUNDS)


# "ông X tái cử chức Bí thư Quận ủy", "bà Y được bầu giữ chức Chủ tịch UBND huyện"
_APPOINTED = re.compile(r"\s+(?:được\s+|đã\s+|tiếp tục\s+)*(?:tái cử|tái đắc cử|đắc cử|trúng cử|bầu giữ|bầu làm|bầu|"
                        r"giữ|bổ nhiệm giữ|bổ nhiệm làm|bổ nhiệm|chỉ định giữ|chỉ định làm|chỉ định|"
                        r"chuẩn y|phân công giữ|phân công làm|điều động giữ|giao quyền|làm)\s+"
                        r"(?:(?:chức vụ|chức danh|chức|làm|giữ chức)\s+)?(?=\S)")


# "X được Ban Thường vụ điều động, bổ nhiệm giữ chức Giám đốc Sở Nội vụ": the post
# comes later in the sentence, after "giữ chức" / "chức vụ".
_HOLDS = re.compile(r"(?<![^\W\d_])(?:giữ chức vụ|giữ chức|chức vụ|chức danh|giữ cương vị|cương vị)\s+(?=\S)")


def _post_later_in_sentence(text: str, *, key: str, end: int) -> list[str]:
    stop = len(key)
    for i in range(end, min(len(key), end + 160)):
        if key[i] in ";!?\n" or (key[i] == "." and _is_period(key, i=i)):
            stop = i
            break
    else:
        stop = min(len(key), end + 160)
    m = _HOLDS.search(key, end, stop)
    if not m or not HEAD_RE.match(key, m.end()):
        return []
    if _person_inside(text, key=key, lo=end, hi=m.start()) is not None:
        return []   # the post belongs to someone named in between
    seg_end = _segment_end(key, i=m.end())
    seg = key[m.end():seg_end]
    cut = verb_cut(seg, text=text[m.end():seg_end])
    return _split_joined(text[m.end():m.end() + cut])


@lru_cache(maxsize=256)
def _canonical_text(text: str) -> str:
    """canonical() of a paragraph, computed once however many names it holds (and taken from
    the places step, which has just made the same paragraphs canonical)."""
    canon = segment_forms(text)[0]
    return canon if len(canon) == len(text) else text


_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])(?:tp|tt|tx|q|p|h|x|đ/c|ts|ths|gs|pgs|ng|th)$")


def _is_period(key: str, *, i: int) -> bool:
    """A '.' that ends a sentence (not "TP. Thanh Hóa", not "4.052")."""
    if key[i] != ".":
        return False
    if i + 1 < len(key) and not key[i + 1].isspace():
        return False
    return not _ABBREVIATION_END.search(key[max(0, i - 4):i])


_SEGMENT_STOP = re.compile("[" + re.escape("".join(sorted(_TERMINATORS)) + ":.") + "]")


def _segment_end(key: str, *, i: int) -> int:
    """Where the clause from i stops: a terminator, a colon or a full stop (not "TP.")."""
    stop = _SEGMENT_STOP.search(key, i)
    while stop is not None:
        if stop.group() != "." or _is_period(key, i=stop.start()):
            return stop.start()
        stop = _SEGMENT_STOP.search(key, stop.start() + 1)
    return len(key)


def _person_inside(text: str, *, key: str, lo: int, hi: int, skip: int = 0) -> int | None:
    """Start of a person's name inside text[lo:hi] (a position's tail), or None."""
    canon = _canonical_text(text)[lo:hi]
    for m in LONG_NAME_RUN_RE.finditer(canon):
        if m.start() < skip:
            continue
        sp = name_in_run(m.group(0))
        if sp is None:
            continue
        words = m.group(0).split(" ")
        start = lo + m.start() + sum(len(w) + 1 for w in words[:sp[0]])
        if _place_context(text, key=key, start=start, name=" ".join(words[sp[0]:sp[1]])):
            continue
        if _org_compound(text, end=start + len(" ".join(words[sp[0]:sp[1]])), last_word=words[sp[1] - 1]):
            continue
        return start
    return None


def _split_joined(piece: str) -> list[str]:
    """'nguyên Bí thư Thành ủy – Trưởng Đoàn ĐBQH' -> two positions."""
    parts = []
    last = 0
    key = lower_key(piece)
    for m in _DASH_SPLIT.finditer(key):
        if HEAD_RE.match(key, m.end()):
            parts.append(piece[last:m.start()])
            last = m.end()
    parts.append(piece[last:])
    return [p for p in (clean_position(x) for x in parts) if p]


_NOW = re.compile(r"(?:đồng thời là|đồng thời|nay là|hiện là|hiện đang là|hiện nay là)\s+")


_APPOSITION = re.compile(r"\s*(,|–|-|—|\()\s*")
_ONE_SPACE = re.compile(r" (?=\S)")
_JOINED_BY_AND = re.compile(r"\s(?:và|cùng|cùng với|với)\s+$")


def _positions_after(text: str, *, key: str, end: int) -> tuple[list[str], int]:
    """Positions written after a name: ', Ủy viên ..., Bí thư ...' up to what the person does."""
    m = _APPOSITION.match(key, end)
    if not m:
        m = _APPOINTED.match(key, end)
        if not m or not HEAD_RE.match(key, m.end()):
            m = _ONE_SPACE.match(key, end)
            if not m or not HEAD_RE.match(key, m.end()) or not text[m.end():m.end() + 1].isupper():
                return [], end
    paren = m.group(0).strip() == "("
    pos = m.end()
    found: list[str] = []
    last_start = last_end = end
    while pos < len(key) and len(found) < 8:
        seg_end = _segment_end(key, i=pos)
        seg_key = key[pos:seg_end]
        lead = len(seg_key) - len(seg_key.lstrip())
        start = pos + lead
        seg_key = key[start:seg_end]
        lead_in = _NOW.match(seg_key)
        if lead_in and HEAD_RE.match(seg_key, lead_in.end()):
            start += lead_in.end()   # "nay là Chủ tịch Hội ...": the post without "nay là"
            seg_key = key[start:seg_end]
        if not HEAD_RE.match(seg_key):
            if found and LOCATOR_START_RE.match(seg_key) and seg_end < len(key) and key[seg_end] == ",":
                pos = seg_end + 1   # ", huyện Vĩnh Thạnh," locates the post; look past it
                continue
            words = text[start:seg_end].split()
            if found and last_end == pos - 1 and 3 <= len(words) <= 7 and "và" in words[1:-1] \
                    and words[0][0].isupper() and words[words.index("và", 1) + 1][0].isupper() \
                    and verb_cut(seg_key, text=text[start:seg_end]) == len(seg_key):
                # "Giám đốc Sở Văn hóa, Thể thao và Du lịch": the organ's name goes on after the comma
                found[-1] = clean_position(text[last_start:seg_end])
                last_end = seg_end
                if seg_end >= len(key) or key[seg_end] != ",":
                    break
                pos = seg_end + 1
                continue
            break
        cut = verb_cut(seg_key, text=text[start:seg_end])
        stop = cut < len(seg_key)
        am = _AND_CUT.search(seg_key, 0, cut)
        if am:
            cut, stop = am.start(), True
        for vm in _AND_WORD.finditer(seg_key, 0, cut):
            if text[start + vm.end():start + vm.end() + 1].islower():
                cut, stop = vm.start(), True   # "Bí thư Tỉnh ủy và phu nhân"; not "Sở Văn hóa và Du lịch"
                break
        who = _person_inside(text, key=key, lo=start, hi=start + cut, skip=1)
        if who is not None:
            joined = _JOINED_BY_AND.search(key[start:who])
            if joined:
                # "A, Bí thư Tỉnh ủy và Trần Văn B, ...": the post before "và" is A's
                found.extend(_split_joined(text[start:start + joined.start()]))
                last_end = start + joined.end()
            # "X, Bí thư Tỉnh ủy, Phó Chủ tịch UBND tỉnh Trần Văn B": that post is B's
            break
        found.extend(_split_joined(text[start:start + cut]))
        last_start, last_end = start, start + cut
        if stop or seg_end >= len(key) or key[seg_end] != ",":
            break
        pos = seg_end + 1
    if paren and found:
        close = key.find(")", last_end)
        if close != -1 and close - last_end < 3:
            last_end = close + 1
    return found, last_end


# What may stand before a post in a list of posts ahead of a name: nothing,
# or "có", "là", "thay mặt"... ("Tiếp đoàn có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh X").
_LEADS_TO_POST = re.compile(r"(?:^|(?<![^\W\d_])(?:có|là|gồm|cùng|và|với|theo|thay mặt|đồng chí|đ/c|ông|bà|"
                            r"nguyên|đó là|trong đó))\s*$")


_HEAD_MODIFIER = re.compile(r"(?:(?:nguyên|quyền|đương kim|tân|cựu|đồng thời là|đồng thời|kiêm)\s+)?")


def _capitalised_head(text: str, *, at: int, head: str) -> bool:
    """The title word itself (after "nguyên", "quyền"...) starts with a capital."""
    skip = _HEAD_MODIFIER.match(head).end()
    c = text[at + skip:at + skip + 1]
    return c.isupper()


def _positions_before(text: str, *, key: str, start: int, floor: int) -> list[str]:
    """Positions written before a name: 'Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy X'."""
    b = start
    intro = INTRO_RE.search(key, max(0, b - 40), b)
    if intro:
        b = intro.start()
    head = key[:b].rstrip()
    apposed = head.endswith((",", "-", "–", "—"))
    if apposed:
        head = head[:-1].rstrip()
    cut = len(head)
    clause_start = 0
    for m in _CLAUSE_BREAK.finditer(head):
        if m.group(0) == "." and not _is_period(key, i=m.start()):
            continue
        clause_start = m.end()
    clause_start = max(clause_start, floor)
    if clause_start >= cut:
        return []
    segments = []
    pos = clause_start
    for piece in head[clause_start:cut].split(","):
        segments.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    found: list[str] = []
    for n, (lo, hi) in enumerate(reversed(segments)):
        seg_key = key[lo:hi]
        if n == 0:
            m = None
            for cand in HEAD_SEARCH.finditer(seg_key):
                rest = seg_key[cand.start():]
                if not _capitalised_head(text, at=lo + cand.start(), head=cand.group(0)):
                    continue   # "bầu trực tiếp bí thư": a common noun, not a title
                if ORG_BEFORE.search(seg_key[:cand.start()]):
                    continue   # "Đoàn Đại biểu Quốc hội tỉnh do ...": an organ's name, not a post
                if apposed and not _LEADS_TO_POST.search(seg_key[:cand.start()]):
                    continue   # "Thừa ủy quyền của Chủ tịch UBND tỉnh, ông X": not X's post
                if verb_cut(rest, text=text[lo + cand.start():hi]) == len(rest) and len(rest.split()) <= 16:
                    m = cand
                    break
            if m is None:
                break
            s = lo + m.start()
        else:
            m = next((c for c in HEAD_SEARCH.finditer(seg_key)
                      if _LEADS_TO_POST.search(seg_key[:c.start()])
                      and _capitalised_head(text, at=lo + c.start(), head=c.group(0))), None)
            if m is None:
                break
            rest = seg_key[m.start():]
            if verb_cut(rest, text=text[lo + m.start():hi]) != len(rest):
                break
            s = lo + m.start()
        if _person_inside(text, key=key, lo=s, hi=hi, skip=1) is not None:
            break
        found[:0] = _split_joined(text[s:hi])
    return found


class _Registry:
    def __init__(self, exclude: set[str]):
        self.exclude = exclude
        self.by_key: dict[str, OfficialMention] = {}
        self.maybe: dict[str, OfficialMention] = {}

    def add(self, name: str, *, positions: list[str], mention: str, confidence: float, official: bool):
        if fold(name) in self.exclude:
            return
        key = canonical(name).lower()   # accents kept: Trần Tiến Hưng is not Trần Tiến Hùng
        current = self.by_key.get(key)
        if current is None and not official:
            # a bare name: keep it in case a later sentence gives the post
            return
        if current is None:
            current = OfficialMention(name=name, positions=[], mention=mention[:300], confidence=confidence)
            self.by_key[key] = current
        else:
            current.confidence = max(current.confidence, confidence)
        for p in positions:
            if not any(same_post(p, b=q) for q in current.positions):
                current.positions.append(p)

    def result(self) -> list[OfficialMention]:
        return list(self.by_key.values())


_CREDIT_SEP = re.compile(r"\s*(?:,|-|–|\bvà\b)\s*")


def _photo_credits(texts: list[str]) -> set[str]:
    names = set()
    for t in texts:
        if ":" not in t:
            continue   # every credit has its colon ("Ảnh: X"); a search for one character is far cheaper
        for m in _PHOTO_CREDIT.finditer(t):
            for part in _CREDIT_SEP.split(m.group(1)):
                if part.strip():
                    names.add(fold(part.strip()))
    return names


def _sentence_of(text: str, *, start: int) -> str:
    lo = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) != -1 else 0
    hi = text.find(". ", start)
    return text[lo:hi + 1 if hi != -1 else len(text)].strip()


_LIST_JOIN = re.compile(r"\s*(?:,|;|và|,\s*và)\s*")


def _scan(text: str, reg: _Registry, *, weight: float) -> None:
    if not text:
        return
    canon = _canonical_text(text)
    key = canon.lower()
    if len(key) != len(text):
        key = text.lower()
    floor = 0
    prev_intro_end = -1
    for m in LONG_NAME_RUN_RE.finditer(canon):
        sp = name_in_run(m.group(0))
        if sp is None:
            continue
        words = m.group(0).split(" ")
        if sp[0] == 1 and words[0] == "Ông" and sp[1] <= 4 and COMRADE_RE.search(key, max(0, m.start() - 30), m.start()):
            sp = (0, sp[1])   # "đồng chí Ông Văn Tùng": Ông is the surname here
        start = m.start() + sum(len(w) + 1 for w in words[:sp[0]])
        # "đồng chí Nguyễn Văn An Bí thư Tỉnh ủy": a post glued to the name without a comma
        for k in range(sp[0] + 2, sp[1]):
            if HEAD_RE.match(key, m.start() + sum(len(w) + 1 for w in words[:k])):
                sp = (sp[0], k)
                break
        end = start + len(" ".join(words[sp[0]:sp[1]]))
        if start < floor:
            continue
        name = text[start:end]
        if _org_compound(text, end=end, last_word=words[sp[1] - 1]):
            continue
        before = key[max(0, start - 40):start]
        not_cadre = _NOT_CADRE_BEFORE.search(" " + before)
        if not_cadre and _capitalised_name_word(text, at=max(0, start - 40) + not_cadre.start() - 1):
            not_cadre = None   # "huyện Tam Đường X": the word ends a place name
        if _place_context(text, key=key, start=start, name=name) or not_cadre or _LATE.search(before):
            continue
        if sp[0] > 0 and not is_surname(words[sp[0]]):
            continue
        intro = INTRO_RE.search(key, max(0, start - 40), start)
        comrade = bool(intro and COMRADE_RE.search(key, max(0, start - 40), start))
        if not intro and prev_intro_end >= 0 and _LIST_JOIN.fullmatch(key[prev_intro_end:start]):
            intro, comrade = True, True   # "các đồng chí A, B và C"
        after, after_end = _positions_after(text, key=key, end=end)
        before_pos = _positions_before(text, key=key, start=start, floor=floor)
        if sp[0] > 0 and not before_pos:
            # "Nghệ An Nguyễn Đức Trung" with no post before it: the run was a list of places
            before_pos = []
        if not after and not before_pos:
            after = _post_later_in_sentence(text, key=key, end=end)
        positions = before_pos + [p for p in after if not any(same_post(p, b=q) for q in before_pos)]
        if not positions and _PLAIN_PERSON_BEFORE.search(before):
            continue
        official = bool(positions) or comrade
        confidence = 0.95 if positions and intro else 0.9 if positions else 0.6 if comrade else 0.5
        if not official and intro:
            # "ông/bà X": a cadre unless the text says who they are otherwise
            official = not _CIVILIAN_AFTER.match(key, end)
        reg.add(name, positions=positions, mention=_sentence_of(text, start=start),
                confidence=confidence * weight, official=official)
        floor = max(end, after_end)
        prev_intro_end = floor if (intro or positions) else -1


def find_officials(*, title: str, paragraphs: list[str], exclude_names=(), captions=()) -> list[OfficialMention]:
    """Every cadre named in the article with the positions printed beside the name."""
    texts = [title or ""] + list(paragraphs or [])
    exclude = {fold(n) for n in exclude_names if n}
    exclude |= _photo_credits(texts + list(captions or []))
    reg = _Registry(exclude)
    for t in texts:
        _scan(t, reg, weight=1.0)
    for c in captions or []:
        # a caption names who is in the photo; the credit at its end is not a person acting
        c = _PHOTO_CREDIT.sub("", c)
        _scan(c, reg, weight=0.9)
    return reg.result()
