-- ref_first_review.sql: the SQL of the notes review's first screen (R in
-- the browser: every live note, by session date, newest first), for
-- bench_keys to run in the sqlite3 CLI beside it: the statements
-- stemtui's trace shows, in its order, with the values it binds written
-- in (a screenful of 36 notes, counted up to 1000).  The tags of the
-- page's notes are read for the ids of the page, which stemtui has in
-- hand and sqlite3 reads again from the index.
CREATE TEMP VIEW page AS
SELECT n.id FROM note n WHERE n.deleted_at IS NULL
ORDER BY n.session_date DESC, n.created_at DESC, n.id DESC LIMIT 36;
WITH RECURSIVE tree(id, depth, path) AS (
	SELECT id, 0, printf('%010d.%019d', position, id) FROM factor WHERE parent_id IS NULL
	UNION ALL SELECT f.id, tree.depth + 1,
		tree.path || '/' || printf('%010d.%019d', f.position, f.id)
	FROM factor f JOIN tree ON f.parent_id = tree.id)
SELECT DISTINCT t.note_id, f.code, t.polarity, tree.path
FROM tag t JOIN factor f ON f.id = t.factor_id JOIN tree ON tree.id = f.id
WHERE t.note_id IN (SELECT value FROM json_each((SELECT json_group_array(id) FROM page)))
ORDER BY t.note_id, tree.path, t.polarity DESC;
SELECT n.id, n.session_id, n.kind, n.body, n.group_label, coalesce(n.about_person_id, 0),
	coalesce(n.about_org_id, 0), n.author, n.created_at, n.updated_at,
	coalesce(n.deleted_at, ''), pr.name, s.code, s.kind, n.session_date,
	coalesce(p.first_name || ' ' || p.last_name, o.name, ''), coalesce(o.name, ho.name, '')
FROM (SELECT n.id AS page_id FROM note n WHERE 1 AND n.deleted_at IS NULL
	ORDER BY n.session_date DESC, n.created_at DESC, n.id DESC LIMIT 36)
CROSS JOIN note n ON n.id = page_id CROSS JOIN session s ON s.id = n.session_id
JOIN programme pr ON pr.id = s.programme_id LEFT JOIN person p ON p.id = n.about_person_id
LEFT JOIN organisation o ON o.id = n.about_org_id
LEFT JOIN organisation ho ON ho.id = s.host_org_id
ORDER BY n.session_date DESC, n.created_at DESC, n.id DESC;
SELECT count(*) FROM (SELECT 1 FROM note n WHERE 1 AND n.deleted_at IS NULL LIMIT 1001);
