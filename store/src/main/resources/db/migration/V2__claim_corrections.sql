-- The multiplicity correction and sanity warnings of each claim (claims.json since the statistics rework), as
-- columns, so that a query can select on adjusted p-values and warnings without unpacking result. Claims pushed
-- before this migration get them from their stored result; a claims.json of before the correction has none (its
-- adjusted p is its raw p, correction 'none', family 1: what ClaimResult reads it as).
ALTER TABLE claim
    ADD COLUMN correction          text,             -- holm, benjamini-hochberg or none
    ADD COLUMN family              integer,          -- claims judged together by the correction
    ADD COLUMN p_adjusted          double precision, -- the claimed direction's p after the correction (verdicts use it)
    ADD COLUMN p_opposite          double precision, -- the opposite direction's p, raw
    ADD COLUMN p_opposite_adjusted double precision, -- ... and after the correction (a REFUTED verdict rests on it)
    ADD COLUMN warnings            text[] NOT NULL DEFAULT '{}';

UPDATE claim SET
    correction = coalesce(result->>'correction', 'none'),
    family = coalesce((result->>'family')::integer, 1),
    p_adjusted = CASE WHEN json_typeof(result->'pAdjusted') = 'number' THEN (result->>'pAdjusted')::double precision
                      ELSE p_value END,
    p_opposite = CASE WHEN json_typeof(result->'pOpposite') = 'number' THEN (result->>'pOpposite')::double precision END,
    p_opposite_adjusted = CASE WHEN json_typeof(result->'pOppositeAdjusted') = 'number'
                               THEN (result->>'pOppositeAdjusted')::double precision
                               WHEN json_typeof(result->'pOpposite') = 'number'
                               THEN (result->>'pOpposite')::double precision END,
    warnings = CASE WHEN json_typeof(result->'warnings') = 'array'
                    THEN ARRAY(SELECT json_array_elements_text(result->'warnings')) ELSE '{}' END;
