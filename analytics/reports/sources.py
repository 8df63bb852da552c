"""Sources: where the requests that bring revenue come from, by first-touch source, request
channel, last-touch UTM source, medium and campaign, and landing page, one at a time."""

from django.db.models import Case, CharField, F, Func, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Concat, NullIf, Replace, StrIndex, Substr
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..base import Report, Scope
from ..figures import Dimension
from ..grouped import FIGURE_DEFINITIONS, switch
from ..grouped import build as build_grouped
from ..grouped import cohort as grouped_cohort

TITLE = _("Sources")


def _text(expression):
    """An empty text is no value."""
    return NullIf(expression, Value(""), output_field=CharField())


class JsonText(Func):
    """The text at a key path of a JSON field (the paths of leads.filters' ``TOUCH_KEYS``):
    ``json_extract`` on SQLite, ``#>>`` on PostgreSQL, one call each, where Django's ``KT``
    asks SQLite for the value's JSON type first (two more parses a row, and the grouping
    repeats the expression in the select, the group and both windows)."""

    output_field = CharField()

    def __init__(self, path: str):
        field, *self.keys = path.split("__")
        super().__init__(F(field))

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(KT("__".join((self.source_expressions[0].name, *self.keys))))

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        path = "$" + "".join(f'."{key}"' for key in self.keys)
        return f"json_extract({sql}, %s)", (*params, path)

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} #>> %s)", (*params, list(self.keys))


def _json_text(path: str):
    """The text at ``path`` of a JSON field (leads.filters' TOUCH_KEYS paths), portably."""
    return lambda: _text(JsonText(path))


def _up_to(text, mark: str):
    """``text`` up to (not including) its first ``mark``, or all of it: the mark is appended
    so that there always is one (no CASE repeating ``text`` in its branches)."""
    return Substr(text, 1, StrIndex(Concat(text, Value(mark)), Value(mark)) - 1)


def landing_path():
    """The path of ``landing_page`` ("https://example.com/cases/x/?utm_source=…#top" →
    "/cases/x/"), in SQL: "#" made a "?", the text before the first "?", from the first "/"
    after the scheme and host ("/" for a bare host). The scheme is "http://" or "https://" (a
    URL field), so the host's "/" is looked for from the 9th character on. Written without
    nested CASEs (a mark appended where one may be missing), so each part appears in the SQL
    a few times rather than nine: a third less work a row on SQLite, where the expression is
    evaluated for every deal of the period in each of the three queries."""
    url = _up_to(Replace(F("landing_page"), Value("#"), Value("?")), "?")
    rest = Substr(url, 9)
    path = Substr(rest, StrIndex(Concat(rest, Value("/")), Value("/")))
    return Case(
        When(landing_page="", then=Value(None)),
        default=Coalesce(NullIf(path, Value("")), Value("/")),
        output_field=CharField(),
    )


#: each group's SQL on a deal, evaluated once per deal into its facts row (analytics.deal_facts):
#: the report groups the stored values (``analytics.models.DealFacts``)
STORED = {
    "channel": lambda: _text(F("source")),
    # the UTM source of the visit that first brought the visitor
    "first_source": _json_text("first_touch__utm__utm_source"),
    "utm_source": _json_text("utm__utm_source"),
    "utm_medium": _json_text("utm__utm_medium"),
    "utm_campaign": _json_text("utm__utm_campaign"),
    "landing_path": landing_path,
}

DIRECT = _("(direct / unknown)")
NO_VALUE = _("(none)")

DIMENSIONS = [
    Dimension("first_source", _("First-touch source"), lambda: F("first_source"), DIRECT),
    Dimension(
        "channel",
        _("Request channel"),
        lambda: F("channel"),
        NO_VALUE,
        names=lambda values: channel_names(values),
    ),
    Dimension("utm_source", _("UTM source (last touch)"), lambda: F("utm_source"), NO_VALUE),
    Dimension("utm_medium", _("UTM medium (last touch)"), lambda: F("utm_medium"), NO_VALUE),
    Dimension("utm_campaign", _("UTM campaign (last touch)"), lambda: F("utm_campaign"), NO_VALUE),
    Dimension("landing", _("Landing page"), lambda: F("landing_path"), NO_VALUE),
]

DEFINITIONS = format_lazy(
    "{}{}",
    _(
        "Groups the deals by one of: the first-touch source (the UTM source of the visit that first "
        "brought the visitor; deals without one, such as manual and API deals or visitors who came "
        'without UTM tags, are under "(direct / unknown)"); the request channel (the deal\'s '
        "source: Website, Entered by hand, an API key's name…); the UTM source, medium or "
        "campaign of the visit that sent the request (the last touch); the landing page of that "
        "visit (its path, "
        "without the query string). Each deal is in exactly one group. "
    ),
    FIGURE_DEFINITIONS,
)


def extra_filters() -> dict:
    return switch(DIMENSIONS)


def build(scope: Scope) -> Report:
    """Three queries whatever the dimension."""
    return build_grouped(scope, DIMENSIONS)


def cohort(scope: Scope, name: str, key: str):
    return grouped_cohort(scope, DIMENSIONS, name, key)


#: what a deal's ``source`` says when leads wrote it (``leads.views``, ``leads.viewsets``);
#: an API deal's source is its API key's name, shown as it is
CHANNELS = {"website": _("Website"), "manual": _("Entered by hand")}


def channel_names(values) -> dict[str, str]:
    """The request channels as people read them: "Website", "Entered by hand", an API key's
    name as it is. No query."""
    return {value: str(CHANNELS[value]) for value in values if value in CHANNELS}


QUESTION = _("Which first-touch sources bring the requests that turn into revenue.")


def key_figure(scope: Scope) -> list:
    """The overview card: the first-touch source with most won revenue in the main currency
    (:func:`analytics.key_figures.best_group`): one query (two when nothing was won), a deal
    has one first-touch source."""
    from ..key_figures import best_group

    return best_group(scope, DIMENSIONS[0], one_per_deal=True)
