-- ref_factor_order.sql: the codebook's tree order, computed once, for
-- the reference queries that list a note's tags in that order
-- (ref_notes_*.sql read it first): every factor with its code and its
-- place (rank) in depth-first order, siblings by position.
CREATE TEMP TABLE ranked (id INTEGER PRIMARY KEY, code TEXT, rank INTEGER);
INSERT INTO ranked
WITH RECURSIVE tree(id, code, path) AS (
	SELECT id, code, printf('%010d.%019d', position, id) FROM factor WHERE parent_id IS NULL
	UNION ALL
	SELECT f.id, f.code, tree.path || '/' || printf('%010d.%019d', f.position, f.id)
	FROM factor f JOIN tree ON f.parent_id = tree.id)
SELECT id, code, row_number() OVER (ORDER BY path) FROM tree;
