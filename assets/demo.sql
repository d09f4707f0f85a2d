-- Demo register data for Tallyhaven Ltd, a fictional 60-person B2B SaaS company (invoice approval software hosted on AWS).
-- ismsnav loads it into a new register database on first use, right after schema.sql, in one transaction.
-- Explore it without touching your own file with `ismsnav --demo`; put it back with `ismsnav demo reset`.

-- People used as owners, approvers and authors:
--   Helen Marsh (CEO), Tomasz Nowak (CTO), Nadia Rahman (CISO, part-time ISMS manager),
--   Daniel Kerr (Head of Engineering), Sofia Lindqvist (Head of People),
--   Marcus Bell (Operations Lead), Grace Adeyemi (Finance Lead),
--   Liam Doyle (Customer Success Lead), Ruth Ellison (Internal Auditor, contractor).
-- Timeline: ISMS project started January 2026; risk workshop February; internal
-- audit April; management review 18 May 2026; certification audit planned for Q3.

-- ---------------------------------------------------------------- assets

INSERT INTO asset (id, name, category, owner, classification, confidentiality, integrity, availability, location, created, updated) VALUES
	('A-001', 'Customer account and invoice data', 'information', 'Tomasz Nowak (CTO)', 'restricted', 5, 5, 4,
	 'AWS eu-west-1: production database and document storage', '2026-01-20T09:10:00Z', '2026-05-11T14:02:00Z'),
	('A-002', 'Employee and payroll records', 'information', 'Sofia Lindqvist (Head of People)', 'confidential', 4, 4, 2,
	 'HR system (SaaS) and payroll bureau', '2026-01-20T09:14:00Z', '2026-03-27T10:30:00Z'),
	('A-003', 'Production secrets and encryption keys', 'information', 'Daniel Kerr (Head of Engineering)', 'restricted', 5, 5, 4,
	 'AWS Secrets Manager and KMS (production account)', '2026-01-20T09:18:00Z', '2026-03-27T10:34:00Z'),
	('A-004', 'Tallyhaven platform (web application and API)', 'software', 'Daniel Kerr (Head of Engineering)', 'confidential', 3, 5, 5,
	 'AWS eu-west-1 Kubernetes cluster', '2026-01-20T09:25:00Z', '2026-03-27T10:40:00Z'),
	('A-005', 'Source code repositories and CI/CD pipeline', 'software', 'Daniel Kerr (Head of Engineering)', 'confidential', 4, 5, 3,
	 'GitHub organisation "tallyhaven" and hosted CI runners', '2026-01-20T09:31:00Z', '2026-03-27T10:44:00Z'),
	('A-006', 'Staff laptops (64 devices)', 'hardware', 'Marcus Bell (Operations Lead)', 'confidential', 4, 3, 3,
	 'Leeds office and staff homes; all enrolled in MDM', '2026-01-20T09:40:00Z', '2026-05-11T14:10:00Z'),
	('A-007', 'Production cloud environment (AWS)', 'service', 'Tomasz Nowak (CTO)', 'restricted', 5, 5, 5,
	 'AWS eu-west-1 (Ireland); backup copies in eu-central-1', '2026-01-20T09:46:00Z', '2026-03-27T10:52:00Z'),
	('A-008', 'Identity provider and collaboration suite (Google Workspace)', 'service', 'Marcus Bell (Operations Lead)', 'confidential', 4, 4, 4,
	 'Google Workspace tenant; SSO for all business tools', '2026-01-20T09:52:00Z', '2026-03-27T10:58:00Z'),
	('A-009', 'Engineers with production access (on-call group of 9)', 'people', 'Daniel Kerr (Head of Engineering)', 'confidential', 4, 4, 3,
	 'Leeds office and remote', '2026-01-20T10:05:00Z', '2026-03-27T11:03:00Z'),
	('A-010', 'Customer support team (6 agents)', 'people', 'Liam Doyle (Customer Success Lead)', 'internal', 3, 3, 3,
	 'Leeds office', '2026-01-20T10:09:00Z', '2026-03-27T11:06:00Z'),
	('A-011', 'Leeds office', 'site', 'Marcus Bell (Operations Lead)', 'internal', 2, 2, 2,
	 '3rd floor of a shared office building, Leeds', '2026-01-20T10:15:00Z', '2026-03-27T11:10:00Z'),
	('A-012', 'Payment service provider (Paynexa)', 'supplier', 'Grace Adeyemi (Finance Lead)', 'confidential', 4, 4, 4,
	 'External SaaS, EU-hosted; hosted payment pages', '2026-01-20T10:21:00Z', '2026-04-20T15:45:00Z');

-- ---------------------------------------------------------------- risks
-- Ratings are 1-5; score = likelihood x impact (1-4 low, 5-9 medium,
-- 10-16 high, 17-25 critical). Residual ratings are left empty for the
-- two risks whose treatment has not started (R-007, R-015).

