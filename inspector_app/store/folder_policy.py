"""Where a store may live: not on a network share, not in a cloud-sync folder.

SQLite's locking and WAL need every process on one host with working POSIX
or Windows locks (sqlite.org/useovernet.html, wal.html): over SMB or NFS
they can corrupt the file. A sync client (OneDrive, Dropbox…) copies the
database and its -wal file separately, which is exactly "copying a live
database" (howtocorrupt.html). Such folders are refused before anything is
written, with a message that says why and what to choose instead.
"""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath

from inspector_app.store.folder_errors import DataFolderUnusable

NETWORK_FILE_SYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "9p",
    "davfs",
    "fuse.rclone",
}
# Folder names the common sync clients create (compared case-insensitively).
SYNCED_FOLDER_NAMES = {"dropbox", "onedrive", "google drive", "icloud drive", "nutstore", "坚果云"}
SYNCED_PREFIXES = ("onedrive - ",)  # OneDrive for Business: "OneDrive - Contoso"


def check_location(folder: Path, mounts: str | None = None) -> None:
    """Refuse a folder on a network share or inside a cloud-sync folder.

    `mounts` is the text of /proc/self/mounts (read from the system when None;
    absent on Windows and macOS, where the UNC check still applies).
    """
    raw = str(folder)
    if raw.startswith(("\\\\", "//")) or PureWindowsPath(raw).drive.startswith("\\\\"):
        raise _network(folder, "UNC")
    synced = next((part for part in folder.parts if _is_synced_name(part)), None)
    if synced is not None:
        raise _synced(folder, synced)
    fstype = _file_system(folder, mounts)
    if fstype in NETWORK_FILE_SYSTEMS:
        raise _network(folder, fstype)


def _is_synced_name(part: str) -> bool:
    name = part.casefold()
    return name in SYNCED_FOLDER_NAMES or name.startswith(SYNCED_PREFIXES)


def _file_system(folder: Path, mounts: str | None) -> str | None:
    """The type of the mount holding `folder`: the longest mount point above it."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.abspath(folder)
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, best_type = point, fields[2]
    return best_type


def _network(folder: Path, kind: str) -> DataFolderUnusable:
    return DataFolderUnusable(
        "store.network_folder",
        f"数据文件夹 {folder} 在网络共享盘上（{kind}）。在网络盘上，数据库的加锁不可靠，"
        "记录可能损坏，所以程序不在这里打开数据。请选择本机磁盘上的文件夹（在设置中或用 "
        "--data-dir 指定）；需要共享的记录请用“同步”。程序没有做任何修改。",
        f"The data folder {folder} is on a network share ({kind}). Database locking is not "
        "reliable over a network and records could be damaged, so the app does not open data "
        "there. Choose a folder on this computer's own disk (in the settings or with "
        "--data-dir); share records with Sync. Nothing was changed.",
    )


def _synced(folder: Path, synced: str) -> DataFolderUnusable:
    return DataFolderUnusable(
        "store.synced_folder",
        f"数据文件夹 {folder} 在云同步文件夹“{synced}”里。同步软件会在程序写入时分别复制数据库"
        "和它的日志文件，记录可能损坏，所以程序不在这里打开数据。请选择不被同步的本机文件夹"
        "（在设置中或用 --data-dir 指定）；需要共享的记录请用“同步”。程序没有做任何修改。",
        f"The data folder {folder} is inside the cloud-sync folder '{synced}'. A sync client "
        "copies the database and its log separately while the app writes, which can damage "
        "records, so the app does not open data there. Choose a local folder that is not "
        "synced (in the settings or with --data-dir); share records with Sync. "
        "Nothing was changed.",
    )
