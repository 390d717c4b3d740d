"""The ``file://`` storage backend: WARC files kept in a local (or mounted) directory.

This is the one-machine default (``NEWSARCHIVER_STORAGE=file://./archive``). It keeps the
promises of :mod:`storage.backends` with plain POSIX means:

- a file is copied to a hidden temporary name in the destination directory, fsynced, read back
  from disk and hashed, and only then hard-linked to its final name. ``os.link`` fails if the
  name exists, so nothing is ever overwritten and no partial file is ever visible; the
  directory is fsynced so the new name survives a power cut.
- the SHA-256 is not kept in a sidecar file: the stored file *is* the record, and a sidecar
  would be a second thing that can go missing or disagree with it. :meth:`FileStore.stat`
  hashes the file instead, which costs one sequential read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from datetime import datetime
from io import BufferedReader
from pathlib import Path
from urllib.parse import unquote, urlsplit

from storage.backends import (
    WARC_MEDIA_TYPE,
    ObjectExistsError,
    StorageError,
    StoredObject,
    object_key,
    validate_key,
    validate_sha256,
)


class FileStore:
    """WARC files under one root directory, at ``{root}/{site}/{YYYY}/{MM}/{DD}/{file}``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.normpath(os.path.abspath(root)))
        self.base_url = self.root.as_uri()

    @classmethod
    def from_url(cls, url: str) -> FileStore:
        """``file:///abs/dir``, or ``file://./rel/dir`` resolved against the current directory."""
        parts = urlsplit(url)
        path = unquote(parts.path)
        if parts.query or parts.fragment:
            raise StorageError(f"invalid storage URL {url!r}: no '?' or '#' allowed")
        if parts.netloc in (".", ".."):
            return cls(Path.cwd() / parts.netloc / path.lstrip("/"))
        if parts.netloc in ("", "localhost") and path.startswith("/"):
            return cls(Path(path))
        raise StorageError(
            f"invalid storage URL {url!r}: use file:///absolute/dir or file://./relative/dir"
        )

    def check(self) -> None:
        """Create the root directory if needed and prove it is writable by writing to it.

        ``os.access`` is not enough: it says yes to root on read-only or immutable directories.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create storage directory {self.root}: {exc.strerror}"
            ) from None
        try:
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".check-"):
                pass
        except OSError as exc:
            raise StorageError(
                f"storage directory {self.root} is not writable: {exc.strerror}"
            ) from None

    def key_for(self, site: str, captured: datetime, file_name: str) -> str:
        """See :func:`storage.backends.object_key`."""
        return object_key(site, captured, file_name)

    def url_for(self, key: str) -> str:
        """``file://`` URL of ``key`` under the root."""
        return (self.root / validate_key(key)).as_uri()

    def store(
        self, path: Path, key: str, sha256: str, *, content_type: str = WARC_MEDIA_TYPE
    ) -> StoredObject:
        """Copy ``path`` to ``key``; verified from disk before its name becomes visible.

        A directory keeps no media type: ``content_type`` is accepted and not recorded.

        An existing object with the same SHA-256 (a retry after a crash) is returned as is;
        one with other content raises :class:`ObjectExistsError`.
        """
        validate_key(key)
        validate_sha256(sha256)
        destination = self.root / key
        url = destination.as_uri()
        if not path.is_file():
            raise StorageError(f"cannot store {path}: not a readable file")
        self._make_directories(destination.parent)
        if destination.exists():
            return self._existing(destination, url, sha256)

        try:
            fd, temporary = tempfile.mkstemp(dir=destination.parent, prefix=".", suffix=".part")
        except OSError as exc:
            raise StorageError(f"cannot write in {destination.parent}: {exc.strerror}") from None
        os.close(fd)
        try:
            try:
                shutil.copyfile(path, temporary)
                _fsync(temporary)
            except OSError as exc:
                raise StorageError(f"cannot copy {path} to {url}: {exc.strerror}") from None
            size = os.stat(temporary).st_size
            actual = _sha256_of(Path(temporary), from_disk=True)
            if actual != sha256:
                raise StorageError(
                    f"{path} does not have sha256 {sha256} (read back {actual}): "
                    "the file changed or is corrupt; nothing stored"
                )
            try:
                os.link(temporary, destination)
            except FileExistsError:
                return self._existing(destination, url, sha256)
            except OSError as exc:
                raise StorageError(f"cannot create {url}: {exc.strerror}") from None
            _fsync(destination.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        return StoredObject(url=url, size=size, sha256=sha256)

    def read_range(self, url: str, offset: int, length: int) -> bytes:
        """Read exactly ``length`` bytes at ``offset``; fewer available is an error."""
        if offset < 0 or length <= 0:
            raise StorageError(f"invalid range offset={offset} length={length} for {url}")
        try:
            data = read_at(_path_of(url), offset, length)
        except FileNotFoundError:
            raise StorageError(f"{url} does not exist") from None
        except OSError as exc:
            raise StorageError(f"cannot read {url}: {exc.strerror}") from None
        if len(data) != length:
            raise StorageError(
                f"{url} holds {len(data)} of the {length} bytes requested at offset {offset}"
            )
        return data

    def open_read(self, url: str) -> BufferedReader:
        """The stored file, opened for reading."""
        path = _path_of(url)
        try:
            return open(path, "rb")
        except FileNotFoundError:
            raise StorageError(f"{url} does not exist") from None
        except OSError as exc:
            raise StorageError(f"cannot read {url}: {exc.strerror}") from None

    def stat(self, url: str) -> StoredObject:
        """Size and SHA-256 of the stored file, computed from its content."""
        with self.open_read(url) as stream:
            size = os.fstat(stream.fileno()).st_size
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
        return StoredObject(url=url, size=size, sha256=digest)

    def delete(self, url: str) -> None:
        """See :meth:`storage.backends.StorageBackend.delete`."""
        try:
            _path_of(url).unlink()
        except FileNotFoundError:
            raise StorageError(f"{url} does not exist") from None
        except OSError as exc:
            raise StorageError(f"cannot delete {url}: {exc.strerror}") from None

    def _existing(self, destination: Path, url: str, sha256: str) -> StoredObject:
        """Accept an existing object only if it holds exactly the expected bytes."""
        actual = _sha256_of(destination)
        if actual != sha256:
            raise ObjectExistsError(
                f"{url} already exists with other content (sha256 {actual}, "
                f"expected {sha256}); not overwritten"
            )
        return StoredObject(url=url, size=destination.stat().st_size, sha256=sha256)

    def _make_directories(self, directory: Path) -> None:
        """Create ``directory`` and missing parents, fsyncing each new entry into its parent."""
        missing: list[Path] = []
        current = directory
        while not current.is_dir():
            missing.append(current)
            current = current.parent
        for new in reversed(missing):
            try:
                new.mkdir()
            except FileExistsError:
                if not new.is_dir():
                    raise StorageError(
                        f"cannot create directory {new}: a file is in the way"
                    ) from None
            except OSError as exc:
                raise StorageError(f"cannot create directory {new}: {exc.strerror}") from None
            _fsync(new.parent)


def _path_of(url: str) -> Path:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or not path.startswith("/"):
        raise StorageError(f"not a file:///absolute/path URL: {url!r}")
    return Path(path)


def _sha256_of(path: Path, *, from_disk: bool = False) -> str:
    """Hash a file; with ``from_disk`` drop its cached pages first so the read hits the disk.

    The point of verifying a fresh copy is to check what the device holds, not what is still in
    the page cache from writing it. The pages are clean after fsync, so dropping them is safe.
    """
    with open(path, "rb") as stream:
        if from_disk and hasattr(os, "posix_fadvise"):
            os.posix_fadvise(stream.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _fsync(path: str | Path) -> None:
    """Flush a file's data, or a directory's entries: a new link is not durable until then."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_at(path: str | Path, offset: int, length: int) -> bytes:
    """Up to ``length`` bytes of the file at ``offset``, read without a buffered file object.

    The article indexer reads thousands of small records: one ``pread`` costs a fraction of
    opening, seeking and closing a Python file each time.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.pread(fd, length, offset)
    finally:
        os.close(fd)