INSERT INTO risk (id, title, scenario, threat, vulnerability, owner, likelihood, impact, residual_likelihood, residual_impact,
                  treatment, treatment_plan, treatment_due, status, accepted_by, accepted_on, accepted_until, next_review, created, updated) VALUES
	('R-001', 'Cloud misconfiguration exposes customer data',
	 'An engineer loosens a storage bucket policy or security group by hand while fixing an incident and forgets to revert it. Invoice PDFs and customer records become readable from the internet, and the exposure is only noticed weeks later when a researcher reports it.',
	 'External attackers and researchers scanning for exposed cloud storage',
	 'Manual console changes are still possible in production; no automated drift detection',
	 'Tomasz Nowak (CTO)', 4, 5, 2, 4, 'modify',
	 'Remove console write access in production so that changes go through Terraform only; enable the account-wide public access block for storage; turn on drift detection and route cloud security findings to the on-call rota.',
	 '2026-09-30', 'treating', '', '', '', '2026-09-30', '2026-02-18T10:05:00Z', '2026-05-18T16:20:00Z'),
	('R-002', 'Phishing leads to account takeover',
	 'A convincing fake single sign-on page captures an employee password and one-time code. The attacker replays the session to browse customer data in the admin console and sends further phishing from a trusted internal mailbox.',
	 'Credential phishing campaigns, including adversary-in-the-middle kits',
	 'App-based one-time codes can be relayed; the admin console accepts a normal SSO session',
	 'Nadia Rahman (CISO)', 5, 4, 2, 3, 'modify',
	 'Issue FIDO2 security keys to all administrators first and then to all staff; require phishing-resistant MFA for the admin console; run quarterly phishing simulations with short follow-up training.',
	 '2026-08-31', 'treating', '', '', '', '2026-08-31', '2026-02-18T10:20:00Z', '2026-05-04T09:15:00Z'),
	('R-003', 'Cloud region outage stops the service',
	 'A prolonged outage of the cloud region that hosts production makes the platform unavailable to every customer. Month-end invoice approval runs are missed and customers claim service credits.',
	 'Major outage at the hosting provider',
	 'Production runs in a single region; recovery to a second region is manual',
	 'Tomasz Nowak (CTO)', 2, 5, 2, 3, 'modify',
	 'Run database and cluster across three availability zones (done); copy backups nightly to a second region; document and rehearse a manual region recovery within 8 hours. A fully active multi-region design was judged too costly for the current size.',
	 '2026-03-31', 'accepted', 'Helen Marsh (CEO)', '2026-03-23', '2027-03-31', '2027-03-01', '2026-02-18T10:35:00Z', '2026-03-23T15:40:00Z'),
	('R-004', 'Ransomware on staff laptops',
	 'An employee opens a malicious attachment and ransomware encrypts the laptop together with synced shared folders. The affected team cannot work for days and files kept only on the device are lost.',
	 'Commodity ransomware delivered by email or download',
	 'Local administrator rights and devices not centrally managed',
	 'Marcus Bell (Operations Lead)', 3, 4, 1, 3, 'modify',
	 'Enrol every laptop in MDM; deploy endpoint detection and response; remove local administrator rights; force automatic OS updates; keep 30 days of version history on cloud drives.',
	 '2026-03-31', 'closed', '', '', '', '2027-01-31', '2026-02-18T10:50:00Z', '2026-04-30T11:00:00Z'),
	('R-005', 'Insider misuse of production access',
	 'An engineer with standing production access looks up customer invoices for personal reasons, or copies data shortly before leaving. Without review of database activity the misuse goes unnoticed.',
	 'Malicious or curious insider with privileged access',
	 'Standing database access for the whole on-call group; query logs are kept but not reviewed',
	 'Tomasz Nowak (CTO)', 2, 5, 1, 4, 'modify',
	 'Replace standing access with just-in-time access that needs approval and expires after 4 hours; log database queries and review them weekly; screen everyone who gets production access; review access rights every quarter.',
	 '2026-10-31', 'treating', '', '', '', '2026-10-31', '2026-02-18T11:05:00Z', '2026-05-18T16:25:00Z'),
	('R-006', 'Vulnerable open-source dependency is exploited',
	 'A critical flaw is published in an open-source library used by the API. Attackers exploit it at scale before our fix is deployed and run code on the application servers.',
	 'Mass exploitation of newly published vulnerabilities',
	 'More than 900 third-party packages; dependency updates handled ad hoc by each team',
	 'Daniel Kerr (Head of Engineering)', 4, 4, 3, 3, 'modify',
	 'Scan dependencies and container images in CI with fix deadlines (critical 3 days, high 14 days); let a bot open weekly update pull requests; add static analysis to the pipeline; report deadline compliance monthly to the CTO.',
	 '2026-07-31', 'treating', '', '', '', '2026-07-31', '2026-02-18T11:20:00Z', '2026-05-04T09:30:00Z'),
	('R-007', 'Backups cannot be restored when needed',
	 'After an accidental deletion or corruption of the production database the team tries to restore and finds snapshots incomplete or the steps unclear. Several days of customer data are lost and the 8-hour recovery promise is broken.',
	 'Operator error, software defect or an attacker deleting data',
	 'Restore has never been tested end to end; the steps exist only in one engineer''s notes',
	 'Tomasz Nowak (CTO)', 3, 5, NULL, NULL, 'modify',
	 'Restore into an isolated account every quarter and record the time against the 1-hour RPO and 8-hour RTO; write the restore runbook; lock the backup vault against deletion. First test booked for June (corrective action CA-02).',
	 '2026-06-30', 'open', '', '', '', '2026-06-30', '2026-02-18T11:35:00Z', '2026-05-18T16:30:00Z'),
	('R-008', 'Leaver keeps access to company systems',
	 'Someone who has left the company still has access to business tools or the cloud console because accounts are removed by hand. They, or anyone holding their credentials, can reach customer data weeks later.',
	 'Former employees or contractors, or attackers using their credentials',
	 'Manual leaver process across many tools; some tools not behind single sign-on',
	 'Sofia Lindqvist (Head of People)', 3, 3, 1, 3, 'modify',
	 'Suspend the SSO account automatically from the HR system on the last working day; put every business tool behind SSO; use a leaver checklist that includes return of equipment; compare active accounts with the HR list every month.',
	 '2026-05-15', 'closed', '', '', '', '2026-11-30', '2026-02-18T11:50:00Z', '2026-05-18T16:35:00Z'),
	('R-009', 'Lost or stolen laptop',
	 'A laptop is left on a train or taken from a car. Local files, open browser sessions and cached credentials could give the finder access to company and customer information.',
	 'Loss or theft while travelling or working remotely',
	 'Laptops hold active sessions and local copies of documents',
	 'Marcus Bell (Operations Lead)', 4, 2, 4, 1, 'modify',
	 'Enforce full-disk encryption through MDM; enable remote lock and wipe; shorten session lifetimes for admin tools; brief staff on travelling with equipment.',
	 '2026-02-28', 'closed', '', '', '', '2027-01-31', '2026-02-18T12:05:00Z', '2026-04-30T11:05:00Z'),
	('R-010', 'Denial-of-service attack on the platform',
	 'An attacker floods the public API and web application with traffic, possibly with a ransom demand. Customers cannot sign in or approve invoices until the attack stops.',
	 'Distributed denial-of-service, sometimes combined with extortion',
	 'Public endpoints; autoscaling alone cannot absorb a large attack',
	 'Tomasz Nowak (CTO)', 2, 3, 2, 2, 'share',
	 'Hand absorption of large attacks to the cloud provider managed DDoS protection and web application firewall under its service terms; keep rate limiting and autoscaling in-house; confirm that the cyber insurance policy covers extortion and business interruption.',
	 '2026-09-30', 'treating', '', '', '', '2026-09-30', '2026-02-18T12:20:00Z', '2026-05-04T09:40:00Z'),
	('R-011', 'Secrets committed to source code',
	 'A developer commits an API key or database password to a repository. The secret spreads to CI logs, forks and laptops and could be used to reach production or the payment provider.',
	 'Attackers or former staff obtaining repository content',
	 'Secret scanning only on recently created repositories; some long-lived static credentials',
	 'Daniel Kerr (Head of Engineering)', 3, 4, 2, 3, 'modify',
	 'Turn on secret scanning with push protection for every repository; move the remaining static secrets into the secrets manager with automatic rotation; rotate any secret found in history.',
	 '2026-08-31', 'treating', '', '', '', '2026-08-31', '2026-02-18T12:35:00Z', '2026-05-04T09:45:00Z'),
	('R-012', 'Payment service provider is breached',
	 'Our payment service provider suffers a breach affecting its merchants. Subscription billing stops or customer billing contacts are exposed, and we have to inform our customers.',
	 'Compromise of a third-party payment provider',
	 'Single provider for all subscription billing',
	 'Grace Adeyemi (Finance Lead)', 1, 4, 1, 3, 'share',
	 'We never handle card data ourselves: customers pay on the provider hosted pages. Liability and breach notification duties sit with the provider under a contract that requires PCI DSS compliance; its attestation is reviewed every year.',
	 '2026-03-31', 'accepted', 'Grace Adeyemi (Finance Lead)', '2026-03-23', '2027-03-31', '2027-03-01', '2026-02-18T12:50:00Z', '2026-04-20T15:50:00Z'),
	('R-013', 'Social engineering of customer support',
	 'A caller poses as a customer administrator and talks a support agent into changing the account email or resetting MFA. The attacker takes over the account and redirects supplier payments to their own bank account.',
	 'Fraudsters impersonating customers',
	 'Support agents were able to change account owner and bank details on request',
	 'Liam Doyle (Customer Success Lead)', 4, 3, 1, 3, 'avoid',
	 'Stop the activity: support can no longer change account owners, MFA settings or bank details. These changes are only possible in the product by a second customer administrator after re-authentication; support scripts and training updated.',
	 '2026-04-30', 'closed', '', '', '', '2026-10-31', '2026-02-18T13:05:00Z', '2026-04-30T11:10:00Z'),
	('R-014', 'Unauthorised entry to the office',
	 'Someone follows staff through the shared building entrance and walks onto the office floor. They could take a laptop or read papers left on desks.',
	 'Opportunistic intruders and thieves',
	 'Shared building entrance; visitors sometimes unescorted',
	 'Marcus Bell (Operations Lead)', 2, 2, 2, 2, 'retain',
	 'No further treatment: no servers or customer data are kept on site, laptops are encrypted and the landlord provides building security. Badge entry, visitor sign-in and clear desk rules stay in place.',
	 '2026-03-31', 'accepted', 'Marcus Bell (Operations Lead)', '2026-03-16', '2027-03-16', '2027-03-01', '2026-02-18T13:20:00Z', '2026-03-16T12:00:00Z'),
	('R-015', 'Breach of data protection law (GDPR)',
	 'A customer audit or a complaint from a data subject shows that we keep personal data longer than our contracts allow and cannot show impact assessments for new features. The regulator or customers demand remediation, and fines or lost contracts follow.',
	 'Regulatory enforcement and contractual claims from customers',
	 'No automated deletion after contract end; impact assessment process is informal',
	 'Nadia Rahman (CISO)', 2, 4, NULL, NULL, 'modify',
	 'Delete customer data automatically 90 days after contract end; add a DPIA template and trigger to the product process; bring the records of processing up to date; give support and engineering yearly privacy training.',
	 '2026-12-31', 'open', '', '', '', '2026-07-31', '2026-02-18T13:35:00Z', '2026-05-18T16:40:00Z');

