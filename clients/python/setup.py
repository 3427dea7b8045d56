"""Build hook: the gRPC stubs are generated from schema/ while the package builds.

Nothing generated is committed; `pip install clients/python` (or `pip wheel`)
runs grpcio-tools' protoc on the repository's schema/ folder and puts the
modules in outreach_client/_generated inside the build.
"""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (the generator sits next to this file)


class BuildWithGeneratedStubs(build_py):
    """Builds the package, then generates the stubs into the build folder."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "outreach_client" / "_generated"
        generate.generate(generate.schema_folder(), target)


setup(cmdclass={"build_py": BuildWithGeneratedStubs}, py_modules=[])
