"""A self-contained HTML report: inline CSS, no scripts, prints to PDF; every user text escaped."""
from __future__ import annotations

import functools
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from facilitator import i18n
from facilitator.i18n import N_
from facilitator.settings import asset_dir
from facilitator.exports import consultation_export, text

# Chart geometry (SVG user units).
BAR_MAX = 300
SCALE_TOP = 5
RANKED_MAX = 12  # bars in the dot vote's chart; the list beside it has every theme
LABEL_CHARS = 28  # a name longer than this is cut in a chart (in full in its tooltip and the lists)
CELL = 26  # the pattern grid's cell, square
GRID_LABEL = 190  # the pattern grid's column of theme names
GRID_HEAD = 90  # the pattern grid's row of (slanted) table names


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
    env.filters.update(when=text.when, tag=text.tag, mean=text.mean, change=text.change,
                       strong=lambda value: Markup("<strong>{}</strong>").format(value),
                       em=lambda value: Markup("<em>{}</em>").format(value),
                       auto=lambda value: Markup('<span dir="auto">{}</span>').format(value))
    return env


def _fill(text: str, params: dict[str, Any]) -> str:
    """A translated sentence with its values filled in, each value escaped (autoescape
    escapes a sentence without values; ``Markup`` values, such as ``|strong``, stay markup)."""
    return Markup(escape(text)).format(**params) if params else text


def template_words(code: str) -> dict[str, Callable[..., str]]:
    """``_`` and ``ngettext`` for the report's template, in the language ``code``:
    ``_("Round {round}", round=2)``, ``ngettext("{n} vote", "{n} votes", votes)``."""
    catalogue = i18n.translations(code)

    def gettext(message: str, **params: Any) -> str:
        return _fill(catalogue.gettext(message), params)

    def ngettext(singular: str, plural: str, num: int, /, **params: Any) -> str:
        # ``n`` may come as markup (``n=count | strong``); ``num`` chooses the form.
        return _fill(catalogue.ngettext(singular, plural, num), {"n": num, **params})

    return {"_": gettext, "ngettext": ngettext}


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


def _short(name: str, chars: int = LABEL_CHARS) -> str:
    return name if len(name) <= chars else name[: chars - 1].rstrip() + "…"


def ranking(view: dict) -> list[dict]:
    """Bars for the dot vote's chart: the themes by dots (or, with no theme, the cards that got dots)."""
    if view["themes"]:
        rows = [{"name": t["name"], "votes": t["votes"]} for t in view["themes"]]
    else:
        cards = sorted((c for c in view["cards"] if c["votes"]), key=lambda c: (-c["votes"], c["number"]))
        rows = [{"name": f"{c['number']}. {c['text']}", "votes": c["votes"]} for c in cards]
    rows = rows[:RANKED_MAX]
    top = max((r["votes"] for r in rows), default=0)
    if not top:
        return []
    return [{**r, "short": _short(r["name"]), "width": round(r["votes"] / top * BAR_MAX, 1)} for r in rows]


def pattern_grid(pattern: dict, code: str = i18n.SOURCE) -> dict | None:
    """Geometry for the pattern grid: a row a theme, a column a table, a stripe a round, darker for more cards."""
    tables, rounds = pattern["tables"], pattern["rounds"]
    if not tables or not pattern["themes"]:
        return None
    stripes = max(1, len(rounds))
    most_in_round = max((n for t in pattern["themes"] for c in t["cells"] for n in c["by_round"]), default=0) or 1
    rows = []
    for i, theme in enumerate(pattern["themes"]):
        y = GRID_HEAD + i * CELL
        cells = []
        for j, (table, cell) in enumerate(zip(tables, theme["cells"])):
            x = GRID_LABEL + j * CELL
            shades = [
                {"x": round(x + k * CELL / stripes, 2), "width": round(CELL / stripes, 2),
                 "opacity": round(0.15 + 0.85 * n / most_in_round, 2) if n else 0}
                for k, n in enumerate(cell["by_round"] or [cell["total"]])
            ]
            per_round = ", ".join(i18n.gettext(code, N_("round {round}: {cards}"), round=r, cards=n)
                                  for r, n in zip(rounds, cell["by_round"]))
            cells.append({"x": x, "total": cell["total"], "shades": shades, "table": table["name"], "per_round": per_round})
        rows.append({"y": y, "name": theme["name"], "short": _short(theme["name"], 24), "cells": cells,
                     "tables": theme["tables"], "travelled": theme["travelled"]})
    return {
        "cell": CELL, "label": GRID_LABEL, "head": GRID_HEAD,
        "width": GRID_LABEL + len(tables) * CELL + 70,
        "height": GRID_HEAD + len(rows) * CELL + 10,
        "columns": [{"x": GRID_LABEL + j * CELL + CELL / 2, "name": t["name"], "short": _short(t["name"], 14)}
                    for j, t in enumerate(tables)],
        "rows": rows,
        "rounds": rounds,
    }


def essence_rounds(view: dict) -> list[dict]:
    """The hosts' round cards grouped by café and round, in the order they were written."""
    out: list[dict] = []
    for e in view["essences"]:
        if not out or (out[-1]["activity"], out[-1]["round"]) != (e["activity"], e["round"]):
            out.append({"activity": e["activity"], "round": e["round"], "cards": []})
        out[-1]["cards"].append(e)
    return out


def merged_in(cards: list[dict]) -> dict[int, list[dict]]:
    """The cards merged into each card, by the number of the card they joined."""
    out: dict[int, list[dict]] = {}
    for card in cards:
        if card.get("merged_into") is not None:
            out.setdefault(card["merged_into"], []).append(card)
    return out


def render(view: dict) -> bytes:
    template = _environment().get_template("report.html")
    code = text.language(view)
    by_theme: dict[str, list[dict]] = {}
    # A card merged into another (a duplicate, a host's "+1") is listed under the card it joined.
    joined = merged_in(view["cards"])
    for card in view["cards"]:
        if card.get("merged_into") is None:
            by_theme.setdefault(card["theme"] or "", []).append(card)
    order = [t["name"] for t in view["themes"]] + ([""] if "" in by_theme else [])
    groups = [{"theme": name, "cards": by_theme.get(name, [])} for name in order if by_theme.get(name)]
    return template.render(
        **template_words(code), language=code, direction=i18n.direction(code),
        view=view, chart=chart(view["pulse"]), groups=groups, joined=joined, bar_max=BAR_MAX, ranking=ranking(view),
        grid=pattern_grid(view["pattern"], code), essence_rounds=essence_rounds(view),
        several_cafes=len({e["activity"] for e in view["essences"]}) > 1, counts=consultation_export.COUNTS,
    ).encode("utf-8")
