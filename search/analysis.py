"""The words of a text as search compares them, the same on every database backend.

A page's text is indexed as :func:`analyse` gives it and a query is searched as
:func:`query_terms` gives it, so SQLite (FTS5's plain tokenizer) and PostgreSQL (the ``simple``
configuration) compare the same stems: the same query finds the same pages whichever database a
company runs. Pure Python, no Django.

- **Tokens** keep what people type as one word: ``S/4HANA``, ``C#``, ``C++``, ``.NET``,
  ``1С:ERP``, ``Node.js``, ``e-commerce`` are single tokens (``s4hana``, ``csharp``, ``cpp``,
  ``dotnet``, ``1cerp``, ``nodejs``, ``ecommerce``); an indexed text also gives a compound's
  parts (``s4hana s 4hana``), so a query for one part still finds it. Every token is made of
  ``[0-9a-zа-я]``, which both databases' tokenizers read as exactly one word.
- **Letters**: lower case, ``ё`` is ``е``, and a token mixing Latin letters or digits with
  Cyrillic letters that look Latin is read as Latin ("1С" with a Cyrillic С is "1c").
- **Stems**: Snowball (PyStemmer) for Russian on Cyrillic tokens and for English on Latin ones,
  repeated until the stem no longer changes: one pass turns "аудит" into "ауд" but "аудита" into
  "аудит", so only the fixed point makes the two forms meet.
"""

import functools
import re

import Stemmer

#: Cyrillic letters that look like Latin ones, as the Latin letter
LOOKALIKES = str.maketrans("авекмнорстхуі", "abekmhopctxyi")
CYRILLIC = re.compile(r"[а-я]")
LATIN = re.compile(r"[a-z]")
#: a word with its joining marks: "s/4hana", "c#", "c++", ".net", "1с:erp", "node.js"
TOKEN = re.compile(r"\.?\w+(?:[/.:+#'’-]+\w+)*[#+]*")
JOINERS = re.compile(r"[/.:+#'’_-]+")
SPECIAL = {"c#": "csharp", "f#": "fsharp", "c++": "cpp", ".net": "dotnet", "j#": "jsharp"}
MAX_TOKEN = 40

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "in",
        "on",
        "to",
        "with",
        "by",
        "at",
        "from",
        "is",
        "are",
        "be",
        "we",
        "you",
        "i",
        "me",
        "my",
        "our",
        "your",
        "who",
        "what",
        "which",
        "how",
        "do",
        "does",
        "need",
        "want",
        "looking",
        "find",
        "show",
        "about",
        "any",
        "some",
        "this",
        "that",
        "these",
        "those",
        "и",
        "или",
        "в",
        "во",
        "на",
        "с",
        "со",
        "к",
        "ко",
        "по",
        "о",
        "об",
        "от",
        "до",
        "из",
        "за",
        "для",
        "у",
        "не",
        "ни",
        "же",
        "ли",
        "бы",
        "а",
        "но",
        "что",
        "как",
        "кто",
        "где",
        "мне",
        "нам",
        "нужен",
        "нужна",
        "нужно",
        "нужны",
        "ищу",
        "ищем",
        "хочу",
        "хотим",
    ]
)

_STEMMERS = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}


def _letters(token: str) -> str:
    token = token.lower().replace("ё", "е")
    if CYRILLIC.search(token) and (LATIN.search(token) or any(c.isdigit() for c in token)):
        latin_lookalike = token.translate(LOOKALIKES)
        if not CYRILLIC.search(latin_lookalike):  # every Cyrillic letter had a Latin twin
            return latin_lookalike
    return token


@functools.lru_cache(maxsize=200_000)
def _surface(raw: str, *, parts: bool) -> tuple[str, ...]:
    """One raw match of :data:`TOKEN` as tokens: the joined word (and its parts). Kept per
    word: a broad search tokenises a thousand titles that share most of their words."""
    word = _letters(raw)
    joined = SPECIAL.get(word)
    if joined is None:
        dotted = word.startswith(".") and word[1:].isalpha()
        joined = ("dot" + word[1:]) if dotted else JOINERS.sub("", word.strip(".#+"))
    joined = re.sub(r"[^0-9a-zа-я]", "", joined)[:MAX_TOKEN]
    out = [joined] if joined else []
    if parts and JOINERS.search(word.strip(".#+")):
        # each part folded on its own: "1С-Битрикс" stays Cyrillic, its part "1С" is "1c"; a
        # part that joins digits and letters gives its letters too: "S/4HANA" holds "hana"
        split = [_letters(p) for p in re.split(r"[^0-9a-zа-я]+", word) if p]
        split += [run for p in split for run in re.findall(r"[a-zа-я]{3,}", p) if run != p]
        out += [p for p in dict.fromkeys(split) if p != joined]
    return tuple(out)


def tokens(text: str) -> list[str]:
    """The words of ``text`` as a query gives them (compounds joined)."""
    return [t for raw in TOKEN.findall(text or "") for t in _surface(raw, parts=False)]


def index_tokens(text: str) -> list[str]:
    """The words of ``text`` as a page gives them: a compound joined and in its parts."""
    return [t for raw in TOKEN.findall(text or "") for t in _surface(raw, parts=True)]


@functools.lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """The token's Snowball stem (Russian for Cyrillic, English for Latin), to a fixed point."""
    if not token or token.isdigit():
        return token
    stemmer = _STEMMERS["ru" if CYRILLIC.search(token) else "en"]
    for _pass in range(4):
        shorter = stemmer.stemWord(token)
        if shorter == token or len(shorter) < 2:
            break
        token = shorter
    return token


#: Russian letters as Latin ones ("-" for the signs, which are dropped)
_LATIN_LETTERS = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f h ts ch sh sch - y - e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)


def transliterate(token: str) -> str:
    """A Cyrillic token in Latin letters ("кубернетес" → "kubernetes"): a Latin brand or term
    typed on a Russian keyboard."""
    return "".join(
        "" if (latin := _LATIN_LETTERS.get(char)) == "-" else latin or char for char in token
    )


def analyse(text: str) -> str:
    """A page's text as it is indexed: the stems of its words."""
    return " ".join(stem(token) for token in index_tokens(text))


def fold(text: str) -> str:
    """A title as autocomplete matches it: its words, folded but not stemmed."""
    return " ".join(index_tokens(text))


def query_words(text: str) -> list[str]:
    """The query's words without filler words (all of them when only filler words are left)."""
    words = tokens(text)
    meaningful = [word for word in words if word not in STOPWORDS]
    return meaningful or words


def query_terms(text: str) -> list[str]:
    """The query's stems, in order, without filler words."""
    return [stem(word) for word in query_words(text)]
