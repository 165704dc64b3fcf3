"""`pip install .` (not only an editable install) gives a working `facilitator run`."""
import subprocess
import sys
import zipfile

import requests

from tests.support import ROOT, ServerProcess


def test_the_wheel_carries_the_pages_and_serves_them(tmp_path):
    wheels = tmp_path / "wheels"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    wheel = next(wheels.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "facilitator/_assets/templates/phone.html",
        "facilitator/_assets/participant_ui/phone.js",
        "facilitator/_assets/participant_ui/vendor/socket.io-4.8.4.min.js",
        "facilitator/_assets/participant_ui/css/app.css",
    ):
        assert needed in names, needed
    # Run the installed copy from somewhere else, so the source tree cannot help it.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    server = ServerProcess(tmp_path / "data", env={"PYTHONPATH": str(site)}, cwd=tmp_path)
    server.start()
    try:
        assert requests.get(f"{server.url}/", timeout=5).status_code == 200
        assert requests.get(f"{server.url}/ui/phone.js", timeout=5).status_code == 200
        code = server.create_event()["code"]
        assert requests.get(f"{server.url}/e/{code}/screen", timeout=5).status_code == 200
        probe = subprocess.run(
            [sys.executable, "-c", "import facilitator; print(facilitator.asset_dir('templates'))"],
            cwd=tmp_path, env={**server.env, "PATH": ""}, capture_output=True, text=True, timeout=60,
        )
        assert str(site) in probe.stdout, probe.stdout + probe.stderr
    finally:
        server.stop()
