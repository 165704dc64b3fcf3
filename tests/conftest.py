"""Fixtures: a fresh app and database per test, Socket.IO clients per role,
a real server process, PostgreSQL, and Chromium.

Nothing here skips: a test that needs PostgreSQL or Chromium fails when it is
missing, so a green run means every test ran.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from facilitator import create_app
from facilitator.db import Database
from facilitator.schema import copy_sqlite
from facilitator.settings import Settings

from .circle_support import circle_event
from .factories import make_participant, phone
from .support import LEFT_OPEN, ServerProcess, close_all, free_port  # noqa: F401

# The clients this file's tests opened themselves (tests/support.py's LiveClient).
OPENED_BY_TESTS: set = set()

PG_URL = os.environ.get("FACILITATOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

# The files of real servers and Chromium take seconds a test; the rest, milliseconds.
SLOW_FILES_FIRST = ("tests/browser/", "tests/system/")


def pytest_collection_modifyitems(config, items):
    """The slow files first, the quick ones after (each file's own order kept).

    `make test` hands whole files to two workers in collection order (--dist loadfile, with
    pyproject's --no-loadscope-reorder): the many quick files then fill in at the end, so both
    workers finish together instead of one waiting for a long browser file handed out last.
    """
    items.sort(key=lambda item: 0 if item.nodeid.startswith(SLOW_FILES_FIRST) else 1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Which real socket.io clients the tests themselves open (not their fixtures, which close
    their own)."""
    before = set(LEFT_OPEN)
    yield
    OPENED_BY_TESTS.update(LEFT_OPEN - before)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """When a file's last test ends, a client its tests opened and left open is closed, before
    the file's servers stop: left open, it would reconnect for ever once its server goes (see
    ``LiveClient.close``). Not at each test's end: a test may hand the next one a client it
    opened (a console with a new link, kept in the module's room)."""
    if nextitem is None or nextitem.path != item.path:
        close_all([client for client in OPENED_BY_TESTS if client in LEFT_OPEN])
        OPENED_BY_TESTS.clear()
    yield


def pytest_sessionfinish(session, exitstatus):
    close_all(list(LEFT_OPEN))  # anything a fixture left open, last of all


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test that drove a real server shows that server's log (its last lines) in the report.

    A rare failure of a browser test (a page that stays "Reconnecting…") can only be
    understood from what the server said at the time: the run that shows it is the evidence.
    """
    outcome = yield
    report = outcome.get_result()
    if not report.failed or report.when == "setup" and not call.excinfo:
        return
    funcargs = getattr(item, "funcargs", {}) or {}
    for name, value in funcargs.items():
        procs = value if isinstance(value, tuple) else (value,)
        for proc in procs:
            if not isinstance(proc, ServerProcess):
                continue
            if proc.output:
                report.sections.append((f"server output ({name}, last 200 lines)", "".join(proc.output[-200:])))
            log_file = proc.data_dir / "logs" / "facilitator.log"
            if log_file.exists():
                lines = log_file.read_text(errors="replace").splitlines(keepends=True)
                report.sections.append((f"server log ({name}, last 200 lines)", "".join(lines[-200:])))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        async_mode="threading",
        base_url="http://cafe.test:8080",
        testing=True,
    )


@pytest.fixture(scope="session")
def new_database_file(tmp_path_factory) -> Path:
    """The database create_app makes in an empty data folder (today's tables, stamped at the
    newest revision), made once by create_app itself for the test process."""
    data_dir = tmp_path_factory.mktemp("new-database") / "data"
    made = create_app(Settings(data_dir=data_dir, async_mode="threading", testing=True))
    made.extensions["facilitator"].db.dispose()
    return data_dir / "facilitator.sqlite3"


@pytest.fixture
def app(settings, new_database_file):
    # A copy of that new database rather than making it again: create_app finds it current and
    # leaves it as it is (making it was most of create_app's time, ~50 ms a test). The tests of
    # making and upgrading databases (tests/startup/) call create_app on their own folders.
    if not settings.database_url:
        settings.ensure_data_dir()
        copy_sqlite(new_database_file, settings.data_dir / "facilitator.sqlite3")
        os.chmod(settings.data_dir / "facilitator.sqlite3", new_database_file.stat().st_mode & 0o777)
    app = create_app(settings)
    yield app
    app.extensions["facilitator"].db.dispose()


@pytest.fixture
def services(app):
    return app.extensions["facilitator"]


@pytest.fixture
def db(services) -> Database:
    return services.db


@pytest.fixture
def socket_clients(app):
    """Make Socket.IO test clients; all are disconnected at the end."""
    from facilitator.delivery import socketio

    made = []

    def make(auth=None, http=None):
        client = socketio.test_client(app, auth=auth, flask_test_client=http or app.test_client())
        made.append(client)
        return client

    yield make
    for client in made:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def console(socket_clients, services):
    client = socket_clients({"role": "console", "secret": services.console_secret()})
    assert client.is_connected()
    client.get_received()
    return client


def _pg_database(url: str):
    """A PostgreSQL schema of its own for one test, dropped afterwards."""
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    scoped = f"{url}?options=-csearch_path%3D{schema}"
    return admin, schema, scoped


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A database URL on each backend the toolkit supports."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'param.sqlite3'}"
        return
    import sqlalchemy as sa

    try:
        admin, schema, scoped = _pg_database(PG_URL)
    except sa.exc.OperationalError as exc:  # pragma: no cover - a missing server is a failure
        pytest.fail(f"PostgreSQL is needed at {PG_URL}: {exc}")
    yield scoped
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def store(database_url):
    """A database made new on each backend the toolkit supports (``database_url``: SQLite and PostgreSQL)."""
    db = Database(database_url)
    db.upgrade()
    yield db
    db.dispose()


@pytest.fixture
def server(tmp_path):
    """A real `facilitator run` process on a free port with its own data dir."""
    proc = ServerProcess(tmp_path / "server-data")
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    """One real `facilitator run` process for a whole module, for modules whose tests each make
    their own event and look only at it (a file says so by making its ``server`` this one)."""
    proc = ServerProcess(tmp_path_factory.mktemp("module-server") / "server-data")
    proc.start()
    yield proc
    proc.stop()


# Debian's Chromium is the whole browser, headless: every page is a window, and each window
# opened two pages of browser UI of its own (the address bar's suggestion pop-ups, each in a
# renderer process), about a third of the CPU of opening a test page. Chromium reads only the
# last --disable-features it is given, so Playwright's own list (1.64) is repeated here.
CHROMIUM_FEATURES_OFF = (
    "WebUIOmniboxPopup", "WebUIOmniboxAimPopup",
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying",
    "AimEnabled", "PreconnectToSearch",
)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        pytest.fail(f"Chromium is needed at {chromium}: run `make test` as root or apt-get install chromium.")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                f"--disable-features={','.join(CHROMIUM_FEATURES_OFF)}",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_context(browser):
    """A new phone (its own cookies), 360 px wide."""
    contexts = []

    def make():
        ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def screen_auth(services):
    """What a big screen opened from the console's link sends on connect: the event's code and the link's secret."""
    from facilitator.core import events, screens

    def auth(code: str) -> dict:
        with services.db.read_scope() as s:
            event = events.get_by_code(s, code)
            return {"role": "screen", "event": code, "secret": screens.secret(event, services.links_key())}

    return auth


@pytest.fixture
def room(db, socket_clients, console, screen_auth):
    """A check-in circle with three phones and the console watching.

    ``room(kind=..., config=..., names=...)`` makes another circle kind (a check-out, working
    agreements) the current activity; returns (code, activity id, {name: id}, {name: phone}, screen).
    """

    def make(kind="checkin", config=None, names=("Amara", "Bao", "Chen")):
        code, eid, aid, _ = circle_event(db, names=(), kind=kind, config=config)
        phones, ids = {}, {}
        for name in names:
            pid, token = make_participant(db, code, name)
            ids[name] = pid
            phones[name] = phone(socket_clients, code, token)
        assert console.emit("console.watch", {"event": code}, callback=True)["ok"]
        screen = socket_clients(screen_auth(code))
        return code, aid, ids, phones, screen

    return make


@pytest.fixture(scope="module")
def room_server(tmp_path_factory):
    """A real server for a module's rooms (tests/room_support.py), and its database to build them in."""
    proc = ServerProcess(tmp_path_factory.mktemp("rooms") / "data", async_mode="threading").start()
    database = Database(f"sqlite:///{proc.data_dir / 'facilitator.sqlite3'}")
    yield proc, database
    database.dispose()
    proc.stop()


@pytest.fixture
def room_db(server):
    """The running server's database, to build a room in it with the domain's own functions."""
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    yield db
    db.dispose()


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where the screenshots go: $SCREENSHOTS_DIR to keep them and look, else the test's own folder."""
    return Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
