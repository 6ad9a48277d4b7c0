"""Placeholder until the layout step lands: first line as title."""
from dataclasses import dataclass, field


@dataclass
class Layout:
    title: str = ""
    published: object = None
    authors: list = field(default_factory=list)
    source: str = ""
    paragraphs: list = field(default_factory=list)
    captions: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def parse_layout(text: str) -> Layout:
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    return Layout(title=lines[0] if lines else "", paragraphs=lines[1:])
