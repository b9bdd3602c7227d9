"""The program's method: the Four Points, the tools and the stages of change.

Writers write Markdown, in the files under toolbox/content/ that ``manage.py load_toolbox``
loads (toolbox/loading.py) or in the admin; ``save()`` stores it rendered and sanitised beside
the source, and the plain words of every text field in ``search_text``. The database keeps a
weighted full-text vector of each row up to date itself (a stored generated column), so the data
migration and any bulk update stay searchable without remembering to refresh it.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from toolbox import markup
from toolbox.worksheet_kinds import WORKSHEET_CHOICES, WORKSHEETS, Worksheet

SEARCH_CONFIG = "english"
# Private-use characters mark the matched words in a snippet, so the snippet can be escaped as
# plain text first and the marks turned into <mark> tags after.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
MARKDOWN_HELP = _(
    "Markdown: blank lines between paragraphs, **bold**, *italic*, - lists, ## headings."
)


def search_vector() -> models.GeneratedField:
    """A stored column weighting words in the title over the summary over the rest."""
    return models.GeneratedField(
        verbose_name=_("search vector"),
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("search_text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


def reserved_slug(*words: str) -> RegexValidator:
    """Refuse slugs that would collide with a fixed page under the same path."""
    return RegexValidator(
        rf"^({'|'.join(words)})$",
        inverse_match=True,
        message=_("This slug is the address of another page; choose another."),
    )


def highlighted(snippet: str) -> SafeString:
    """Return a search snippet as HTML: the text escaped, the matched words in <mark>."""
    # Safe: everything but our own marks was escaped first.
    return mark_safe(escape(snippet).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


class SearchableQuerySet(models.QuerySet):
    def search(self, text: str) -> SearchableQuerySet:
        """Rows matching ``text`` (typed as in a web search box), best first, with snippets."""
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            self.filter(search_vector=query)
            .annotate(
                rank=SearchRank(models.F("search_vector"), query),
                snippet=SearchHeadline(
                    "search_text",
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "title")
        )


class PointQuerySet(SearchableQuerySet):
    def with_tools(self) -> PointQuerySet:
        return self.prefetch_related("tools")


# The guides' slugs are fixed (their addresses sit beside the points', /toolbox/<slug>/); a point
# may not take one.
GUIDES = {"family-and-friends": "For family and friends"}


class RenderedPage(models.Model):
    """A page written in Markdown and rendered once, when saved, so pages never render or trust
    it per request. ``render`` fills the HTML and the search text (a loader compares them)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.render()
        super().save(*args, **kwargs)

    def render(self) -> None:
        raise NotImplementedError


