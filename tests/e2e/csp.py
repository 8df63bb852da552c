"""Content-Security-Policy violations seen by the browser tests."""

CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__vitrinaCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
    + ` (${event.sourceFile || "-"}:${event.lineNumber})`
  );
});
"""


def watch_csp(context) -> list[str]:
    """Collects every Content-Security-Policy violation in the pages and frames of ``context``:
    the documents' ``securitypolicyviolation`` events and the browser's console reports."""
    violations: list[str] = []
    context.expose_binding("__vitrinaCspViolation", lambda source, text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    context.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    return violations
