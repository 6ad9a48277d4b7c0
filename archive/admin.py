"""The editors' workbench: every correction made here survives re-loading the files."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q

from . import search
from .curation import merge_officials, split_official
from .models import (
    Appearance,
    Article,
    ArticleLocality,
    Citation,
    Locality,
    Official,
    OfficialAlias,
    Resolution,
)

# Article fields the loader fills and an editor may correct.
CORRECTABLE_FIELDS = ("title", "published", "published_time", "authors", "source", "primary_locality")
INLINE_GROUPS = {Appearance: "officials", Citation: "resolutions", ArticleLocality: "localities"}
LOW_CONFIDENCE = 0.6


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["official"]
    fields = ["official", "positions", "order", "confidence", "edited"]
    readonly_fields = ["confidence"]


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["resolution"]
    fields = ["resolution", "mentions", "sentence", "edited"]


class ArticleLocalityInline(admin.TabularInline):
    model = ArticleLocality
    extra = 0
    autocomplete_fields = ["locality"]
    fields = ["locality", "mention", "is_primary", "edited"]


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "cần xem lại"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("undated", "không có ngày đăng"),
            ("no_place", "không rõ địa phương"),
            ("weak_officials", "có cán bộ thiếu chức vụ"),
            ("unknown_documents", "văn bản ngoài danh mục"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "undated":
                return queryset.filter(published__isnull=True)
            case "no_place":
                return queryset.filter(primary_locality__isnull=True)
            case "weak_officials":
                return queryset.filter(
                    Q(appearances__confidence__lt=LOW_CONFIDENCE) | Q(appearances__positions=[])
                ).distinct()
            case "unknown_documents":
                return queryset.filter(citations__resolution__in_catalog=False).distinct()
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published", "primary_locality", "source", "file_name"]
    list_filter = [NeedsReviewFilter, "published", "source"]
    search_fields = ["title", "file_name", "source"]
    date_hierarchy = "published"
    autocomplete_fields = ["primary_locality"]
    inlines = [AppearanceInline, CitationInline, ArticleLocalityInline]
    readonly_fields = ["file_name", "content_hash", "edited_fields", "extraction", "loaded_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "published", "published_time", "authors", "source", "primary_locality"]}),
        ("Nguồn", {"classes": ["collapse"], "fields": ["file_name", "content_hash", "original_text",
                                                    "paragraphs", "captions"]}),
        ("Trích xuất và hiệu chỉnh", {"classes": ["collapse"], "fields": ["edited_fields", "extraction",
                                                                        "loaded_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        corrected = [f for f in form.changed_data if f in CORRECTABLE_FIELDS]
        if change and corrected:
            obj.edited_fields = sorted({*obj.edited_fields, *corrected})
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        group = INLINE_GROUPS.get(formset.model)
        touched = bool(formset.deleted_forms) or any(f.has_changed() for f in formset.forms)
        instances = formset.save(commit=False)
        for instance in instances:
            instance.edited = True
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
        if change and group and touched:
            article = form.instance
            article.edited_fields = sorted({*article.edited_fields, group})
            Article.objects.filter(pk=article.pk).update(edited_fields=article.edited_fields)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.index_articles([form.instance.pk])

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        search.remove_articles([pk])

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        search.remove_articles(ids)


class OfficialAliasInline(admin.TabularInline):
    model = OfficialAlias
    extra = 1
    fields = ["name", "home_locality"]
    autocomplete_fields = ["home_locality"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "home_locality", "appearance_count", "slug"]
    search_fields = ["name", "folded_name", "slug", "alias_rows__folded_name"]
    list_filter = ["home_locality"]
    autocomplete_fields = ["home_locality"]
    inlines = [OfficialAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_appearances=Count("appearances"))

    @admin.display(description="lần xuất hiện", ordering="n_appearances")
    def appearance_count(self, obj):
        return obj.n_appearances

    @admin.action(description="Gộp các cán bộ đã chọn thành một (giữ người xuất hiện nhiều nhất)")
    def merge_selected(self, request, queryset):
        officials = sorted(queryset, key=lambda o: (-o.n_appearances, o.pk))
        if len(officials) < 2:
            self.message_user(request, "Chọn ít nhất hai cán bộ để gộp.", messages.WARNING)
            return
        target, others = officials[0], officials[1:]
        names = ", ".join(o.name for o in others)
        merge_officials(target=target, others=others)
        self.log_change(request, target, f"Gộp vào: {names}")
        self.message_user(request, f"Đã gộp {names} vào {target.name}.", messages.SUCCESS)


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["official", "article", "positions", "confidence", "edited"]
    list_filter = ["edited"]
    search_fields = ["official__name", "official__folded_name", "article__title"]
    autocomplete_fields = ["official", "article"]
    actions = ["split_selected"]

    @admin.action(description="Tách các lần xuất hiện đã chọn sang một cán bộ mới (người khác cùng tên)")
    def split_selected(self, request, queryset):
        by_official: dict[int, list[int]] = {}
        for appearance in queryset:
            by_official.setdefault(appearance.official_id, []).append(appearance.article_id)
        for official_id, article_ids in by_official.items():
            official = Official.objects.get(pk=official_id)
            new = split_official(official=official, article_ids=article_ids, home=_home_of(article_ids[0], official))
            self.log_change(request, official, f"Tách {len(article_ids)} bài sang {new.slug}")
            self.message_user(request, f"Đã tách {len(article_ids)} bài của {official.name} sang {new.slug}.",
                              messages.SUCCESS)


def _home_of(article_id: int, official: Official) -> Locality | None:
    """The province of the article the split starts from: the other person's home,
    unless it is the original official's own (then the new one gets none)."""
    article = Article.objects.select_related("primary_locality").get(pk=article_id)
    place = article.primary_locality
    province = (place.ancestors() or [place])[0] if place else None
    return None if province == official.home_locality else province


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "term", "issued", "in_catalog", "citation_count"]
    list_filter = ["in_catalog", "kind", "term"]
    search_fields = ["code", "key", "title", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_citations=Count("citations"))

    @admin.display(description="số bài trích dẫn", ordering="n_citations")
    def citation_count(self, obj):
        return obj.n_citations


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "new_name"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "folded_name", "slug", "code"]
    autocomplete_fields = ["parent"]
