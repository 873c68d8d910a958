"""Search index without a second copy of the text: a contentless FTS5 table

The FTS5 table created in 0002 stored every indexed record's text again (about
30% of the database). It is replaced by a contentless table with the same
columns, tokenizer and rowids (so ranking is unchanged) whose triggers remove
a row with FTS5's 'delete' command; the text for highlights and snippets is
read from the source tables (pe_desktop/storage/fts.py). The index is rebuilt
from the source tables here. Frozen copies of the statements, as in 0002.

Revision ID: contentless_search_1
Revises: oss_reports_1
"""

from alembic import op

revision = "contentless_search_1"
down_revision = "oss_reports_1"
branch_labels = None
depends_on = None

CREATE = [
    "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, placement_id UNINDEXED, scope, title, body, content='', tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER supervision_sessions_fts_ai AFTER INSERT ON supervision_sessions BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END",
    "CREATE TRIGGER supervision_sessions_fts_ad AFTER DELETE ON supervision_sessions BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 1, 'supervision', old.placement_id, 'p' || old.placement_id, 'Supervision ' || strftime('%d/%m/%Y', old.held_on), coalesce(old.attendees, '') || ' ' || coalesce(old.agenda, '') || ' ' || coalesce(old.discussion, '') || ' ' || coalesce(old.reflections, '') || ' ' || coalesce(old.wellbeing, '')); END",
    "CREATE TRIGGER supervision_sessions_fts_au AFTER UPDATE ON supervision_sessions BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 1, 'supervision', old.placement_id, 'p' || old.placement_id, 'Supervision ' || strftime('%d/%m/%Y', old.held_on), coalesce(old.attendees, '') || ' ' || coalesce(old.agenda, '') || ' ' || coalesce(old.discussion, '') || ' ' || coalesce(old.reflections, '') || ' ' || coalesce(old.wellbeing, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END",
    "CREATE TRIGGER observations_fts_ai AFTER INSERT ON observations BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END",
    "CREATE TRIGGER observations_fts_ad AFTER DELETE ON observations BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 2, 'observation', old.placement_id, 'p' || old.placement_id, 'Observation ' || strftime('%d/%m/%Y', old.observed_on), coalesce(old.observer_name, '') || ' ' || coalesce(old.setting, '') || ' ' || coalesce(old.observer_account, '') || ' ' || coalesce(old.feedback, '') || ' ' || coalesce(old.student_reflection, '') || ' ' || coalesce(old.consent_notes, '')); END",
    "CREATE TRIGGER observations_fts_au AFTER UPDATE ON observations BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 2, 'observation', old.placement_id, 'p' || old.placement_id, 'Observation ' || strftime('%d/%m/%Y', old.observed_on), coalesce(old.observer_name, '') || ' ' || coalesce(old.setting, '') || ' ' || coalesce(old.observer_account, '') || ' ' || coalesce(old.feedback, '') || ' ' || coalesce(old.student_reflection, '') || ' ' || coalesce(old.consent_notes, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END",
    "CREATE TRIGGER service_feedback_fts_ai AFTER INSERT ON service_feedback BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END",
    "CREATE TRIGGER service_feedback_fts_ad AFTER DELETE ON service_feedback BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 3, 'feedback', old.placement_id, 'p' || old.placement_id, 'Feedback ' || strftime('%d/%m/%Y', old.received_on), coalesce(old.how_gathered, '') || ' ' || coalesce(old.content, '')); END",
    "CREATE TRIGGER service_feedback_fts_au AFTER UPDATE ON service_feedback BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 3, 'feedback', old.placement_id, 'p' || old.placement_id, 'Feedback ' || strftime('%d/%m/%Y', old.received_on), coalesce(old.how_gathered, '') || ' ' || coalesce(old.content, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END",
    "CREATE TRIGGER evidence_items_fts_ai AFTER INSERT ON evidence_items BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END",
    "CREATE TRIGGER evidence_items_fts_ad AFTER DELETE ON evidence_items BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 4, 'item', old.placement_id, 'p' || old.placement_id, old.title, coalesce(old.description, '')); END",
    "CREATE TRIGGER evidence_items_fts_au AFTER UPDATE ON evidence_items BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 4, 'item', old.placement_id, 'p' || old.placement_id, old.title, coalesce(old.description, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END",
]

