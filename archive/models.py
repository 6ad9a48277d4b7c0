"""The archive's data: articles and the places, officials and documents they name."""
from __future__ import annotations

from django.db import models
from django.urls import reverse

from .extraction.text import fold, slugify


class Locality(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "tỉnh", "tỉnh"
        CITY = "thành phố", "thành phố"
        URBAN_DISTRICT = "quận", "quận"
        DISTRICT = "huyện", "huyện"
        TOWN = "thị xã", "thị xã"
        WARD = "phường", "phường"
        COMMUNE = "xã", "xã"
        TOWNSHIP = "thị trấn", "thị trấn"

    name = models.CharField(max_length=120)  # bare name: "Cờ Đỏ"
    kind = models.CharField(max_length=20, choices=Kind.choices)
    slug = models.SlugField(max_length=160, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    code = models.CharField(max_length=10, blank=True, default="")  # gazetteer code
    level = models.PositiveSmallIntegerField(default=1)  # 1 province, 2 district, 3 ward
    new_name = models.CharField(max_length=160, blank=True, default="")  # after the 2025 reorganisation
    folded_name = models.CharField(max_length=120, db_index=True, editable=False)

    class Meta:
        ordering = ["level", "name"]
        verbose_name_plural = "localities"
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="locality_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("archive:locality", args=[self.slug])

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"

    def ancestors(self) -> list["Locality"]:
        chain, node = [], self.parent
        while node is not None and len(chain) < 4:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def descendant_ids(self) -> list[int]:
        """Itself and every unit below it (a province includes its districts and wards)."""
        ids, frontier = [self.pk], [self.pk]
        for _ in range(3):
            frontier = list(Locality.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            if not frontier:
                break
            ids.extend(frontier)
        return ids


class Official(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=160, unique=True)
    # Two people with one name in different provinces are two officials.
    home_locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    aliases = models.JSONField(default=list, blank=True)
    folded_name = models.CharField(max_length=120, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "home_locality"], name="official_name_home_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:official", args=[self.slug])

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)


class OfficialAlias(models.Model):
    """Another spelling of an official's name, or the name of an official merged into this one.

    The loader resolves extracted names through this table, so a merge survives re-loading.
    """

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="alias_rows")
    name = models.CharField(max_length=120)
    folded_name = models.CharField(max_length=120, editable=False)
    home_locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["folded_name"], name="official_alias_folded_idx")]
        constraints = [
            models.UniqueConstraint(fields=["folded_name", "home_locality"], name="official_alias_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.official}"

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)


class Resolution(models.Model):
    """A Party or State document (Nghị quyết, Chỉ thị, Quy định, ...)."""

    # Central documents are keyed by their code ("04-NQ/TW"); a local one ("12-CT/TU")
    # by code and province, since every Tỉnh ủy numbers its own.
    key = models.CharField(max_length=120, unique=True)
    code = models.CharField(max_length=60, db_index=True)  # "04-NQ/TW"; "Nghị quyết 59" when the text gives no suffix
    slug = models.SlugField(max_length=140, unique=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40)
    number = models.CharField(max_length=20)
    issuer = models.CharField(max_length=20, blank=True, default="")
    term = models.CharField(max_length=10, blank=True, default="")  # Party term: "XII"
    issued = models.DateField(null=True, blank=True)
    title = models.TextField(blank=True, default="")
    aliases = models.JSONField(default=list, blank=True)
    in_catalog = models.BooleanField(default=False)

    class Meta:
        ordering = ["-issued", "code"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("archive:resolution", args=[self.slug])

    @property
    def label(self) -> str:
        return f"{self.kind} {self.code}"


class ArticleQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by(models.F("published").desc(nulls_last=True), "-id")

    def oldest_first(self):
        return self.order_by(models.F("published").asc(nulls_last=True), "id")

    def in_locality(self, locality: Locality):
        return self.filter(localities__in=locality.descendant_ids()).distinct()


class Article(models.Model):
    file_name = models.CharField(max_length=255, unique=True)
    content_hash = models.CharField(max_length=64, db_index=True)  # sha256 of the normalised text
    original_text = models.TextField()  # as decoded from the file: nothing scraped is lost
    title = models.TextField()
    published = models.DateField(null=True, blank=True, db_index=True)
    published_time = models.TimeField(null=True, blank=True)
    authors = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=200, blank=True, default="")
    primary_locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="primary_articles"
    )
    paragraphs = models.JSONField(default=list, blank=True)
    captions = models.JSONField(default=list, blank=True)
    extraction = models.JSONField(default=dict, blank=True)  # the extractor's raw answer
    localities = models.ManyToManyField(Locality, through="ArticleLocality", related_name="articles")
    officials = models.ManyToManyField(Official, through="Appearance", related_name="articles")
    resolutions = models.ManyToManyField(Resolution, through="Citation", related_name="articles")
    # Fields an editor corrected in the admin; the loader never overwrites them.
    # The extractor's own answer stays in `extraction`, so both values are kept.
    edited_fields = models.JSONField(default=list, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published").desc(nulls_last=True), "-id"]
        indexes = [
            # the home page and every date-sorted result list
            models.Index(fields=["-published", "-id"], name="article_published_idx"),
            # the source filter, and the facet columns' read of every article's source: without it
            # SQLite walks each row past its long text (80 s at 1,000,000 articles)
            models.Index(fields=["source", "id"], name="article_source_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:article", args=[self.pk])

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80]


class ArticleLocality(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="locality_links")
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="article_links")
    mention = models.CharField(max_length=200, blank=True, default="")
    is_primary = models.BooleanField(default=False)
    edited = models.BooleanField(default=False)  # set or confirmed by an editor: survives re-loading

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "locality"], name="article_locality_unique"),
        ]


class Appearance(models.Model):
    """An official acting in an article, with the positions written there, in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="appearances")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="appearances")
    positions = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    mention = models.TextField(blank=True, default="")
    confidence = models.FloatField(default=1.0)
    edited = models.BooleanField(default=False)  # set or confirmed by an editor: survives re-loading

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "official"], name="appearance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.official} in {self.article_id}"


class Citation(models.Model):
    """A document cited by an article, with the words the article used."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="citations")
    mentions = models.JSONField(default=list, blank=True)
    sentence = models.TextField(blank=True, default="")
    edited = models.BooleanField(default=False)  # set or confirmed by an editor: survives re-loading

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "resolution"], name="citation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.resolution} in {self.article_id}"
