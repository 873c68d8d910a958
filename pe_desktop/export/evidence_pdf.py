"""Supervision record, direct observation, evidence index and the placement portfolio.

Lays out plain data gathered by :mod:`pe_desktop.services.documents.evidence`
(the services' frozen dataclasses, handed in): supervision overview, observations
and feedback, the coverage matrix, evidence items and report views.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pe_desktop.domain.errors import NotFoundError
from pe_desktop.export import pdf_base as pb
from pe_desktop.export.report_pdf import document_info


class DocContext:
    """What every evidence PDF needs: placement details, domain titles, labels.

    ``details`` is the reports service's ``PlacementDetails``; ``domains`` its
    ``DomainInfo`` list (``key``, ``heading``).
    """

    def __init__(self, details: Any, domains: list[Any]) -> None:
        from pe_desktop.domain.evidence_vocab import label as ev_label

        self.details = details
        self.domains = domains
        self.titles = {d.key: d.heading for d in self.domains}
        self.label = ev_label

    def domain_list(self, keys: Any) -> str:
        order = {d.key: i for i, d in enumerate(self.domains)}
        known = sorted((k for k in keys if k in order), key=order.__getitem__)
        return "; ".join(self.titles[k] for k in known) or "—"


def _d(value: Any) -> str:
    return f"{value:%d %b %Y}" if value else "—"


# -- supervision -------------------------------------------------------------------------
def _session_story(c: DocContext, x: Any) -> list[Any]:
    title = f"{x.held_on:%A %d %B %Y} — {c.label(x.kind)}"
    story: list[Any] = [pb.heading(title, 2)]
    ack = (f"{x.acknowledged_by}, {x.acknowledged_at.astimezone():%d %b %Y}"
           if x.acknowledged_at else "Not yet acknowledged by the student")
    story.append(pb.key_value_table([
        ("Time and length", f"{x.start_time + ', ' if x.start_time else ''}"
                            f"{x.duration_minutes} minutes"),
        ("Present", x.attendees or "—"),
        ("Domains discussed", c.domain_list(x.domains)),
        ("Acknowledged", ack),
    ]))
    for heading, text in (("Agenda", x.agenda), ("Discussion", x.discussion),
                          ("Student's reflections", x.reflections),
                          ("Wellbeing and workload", x.wellbeing)):
        if (text or "").strip():
            story.append(pb.markup(f"<b>{heading}</b>"))
            story += pb.paras(text)
    if x.actions:
        story.append(pb.markup("<b>Agreed actions</b>"))
        story.append(pb.table(
            ["Action", "Owner", "Due", "Done"],
            [[a.description, a.owner or "—", _d(a.due_date), _d(a.done_on)] for a in x.actions],
            [0.52, 0.2, 0.14, 0.14],
        ))
    return story


def supervision_story(c: DocContext, overview: Any, session_id: int | None = None) -> list[Any]:
    """``overview``: the supervision service's overview of the placement."""
    sessions = sorted(overview.sessions, key=lambda s: (s.held_on, s.id))
    if session_id is not None:
        sessions = [s for s in sessions if s.id == session_id]
        if not sessions:
            raise NotFoundError(f"No supervision session {session_id} on this placement")
        story = pb.title("Supervision record", f"{c.details.student} — session on "
                                               f"{sessions[0].held_on:%d %B %Y}")
        return story + _session_story(c, sessions[0])[1:]
    story = pb.title("Supervision log", f"{c.details.student} — {c.details.placement_kind}")
    story.append(pb.para(overview.status.summary(), "muted"))
    story.append(pb.table(
        ["Date", "Type", "Minutes", "Domains", "Open actions", "Acknowledged"],
        [[_d(s.held_on), c.label(s.kind), s.duration_minutes,
          ", ".join(str(c.titles[k].split(".")[0]) for k in s.domains if k in c.titles) or "—",
          s.open_actions, "Yes" if s.acknowledged else "No"] for s in sessions],
        [0.14, 0.26, 0.1, 0.2, 0.13, 0.17], empty="No supervision sessions recorded yet.",
    ))
    for s in sessions:
        story += _session_story(c, s)
    return story


# -- observations ------------------------------------------------------------------------
def _observation_story(c: DocContext, o: Any, feedback: list[Any]) -> list[Any]:
    from pe_desktop.domain.evidence_vocab import ObserverRole

    if o.observer_role == ObserverRole.PE:
        who = f"{o.observer_name or c.details.pe_name} (practice educator)"
    else:
        who = f"{o.observer_name or '—'} ({o.observer_role_detail or c.label(o.observer_role)})"
    story: list[Any] = [pb.heading(f"Direct observation, {o.observed_on:%d %B %Y}")]
    story.append(pb.key_value_table([
        ("Status", c.label(o.status)),
        ("Observed by", who),
        ("Setting", o.setting or "—"),
        ("Consent", ("Obtained" if o.consent_obtained else "Not recorded")
         + (f" — {o.consent_notes}" if o.consent_notes else "")),
    ]))
    for heading, text in (("Observer's account", o.observer_account),
                          ("Feedback to the student", o.feedback),
                          ("Student's reflection", o.student_reflection)):
        story.append(pb.heading(heading, 2))
        story += pb.paras(text, empty="Not recorded.")
    story.append(pb.heading("Judgements against the framework", 2))
    story.append(pb.table(
        ["Domain", "Judgement", "Comment"],
        [[c.titles.get(j.domain_key, j.domain_key), c.label(j.judgement), j.comment]
         for j in sorted(o.judgements, key=lambda j: c.titles.get(j.domain_key, ""))],
        [0.34, 0.16, 0.5], empty="No judgements recorded.",
    ))
    linked = [f for f in feedback if f.observation_id == o.id]
    if linked:
        story.append(pb.heading("Service user and carer feedback", 2))
        for f in linked:
            story.append(pb.markup(f"<b>{pb.text_markup(c.label(f.source))}</b>, "
                                   f"{_d(f.received_on)} ({pb.text_markup(c.label(f.method))})"))
            story += pb.paras(f.content)
    return story


