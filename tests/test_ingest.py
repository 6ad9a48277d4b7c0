import shutil
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.file_workers import content_hash
from archive.ingest import ingest_paths
from archive.models import Appearance, Article, Citation, Locality, Official, Resolution

pytestmark = pytest.mark.django_db

ARTICLE = """Cập nhật: 12/03/2023 08:15
Tỉnh ủy Nghệ An tổng kết công tác xây dựng Đảng năm 2022

Sáng 12/3, Ban Thường vụ Tỉnh ủy Nghệ An tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2022.
Đồng chí Thái Thanh Quý, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị. Hội nghị đánh giá
việc thực hiện Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII và Kết luận số 21-KL/TW
về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh.

Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy yêu cầu các cấp ủy tiếp tục thực hiện nghiêm túc các nghị quyết.

Thanh Hà
"""


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as legacy Vietnamese editors wrote it: base letters precomposed, tones combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_it_loads_every_fixture_article(fixture_articles):
    report = ingest_paths([fixture_articles])
    assert report.counts["loaded"] == 5
    assert Article.objects.count() == 5
    article = Article.objects.get(file_name="000_9b79f0871c2466f5.txt")
    assert article.original_text.startswith("Tác giả: Lâm Vĩ")
    assert article.content_hash == content_hash(article.original_text)


def snapshot() -> dict:
    return {
        "articles": list(Article.objects.values_list("id", "title", "updated_at")),
        "officials": Official.objects.count(),
        "resolutions": Resolution.objects.count(),
        "localities": Locality.objects.count(),
        "appearances": list(Appearance.objects.values_list("id", flat=True)),
        "citations": list(Citation.objects.values_list("id", flat=True)),
    }


def test_loading_the_same_files_again_changes_nothing(fixture_articles):
    ingest_paths([fixture_articles])
    before = snapshot()
    report = ingest_paths([fixture_articles])
    assert report.counts["unchanged"] == 5
    assert snapshot() == before


