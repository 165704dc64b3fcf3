"""Carries templates/ and participant_ui/ into the wheel as facilitator/_assets.

They sit beside the package in the source tree (the project layout), so a
plain `pip install .` would leave them out; this build step copies them in.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithAssets(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return  # an editable install finds them beside the package
        target = Path(self.build_lib) / "facilitator" / "_assets"
        for name in ("templates", "participant_ui"):
            shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithAssets})
