"""The shared analyser and the indexes that use it (search.analysis, search.db_index)."""

import hashlib
import importlib.util
from pathlib import Path

import modelsearch
import pytest

from search import db_index
from search.analysis import analyse, fold, index_tokens, query_terms, stem, tokens
from search.highlight import highlight
from search.query import build

# The lines of modelsearch that search/db_index.py copies (its add_items overrides), by hash:
# when an upgrade changes them, compare the copy with the new upstream code, then update these.
UPSTREAM_COPIES = {
    # backends/database/sqlite/sqlite.py, SQLiteIndex.add_items
    "modelsearch.backends.database.sqlite.sqlite": (
        214,
        263,
        "6e4d599997a4aa05027c06df1d5ebc812d47f3956cb85c3613788c7cde4510ea",
    ),
    # backends/database/postgres/postgres.py, PostgresIndex.add_items
    "modelsearch.backends.database.postgres.postgres": (
        371,
        445,
        "62bf7488351e386482f9e20db0670c3064185250ef816c71584afef14fcb079e",
    ),
}


def test_the_copied_upstream_indexing_code_has_not_changed():
    assert modelsearch.__version__ == db_index.UPSTREAM_VERSION, (
        "modelsearch was upgraded: check search/db_index.py's copies of add_items"
    )
    for module, (first, last, digest) in UPSTREAM_COPIES.items():
        lines = Path(importlib.util.find_spec(module).origin).read_text().splitlines(True)
        source = "".join(lines[first - 1 : last])
        assert source.lstrip().startswith("def add_items"), module
        assert hashlib.sha256(source.encode()).hexdigest() == digest, (
            f"{module} add_items changed upstream: update search/db_index.py"
        )


@pytest.mark.parametrize(
    ("forms"),
    [
        ("аудит", "аудита", "аудиты", "аудитов"),
        ("сайт", "сайты", "сайтов"),
        ("ёлка", "елка", "Ёлки"),
        ("shop", "shops"),
        ("retailer", "retailers"),
        ("дистрибьютор", "дистрибьюторы", "дистрибьюторов"),
    ],
)
def test_word_forms_share_one_stem(forms):
    assert len({analyse(form) for form in forms}) == 1, [analyse(form) for form in forms]


def test_tokens_people_type_stay_one_word():
    assert tokens("S/4HANA C# C++ .NET 1С:ERP Node.js") == [
        "s4hana",
        "csharp",
        "cpp",
        "dotnet",
        "1cerp",
        "nodejs",
    ]
    assert tokens("1С") == tokens("1C")  # a Cyrillic С that looks Latin
    # a compound's parts are folded on their own: "1С-Битрикс" holds the "1C" a visitor types
    assert set(tokens("1C")) <= set(index_tokens("Сайт на 1С-Битрикс"))
    assert query_terms("C#") != query_terms("C")


def test_nothing_but_plain_words_comes_out_of_hostile_text():
    hostile = "'\" OR 1=1; -- <script>NEAR(a b)* ^~ \x00 \ud800 " + "x" * 5000
    for word in tokens(hostile) + analyse(hostile).split() + fold(hostile).split():
        assert (
            word.isalnum()
            and word.isascii()
            or set(word) <= set("абвгдежзийклмнопрстуфхцчшщъыьэюя0123456789")
        )


def test_stemming_reaches_a_fixed_point():
    for word in ("аудита", "университеты", "developments"):
        assert stem(stem(word)) == stem(word)


def test_query_expression_requires_every_group_and_any_alternative():
    query = build([[("ауд",)], [("сайт",), ("веб", "сайт")]])
    assert type(query).__name__ == "And"
    assert type(query.subqueries[1]).__name__ == "Or"
    assert build([]) is None
    assert type(build([[("a",)], [("b",)]], operator="or")).__name__ == "Or"


def test_highlight_marks_word_forms_and_whole_tokens():
    html = highlight("Аудиты сайтов на C и на C# с .NET", "аудит сайт C#")
    assert "<mark>Аудиты</mark>" in html and "<mark>сайтов</mark>" in html
    assert "<mark>C#</mark>" in html and "<mark>C</mark> " not in html
    assert "<mark>" not in highlight("<b>x</b> сайтостроение", "сайт")  # a prefix is no form
