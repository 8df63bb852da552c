"""The pipeline board on a real screen and a phone: every column reachable, cards dragged with
the mouse or a finger, won and lost stages asking what they need, the Move button without
JavaScript."""

from contextlib import contextmanager
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client

import pytest
from playwright.sync_api import expect

from leads.choices import DealStatus
from leads.models import Contact, Deal, LostReason, Pipeline
from leads.services import deal_create
from tests.e2e.csp import watch_csp

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"viewport": {"width": 1440, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture
def seller():
    user = User.objects.create_user("olga", "olga@example.com", "secret-pass-1", first_name="Olga")
    user.groups.add(Group.objects.get(name="Sales"))
    return user


@pytest.fixture
def pipeline():
    return Pipeline.objects.get(is_default=True)


def open_deal(pipeline, seller, title: str) -> Deal:
    contact = Contact.objects.create(name=f"Client of {title}", email=f"{len(title)}@example.com")
    return deal_create(contact=contact, pipeline=pipeline, title=title, owner=seller)


@contextmanager
def signed_in(browser, live_server, user, **options):
    """A tab of ``user``'s admin session; fails on any Content-Security-Policy violation."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-US", **options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    violations = watch_csp(context)
    page = context.new_page()
    try:
        yield page
        page.wait_for_timeout(100)
    finally:
        context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


def column(page, name):
    return page.locator(".vt-column", has=page.get_by_role("heading", name=name, exact=True))


def card(page, deal):
    return page.locator(f".vt-card[data-deal='{deal.pk}']")


def board_scroll(page):
    return page.locator("[data-board]").evaluate(
        "b => ({left: b.scrollLeft, max: b.scrollWidth - b.clientWidth})"
    )


def assert_page_does_not_scroll_sideways(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def assert_stage_names_fit(page):
    """Every stage name fits in the width its card's select gives it."""
    clipped = page.evaluate(
        """() => {
        const canvas = document.createElement("canvas").getContext("2d");
        const out = [];
        document.querySelectorAll(".vt-move select").forEach(select => {
          const style = getComputedStyle(select);
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room = select.clientWidth - parseFloat(style.paddingLeft)
            - parseFloat(style.paddingRight);
          for (const option of select.options) {
            if (canvas.measureText(option.text).width > room) { out.push(option.text); }
          }
        });
        return out;
    }"""
    )
    assert clipped == []


def drag(page, source, target_box_of, *, steps=12):
    """Drag ``source`` with the mouse to the point ``target_box_of()`` returns (read each step,
    so it follows a scrolling board)."""
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 12)
    page.mouse.down()
    page.mouse.move(box["x"] + 40, box["y"] + 20, steps=3)
    for _ in range(steps):
        x, y = target_box_of()
        page.mouse.move(x, y, steps=4)
    return page


def test_dragging_a_card_to_the_last_column_scrolls_the_board_and_asks_why_it_was_lost(
    browser, live_server, seller, pipeline
):
    deal = open_deal(pipeline, seller, "Online store for 200 shops")
    reason = LostReason.objects.get(name="Chose a competitor")
    with signed_in(browser, live_server, seller, **DESKTOP) as page:
        response = page.goto(live_server.url + f"/admin/sales/board/{pipeline.pk}/")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy
        assert (
            page.locator("[data-board] script, dialog script, [data-board] [onclick]").count() == 0
        )
        assert page.locator(".vt-column h2").all_inner_texts()[-1] == "Lost"
        assert_page_does_not_scroll_sideways(page)
        assert_stage_names_fit(page)
        lost = column(page, "Lost")
        assert lost.bounding_box()["x"] > 1440  # off screen before the drag
        assert board_scroll(page)["left"] == 0

        board = page.locator("[data-board]").bounding_box()
        edge = (board["x"] + board["width"] - 10, board["y"] + 150)
        drag(page, card(page, deal), lambda: edge)
        page.wait_for_function(
            "() => { const b = document.querySelector('[data-board]');"
            " return b.scrollLeft >= b.scrollWidth - b.clientWidth - 2; }",
            timeout=10_000,
        )
        target = lost.locator("[data-cards]")
        for _ in range(3):
            box = target.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40, steps=5)
        page.mouse.up()

        dialog = page.get_by_role("dialog", name="The deal is lost")
        assert dialog.is_visible()
        assert "Online store for 200 shops" in dialog.inner_text()
        dialog.get_by_role("button", name="Mark as lost").click()  # the reason is required
        assert dialog.is_visible()
        dialog.get_by_label("Why was it lost?").select_option(label=reason.name)
        dialog.get_by_label("Comment").fill("They went with the agency next door")
        dialog.get_by_role("button", name="Mark as lost").click()

        page.locator(".messages .success", has_text="Moved to “Lost”").wait_for()
        assert lost.locator(f".vt-card[data-deal='{deal.pk}']").count() == 1
        expect(lost.locator(".vt-count")).to_have_text("1")  # the heads are refreshed
        expect(column(page, "New request").locator(".vt-count")).to_have_text("0")
    deal.refresh_from_db()
    assert deal.status == DealStatus.LOST
    assert deal.stage.name == "Lost"
    assert deal.lost_reason == reason
    assert deal.lost_comment == "They went with the agency next door"


