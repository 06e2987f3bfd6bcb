-- Attendance (issue 16): whether the registrant attended, as registration-service last told
-- (RegistrationAttended / RegistrationAttendanceUndone). Messages to ATTENDED or ABSENT and an
-- event's follow-up with an audience read it when they fall due.
ALTER TABLE registrant ADD COLUMN attended boolean NOT NULL DEFAULT false;
