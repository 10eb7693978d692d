-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15+.
-- An exam attempt (io.meshdojo.exam): the tasks drawn for it (reproducible from its seed), its clock
-- (ends_at, set when its sandbox is READY) and, once graded, its result in both languages.
CREATE TABLE exam_attempt (
  id              VARCHAR(36) PRIMARY KEY,
  account_id      BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  exam_id         VARCHAR(63)  NOT NULL,
  seed            BIGINT       NOT NULL,
  -- JSON: [{"task": id, "parameters": {...}}], in task-number order
  draw            TEXT         NOT NULL,
  status          VARCHAR(16)  NOT NULL
    CHECK (status IN ('PROVISIONING', 'IN_PROGRESS', 'GRADING', 'GRADED')),
  -- exam_id until the attempt is graded: one open attempt per candidate and exam (NULLs never clash)
  open_exam       VARCHAR(63),
  sandbox_id      VARCHAR(36),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at      TIMESTAMP WITH TIME ZONE,
  ends_at         TIMESTAMP WITH TIME ZONE,
  submitted_at    TIMESTAMP WITH TIME ZONE,
  ended_by        VARCHAR(16) CHECK (ended_by IN ('candidate', 'time')),
  -- when grading was claimed: a claim left by a crash is taken over after a while
  grading_since   TIMESTAMP WITH TIME ZONE,
  notes           TEXT,
  current_task    INTEGER,
  current_since   TIMESTAMP WITH TIME ZONE,
  score           DOUBLE PRECISION,
  points_percent  DOUBLE PRECISION,
  passed          BOOLEAN,
  result_en       TEXT,
  result_zh       TEXT,
  CONSTRAINT exam_attempt_one_open UNIQUE (account_id, open_exam)
);
CREATE INDEX exam_attempt_exam ON exam_attempt (exam_id, created_at);
CREATE INDEX exam_attempt_due ON exam_attempt (status, ends_at);

-- What the candidate marked and how long each task was open.
CREATE TABLE exam_attempt_task (
  attempt_id    VARCHAR(36) NOT NULL REFERENCES exam_attempt (id) ON DELETE CASCADE,
  number        INTEGER     NOT NULL,
  flagged       BOOLEAN     DEFAULT FALSE NOT NULL,
  visited       BOOLEAN     DEFAULT FALSE NOT NULL,
  open_seconds  BIGINT      DEFAULT 0 NOT NULL,
  PRIMARY KEY (attempt_id, number)
);