def test_a_won_stage_asks_the_amount_a_cancel_or_a_refusal_puts_the_card_back(
    browser, live_server, seller, pipeline
):
    won = open_deal(pipeline, seller, "Loyalty app")
    kept = open_deal(pipeline, seller, "Warehouse portal")
    with signed_in(browser, live_server, seller, **DESKTOP) as page:
        page.goto(live_server.url + f"/admin/sales/board/{pipeline.pk}/")
        first = column(page, "New request")

        def onto(name):
            def point():
                page.locator("[data-board]").evaluate(
                    "(b, name) => { const h = [...b.querySelectorAll('h2')]"
                    ".find(h => h.textContent === name);"
                    " h.closest('.vt-column').scrollIntoView({inline: 'center'}); }",
                    name,
                )
                box = column(page, name).locator("[data-cards]").bounding_box()
                return box["x"] + box["width"] / 2, box["y"] + 40

            return point

        drag(page, card(page, won), onto("Paid"), steps=3).mouse.up()
        dialog = page.get_by_role("dialog", name="The deal is won")
        assert dialog.is_visible()
        dialog.get_by_label("Amount of the won deal").fill("1500000")
        dialog.get_by_role("button", name="Mark as won").click()
        page.locator(".messages .success", has_text="Moved to “Paid”").wait_for()
        assert column(page, "Paid").locator(f".vt-card[data-deal='{won.pk}']").count() == 1

        # Cancelling the lost dialog returns the card to its column.
        drag(page, card(page, kept), onto("Lost"), steps=3).mouse.up()
        dialog = page.get_by_role("dialog", name="The deal is lost")
        dialog.get_by_role("button", name="Cancel").click()
        assert first.locator(f".vt-card[data-deal='{kept.pk}']").count() == 1

        # The server refuses a reason retired in the meantime: the card goes back, the error shows.
        drag(page, card(page, kept), onto("Lost"), steps=3).mouse.up()
        dialog.get_by_label("Why was it lost?").select_option(label="No budget")
        LostReason.objects.filter(name="No budget").update(is_active=False)
        dialog.get_by_role("button", name="Mark as lost").click()
        page.locator(".messages .error", has_text="valid choice").wait_for()
        assert first.locator(f".vt-card[data-deal='{kept.pk}']").count() == 1
        assert column(page, "Lost").locator(f".vt-card[data-deal='{kept.pk}']").count() == 0
        assert card(page, kept).locator("select[name=stage] option:checked").inner_text() == (
            "New request"
        )
        kept.refresh_from_db()
        assert (kept.status, kept.stage.name) == (DealStatus.OPEN, "New request")

        # The select and Move button ask the same question before posting.
        card(page, kept).locator("select[name=stage]").select_option(label="Lost")
        card(page, kept).get_by_role("button", name="Move").click()
        dialog.get_by_label("Why was it lost?").select_option(label="Price too high")
        dialog.get_by_label("Comment").fill("Half the budget")
        dialog.get_by_role("button", name="Mark as lost").click()
        page.wait_for_url("**/admin/sales/board/*/")
        page.locator(".messages .success", has_text="Moved to “Lost”").wait_for()
    won.refresh_from_db()
    assert (won.status, won.amount, won.stage.name) == (DealStatus.WON, Decimal("1500000"), "Paid")
    kept.refresh_from_db()
    assert (kept.status, kept.lost_reason.name, kept.lost_comment) == (
        DealStatus.LOST,
        "Price too high",
        "Half the budget",
    )


