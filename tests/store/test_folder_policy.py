"""A store is never opened on a network share or inside a cloud-sync folder (RELIABILITY row 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector_app.domain.errors import DomainError
from inspector_app.store.folder_policy import check_location
from inspector_app.store.store import Store

MOUNTS = """\
overlay / overlay rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
//hall-nas/inspections /mnt/nas cifs rw,vers=3.0 0 0
nas:/export /mnt/nas/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/nas/usb ext4 rw 0 0
/dev/sdc1 /media/my\\040stick vfat rw 0 0
"""


@pytest.mark.parametrize(
    "folder",
    [r"\\hall-nas\inspections\data", "//hall-nas/inspections/data"],
    ids=["unc-backslashes", "unc-slashes"],
)
def test_a_unc_path_is_refused_as_a_network_share(folder: str) -> None:
    with pytest.raises(DomainError) as refused:
        check_location(Path(folder), MOUNTS)
    assert refused.value.code == "store.network_folder"
    assert "网络共享盘" in refused.value.zh and "network share" in refused.value.en


@pytest.mark.parametrize(
    ("folder", "fstype"),
    [("/mnt/nas/data", "cifs"), ("/mnt/nas/nfs/team/data", "nfs4")],
)
def test_a_folder_on_a_network_mount_is_refused_naming_its_file_system(
    folder: str, fstype: str
) -> None:
    with pytest.raises(DomainError) as refused:
        check_location(Path(folder), MOUNTS)
    assert refused.value.code == "store.network_folder" and fstype in refused.value.en


@pytest.mark.parametrize("folder", ["/mnt/nas/usb/data", "/media/my stick/data", "/tmp/data"])
def test_local_disks_below_or_beside_a_network_mount_are_accepted(folder: str) -> None:
    check_location(Path(folder), MOUNTS)


@pytest.mark.parametrize(
    "synced", ["Dropbox", "OneDrive", "OneDrive - 宜春市政务服务局", "Google Drive", "坚果云"]
)
def test_a_folder_inside_a_cloud_sync_folder_is_refused_and_nothing_is_created(
    tmp_path: Path, synced: str
) -> None:
    (tmp_path / synced).mkdir()
    with pytest.raises(DomainError) as refused:
        Store.open(tmp_path / synced / "inspections")
    assert refused.value.code == "store.synced_folder"
    assert synced in refused.value.zh and "云同步文件夹" in refused.value.zh
    assert list((tmp_path / synced).iterdir()) == []