INSERT INTO risk_asset (risk_id, asset_id) VALUES
	('R-001', 'A-001'), ('R-001', 'A-007'),
	('R-002', 'A-008'), ('R-002', 'A-001'),
	('R-003', 'A-007'), ('R-003', 'A-004'),
	('R-004', 'A-006'), ('R-004', 'A-002'),
	('R-005', 'A-009'), ('R-005', 'A-001'), ('R-005', 'A-007'),
	('R-006', 'A-004'), ('R-006', 'A-005'),
	('R-007', 'A-001'), ('R-007', 'A-007'),
	('R-008', 'A-008'), ('R-008', 'A-007'),
	('R-009', 'A-006'),
	('R-010', 'A-004'), ('R-010', 'A-007'),
	('R-011', 'A-003'), ('R-011', 'A-005'),
	('R-012', 'A-012'), ('R-012', 'A-001'),
	('R-013', 'A-010'), ('R-013', 'A-001'),
	('R-014', 'A-011'), ('R-014', 'A-006'),
	('R-015', 'A-001'), ('R-015', 'A-002');

INSERT INTO risk_control (risk_id, control_id) VALUES
	('R-001', '5.23'), ('R-001', '8.3'), ('R-001', '8.9'), ('R-001', '8.16'), ('R-001', '8.24'),
	('R-002', '5.17'), ('R-002', '6.3'), ('R-002', '8.5'), ('R-002', '8.7'),
	('R-003', '5.22'), ('R-003', '5.29'), ('R-003', '5.30'), ('R-003', '8.14'),
	('R-004', '8.1'), ('R-004', '8.7'), ('R-004', '8.8'), ('R-004', '8.13'),
	('R-005', '5.3'), ('R-005', '5.18'), ('R-005', '6.1'), ('R-005', '8.2'), ('R-005', '8.15'),
	('R-006', '8.8'), ('R-006', '8.25'), ('R-006', '8.28'), ('R-006', '8.29'),
	('R-007', '5.30'), ('R-007', '8.13'), ('R-007', '8.14'),
	('R-008', '5.11'), ('R-008', '5.16'), ('R-008', '5.18'), ('R-008', '6.5'),
	('R-009', '6.7'), ('R-009', '7.9'), ('R-009', '8.1'), ('R-009', '8.24'),
	('R-010', '8.6'), ('R-010', '8.14'), ('R-010', '8.20'), ('R-010', '8.21'),
	('R-011', '5.17'), ('R-011', '8.4'), ('R-011', '8.24'), ('R-011', '8.28'),
	('R-012', '5.19'), ('R-012', '5.20'), ('R-012', '5.22'),
	('R-013', '5.15'), ('R-013', '5.16'), ('R-013', '5.37'), ('R-013', '6.3'),
	('R-014', '7.1'), ('R-014', '7.2'), ('R-014', '7.4'), ('R-014', '7.7'),
	('R-015', '5.31'), ('R-015', '5.34'), ('R-015', '8.10');

-- ---------------------------------------------------------------- documents
-- DOC-001..DOC-028 follow the list of documented information that
-- ISO/IEC 27001:2022 requires, in order; DOC-029.. are Tallyhaven's own.

