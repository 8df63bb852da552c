"""``memoize(keep=…)``: a value touched only by its soft tags is kept until next asked for, when
its check sees every change since; any other tag drops it at once."""

import pytest

from serving import content_version as cv


@pytest.fixture
def kept(db):
    """A value depending on ``text`` (soft) and ``tree``, with a check that answers as told
    and remembers what it was shown."""
    cv.forget_memoized()
    seen, answers, computed = [], [], []

    def check(changes):
        seen.append(list(changes))
        return answers.pop(0)

    def ask():
        return cv.memoize(
            "value",
            lambda: computed.append(1) or len(computed),
            tags=("text", "tree"),
            keep=(("text",), lambda value: check),
        )

    assert ask() == 1
    return ask, seen, answers


def test_a_soft_change_the_check_accepts_keeps_the_value(kept):
    ask, seen, answers = kept
    cv.bump_content_version({"text", "page:1"})
    cv.bump_content_version({"text", "page:2"})
    answers.append(True)
    assert ask() == 1
    # this process learns of its own changes twice (when made, then from the log)
    assert {frozenset(tags) for tags in seen[0]} == {
        frozenset({"page:1", "text"}),
        frozenset({"page:2", "text"}),
    }
    assert ask() == 1 and len(seen) == 1  # checked once


def test_a_soft_change_the_check_refuses_computes_it_again(kept):
    ask, _seen, answers = kept
    cv.bump_content_version({"text", "page:1"})
    answers.append(False)
    assert ask() == 2


def test_any_other_tag_drops_it_without_asking(kept):
    ask, seen, _answers = kept
    cv.bump_content_version({"text", "tree"})
    assert ask() == 2
    assert seen == []


def test_a_change_that_names_none_of_its_tags_is_not_shown_to_the_check(kept):
    ask, seen, _answers = kept
    cv.bump_content_version({"menu"})
    assert ask() == 1
    assert seen == []
