"""Extraction pipeline: one scraped article text in, an ExtractionResult out.

Pure Python (stdlib only, no Django), so it can be tested and reused alone.
"""
from .pipeline import extract, extract_file, preload
from .result import DocumentMention, ExtractionResult, OfficialMention, PlaceMention

__all__ = ["extract", "extract_file", "preload", "ExtractionResult", "OfficialMention", "DocumentMention", "PlaceMention"]
