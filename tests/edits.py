"""What tests of edits share: publishing as an editor does, rendering public pages, and running
a change as this process or as another one that learns of it from the change log only."""

from collections import defaultdict

from serving import content_version as cv


def fresh(page):
    return page.__class__.objects.get(pk=page.pk)


def publish(page, **fields):
    """Publish ``page`` as stored, with ``fields`` changed, as an editor's publish does."""
    page = fresh(page)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def warm(client, urls) -> None:
    for url in urls:
        for _ in range(2):
            assert client.get(url).status_code == 200, url


def body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def snapshot():
    """What this process keeps, as another process that did not make the change would hold it."""
    by_tag = defaultdict(set, {tag: set(keys) for tag, keys in cv._memo["by_tag"].items()})
    stores = {store: dict(cv._memo[store]) for store in cv.LIMITS}
    kept = {
        "keepers": dict(cv._memo["keepers"]),
        "pending": {entry: list(changes) for entry, changes in cv._memo["pending"].items()},
    }
    return {**cv._memo, **stores, **kept, "by_tag": by_tag, "log": dict(cv._memo["log"])}


def change_runner(where: str):
    """Run a change as this process would see it, or (``"another process"``) as another process
    that kept its values and learns of the change only from the log."""

    def run(action):
        held = snapshot()
        action()
        if where == "another process":
            cv._memo.clear()
            cv._memo.update(held)

    return run
