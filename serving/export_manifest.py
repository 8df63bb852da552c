"""What the static export wrote into its folder, so that a later run deletes the copies of pages
that are no longer public, and never a file the export did not write.

The manifest (``.vitrina-export.json`` in the export folder) maps each page file's URL path to the
page it is a copy of, and lists the static and media files copied for the pages. Runs into one
folder take turns (a lock file next to it): the worker's re-exports after each publish and a
full ``export_site`` never interleave their writes and deletions.
"""

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = ".vitrina-export.json"
LOCK_NAME = ".vitrina-export.lock"


@dataclass
class ExportManifest:
    #: URL path of each page file written (``/cases/x/``, ``/cases/page/2/``) → its page's id.
    pages: dict[str, int] = field(default_factory=dict)
    #: URL paths of the static and media files copied for the pages.
    files: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, target: Path) -> "ExportManifest":
        """The folder's manifest; an empty one if there is none (or it is unreadable)."""
        try:
            data = json.loads((target / MANIFEST_NAME).read_text(encoding="utf-8"))
            pages = {str(path): int(pk) for path, pk in data.get("pages", {}).items()}
            return cls(pages=pages, files={str(path) for path in data.get("files", [])})
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()

    def save(self, target: Path) -> None:
        data = {"pages": dict(sorted(self.pages.items())), "files": sorted(self.files)}
        partial = target / f"{MANIFEST_NAME}.{os.getpid()}"
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(partial, target / MANIFEST_NAME)


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold the folder's export lock (other runs into it wait)."""
    target.mkdir(parents=True, exist_ok=True)
    with open(target / LOCK_NAME, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def delete_files(target: Path, relative_names: Iterable[str]) -> list[str]:
    """Delete these files of the folder and the folders they leave empty; the names deleted.

    A name that would lead out of the folder is ignored.
    """
    root = target.resolve()
    deleted = []
    for name in relative_names:
        path = (root / name).resolve()
        if root not in path.parents or not path.is_file():
            continue
        path.unlink()
        deleted.append(name)
        folder = path.parent
        while folder != root and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return deleted
