-- Warm pools for workshops (issue 16, "ready before the room is").
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15+.

-- The warm reservation a sandbox takes a ready cluster from first (a workshop's, when an enrolled
-- learner starts one of its labs while it runs); null for every other sandbox.
ALTER TABLE sandbox_session ADD COLUMN reservation VARCHAR(64);

-- Per workshop: the instructor's share of capacity to keep warm (null: the service's default) and
-- the reservation as the fleet-once job last saw it, so every replica draws the same board.
-- Deleting a workshop deletes its row in WorkshopService (WarmPools.forget).
CREATE TABLE workshop_warm_pool (
  workshop_id  BIGINT PRIMARY KEY,
  share        DOUBLE PRECISION CHECK (share BETWEEN 0 AND 1),
  state        VARCHAR(16) NOT NULL,
  wanted       INTEGER NOT NULL,
  ready        INTEGER NOT NULL,
  starting     INTEGER NOT NULL,
  host_limit   INTEGER NOT NULL,
  checked_at   TIMESTAMP WITH TIME ZONE,
  CONSTRAINT workshop_warm_pool_state
    CHECK (state IN ('not-needed', 'scheduled', 'reserving', 'released'))
);
