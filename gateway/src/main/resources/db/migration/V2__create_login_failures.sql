-- Issue 18: failed logins per account and per client address (identity.LoginThrottle), shared by every
-- gateway instance so that guessing through several of them counts as through one.
CREATE TABLE login_failure (
    key           varchar(300) PRIMARY KEY,
    failures      integer     NOT NULL,
    -- Attempts are refused before this instant; null below the threshold.
    blocked_until timestamptz,
    -- After this instant without another failure the count is forgotten (and the row deleted).
    forget_at     timestamptz NOT NULL
);

CREATE INDEX login_failure_forget_at ON login_failure (forget_at);
