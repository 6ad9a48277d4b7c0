"""Editors' corrections survive loading the same files again."""
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from archive.curation import merge_officials, split_official
from archive.ingest import ingest_paths
from archive.models import Appearance, Article, Citation, Official

pytestmark = pytest.mark.django_db

TEMPLATE = """{date}
{title}

Sáng {day}, Ban Thường vụ Tỉnh ủy Nghệ An họp nghe báo cáo công tác xây dựng Đảng. Đồng chí {name}, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì cuộc họp.
Hội nghị đánh giá kết quả thực hiện Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII và Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

Phát biểu kết luận, đồng chí {name} yêu cầu các cấp ủy tiếp tục thực hiện nghiêm túc, hiệu quả các nghị quyết, chỉ thị của Đảng.

Minh Châu
"""


def article_file(folder: Path, *, name: str, official: str, day: str, title: str) -> Path:
    path = folder / name
    text = TEMPLATE.format(date=f"{day}/2023 09:00", title=title, day=day, name=official)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def two_articles(tmp_path):
    article_file(tmp_path, name="a.txt", official="Nguyễn Đức Trung", day="05/04",
                 title="Tỉnh ủy Nghệ An họp Ban Thường vụ tháng 4")
    article_file(tmp_path, name="b.txt", official="Nguyễn Đức Trunq", day="12/05",
                 title="Ban Thường vụ Tỉnh ủy Nghệ An họp phiên thường kỳ tháng 5")
    report = ingest_paths([tmp_path])
    assert report.counts["loaded"] == 2, report.summary()
    return tmp_path


def test_a_corrected_title_survives_reloading(two_articles):
    article = Article.objects.get(file_name="a.txt")
    extracted = article.title
    article.title = "Tiêu đề đã hiệu chỉnh"
    article.edited_fields = ["title"]
    article.save()
    ingest_paths([two_articles])
    ingest_paths([two_articles], force=True)
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã hiệu chỉnh"
    assert article.extraction["title"] == extracted  # the extracted value is kept too


def test_a_merge_survives_reloading_and_catches_new_articles(two_articles):
    right = Official.objects.get(name="Nguyễn Đức Trung")
    typo = Official.objects.get(name="Nguyễn Đức Trunq")
    merge_officials(target=right, others=[typo])
    ingest_paths([two_articles], force=True)
    assert not Official.objects.filter(name="Nguyễn Đức Trunq").exists()
    assert set(right.appearances.values_list("article__file_name", flat=True)) == {"a.txt", "b.txt"}
    # a new article with the misspelt name goes to the merged official
    article_file(two_articles, name="c.txt", official="Nguyễn Đức Trunq", day="20/06",
                 title="Nghệ An tổng kết sáu tháng thực hiện nhiệm vụ xây dựng Đảng")
    ingest_paths([two_articles])
    assert right.appearances.filter(article__file_name="c.txt").exists()
    assert Official.objects.filter(folded_name__startswith="nguyen duc trun").count() == 1


def test_a_split_survives_reloading(two_articles):
    typo = Official.objects.get(name="Nguyễn Đức Trunq")
    right = Official.objects.get(name="Nguyễn Đức Trung")
    merge_officials(target=right, others=[typo])
    b = Article.objects.get(file_name="b.txt")
    other_person = split_official(official=right, article_ids=[b.pk], name="Nguyễn Đức Trunq")
    ingest_paths([two_articles], force=True)
    assert list(other_person.appearances.values_list("article__file_name", flat=True)) == ["b.txt"]
    assert list(right.appearances.values_list("article__file_name", flat=True)) == ["a.txt"]


def test_a_citation_an_editor_removed_stays_removed(two_articles, admin_client):
    article = Article.objects.get(file_name="a.txt")
    citations = list(article.citations.order_by("pk"))
    assert len(citations) >= 2
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = _admin_post_data(admin_client, url)
    data["citations-0-DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    remaining = set(Citation.objects.filter(article=article).values_list("pk", flat=True))
    assert citations[0].pk not in remaining
    ingest_paths([two_articles], force=True)
    assert set(Citation.objects.filter(article=article).values_list("pk", flat=True)) == remaining


def test_an_admin_edit_is_recorded_in_history_and_marked_corrected(two_articles, admin_client):
    article = Article.objects.get(file_name="b.txt")
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = _admin_post_data(admin_client, url)
    data["title"] = "Một tiêu đề mới do biên tập viên đặt"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Một tiêu đề mới do biên tập viên đặt"
    assert "title" in article.edited_fields
    assert LogEntry.objects.filter(object_id=str(article.pk)).exists()
    ingest_paths([two_articles], force=True)
    article.refresh_from_db()
    assert article.title == "Một tiêu đề mới do biên tập viên đặt"


def test_the_review_queue_lists_undated_articles(two_articles, admin_client):
    Article.objects.filter(file_name="a.txt").update(published=None)
    response = admin_client.get(reverse("admin:archive_article_changelist") + "?review=undated")
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert [a.file_name for a in shown] == ["a.txt"]


def _form_values(form, prefix: str = "") -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()  # JSON fields come back already serialised
        if value is None or value is False:
            continue
        data[f"{prefix}{name}"] = getattr(value, "pk", value)
    return data


def _admin_post_data(client, url: str) -> dict:
    """The change form's current values, as the browser would post them back."""
    response = client.get(url)
    data = _form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for i, form in enumerate(formset.forms):
            data.update(_form_values(form, prefix=f"{formset.prefix}-{i}-"))
    return data


def test_an_article_deleted_in_the_admin_leaves_the_search_index(two_articles, admin_client):
    from archive import search

    article = Article.objects.get(file_name="a.txt")
    assert article in search.search("Nghệ An tháng 4")
    response = admin_client.post(reverse("admin:archive_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert list(search.search("Nghệ An tháng 4")) == []


def test_the_admin_actions_merge_and_split_officials(two_articles, admin_client):
    ids = list(Official.objects.filter(name__startswith="Nguyễn Đức Trun").values_list("pk", flat=True))
    response = admin_client.post(reverse("admin:archive_official_changelist"),
                                 {"action": "merge_selected", "_selected_action": ids})
    assert response.status_code == 302
    merged = Official.objects.get(pk__in=ids)
    assert merged.appearances.count() == 2
    appearance = merged.appearances.get(article__file_name="b.txt")
    response = admin_client.post(reverse("admin:archive_appearance_changelist"),
                                 {"action": "split_selected", "_selected_action": [appearance.pk]})
    assert response.status_code == 302
    appearance.refresh_from_db()
    assert appearance.official_id != merged.pk and appearance.edited
    assert LogEntry.objects.filter(object_id=str(merged.pk)).count() == 2
