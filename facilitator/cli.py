"""The `facilitator` command: run the server, prepare events, export, import, back up and check."""
from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime
from pathlib import Path

import click

from facilitator import __version__, logs, off_loop
# Plain Python (no sockets, threads or SQL): safe before `run` patches for its async mode.
from facilitator.core import codes
from facilitator.core.errors import DomainError
from facilitator.settings import ASYNC_MODES, DEFAULT_ASYNC_MODE, Settings, StartupError, check_async_mode, write_secret

log = logging.getLogger("facilitator")

ENVIRONMENT_HELP = """\b
Settings from the environment (an option given on the command line wins):
  FACILITATOR_DATA_DIR       where events are kept (--data-dir)
  FACILITATOR_DATABASE_URL   a database instead of the data folder's SQLite file,
                             e.g. postgresql+psycopg://user@host/db (needs [postgres])
  FACILITATOR_ASYNC_MODE     eventlet (default), gevent (needs [gevent]) or threading
  FACILITATOR_PUBLIC_URL     the address phones use behind a proxy (--public-url)
  FACILITATOR_TRUSTED_PROXY  the proxy's address, whose X-Forwarded-For is believed
  FACILITATOR_MESSAGE_QUEUE  redis:// URL shared by several server processes
                             (needs [redis] and PostgreSQL; docs/deploy.md)
  FACILITATOR_HEARTBEAT_SECONDS, FACILITATOR_LEASE_SECONDS
                             with several processes: how often each says it is
                             alive (2), and after how long a silent one is taken
                             for dead and its connections let go (10)
  FACILITATOR_LOOP_WATCH_MS  print where the server was when it stalled this long
"""


def _monkey_patch_early(argv: list[str]) -> None:
    """eventlet and gevent must patch the standard library before anything else imports it."""
    if len(argv) < 2 or argv[1] != "run":
        return
    mode = os.environ.get("FACILITATOR_ASYNC_MODE")
    for i, arg in enumerate(argv):
        if arg == "--async-mode" and i + 1 < len(argv):
            mode = argv[i + 1]
        elif arg.startswith("--async-mode="):
            mode = arg.split("=", 1)[1]
    mode = mode or DEFAULT_ASYNC_MODE
    check_async_mode(mode)
    if mode == "eventlet":
        # Only the chosen async library is imported, and before anything else: it patches the standard library.
        import eventlet

        eventlet.monkey_patch()
        # psycopg waits for PostgreSQL's answers in C (wait_c), which eventlet
        # cannot switch away from: every query would stop every phone until
        # PostgreSQL answered (at 100 joins a second through nginx, joins took
        # 15 s). select() is green once patched; psycopg detects this itself
        # only for gevent. Read when psycopg is first imported, i.e. later.
        os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")
    elif mode == "gevent":
        # As above: imported only when chosen, before the rest.
        from gevent import monkey

        monkey.patch_all()


def main() -> None:
    # Everything this program writes (the database, keys, logs, exports,
    # backups) holds names or secrets: readable by its owner only.
    os.umask(0o077)
    logs.quiet_third_party_warnings()
    try:
        _monkey_patch_early(sys.argv)
    except StartupError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except ImportError as exc:
        click.echo(f"Error: the async library does not load ({exc}): run `facilitator doctor`.", err=True)
        sys.exit(2)
    cli(prog_name="facilitator")


class SetupProblem(click.ClickException):
    """A setting or the machine stops the command: one sentence, exit code 2."""

    exit_code = 2


