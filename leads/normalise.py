"""How a contact's and a company's identifying values are compared: the same rules for a request
from the site, a record typed in the admin and a row of an imported file."""

import re

#: legal forms dropped from a company's name before it is compared (Russian and English)
LEGAL_FORMS = frozenset(
    [
        "ооо",
        "оао",
        "зао",
        "пао",
        "ао",
        "нао",
        "ип",
        "чп",
        "тоо",
        "нко",
        "ано",
        "фгуп",
        "гуп",
        "муп",
        "llc",
        "ltd",
        "limited",
        "inc",
        "corp",
        "corporation",
        "co",
        "gmbh",
        "ag",
        "sa",
        "plc",
        "llp",
    ]
)
_QUOTES_AND_PUNCTUATION = re.compile(r"[«»\"'“”„`.,;:!?()\[\]{}/\\|&+*#№_-]+")


def company_key(name: str) -> str:
    """``ООО «Ромашка»``, ``Ромашка, ООО`` and ``РОМАШКА`` give the same key ``ромашка``."""
    text = _QUOTES_AND_PUNCTUATION.sub(" ", (name or "").casefold().replace("ё", "е"))
    words = [word for word in text.split() if word not in LEGAL_FORMS]
    return " ".join(words)[:255]


def email_key(email: str) -> str:
    return (email or "").strip().lower()


_INN_WEIGHTS_10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_WEIGHTS_12_A = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_WEIGHTS_12_B = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: str, weights) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def tax_number_valid(value: str) -> bool:
    """A Russian ИНН: 10 digits (an organisation) or 12 (a person), with its check digits."""
    if not value.isdigit() or not value.isascii():
        return False
    if len(value) == 10:
        return _check_digit(value, _INN_WEIGHTS_10) == int(value[9])
    if len(value) == 12:
        return _check_digit(value, _INN_WEIGHTS_12_A) == int(value[10]) and _check_digit(
            value, _INN_WEIGHTS_12_B
        ) == int(value[11])
    return False
