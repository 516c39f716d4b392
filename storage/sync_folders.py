"""Is the data directory inside a cloud-sync or network folder? Then SQLite is not safe there.

SQLite's locks and its WAL (shared memory in ``-shm``) only work on a local disk used
by one machine: a sync client copies the database and its WAL separately, at different
moments, and network filesystems do not honour the locks. Detection is by the usual
folder names, by the marker files the clients leave, and by the filesystem type in
``/proc/mounts``. It only ever warns: the user may know better.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# lower-cased folder name (or its start, for "Dropbox (Team)", "OneDrive - Region H") -> service
_FOLDER_PREFIXES = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "icloud drive": "iCloud Drive",
    "icloud": "iCloud Drive",
    "mobile documents": "iCloud Drive",  # ~/Library/Mobile Documents/com~apple~CloudDocs
    "com~apple~clouddocs": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
}
# marker files a sync client keeps in the folder it syncs -> service
_MARKERS = {
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".stfolder": "Syncthing",
    ".stignore": "Syncthing",
    ".nextcloudsync.log": "Nextcloud",
    ".owncloudsync.log": "ownCloud",
    ".sync": "Resilio Sync",
}
_JOURNAL_PREFIXES = (".sync_", "._sync_")  # Nextcloud/ownCloud sync journal: ._sync_<hash>.db
_NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "sshfs", "afs", "ceph",
    "glusterfs", "fuse.glusterfs", "9p", "davfs", "fuse.davfs2", "fuse.rclone", "lustre",
}
MOUNTS = Path("/proc/mounts")


@dataclass(frozen=True)
class SyncFolder:
    service: str  # e.g. "Dropbox", or the filesystem type for a network mount
    folder: Path  # where it was recognised
    network: bool  # a network filesystem rather than a sync client


def _by_name(folder: Path) -> str | None:
    name = folder.name.casefold()
    for prefix, service in _FOLDER_PREFIXES.items():
        if name == prefix or name.startswith(prefix + " ") or name.startswith(prefix + "-"):
            return service
    return None


def _by_marker(folder: Path) -> str | None:
    for marker, service in _MARKERS.items():
        if (folder / marker).exists():
            return service
    try:
        for child in folder.iterdir():
            if child.name.startswith(_JOURNAL_PREFIXES) and child.name.endswith(".db"):
                return "Nextcloud/ownCloud"
    except OSError:
        pass
    return None


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field


def network_mount(path: Path, mounts_text: str) -> tuple[str, Path] | None:
    """The filesystem type and mount point of ``path`` if it is a network filesystem."""
    best: tuple[int, str, Path] | None = None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = Path(_unescape_mount(parts[1]))
        if path == point or point in path.parents:
            depth = len(point.parts)
            if best is None or depth > best[0]:
                best = (depth, parts[2], point)
    if best and best[1].casefold() in _NETWORK_FS:
        return best[1], best[2]
    return None


def detect(path: Path, *, mounts_text: str | None = None, home: Path | None = None) -> SyncFolder | None:
    """Where ``path`` (a data directory or a database file) is synced or shared, if anywhere.

    Folders above the home directory are not searched for names or markers (a home
    called "/home/dropbox" is not a Dropbox folder).
    """
    path = Path(path).expanduser().absolute()
    if mounts_text is None:
        try:
            mounts_text = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts_text = ""
    found = network_mount(path, mounts_text)
    if found:
        return SyncFolder(found[0], found[1], network=True)
    home = (home or Path.home()).absolute()
    for folder in [path, *path.parents]:
        if folder in home.parents:
            break
        named = None if folder == home else _by_name(folder)
        service = named or (_by_marker(folder) if folder.is_dir() else None)
        if service:
            return SyncFolder(service, folder, network=False)
        if folder == home:
            break
    return None


def warning(
    path: Path, *, mounts_text: str | None = None, home: Path | None = None
) -> tuple[str, dict[str, str]] | None:
    """A message key and its parameters for the language layer, or None when all is well."""
    found = detect(path, mounts_text=mounts_text, home=home)
    if found is None:
        return None
    key = "safety.network_folder" if found.network else "safety.sync_folder"
    return key, {"service": found.service, "folder": str(found.folder), "path": str(path)}
