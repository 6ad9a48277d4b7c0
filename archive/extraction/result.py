"""The plain result objects the pipeline returns; the Django layer maps them to rows."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class PlaceMention:
    name: str                     # bare name as in the gazetteer: "Cờ Đỏ"
    kind: str                     # tỉnh, thành phố, quận, huyện, thị xã, phường, xã, thị trấn
    level: int = 0                # 1 province, 2 district, 3 ward (0 unknown)
    code: str = ""                # gazetteer code (province "92", district "925", ward "31147")
    province: str = ""            # bare name of the province/centrally-run city containing it
    province_code: str = ""
    district: str = ""            # bare name of the district containing a ward ("" otherwise)
    district_code: str = ""
    new_name: str = ""            # the unit it became after the 2025 reorganisation, if known
    mention: str = ""             # the words used in the text


@dataclass
class OfficialMention:
    name: str                          # "Lê Quang Mạnh"
    positions: list[str] = field(default_factory=list)  # in the order written
    mention: str = ""                  # the sentence or clause it was found in
    confidence: float = 1.0


@dataclass
class DocumentMention:
    kind: str                          # "Nghị quyết", "Chỉ thị", "Quy định", ...
    number: str                        # "04"
    code: str = ""                     # canonical "04-NQ/TW" when known
    issuer: str = ""                   # "TW", "TU", "BCT" ... as the suffix says
    term: str = ""                     # Party term ("XII") when known
    title: str = ""
    issued: date | None = None
    in_catalog: bool = False
    mentions: list[str] = field(default_factory=list)  # every spelling used in the text
    sentence: str = ""                 # the first sentence that cites it
    plenum: str = ""                   # "4" for "Nghị quyết Trung ương 4" when named that way


@dataclass
class ExtractionResult:
    file: str
    title: str = ""
    published: date | datetime | None = None   # datetime when the page gives a time
    authors: list[str] = field(default_factory=list)
    source: str = ""
    primary_locality: PlaceMention | None = None
    localities: list[PlaceMention] = field(default_factory=list)
    officials: list[OfficialMention] = field(default_factory=list)
    resolutions: list[DocumentMention] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)   # body text, chrome removed
    captions: list[str] = field(default_factory=list)     # photo captions, kept apart
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_json(self) -> dict:
        """The shape of `manage.py extract --json` (see shared/spec/extraction.md)."""
        published = None
        if isinstance(self.published, datetime):
            published = self.published.isoformat(timespec="minutes")
        elif isinstance(self.published, date):
            published = self.published.isoformat()
        return {
            "file": self.file,
            "title": self.title,
            "published": published,
            "authors": list(self.authors),
            "source": self.source or None,
            "primary_locality": self.primary_locality.name if self.primary_locality else None,
            "localities": [p.name for p in self.localities],
            "officials": [{"name": o.name, "positions": list(o.positions)} for o in self.officials],
            "resolutions": [
                {"kind": d.kind, "number": d.number, "code": d.code or None,
                 "issuer": d.issuer or None, "term": d.term or None,
                 "in_catalog": d.in_catalog, "mentions": list(d.mentions)}
                for d in self.resolutions
            ],
            "places": [dataclasses.asdict(p) for p in self.localities],
            "paragraphs": len(self.paragraphs),
            "captions": list(self.captions),
            "warnings": list(self.warnings),
        }
