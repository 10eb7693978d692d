-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15+.
-- Signing out ends every form session of the account issued until then (AccountService.signOut).
ALTER TABLE account ADD COLUMN signed_out_at TIMESTAMP WITH TIME ZONE;

-- Fixed-window counters for sign-in and sign-up throttling (io.meshdojo.account.Throttle), kept
-- in the database so that every instance of a fleet counts the same attempts.
CREATE TABLE throttle_window (
  bucket       VARCHAR(200) NOT NULL PRIMARY KEY,
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  hits         INTEGER      NOT NULL
);