class Point(RenderedPage):
    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("1 to 4, in program order.")
    )
    title = models.CharField(_("title"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        validators=[reserved_slug("search", "tools", *GUIDES)],
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences.")
    )
    intro = models.TextField(_("intro"), help_text=MARKDOWN_HELP)
    intro_html = models.TextField(_("intro html"), editable=False)
    search_text = models.TextField(_("search text"), editable=False)
    search_vector = search_vector()

    objects = PointQuerySet.as_manager()

    class Meta:
        verbose_name = _("point")
        verbose_name_plural = _("points")
        ordering = ["number"]
        indexes = [GinIndex(fields=["search_vector"], name="toolbox_point_search")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("toolbox:point_detail", args=[self.slug])

    def render(self) -> None:
        """Fill the HTML and search text from the Markdown, as saving does (a loader compares)."""
        self.intro_html = markup.render(self.intro)
        self.search_text = markup.plain_text(escape(self.summary), self.intro_html)


class StageQuerySet(SearchableQuerySet):
    def with_tools(self) -> StageQuerySet:
        return self.prefetch_related("tools")


class Stage(RenderedPage):
    order = models.PositiveSmallIntegerField(
        _("order"), unique=True, help_text=_("Place in the cycle, from 1.")
    )
    title = models.CharField(_("title"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, validators=[reserved_slug("check-in")]
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences.")
    )
    feels_like = models.TextField(_("what it feels like"), help_text=MARKDOWN_HELP)
    feels_like_html = models.TextField(_("feels like html"), editable=False)
    what_helps = models.TextField(_("what helps"), help_text=MARKDOWN_HELP)
    what_helps_html = models.TextField(_("what helps html"), editable=False)
    search_text = models.TextField(_("search text"), editable=False)
    search_vector = search_vector()

    objects = StageQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["order"]
        indexes = [GinIndex(fields=["search_vector"], name="toolbox_stage_search")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolbox:stage_detail", args=[self.slug])

    def render(self) -> None:
        """Fill the HTML and search text from the Markdown, as saving does (a loader compares)."""
        self.feels_like_html = markup.render(self.feels_like)
        self.what_helps_html = markup.render(self.what_helps)
        self.search_text = markup.plain_text(
            escape(self.summary), self.feels_like_html, self.what_helps_html
        )


class ToolQuerySet(SearchableQuerySet):
    def with_links(self) -> ToolQuerySet:
        return self.prefetch_related("points", "stages")


class Tool(RenderedPage):
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers list first.")
    )
    title = models.CharField(_("title"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences.")
    )
    body = models.TextField(_("body"), help_text=MARKDOWN_HELP)
    body_html = models.TextField(_("body html"), editable=False)
    steps = models.TextField(
        _("how to use it"), help_text=_("One step per line, in order, in plain text.")
    )
    worksheet = models.CharField(
        _("worksheet"),
        max_length=20,
        choices=WORKSHEET_CHOICES,
        blank=True,
        help_text=_("The worksheet that goes with this tool, if there is one."),
    )
    points = models.ManyToManyField(Point, related_name="tools", verbose_name=_("points"))
    stages = models.ManyToManyField(
        Stage, related_name="tools", help_text=_("Stages it suits."), verbose_name=_("stages")
    )
    search_text = models.TextField(_("search text"), editable=False)
    search_vector = search_vector()

    objects = ToolQuerySet.as_manager()

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        ordering = ["order", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="toolbox_tool_search")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolbox:tool_detail", args=[self.slug])

    def render(self) -> None:
        """Fill the HTML and search text from the Markdown, as saving does (a loader compares)."""
        self.body_html = markup.render(self.body)
        self.search_text = markup.plain_text(
            escape(self.summary), self.body_html, escape("\n".join(self.step_list))
        )

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def worksheet_link(self) -> Worksheet | None:
        return WORKSHEETS.get(self.worksheet)


class Guide(RenderedPage):
    """A page of the toolbox for one group of readers, such as the family and friends of someone
    who is struggling: neither a point, a tool nor a stage, but searched with them."""

    title = models.CharField(_("title"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, choices=GUIDES)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences.")
    )
    body = models.TextField(_("body"), help_text=MARKDOWN_HELP)
    body_html = models.TextField(_("body html"), editable=False)
    search_text = models.TextField(_("search text"), editable=False)
    search_vector = search_vector()

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ["title"]
        indexes = [GinIndex(fields=["search_vector"], name="toolbox_guide_search")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolbox:guide_detail", args=[self.slug])

    def render(self) -> None:
        """Fill the HTML and search text from the Markdown, as saving does (a loader compares)."""
        self.body_html = markup.render(self.body)
        self.search_text = markup.plain_text(escape(self.summary), self.body_html)


class PageTranslation(models.Model):
    """A toolbox page's words in another language, from ``toolbox/content/<language>/``.

    Written only by the loader (toolbox/loading.py), rendered and sanitised as the English is;
    the order, the links and the worksheet stay the English page's. A page with no translation
    in the visitor's language shows its English words with a note (toolbox/translations.py).
    """

    class Kind(models.TextChoices):
        POINT = "point", pgettext_lazy("kind of toolbox page", "Point")
        STAGE = "stage", pgettext_lazy("kind of toolbox page", "Stage")
        TOOL = "tool", pgettext_lazy("kind of toolbox page", "Tool")
        GUIDE = "guide", pgettext_lazy("kind of toolbox page", "Guide")

    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=80)
    summary = models.CharField(_("summary"), max_length=300)
    # The page's rendered fields by name (intro_html, body_html, steps, ...).
    texts = models.JSONField(_("texts"), default=dict)

    class Meta:
        verbose_name = _("page translation")
        verbose_name_plural = _("page translations")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "kind", "slug"], name="toolbox_one_translation_per_page"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug} ({self.language})"
