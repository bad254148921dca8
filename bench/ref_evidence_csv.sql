-- ref_evidence_csv.sql: what `stemtui export evidence --format csv`
-- writes, asked of the sqlite3 CLI (sqlite3 -csv -header): per factor in
-- the codebook's tree order, its tagged live notes in the order they were
-- entered, with the factor's path of codes ("VB > VB1") and the school
-- (the one the note is about, else the session's host).  sqlite3 quotes
-- more cells than stemtui: bench_exports.sh compares the cells.
WITH RECURSIVE tree(id, code, name, path, sort) AS (
	SELECT id, code, name, code, printf('%010d.%019d', position, id)
	FROM factor WHERE parent_id IS NULL
	UNION ALL
	SELECT f.id, f.code, f.name, tree.path || ' > ' || f.code,
		tree.sort || '/' || printf('%010d.%019d', f.position, f.id)
	FROM factor f JOIN tree ON f.parent_id = tree.id)
SELECT tr.code AS factor, tr.name AS factor_name, tr.path,
	CASE t.polarity WHEN 1 THEN 'enabler' WHEN -1 THEN 'barrier' ELSE 'neutral' END
		AS polarity,
	n.id AS note_id, p.name AS programme, s.code AS session, s.kind AS session_kind,
	s.date, coalesce(ao.name, ho.name, '') AS school, n.group_label AS "group", n.kind,
	n.body AS text
FROM tree tr JOIN tag t ON t.factor_id = tr.id JOIN note n ON n.id = t.note_id
JOIN session s ON s.id = n.session_id JOIN programme p ON p.id = s.programme_id
LEFT JOIN organisation ao ON ao.id = n.about_org_id
LEFT JOIN organisation ho ON ho.id = s.host_org_id
WHERE n.deleted_at IS NULL
ORDER BY tr.sort, n.created_at, n.id;
