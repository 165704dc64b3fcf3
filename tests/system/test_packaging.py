"""A release builds: `python -m build` makes an sdist and, from it, a wheel that installs
in a fresh virtual environment and serves every page."""
import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest
import requests

from tests.support import ROOT, ServerProcess

NEEDED_IN_WHEEL = (
    "facilitator/_assets/templates/phone.html",
    "facilitator/_assets/participant_ui/phone.js",
    "facilitator/_assets/participant_ui/vendor/socket.io-4.8.4.min.js",
    "facilitator/_assets/participant_ui/css/app.css",
    "facilitator/migrations/versions/0001_baseline.py",
    "facilitator/agenda_templates/blank.json",
)


def _source_copy(tmp_path):
    """The project as a clean clone has it: tracked and untracked files, nothing git ignores."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    source = tmp_path / "source"
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    return source


def _build(source, out):
    # The default build makes the sdist, then the wheel from the unpacked sdist.
    done = subprocess.run([sys.executable, "-m", "build", "-o", str(out), str(source)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return next(out.glob("*.tar.gz")), next(out.glob("*.whl"))


# Installing the wheel's dependencies in a fresh venv takes a minute on a busy machine.
@pytest.mark.timeout(600)
def test_a_wheel_built_from_the_sdist_installs_in_a_fresh_venv_and_serves_the_pages(tmp_path):
    source = _source_copy(tmp_path)
    sdist, wheel = _build(source, tmp_path / "dist")
    in_sdist = tarfile.open(sdist).getnames()
    assert any(n.endswith("/templates/phone.html") for n in in_sdist)
    assert any(n.endswith("/participant_ui/phone.js") for n in in_sdist)
    assert any(n.endswith("/LICENSE") for n in in_sdist)
    names = zipfile.ZipFile(wheel).namelist()
    for needed in NEEDED_IN_WHEEL:
        assert needed in names, needed

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    installed = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(wheel)], capture_output=True, text=True, timeout=600
    )
    assert installed.returncode == 0, installed.stderr
    version = subprocess.run([str(venv / "bin" / "facilitator"), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.strip().endswith(wheel.name.split("-")[1]), version.stdout + version.stderr

    # Run the installed copy from elsewhere, with its own interpreter, so the source tree cannot help it.
    server = ServerProcess(tmp_path / "data", cwd=tmp_path, python=str(venv / "bin" / "python"))
    server.start()
    try:
        code = server.create_event()["code"]
        for page in ("/", f"/j/{code}", f"/e/{code}/screen", "/console", "/ui/phone.js", "/ui/css/app.css"):
            assert requests.get(f"{server.url}{page}", timeout=5).status_code == 200, page
        assert requests.get(f"{server.url}/e/{code}/qr.png", timeout=5).headers["Content-Type"] == "image/png"
    finally:
        server.stop()


def test_a_file_removed_from_the_pages_is_gone_from_the_next_wheel(tmp_path):
    source = _source_copy(tmp_path)
    _, first = _build(source, tmp_path / "first")
    assert "facilitator/_assets/participant_ui/css/app.css" in zipfile.ZipFile(first).namelist()
    (source / "participant_ui" / "css" / "app.css").unlink()
    _, second = _build(source, tmp_path / "second")
    assert "facilitator/_assets/participant_ui/css/app.css" not in zipfile.ZipFile(second).namelist()
