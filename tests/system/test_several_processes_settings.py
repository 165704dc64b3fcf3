"""Several server processes: what cannot work is refused at start, and what they share is shared.

The refusals run `facilitator run` as an administrator would; the shared
limits and leases use two cluster objects on one Redis, as two processes would.
"""
import subprocess
import sys

import pytest

from facilitator.settings import Settings, StartupError
from tests.cluster_support import PostgresSchema, Redis
from tests.support import ROOT, free_port


def run(tmp_path, env: dict) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "facilitator", "run", "--no-browser", "--host", "127.0.0.1", "--port", str(free_port()),
         "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, capture_output=True, text=True, timeout=60, env={**os.environ, **env},
    )


def one_sentence(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = Redis(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def pg_schema():
    schema = PostgresSchema()
    yield schema
    schema.drop()


def test_several_processes_on_one_sqlite_file_are_refused_with_a_sentence(tmp_path, redis_server):
    line = one_sentence(run(tmp_path, {"FACILITATOR_MESSAGE_QUEUE": redis_server.url}))
    assert "cannot share one SQLite file" in line and "FACILITATOR_DATABASE_URL" in line


def test_a_message_queue_that_cannot_be_reached_is_refused_with_a_sentence(tmp_path, pg_schema):
    nobody = f"redis://127.0.0.1:{free_port()}/0"
    line = one_sentence(run(tmp_path, {"FACILITATOR_MESSAGE_QUEUE": nobody, "FACILITATOR_DATABASE_URL": pg_schema.url}))
    assert f"The message queue at {nobody} cannot be reached" in line and "FACILITATOR_MESSAGE_QUEUE" in line


def test_a_message_queue_that_is_not_redis_is_refused(tmp_path, pg_schema):
    line = one_sentence(run(tmp_path, {"FACILITATOR_MESSAGE_QUEUE": "amqp://guest:secret@host//",
                                       "FACILITATOR_DATABASE_URL": pg_schema.url}))
    assert "must be a Redis URL" in line and "secret" not in line


def test_several_processes_never_migrate_the_database_themselves(tmp_path, redis_server, pg_schema):
    line = one_sentence(run(tmp_path, {"FACILITATOR_MESSAGE_QUEUE": redis_server.url, "FACILITATOR_DATABASE_URL": pg_schema.url}))
    assert "run `facilitator db upgrade` once" in line
    import sqlalchemy as sa

    engine = pg_schema.engine()
    try:
        assert sa.inspect(engine).get_table_names() == []  # untouched
    finally:
        engine.dispose()


def test_the_laptop_default_loads_nothing_of_the_several_processes_code(tmp_path):
    probe = (
        "import sys; from pathlib import Path; from facilitator import create_app; from facilitator.settings import Settings; "
        f"app = create_app(Settings(data_dir=Path({str(tmp_path / 'data')!r}), async_mode='threading')); "
        "print(type(app.extensions['facilitator'].cluster).__name__, 'facilitator.delivery.redis_cluster' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["Cluster", "False"], done.stderr


def _two_processes(url):
    from facilitator.delivery.redis_cluster import RedisCluster

    return RedisCluster.connect(url), RedisCluster.connect(url)


def test_a_limit_spent_on_one_process_is_spent_on_the_others(redis_server):
    redis_server.client().flushall()
    a, b = _two_processes(redis_server.url)
    on_a = a.limiter("post", rate=0.001, burst=5, message="slow down")
    on_b = b.limiter("post", rate=0.001, burst=5, message="slow down")
    assert [on_a.allow(("participant", 7)) for _ in range(3)] == [True] * 3
    assert [on_b.allow(("participant", 7)) for _ in range(3)] == [True, True, False]
    assert not on_a.would_allow(("participant", 7))
    assert on_b.would_allow(("participant", 8))  # someone else's allowance is theirs


def test_a_background_job_runs_on_one_process_only(redis_server):
    redis_server.client().flushall()
    a, b = _two_processes(redis_server.url)
    assert [a.once("retention-purge", 60), b.once("retention-purge", 60), a.once("retention-purge", 60)] == [True, False, False]


def test_limits_fall_back_to_this_process_while_redis_is_away(tmp_path):
    server = Redis(tmp_path / "redis").start()
    a, _ = _two_processes(server.url)
    limiter = a.limiter("post", rate=0.001, burst=2, message="slow down")
    server.stop()
    assert [limiter.allow("key"), limiter.allow("key"), limiter.allow("key")] == [True, True, False]
    assert not a.healthy
    assert a.status()["message"].startswith("Live updates between servers interrupted")


def test_a_message_queue_with_a_sqlite_database_is_refused_before_anything_opens(tmp_path):
    from facilitator import make_cluster

    with pytest.raises(StartupError, match="cannot share one SQLite file"):
        make_cluster(Settings(data_dir=tmp_path, message_queue="redis://127.0.0.1:1/0"))


def test_under_eventlet_postgresql_answers_are_awaited_without_stopping_every_phone():
    """psycopg's C wait would hold eventlet's loop for each query (joins took 15 s through nginx)."""
    probe = ("import sys; from facilitator import cli; cli._monkey_patch_early(['facilitator', 'run']); "
             "import psycopg.waiting as w; print(w.wait.__name__)")
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("PSYCOPG_WAIT_FUNC", "FACILITATOR_ASYNC_MODE")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert done.stdout.strip() == "wait_select", done.stderr


def test_two_upgrades_started_together_on_postgresql_take_turns(pg_schema):
    """Two machines' deploy scripts running `facilitator db upgrade` at once: one creates, the other finds it done."""
    import threading

    import sqlalchemy as sa

    from facilitator import schema

    engines = [sa.create_engine(pg_schema.url), sa.create_engine(pg_schema.url)]
    found, errors = [], []
    start = threading.Barrier(2)

    def upgrade(engine):
        start.wait()
        try:
            found.append(schema.upgrade(engine).has_tables)
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors.append(repr(exc))

    threads = [threading.Thread(target=upgrade, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert errors == []
        assert sorted(found) == [False, True]  # one found it empty and made it, the other found it made
        assert schema.state(engines[0]).up_to_date
    finally:
        for e in engines:
            e.dispose()
