"""Cloud-sync and network folders are recognised, and the CLI warns about them."""

from __future__ import annotations

from pathlib import Path

import pytest

from naervaer.storage.sync_folders import detect, network_mount, warning

MOUNTS = """\
sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/nfs nfs4 rw 0 0
//nas/share /mnt/smb cifs rw 0 0
me@host:/home/me /mnt/ssh fuse.sshfs rw 0 0
/dev/sdb1 /mnt/nfs/local ext4 rw 0 0
//nas/x /mnt/with\\040space cifs rw 0 0
"""


@pytest.mark.parametrize("folder, service", [
    ("Dropbox/naervaer", "Dropbox"),
    ("Dropbox (Region Hovedstaden)/data", "Dropbox"),
    ("OneDrive - Aarhus Kommune/naervaer", "OneDrive"),
    ("OneDrive/Dokumenter/naervaer", "OneDrive"),
    ("Library/Mobile Documents/com~apple~CloudDocs/naervaer", "iCloud Drive"),
    ("iCloud Drive/naervaer", "iCloud Drive"),
    ("Google Drive/My Drive/naervaer", "Google Drive"),
    ("Nextcloud/naervaer", "Nextcloud"),
    ("ownCloud/naervaer", "ownCloud"),
])
def test_sync_folders_by_name(tmp_path: Path, folder: str, service: str) -> None:
    home = tmp_path / "home"
    path = home / folder
    path.mkdir(parents=True)
    found = detect(path, mounts_text=MOUNTS, home=home)
    assert found is not None and found.service == service and not found.network


@pytest.mark.parametrize("marker, service", [
    (".stfolder", "Syncthing"), (".dropbox", "Dropbox"), (".sync", "Resilio Sync"),
    ("._sync_0123abcd.db", "Nextcloud/ownCloud"), (".nextcloudsync.log", "Nextcloud"),
])
def test_sync_folders_by_marker(tmp_path: Path, marker: str, service: str) -> None:
    home = tmp_path / "home"
    synced = home / "Work"
    (synced / "naervaer").mkdir(parents=True)
    (synced / marker).write_text("")
    found = detect(synced / "naervaer", mounts_text=MOUNTS, home=home)
    assert found is not None and found.service == service and found.folder == synced


def test_a_synced_home_itself_is_found_by_marker_but_not_by_name(tmp_path: Path) -> None:
    home = tmp_path / "dropbox"
    data = home / ".local/share/naervaer"
    data.mkdir(parents=True)
    assert detect(data, mounts_text=MOUNTS, home=home) is None
    (home / ".stfolder").mkdir()
    assert detect(data, mounts_text=MOUNTS, home=home).service == "Syncthing"


def test_plain_local_folders_are_fine(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local/share/naervaer"
    data.mkdir(parents=True)
    assert detect(data, mounts_text=MOUNTS, home=home) is None
    assert warning(data, mounts_text=MOUNTS, home=home) is None


@pytest.mark.parametrize("path, fstype", [
    ("/mnt/nfs/naervaer", "nfs4"), ("/mnt/smb/a/b", "cifs"), ("/mnt/ssh/x", "fuse.sshfs"),
    ("/mnt/with space/naervaer", "cifs"),
])
def test_network_filesystems_from_proc_mounts(path: str, fstype: str) -> None:
    assert network_mount(Path(path), MOUNTS)[0] == fstype


def test_the_deepest_mount_wins() -> None:
    assert network_mount(Path("/mnt/nfs/local/naervaer"), MOUNTS) is None
    assert network_mount(Path("/home/me/naervaer"), MOUNTS) is None


def test_warning_gives_a_translatable_key(tmp_path: Path) -> None:
    key, params = warning(Path("/mnt/nfs/naervaer"), mounts_text=MOUNTS, home=tmp_path)
    assert key == "safety.network_folder" and params["service"] == "nfs4"
    home = tmp_path / "h"
    (home / "Dropbox" / "n").mkdir(parents=True)
    key, params = warning(home / "Dropbox" / "n", mounts_text=MOUNTS, home=home)
    assert key == "safety.sync_folder" and params["service"] == "Dropbox"


def test_the_cli_warns_once_a_day_when_the_data_folder_is_synced(run, tmp_path: Path, monkeypatch) -> None:
    from conftest import Cli

    monkeypatch.setenv("HOME", str(tmp_path))
    synced = Cli(tmp_path / "Dropbox" / "naervaer" / "naervaer.db")
    assert synced("person", "add", "Anna").exit_code == 0
    first = synced("person", "list")
    assert "inside a Dropbox folder" in first.stderr
    assert "inside a Dropbox folder" not in synced("person", "list").stderr
    dansk = synced("backup", lang="da")
    assert "ligger i en Dropbox-mappe" in dansk.stderr