def observation_story(c: DocContext, rows: list[Any], feedback: list[Any],
                      observation_id: int | None = None) -> list[Any]:
    if observation_id is not None:
        chosen = next((o for o in rows if o.id == observation_id), None)
        if chosen is None:
            raise NotFoundError(f"No observation {observation_id} on this placement")
    else:
        done = sorted((o for o in rows if o.completed), key=lambda o: (o.observed_on, o.id))
        if not done:
            raise NotFoundError("No completed direct observation on this placement yet")
        chosen = done[-1]
    story = pb.title("Direct observation of practice", c.details.student)
    return story + _observation_story(c, chosen, feedback)


# -- evidence index ------------------------------------------------------------------------
def evidence_index_story(c: DocContext, matrix: Any, items: list[Any]) -> list[Any]:
    """``matrix``: the coverage matrix; ``items``: the placement's evidence items."""
    story = pb.title("Evidence index", f"{c.details.student} — {c.details.placement_kind}")
    obs = matrix.observations
    story.append(pb.para(
        f"{obs.completed} of {obs.required} required direct observations completed "
        f"({obs.completed_by_pe} by the practice educator). {matrix.supervision.summary()}",
        "muted"))
    story.append(pb.heading("Coverage of the framework"))
    story.append(pb.table(
        ["Domain", "Items", "Kinds of evidence", "Latest judgement", "Gaps"],
        [[f"{d.number}. {d.title}", d.total, ", ".join(c.label(k) for k in d.kinds) or "—",
          (f"{c.label(d.latest_judgement.judgement)} ({_d(d.latest_judgement.on)})"
           if d.latest_judgement else "—"),
          ", ".join(g.value.replace("_", " ") for g in d.gaps) or "—"]
         for d in matrix.domains],
        [0.27, 0.08, 0.3, 0.18, 0.17],
    ))
    story.append(pb.heading("All evidence, by date"))
    refs = sorted(matrix.refs, key=lambda r: (r.on, r.record_id))
    story.append(pb.table(
        ["Date", "Kind", "Title", "Domains"],
        [[_d(r.on), c.label(r.kind), r.title + (f" — {r.note}" if r.note else ""),
          ", ".join(c.titles[k].split(".")[0] for k in sorted(r.domains, key=lambda k: c.titles.get(k, k)) if k in c.titles)]
         for r in refs],
        [0.13, 0.22, 0.47, 0.18], empty="No evidence recorded yet.",
    ))
    if items:
        story.append(pb.heading("Evidence items and attachments"))
        for it in sorted(items, key=lambda i: (i.item_date, i.id)):
            story.append(pb.heading(f"{_d(it.item_date)} · {c.label(it.kind)}: {it.title}", 2))
            if it.description:
                story += pb.paras(it.description)
            notes = [f"{c.titles.get(d.domain_key, d.domain_key)}"
                     + (f": {d.note}" if d.note else "") for d in it.domains]
            if notes:
                story.append(pb.bullets(notes))
            for a in it.attachments:
                story.append(pb.para(f"Attachment: {a.original_name} ({a.size // 1024 or 1} KB, "
                                     f"SHA-256 {a.sha256[:16]}…)", "muted"))
    return story


# -- documents -------------------------------------------------------------------------------
def render(c: DocContext, title: str, story: list[Any]) -> pb.RenderedPdf:
    spots: list[pb.SignatureSpot] = []
    story = [*story, pb.spacer(6), pb.signature_placeholder(spots)]
    return pb.render_pdf(document_info(c.details, title, title), story, spots)


def render_portfolio(c: DocContext, parts: list[tuple[str, Callable[[], list[Any]]]],
                     progress: Callable[[int, int, str], None]) -> pb.RenderedPdf:
    """The portfolio: a contents list, then each named part on new pages."""
    story: list[Any] = pb.title("Placement portfolio", f"{c.details.student} — "
                                                       f"{c.details.placement_kind}")
    story.append(pb.key_value_table(c.details.rows()))
    story.append(pb.heading("Contents"))
    story.append(pb.bullets([name for name, _ in parts]))
    total = len(parts) + 1
    for i, (name, make) in enumerate(parts):
        progress(i, total, f"Adding the {name.lower()}…")
        story.append(pb.page_break())
        story += make()
    spots: list[pb.SignatureSpot] = []
    story += [pb.spacer(6), pb.signature_placeholder(spots)]
    progress(len(parts), total, "Laying out pages…")
    info = document_info(c.details, "Placement portfolio", "Placement portfolio: reports, "
                         "evidence index, observations and supervision log")
    return pb.render_pdf(info, story, spots)


def observations_story(c: DocContext, observations: list[Any], feedback: list[Any]) -> list[Any]:
    return [f for o in observations for f in _observation_story(c, o, feedback)]
