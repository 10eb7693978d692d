-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15+.
-- A sandbox is a persisted resource driven by a reconciler (docs/sandbox.md, "Lifecycle"): its
-- row holds what is wanted (desired, generation, expires_at) and what was last observed (phase,
-- step, percent, queue_position, error, observed_generation); io.meshdojo.sandbox.SandboxReconciler
-- moves one to the other a step at a time.

-- The observed phase replaces the coarser status (the API derives its status from the phase).
ALTER TABLE sandbox_session ADD COLUMN phase VARCHAR(16);
UPDATE sandbox_session SET phase = status;
ALTER TABLE sandbox_session ALTER COLUMN phase SET NOT NULL;
ALTER TABLE sandbox_session ADD CONSTRAINT sandbox_session_phase
  CHECK (phase IN ('QUEUED', 'PROVISIONING', 'READY', 'RESETTING', 'ENDED', 'EXPIRED', 'FAILED'));
ALTER TABLE sandbox_session DROP COLUMN status;

-- READY while the learner wants the sandbox; ENDED or EXPIRED once it is to be released.
ALTER TABLE sandbox_session ADD COLUMN desired VARCHAR(16) DEFAULT 'READY' NOT NULL;
UPDATE sandbox_session SET desired = phase WHERE phase IN ('ENDED', 'EXPIRED');
ALTER TABLE sandbox_session ADD CONSTRAINT sandbox_session_desired
  CHECK (desired IN ('READY', 'ENDED', 'EXPIRED'));

-- Each reset asks for a new generation; the reconciler records the one it last made READY, and
-- drops what a step of an older generation reports.
ALTER TABLE sandbox_session ADD COLUMN generation BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE sandbox_session ADD COLUMN observed_generation BIGINT DEFAULT 0 NOT NULL;
UPDATE sandbox_session SET observed_generation = 1 WHERE phase = 'READY';

-- Backend steps taken for the current generation: 0 means the backend was not asked yet.
ALTER TABLE sandbox_session ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sandbox_session ADD COLUMN queue_position INTEGER;

-- When the reconciler next looks at the row (null: nothing to do until someone asks), and until
-- when a reconcile in progress holds it (one at a time per sandbox across the fleet).
ALTER TABLE sandbox_session ADD COLUMN next_reconcile_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sandbox_session ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX sandbox_session_due ON sandbox_session (next_reconcile_at);

-- Sandboxes left provisioning by an earlier version were begun by a thread that is gone: the
-- reconciler resumes them or fails them with a reason.
UPDATE sandbox_session SET attempts = 1, next_reconcile_at = created_at WHERE phase = 'PROVISIONING';