def touch_drag(page, points, *, hold_ms=400):
    """A finger pressed on the first point, held (a long press picks a card up), moved through
    the others and lifted."""
    cdp = page.context.new_cdp_session(page)

    def send(kind, x=None, y=None):
        touch = [] if x is None else [{"x": x, "y": y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch})

    send("touchStart", *points[0])
    page.wait_for_timeout(hold_ms)
    (x0, y0) = points[0]
    for x, y in points[1:]:
        for step in range(1, 9):
            send("touchMove", x0 + (x - x0) * step / 8, y0 + (y - y0) * step / 8)
            page.wait_for_timeout(16)
        x0, y0 = x, y
    page.wait_for_timeout(100)
    send("touchEnd")


def test_a_finger_moves_a_card_on_a_phone(browser, live_server, seller, pipeline):
    deal = open_deal(pipeline, seller, "Delivery tracking")
    with signed_in(browser, live_server, seller, **PHONE) as page:
        page.goto(live_server.url + f"/admin/sales/board/{pipeline.pk}/")
        assert_page_does_not_scroll_sideways(page)
        assert_stage_names_fit(page)
        box = card(page, deal).locator("h3").bounding_box()
        start = (box["x"] + box["width"] - 10, box["y"] + box["height"] / 2)
        target = column(page, "Qualified").locator("[data-cards]").bounding_box()
        assert target["x"] < 390 < target["x"] + target["width"]  # half on screen
        drop = (target["x"] + 16, target["y"] + 60)
        touch_drag(page, [start, (start[0] + 40, start[1] + 20), drop])
        page.locator(".messages .success", has_text="Moved to “Qualified”").wait_for()
        assert column(page, "Qualified").locator(f".vt-card[data-deal='{deal.pk}']").count() == 1
        expect(column(page, "Qualified").locator(".vt-count")).to_have_text("1")

        # The select and Move button work on the phone too.
        card(page, deal).locator("select[name=stage]").select_option(label="Meeting / diagnostics")
        card(page, deal).get_by_role("button", name="Move").click()
        page.locator(".messages .success", has_text="Moved to “Meeting / diagnostics”").wait_for()
    deal.refresh_from_db()
    assert deal.stage.name == "Meeting / diagnostics"


def test_the_move_button_works_without_javascript(browser, live_server, seller, pipeline):
    deal = open_deal(pipeline, seller, "Corporate site")
    with signed_in(browser, live_server, seller, java_script_enabled=False, **DESKTOP) as page:
        page.goto(live_server.url + f"/admin/sales/board/{pipeline.pk}/")
        assert_page_does_not_scroll_sideways(page)
        card(page, deal).locator("select[name=stage]").select_option(label="Contract negotiation")
        card(page, deal).get_by_role("button", name="Move").click()
        page.wait_for_load_state()
        assert (
            column(page, "Contract negotiation").locator(f".vt-card[data-deal='{deal.pk}']").count()
            == 1
        )
    deal.refresh_from_db()
    assert deal.stage.name == "Contract negotiation"


def test_a_card_given_to_someone_else_meanwhile_goes_back_with_the_reason(
    browser, live_server, seller, pipeline
):
    """The server answers 404 in JSON (the deal is no longer the seller's): the card returns to
    its column and the reason shows."""
    deal = open_deal(pipeline, seller, "Loyalty app")
    other = User.objects.create_user("pavel", "pavel@example.com", "secret-pass-2")
    with signed_in(browser, live_server, seller, **DESKTOP) as page:
        page.goto(live_server.url + f"/admin/sales/board/{pipeline.pk}/")
        Deal.objects.filter(pk=deal.pk).update(owner=other)
        target = column(page, "Qualified").locator("[data-cards]")

        def onto():
            box = target.bounding_box()
            return box["x"] + box["width"] / 2, box["y"] + 40

        drag(page, card(page, deal), onto, steps=3).mouse.up()
        page.locator(".messages .error", has_text="reload the board").wait_for()
        assert column(page, "New request").locator(f".vt-card[data-deal='{deal.pk}']").count()
        assert target.locator(f".vt-card[data-deal='{deal.pk}']").count() == 0
    assert Deal.objects.get(pk=deal.pk).stage.name == "New request"
