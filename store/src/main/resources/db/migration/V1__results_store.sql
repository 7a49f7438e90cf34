-- dgmbench team results store, schema version 1 (docs/store.md).
-- Documents are kept as `json` (not `jsonb`): json keeps the canonical text byte for byte, so runs read back
-- from the store equal the folder ones (jsonb would rewrite numbers such as -0.0 or 1.0E20 and change digests).
-- The json operators (->, ->>) still work on them; `metric` and the `run_metric` view make metric queries plain SQL.

-- One row per spec (digest of the canonical resolved spec); the first push of a spec writes it.
CREATE TABLE study (
    spec_digest     text        PRIMARY KEY,
    name            text        NOT NULL,
    description     text,
    spec_file       text,
    spec_text       text,
    rerun           text,
    info            json        NOT NULL,            -- StudyInfo (study.json) as first pushed
    first_pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX study_name_idx ON study (name);

-- One row per `push` of a result folder. finished_at stays NULL when the push was killed or failed.
-- The claims of the folder (claims.json) hang off the push that uploaded them.
CREATE TABLE push (
    id           bigserial   PRIMARY KEY,
    spec_digest  text        NOT NULL REFERENCES study,
    study        text        NOT NULL,
    folder       text,                               -- the pushed folder, as the pushing machine named it
    pushed_from  text        NOT NULL,               -- host name of the machine that pushed
    pushed_by    text        NOT NULL DEFAULT current_user,
    suite_commit text        NOT NULL,               -- the runs' commit, or '(mixed)'
    backend      text        NOT NULL,               -- the runs' backend, or '(mixed)'
    build        text        NOT NULL,               -- the runs' build, or '(mixed)'
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    n_runs       integer     NOT NULL,               -- run folders in the pushed folder
    n_ok         integer     NOT NULL,
    n_new        integer,
    n_existing   integer,
    n_replaced   integer,
    n_claims     integer
);
CREATE INDEX push_spec_idx ON push (spec_digest, suite_commit);

-- One row per run. The identity (constraint run_identity) says when two uploads are the same run: same spec,
-- run id (grid point and seed), seed, backend, build and suite commit. Uploading a run whose identity is
-- stored changes nothing, except that an OK run replaces a FAILED one.
CREATE TABLE run (
    id           bigserial   PRIMARY KEY,
    spec_digest  text        NOT NULL REFERENCES study,
    run_id       text        NOT NULL,
    seed         bigint      NOT NULL,
    backend      text        NOT NULL,
    build        text        NOT NULL,               -- build/classifier (provenance build|classifier), '' if unknown
    suite_commit text        NOT NULL,               -- provenance commit, '' if unknown
    study        text        NOT NULL,               -- the spec's name
    grid_point   jsonb       NOT NULL,               -- e.g. {"model.beta": 0.2}: query with @>
    host         text        NOT NULL,               -- provenance host|hostname, '' if unknown
    branch       text        NOT NULL,               -- provenance branch, '' if unknown
    status       text        NOT NULL CHECK (status IN ('OK', 'FAILED')),
    failure      text,
    started_at   timestamptz,
    finished_at  timestamptz,
    digest       text        NOT NULL,               -- sha-256 of the canonical metrics
    push_id      bigint      NOT NULL REFERENCES push,
    pushed_at    timestamptz NOT NULL DEFAULT now(),
    info         json        NOT NULL,               -- run.json
    metrics      json        NOT NULL,               -- metrics.json
    history      json        NOT NULL,               -- history.json
    timings      json        NOT NULL,               -- timings.json
    provenance   json        NOT NULL,               -- provenance.json
    samples      json,                               -- samples.json (absent: NULL)
    traces       json        NOT NULL,               -- traces.json
    CONSTRAINT run_identity UNIQUE (spec_digest, run_id, seed, backend, build, suite_commit)
);
CREATE INDEX run_study_idx ON run (study, pushed_at);
CREATE INDEX run_set_idx ON run (spec_digest, suite_commit, backend, build);

-- The numbers of metrics.json, one row each: sampler '' holds the model metrics (nll, kl, ...).
CREATE TABLE metric (
    run     bigint           NOT NULL REFERENCES run ON DELETE CASCADE,
    sampler text             NOT NULL,
    name    text             NOT NULL,
    value   double precision,
    PRIMARY KEY (run, sampler, name)
);
CREATE INDEX metric_name_idx ON metric (name, sampler);

-- claims.json of a pushed folder, in its order.
CREATE TABLE claim (
    push_id     bigint           NOT NULL REFERENCES push ON DELETE CASCADE,
    ordinal     integer          NOT NULL,
    claim_id    text             NOT NULL,
    metric      text,
    verdict     text             NOT NULL,
    expected    text,
    p_value     double precision,
    effect_size double precision,
    result      json             NOT NULL,           -- the ClaimResult
    PRIMARY KEY (push_id, ordinal)
);

-- One row per run and metric, with the run's identity and where it ran: the shape ad-hoc history queries want.
CREATE VIEW run_metric AS
SELECT r.study, r.spec_digest, r.run_id, r.seed, r.grid_point, r.backend, r.build, r.suite_commit, r.branch,
       r.host, r.status, r.pushed_at, m.sampler, m.name AS metric, m.value
FROM run r JOIN metric m ON m.run = r.id;
