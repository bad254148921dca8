-- ref_notes_rows.sql: the rows of `stemtui export notes`, the way one
-- would ask the sqlite3 CLI for them (a view that ref_notes_csv.sql and
-- ref_notes_json.sql select from; ref_factor_order.sql is read first):
-- the live notes in the order they were entered, with their session,
-- programme, whom they are about and their tags in the codebook's tree
-- order ("VB1+ LD2- TM3": + enabler, - barrier), each note's tags read
-- from its key.
CREATE TEMP VIEW note_rows AS
SELECT n.id, pr.name AS programme, s.code AS session, s.kind AS session_kind,
	n.session_date AS date, n.created_at, n.updated_at, n.kind, n.group_label AS "group",
	coalesce(p.first_name || ' ' || p.last_name, o.name, '') AS about, n.author,
	n.body AS text,
	coalesce((SELECT group_concat(x.code || CASE x.polarity WHEN 1 THEN '+'
			WHEN -1 THEN '-' ELSE '' END, ' ')
		FROM (SELECT r.code, t.polarity FROM tag t JOIN ranked r ON r.id = t.factor_id
			WHERE t.note_id = n.id ORDER BY r.rank) x), '') AS tags
FROM note n CROSS JOIN session s ON s.id = n.session_id
JOIN programme pr ON pr.id = s.programme_id
LEFT JOIN person p ON p.id = n.about_person_id
LEFT JOIN organisation o ON o.id = n.about_org_id
WHERE n.deleted_at IS NULL
ORDER BY n.created_at, n.id;
