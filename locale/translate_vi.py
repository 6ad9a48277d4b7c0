"""Fills locale/vi/LC_MESSAGES/django.po from the table below (run after makemessages).

Kept beside the catalogue so a new string is one line here, then compilemessages.
"""
import re
import sys
from pathlib import Path

VI = {
    "Archive search: %(q)s": "Tìm trong lưu trữ: %(q)s",
    "Archive search": "Tìm trong lưu trữ",
    "Search": "Tìm",
    "Place": "Địa phương",
    "Year": "Năm",
    "Month": "Tháng",
    "From": "Từ ngày",
    "To": "Đến ngày",
    "Document": "Văn bản",
    "Official": "Cán bộ",
    "Source": "Nguồn",
    "relevance": "liên quan nhất",
    "newest": "mới nhất",
    "oldest": "cũ nhất",
    "Sort": "Sắp xếp",
    "Page": "Trang",
    "Words": "Từ khóa",
    "(no position given)": "(không ghi chức vụ)",
    "The page number or the name is not valid.": "Số trang hoặc tên không hợp lệ.",
    "The page number is not valid.": "Số trang không hợp lệ.",
    "Not found": "Không tìm thấy",
    "Nothing in the archive has this address.": "Không có mục nào trong lưu trữ ở địa chỉ này.",
    "Bad request": "Yêu cầu không hợp lệ",
    "This address cannot be read": "Không đọc được địa chỉ này",
    "A parameter of the address is not valid:": "Một tham số của địa chỉ không hợp lệ:",
    "Start a new search": "Tìm kiếm mới",
    "Breadcrumb": "Đường dẫn",
    "Articles": "Bài viết",
    "undated": "không rõ ngày",
    "by": "tác giả",
    "source": "nguồn",
    "This article has no text.": "Bài này không có nội dung.",
    "Photo captions": "Chú thích ảnh",
    "File": "Tệp",
    "In this article": "Trong bài này",
    "Officials": "Cán bộ",
    "Documents cited": "Văn bản được nhắc đến",
    "Places": "Địa phương",
    "Related articles": "Bài liên quan",
    "Party-building news archive": "Lưu trữ tin xây dựng Đảng",
    "%(n)s articles, %(o)s officials and %(r)s documents, searchable by place, date, document and official.":
        "%(n)s bài viết, %(o)s cán bộ và %(r)s văn bản, tra cứu theo địa phương, thời gian, văn bản và cán bộ.",
    "Latest articles": "Bài mới nhất",
    "All articles": "Tất cả bài viết",
    "The archive is empty. Load articles with “manage.py ingest fixtures/”.":
        "Lưu trữ chưa có bài. Nạp bài bằng lệnh “manage.py ingest fixtures/”.",
    "Remove this filter": "Bỏ bộ lọc này",
    "selected; activate to remove": "đang chọn; bấm để bỏ",
    "Refine results": "Thu hẹp kết quả",
    "Refine": "Lọc kết quả",
    "%(n)s more": "Thêm %(n)s mục",
    "Only the most frequent are listed.": "Chỉ liệt kê các mục xuất hiện nhiều nhất.",
    "Articles per month": "Số bài theo tháng",
    "Pages": "Trang",
    "Active filters": "Bộ lọc đang dùng",
    "remove": "bỏ",
    "%(n)s article": "%(n)s bài viết",
    "Apply": "Áp dụng",
    "CSV": "CSV",
    "Atom feed": "Nguồn tin Atom",
    "Date range": "Khoảng thời gian",
    "There are no results on this page.": "Trang này không có kết quả.",
    "Back to the first page": "Về trang đầu",
    "No article matches. Try fewer words or remove a filter.":
        "Không có bài phù hợp. Hãy bớt từ khóa hoặc bỏ một bộ lọc.",
    "Search the archive": "Tìm trong lưu trữ",
    "e.g. Nghị quyết 04, Cần Thơ, Trần Việt Trường": "ví dụ: Nghị quyết 04, Cần Thơ, Trần Việt Trường",
    "Part of": "Thuộc",
    "Since the 2025 reorganisation": "Sau sắp xếp năm 2025",
    "Units below": "Đơn vị trực thuộc",
    "Officials seen most here": "Cán bộ xuất hiện nhiều nhất",
    "Documents cited most here": "Văn bản được nhắc nhiều nhất",
    "Each place counts the articles about it and about every unit below it.":
        "Mỗi địa phương tính cả các bài về những đơn vị trực thuộc.",
    "No place yet.": "Chưa có địa phương nào.",
    "Appears in %(n)s article": "Xuất hiện trong %(n)s bài viết",
    "Search these articles": "Tìm trong các bài này",
    "Also written": "Cách viết khác",
    "Timeline of positions": "Quá trình chức vụ",
    "No appearances.": "Chưa xuất hiện trong bài nào.",
    "Every appearance": "Mọi lần xuất hiện",
    "Every appearance, oldest first": "Mọi lần xuất hiện, cũ nhất trước",
    "Date": "Ngày",
    "Article": "Bài viết",
    "Positions written there": "Chức vụ ghi trong bài",
    "Connections": "Liên hệ",
    "Seen most often with": "Thường xuất hiện cùng",
    "Documents": "Văn bản",
    "Find an official by name": "Tìm cán bộ theo tên",
    "Find": "Tìm",
    "%(n)s official": "%(n)s cán bộ",
    "No official found.": "Không tìm thấy cán bộ.",
    "Kind": "Loại",
    "Number": "Số",
    "Issuer": "Cơ quan ban hành",
    "Party term": "Khóa",
    "Issued": "Ngày ban hành",
    "Cited by %(n)s article": "Được %(n)s bài viết nhắc đến",
    "No article cites it yet.": "Chưa có bài nào nhắc đến.",
    "Where and when": "Ở đâu, khi nào",
    "Places citing it, by year": "Địa phương nhắc đến, theo năm",
    "Officials in these articles": "Cán bộ trong các bài này",
    "%(n)s document": "%(n)s văn bản",
    "Documents cited in the archive": "Văn bản được nhắc đến trong lưu trữ",
    "Title": "Trích yếu",
    "Term": "Khóa",
    "No document yet.": "Chưa có văn bản nào.",
    "Atom feed of this search": "Nguồn tin Atom của tìm kiếm này",
    "Results for “%(query)s”": "Kết quả cho “%(query)s”",
    "Archive": "Lưu trữ",
    "Skip to content": "Chuyển đến nội dung",
    "Main": "Chính",
    "An archive of Vietnamese party-building news, with its places, officials and documents linked.":
        "Lưu trữ tin tức xây dựng Đảng, liên kết địa phương, cán bộ và văn bản.",
    "JSON API": "API JSON",
    "Text as scraped": "Văn bản gốc khi thu thập",
    "Name": "Tên",
    "and %(n)s more article": "và %(n)s bài khác",
    "Wards and communes are listed on their district's page.": "Phường, xã được liệt kê ở trang của quận, huyện.",
    "So many articles match that they are not ranked by relevance: articles about the document, official or place you named come first, then the newest.":
        "Quá nhiều bài khớp nên không xếp theo mức liên quan: bài về văn bản, cán bộ hoặc địa phương bạn nêu đứng trước, "
        "sau đó là bài mới nhất.",
    "So many articles match that they are not ranked by relevance: newest first. Add words or a filter to rank them.":
        "Quá nhiều bài khớp nên không xếp theo mức liên quan: bài mới nhất đứng trước. "
        "Thêm từ khóa hoặc bộ lọc để xếp theo mức liên quan.",
    "The search took too long: some counts are missing or approximate. Add words or a filter for complete figures.":
        "Tìm kiếm mất quá nhiều thời gian: một số số liệu bị thiếu hoặc chỉ là ước tính. "
        "Thêm từ khóa hoặc bộ lọc để có số liệu đầy đủ.",
    "about": "khoảng",
    "at least %(n)s article": "ít nhất %(n)s bài viết",
    "Count not available": "Chưa có số lượng",
    "The articles could not be read in time. Try again, or add words or a filter.":
        "Không đọc kịp các bài viết. Hãy thử lại, hoặc thêm từ khóa hay bộ lọc.",
    "The search ran out of time before its articles were read: this says nothing about what matches. "
    "Try again (a repeated search is usually faster), or add words or a filter.":
        "Tìm kiếm hết thời gian trước khi đọc được các bài viết: điều này không có nghĩa là không có bài nào "
        "khớp. Hãy thử lại (lần tìm sau thường nhanh hơn), hoặc thêm từ khóa hay bộ lọc.",
}


def _unquote(block: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"').replace("\\n", "\n")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(path: Path) -> list[str]:
    entries = path.read_text(encoding="utf-8").split("\n\n")
    missing = []
    out = []
    for entry in entries:
        m = re.search(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)', entry, re.M)
        msgid = _unquote(m.group(1)) if m else ""
        if msgid:
            target = VI.get(msgid)
            if target is None:
                missing.append(msgid)
            else:
                entry = entry.replace("#, fuzzy\n", "").replace(", fuzzy", "")
                entry = re.sub(r"^#\| .*\n?", "", entry, flags=re.M)
                head = entry[:entry.index("\nmsgstr")]
                # Vietnamese has one plural form: a single msgstr[0]
                key = "msgstr[0]" if "msgid_plural" in head else "msgstr"
                entry = f"{head}\n{key} {_quote(target)}"
        out.append(entry.rstrip("\n"))
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return missing


if __name__ == "__main__":
    po = Path(__file__).resolve().parent / "vi" / "LC_MESSAGES" / "django.po"
    left = fill(po)
    if left:
        print("untranslated:", *left, sep="\n  ")
        sys.exit(1)
