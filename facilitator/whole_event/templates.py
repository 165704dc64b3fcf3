"""Agenda templates: ready agendas a facilitator starts an event from.

Built-in templates are plain JSON files in ``facilitator/agenda_templates``;
templates a facilitator saves from an event go to ``<data dir>/agenda_templates``.
A template is ``{"name", "description", "agreement_text"?, "agenda": [{"kind", "title"?, "config"?}]}``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator import bounded_json
from facilitator.core.models import Event
from facilitator.core.kinds import kind_of
from facilitator.core.errors import DomainError, NotFound
from facilitator.i18n import N_
from facilitator.core.text import clean

BUILT_IN = Path(__file__).resolve().parent.parent / "agenda_templates"
DEFAULT = "community-gathering"
NAME_MAX = 80


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    agenda: list[dict[str, Any]]
    built_in: bool
    # Applied when the facilitator leaves the event's agreement empty.
    agreement_text: str = ""

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "built_in": self.built_in,
            "activities": [item.get("title") or kind_of(item["kind"]).label for item in self.agenda],
        }


def _load(path: Path, built_in: bool) -> Template:
    try:
        data = bounded_json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DomainError(N_("The template {name} cannot be read: {problem}"), name=path.name, problem=str(exc)) from None
    return parse(path.stem, data, built_in=built_in)


def parse(template_id: str, data: Any, *, built_in: bool = False) -> Template:
    """A checked template: every activity of a known kind with valid settings."""
    if not isinstance(data, dict) or not isinstance(data.get("agenda"), list) or not data["agenda"]:
        raise DomainError(N_("The template {name} has no agenda."), name=template_id)
    agenda = []
    for item in data["agenda"]:
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str):
            raise DomainError(N_("The template {name} has an activity without a kind."), name=template_id)
        kind = kind_of(item["kind"])
        entry = {"kind": kind.name, "config": kind.validate_config(dict(item.get("config") or {}))}
        if item.get("title"):
            entry["title"] = clean(str(item["title"]))[:200]
        agenda.append(entry)
    return Template(
        id=template_id,
        name=clean(str(data.get("name") or template_id))[:NAME_MAX],
        description=clean(str(data.get("description") or ""))[:500],
        agenda=agenda,
        built_in=built_in,
        agreement_text=clean(str(data.get("agreement_text") or ""), multiline=True)[:4000],
    )


def saved_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "agenda_templates"


def all_templates(data_dir: Path | None = None) -> list[Template]:
    """Built-in templates first (the default first of all), then saved ones by name."""
    built = sorted((_load(p, True) for p in BUILT_IN.glob("*.json")), key=lambda t: (t.id != DEFAULT, t.id == "blank", t.name))
    saved: list[Template] = []
    if data_dir is not None and saved_dir(data_dir).is_dir():
        for path in sorted(saved_dir(data_dir).glob("*.json")):
            try:
                saved.append(_load(path, False))
            except DomainError:
                continue  # a hand-edited file that no longer loads is left out, not fatal
    return built + sorted(saved, key=lambda t: t.name.lower())


def get(template_id: str, data_dir: Path | None = None) -> Template:
    for template in all_templates(data_dir):
        if template.id == template_id:
            return template
    raise NotFound(N_("There is no agenda template called {name}."), name=repr(template_id))


def save_from_event(event: Event, name: str, data_dir: Path) -> Template:
    """Keep this event's agenda (kinds, titles, settings) as a template for next time."""
    name = clean(name or "")
    if not name or len(name) > NAME_MAX:
        raise DomainError(N_("Give the template a name of at most {limit} characters."), limit=NAME_MAX)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "template"
    built_in_ids = {p.stem for p in BUILT_IN.glob("*.json")}
    if slug in built_in_ids:
        slug = f"{slug}-saved"
    data = {
        "name": name,
        "description": f"Saved from the event “{event.title}”.",
        "agenda": [{"kind": a.kind, "title": a.title, "config": a.config} for a in event.activities],
    }
    if event.agreement_text:
        data["agreement_text"] = event.agreement_text
    template = parse(slug, data)
    folder = saved_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{slug}.json.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(folder / f"{slug}.json")
    return template
