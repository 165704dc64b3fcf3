"""axe-core in the browser tests: the serious and critical accessibility violations on a page."""
from __future__ import annotations

from pathlib import Path

AXE = (Path(__file__).resolve().parent.parent / "vendor" / "axe-core-4.14.1.min.js").read_text()


def serious_violations(page) -> list[str]:
    """Runs axe on the page as it is; one line per serious or critical violation and element.

    The pages' CSP forbids inline scripts, so axe is evaluated through the
    browser's debugging protocol (which CSP does not govern), not injected.
    """
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE + "\n;0")
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter((v) => v.impact === 'serious' || v.impact === 'critical')"
        ".flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary}`))"
    )
    return results
