"""Which files a build reads, and their bytes: regular files only (a FIFO or a device named is an
error for that file), each at most a bound; a link out of the input directory is not followed
unless asked; directories are walked without recursion into links; every file labelled by its
path under the input it was found in."""
from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_FILE_BYTES = 100 * 2**20
__all__ = ["input_files", "read_limited", "stat_key", "file_kind"]


def file_kind(mode: int) -> str:
    for test, name in ((stat_module.S_ISFIFO, "a FIFO"), (stat_module.S_ISCHR, "a character device"),
                       (stat_module.S_ISBLK, "a block device"), (stat_module.S_ISSOCK, "a socket"),
                       (stat_module.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


def stat_key(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def read_limited(path: str | Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[bytes, list[int] | None]:
    """The bytes of a regular file of at most ``max_bytes``, and its stat key if it did not change
    while read (None if it did); ``InputError`` naming the file otherwise. Opened without blocking,
    so a FIFO is refused rather than waited on; the file is checked after it is opened."""
    name = str(path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    try:
        before = os.fstat(handle)
        if not stat_module.S_ISREG(before.st_mode):
            raise InputError(name, f"not a regular file: it is {file_kind(before.st_mode)}")
        if before.st_size > max_bytes:
            raise InputError(name, f"{before.st_size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-file-mb)")
        chunks, size = [], 0
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:  # it grew while read
                raise InputError(name, f"over the limit of {max_bytes:,} bytes (raise it with --max-file-mb)")
        after = os.fstat(handle)
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    finally:
        os.close(handle)
    return b"".join(chunks), (stat_key(after) if stat_key(after) == stat_key(before) else None)


def input_files(paths: Iterable[str | Path], follow_links: bool = False, statuses: dict | None = None
                ) -> tuple[list[tuple[Path, str]], list[dict], list[dict]]:
    """``(files, skipped, failed)``: each text file under ``paths`` with its label (its path from the
    parent of the input that named it), in a stable order; what was passed over and why; what
    was named and cannot be read. ``statuses``, if given, gets each file's status as the walk read it,
    by its path (absolute and normal): a build compares it with the cache's instead of asking again.

    Directories are walked with a stack, not by recursion (a thousand nested directories raised
    RecursionError). A link to a file or directory outside the input named is skipped unless
    ``follow_links`` (a link to /etc/passwd was read and published); a link inside it is read as
    a file, and a directory reached twice (a loop of links) is walked once. Only regular files
    are read: a FIFO in the input, or /dev/zero named, would hang or read forever.
    """
    found, skipped, failed = [], [], []
    for root in paths:
        # abspath, not resolve: a file is labelled by where it was found
        absolute = os.path.abspath(root)
        label = _labeller(os.path.dirname(absolute))
        try:
            info = os.stat(absolute)
        except OSError as error:
            failed.append({"path": label(absolute), "reason": error.strerror or str(error)})
            continue
        if stat_module.S_ISDIR(info.st_mode):
            files = _walk(absolute, info, label, follow_links, skipped, failed, statuses)
            files.sort(key=_parts)  # as Path sorts them: part by part
            found += [(Path(path), label(path)) for path in files]
        elif stat_module.S_ISREG(info.st_mode):  # named by the user: read even through a link
            found.append((Path(absolute), label(absolute)))
            if statuses is not None:
                statuses[absolute] = info
        else:
            failed.append({"path": label(absolute), "reason": f"not a regular file: it is {file_kind(info.st_mode)}"})
    return found, skipped, failed


def _parts(path: str) -> list[str]:
    return path.split(os.sep)


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``: from the last dot, unless the name starts or ends there."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _labeller(base: str) -> Callable[[str], str]:
    """A file's label: its path from ``base``, the parent of the input that named it. The paths
    are absolute and normal (``os.path.abspath`` of the input, then names joined by ``os.scandir``),
    so the label is what follows ``base``: a ``pathlib`` path made, made absolute and made relative
    for each file cost a rebuild at 30,000 files a tenth of its time."""
    prefix = base.rstrip(os.sep) + os.sep

    def label(path: str) -> str:
        path = os.fspath(path)
        if not path.startswith(prefix):  # not under base: only ever named by abspath
            return Path(os.path.abspath(path)).relative_to(base).as_posix()
        return path[len(prefix):].replace(os.sep, "/")
    return label


def _walk(top: str, info: os.stat_result, label: Callable[[str], str], follow_links: bool,
          skipped: list[dict], failed: list[dict], statuses: dict | None = None) -> list[str]:
    """The regular text files under the directory ``top``, each directory walked once; what is
    passed over goes to ``skipped``, a directory that cannot be listed to ``failed``."""
    from .extract import TEXT_SUFFIXES

    inside = os.path.realpath(top)
    visited = {(info.st_dev, info.st_ino)}
    stack, files = [top], []
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as error:
            failed.append({"path": label(directory), "reason": error.strerror or str(error)})
            continue
        for entry in entries:
            path = entry.path
            wanted = _suffix(entry.name).lower() in TEXT_SUFFIXES
            info = _entry_status(entry, inside, wanted, label, follow_links, skipped)
            if info is None:
                continue
            if stat_module.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) not in visited:
                    visited.add((info.st_dev, info.st_ino))
                    stack.append(path)
            elif wanted:
                if stat_module.S_ISREG(info.st_mode):
                    files.append(path)
                    if statuses is not None:
                        statuses[path] = info
                else:
                    skipped.append({"path": label(path), "reason": f"not a regular file: it is {file_kind(info.st_mode)}"})
    return files


def _entry_status(entry: os.DirEntry, inside: str, wanted: bool, label: Callable[[str], str], follow_links: bool,
                  skipped: list[dict]) -> os.stat_result | None:
    """The status of one entry of a directory, or None where it is passed over: a broken link, a
    link out of the input (unless ``follow_links``), a link to a directory inside the input (its
    files are read where they are). A link to a file inside it is read as that file."""
    path = entry.path
    try:
        if not entry.is_symlink():
            return entry.stat(follow_symlinks=False)
        target = os.path.realpath(path)
        within = target == inside or target.startswith(inside.rstrip(os.sep) + os.sep)
        info = os.stat(path)
        if stat_module.S_ISDIR(info.st_mode) and within and not follow_links:
            return None
        if not within and not follow_links:
            if wanted or stat_module.S_ISDIR(info.st_mode):
                skipped.append({"path": label(path), "reason": f"a link out of the input (to "
                                f"{target}); --follow-links reads it"})
            return None
        return info
    except OSError:
        if wanted:
            skipped.append({"path": label(path), "reason": "a broken link"})
        return None


# ---------------------------------------------------------------- the cache: extractions as JSON