INSERT INTO document (id, title, type, clause, owner, approver, version, status, approved_on, next_review, location, created, updated) VALUES
	('DOC-001', 'ISMS scope statement', 'policy', '4.3', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.1', 'published', '2026-02-16', '2027-02-16', 'Confluence > ISMS > Governance', '2026-01-19T09:00:00Z', '2026-02-16T15:00:00Z'),
	('DOC-002', 'Information security policy', 'policy', '5.2', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '2.0', 'published', '2026-02-09', '2027-02-09', 'Confluence > ISMS > Policies', '2026-01-19T09:05:00Z', '2026-02-09T16:30:00Z'),
	('DOC-003', 'Risk assessment methodology', 'procedure', '6.1.2', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-02-02', '2027-02-02', 'Confluence > ISMS > Procedures', '2026-01-21T10:00:00Z', '2026-02-02T11:00:00Z'),
	('DOC-004', 'Risk treatment procedure', 'procedure', '6.1.3', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-02-02', '2027-02-02', 'Confluence > ISMS > Procedures', '2026-01-26T10:00:00Z', '2026-02-02T11:05:00Z'),
	('DOC-005', 'Statement of Applicability', 'register', '6.1.3 d', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.2', 'published', '2026-05-11', '2026-11-11', 'ismsnav > soa (export in Google Drive /ISMS/Records)', '2026-03-02T09:00:00Z', '2026-05-11T14:30:00Z'),
	('DOC-006', 'Risk treatment plan', 'plan', '6.1.3 e', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.1', 'published', '2026-03-23', '2026-09-23', 'Confluence > ISMS > Risk', '2026-03-09T09:00:00Z', '2026-03-23T15:30:00Z'),
	('DOC-007', 'Information security objectives 2026', 'plan', '6.2', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-02-23', '2027-01-31', 'Confluence > ISMS > Governance', '2026-02-10T09:00:00Z', '2026-02-23T14:00:00Z'),
	('DOC-008', 'Security competence and training records', 'record', '7.2 d', 'Sofia Lindqvist (Head of People)', 'Nadia Rahman (CISO)', '1.3', 'published', '2026-05-04', '2026-08-04', 'HR system > Learning; Google Drive /ISMS/Records/Training', '2026-01-26T09:30:00Z', '2026-05-04T10:00:00Z'),
	('DOC-009', 'Control of documented information procedure', 'procedure', '7.5.1 b', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-01-30', '2027-01-30', 'Confluence > ISMS > Procedures', '2026-01-16T09:00:00Z', '2026-01-30T12:00:00Z'),
	('DOC-010', 'Operational control records', 'record', '8.1', 'Daniel Kerr (Head of Engineering)', 'Tomasz Nowak (CTO)', '1.1', 'published', '2026-04-13', '2026-10-13', 'Jira > OPS project; GitHub pull requests', '2026-02-16T09:00:00Z', '2026-04-13T10:30:00Z'),
	('DOC-011', 'Risk assessment report 2026', 'report', '8.2', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-03-09', '2027-02-28', 'Google Drive /ISMS/Records/Risk', '2026-02-20T09:00:00Z', '2026-03-09T16:00:00Z'),
	('DOC-012', 'Risk treatment results report', 'report', '8.3', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-05-18', '2026-11-18', 'Google Drive /ISMS/Records/Risk', '2026-05-04T09:00:00Z', '2026-05-18T17:00:00Z'),
	('DOC-013', 'ISMS metrics report Q1 2026', 'report', '9.1', 'Nadia Rahman (CISO)', 'Tomasz Nowak (CTO)', '1.1', 'published', '2026-04-20', '2026-07-20', 'Google Drive /ISMS/Records/Metrics', '2026-04-08T09:00:00Z', '2026-04-20T11:30:00Z'),
	('DOC-014', 'Internal audit programme and report 2026', 'report', '9.2.2', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-04-30', '2027-01-31', 'Google Drive /ISMS/Records/Audit', '2026-02-02T09:00:00Z', '2026-04-30T15:00:00Z'),
	('DOC-015', 'Management review minutes (May 2026)', 'record', '9.3.3', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.0', 'published', '2026-05-20', '2026-11-30', 'Google Drive /ISMS/Records/Management review', '2026-05-20T09:00:00Z', '2026-05-20T09:45:00Z'),
	('DOC-016', 'Nonconformity log', 'register', '10.2 f', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.2', 'published', '2026-05-06', '2026-08-06', 'Jira > ISMS project (NC issues)', '2026-02-02T09:10:00Z', '2026-05-06T10:00:00Z'),
	('DOC-017', 'Corrective action records', 'record', '10.2 g', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.1', 'published', '2026-05-13', '2026-08-13', 'Jira > ISMS project (CA issues)', '2026-05-06T09:00:00Z', '2026-05-13T14:00:00Z'),
	('DOC-018', 'Topic-specific security policies', 'policy', 'A.5.1', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.1', 'published', '2026-03-02', '2027-03-02', 'Confluence > ISMS > Policies', '2026-01-28T09:00:00Z', '2026-03-02T12:00:00Z'),
	('DOC-019', 'Information asset inventory', 'register', 'A.5.9', 'Marcus Bell (Operations Lead)', 'Nadia Rahman (CISO)', '1.3', 'published', '2026-05-11', '2026-08-11', 'ismsnav > assets (export in Google Drive /ISMS/Records)', '2026-01-20T09:00:00Z', '2026-05-11T14:15:00Z'),
	('DOC-020', 'Acceptable use and information handling policy', 'policy', 'A.5.10', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '3.0', 'published', '2026-02-16', '2027-02-16', 'Confluence > ISMS > Policies', '2026-01-19T09:20:00Z', '2026-02-16T15:10:00Z'),
	('DOC-021', 'Incident response procedure', 'procedure', 'A.5.26', 'Nadia Rahman (CISO)', 'Tomasz Nowak (CTO)', '2.1', 'published', '2026-03-16', '2027-03-16', 'Confluence > ISMS > Procedures', '2026-01-19T09:25:00Z', '2026-03-16T13:00:00Z'),
	('DOC-022', 'Legal, regulatory and contractual requirements register', 'register', 'A.5.31', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.1', 'published', '2026-03-30', '2026-09-30', 'Confluence > ISMS > Compliance', '2026-02-27T09:00:00Z', '2026-03-30T11:00:00Z'),
	('DOC-023', 'Production operations runbooks', 'procedure', 'A.5.37', 'Daniel Kerr (Head of Engineering)', 'Tomasz Nowak (CTO)', '2.2', 'published', '2026-04-27', '2026-10-27', 'GitHub tallyhaven/runbooks', '2026-01-19T09:30:00Z', '2026-04-27T10:00:00Z'),
	('DOC-024', 'Employment contract template (security clauses)', 'record', 'A.6.2', 'Sofia Lindqvist (Head of People)', 'Helen Marsh (CEO)', '2.0', 'published', '2026-02-23', '2027-02-23', 'HR system > Templates', '2026-01-19T09:35:00Z', '2026-02-23T14:30:00Z'),
	('DOC-025', 'Confidentiality agreements (templates and signed copies)', 'record', 'A.6.6', 'Grace Adeyemi (Finance Lead)', 'Helen Marsh (CEO)', '1.2', 'published', '2026-03-09', '2027-03-09', 'Contract repository > NDAs', '2026-01-19T09:40:00Z', '2026-03-09T10:00:00Z'),
	('DOC-026', 'Secure configuration baselines', 'record', 'A.8.9', 'Daniel Kerr (Head of Engineering)', 'Tomasz Nowak (CTO)', '1.1', 'published', '2026-04-06', '2026-10-06', 'GitHub tallyhaven/infra; Confluence > Engineering > Baselines', '2026-03-02T09:00:00Z', '2026-04-06T16:00:00Z'),
	('DOC-027', 'Security logging and log retention standard', 'record', 'A.8.15', 'Daniel Kerr (Head of Engineering)', 'Nadia Rahman (CISO)', '1.0', 'published', '2026-03-16', '2027-03-16', 'Confluence > Engineering > Logging', '2026-03-02T09:30:00Z', '2026-03-16T15:00:00Z'),
	('DOC-028', 'Secure engineering principles', 'policy', 'A.8.27', 'Tomasz Nowak (CTO)', 'Nadia Rahman (CISO)', '0.3', 'in_review', '', '', 'Confluence > Engineering > Architecture', '2026-04-13T09:00:00Z', '2026-05-26T17:00:00Z'),
	('DOC-029', 'Risk register', 'register', '6.1.2', 'Nadia Rahman (CISO)', 'Helen Marsh (CEO)', '1.4', 'published', '2026-05-18', '2026-08-18', 'ismsnav > risk (export in Google Drive /ISMS/Records/Risk)', '2026-02-20T09:30:00Z', '2026-05-18T17:10:00Z'),
	('DOC-030', 'Business continuity and disaster recovery plan', 'plan', 'A.5.30', 'Tomasz Nowak (CTO)', 'Helen Marsh (CEO)', '1.0', 'approved', '2026-05-27', '2027-05-27', 'Confluence > ISMS > Continuity', '2026-04-06T09:00:00Z', '2026-05-27T12:00:00Z'),
	('DOC-031', 'Supplier security register', 'register', 'A.5.19', 'Marcus Bell (Operations Lead)', 'Nadia Rahman (CISO)', '1.1', 'published', '2026-04-20', '2026-10-20', 'Confluence > ISMS > Suppliers', '2026-03-02T10:00:00Z', '2026-04-20T15:40:00Z'),
	('DOC-032', 'Security awareness programme 2026-27', 'plan', 'A.6.3', 'Sofia Lindqvist (Head of People)', 'Nadia Rahman (CISO)', '0.1', 'draft', '', '', 'Google Drive /ISMS/Drafts', '2026-05-28T09:00:00Z', '2026-05-28T11:30:00Z');

INSERT INTO document_revision (doc_id, seq, version, date, author, summary) VALUES
	('DOC-001', 1, '0.1', '2026-01-19', 'Nadia Rahman (CISO)', 'First draft after the scoping workshop with the leadership team'),
	('DOC-001', 2, '1.0', '2026-01-30', 'Nadia Rahman (CISO)', 'Approved: platform, AWS production, corporate IT and the Leeds office in scope'),
	('DOC-001', 3, '1.1', '2026-02-16', 'Nadia Rahman (CISO)', 'Marketing website (run by an agency) excluded; interfaces with the payment provider described'),

	('DOC-002', 1, '1.0', '2025-03-03', 'Tomasz Nowak (CTO)', 'Short policy written to answer customer security questionnaires'),
	('DOC-002', 2, '1.1', '2025-09-15', 'Tomasz Nowak (CTO)', 'Added remote working and AI tool usage statements'),
	('DOC-002', 3, '2.0', '2026-02-09', 'Nadia Rahman (CISO)', 'Rewritten for the ISMS: framework for objectives, commitments, roles; signed by the CEO'),

	('DOC-003', 1, '0.1', '2026-01-21', 'Nadia Rahman (CISO)', 'Draft 5x5 likelihood and impact scales'),
	('DOC-003', 2, '0.2', '2026-01-28', 'Nadia Rahman (CISO)', 'Scales calibrated with leadership; residual score of 8 or below may be accepted by the risk owner'),
	('DOC-003', 3, '1.0', '2026-02-02', 'Nadia Rahman (CISO)', 'Approved by the CEO'),

	('DOC-004', 1, '0.1', '2026-01-26', 'Nadia Rahman (CISO)', 'Draft: treatment options, owner sign-off, link to the SoA'),
	('DOC-004', 2, '1.0', '2026-02-02', 'Nadia Rahman (CISO)', 'Approved by the CEO'),

	('DOC-005', 1, '0.1', '2026-03-02', 'Nadia Rahman (CISO)', 'First pass over all 93 controls with control owners'),
	('DOC-005', 2, '1.0', '2026-03-20', 'Nadia Rahman (CISO)', 'Approved; three controls excluded (7.6, 7.12, 8.30)'),
	('DOC-005', 3, '1.1', '2026-04-22', 'Nadia Rahman (CISO)', 'Implementation status corrected after the internal audit'),
	('DOC-005', 4, '1.2', '2026-05-11', 'Nadia Rahman (CISO)', 'Evidence links added for 8.5 and 8.16; reviewed for the management review'),

	('DOC-006', 1, '1.0', '2026-03-09', 'Nadia Rahman (CISO)', 'Actions agreed with risk owners for every risk above the acceptance threshold'),
	('DOC-006', 2, '1.1', '2026-03-23', 'Nadia Rahman (CISO)', 'Signed off by risk owners; due dates aligned with the Q3 engineering roadmap'),

	('DOC-007', 1, '0.1', '2026-02-10', 'Nadia Rahman (CISO)', 'Five draft objectives with measures (MFA coverage, patch deadlines, training, restore tests, incident response time)'),
	('DOC-007', 2, '1.0', '2026-02-23', 'Nadia Rahman (CISO)', 'Approved by the CEO; owners and targets assigned'),

	('DOC-008', 1, '1.0', '2026-01-26', 'Sofia Lindqvist (Head of People)', 'Role competence matrix and training log set up'),
	('DOC-008', 2, '1.1', '2026-02-27', 'Sofia Lindqvist (Head of People)', 'Q1 onboarding security training completions added'),
	('DOC-008', 3, '1.2', '2026-04-01', 'Sofia Lindqvist (Head of People)', 'CISO and internal auditor qualifications recorded'),
	('DOC-008', 4, '1.3', '2026-05-04', 'Sofia Lindqvist (Head of People)', 'April phishing simulation results and follow-up training'),

	('DOC-009', 1, '0.1', '2026-01-16', 'Nadia Rahman (CISO)', 'Draft: naming, versioning, approval and retention of ISMS documents'),
	('DOC-009', 2, '1.0', '2026-01-30', 'Nadia Rahman (CISO)', 'Approved by the CEO'),

	('DOC-010', 1, '1.0', '2026-02-16', 'Daniel Kerr (Head of Engineering)', 'Defined which operational records are kept and where (changes, deployments, on-call)'),
	('DOC-010', 2, '1.1', '2026-04-13', 'Daniel Kerr (Head of Engineering)', 'Supplier review and on-call handover records added'),

	('DOC-011', 1, '0.1', '2026-02-20', 'Nadia Rahman (CISO)', 'Results of the risk workshop: 15 risks identified and rated'),
	('DOC-011', 2, '0.2', '2026-03-02', 'Nadia Rahman (CISO)', 'Ratings challenged by the CTO and Head of Engineering; R-002 raised to critical'),
	('DOC-011', 3, '1.0', '2026-03-09', 'Nadia Rahman (CISO)', 'Approved by the CEO'),

	('DOC-012', 1, '0.1', '2026-05-04', 'Nadia Rahman (CISO)', 'Draft status of all treatment actions'),
	('DOC-012', 2, '1.0', '2026-05-18', 'Nadia Rahman (CISO)', 'Presented at the management review: four risks closed, three accepted, two not started'),

	('DOC-013', 1, '1.0', '2026-04-08', 'Nadia Rahman (CISO)', 'Q1 figures: MFA coverage, patch deadlines met, training completion, incidents'),
	('DOC-013', 2, '1.1', '2026-04-20', 'Nadia Rahman (CISO)', 'Patch deadline figures corrected after a reporting fix'),

	('DOC-014', 1, '0.1', '2026-02-02', 'Nadia Rahman (CISO)', 'Three-year audit programme drafted'),
	('DOC-014', 2, '0.2', '2026-04-24', 'Ruth Ellison (Internal Auditor)', 'Audit report: two minor nonconformities (NC-01, NC-02) and five observations'),
	('DOC-014', 3, '1.0', '2026-04-30', 'Nadia Rahman (CISO)', 'Approved by the CEO'),

	('DOC-015', 1, '1.0', '2026-05-20', 'Nadia Rahman (CISO)', 'Minutes of the 18 May 2026 review with actions MR-01 to MR-06'),

	('DOC-016', 1, '1.0', '2026-02-02', 'Nadia Rahman (CISO)', 'Log created'),
	('DOC-016', 2, '1.1', '2026-04-30', 'Nadia Rahman (CISO)', 'NC-01 (leaver accounts removed late) and NC-02 (restore test not done) recorded'),
	('DOC-016', 3, '1.2', '2026-05-06', 'Nadia Rahman (CISO)', 'Root causes and corrective actions linked'),

	('DOC-017', 1, '1.0', '2026-05-06', 'Nadia Rahman (CISO)', 'CA-01 automatic deprovisioning from the HR system; CA-02 quarterly restore test'),
	('DOC-017', 2, '1.1', '2026-05-13', 'Nadia Rahman (CISO)', 'CA-01 verified effective (April and May leavers removed on the day); CA-02 booked for June'),

	('DOC-018', 1, '1.0', '2026-02-16', 'Nadia Rahman (CISO)', 'Access control, cryptography, supplier, backup, secure development, cloud and remote working policies issued'),
	('DOC-018', 2, '1.1', '2026-03-02', 'Nadia Rahman (CISO)', 'Staff acknowledgements tracked in the HR system; remote working section simplified'),

	('DOC-019', 1, '1.0', '2026-01-23', 'Marcus Bell (Operations Lead)', 'First inventory of information, systems, people, site and suppliers'),
	('DOC-019', 2, '1.1', '2026-02-13', 'Marcus Bell (Operations Lead)', 'Owners confirmed for every asset'),
	('DOC-019', 3, '1.2', '2026-03-27', 'Marcus Bell (Operations Lead)', 'Classification and CIA ratings added'),
	('DOC-019', 4, '1.3', '2026-05-11', 'Marcus Bell (Operations Lead)', 'Quarterly review; laptop count updated to 64'),

	('DOC-020', 1, '1.0', '2023-09-04', 'Marcus Bell (Operations Lead)', 'Original staff IT rules'),
	('DOC-020', 2, '2.0', '2025-01-13', 'Marcus Bell (Operations Lead)', 'Rewritten for hybrid and remote working'),
	('DOC-020', 3, '3.0', '2026-02-16', 'Nadia Rahman (CISO)', 'Aligned with the four-level classification scheme and handling rules'),

	('DOC-021', 1, '1.0', '2024-06-10', 'Tomasz Nowak (CTO)', 'On-call incident runbook for outages'),
	('DOC-021', 2, '2.0', '2026-02-23', 'Nadia Rahman (CISO)', 'Extended to security incidents: triage, severity, evidence, 72-hour breach notification'),
	('DOC-021', 3, '2.1', '2026-03-16', 'Nadia Rahman (CISO)', 'Lessons from the March tabletop exercise: customer communication templates'),

	('DOC-022', 1, '1.0', '2026-02-27', 'Nadia Rahman (CISO)', 'GDPR, UK GDPR, employment, tax and customer contract obligations listed with owners'),
	('DOC-022', 2, '1.1', '2026-03-30', 'Nadia Rahman (CISO)', 'Customer DPA commitments added; NIS2 applicability assessed (not in scope)'),

	('DOC-023', 1, '1.0', '2024-11-04', 'Daniel Kerr (Head of Engineering)', 'Runbooks moved from the wiki into a repository'),
	('DOC-023', 2, '2.0', '2025-10-06', 'Daniel Kerr (Head of Engineering)', 'Rewritten for the move to Kubernetes'),
	('DOC-023', 3, '2.1', '2026-02-09', 'Daniel Kerr (Head of Engineering)', 'Access request and break-glass procedures added'),
	('DOC-023', 4, '2.2', '2026-04-27', 'Daniel Kerr (Head of Engineering)', 'Database failover steps updated after the February test'),

	('DOC-024', 1, '1.0', '2022-05-09', 'Sofia Lindqvist (Head of People)', 'Original employment contract template'),
	('DOC-024', 2, '2.0', '2026-02-23', 'Sofia Lindqvist (Head of People)', 'Security duties, confidentiality after leaving and disciplinary reference added'),

	('DOC-025', 1, '1.0', '2023-03-06', 'Grace Adeyemi (Finance Lead)', 'Mutual NDA template for prospects and partners'),
	('DOC-025', 2, '1.1', '2025-06-02', 'Grace Adeyemi (Finance Lead)', 'Contractor confidentiality agreement added'),
	('DOC-025', 3, '1.2', '2026-03-09', 'Grace Adeyemi (Finance Lead)', 'Signed copies indexed; review of return and destruction clauses'),

	('DOC-026', 1, '1.0', '2026-03-02', 'Daniel Kerr (Head of Engineering)', 'Baselines for AWS accounts, Kubernetes, database and laptops (MDM)'),
	('DOC-026', 2, '1.1', '2026-04-06', 'Daniel Kerr (Head of Engineering)', 'Deviations from CIS benchmarks recorded with reasons'),

	('DOC-027', 1, '0.1', '2026-03-02', 'Daniel Kerr (Head of Engineering)', 'Draft: which logs are collected and who can read them'),
	('DOC-027', 2, '1.0', '2026-03-16', 'Daniel Kerr (Head of Engineering)', 'Approved: cloud audit, application audit and SSO logs kept 13 months'),

	('DOC-028', 1, '0.1', '2026-04-13', 'Tomasz Nowak (CTO)', 'Outline of principles (least privilege, defence in depth, tenant isolation)'),
	('DOC-028', 2, '0.2', '2026-05-04', 'Tomasz Nowak (CTO)', 'Comments from the platform team worked in'),
	('DOC-028', 3, '0.3', '2026-05-26', 'Tomasz Nowak (CTO)', 'Sent to the CISO for review'),

	('DOC-029', 1, '1.0', '2026-02-20', 'Nadia Rahman (CISO)', 'Register created from the risk workshop: 15 risks'),
	('DOC-029', 2, '1.1', '2026-03-09', 'Nadia Rahman (CISO)', 'Ratings agreed; owners assigned'),
	('DOC-029', 3, '1.2', '2026-03-23', 'Nadia Rahman (CISO)', 'Acceptance of R-003, R-012 and R-014 recorded'),
	('DOC-029', 4, '1.3', '2026-04-30', 'Nadia Rahman (CISO)', 'R-004, R-009 and R-013 closed'),
	('DOC-029', 5, '1.4', '2026-05-18', 'Nadia Rahman (CISO)', 'Reviewed at the management review; R-008 closed after automatic deprovisioning went live'),

	('DOC-030', 1, '0.1', '2026-04-06', 'Tomasz Nowak (CTO)', 'Draft: scenarios, RTO 8 hours and RPO 1 hour, recovery roles'),
	('DOC-030', 2, '0.2', '2026-05-11', 'Tomasz Nowak (CTO)', 'Region recovery steps and customer communication added'),
	('DOC-030', 3, '1.0', '2026-05-27', 'Tomasz Nowak (CTO)', 'Approved by the CEO; published after the first restore test (CA-02)'),

	('DOC-031', 1, '1.0', '2026-03-02', 'Marcus Bell (Operations Lead)', 'Twenty suppliers listed with data access and assurance evidence'),
	('DOC-031', 2, '1.1', '2026-04-20', 'Marcus Bell (Operations Lead)', 'Yearly review of the payment provider PCI DSS attestation recorded'),

	('DOC-032', 1, '0.1', '2026-05-28', 'Sofia Lindqvist (Head of People)', 'First draft: topics per role, phishing simulations, privacy module');

-- ---------------------------------------------------------------- SoA
-- One UPDATE per Annex A control. Three exclusions: 7.6, 7.12, 8.30.

UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Needed to direct the ISMS; policy set DOC-002 and DOC-018', evidence = 'Confluence > ISMS > Policies; acknowledgements in HR system',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.1';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'ISMS and risk owner roles must be clear in a small team', evidence = 'Confluence > ISMS > Governance > RACI',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.2';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-005; where duties cannot be split in a small team, peer review and logging compensate', evidence = 'GitHub branch protection; AWS IAM role matrix',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.3';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Helen Marsh (CEO)',
	justification = 'Managers must make their teams follow the policies', evidence = 'Management review minutes DOC-015',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.4';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Breach notification to the data protection authority; police contact for fraud', evidence = 'Contact list in DOC-021',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.5';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Nadia Rahman (CISO)',
	justification = 'Small team relies on peers for security news; member of a regional security forum', evidence = 'Confluence > ISMS > Memberships',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.6';
UPDATE soa SET applicable = 'yes', implementation = 'planned', owner = 'Nadia Rahman (CISO)',
	justification = 'Threat information helps prioritise cloud and phishing defences; feed evaluation planned for Q3 2026', evidence = 'Jira ISMS-41',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.7';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Product changes handle customer data; security step in discovery and epics', evidence = 'Jira epic template with security checklist',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.8';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Required to know what to protect; asset inventory DOC-019', evidence = 'ismsnav assets register; MDM device list',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.9';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Staff handle restricted customer data; acceptable use policy DOC-020', evidence = 'Acknowledgements in HR system',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.10';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Sofia Lindqvist (Head of People)',
	justification = 'R-008; laptops and security keys returned when people leave', evidence = 'Leaver checklist in HR system',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.11';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Customer contracts require protection of customer data; four-level scheme', evidence = 'Classification section of DOC-020',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.12';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Nadia Rahman (CISO)',
	justification = 'Labels needed so staff see the classification; applied in Drive and templates, not yet in data exports', evidence = 'Google Drive label settings',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.13';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Customer files and exports are exchanged daily; encrypted transfer only', evidence = 'Information transfer section of DOC-018',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.14';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-013; role-based access to the platform and internal tools', evidence = 'Access control policy in DOC-018; quarterly access reviews',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.15';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-008, R-013; one identity per person through SSO, created from the HR system', evidence = 'Google Workspace user list; HR provisioning log',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.16';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-002, R-011; password manager rolled out, move of static secrets to the vault in progress', evidence = 'Password manager admin report; secrets migration tracker',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.17';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-005, R-008; joiner, mover and leaver process with quarterly reviews', evidence = 'Access review records Q1 2026',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.18';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'R-012; suppliers with data access are assessed before onboarding', evidence = 'Supplier security register DOC-031',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.19';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Grace Adeyemi (Finance Lead)',
	justification = 'R-012; security and data protection clauses in supplier contracts', evidence = 'Contract repository; signed DPAs',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.20';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'Product depends on open-source libraries and SaaS tools; software bill of materials not yet produced', evidence = 'Dependency bot configuration',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.21';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-003, R-012; key suppliers and their attestations reviewed yearly', evidence = 'Supplier review records in DOC-031',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.22';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-001; production runs on AWS; cloud policy issued, exit plan still open', evidence = 'Cloud section of DOC-018; AWS Security Hub',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.23';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Customer contracts and GDPR require prompt incident handling; roles and on-call rota defined', evidence = 'DOC-021; on-call rota in the alerting tool',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.24';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Security events must be triaged consistently', evidence = 'Severity matrix in DOC-021',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.25';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Customer contracts and GDPR; incident response procedure DOC-021', evidence = 'DOC-021; tabletop exercise report March 2026',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.26';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Each serious incident should improve controls; post-incident review for every severity 1 or 2', evidence = 'Post-incident reviews in Confluence',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.27';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Nadia Rahman (CISO)',
	justification = 'Evidence may be needed for claims or police; steps written, forensic partner not yet contracted', evidence = 'Evidence section of DOC-021',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.28';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-003; security controls must hold during a region recovery', evidence = 'Security section of DOC-030',
	last_reviewed = '2026-05-27', updated = '2026-05-27T12:00:00Z' WHERE control = '5.29';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-003, R-007; RTO 8 hours and RPO 1 hour promised to customers; plan approved, restore test pending', evidence = 'Business continuity and DR plan DOC-030',
	last_reviewed = '2026-05-27', updated = '2026-05-27T12:00:00Z' WHERE control = '5.30';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'R-015; GDPR, employment law and customer contracts; requirements register DOC-022', evidence = 'DOC-022',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.31';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Grace Adeyemi (Finance Lead)',
	justification = 'Commercial and open-source licences must be respected', evidence = 'Licence register; licence scan in CI',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.32';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Grace Adeyemi (Finance Lead)',
	justification = 'Financial, HR and ISMS records must be kept for set periods', evidence = 'Retention schedule in DOC-009',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.33';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Nadia Rahman (CISO)',
	justification = 'R-015; processor of customer PII under GDPR; records of processing kept, DPIA process still informal', evidence = 'Google Drive /Privacy/Records of processing',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.34';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Helen Marsh (CEO)',
	justification = 'Customers expect independent assurance; contractor internal audit done, certification audit booked for Q3 2026', evidence = 'DOC-014; certification body booking',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.35';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Nadia Rahman (CISO)',
	justification = 'Compliance checked by internal audit and automated configuration checks', evidence = 'Internal audit report DOC-014',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.36';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-013; written runbooks for operations and customer support', evidence = 'Runbooks DOC-023; support scripts',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '5.37';

UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Sofia Lindqvist (Head of People)',
	justification = 'R-005; background checks for everyone, deeper for staff with production access', evidence = 'Screening records in HR system',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.1';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Sofia Lindqvist (Head of People)',
	justification = 'Security duties must be part of employment terms', evidence = 'Employment contract template DOC-024',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.2';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Sofia Lindqvist (Head of People)',
	justification = 'R-002, R-013; onboarding training, yearly refresher and phishing simulations', evidence = 'Training records DOC-008',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.3';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Sofia Lindqvist (Head of People)',
	justification = 'Policy breaches need a fair, known consequence', evidence = 'Employee handbook > Disciplinary procedure',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.4';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Sofia Lindqvist (Head of People)',
	justification = 'R-008; confidentiality continues after leaving', evidence = 'Leaver checklist; contract clause in DOC-024',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.5';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Grace Adeyemi (Finance Lead)',
	justification = 'Staff, contractors and partners see confidential information', evidence = 'Signed agreements DOC-025',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.6';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-009; most staff work hybrid or fully remote', evidence = 'Remote working section of DOC-018',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.7';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Nadia Rahman (CISO)',
	justification = 'Staff need one easy way to report events; chat channel and security mailbox', evidence = 'Event log in Jira SEC project',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '6.8';

UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-014; leased office floor in a shared building', evidence = 'Lease; building access rules',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.1';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-014; badge entry and visitor sign-in', evidence = 'Visitor log; badge list',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.2';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Office holds laptops and papers; lockable storage and meeting room', evidence = 'Office security checklist',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.3';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-014; building CCTV run by the landlord, no monitoring of our own', evidence = 'Landlord security agreement',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.4';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Office must be safe from fire and flood; protection provided by the landlord, no servers on site', evidence = 'Landlord fire safety certificate',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.5';
UPDATE soa SET applicable = 'no', implementation = 'not_started', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Excluded: there are no secure areas; we run no server room or data centre, and the physical security of production hosting is covered through supplier assurance under 5.23', evidence = 'AWS assurance reports in the supplier file',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.6';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-014; clear desk rule and screen lock enforced by MDM', evidence = 'MDM screen-lock profile',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.7';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Office router and switch kept in a locked cabinet', evidence = 'Office security checklist',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.8';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-009; laptops are used at home and when travelling', evidence = 'MDM encryption report',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.9';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'USB storage blocked by MDM; no removable media in use', evidence = 'MDM device restriction profile',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.10';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Office network needs power; UPS on the network cabinet, staff can work from home during outages', evidence = 'UPS test log',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.11';
UPDATE soa SET applicable = 'no', implementation = 'not_started', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Excluded: we own no cabling that carries production or customer data; office cabling belongs to the landlord and only provides internet access, which is treated as untrusted', evidence = '',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.12';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Laptops repaired only by an authorised vendor, encrypted or wiped first', evidence = 'Repair log',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.13';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Old laptops hold company data; wiped and disposed through a certified recycler', evidence = 'Disposal certificates in Google Drive /ISMS/Records',
	last_reviewed = '2026-04-22', updated = '2026-04-22T10:00:00Z' WHERE control = '7.14';

UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-004, R-009; MDM on all laptops with encryption, updates and screen lock', evidence = 'MDM compliance dashboard',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.1';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-005; just-in-time access live for databases, not yet for Kubernetes', evidence = 'Access broker logs',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.2';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-001; tenant isolation in the application; storage bucket policies under review', evidence = 'Security Hub findings report',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.3';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-011; private repositories, branch protection, SSO-only access', evidence = 'GitHub organisation settings export',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.4';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-002; SSO with MFA everywhere; security keys for administrators being rolled out', evidence = 'SSO MFA enrolment report',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.5';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-010; autoscaling and capacity alerts for cluster and database', evidence = 'Monitoring dashboards; alert rules',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.6';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Marcus Bell (Operations Lead)',
	justification = 'R-002, R-004; endpoint detection and response on all laptops', evidence = 'EDR console report',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.7';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-004, R-006; laptop patching automated; fix deadlines for dependencies not yet met for high findings', evidence = 'Dependency scanner deadline report',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.8';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-001; infrastructure as code and baselines DOC-026; drift detection in progress', evidence = 'Terraform repository; DOC-026',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.9';
UPDATE soa SET applicable = 'yes', implementation = 'planned', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-015; automatic deletion of customer data after contract end planned for Q4 2026', evidence = 'Jira PLAT-310',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.10';
UPDATE soa SET applicable = 'yes', implementation = 'not_started', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Support and analytics views should hide personal data not needed for the task; not yet started', evidence = 'Jira PLAT-288',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.11';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Restricted customer data must not leave approved systems; external sharing limits in Google Workspace, wider DLP planned', evidence = 'Workspace sharing settings',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.12';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-004, R-007; daily snapshots and cross-region copies; restore tests not yet routine (NC-02)', evidence = 'AWS Backup job reports',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.13';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-003, R-007, R-010; database and cluster spread over three availability zones', evidence = 'Architecture diagram; failover test February 2026',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.14';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-005; cloud audit, application audit and SSO logs kept 13 months', evidence = 'Logging standard DOC-027',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.15';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-001; alerts on key security events, out-of-hours cover by on-call only', evidence = 'Alert rules repository',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.16';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Log correlation needs consistent time; cloud-provided time sources everywhere', evidence = 'Configuration baselines DOC-026',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.17';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Powerful admin tools limited to the platform team', evidence = 'IAM policy for platform role',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.18';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Only the CI/CD pipeline may install software in production', evidence = 'Deployment pipeline configuration',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.19';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-010; security groups and private subnets, no public database endpoints', evidence = 'Terraform network module',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.20';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-010; CDN, managed DDoS protection and web application firewall from the cloud provider', evidence = 'WAF configuration; service terms on file',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.21';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Production must be isolated from staging and corporate networks; separate VPCs and accounts', evidence = 'AWS organisation structure',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.22';
UPDATE soa SET applicable = 'yes', implementation = 'planned', owner = 'Marcus Bell (Operations Lead)',
	justification = 'Blocks known malicious sites for remote staff; DNS filtering planned with the MDM renewal in Q3 2026', evidence = 'Jira IT-52',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.23';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Tomasz Nowak (CTO)',
	justification = 'R-001, R-009, R-011; TLS in transit, KMS encryption at rest, full-disk encryption on laptops', evidence = 'Cryptography section of DOC-018; KMS key list',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.24';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-006; secure development policy in place, threat modelling for major features only', evidence = 'Secure development policy; pull request template',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.25';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Customer contracts set security requirements for the product; captured in epics', evidence = 'Jira epic template',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.26';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Tomasz Nowak (CTO)',
	justification = 'Multi-tenant platform needs agreed design principles; DOC-028 in review', evidence = 'DOC-028 draft',
	last_reviewed = '2026-05-27', updated = '2026-05-27T12:05:00Z' WHERE control = '8.27';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-006, R-011; mandatory code review; secret scanning on new repositories only', evidence = 'GitHub code scanning settings',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.28';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'R-006; static analysis in CI and yearly penetration test; dynamic testing planned', evidence = 'Penetration test report November 2025',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.29';
UPDATE soa SET applicable = 'no', implementation = 'not_started', owner = 'Tomasz Nowak (CTO)',
	justification = 'Excluded: all development is done by our own employees and none is outsourced; to be reconsidered before any development contractor is engaged', evidence = '',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.30';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Separate AWS accounts for development, staging and production', evidence = 'AWS organisation structure',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.31';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Every change goes through a reviewed pull request and CI', evidence = 'GitHub branch protection; change records DOC-010',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.32';
UPDATE soa SET applicable = 'yes', implementation = 'partial', owner = 'Daniel Kerr (Head of Engineering)',
	justification = 'Customer data must not be exposed in testing; synthetic data in most services, one legacy service still uses anonymised copies', evidence = 'Test data standard',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.33';
UPDATE soa SET applicable = 'yes', implementation = 'implemented', owner = 'Tomasz Nowak (CTO)',
	justification = 'Penetration tests and audits must not disrupt production; scoped and scheduled', evidence = 'Penetration test rules of engagement',
	last_reviewed = '2026-05-11', updated = '2026-05-11T14:30:00Z' WHERE control = '8.34';
