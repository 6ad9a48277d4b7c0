from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Lưu trữ tin xây dựng Đảng"
    default_auto_field = "django.db.models.BigAutoField"