FILL = [
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 1, 'supervision', r.placement_id, 'p' || r.placement_id, 'Supervision ' || strftime('%d/%m/%Y', r.held_on), coalesce(r.attendees, '') || ' ' || coalesce(r.agenda, '') || ' ' || coalesce(r.discussion, '') || ' ' || coalesce(r.reflections, '') || ' ' || coalesce(r.wellbeing, '') FROM supervision_sessions AS r",
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 2, 'observation', r.placement_id, 'p' || r.placement_id, 'Observation ' || strftime('%d/%m/%Y', r.observed_on), coalesce(r.observer_name, '') || ' ' || coalesce(r.setting, '') || ' ' || coalesce(r.observer_account, '') || ' ' || coalesce(r.feedback, '') || ' ' || coalesce(r.student_reflection, '') || ' ' || coalesce(r.consent_notes, '') FROM observations AS r",
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 3, 'feedback', r.placement_id, 'p' || r.placement_id, 'Feedback ' || strftime('%d/%m/%Y', r.received_on), coalesce(r.how_gathered, '') || ' ' || coalesce(r.content, '') FROM service_feedback AS r",
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 4, 'item', r.placement_id, 'p' || r.placement_id, r.title, coalesce(r.description, '') FROM evidence_items AS r",
]

DROP = [
    'DROP TRIGGER IF EXISTS supervision_sessions_fts_ai',
    'DROP TRIGGER IF EXISTS supervision_sessions_fts_ad',
    'DROP TRIGGER IF EXISTS supervision_sessions_fts_au',
    'DROP TRIGGER IF EXISTS observations_fts_ai',
    'DROP TRIGGER IF EXISTS observations_fts_ad',
    'DROP TRIGGER IF EXISTS observations_fts_au',
    'DROP TRIGGER IF EXISTS service_feedback_fts_ai',
    'DROP TRIGGER IF EXISTS service_feedback_fts_ad',
    'DROP TRIGGER IF EXISTS service_feedback_fts_au',
    'DROP TRIGGER IF EXISTS evidence_items_fts_ai',
    'DROP TRIGGER IF EXISTS evidence_items_fts_ad',
    'DROP TRIGGER IF EXISTS evidence_items_fts_au',
    'DROP TABLE IF EXISTS search_index',
]

# 0002's table and triggers, for the downgrade.
OLD_CREATE = [
    "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, placement_id UNINDEXED, scope, title, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER supervision_sessions_fts_ai AFTER INSERT ON supervision_sessions BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END",
    'CREATE TRIGGER supervision_sessions_fts_ad AFTER DELETE ON supervision_sessions BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 1; END',
    "CREATE TRIGGER supervision_sessions_fts_au AFTER UPDATE ON supervision_sessions BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 1; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END",
    "CREATE TRIGGER observations_fts_ai AFTER INSERT ON observations BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END",
    'CREATE TRIGGER observations_fts_ad AFTER DELETE ON observations BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 2; END',
    "CREATE TRIGGER observations_fts_au AFTER UPDATE ON observations BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 2; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END",
    "CREATE TRIGGER service_feedback_fts_ai AFTER INSERT ON service_feedback BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END",
    'CREATE TRIGGER service_feedback_fts_ad AFTER DELETE ON service_feedback BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 3; END',
    "CREATE TRIGGER service_feedback_fts_au AFTER UPDATE ON service_feedback BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 3; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END",
    "CREATE TRIGGER evidence_items_fts_ai AFTER INSERT ON evidence_items BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END",
    'CREATE TRIGGER evidence_items_fts_ad AFTER DELETE ON evidence_items BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 4; END',
    "CREATE TRIGGER evidence_items_fts_au AFTER UPDATE ON evidence_items BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 4; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END",
]

OLD_FILL = [
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 1, 'supervision', r.placement_id, 'p' || r.placement_id, 'Supervision ' || strftime('%d/%m/%Y', r.held_on), coalesce(r.attendees, '') || ' ' || coalesce(r.agenda, '') || ' ' || coalesce(r.discussion, '') || ' ' || coalesce(r.reflections, '') || ' ' || coalesce(r.wellbeing, '') FROM supervision_sessions AS r",
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 2, 'observation', r.placement_id, 'p' || r.placement_id, 'Observation ' || strftime('%d/%m/%Y', r.observed_on), coalesce(r.observer_name, '') || ' ' || coalesce(r.setting, '') || ' ' || coalesce(r.observer_account, '') || ' ' || coalesce(r.feedback, '') || ' ' || coalesce(r.student_reflection, '') || ' ' || coalesce(r.consent_notes, '') FROM observations AS r",
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 3, 'feedback', r.placement_id, 'p' || r.placement_id, 'Feedback ' || strftime('%d/%m/%Y', r.received_on), coalesce(r.how_gathered, '') || ' ' || coalesce(r.content, '') FROM service_feedback AS r",
    "INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) SELECT r.id * 8 + 4, 'item', r.placement_id, 'p' || r.placement_id, r.title, coalesce(r.description, '') FROM evidence_items AS r",
]


def upgrade() -> None:
    for stmt in [*DROP, *CREATE, *FILL]:
        op.execute(stmt)


def downgrade() -> None:
    for stmt in [*DROP, *OLD_CREATE, *OLD_FILL]:
        op.execute(stmt)