class FacilitatorGroup(click.Group):
    """Turns a start-up problem raised anywhere below into one sentence and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StartupError as exc:
            raise SetupProblem(str(exc)) from None


data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False), default=None,
    help="Where events are kept (default: FACILITATOR_DATA_DIR, else a per-user folder).",
)


@click.group(cls=FacilitatorGroup, epilog=ENVIRONMENT_HELP)
@click.version_option(__version__, "--version", prog_name="facilitator", message="%(prog)s (Circle & Café) %(version)s")
def cli() -> None:
    """Circle & Café: run check-in circles and world cafés from a laptop."""


@cli.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on (all interfaces by default).")
@click.option("--port", default=8080, show_default=True, type=int)
@data_dir_option
@click.option(
    "--public-url", default=None,
    help="The address phones use, for a hosted deployment behind a proxy (default: FACILITATOR_PUBLIC_URL).",
)
@click.option(
    "--async-mode", type=click.Choice(ASYNC_MODES), default=None,
    help=f"Concurrency model (default: FACILITATOR_ASYNC_MODE, else {DEFAULT_ASYNC_MODE}).",
)
@click.option("--tls-cert", type=click.Path(exists=True, dir_okay=False), default=None, help="Serve HTTPS with this certificate.")
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False), default=None, help="The certificate's private key.")
@click.option("--no-browser", is_flag=True, help="Do not open the console in a browser.")
@click.option("--verbose", is_flag=True, help="Show more of what happens (the log file always has it).")
def run(host, port, data_dir, public_url, async_mode, tls_cert, tls_key, no_browser, verbose) -> None:
    """Start the event server and print the console and join links.

    It writes a log in the data folder (logs/facilitator.log) and upgrades
    the database there if it was made by an older release, keeping a copy.
    """
    # The app, its web stack and the browser are loaded only once the async mode is patched in (above).
    import webbrowser

    from facilitator import create_app, datalock
    from facilitator.collector import pace_the_collector
    from facilitator.core import events as events_mod
    from facilitator.delivery import socketio
    from facilitator.delivery.export_actions import start_deleted_events_watch, start_retention_task
    from facilitator.delivery.watchdog import LoopWatch
    from facilitator.netinfo import base_url
    from facilitator.serving import no_delay_options
    from facilitator.web import qr

    if bool(tls_cert) != bool(tls_key):
        raise click.UsageError("--tls-cert and --tls-key go together.")
    _raise_open_file_limit()
    settings = Settings.from_env(
        host=host, port=port, data_dir=data_dir, public_url=public_url, async_mode=async_mode,
        tls_cert=tls_cert, tls_key=tls_key,
    )
    settings.ensure_data_dir()
    # Held until the process ends: one server per data folder, then one per port.
    # Several processes of a hosted deployment (a message queue) share the
    # folder (its keys): each holds its own port's lock and writes its own log.
    shared = bool(settings.message_queue)
    datalock.DataFolderLock(settings.data_dir, port=port if shared else None).acquire()
    datalock.check_port_free(host, port)
    log_file = logs.configure(settings.data_dir, verbose=verbose, name=f"facilitator-{port}.log" if shared else None)
    log.info("Circle & Café %s starting: %s on port %d, data in %s", __version__, settings.async_mode, port, settings.data_dir)
    # settings.public_url is --public-url or else FACILITATOR_PUBLIC_URL.
    settings = settings.with_(base_url=base_url(host=host, port=port, public_url=settings.public_url, tls=bool(tls_cert)))
    app = create_app(settings)
    settings.remember_base_url(settings.base_url)  # `facilitator event create` prints links with it
    svc = app.extensions["facilitator"]
    svc.cluster.start(app)  # who is connected: nobody yet, or (several processes) what the others hold
    start_retention_task(app)  # erases events past their retention date, now and hourly
    start_deleted_events_watch(app)  # lets go of phones of events `facilitator event delete` erased
    with app.app_context():
        with svc.db.read_scope() as s:
            listed = events_mod.list_events(s)
        click.echo(f"Circle & Café is running ({settings.async_mode}, {'HTTPS' if tls_cert else 'plain HTTP on the local network'}).")
        click.echo(f"Data: {settings.data_dir if not settings.database_url else 'the database at FACILITATOR_DATABASE_URL'}")
        click.echo(f"Log: {log_file}")
        click.echo("")
        click.echo("Facilitator console (keep this link private):")
        click.echo(f"  {svc.console_url()}")
        click.echo("")
        if listed:
            click.echo("Join links:")
            for e in listed:
                click.echo(f"  {e['title']} [{e['display_code']}]: {svc.join_url(e['code'])}")
            click.echo("")
            newest = listed[0]
            click.echo(f"Scan to join {newest['title']}:")
            click.echo(qr.text(svc.join_url(newest["code"])))
        else:
            click.echo("No events yet: create one in the console.")
        sys.stdout.flush()
    if not no_browser:
        local = f"{'https' if tls_cert else 'http'}://127.0.0.1:{port}"
        with app.app_context():
            webbrowser.open(f"{local}/console#key={svc.console_secret()}")
    watch_ms = os.environ.get("FACILITATOR_LOOP_WATCH_MS")
    if watch_ms:
        LoopWatch(socketio, float(watch_ms)).start()
    pace_the_collector(socketio)  # short collector passes while phones wait on this loop
    off_loop.hand_back_promptly(settings.async_mode)  # a commit's native thread hands back at once
    log.info("Native threads have the interpreter back within %g ms (its switch interval)", sys.getswitchinterval() * 1000)
    kwargs: dict = {"log_output": False, **no_delay_options(settings.async_mode)}
    if settings.async_mode == "eventlet":
        kwargs["max_size"] = 10_000  # eventlet's default of 1,024 greenthreads caps connections
        if tls_cert:
            kwargs.update(certfile=tls_cert, keyfile=tls_key)
    elif settings.async_mode == "gevent":
        if tls_cert:
            kwargs.update(certfile=tls_cert, keyfile=tls_key)
    else:
        kwargs["allow_unsafe_werkzeug"] = True
        if tls_cert:
            kwargs["ssl_context"] = (tls_cert, tls_key)
    socketio.run(app, host=host, port=port, **kwargs)


def _raise_open_file_limit() -> None:
    """Each phone holds a socket: 2,000 phones need more than the usual 1,024 descriptors."""
    try:
        # Unix only: elsewhere there is no limit to raise.
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = hard if hard != resource.RLIM_INFINITY else 65536
        if soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ImportError, ValueError, OSError):
        pass


def _app(data_dir):
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import create_app

    return create_app(Settings.from_env(data_dir=data_dir))


@cli.group()
def event() -> None:
    """Prepare, list and delete events."""


@event.command("create")
@click.option("--title", required=True)
@click.option("--purpose", default="")
@click.option("--welcome", "welcome_text", default="")
@click.option("--agreement", "agreement_text", default="", help="A group agreement people accept when joining.")
@click.option("--template", default="blank", show_default=True, help="The agenda to start from (see `facilitator event templates`).")
@click.option(
    "--public-url", default=None,
    help="Base address for the printed join link (default: FACILITATOR_PUBLIC_URL, else the one `facilitator run` printed).",
)
@click.option(
    "--port", default=None, type=int,
    help="The port the server will run on, for a join link on this laptop's LAN address (default: as `facilitator run` printed, else 8080).",
)
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def event_create(title, purpose, welcome_text, agreement_text, template, public_url, port, data_dir, as_json) -> None:
    """Create an event ahead of the day; the running server sees it at once."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator.core import events
    from facilitator.whole_event import templates
    from facilitator.netinfo import base_url

    app = _app(data_dir)
    svc = app.extensions["facilitator"]
    settings = svc.settings
    # An option said here wins; then FACILITATOR_PUBLIC_URL; then the address the
    # server printed when it started; then this laptop's LAN address.
    link_base = public_url or (None if port else settings.public_url or settings.remembered_base_url())
    if link_base is None:
        link_base = base_url(host="0.0.0.0", port=port or settings.port, public_url=None, tls=False)
    svc.settings = settings.with_(base_url=link_base.rstrip("/"))
    try:
        with svc.db.session_scope() as s:
            chosen = templates.get(template, svc.settings.data_dir)
            details = events.EventDetails(title, purpose, welcome_text, agreement_text or chosen.agreement_text)
            created = events.create_event(s, details, agenda=chosen.agenda)
            code = created.code
            screen_link = svc.screen_link_path(created)
    except DomainError as exc:
        raise click.ClickException(str(exc))
    with app.app_context():
        join_url = svc.join_url(code)
    if as_json:
        click.echo(json.dumps({
            "code": code, "display_code": codes.display(code), "title": created.title, "join_url": join_url,
            # For scripts that open the big screen themselves; the console shows the same link.
            "screen_link": screen_link,
        }))
    else:
        click.echo(f"Created {created.title} [{codes.display(code)}]")
        click.echo(f"Join link: {join_url}")


