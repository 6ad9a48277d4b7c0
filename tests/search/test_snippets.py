"""Snippets: matched words marked in the original accented text, escaped HTML."""
import pytest

from archive.models import Article
from archive.search import snippets
from archive.search.snippets import snippet

from .factories import make_article, make_resolution

pytestmark = pytest.mark.django_db


def test_matched_words_are_marked_in_their_original_accents():
    article = make_article("Tin", "Sáng nay, Ban Thường vụ Thành ủy họp bàn công tác xây dựng Đảng.")
    html = snippets(articles=[article], query="xay dung dang")[article.pk]
    assert "<mark>xây dựng Đảng</mark>" in html


def test_a_query_with_accents_marks_the_exact_form_when_the_article_has_it():
    article = make_article("Tin", "Chúng tôi đang củng cố tổ chức đảng ở cơ sở.")
    html = snippets(articles=[article], query="đảng")[article.pk]
    assert "<mark>đảng</mark>" in html
    assert "<mark>đang</mark>" not in html


def test_a_query_with_accents_marks_any_form_when_the_exact_one_is_missing():
    article = make_article("Tin", "Chúng tôi đang làm việc.")
    assert "<mark>đang</mark>" in snippets(articles=[article], query="đảng")[article.pk]


def test_lookalike_letters_and_old_tones_are_marked_as_written():
    article = make_article("Tin", "\u00d0ảng ủy phường và Thành uỷ cùng tham dự.")
    html = snippets(articles=[article], query='Đảng "thành ủy"')[article.pk]
    assert "<mark>\u00d0ảng</mark>" in html
    assert "<mark>Thành uỷ</mark>" in html


def test_the_snippet_is_escaped_html():
    article = make_article("Tin", 'Hội nghị <script>alert("x")</script> & "đảng" bộ.')
    html = snippets(articles=[article], query="hội nghị")[article.pk]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_a_document_code_is_one_mark():
    article = make_article("Tin", "Thực hiện Nghị quyết số 04-NQ/TW ngày 30/10/2016.")
    assert "<mark>04-NQ/TW</mark>" in snippets(articles=[article], query="04-NQ/TW")[article.pk]


def test_an_article_citing_the_queried_document_by_another_name_marks_that_name():
    resolution = make_resolution("04-NQ/TW", number="04", aliases=["NQTW4"])
    article = make_article("Tin", "Đảng bộ gắn với thực hiện NQTW4 trong năm.", cites=[(resolution, ["NQTW4"])])
    assert "<mark>NQTW4</mark>" in snippets(articles=[article], query="Nghị quyết 04-NQ/TW")[article.pk]


def test_the_snippet_shows_the_passage_with_the_most_query_words():
    article = make_article(
        "Tin", "Đoạn mở đầu nói về thời tiết.", " ".join(["chữ"] * 80),
        "Đoạn này nói về chuyển đổi số trong công tác đảng viên.")
    html = snippets(articles=[article], query="chuyển đổi số đảng viên")[article.pk]
    assert "<mark>chuyển đổi số</mark>" in html and "<mark>đảng viên</mark>" in html


def test_long_paragraphs_are_cut_with_ellipses():
    words = " ".join(f"từ{i}" for i in range(200))
    article = make_article("Tin", f"{words} tham nhũng {words}")
    html = snippets(articles=[article], query="tham nhũng")[article.pk]
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>tham nhũng</mark>" in html
    assert len(html) < 400


def test_without_a_marked_word_the_lead_is_shown():
    article = make_article("Tin", "Câu mở đầu của bài.", "Câu thứ hai.")
    assert snippets(articles=[article], query="")[article.pk] == "Câu mở đầu của bài."
    assert snippets(articles=[article], query="zzz")[article.pk] == "Câu mở đầu của bài."


def test_every_article_gets_a_snippet_even_an_empty_one():
    empty = Article.objects.create(file_name="e.txt", content_hash="e" * 64, original_text="", title="",
                                   paragraphs=[])
    full = make_article("Tin", "Có nội dung.")
    out = snippets(articles=[empty, full], query="nội dung")
    assert out[empty.pk] == ""
    assert "<mark>nội dung</mark>" in out[full.pk]


def test_snippet_of_plain_paragraphs_needs_no_database():
    html = snippet(paragraphs=["Kinh tế - xã hội phát triển."], phrases=[(("xa", "hoi"), None)])
    assert html == "Kinh tế - <mark>xã hội</mark> phát triển."


def test_skipping_paragraphs_without_a_query_word_changes_no_snippet(tmp_path, monkeypatch):
    """The pre-filter (are a phrase's words in the folded paragraph?) only saves work:
    on a generated corpus every snippet is what marking every paragraph gives."""
    import importlib
    import sys

    from django.core.management import call_command

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    gc = importlib.import_module("generate_corpus")
    module = importlib.import_module("archive.search.snippets")

    gc.generate(gc.Options(out=tmp_path / "corpus", count=60, seed=11), workers=1, sample=0)
    call_command("ingest", str(tmp_path / "corpus"), "--quiet")
    articles = list(Article.objects.order_by("pk"))
    queries = ["xây dựng Đảng", "dang", '"chuyển đổi số"', "04-NQ/TW", "Tỉnh ủy", "kiem tra giam sat",
               "NQTW4", "đảng viên", "từkhôngcótrongkho", "ủy ban nhân dân", "Hoá"]
    filtered = {q: snippets(articles=articles, query=q) for q in queries}

    monkeypatch.setattr(module, "_may_hold", lambda folded, wanted: True)
    for q in queries:
        assert snippets(articles=articles, query=q) == filtered[q], q
    assert sum("<mark>" in html for html in filtered["xây dựng Đảng"].values()) > 30
