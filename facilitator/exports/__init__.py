"""Export formats, one module each, all fed by the same report view of an event (the JSON archive by its exact copy).

``render(s, event, fmt, options)`` gives the bytes, the media type and a file
name; the CLI and the console's downloads both go through it.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import Session

from facilitator.exports import exact_copy, report_view
from facilitator.core.errors import DomainError
from facilitator.i18n import N_
from facilitator.core.models import Event
# Imported up front, not at the first download: loading openpyxl takes a few
# hundred milliseconds that would otherwise stall a running event's loop.
from facilitator.exports import csv_export, html_export, json_archive, markdown_export, xlsx_export


@dataclass(frozen=True)
class Format:
    ext: str
    media_type: str
    label: str
    render: Callable[[dict], bytes]


def _formats() -> dict[str, Format]:
    return {
        "csv": Format("csv", "text/csv; charset=utf-8", "Cards (CSV)", csv_export.render),
        "xlsx": Format(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Workbook (Excel)", xlsx_export.render
        ),
        "md": Format("md", "text/markdown; charset=utf-8", "Report (Markdown)", markdown_export.render),
        "html": Format("html", "text/html; charset=utf-8", "Report (HTML, prints to PDF)", html_export.render),
    }


FORMAT_NAMES = ("csv", "xlsx", "md", "html", "json")


def file_name(event: Event, ext: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", event.title.lower()).strip("-")[:40] or "event"
    return f"{slug}-{event.code}.{ext}"


@dataclass(frozen=True)
class Prepared:
    """An export read from the database, not yet written out."""

    data: dict
    media_type: str
    file_name: str
    writer: Callable[[dict], bytes]

    def write(self) -> bytes:
        return self.writer(self.data)


def read(s: Session, event: Event, fmt: str, options: report_view.Options = report_view.Options()) -> Prepared:
    """Everything one format needs from the database, read in the caller's transaction.

    Writing the file is left to :meth:`Prepared.write`, after the transaction
    has ended: no read stays open while a workbook is zipped.
    """
    fmt = {"markdown": "md", "excel": "xlsx"}.get(fmt, fmt)
    if fmt == "json":
        return Prepared(exact_copy.document(s, event), "application/json", file_name(event, "json"), json_archive.write)
    spec = _formats().get(fmt)
    if spec is None:
        raise DomainError(N_("There is no export format {name}: choose one of {formats}."), name=repr(fmt), formats=", ".join(FORMAT_NAMES))
    return Prepared(report_view.build(s, event, options), spec.media_type, file_name(event, spec.ext), spec.render)


def render(s: Session, event: Event, fmt: str, options: report_view.Options = report_view.Options()) -> tuple[bytes, str, str]:
    """(content, media type, file name) of one event in one format."""
    prepared = read(s, event, fmt, options)
    return prepared.write(), prepared.media_type, prepared.file_name


def write_private(path: str | os.PathLike, content: bytes) -> None:
    """Write an export to ``path``, readable by its owner only (0600): exports hold names.

    Written beside it and moved into place, so the file is never readable by
    others for a moment, whatever it was before, and a failed write leaves
    any earlier file whole.
    """
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".export-", dir=folder)  # mkstemp makes it 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
