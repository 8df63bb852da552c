"""What a visitor does to send the request form, shared by the browser tests."""


def send_request_form(visitor, *, name: str, phone: str, thanks_url: str) -> None:
    """Fill name, phone and consent like a person (slower than the form's minimum fill time),
    send, and wait for the thank-you page."""
    form = visitor.locator("form.vt-request-form")
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Phone").fill(phone)
    form.locator("input[name=consent]").check()
    visitor.wait_for_timeout(1200)
    form.get_by_role("button", name="Send the request").click()
    visitor.wait_for_url(thanks_url)
