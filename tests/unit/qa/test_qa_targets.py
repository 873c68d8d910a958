"""Target settings in the database, passwords only in the secret store."""

from __future__ import annotations

import pytest

from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.services.qa.targets import PASSWORD_ENV, TargetService
from pe_desktop.services.secret_store import SecretStore


@pytest.fixture
def svc(ctx, monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    return TargetService(ctx, SecretStore.in_memory())


def test_add_list_remove_keeps_passwords_out_of_the_database(svc, ctx, tmp_path):
    svc.add_folder("OneDrive QA", tmp_path)
    info = svc.add_webdav("panel", "https://cloud.example.org/remote.php/dav/files/pe/QA",
                          "pe", "hunter22")
    assert info.location.endswith("/QA/") and info.user == "pe"
    assert [i.name for i in svc.list()] == ["OneDrive QA", "panel"]
    assert svc.store().get(info.secret_name) == "hunter22"
    assert svc.password_for(info) == "hunter22"
    assert b"hunter22" not in ctx.paths.database.read_bytes()
    target = svc.open("panel")
    assert target.describe() == ("WebDAV https://cloud.example.org/remote.php/dav/files/pe/QA/ "
                                 "as pe")
    svc.remove("panel")
    assert svc.store().get(info.secret_name) is None
    with pytest.raises(NotFoundError, match="No target named 'panel'"):
        svc.get("panel")


def test_the_environment_password_wins(svc, monkeypatch):
    info = svc.add_webdav("panel", "https://dav.example.org/qa/", "pe")
    with pytest.raises(PEDesktopError, match="No password is stored"):
        svc.password_for(info)
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert svc.password_for(info) == "from-env"


@pytest.mark.parametrize("url,field_msg", [
    ("ftp://x/", "Enter the folder's address"),
    ("http://cloud.example.org/dav/", "Use https://"),
    ("https://pe:pw@cloud.example.org/dav/", "user name in its own field"),
])
def test_bad_addresses(svc, url, field_msg):
    with pytest.raises(ValidationError, match=field_msg):
        svc.add_webdav("x", url, "pe", "pw")
    assert svc.list() == []


def test_names_and_folders_are_checked(svc, tmp_path):
    with pytest.raises(ValidationError, match="Use 1–40 letters"):
        svc.add_folder("../evil", tmp_path)
    with pytest.raises(ValidationError, match="does not exist"):
        svc.add_folder("usb", tmp_path / "nope")
    svc.add_folder("usb", tmp_path)
    with pytest.raises(ValidationError, match="exists"):
        svc.add_folder("usb", tmp_path)
    svc.add_folder("usb", tmp_path / ".." / tmp_path.name, replace=True)
    assert len(svc.list()) == 1


def test_push_without_targets_says_how_to_add_one(svc):
    with pytest.raises(PEDesktopError, match="qa target add"):
        svc.push()
