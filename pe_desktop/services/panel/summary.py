"""The learnings summary of a round and aggregate feedback per organisation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pe_desktop.export.files import write_private_file
from pe_desktop.export.panel_pdf import SummaryData, render_org_feedback, render_summary
from pe_desktop.paths import ensure_private_dir
from pe_desktop.services.context import AppContext
from pe_desktop.services.panel.moderation import ModerationService
from pe_desktop.services.panel.profile import PanelService
from pe_desktop.services.panel.status import round_status
from pe_desktop.services.panel.workspace import round_request


def summary_data(ctx: AppContext, round_id: str, *, org: str | None = None,
                 present: list[str] | None = None, actions: list[str] | None = None
                 ) -> SummaryData:
    st = round_status(ctx, round_id)
    req = round_request(ctx, round_id).request
    mod = ModerationService(ctx)
    crit = mod.criteria
    items = [i for i in st.items if org is None or i.org_code == org]
    views = [mod.view(round_id, i.return_code) for i in items]
    ready = [v for v in views if v.ready]
    ratings = [(c.title, dict(Counter(v.ratings[c.key] for v in ready if c.key in v.ratings)))
               for c in crit.criteria]
    themes = Counter(t for v in views for t in set(v.themes))
    gp = [(v.return_code, e) for v in ready for e in v.good_practice]
    people = present or sorted({n for v in views for n in v.reviewers}
                               | {v.moderator for v in views if v.moderator})
    todo = actions if actions is not None else [
        f"Workshop or PEPS session on: {t.lower()} ({n} reports)"
        for t, n in themes.most_common(3)]
    return SummaryData(
        title="Peer QA learnings summary" if org is None else f"Feedback for {org}",
        round_id=round_id, panel_name=PanelService(ctx).require().name,
        period=f"{req.period_from:%d %b %Y} to {req.period_to:%d %b %Y}",
        produced_on=f"{ctx.today():%d %B %Y}", received=len(items),
        expected=st.expected_items if org is None else len(items),
        contributors=st.contributors,
        outcomes=dict(Counter(i.outcome for i in items)),
        rules=dict(Counter(r for i in items for r in i.selected_because)),
        kinds=dict(Counter(i.kind for i in items)),
        per_org=dict(Counter(i.org_code or "-" for i in items)),
        ratings=ratings, rating_labels={r.key: r.label for r in crit.ratings},
        themes=themes.most_common(), good_practice=gp, actions=todo, present=people,
        reviewed=len(ready), moderated=sum(v.state == "moderated" for v in views),
        leaks=sum(v.state == "leak" for v in views))


def write_summary(ctx: AppContext, round_id: str, out: Path, *, present=None, actions=None,
                  store=None) -> Path:
    from pe_desktop.export.archival import dated

    with dated(ctx.now()):
        data = render_summary(summary_data(ctx, round_id, present=present, actions=actions))
    if store is not None:
        data = sign_with_panel_key(ctx, data, store)
    return write_private_file(Path(out), data)


def write_org_feedback(ctx: AppContext, round_id: str, out_dir: Path) -> list[Path]:
    from pe_desktop.export.archival import dated

    ensure_private_dir(Path(out_dir))
    orgs = sorted({i.org_code or "-" for i in round_status(ctx, round_id).items})
    paths = []
    for org in orgs:
        data = summary_data(ctx, round_id, org=None if org == "-" else org)
        name = f"qa-feedback-{round_id}-{org if org != '-' else 'no-org'}.pdf"
        with dated(ctx.now()):
            pdf = render_org_feedback(data, org)
        paths.append(write_private_file(Path(out_dir) / name, pdf))
    return paths


def sign_with_panel_key(ctx: AppContext, pdf: bytes, store) -> bytes:
    """Sign a PDF with the panel's signing key (its self-issued certificate)."""
    import secrets

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    from pe_desktop.export.signing import sign_pdf
    from pe_desktop.services.signing.identity import IdentityInfo, SigningMaterial

    key = PanelService(ctx).signing_key(store)
    cert = x509.load_pem_x509_certificate(key.cert_pem.encode())
    private = serialization.load_pem_private_key(key.key_pem.encode(), password=None)
    pw = secrets.token_hex(16).encode()
    p12 = pkcs12.serialize_key_and_certificates(
        b"panel", private, cert, None,  # type: ignore[arg-type]
        serialization.BestAvailableEncryption(pw))
    info = IdentityInfo(PanelService(ctx).require().name, "", key.fingerprint, True,
                        cert.not_valid_before_utc, cert.not_valid_after_utc, Path(), "")
    return sign_pdf(pdf, SigningMaterial(p12, pw, info), now=ctx.now(),
                    reason="Learnings summary agreed by the QA panel").data
