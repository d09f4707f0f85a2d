-- The register database, schema version 1 (PRAGMA user_version).
-- ismsnav runs this file once, in one transaction, on a new empty file;
-- later versions add numbered migrations instead of editing it. Field
-- names are the snake_case names of src/core/regfields.def; values are
-- checked there, and again here where SQL can say it cheaply.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('application', 'ismsnav registers');

-- The Annex A controls of ISO/IEC 27001:2022 (numbers and short titles).
CREATE TABLE control (
	id    TEXT PRIMARY KEY,      -- 5.1 .. 8.34
	theme TEXT NOT NULL CHECK (theme IN ('Organizational','People','Physical','Technological')),
	title TEXT NOT NULL,
	seq   INTEGER NOT NULL UNIQUE -- document order
);

CREATE TABLE asset (
	id              TEXT PRIMARY KEY CHECK (id GLOB 'A-[0-9][0-9][0-9]*'),
	name            TEXT NOT NULL CHECK (name <> ''),
	category        TEXT NOT NULL CHECK (category IN ('information','software','hardware','service','people','site','supplier')),
	owner           TEXT NOT NULL DEFAULT '',
	classification  TEXT NOT NULL DEFAULT '' CHECK (classification IN ('','public','internal','confidential','restricted')),
	confidentiality INTEGER CHECK (confidentiality BETWEEN 1 AND 5),
	integrity       INTEGER CHECK (integrity BETWEEN 1 AND 5),
	availability    INTEGER CHECK (availability BETWEEN 1 AND 5),
	location        TEXT NOT NULL DEFAULT '',
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL
);

CREATE TABLE risk (
	id                  TEXT PRIMARY KEY CHECK (id GLOB 'R-[0-9][0-9][0-9]*'),
	title               TEXT NOT NULL CHECK (title <> ''),
	scenario            TEXT NOT NULL DEFAULT '',
	threat              TEXT NOT NULL DEFAULT '',
	vulnerability       TEXT NOT NULL DEFAULT '',
	owner               TEXT NOT NULL DEFAULT '',
	likelihood          INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
	impact              INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
	residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
	residual_impact     INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
	treatment           TEXT NOT NULL DEFAULT '' CHECK (treatment IN ('','modify','retain','avoid','share')),
	treatment_plan      TEXT NOT NULL DEFAULT '',
	treatment_due       TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','treating','accepted','closed')),
	accepted_by         TEXT NOT NULL DEFAULT '',
	accepted_on         TEXT NOT NULL DEFAULT '',
	accepted_until      TEXT NOT NULL DEFAULT '',
	next_review         TEXT NOT NULL DEFAULT '',
	created             TEXT NOT NULL,
	updated             TEXT NOT NULL
);

CREATE TABLE risk_asset (
	risk_id  TEXT NOT NULL REFERENCES risk(id) ON DELETE CASCADE ON UPDATE CASCADE,
	asset_id TEXT NOT NULL REFERENCES asset(id) ON DELETE CASCADE ON UPDATE CASCADE,
	PRIMARY KEY (risk_id, asset_id)
) WITHOUT ROWID;
CREATE INDEX risk_asset_by_asset ON risk_asset(asset_id);

CREATE TABLE risk_control (
	risk_id    TEXT NOT NULL REFERENCES risk(id) ON DELETE CASCADE ON UPDATE CASCADE,
	control_id TEXT NOT NULL REFERENCES control(id),
	PRIMARY KEY (risk_id, control_id)
) WITHOUT ROWID;
CREATE INDEX risk_control_by_control ON risk_control(control_id);

-- Documented information: the ISMS artifacts register.
CREATE TABLE document (
	id          TEXT PRIMARY KEY CHECK (id GLOB 'DOC-[0-9][0-9][0-9]*'),
	title       TEXT NOT NULL CHECK (title <> ''),
	type        TEXT NOT NULL CHECK (type IN ('policy','procedure','plan','record','register','report')),
	clause      TEXT NOT NULL DEFAULT '',
	owner       TEXT NOT NULL DEFAULT '',
	approver    TEXT NOT NULL DEFAULT '',
	version     TEXT NOT NULL CHECK (version <> ''),
	status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','approved','published','retired')),
	approved_on TEXT NOT NULL DEFAULT '',
	next_review TEXT NOT NULL DEFAULT '',
	location    TEXT NOT NULL DEFAULT '',
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
);

