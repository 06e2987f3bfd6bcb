-- Attendance (issue 16). Attended stays checked_in_at IS NOT NULL; these say how it became known.
-- attended_minutes: the minutes an attendance report (Zoom, Teams...) gave for the person, summed
-- over their rows; null when none said. attendance_source: CHECK_IN (at the door), MANUAL (marked by
-- an organiser) or IMPORT (an attendance report); null when not attended.
ALTER TABLE registration
    ADD COLUMN attended_minutes integer CHECK (attended_minutes >= 0),
    ADD COLUMN attendance_source text CHECK (attendance_source IN ('CHECK_IN', 'MANUAL', 'IMPORT'));
-- Check-ins made before this migration came from the door.
UPDATE registration SET attendance_source = 'CHECK_IN' WHERE checked_in_at IS NOT NULL;
