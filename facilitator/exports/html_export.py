"""A self-contained HTML report: inline CSS, no scripts, prints to PDF; every user text escaped."""
from __future__ import annotations

import functools

from jinja2 import Environment, FileSystemLoader, select_autoescape

from facilitator.settings import asset_dir
from facilitator.exports import text

# Chart geometry (SVG user units).
BAR_MAX = 300
SCALE_TOP = 5


@functools.cache
def _environment() -> Environment:
    """The report's Jinja environment, made once: compiling the template took
    most of an HTML export's time when each download made its own."""
    env = Environment(
        loader=FileSystemLoader(str(asset_dir("templates"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=text.when, tag=text.tag, mean=text.mean, change=text.change)
    return env


def chart(pulse: dict) -> list[dict]:
    """Bars for the before/after chart: one pair a C, widths scaled to 5."""
    rows = []
    for d in pulse["dimensions"]:
        before, after = pulse["checkin"][d["key"]], pulse["checkout"][d["key"]]
        rows.append({
            "label": d["label"],
            "before": before["mean"],
            "after": after["mean"],
            "before_width": round((before["mean"] or 0) / SCALE_TOP * BAR_MAX, 1),
            "after_width": round((after["mean"] or 0) / SCALE_TOP * BAR_MAX, 1),
            "change": pulse["change"][d["key"]],
        })
    return rows


def render(view: dict) -> bytes:
    template = _environment().get_template("report.html")
    by_theme: dict[str, list[dict]] = {}
    for card in view["cards"]:
        by_theme.setdefault(card["theme"] or "", []).append(card)
    order = [t["name"] for t in view["themes"]] + ([""] if "" in by_theme else [])
    groups = [{"theme": name, "cards": by_theme.get(name, [])} for name in order if by_theme.get(name)]
    return template.render(view=view, chart=chart(view["pulse"]), groups=groups, bar_max=BAR_MAX).encode("utf-8")
