"""``pe-desktop identity`` and ``pe-desktop pdf --sign`` with the encrypted secrets file."""

from __future__ import annotations

import subprocess

import pytest

from pe_desktop.cli.main import main
from pe_desktop.services.documents import kinds
from pe_desktop.services.profile import ProfileData, ProfileService


@pytest.fixture
def cli_env(ctx, monkeypatch):
    monkeypatch.setenv("PE_DESKTOP_SECRET_STORE", "file")
    monkeypatch.setenv("PE_DESKTOP_SECRETS_PASSPHRASE", "a long test passphrase")
    ProfileService(ctx).save(ProfileData("Siobhán Ní Bhriain", "SW654321", "Example Council"))
    return ["--data-dir", str(ctx.paths.root)]


def _sample(ctx, request):
    from pe_desktop.export import pdf_base as pb

    spots: list = []
    story = [*pb.title("Sample"), pb.para(f"placement {request.placement_id}"),
             pb.signature_placeholder(spots)]
    return pb.render_pdf(pb.DocumentInfo("Sample"), story, spots)


def test_identity_create_show_export_cert_and_signed_pdf(cli_env, ctx, tmp_path, capsys,
                                                          monkeypatch):
    base = cli_env
    assert main([*base, "identity", "show"]) == 1
    assert "No signing identity yet" in capsys.readouterr().err
    assert main([*base, "identity", "create"]) == 0
    out, err = capsys.readouterr()
    assert "Signer:              Siobhán Ní Bhriain (SW654321)" in out
    assert "encrypted file" in err  # the user is told where secrets live
    fingerprint = next(line.split(": ", 1)[1].strip() for line in out.splitlines()
                       if line.startswith("Certificate SHA-256"))
    keys = ctx.paths.keys
    assert (keys / "secrets.cfg").stat().st_mode & 0o777 == 0o600
    assert main([*base, "identity", "create"]) == 1  # no silent replacement
    assert "already exists" in capsys.readouterr().err

    cert = tmp_path / "me.pem"
    assert main([*base, "identity", "export-cert", "--out", str(cert)]) == 0
    capsys.readouterr()

    monkeypatch.setitem(kinds.PDF_KINDS, "sample",
                        kinds.PdfKind("sample", "sample", f"{__name__}:_sample"))
    out_pdf = tmp_path / "s.pdf"
    assert main([*base, "pdf", "--placement", "7", "--kind", "sample", "--out", str(out_pdf),
                 "--sign"]) == 0
    printed = capsys.readouterr().out
    assert fingerprint in printed
    assert out_pdf.stat().st_mode & 0o777 == 0o600
    assert main(["verify", str(out_pdf), "--trust", str(cert)]) == 0
    sig = subprocess.run(["pdfsig", str(out_pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig


def test_wrong_secrets_passphrase_is_one_clear_line(cli_env, monkeypatch, capsys):
    assert main([*cli_env, "identity", "create"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PE_DESKTOP_SECRETS_PASSPHRASE", "not the one")
    assert main([*cli_env, "identity", "show"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["pe-desktop: error: That passphrase does not unlock the encrypted secrets "
                   "file."]


def test_import_with_wrong_passphrase_from_cli(cli_env, tmp_path, monkeypatch, capsys):
    from helpers_pki import employer_pkcs12

    p12 = employer_pkcs12(tmp_path / "work.p12", "right")
    monkeypatch.setenv("PE_DESKTOP_P12_PASSPHRASE", "wrong")
    assert main([*cli_env, "identity", "import", str(p12)]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    monkeypatch.setenv("PE_DESKTOP_P12_PASSPHRASE", "right")
    assert main([*cli_env, "identity", "import", str(p12)]) == 0
    assert "imported certificate" in capsys.readouterr().out
