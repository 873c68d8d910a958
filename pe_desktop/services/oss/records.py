"""The OSS record forms as JSON: observation and supervision note.

One shape serves three uses: the blank template ``oss record --template``
prints, a filled form entered with ``oss record FILE.json``, and the
``record.json`` carried in an OSS package (``pe-desktop/oss-observation`` and
``pe-desktop/oss-supervision`` version 1; see docs/oss-protocol.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.evidence_vocab import (
    JUDGEMENT_ORDER,
    Judgement,
    ObservationStatus,
    ObserverRole,
    SupervisionType,
    label,
)
from pe_desktop.domain.frameworks import Framework
from pe_desktop.services.evidence.observations import (
    JudgementInput,
    ObservationInput,
    ObservationRow,
)
from pe_desktop.services.supervision import SessionInput, SessionRow

OBSERVATION = "observation"
SUPERVISION = "supervision"
SCHEMAS = {OBSERVATION: "pe-desktop/oss-observation", SUPERVISION: "pe-desktop/oss-supervision"}
VERSION = 1
OBS_TEXT = ("setting", "consent_notes", "observer_account", "feedback", "student_reflection")
SUP_TEXT = ("attendees", "agenda", "discussion", "reflections", "wellbeing")


def _domains(fw: Framework) -> list[dict[str, Any]]:
    return [{"key": d.key, "number": d.number, "title": d.title} for d in fw.domains]


def template(kind: str, fw: Framework, level: str, first_name: str) -> dict[str, Any]:
    """A blank form: every field, the domains and the allowed values."""
    base: dict[str, Any] = {"schema": SCHEMAS[kind], "schema_version": VERSION,
                            "student_first_name": first_name, "framework": fw.ref,
                            "level": level}
    if kind == OBSERVATION:
        base.update({
            "observed_on": "YYYY-MM-DD", "consent_obtained": False,
            **{k: "" for k in OBS_TEXT},
            "judgements": [{"domain_key": d.key, "judgement": None, "comment": ""}
                           for d in fw.domains],
            "allowed": {"judgement": [j.value for j in JUDGEMENT_ORDER] + [None],
                        "judgement_labels": {j.value: label(j) for j in JUDGEMENT_ORDER},
                        "domains": _domains(fw)},
        })
    else:
        base.update({
            "held_on": "YYYY-MM-DD", "start_time": "", "duration_minutes": 60,
            **{k: "" for k in SUP_TEXT}, "domains": [],
            "actions": [{"description": "", "owner": "", "due_date": None}],
            "allowed": {"domains": _domains(fw)},
        })
    return base


def observation_json(o: ObservationRow, first_name: str, fw: Framework, level: str
                     ) -> dict[str, Any]:
    d = template(OBSERVATION, fw, level, first_name)
    d.pop("allowed")
    d.update({"observed_on": o.observed_on.isoformat(), "consent_obtained": o.consent_obtained,
              "observer_name": o.observer_name,
              **{k: getattr(o, k) for k in OBS_TEXT},
              "judgements": [{"domain_key": j.domain_key, "judgement": j.judgement.value,
                              "comment": j.comment} for j in o.judgements]})
    return d


def supervision_json(x: SessionRow, first_name: str, fw: Framework, level: str
                     ) -> dict[str, Any]:
    d = template(SUPERVISION, fw, level, first_name)
    d.pop("allowed")
    d.update({"held_on": x.held_on.isoformat(), "start_time": x.start_time,
              "duration_minutes": x.duration_minutes, **{k: getattr(x, k) for k in SUP_TEXT},
              "domains": list(x.domains),
              "actions": [{"description": a.description, "owner": a.owner,
                           "due_date": a.due_date.isoformat() if a.due_date else None}
                          for a in x.actions]})
    return d


def _date(d: dict, key: str, problems: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(str(d.get(key)))
    except ValueError:
        problems[key] = f"'{key}' must be a date YYYY-MM-DD"
        return None


def _text(d: dict, key: str, problems: dict[str, str]) -> str:
    v = d.get(key, "")
    if v is None:
        return ""
    if not isinstance(v, str):
        problems[key] = f"'{key}' must be text"
        return ""
    return v


def parse(kind: str, d: Any, observer_name: str) -> ObservationInput | SessionInput:
    """A filled form to the editor's input (the services then apply their own rules)."""
    problems: dict[str, str] = {}
    if not isinstance(d, dict) or d.get("schema") != SCHEMAS[kind]:
        raise ValidationError({"schema": f"This is not a {SCHEMAS[kind]} form"}, record="Form")
    if d.get("schema_version") != VERSION:
        raise ValidationError({"schema_version": f"Form version {d.get('schema_version')!r} "
                                                 f"is not supported"}, record="Form")
    if kind == OBSERVATION:
        when = _date(d, "observed_on", problems)
        texts = {k: _text(d, k, problems) for k in OBS_TEXT}
        judgements = []
        for j in d.get("judgements") or []:
            if not isinstance(j, dict) or j.get("judgement") in (None, ""):
                continue
            try:
                value = Judgement(j["judgement"])
            except (ValueError, KeyError):
                problems["judgements"] = (f"Judgement {j.get('judgement')!r} is not one of "
                                          + ", ".join(x.value for x in JUDGEMENT_ORDER))
                continue
            judgements.append(JudgementInput(str(j.get("domain_key", "")), value,
                                             str(j.get("comment") or "")))
        if problems:
            raise ValidationError(problems, record="Observation form")
        return ObservationInput(
            when, ObservationStatus.COMPLETED, ObserverRole.ONSITE_SUPERVISOR,  # type: ignore[arg-type]
            observer_name, "", consent_obtained=bool(d.get("consent_obtained")),
            judgements=tuple(judgements), **texts)
    when = _date(d, "held_on", problems)
    texts = {k: _text(d, k, problems) for k in SUP_TEXT}
    minutes = d.get("duration_minutes", 60)
    if not isinstance(minutes, int):
        problems["duration_minutes"] = "'duration_minutes' must be a whole number"
        minutes = 60
    from pe_desktop.services.supervision import ActionInput

    actions = []
    for a in d.get("actions") or []:
        if not isinstance(a, dict) or not str(a.get("description") or "").strip():
            continue
        due = _date(a, "due_date", problems) if a.get("due_date") else None
        actions.append(ActionInput(str(a["description"]), str(a.get("owner") or ""), due))
    domains = d.get("domains") or []
    if not isinstance(domains, list):
        problems["domains"] = "'domains' must be a list of domain keys"
        domains = []
    if problems:
        raise ValidationError(problems, record="Supervision form")
    return SessionInput(when, SupervisionType.ONSITE_SUPERVISOR,  # type: ignore[arg-type]
                        _text(d, "start_time", problems), minutes,
                        domains=tuple(str(k) for k in domains), actions=tuple(actions),
                        **{k: v for k, v in texts.items()})