@event.command("templates")
@data_dir_option
def event_templates(data_dir) -> None:
    """List the agenda templates events can start from."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator.whole_event import templates

    settings = Settings.from_env(data_dir=data_dir)
    for t in templates.all_templates(settings.data_dir):
        click.echo(f"{t.id}: {t.name}{'' if t.built_in else ' (saved)'} - {', '.join(t.summary()['activities'])}")


@event.command("list")
@data_dir_option
@click.option("--json", "as_json", is_flag=True)
def event_list(data_dir, as_json) -> None:
    """List the events kept here."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator.core import events

    app = _app(data_dir)
    with app.extensions["facilitator"].db.read_scope() as s:
        listed = events.list_events(s)
    if as_json:
        click.echo(json.dumps(listed))
        return
    for e in listed:
        click.echo(f"{e['display_code']}  {e['title']}  ({e['people']} people)")


@event.command("delete")
@click.argument("code")
@data_dir_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def event_delete(code, data_dir, yes) -> None:
    """Erase an event and everything in it, for good."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator.whole_event import erasure
    from facilitator.core import events

    app = _app(data_dir)
    db = app.extensions["facilitator"].db
    try:
        with db.read_scope() as s:
            found = events.get_by_code(s, code)
            title, canonical = found.title, found.code
    except DomainError as exc:
        raise click.ClickException(str(exc))
    if not yes:
        click.confirm(f"Erase {title} [{canonical}] and everything in it? This cannot be undone", abort=True)
    with db.session_scope() as s:
        erasure.delete_event(s, events.get_by_code(s, canonical))
    click.echo(f"Erased {title} [{canonical}].")
    # A running server's reads are short: a few tries, about 50 seconds at most.
    if not db.checkpoint_until_done(attempts=9):
        click.echo(
            "Its text may still be in the database's write-ahead log, held by another program reading it "
            "(a running `facilitator run`?); it leaves the files when that program stops.",
            err=True,
        )


@event.command("retain")
@click.argument("code")
@click.option("--until", "until", default=None, metavar="YYYY-MM-DD", help="Keep the event through this day (UTC), then erase it.")
@click.option("--forever", is_flag=True, help="Keep the event until it is deleted by hand.")
@data_dir_option
def event_retain(code, until, forever, data_dir) -> None:
    """Set how long an event is kept before it is erased automatically."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator.core import events, retention

    if bool(until) == bool(forever):
        raise click.UsageError("Give either --until YYYY-MM-DD or --forever.")
    app = _app(data_dir)
    try:
        with app.extensions["facilitator"].db.session_scope() as s:
            found = events.get_by_code(s, code)
            retention.set_retention(s, found, None if forever else retention.parse_day(until))
            kept, title = retention.kept_through(found), found.title
    except DomainError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{title} is kept through {kept.isoformat()} (UTC) and then erased." if kept else f"{title} is kept until it is deleted.")


