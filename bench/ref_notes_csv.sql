-- ref_notes_csv.sql: what `stemtui export notes --format csv` writes,
-- the way one would ask the sqlite3 CLI for it (sqlite3 -csv -header):
-- the live notes in the order they were entered, with their session,
-- programme, whom they are about and their tags in the codebook's tree
-- order ("VB1+ LD2- TM3": + enabler, - barrier).  The factors' order is
-- computed once (tree), each note's tags are read from its key.
-- sqlite3 quotes more cells than stemtui (any with a space or a letter
-- outside ASCII) and stemtui puts ' before a cell that starts like a
-- formula: bench_exports.sh compares the cells, not the bytes.
WITH RECURSIVE tree(id, code, path) AS (
	SELECT id, code, printf('%010d.%019d', position, id) FROM factor WHERE parent_id IS NULL
	UNION ALL
	SELECT f.id, f.code, tree.path || '/' || printf('%010d.%019d', f.position, f.id)
	FROM factor f JOIN tree ON f.parent_id = tree.id),
ranked(id, code, rank) AS MATERIALIZED (
	SELECT id, code, row_number() OVER (ORDER BY path) FROM tree)
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