CREATE TABLE document_revision (
	doc_id  TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE ON UPDATE CASCADE,
	seq     INTEGER NOT NULL,
	version TEXT NOT NULL,
	date    TEXT NOT NULL,
	author  TEXT NOT NULL DEFAULT '',
	summary TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

-- The Statement of Applicability: exactly one row per Annex A control.
CREATE TABLE soa (
	control        TEXT PRIMARY KEY REFERENCES control(id),
	applicable     TEXT NOT NULL DEFAULT 'yes' CHECK (applicable IN ('yes','no')),
	justification  TEXT NOT NULL DEFAULT '',
	implementation TEXT NOT NULL DEFAULT 'not_started' CHECK (implementation IN ('not_started','planned','partial','implemented')),
	owner          TEXT NOT NULL DEFAULT '',
	evidence       TEXT NOT NULL DEFAULT '',
	last_reviewed  TEXT NOT NULL DEFAULT '',
	updated        TEXT NOT NULL DEFAULT '',
	CHECK (applicable = 'yes' OR justification <> '')
);

CREATE TRIGGER soa_fixed_rows BEFORE DELETE ON soa
BEGIN
	SELECT RAISE(ABORT, 'the Statement of Applicability keeps one row per Annex A control');
END;

INSERT INTO control (id, theme, title, seq) VALUES
	('5.1', 'Organizational', 'Policies for information security', 1),
	('5.2', 'Organizational', 'Information security roles and responsibilities', 2),
	('5.3', 'Organizational', 'Segregation of duties', 3),
	('5.4', 'Organizational', 'Management responsibilities', 4),
	('5.5', 'Organizational', 'Contact with authorities', 5),
	('5.6', 'Organizational', 'Contact with special interest groups', 6),
	('5.7', 'Organizational', 'Threat intelligence', 7),
	('5.8', 'Organizational', 'Information security in project management', 8),
	('5.9', 'Organizational', 'Inventory of information and other associated assets', 9),
	('5.10', 'Organizational', 'Acceptable use of information and other associated assets', 10),
	('5.11', 'Organizational', 'Return of assets', 11),
	('5.12', 'Organizational', 'Classification of information', 12),
	('5.13', 'Organizational', 'Labelling of information', 13),
	('5.14', 'Organizational', 'Information transfer', 14),
	('5.15', 'Organizational', 'Access control', 15),
	('5.16', 'Organizational', 'Identity management', 16),
	('5.17', 'Organizational', 'Authentication information', 17),
	('5.18', 'Organizational', 'Access rights', 18),
	('5.19', 'Organizational', 'Information security in supplier relationships', 19),
	('5.20', 'Organizational', 'Addressing information security within supplier agreements', 20),
	('5.21', 'Organizational', 'Managing information security in the ICT supply chain', 21),
	('5.22', 'Organizational', 'Monitoring, review and change management of supplier services', 22),
	('5.23', 'Organizational', 'Information security for use of cloud services', 23),
	('5.24', 'Organizational', 'Information security incident management planning and preparation', 24),
	('5.25', 'Organizational', 'Assessment and decision on information security events', 25),
	('5.26', 'Organizational', 'Response to information security incidents', 26),
	('5.27', 'Organizational', 'Learning from information security incidents', 27),
	('5.28', 'Organizational', 'Collection of evidence', 28),
	('5.29', 'Organizational', 'Information security during disruption', 29),
	('5.30', 'Organizational', 'ICT readiness for business continuity', 30),
	('5.31', 'Organizational', 'Legal, statutory, regulatory and contractual requirements', 31),
	('5.32', 'Organizational', 'Intellectual property rights', 32),
	('5.33', 'Organizational', 'Protection of records', 33),
	('5.34', 'Organizational', 'Privacy and protection of PII', 34),
	('5.35', 'Organizational', 'Independent review of information security', 35),
	('5.36', 'Organizational', 'Compliance with policies, rules and standards for information security', 36),
	('5.37', 'Organizational', 'Documented operating procedures', 37),
	('6.1', 'People', 'Screening', 38),
	('6.2', 'People', 'Terms and conditions of employment', 39),
	('6.3', 'People', 'Information security awareness, education and training', 40),
	('6.4', 'People', 'Disciplinary process', 41),
	('6.5', 'People', 'Responsibilities after termination or change of employment', 42),
	('6.6', 'People', 'Confidentiality or non-disclosure agreements', 43),
	('6.7', 'People', 'Remote working', 44),
	('6.8', 'People', 'Information security event reporting', 45),
	('7.1', 'Physical', 'Physical security perimeters', 46),
	('7.2', 'Physical', 'Physical entry', 47),
	('7.3', 'Physical', 'Securing offices, rooms and facilities', 48),
	('7.4', 'Physical', 'Physical security monitoring', 49),
	('7.5', 'Physical', 'Protecting against physical and environmental threats', 50),
	('7.6', 'Physical', 'Working in secure areas', 51),
	('7.7', 'Physical', 'Clear desk and clear screen', 52),
	('7.8', 'Physical', 'Equipment siting and protection', 53),
	('7.9', 'Physical', 'Security of assets off-premises', 54),
	('7.10', 'Physical', 'Storage media', 55),
	('7.11', 'Physical', 'Supporting utilities', 56),
	('7.12', 'Physical', 'Cabling security', 57),
	('7.13', 'Physical', 'Equipment maintenance', 58),
	('7.14', 'Physical', 'Secure disposal or re-use of equipment', 59),
	('8.1', 'Technological', 'User endpoint devices', 60),
	('8.2', 'Technological', 'Privileged access rights', 61),
	('8.3', 'Technological', 'Information access restriction', 62),
	('8.4', 'Technological', 'Access to source code', 63),
	('8.5', 'Technological', 'Secure authentication', 64),
	('8.6', 'Technological', 'Capacity management', 65),
	('8.7', 'Technological', 'Protection against malware', 66),
	('8.8', 'Technological', 'Management of technical vulnerabilities', 67),
	('8.9', 'Technological', 'Configuration management', 68),
	('8.10', 'Technological', 'Information deletion', 69),
	('8.11', 'Technological', 'Data masking', 70),
	('8.12', 'Technological', 'Data leakage prevention', 71),
	('8.13', 'Technological', 'Information backup', 72),
	('8.14', 'Technological', 'Redundancy of information processing facilities', 73),
	('8.15', 'Technological', 'Logging', 74),
	('8.16', 'Technological', 'Monitoring activities', 75),
	('8.17', 'Technological', 'Clock synchronization', 76),
	('8.18', 'Technological', 'Use of privileged utility programs', 77),
	('8.19', 'Technological', 'Installation of software on operational systems', 78),
	('8.20', 'Technological', 'Networks security', 79),
	('8.21', 'Technological', 'Security of network services', 80),
	('8.22', 'Technological', 'Segregation of networks', 81),
	('8.23', 'Technological', 'Web filtering', 82),
	('8.24', 'Technological', 'Use of cryptography', 83),
	('8.25', 'Technological', 'Secure development life cycle', 84),
	('8.26', 'Technological', 'Application security requirements', 85),
	('8.27', 'Technological', 'Secure system architecture and engineering principles', 86),
	('8.28', 'Technological', 'Secure coding', 87),
	('8.29', 'Technological', 'Security testing in development and acceptance', 88),
	('8.30', 'Technological', 'Outsourced development', 89),
	('8.31', 'Technological', 'Separation of development, test and production environments', 90),
	('8.32', 'Technological', 'Change management', 91),
	('8.33', 'Technological', 'Test information', 92),
	('8.34', 'Technological', 'Protection of information systems during audit testing', 93);

INSERT INTO soa (control) SELECT id FROM control ORDER BY seq;
