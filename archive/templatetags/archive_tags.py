"""Template helpers: entity links inside paragraphs, and URLs that keep the search state."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def link_entities(*, text: str, links: list[tuple[str, str, str]]) -> SafeString:
    """Escape text and wrap each mention (longest first, never overlapping) in a link.

    links: (words as written, url, kind) where kind is official, locality or resolution.
    """
    by_words: dict[str, tuple[str, str]] = {}
    for words, url, kind in links:
        words = words.strip()
        if len(words) >= 2 and words not in by_words:
            by_words[words] = (url, kind)
    if not by_words:
        return mark_safe(escape(text))
    pattern = re.compile(
        "|".join(re.escape(w) for w in sorted(by_words, key=len, reverse=True))
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        # whole words only: "Hà Nam" must not light up inside "Hà Nam Định"-like runs of letters
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if before.isalnum() or after.isalnum():
            continue
        url, kind = by_words[match.group(0)]
        out.append(escape(text[last:match.start()]))
        out.append(f'<a class="entity entity-{kind}" href="{escape(url)}">{escape(match.group(0))}</a>')
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


@register.simple_tag
def linked(text: str, links: list) -> SafeString:
    return link_entities(text=text, links=links)


@register.simple_tag
def page_url(params: dict, page: int) -> str:
    """The current search with another page number."""
    new = {k: v for k, v in params.items() if v and k != "page"}
    if page > 1:
        new["page"] = page
    return "?" + urlencode(new) if new else "?"


@register.simple_tag
def with_params(base: str, params: dict) -> str:
    """base URL carrying the current search parameters (minus the page)."""
    new = {k: v for k, v in params.items() if v and k != "page"}
    return f"{base}?{urlencode(new)}" if new else base


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None
