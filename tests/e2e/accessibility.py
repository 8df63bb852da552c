"""axe-core in the browser tests (axe-playwright-python bundles it): the violations that fail."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("serious", "critical")
_axe = Axe()


def serious_violations(page) -> list[str]:
    """Every serious or critical axe violation on the page as it is now: rule, impact, elements."""
    results = _axe.run(page).response
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        + f" ({violation['help']})"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]