@event.command("purge-expired")
@data_dir_option
def event_purge_expired(data_dir) -> None:
    """Erase every event whose retention date has passed."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator.delivery.export_actions import purge_now

    purged = purge_now(_app(data_dir))
    click.echo(f"Erased {len(purged)} event(s) past their retention date" + (f": {', '.join(purged)}." if purged else "."))


@cli.command("export")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "md", "html", "json"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True), default=None, help="The file to write (- for standard output).")
@click.option("--with-names", is_flag=True, help="Name the authors who chose to be named.")
@click.option("--include-hidden", is_flag=True, help="Include cards hidden from the board.")
@data_dir_option
def export_command(code, fmt, out, with_names, include_hidden, data_dir) -> None:
    """Export an event's harvest: cards (CSV), a workbook, a report (Markdown or HTML) or a JSON archive."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import exports
    from facilitator.exports import report_view
    from facilitator.core import events

    app = _app(data_dir)
    try:
        with app.extensions["facilitator"].db.read_scope() as s:
            content, _type, name = exports.render(
                s, events.get_by_code(s, code), fmt, report_view.Options(with_names=with_names, include_hidden=include_hidden)
            )
    except DomainError as exc:
        raise click.ClickException(str(exc))
    if out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    path = out or name
    exports.write_private(path, content)
    click.echo(f"Wrote {path}", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@data_dir_option
def import_command(file, data_dir) -> None:
    """Restore an event from a JSON archive (made with `facilitator export CODE --format json`)."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator.exports import restore
    from facilitator.exports import json_archive

    try:
        doc = json_archive.read(file)  # a file larger than any archive is refused unread
        app = _app(data_dir)
        with app.extensions["facilitator"].db.session_scope() as s:
            restored = restore.restore(s, doc)
    except DomainError as exc:
        raise click.ClickException(str(exc))
    if restored.created:
        click.echo(f"Restored {restored.title} [{codes.display(restored.code)}].")
    else:
        click.echo(f"{restored.title} [{codes.display(restored.code)}] is already here; nothing was changed.")


@cli.group()
def secret() -> None:
    """The facilitator console's secret link."""


@secret.command("rotate")
@data_dir_option
def secret_rotate(data_dir) -> None:
    """Make a new console link; the old one stops working at once."""
    settings = Settings.from_env(data_dir=data_dir)
    settings.ensure_data_dir()
    write_secret(settings.data_dir / "console.key")
    click.echo("A new console link was made. Restart `facilitator run` or see it printed there; the old link no longer works.")



@cli.group()
def db() -> None:
    """The database's schema version (start-up upgrades it by itself)."""


@db.command("current")
@data_dir_option
def db_current(data_dir) -> None:
    """Say which schema revision the database is at, and whether this release would upgrade it."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import schema
    from facilitator.db import Database

    settings = Settings.from_env(data_dir=data_dir)
    database = Database(settings.effective_database_url)
    try:
        click.echo(f"The database is {schema.state(database.engine).describe()}.")
    finally:
        database.dispose()


@db.command("upgrade")
@data_dir_option
def db_upgrade(data_dir) -> None:
    """Upgrade the database to this release's schema now (a copy of a SQLite file is kept first)."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import datalock, schema
    from facilitator.db import Database

    settings = Settings.from_env(data_dir=data_dir)
    settings.ensure_data_dir()
    lock = datalock.DataFolderLock(settings.data_dir).acquire()
    logs.configure(settings.data_dir)
    database = Database(settings.effective_database_url)
    try:
        found = database.upgrade()
    finally:
        database.dispose()
        lock.release()
    if found.up_to_date:
        click.echo(f"The database is already at revision {found.head}; nothing to do.")
    else:
        click.echo(f"The database was {found.describe().split(' (')[0]}; it is now at revision {schema.head()}.")


@db.command("revision", hidden=True)
@click.argument("message")
def db_revision(message) -> None:
    """For developers: write the migration for a change to the models."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import schema

    click.echo(f"Wrote {schema.new_revision(message)}: read it, then commit it with the model change.")


@cli.command("backup")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="The file to write (default: circle-and-cafe-backup-DATE.zip here).")
@data_dir_option
def backup_command(out, data_dir) -> None:
    """Copy the whole data folder into one file, safely, even while the server runs.

    Make one before an event and one after it; `facilitator restore FILE`
    puts it back.
    """
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import backup

    settings = Settings.from_env(data_dir=data_dir)
    path = Path(out or f"circle-and-cafe-backup-{datetime.now():%Y-%m-%d-%H%M}.zip")
    made = backup.make(settings, path)
    click.echo(f"Backed up {made.events} event(s) from {settings.data_dir} to {made.path}.")


@cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@data_dir_option
def restore_command(file, data_dir) -> None:
    """Put a backup made by `facilitator backup` into the data folder (the server must be stopped).

    What the folder held before is kept beside it (facilitator.sqlite3.before-restore-...).
    """
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import backup

    settings = Settings.from_env(data_dir=data_dir)
    restored = backup.restore(settings, Path(file))
    click.echo(f"Restored {restored.events} event(s) from the backup made {restored.made_at} into {settings.data_dir}.")


@cli.command("doctor")
@click.option("--host", default=None, help="The address phones will use (default: this laptop's LAN address).")
@click.option("--port", default=8080, show_default=True, type=int, help="The port the server will listen on.")
@data_dir_option
def doctor_command(host, port, data_dir) -> None:
    """Check what would break an event on the day, and say what to do about each."""
    # Not at the top: importing cli loads nothing before `run` picks its async mode.
    from facilitator import doctor

    settings = Settings.from_env(data_dir=data_dir, port=port)
    checks = doctor.run_checks(settings, host=host)
    marks = {doctor.OK: "ok  ", doctor.WARN: "warn", doctor.FAIL: "FAIL"}
    for check in checks:
        click.echo(f"[{marks[check.status]}] {check.name}: {check.message}")
    failed = [c for c in checks if c.status == doctor.FAIL]
    if failed:
        click.echo(f"{len(failed)} problem(s) would stop an event: fix them, then run `facilitator doctor` again.")
        sys.exit(1)
    click.echo("Ready for the event.")

if __name__ == "__main__":  # pragma: no cover
    main()
