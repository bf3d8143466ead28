-- The documents the sidebar filters select (app/filter_model.Filters), as a table macro made
-- on every warehouse connection (app/queries.py, _connection):
--
--     SELECT … FROM filtered_documents($inst, $y0, $y1, $provs, $types, $levels)
--
-- Every filter is a parameter; NULL or an empty list means "no filter":
--   inst    instrument_key the document implements
--   y0, y1  year range of the document's date (issue, else event, else publication date);
--           undated documents count only while both are NULL
--   provs   GSO province codes, types document types, levels issuer levels (lists)
-- A macro is inlined where it is called: the planner sees the same query as if this text
-- were written there. The folded text is not a column here: a CTE over it would read every
-- document's whole text for a count (the search joins it in, app/queries.py _SEARCH).
CREATE MACRO memory.main.filtered_documents(inst, y0, y1, provs, types, levels) AS TABLE
    SELECT d.doc_id, d.source_file, d.title, d.doc_number, d.doc_type, d.issuer, d.level,
           d.province_code,
           coalesce(p.name_vi, d.province_name) AS province,
           d.district, d.issue_date, d.event_date, d.published_date,
           coalesce(d.issue_date, d.event_date, d.published_date) AS doc_date,
           -- a plan, or a news item that reports one by its number (…/KH-…, …-CTr/…)
           (d.doc_type = 'plan' OR (d.doc_type = 'news' AND d.doc_number IS NOT NULL
                AND regexp_matches(d.doc_number, '(^|[/-])(KH|CTr|CTR)([/-]|$)'))) AS is_plan
    FROM documents d LEFT JOIN provinces p ON p.gso_code = d.province_code
    WHERE (inst::VARCHAR IS NULL OR EXISTS (
              SELECT 1 FROM document_instruments di
              WHERE di.doc_id = d.doc_id AND di.relation = 'implements'
                AND di.instrument_key = inst::VARCHAR))
      AND ((y0::INTEGER IS NULL AND y1::INTEGER IS NULL)
           OR year(coalesce(d.issue_date, d.event_date, d.published_date))
              BETWEEN coalesce(y0::INTEGER, 0) AND coalesce(y1::INTEGER, 9999))
      AND (len(provs::VARCHAR[]) = 0 OR list_contains(provs::VARCHAR[], d.province_code))
      AND (len(types::VARCHAR[]) = 0 OR list_contains(types::VARCHAR[], d.doc_type))
      AND (len(levels::VARCHAR[]) = 0 OR list_contains(levels::VARCHAR[], d.level))