def test_a_broken_file_is_reported_and_the_others_still_land(tmp_path):
    write(tmp_path, "a_good.txt", ARTICLE)
    write(tmp_path, "b_empty.txt", b"")
    write(tmp_path, "c_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    write(tmp_path, "d_chrome.txt", "A A\nChia sẻ bài viết\nCÁC TIN KHÁC\n")
    write(tmp_path, "z_also_good.txt", ARTICLE.replace("năm 2022", "năm 2021"))
    report = ingest_paths([tmp_path])
    by_name = {o.path.name: o for o in report.outcomes}
    assert by_name["a_good.txt"].status == "loaded"
    assert by_name["z_also_good.txt"].status == "loaded"
    assert by_name["b_empty.txt"].status == "rejected" and "empty" in by_name["b_empty.txt"].reason
    assert by_name["c_binary.txt"].status == "rejected" and by_name["c_binary.txt"].reason
    assert by_name["d_chrome.txt"].status == "rejected" and "no article" in by_name["d_chrome.txt"].reason
    assert Article.objects.count() == 2


def test_a_file_over_the_size_limit_is_rejected_with_the_limit_named(tmp_path):
    write(tmp_path, "big.txt", ARTICLE * 50)
    report = ingest_paths([tmp_path], max_bytes=1000)
    assert report.outcomes[0].status == "rejected"
    assert "1,000-byte limit" in report.outcomes[0].reason


def test_utf16_and_windows_1258_files_are_decoded(tmp_path):
    write(tmp_path, "utf16.txt", ARTICLE.encode("utf-16"))
    legacy = to_cp1258(ARTICLE.replace("Nghệ An", "Hà Tĩnh"))
    write(tmp_path, "cp1258.txt", legacy)
    report = ingest_paths([tmp_path])
    assert report.counts["loaded"] == 2, report.summary()
    bodies = [a.original_text for a in Article.objects.all()]
    assert any("Tỉnh ủy Nghệ An" in b for b in bodies)
    assert any("Tỉnh ủy Hà Tĩnh" in b for b in bodies)
    assert all(unicodedata.is_normalized("NFC", b) for b in bodies)


def test_the_same_article_under_another_name_is_a_duplicate(tmp_path):
    write(tmp_path, "one.txt", ARTICLE)
    write(tmp_path, "two.txt", ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    report = ingest_paths([tmp_path])
    assert [o.status for o in report.outcomes] == ["loaded", "duplicate"]
    assert "one.txt" in report.outcomes[1].reason
    assert Article.objects.count() == 1


def test_a_changed_file_updates_its_article_in_place(tmp_path):
    path = write(tmp_path, "story.txt", ARTICLE)
    ingest_paths([path])
    article = Article.objects.get()
    write(tmp_path, "story.txt", ARTICLE.replace("tổng kết công tác", "sơ kết công tác"))
    report = ingest_paths([path])
    assert report.outcomes[0].status == "updated"
    article.refresh_from_db()
    assert Article.objects.count() == 1
    assert "sơ kết" in article.title


def test_the_command_exits_1_and_names_the_rejected_file(tmp_path, capsys):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", b"")
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", str(tmp_path))
    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    assert "empty.txt: empty file" in err
    assert "2 files: 1 loaded, 0 updated, 0 unchanged, 0 duplicate, 1 rejected" in out


def test_the_command_exits_0_when_every_file_loads(tmp_path, capsys):
    write(tmp_path, "good.txt", ARTICLE)
    call_command("ingest", str(tmp_path))
    assert "1 loaded" in capsys.readouterr().out


def test_only_txt_files_are_read_recursively(tmp_path):
    nested = tmp_path / "site" / "2023"
    nested.mkdir(parents=True)
    write(nested, "a.txt", ARTICLE)
    write(nested, "notes.md", "# not an article")
    report = ingest_paths([tmp_path])
    assert [o.path.name for o in report.outcomes] == ["a.txt"]


def test_an_editors_title_survives_reloading_a_changed_file(tmp_path):
    path = write(tmp_path, "story.txt", ARTICLE)
    ingest_paths([path])
    article = Article.objects.get()
    extracted = article.title
    article.title = "Tiêu đề do biên tập viên sửa"
    article.edited_fields = ["title"]
    article.save()
    write(tmp_path, "story.txt", ARTICLE + "\nThêm một đoạn mới.\n")
    ingest_paths([path])
    article.refresh_from_db()
    assert article.title == "Tiêu đề do biên tập viên sửa"
    assert article.extraction["title"] == extracted


def test_extract_command_prints_json_without_touching_the_database(fixture_articles, capsys):
    import json

    call_command("extract", str(fixture_articles), "--json")
    data = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in data] == sorted(p.name for p in fixture_articles.glob("*.txt"))
    assert Article.objects.count() == 0
    assert {"title", "published", "authors", "primary_locality", "localities", "officials", "resolutions"} <= set(data[0])


STORY = """Thứ Tư, 10/05/2023 09:00
{title}

Sáng 10/5, Ban Thường vụ {committee} tổ chức hội nghị chuyên đề về công tác xây dựng Đảng. Đồng chí Nguyễn Văn Hùng, {position} chủ trì hội nghị. Hội nghị đã thảo luận nhiều giải pháp nâng cao chất lượng sinh hoạt chi bộ và công tác kiểm tra, giám sát trong toàn Đảng bộ.

Phát biểu kết luận, đồng chí Nguyễn Văn Hùng đề nghị các cấp ủy tiếp tục đổi mới phương thức lãnh đạo.

Thanh Tâm
"""


def test_one_name_in_two_provinces_is_two_officials_but_a_central_official_is_one(tmp_path):
    write(tmp_path, "a.txt", STORY.format(title="Tỉnh ủy Thái Bình họp chuyên đề", committee="Tỉnh ủy Thái Bình",
                                          position="Phó Bí thư Tỉnh ủy"))
    write(tmp_path, "b.txt", STORY.format(title="Tỉnh ủy Kon Tum họp chuyên đề", committee="Tỉnh ủy Kon Tum",
                                          position="Phó Bí thư Tỉnh ủy"))
    write(tmp_path, "c.txt", STORY.format(title="Đoàn công tác Trung ương làm việc tại Long An", committee="Tỉnh ủy Long An",
                                          position="Phó Trưởng Ban Tổ chức Trung ương").replace("Nguyễn Văn Hùng", "Trần Minh Đức"))
    write(tmp_path, "d.txt", STORY.format(title="Đoàn công tác Trung ương làm việc tại Cà Mau", committee="Tỉnh ủy Cà Mau",
                                          position="Phó Trưởng Ban Tổ chức Trung ương").replace("Nguyễn Văn Hùng", "Trần Minh Đức"))
    report = ingest_paths([tmp_path])
    assert report.counts["loaded"] == 4, report.summary()
    local = Official.objects.filter(name="Nguyễn Văn Hùng")
    assert local.count() == 2
    assert {o.home_locality.name for o in local} == {"Thái Bình", "Kon Tum"}
    assert len({o.slug for o in local}) == 2
    central = Official.objects.get(name="Trần Minh Đức")
    assert central.home_locality is None and central.appearances.count() == 2
