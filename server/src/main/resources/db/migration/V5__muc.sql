-- XEP-0045 persistent rooms: what outlives the occupants and a restart. Occupants and the
-- history for newcomers stay in memory. The configuration is the room's submitted
-- muc#roomconfig data form as XML; affiliations are rows so that an owner's list is bounded
-- and readable by SQL.
CREATE TABLE muc_rooms (
    room        VARCHAR(3071) NOT NULL PRIMARY KEY,
    config      VARCHAR(16384) NOT NULL,
    subject     VARCHAR(4096),
    subject_by  VARCHAR(1023),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE muc_affiliations (
    room         VARCHAR(3071) NOT NULL REFERENCES muc_rooms (room) ON DELETE CASCADE,
    jid          VARCHAR(3071) NOT NULL,
    affiliation  VARCHAR(16) NOT NULL,
    reason       VARCHAR(1024),
    PRIMARY KEY (room, jid)
);
