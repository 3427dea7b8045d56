"""Generates the Python gRPC stubs of the Outreach schema with grpcio-tools.

    python generate.py [--schema DIR] [--out DIR]

By default it reads ../../schema (or $OUTREACH_SCHEMA_DIR) and writes
outreach_client/_generated, which is ignored by git: the build hook in
setup.py calls the same function for every install.

protoc writes imports by proto package (`from outreach.v1 import …`,
`from grpc.health.v1 import …`); the second would collide with the grpc
library itself, so every such import is rewritten to live under
`outreach_client._generated`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "outreach_client._generated"
_IMPORT = re.compile(r"^(from|import) (outreach|grpc\.health)((?:\.\w+)*)( import |\b)", re.M)


def schema_folder() -> Path:
    """The schema/ folder: $OUTREACH_SCHEMA_DIR or the repository's own."""
    folder = Path(os.environ.get("OUTREACH_SCHEMA_DIR", HERE.parent.parent / "schema"))
    if not folder.is_dir():
        raise SystemExit(f"generate: no schema folder at {folder} (set OUTREACH_SCHEMA_DIR)")
    return folder.resolve()


def generate(schema: Path, out: Path) -> list[Path]:
    """Runs protoc on every .proto file under `schema`, writing into `out`.

    Returns the modules written. Raises SystemExit when protoc fails.
    """
    from grpc_tools import protoc

    protos = sorted(p.relative_to(schema).as_posix() for p in schema.rglob("*.proto"))
    if not protos:
        raise SystemExit(f"generate: no .proto files under {schema}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    include = str(resources.files("grpc_tools") / "_proto")
    arguments = [
        "protoc",
        f"-I{schema}",
        f"-I{include}",
        f"--python_out={out}",
        f"--pyi_out={out}",
        f"--grpc_python_out={out}",
        *protos,
    ]
    if protoc.main(arguments) != 0:
        raise SystemExit(f"generate: protoc failed on {schema}")

    written = sorted(p for p in out.rglob("*") if p.suffix in (".py", ".pyi"))
    for module in written:
        text = module.read_text(encoding="utf-8")
        module.write_text(_IMPORT.sub(_rewrite, text), encoding="utf-8")
    for folder in [out, *(p for p in out.rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return written


def _rewrite(match: re.Match[str]) -> str:
    keyword, root, rest, tail = match.groups()
    return f"{keyword} {PACKAGE}.{root}{rest}{tail}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=HERE / "outreach_client" / "_generated")
    options = parser.parse_args(argv)
    written = generate(options.schema or schema_folder(), options.out)
    print(f"generate: {len(written)} modules in {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
