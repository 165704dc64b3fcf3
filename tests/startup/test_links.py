"""What `facilitator run` and `facilitator event create` print and open: links built from
--public-url or FACILITATOR_PUBLIC_URL, or the address the running server printed."""
import json

import pytest
from click.testing import CliRunner

from facilitator import netinfo
from facilitator.cli import cli
from facilitator.delivery import export_actions as export_handlers, socketio

LAN = "192.168.1.20"


@pytest.fixture
def started(monkeypatch):
    """`facilitator run` up to the point where it would serve; returns what it would have done."""
    calls = {"served": [], "opened": []}
    monkeypatch.delenv("FACILITATOR_PUBLIC_URL", raising=False)
    monkeypatch.delenv("FACILITATOR_LOOP_WATCH_MS", raising=False)
    monkeypatch.setenv("FACILITATOR_ASYNC_MODE", "threading")  # this process is not monkey-patched
    monkeypatch.setattr(netinfo, "lan_address", lambda: LAN)
    monkeypatch.setattr(socketio, "run", lambda app, **kw: calls["served"].append(kw))
    monkeypatch.setattr(export_handlers, "start_retention_task", lambda app: None)
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: calls["opened"].append(url) or True)
    return calls


def _cli(*args, env=None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _run(data_dir, *args, env=None):
    return _cli("run", "--async-mode", "threading", "--data-dir", str(data_dir), *args, env=env)


def _create(data_dir, *args, env=None) -> dict:
    out = _cli("event", "create", "--title", "Spring gathering", "--json", "--data-dir", str(data_dir), *args, env=env)
    return json.loads(out)


def test_run_opens_the_console_in_the_browser(started, tmp_path):
    _run(tmp_path, "--port", "9123")
    secret = (tmp_path / "console.key").read_text().strip()
    assert started["opened"] == [f"http://127.0.0.1:9123/console#key={secret}"]
    assert started["served"] and started["served"][0]["port"] == 9123


def test_run_with_no_browser_opens_nothing(started, tmp_path):
    _run(tmp_path, "--no-browser")
    assert started["opened"] == [] and started["served"]


def test_run_prints_links_on_the_lan_address(started, tmp_path):
    _create(tmp_path)
    out = _run(tmp_path, "--no-browser", "--port", "9123")
    assert f"http://{LAN}:9123/console#key=" in out
    assert f"http://{LAN}:9123/j/" in out
    assert "localhost" not in out and "127.0.0.1" not in out


def test_run_builds_every_link_from_the_public_url_setting(started, tmp_path):
    code = _create(tmp_path)["code"]
    out = _run(tmp_path, "--no-browser", env={"FACILITATOR_PUBLIC_URL": "https://cafe.example.org/"})
    assert "https://cafe.example.org/console#key=" in out
    assert f"https://cafe.example.org/j/{code}" in out
    assert LAN not in out
    assert (tmp_path / "base_url").read_text().strip() == "https://cafe.example.org"


def test_the_public_url_option_wins_over_the_setting(started, tmp_path):
    _create(tmp_path)
    out = _run(tmp_path, "--no-browser", "--public-url", "https://option.example.org",
               env={"FACILITATOR_PUBLIC_URL": "https://setting.example.org"})
    assert "https://option.example.org/j/" in out and "setting.example.org" not in out


def test_event_create_prints_the_address_the_running_server_printed(started, tmp_path):
    _run(tmp_path, "--no-browser", "--port", "9123")
    assert (tmp_path / "base_url").read_text().strip() == f"http://{LAN}:9123"
    created = _create(tmp_path)
    assert created["join_url"] == f"http://{LAN}:9123/j/{created['code']}"


def test_event_create_follows_a_server_behind_a_proxy(started, tmp_path):
    _run(tmp_path, "--no-browser", "--public-url", "https://cafe.example.org")
    created = _create(tmp_path)
    assert created["join_url"] == f"https://cafe.example.org/j/{created['code']}"


def test_options_given_to_event_create_win_over_the_running_server(started, tmp_path):
    _run(tmp_path, "--no-browser", "--port", "9123")
    assert _create(tmp_path, "--port", "8181")["join_url"].startswith(f"http://{LAN}:8181/j/")
    assert _create(tmp_path, "--public-url", "https://other.example.org/")["join_url"].startswith(
        "https://other.example.org/j/"
    )


def test_event_create_honours_the_public_url_setting(started, tmp_path):
    created = _create(tmp_path, env={"FACILITATOR_PUBLIC_URL": "https://cafe.example.org"})
    assert created["join_url"] == f"https://cafe.example.org/j/{created['code']}"


def test_before_any_run_event_create_uses_the_lan_address_and_port_8080(started, tmp_path):
    created = _create(tmp_path)
    assert created["join_url"] == f"http://{LAN}:8080/j/{created['code']}"
