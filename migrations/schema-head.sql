-- PE Desktop schema at revision contentless_search_1
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
)
-- next
CREATE TABLE profile (
	id INTEGER NOT NULL, 
	full_name VARCHAR(200) NOT NULL, 
	swe_registration VARCHAR(20) NOT NULL, 
	organisation VARCHAR(200) NOT NULL, 
	email VARCHAR(200) NOT NULL, 
	usual_arrangement VARCHAR(32) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_profile PRIMARY KEY (id), 
	CONSTRAINT uq_profile_uid UNIQUE (uid)
)
-- next
CREATE TABLE settings (
	"key" VARCHAR(100) NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_settings PRIMARY KEY ("key")
)
-- next
CREATE TABLE universities (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_universities PRIMARY KEY (id), 
	CONSTRAINT uq_universities_name UNIQUE (name), 
	CONSTRAINT uq_universities_uid UNIQUE (uid)
)
-- next
CREATE TABLE programmes (
	id INTEGER NOT NULL, 
	university_id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_programmes PRIMARY KEY (id), 
	CONSTRAINT fk_programmes_university_id_universities FOREIGN KEY(university_id) REFERENCES universities (id) ON DELETE CASCADE, 
	CONSTRAINT uq_programmes_uid UNIQUE (uid), 
	CONSTRAINT uq_programmes_university_id UNIQUE (university_id, name)
)
-- next
CREATE TABLE students (
	id INTEGER NOT NULL, 
	full_name VARCHAR(200) NOT NULL, 
	preferred_name VARCHAR(100) NOT NULL, 
	university_id INTEGER NOT NULL, 
	student_number VARCHAR(50) NOT NULL, 
	email VARCHAR(200) NOT NULL, 
	programme_id INTEGER, 
	cohort VARCHAR(50) NOT NULL, 
	adjustments TEXT NOT NULL, 
	archived BOOLEAN NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_students PRIMARY KEY (id), 
	CONSTRAINT fk_students_programme_id_programmes FOREIGN KEY(programme_id) REFERENCES programmes (id) ON DELETE SET NULL, 
	CONSTRAINT fk_students_university_id_universities FOREIGN KEY(university_id) REFERENCES universities (id) ON DELETE RESTRICT, 
	CONSTRAINT uq_students_uid UNIQUE (uid), 
	CONSTRAINT uq_students_university_id UNIQUE (university_id, student_number)
)
-- next
CREATE TABLE placements (
	id INTEGER NOT NULL, 
	student_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	required_days INTEGER NOT NULL, 
	days_per_week INTEGER NOT NULL, 
	organisation VARCHAR(200) NOT NULL, 
	team VARCHAR(200) NOT NULL, 
	service_area VARCHAR(32) NOT NULL, 
	statutory BOOLEAN NOT NULL, 
	pe_arrangement VARCHAR(32) NOT NULL, 
	oss_name VARCHAR(200) NOT NULL, 
	oss_contact VARCHAR(200) NOT NULL, 
	tutor_name VARCHAR(200) NOT NULL, 
	tutor_contact VARCHAR(200) NOT NULL, 
	start_date DATE NOT NULL, 
	planned_end_date DATE NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	framework_ref VARCHAR(50) NOT NULL, 
	framework_level VARCHAR(50) NOT NULL, 
	notes TEXT NOT NULL, 
	archived BOOLEAN NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_placements PRIMARY KEY (id), 
	CONSTRAINT fk_placements_student_id_students FOREIGN KEY(student_id) REFERENCES students (id) ON DELETE RESTRICT, 
	CONSTRAINT uq_placements_uid UNIQUE (uid)
)
-- next
CREATE TABLE attendance_days (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	reason VARCHAR(300) NOT NULL, 
	CONSTRAINT pk_attendance_days PRIMARY KEY (id), 
	CONSTRAINT fk_attendance_days_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_attendance_days_placement_id UNIQUE (placement_id, day)
)
-- next
CREATE TABLE meetings (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	due_date DATE NOT NULL, 
	due_overridden BOOLEAN NOT NULL, 
	held_on DATE, 
	notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_meetings PRIMARY KEY (id), 
	CONSTRAINT fk_meetings_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_meetings_placement_id UNIQUE (placement_id, kind), 
	CONSTRAINT uq_meetings_uid UNIQUE (uid)
)
-- next
CREATE TABLE placement_status_changes (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	from_status VARCHAR(32), 
	to_status VARCHAR(32) NOT NULL, 
	changed_on DATE NOT NULL, 
	reason TEXT NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_placement_status_changes PRIMARY KEY (id), 
	CONSTRAINT fk_placement_status_changes_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_placement_status_changes_uid UNIQUE (uid)
)
-- next
CREATE TABLE agenda_templates (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	body TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_agenda_templates PRIMARY KEY (id), 
	CONSTRAINT uq_agenda_templates_name UNIQUE (name), 
	CONSTRAINT uq_agenda_templates_uid UNIQUE (uid)
)
-- next
CREATE TABLE drafts (
	"key" VARCHAR(100) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	payload TEXT NOT NULL, 
	saved_at DATETIME NOT NULL, 
	CONSTRAINT pk_drafts PRIMARY KEY ("key")
)
-- next
CREATE TABLE evidence_items (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	item_date DATE NOT NULL, 
	description TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_evidence_items PRIMARY KEY (id), 
	CONSTRAINT fk_evidence_items_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_evidence_items_uid UNIQUE (uid)
)
-- next
CREATE TABLE observations (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	observed_on DATE NOT NULL, 
	observer_role VARCHAR(32) NOT NULL, 
	observer_name VARCHAR(200) NOT NULL, 
	observer_role_detail VARCHAR(200) NOT NULL, 
	setting TEXT NOT NULL, 
	consent_obtained BOOLEAN NOT NULL, 
	consent_notes TEXT NOT NULL, 
	observer_account TEXT NOT NULL, 
	feedback TEXT NOT NULL, 
	student_reflection TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, mode VARCHAR(32), 
	CONSTRAINT pk_observations PRIMARY KEY (id), 
	CONSTRAINT fk_observations_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_observations_uid UNIQUE (uid)
)
-- next
CREATE TABLE placement_evidence_settings (
	placement_id INTEGER NOT NULL, 
	supervision_interval_days INTEGER NOT NULL, 
	observations_required INTEGER, 
	pe_observations_required INTEGER NOT NULL, 
	CONSTRAINT pk_placement_evidence_settings PRIMARY KEY (placement_id), 
	CONSTRAINT fk_placement_evidence_settings_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE
)
-- next
CREATE TABLE supervision_sessions (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	held_on DATE NOT NULL, 
	start_time VARCHAR(5) NOT NULL, 
	duration_minutes INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	attendees TEXT NOT NULL, 
	agenda TEXT NOT NULL, 
	discussion TEXT NOT NULL, 
	reflections TEXT NOT NULL, 
	wellbeing TEXT NOT NULL, 
	acknowledged_by VARCHAR(200) NOT NULL, 
	acknowledged_at DATETIME, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, mode VARCHAR(32), 
	CONSTRAINT pk_supervision_sessions PRIMARY KEY (id), 
	CONSTRAINT fk_supervision_sessions_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_supervision_sessions_uid UNIQUE (uid)
)
-- next
CREATE TABLE attachments (
	id INTEGER NOT NULL, 
	item_id INTEGER NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	original_name VARCHAR(255) NOT NULL, 
	size INTEGER NOT NULL, 
	added_at DATETIME NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_attachments PRIMARY KEY (id), 
	CONSTRAINT fk_attachments_item_id_evidence_items FOREIGN KEY(item_id) REFERENCES evidence_items (id) ON DELETE CASCADE, 
	CONSTRAINT uq_attachments_uid UNIQUE (uid)
)
-- next
CREATE TABLE evidence_domains (
	id INTEGER NOT NULL, 
	item_id INTEGER NOT NULL, 
	domain_key VARCHAR(50) NOT NULL, 
	note VARCHAR(500) NOT NULL, 
	CONSTRAINT pk_evidence_domains PRIMARY KEY (id), 
	CONSTRAINT fk_evidence_domains_item_id_evidence_items FOREIGN KEY(item_id) REFERENCES evidence_items (id) ON DELETE CASCADE, 
	CONSTRAINT uq_evidence_domains_item_id UNIQUE (item_id, domain_key)
)
-- next
CREATE TABLE observation_judgements (
	id INTEGER NOT NULL, 
	observation_id INTEGER NOT NULL, 
	domain_key VARCHAR(50) NOT NULL, 
	judgement VARCHAR(32) NOT NULL, 
	comment TEXT NOT NULL, 
	CONSTRAINT pk_observation_judgements PRIMARY KEY (id), 
	CONSTRAINT fk_observation_judgements_observation_id_observations FOREIGN KEY(observation_id) REFERENCES observations (id) ON DELETE CASCADE, 
	CONSTRAINT uq_observation_judgements_observation_id UNIQUE (observation_id, domain_key)
)
-- next
CREATE TABLE service_feedback (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	observation_id INTEGER, 
	received_on DATE NOT NULL, 
	source VARCHAR(32) NOT NULL, 
	method VARCHAR(32) NOT NULL, 
	how_gathered TEXT NOT NULL, 
	content TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_service_feedback PRIMARY KEY (id), 
	CONSTRAINT fk_service_feedback_observation_id_observations FOREIGN KEY(observation_id) REFERENCES observations (id) ON DELETE SET NULL, 
	CONSTRAINT fk_service_feedback_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_service_feedback_uid UNIQUE (uid)
)
-- next
CREATE TABLE supervision_actions (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	owner VARCHAR(200) NOT NULL, 
	due_date DATE, 
	done_on DATE, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_supervision_actions PRIMARY KEY (id), 
	CONSTRAINT fk_supervision_actions_session_id_supervision_sessions FOREIGN KEY(session_id) REFERENCES supervision_sessions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_supervision_actions_uid UNIQUE (uid)
)
-- next
CREATE TABLE supervision_domains (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	domain_key VARCHAR(50) NOT NULL, 
	CONSTRAINT pk_supervision_domains PRIMARY KEY (id), 
	CONSTRAINT fk_supervision_domains_session_id_supervision_sessions FOREIGN KEY(session_id) REFERENCES supervision_sessions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_supervision_domains_session_id UNIQUE (session_id, domain_key)
)
-- next
CREATE TABLE feedback_domains (
	id INTEGER NOT NULL, 
	feedback_id INTEGER NOT NULL, 
	domain_key VARCHAR(50) NOT NULL, 
	CONSTRAINT pk_feedback_domains PRIMARY KEY (id), 
	CONSTRAINT fk_feedback_domains_feedback_id_service_feedback FOREIGN KEY(feedback_id) REFERENCES service_feedback (id) ON DELETE CASCADE, 
	CONSTRAINT uq_feedback_domains_feedback_id UNIQUE (feedback_id, domain_key)
)
-- next
CREATE TABLE reports (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_reports PRIMARY KEY (id), 
	CONSTRAINT fk_reports_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_reports_placement_id UNIQUE (placement_id, kind), 
	CONSTRAINT uq_reports_uid UNIQUE (uid)
)
-- next
CREATE TABLE report_versions (
	id INTEGER NOT NULL, 
	report_id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	summary TEXT NOT NULL, 
	recommendation VARCHAR(32), 
	borderline BOOLEAN NOT NULL, 
	learning_agreement_review TEXT NOT NULL, 
	action_plan TEXT NOT NULL, 
	student_comments TEXT NOT NULL, 
	oss_comments TEXT NOT NULL, 
	checklist_override BOOLEAN NOT NULL, 
	override_reason TEXT NOT NULL, 
	reopen_reason TEXT NOT NULL, 
	signed_at DATETIME, 
	signed_by VARCHAR(200) NOT NULL, 
	signer_registration VARCHAR(20) NOT NULL, 
	signed_snapshot TEXT NOT NULL, 
	student_confirmed_name VARCHAR(200) NOT NULL, 
	student_confirmed_on DATE, 
	student_confirmed_how VARCHAR(32), 
	oss_confirmed_name VARCHAR(200) NOT NULL, 
	oss_confirmed_on DATE, 
	oss_confirmed_how VARCHAR(32), 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_report_versions PRIMARY KEY (id), 
	CONSTRAINT fk_report_versions_report_id_reports FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE, 
	CONSTRAINT uq_report_versions_report_id UNIQUE (report_id, number), 
	CONSTRAINT uq_report_versions_uid UNIQUE (uid)
)
-- next
CREATE TABLE report_narratives (
	id INTEGER NOT NULL, 
	version_id INTEGER NOT NULL, 
	domain_key VARCHAR(50) NOT NULL, 
	text TEXT NOT NULL, 
	CONSTRAINT pk_report_narratives PRIMARY KEY (id), 
	CONSTRAINT fk_report_narratives_version_id_report_versions FOREIGN KEY(version_id) REFERENCES report_versions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_report_narratives_version_id UNIQUE (version_id, domain_key)
)
-- next
CREATE TABLE cpd_entries (
	id INTEGER NOT NULL, 
	on_date DATE NOT NULL, 
	title VARCHAR(300) NOT NULL, 
	provider VARCHAR(200) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	hours FLOAT NOT NULL, 
	reflection TEXT NOT NULL, 
	domains VARCHAR(500) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_cpd_entries PRIMARY KEY (id), 
	CONSTRAINT uq_cpd_entries_uid UNIQUE (uid)
)
-- next
CREATE TABLE past_students (
	id INTEGER NOT NULL, 
	initials VARCHAR(12) NOT NULL, 
	start_date DATE NOT NULL, 
	end_date DATE, 
	university VARCHAR(200) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	outcome VARCHAR(32) NOT NULL, 
	notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_past_students PRIMARY KEY (id), 
	CONSTRAINT uq_past_students_uid UNIQUE (uid)
)
-- next
CREATE TABLE qualifications (
	id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	provider VARCHAR(200) NOT NULL, 
	completed_on DATE, 
	credits INTEGER, 
	notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_qualifications PRIMARY KEY (id), 
	CONSTRAINT uq_qualifications_uid UNIQUE (uid)
)
-- next
CREATE TABLE registration_periods (
	id INTEGER NOT NULL, 
	valid_until DATE NOT NULL, 
	renewed_on DATE, 
	notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_registration_periods PRIMARY KEY (id), 
	CONSTRAINT uq_registration_periods_uid UNIQUE (uid), 
	CONSTRAINT uq_registration_periods_valid_until UNIQUE (valid_until)
)
-- next
CREATE TABLE currency_attachments (
	id INTEGER NOT NULL, 
	qualification_id INTEGER, 
	cpd_entry_id INTEGER, 
	filename VARCHAR(255) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	added_at DATETIME NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_currency_attachments PRIMARY KEY (id), 
	CONSTRAINT fk_currency_attachments_cpd_entry_id_cpd_entries FOREIGN KEY(cpd_entry_id) REFERENCES cpd_entries (id) ON DELETE CASCADE, 
	CONSTRAINT fk_currency_attachments_qualification_id_qualifications FOREIGN KEY(qualification_id) REFERENCES qualifications (id) ON DELETE CASCADE, 
	CONSTRAINT uq_currency_attachments_uid UNIQUE (uid)
)
-- next
CREATE TABLE manager_checkins (
	id INTEGER NOT NULL, 
	held_on DATE NOT NULL, 
	manager VARCHAR(200) NOT NULL, 
	caseload_ok BOOLEAN NOT NULL, 
	placement_id INTEGER, 
	notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_manager_checkins PRIMARY KEY (id), 
	CONSTRAINT fk_manager_checkins_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE SET NULL, 
	CONSTRAINT uq_manager_checkins_uid UNIQUE (uid)
)
-- next
CREATE TABLE mentoring_records (
	id INTEGER NOT NULL, 
	placement_id INTEGER, 
	mentor VARCHAR(200) NOT NULL, 
	mentor_role VARCHAR(200) NOT NULL, 
	ratified_on DATE, 
	decision TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_mentoring_records PRIMARY KEY (id), 
	CONSTRAINT fk_mentoring_records_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE SET NULL, 
	CONSTRAINT uq_mentoring_records_uid UNIQUE (uid)
)
-- next
CREATE TABLE qa_panel (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	age_recipient VARCHAR(100) NOT NULL, 
	signing_cert_pem TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_qa_panel PRIMARY KEY (id), 
	CONSTRAINT uq_qa_panel_uid UNIQUE (uid)
)
-- next
CREATE TABLE qa_panel_rounds (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	envelope TEXT NOT NULL, 
	due DATE NOT NULL, 
	created_at DATETIME NOT NULL, 
	published_at DATETIME, 
	published_target VARCHAR(100) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_qa_panel_rounds PRIMARY KEY (id), 
	CONSTRAINT uq_qa_panel_rounds_round_id UNIQUE (round_id), 
	CONSTRAINT uq_qa_panel_rounds_uid UNIQUE (uid)
)
-- next
CREATE TABLE qa_requests (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	panel_id VARCHAR(64) NOT NULL, 
	panel_name VARCHAR(200) NOT NULL, 
	panel_fingerprint VARCHAR(100) NOT NULL, 
	payload TEXT NOT NULL, 
	envelope TEXT NOT NULL, 
	due DATE NOT NULL, 
	source VARCHAR(300) NOT NULL, 
	imported_at DATETIME NOT NULL, 
	org_code VARCHAR(16) NOT NULL, 
	pseudonym VARCHAR(32) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_qa_requests PRIMARY KEY (id), 
	CONSTRAINT uq_qa_requests_panel_id UNIQUE (panel_id, round_id), 
	CONSTRAINT uq_qa_requests_uid UNIQUE (uid)
)
-- next
CREATE TABLE qa_shares (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	what VARCHAR(20) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	target VARCHAR(100) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	shared_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_shares PRIMARY KEY (id)
)
-- next
CREATE TABLE qa_approvals (
	id INTEGER NOT NULL, 
	request_id INTEGER NOT NULL, 
	report_uid VARCHAR(36) NOT NULL, 
	version_uid VARCHAR(36) NOT NULL, 
	return_code VARCHAR(16) NOT NULL, 
	approved_json TEXT NOT NULL, 
	approved_sha256 VARCHAR(64) NOT NULL, 
	approved_at DATETIME, 
	CONSTRAINT pk_qa_approvals PRIMARY KEY (id), 
	CONSTRAINT fk_qa_approvals_request_id_qa_requests FOREIGN KEY(request_id) REFERENCES qa_requests (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qa_approvals_request_id UNIQUE (request_id, report_uid), 
	CONSTRAINT uq_qa_approvals_return_code UNIQUE (return_code)
)
-- next
CREATE TABLE qa_bundles (
	id INTEGER NOT NULL, 
	request_id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	items INTEGER NOT NULL, 
	key_fingerprint VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_bundles PRIMARY KEY (id), 
	CONSTRAINT fk_qa_bundles_request_id_qa_requests FOREIGN KEY(request_id) REFERENCES qa_requests (id) ON DELETE CASCADE
)
-- next
CREATE TABLE qa_redaction_choices (
	id INTEGER NOT NULL, 
	request_id INTEGER NOT NULL, 
	action VARCHAR(10) NOT NULL, 
	text VARCHAR(300) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_redaction_choices PRIMARY KEY (id), 
	CONSTRAINT fk_qa_redaction_choices_request_id_qa_requests FOREIGN KEY(request_id) REFERENCES qa_requests (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qa_redaction_choices_request_id UNIQUE (request_id, action, text)
)
-- next
CREATE TABLE qamp_reviews (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	stage VARCHAR(32) NOT NULL, 
	held_on DATE NOT NULL, 
	notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_qamp_reviews PRIMARY KEY (id), 
	CONSTRAINT fk_qamp_reviews_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qamp_reviews_placement_id UNIQUE (placement_id, stage), 
	CONSTRAINT uq_qamp_reviews_uid UNIQUE (uid)
)
-- next
CREATE TABLE time_allocations (
	placement_id INTEGER NOT NULL, 
	minutes_per_week INTEGER NOT NULL, 
	CONSTRAINT pk_time_allocations PRIMARY KEY (placement_id), 
	CONSTRAINT fk_time_allocations_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE
)
-- next
CREATE TABLE time_entries (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	on_date DATE NOT NULL, 
	activity VARCHAR(32) NOT NULL, 
	minutes INTEGER NOT NULL, 
	note VARCHAR(300) NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_time_entries PRIMARY KEY (id), 
	CONSTRAINT fk_time_entries_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_time_entries_uid UNIQUE (uid)
)
-- next
CREATE TABLE checkin_time_summaries (
	id INTEGER NOT NULL, 
	checkin_id INTEGER NOT NULL, 
	placement_id INTEGER, 
	summary TEXT NOT NULL, 
	attached_at DATETIME NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_checkin_time_summaries PRIMARY KEY (id), 
	CONSTRAINT fk_checkin_time_summaries_checkin_id_manager_checkins FOREIGN KEY(checkin_id) REFERENCES manager_checkins (id) ON DELETE CASCADE, 
	CONSTRAINT fk_checkin_time_summaries_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE SET NULL, 
	CONSTRAINT uq_checkin_time_summaries_uid UNIQUE (uid)
)
-- next
CREATE TABLE concerns (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	raised_on DATE NOT NULL, 
	raised_by VARCHAR(32) NOT NULL, 
	raised_by_name VARCHAR(200) NOT NULL, 
	description TEXT NOT NULL, 
	outcome VARCHAR(32) NOT NULL, 
	outcome_on DATE, 
	outcome_notes TEXT NOT NULL, 
	report_id INTEGER, 
	uid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_concerns PRIMARY KEY (id), 
	CONSTRAINT fk_concerns_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT fk_concerns_report_id_reports FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE SET NULL, 
	CONSTRAINT uq_concerns_uid UNIQUE (uid)
)
-- next
CREATE TABLE qamp_review_attendees (
	id INTEGER NOT NULL, 
	review_id INTEGER NOT NULL, 
	role VARCHAR(32) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	CONSTRAINT pk_qamp_review_attendees PRIMARY KEY (id), 
	CONSTRAINT fk_qamp_review_attendees_review_id_qamp_reviews FOREIGN KEY(review_id) REFERENCES qamp_reviews (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qamp_review_attendees_review_id UNIQUE (review_id, role)
)
-- next
CREATE TABLE qamp_review_checks (
	id INTEGER NOT NULL, 
	review_id INTEGER NOT NULL, 
	area VARCHAR(32) NOT NULL, 
	rating VARCHAR(32), 
	comment TEXT NOT NULL, 
	CONSTRAINT pk_qamp_review_checks PRIMARY KEY (id), 
	CONSTRAINT fk_qamp_review_checks_review_id_qamp_reviews FOREIGN KEY(review_id) REFERENCES qamp_reviews (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qamp_review_checks_review_id UNIQUE (review_id, area)
)
-- next
CREATE TABLE concern_actions (
	id INTEGER NOT NULL, 
	concern_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	owner VARCHAR(200) NOT NULL, 
	review_on DATE, 
	done_on DATE, 
	review_notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_concern_actions PRIMARY KEY (id), 
	CONSTRAINT fk_concern_actions_concern_id_concerns FOREIGN KEY(concern_id) REFERENCES concerns (id) ON DELETE CASCADE, 
	CONSTRAINT uq_concern_actions_uid UNIQUE (uid)
)
-- next
CREATE TABLE concern_domains (
	id INTEGER NOT NULL, 
	concern_id INTEGER NOT NULL, 
	domain_key VARCHAR(50) NOT NULL, 
	CONSTRAINT pk_concern_domains PRIMARY KEY (id), 
	CONSTRAINT fk_concern_domains_concern_id_concerns FOREIGN KEY(concern_id) REFERENCES concerns (id) ON DELETE CASCADE, 
	CONSTRAINT uq_concern_domains_concern_id UNIQUE (concern_id, domain_key)
)
-- next
CREATE TABLE concern_meetings (
	id INTEGER NOT NULL, 
	concern_id INTEGER NOT NULL, 
	planned_on DATE NOT NULL, 
	held_on DATE, 
	attendees TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_concern_meetings PRIMARY KEY (id), 
	CONSTRAINT fk_concern_meetings_concern_id_concerns FOREIGN KEY(concern_id) REFERENCES concerns (id) ON DELETE CASCADE, 
	CONSTRAINT uq_concern_meetings_uid UNIQUE (uid)
)
-- next
CREATE TABLE placement_closures (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	CONSTRAINT pk_placement_closures PRIMARY KEY (id), 
	CONSTRAINT fk_placement_closures_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_placement_closures_placement_id UNIQUE (placement_id, day)
)
-- next
CREATE TABLE audit_events (
	seq INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	action VARCHAR(16) NOT NULL, 
	record_type VARCHAR(64) NOT NULL, 
	record_uid VARCHAR(80) NOT NULL, 
	state_hash VARCHAR(64) NOT NULL, 
	prev_hash VARCHAR(64) NOT NULL, 
	hash VARCHAR(64) NOT NULL, 
	CONSTRAINT pk_audit_events PRIMARY KEY (seq), 
	CONSTRAINT uq_audit_events_hash UNIQUE (hash)
)
-- next
CREATE TABLE oss_identity (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	signing_cert_pem TEXT NOT NULL, 
	age_recipient VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_oss_identity PRIMARY KEY (id)
)
-- next
CREATE TABLE oss_invitations (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	expires_on DATE NOT NULL, 
	created_at DATETIME NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_oss_invitations PRIMARY KEY (id), 
	CONSTRAINT fk_oss_invitations_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_invitations_uid UNIQUE (uid)
)
-- next
CREATE TABLE oss_memberships (
	id INTEGER NOT NULL, 
	invite_id VARCHAR(36) NOT NULL, 
	placement_id INTEGER NOT NULL, 
	pe_name VARCHAR(200) NOT NULL, 
	pe_fingerprint VARCHAR(100) NOT NULL, 
	pe_age_recipient VARCHAR(100) NOT NULL, 
	expires_on DATE NOT NULL, 
	invitation TEXT NOT NULL, 
	joined_at DATETIME NOT NULL, 
	CONSTRAINT pk_oss_memberships PRIMARY KEY (id), 
	CONSTRAINT fk_oss_memberships_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_memberships_invite_id UNIQUE (invite_id)
)
-- next
CREATE TABLE oss_pins (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	oss_name VARCHAR(200) NOT NULL, 
	fingerprint VARCHAR(100) NOT NULL, 
	age_recipient VARCHAR(100) NOT NULL, 
	pinned_at DATETIME NOT NULL, 
	CONSTRAINT pk_oss_pins PRIMARY KEY (id), 
	CONSTRAINT fk_oss_pins_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_pins_placement_id UNIQUE (placement_id)
)
-- next
CREATE TABLE oss_sent (
	id INTEGER NOT NULL, 
	package_id VARCHAR(36) NOT NULL, 
	placement_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	record_id INTEGER NOT NULL, 
	file_name VARCHAR(200) NOT NULL, 
	package_sha256 VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_oss_sent PRIMARY KEY (id), 
	CONSTRAINT fk_oss_sent_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_sent_package_id UNIQUE (package_id)
)
-- next
CREATE TABLE qa_panel_enrolments (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	fingerprint VARCHAR(100) NOT NULL, 
	pseudonym VARCHAR(32) NOT NULL, 
	org_code VARCHAR(16) NOT NULL, 
	age_recipient VARCHAR(100) NOT NULL, 
	cert_pem TEXT NOT NULL, 
	confirmed_at DATETIME, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_panel_enrolments PRIMARY KEY (id), 
	CONSTRAINT uq_qa_panel_enrolments_round_id UNIQUE (round_id, fingerprint)
)
-- next
CREATE TABLE qa_panel_feedback (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	return_code VARCHAR(16) NOT NULL, 
	content_sha256 VARCHAR(64) NOT NULL, 
	outbox_name VARCHAR(200) NOT NULL, 
	queued_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_panel_feedback PRIMARY KEY (id), 
	CONSTRAINT uq_qa_panel_feedback_round_id UNIQUE (round_id, return_code)
)
-- next
CREATE TABLE qa_panel_members (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	fingerprint VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_panel_members PRIMARY KEY (id), 
	CONSTRAINT uq_qa_panel_members_fingerprint UNIQUE (fingerprint)
)
-- next
CREATE TABLE qa_panel_moderations (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	return_code VARCHAR(16) NOT NULL, 
	moderator VARCHAR(200) NOT NULL, 
	ratings TEXT NOT NULL, 
	reasons TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_panel_moderations PRIMARY KEY (id), 
	CONSTRAINT uq_qa_panel_moderations_round_id UNIQUE (round_id, return_code)
)
-- next
CREATE TABLE qa_panel_reviews (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	return_code VARCHAR(16) NOT NULL, 
	reviewer VARCHAR(200) NOT NULL, 
	criteria_version VARCHAR(40) NOT NULL, 
	ratings TEXT NOT NULL, 
	good_practice TEXT NOT NULL, 
	themes TEXT NOT NULL, 
	comment TEXT NOT NULL, 
	signed_by VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_panel_reviews PRIMARY KEY (id), 
	CONSTRAINT uq_qa_panel_reviews_round_id UNIQUE (round_id, return_code, reviewer)
)
-- next
CREATE TABLE qa_feedback (
	id INTEGER NOT NULL, 
	request_id INTEGER NOT NULL, 
	return_code VARCHAR(16) NOT NULL, 
	report_uid VARCHAR(36) NOT NULL, 
	payload TEXT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	received_at DATETIME NOT NULL, 
	read_at DATETIME, 
	cpd_entry_id INTEGER, 
	CONSTRAINT pk_qa_feedback PRIMARY KEY (id), 
	CONSTRAINT fk_qa_feedback_request_id_qa_requests FOREIGN KEY(request_id) REFERENCES qa_requests (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qa_feedback_request_id UNIQUE (request_id, return_code)
)
-- next
CREATE TABLE qa_panel_bundles (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	enrolment_id INTEGER NOT NULL, 
	file_sha256 VARCHAR(64) NOT NULL, 
	manifest_sha256 VARCHAR(64) NOT NULL, 
	manifest TEXT NOT NULL, 
	source VARCHAR(300) NOT NULL, 
	imported_at DATETIME NOT NULL, 
	CONSTRAINT pk_qa_panel_bundles PRIMARY KEY (id), 
	CONSTRAINT fk_qa_panel_bundles_enrolment_id_qa_panel_enrolments FOREIGN KEY(enrolment_id) REFERENCES qa_panel_enrolments (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qa_panel_bundles_round_id UNIQUE (round_id, manifest_sha256)
)
-- next
CREATE TABLE qa_panel_items (
	id INTEGER NOT NULL, 
	round_id VARCHAR(64) NOT NULL, 
	bundle_id INTEGER NOT NULL, 
	enrolment_id INTEGER NOT NULL, 
	return_code VARCHAR(16) NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	outcome VARCHAR(20) NOT NULL, 
	org_code VARCHAR(16) NOT NULL, 
	selected_because VARCHAR(200) NOT NULL, 
	report_json TEXT NOT NULL, 
	report_sha256 VARCHAR(64) NOT NULL, 
	report_pdf BLOB NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	leak_where VARCHAR(200) NOT NULL, 
	CONSTRAINT pk_qa_panel_items PRIMARY KEY (id), 
	CONSTRAINT fk_qa_panel_items_bundle_id_qa_panel_bundles FOREIGN KEY(bundle_id) REFERENCES qa_panel_bundles (id) ON DELETE CASCADE, 
	CONSTRAINT fk_qa_panel_items_enrolment_id_qa_panel_enrolments FOREIGN KEY(enrolment_id) REFERENCES qa_panel_enrolments (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qa_panel_items_round_id UNIQUE (round_id, return_code)
)
-- next
CREATE TABLE "oss_imports" (
	id INTEGER NOT NULL, 
	package_id VARCHAR(36) NOT NULL, 
	placement_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	observation_id INTEGER, 
	supervision_id INTEGER, 
	oss_name VARCHAR(200) NOT NULL, 
	fingerprint VARCHAR(100) NOT NULL, 
	manifest TEXT NOT NULL, 
	signature TEXT NOT NULL, 
	record_json TEXT NOT NULL, 
	package_sha256 VARCHAR(64) NOT NULL, 
	source VARCHAR(300) NOT NULL, 
	imported_at DATETIME NOT NULL, 
	annotation TEXT NOT NULL, 
	uid VARCHAR(36) NOT NULL, 
	report_version_id INTEGER, 
	CONSTRAINT pk_oss_imports PRIMARY KEY (id), 
	CONSTRAINT fk_oss_imports_observation_id_observations FOREIGN KEY(observation_id) REFERENCES observations (id) ON DELETE CASCADE, 
	CONSTRAINT fk_oss_imports_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_imports_package_id UNIQUE (package_id), 
	CONSTRAINT fk_oss_imports_supervision_id_supervision_sessions FOREIGN KEY(supervision_id) REFERENCES supervision_sessions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_imports_uid UNIQUE (uid), 
	CONSTRAINT fk_oss_imports_report_version_id_report_versions FOREIGN KEY(report_version_id) REFERENCES report_versions (id) ON DELETE CASCADE
)
-- next
CREATE TABLE oss_report_requests (
	id INTEGER NOT NULL, 
	placement_id INTEGER NOT NULL, 
	version_id INTEGER NOT NULL, 
	invite_id VARCHAR(36) NOT NULL, 
	expires_on DATE NOT NULL, 
	oss_fingerprint VARCHAR(100) NOT NULL, 
	file_name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	answered_import_id INTEGER, 
	uid VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_oss_report_requests PRIMARY KEY (id), 
	CONSTRAINT fk_oss_report_requests_answered_import_id_oss_imports FOREIGN KEY(answered_import_id) REFERENCES oss_imports (id) ON DELETE SET NULL, 
	CONSTRAINT fk_oss_report_requests_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT fk_oss_report_requests_version_id_report_versions FOREIGN KEY(version_id) REFERENCES report_versions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_report_requests_uid UNIQUE (uid)
)
-- next
CREATE TABLE oss_report_asks (
	id INTEGER NOT NULL, 
	request_id VARCHAR(36) NOT NULL, 
	invite_id VARCHAR(36) NOT NULL, 
	placement_id INTEGER NOT NULL, 
	report_kind VARCHAR(20) NOT NULL, 
	version_number INTEGER NOT NULL, 
	section_json TEXT NOT NULL, 
	manifest TEXT NOT NULL, 
	signature TEXT NOT NULL, 
	package_sha256 VARCHAR(64) NOT NULL, 
	expires_on DATE NOT NULL, 
	received_at DATETIME NOT NULL, 
	comments TEXT NOT NULL, 
	confirmed BOOLEAN NOT NULL, 
	replied_at DATETIME, 
	reply_package_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_oss_report_asks PRIMARY KEY (id), 
	CONSTRAINT fk_oss_report_asks_placement_id_placements FOREIGN KEY(placement_id) REFERENCES placements (id) ON DELETE CASCADE, 
	CONSTRAINT uq_oss_report_asks_request_id UNIQUE (request_id)
)
-- next
CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, placement_id UNINDEXED, scope, title, body, content='', tokenize = 'unicode61 remove_diacritics 2')
-- next
CREATE INDEX ix_programmes_university_id ON programmes (university_id)
-- next
CREATE INDEX ix_students_programme_id ON students (programme_id)
-- next
CREATE INDEX ix_students_university_id ON students (university_id)
-- next
CREATE INDEX ix_placements_student_id ON placements (student_id)
-- next
CREATE INDEX ix_attendance_days_placement_id ON attendance_days (placement_id)
-- next
CREATE INDEX ix_meetings_placement_id ON meetings (placement_id)
-- next
CREATE INDEX ix_placement_status_changes_placement_id ON placement_status_changes (placement_id)
-- next
CREATE INDEX ix_evidence_items_placement_id ON evidence_items (placement_id)
-- next
CREATE INDEX ix_observations_placement_id ON observations (placement_id)
-- next
CREATE INDEX ix_supervision_sessions_held_on ON supervision_sessions (held_on)
-- next
CREATE INDEX ix_supervision_sessions_placement_id ON supervision_sessions (placement_id)
-- next
CREATE INDEX ix_attachments_item_id ON attachments (item_id)
-- next
CREATE INDEX ix_attachments_sha256 ON attachments (sha256)
-- next
CREATE INDEX ix_evidence_domains_domain_key ON evidence_domains (domain_key)
-- next
CREATE INDEX ix_evidence_domains_item_id ON evidence_domains (item_id)
-- next
CREATE INDEX ix_observation_judgements_domain_key ON observation_judgements (domain_key)
-- next
CREATE INDEX ix_observation_judgements_observation_id ON observation_judgements (observation_id)
-- next
CREATE INDEX ix_service_feedback_observation_id ON service_feedback (observation_id)
-- next
CREATE INDEX ix_service_feedback_placement_id ON service_feedback (placement_id)
-- next
CREATE INDEX ix_supervision_actions_session_id ON supervision_actions (session_id)
-- next
CREATE INDEX ix_supervision_domains_domain_key ON supervision_domains (domain_key)
-- next
CREATE INDEX ix_supervision_domains_session_id ON supervision_domains (session_id)
-- next
CREATE INDEX ix_feedback_domains_domain_key ON feedback_domains (domain_key)
-- next
CREATE INDEX ix_feedback_domains_feedback_id ON feedback_domains (feedback_id)
-- next
CREATE INDEX ix_reports_placement_id ON reports (placement_id)
-- next
CREATE INDEX ix_report_versions_report_id ON report_versions (report_id)
-- next
CREATE INDEX ix_report_narratives_version_id ON report_narratives (version_id)
-- next
CREATE INDEX ix_cpd_entries_on_date ON cpd_entries (on_date)
-- next
CREATE INDEX ix_currency_attachments_cpd_entry_id ON currency_attachments (cpd_entry_id)
-- next
CREATE INDEX ix_currency_attachments_qualification_id ON currency_attachments (qualification_id)
-- next
CREATE INDEX ix_currency_attachments_sha256 ON currency_attachments (sha256)
-- next
CREATE INDEX ix_manager_checkins_held_on ON manager_checkins (held_on)
-- next
CREATE INDEX ix_manager_checkins_placement_id ON manager_checkins (placement_id)
-- next
CREATE INDEX ix_mentoring_records_placement_id ON mentoring_records (placement_id)
-- next
CREATE INDEX ix_qa_requests_round_id ON qa_requests (round_id)
-- next
CREATE INDEX ix_qa_approvals_request_id ON qa_approvals (request_id)
-- next
CREATE INDEX ix_qa_bundles_request_id ON qa_bundles (request_id)
-- next
CREATE INDEX ix_qa_redaction_choices_request_id ON qa_redaction_choices (request_id)
-- next
CREATE INDEX ix_qamp_reviews_placement_id ON qamp_reviews (placement_id)
-- next
CREATE INDEX ix_time_entries_on_date ON time_entries (on_date)
-- next
CREATE INDEX ix_time_entries_placement_id ON time_entries (placement_id)
-- next
CREATE INDEX ix_checkin_time_summaries_checkin_id ON checkin_time_summaries (checkin_id)
-- next
CREATE INDEX ix_checkin_time_summaries_placement_id ON checkin_time_summaries (placement_id)
-- next
CREATE INDEX ix_concerns_placement_id ON concerns (placement_id)
-- next
CREATE INDEX ix_concerns_report_id ON concerns (report_id)
-- next
CREATE INDEX ix_qamp_review_attendees_review_id ON qamp_review_attendees (review_id)
-- next
CREATE INDEX ix_qamp_review_checks_review_id ON qamp_review_checks (review_id)
-- next
CREATE INDEX ix_concern_actions_concern_id ON concern_actions (concern_id)
-- next
CREATE INDEX ix_concern_actions_review_on ON concern_actions (review_on)
-- next
CREATE INDEX ix_concern_domains_concern_id ON concern_domains (concern_id)
-- next
CREATE INDEX ix_concern_meetings_concern_id ON concern_meetings (concern_id)
-- next
CREATE INDEX ix_placement_closures_placement_id ON placement_closures (placement_id)
-- next
CREATE INDEX ix_oss_invitations_placement_id ON oss_invitations (placement_id)
-- next
CREATE INDEX ix_oss_memberships_placement_id ON oss_memberships (placement_id)
-- next
CREATE INDEX ix_oss_sent_placement_id ON oss_sent (placement_id)
-- next
CREATE INDEX ix_qa_panel_enrolments_round_id ON qa_panel_enrolments (round_id)
-- next
CREATE INDEX ix_qa_panel_moderations_round_id ON qa_panel_moderations (round_id)
-- next
CREATE INDEX ix_qa_panel_reviews_round_id ON qa_panel_reviews (round_id)
-- next
CREATE INDEX ix_qa_feedback_request_id ON qa_feedback (request_id)
-- next
CREATE INDEX ix_qa_panel_bundles_round_id ON qa_panel_bundles (round_id)
-- next
CREATE INDEX ix_qa_panel_items_round_id ON qa_panel_items (round_id)
-- next
CREATE INDEX ix_oss_imports_observation_id ON oss_imports (observation_id)
-- next
CREATE INDEX ix_oss_imports_placement_id ON oss_imports (placement_id)
-- next
CREATE INDEX ix_oss_imports_supervision_id ON oss_imports (supervision_id)
-- next
CREATE INDEX ix_oss_imports_report_version_id ON oss_imports (report_version_id)
-- next
CREATE INDEX ix_oss_report_requests_placement_id ON oss_report_requests (placement_id)
-- next
CREATE INDEX ix_oss_report_requests_version_id ON oss_report_requests (version_id)
-- next
CREATE INDEX ix_oss_report_asks_placement_id ON oss_report_asks (placement_id)
-- next
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
-- next
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
-- next
CREATE TRIGGER supervision_sessions_fts_ai AFTER INSERT ON supervision_sessions BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END
-- next
CREATE TRIGGER supervision_sessions_fts_ad AFTER DELETE ON supervision_sessions BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 1, 'supervision', old.placement_id, 'p' || old.placement_id, 'Supervision ' || strftime('%d/%m/%Y', old.held_on), coalesce(old.attendees, '') || ' ' || coalesce(old.agenda, '') || ' ' || coalesce(old.discussion, '') || ' ' || coalesce(old.reflections, '') || ' ' || coalesce(old.wellbeing, '')); END
-- next
CREATE TRIGGER supervision_sessions_fts_au AFTER UPDATE ON supervision_sessions BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 1, 'supervision', old.placement_id, 'p' || old.placement_id, 'Supervision ' || strftime('%d/%m/%Y', old.held_on), coalesce(old.attendees, '') || ' ' || coalesce(old.agenda, '') || ' ' || coalesce(old.discussion, '') || ' ' || coalesce(old.reflections, '') || ' ' || coalesce(old.wellbeing, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END
-- next
CREATE TRIGGER observations_fts_ai AFTER INSERT ON observations BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END
-- next
CREATE TRIGGER observations_fts_ad AFTER DELETE ON observations BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 2, 'observation', old.placement_id, 'p' || old.placement_id, 'Observation ' || strftime('%d/%m/%Y', old.observed_on), coalesce(old.observer_name, '') || ' ' || coalesce(old.setting, '') || ' ' || coalesce(old.observer_account, '') || ' ' || coalesce(old.feedback, '') || ' ' || coalesce(old.student_reflection, '') || ' ' || coalesce(old.consent_notes, '')); END
-- next
CREATE TRIGGER observations_fts_au AFTER UPDATE ON observations BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 2, 'observation', old.placement_id, 'p' || old.placement_id, 'Observation ' || strftime('%d/%m/%Y', old.observed_on), coalesce(old.observer_name, '') || ' ' || coalesce(old.setting, '') || ' ' || coalesce(old.observer_account, '') || ' ' || coalesce(old.feedback, '') || ' ' || coalesce(old.student_reflection, '') || ' ' || coalesce(old.consent_notes, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END
-- next
CREATE TRIGGER service_feedback_fts_ai AFTER INSERT ON service_feedback BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END
-- next
CREATE TRIGGER service_feedback_fts_ad AFTER DELETE ON service_feedback BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 3, 'feedback', old.placement_id, 'p' || old.placement_id, 'Feedback ' || strftime('%d/%m/%Y', old.received_on), coalesce(old.how_gathered, '') || ' ' || coalesce(old.content, '')); END
-- next
CREATE TRIGGER service_feedback_fts_au AFTER UPDATE ON service_feedback BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 3, 'feedback', old.placement_id, 'p' || old.placement_id, 'Feedback ' || strftime('%d/%m/%Y', old.received_on), coalesce(old.how_gathered, '') || ' ' || coalesce(old.content, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END
-- next
CREATE TRIGGER evidence_items_fts_ai AFTER INSERT ON evidence_items BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END
-- next
CREATE TRIGGER evidence_items_fts_ad AFTER DELETE ON evidence_items BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 4, 'item', old.placement_id, 'p' || old.placement_id, old.title, coalesce(old.description, '')); END
-- next
CREATE TRIGGER evidence_items_fts_au AFTER UPDATE ON evidence_items BEGIN INSERT INTO search_index(search_index, rowid, kind, placement_id, scope, title, body) VALUES ('delete', old.id * 8 + 4, 'item', old.placement_id, 'p' || old.placement_id, old.title, coalesce(old.description, '')); INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END
