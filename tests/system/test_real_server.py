"""A real `facilitator run` process with real socket.io clients over websockets."""
import json
import subprocess
import sys

import requests

from tests.support import ROOT, LiveClient, wait_for


def test_the_cli_creates_an_event_the_running_server_sees(server):
    created = server.create_event("Park users' gathering")
    assert set(created) >= {"code", "join_url"}
    assert created["join_url"].endswith(f"/j/{created['code']}")
    assert "localhost" not in created["join_url"]
    page = requests.get(f"{server.url}/j/{created['code']}", timeout=5)
    assert page.status_code == 200 and "Park users" in page.text


def test_people_joining_appear_live_on_the_screen_and_the_console(server):
    code = server.create_event()["code"]
    screen = LiveClient(server.url, server.screen_auth(code)).connect()
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    assert console.call("console.watch", {"event": code})["ok"]
    phones = []
    for name in ("Amara", "Bao", None, "Chidi"):
        token = server.join(code, name)
        phones.append(LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect())
    wait_for(lambda: len({p["id"] for p in screen.events("roster.person") if p["online"]}) == 4, message="four arrivals")
    labels = {p["label"] for p in screen.events("roster.person")}
    assert labels == {"Amara", "Bao", "Anonymous", "Chidi"}
    wait_for(lambda: len(console.events("roster.person")) >= 4, message="console roster")
    assert all(p.snapshots and p.snapshots[0]["activity"]["kind"] == "welcome" for p in phones)
    for client in (screen, console, *phones):
        client.close()


def test_a_phone_that_reconnects_is_the_same_person_with_no_duplicate(server):
    code = server.create_event()["code"]
    token = server.join(code, "Amara")
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    phone = LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect()
    first_id = phone.snapshots[0]["me"]["id"]
    phone.close()
    again = LiveClient(server.url, {"role": "participant", "event": code, "token": token}).connect()
    assert again.snapshots[0]["me"]["id"] == first_id
    roster = console.call("console.watch", {"event": code})["snapshot"]["roster"]
    assert [p["label"] for p in roster] == ["Amara"]
    wait_for(lambda: console.call("console.watch", {"event": code})["snapshot"]["online"] == 1, message="one online")
    again.close()
    console.close()


def test_the_facilitator_moves_the_agenda_and_every_real_phone_follows(server):
    code = server.create_event()["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    phones = [
        LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, f"P{i}")}).connect()
        for i in range(5)
    ]
    assert console.call("agenda.add", {"event": code, "kind": "welcome", "title": "After the break"})["ok"]
    assert console.call("agenda.next", {"event": code})["ok"]
    for phone in phones:
        wait_for(
            lambda: any(p.get("activity", {}) and p["activity"]["title"] == "After the break" for p in phone.events("patch")),
            message="phone follows the agenda",
        )
    for client in (console, *phones):
        client.close()


def test_run_prints_the_console_link_and_join_links_with_a_terminal_qr(server):
    server.create_event("Printed event")
    server.stop()
    server.output.clear()
    server.start()
    out = "".join(server.output)
    assert "/console#key=" in out
    assert server.console_secret in out
    assert "Printed event" in out and "/j/" in out
    assert "█" in out  # the QR code drawn in the terminal


def test_the_console_secret_is_never_in_an_http_log_line(server):
    requests.get(f"{server.url}/console", timeout=5)
    assert server.console_secret not in "".join(server.output).split("keep this link private")[-1].split("\n", 2)[-1]


def test_event_create_refuses_an_empty_title_with_a_clear_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", "event", "create", "--title", " ", "--data-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode != 0 and "title" in done.stderr


def test_event_list_prints_json(tmp_path):
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "facilitator", *a, "--data-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert run("event", "create", "--title", "Alpha").returncode == 0
    listed = json.loads(run("event", "list", "--json").stdout)
    assert [e["title"] for e in listed] == ["Alpha"]
