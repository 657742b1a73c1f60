-- XEP-0357 push registrations: which app server (service JID and node) wakes which device of
-- a user. Kept across sessions and restarts: a device whose session is long gone still gets a
-- notification for a message that went to offline storage.
CREATE TABLE push_registrations (
    username         VARCHAR(1023) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    service_jid      VARCHAR(3071) NOT NULL,
    node             VARCHAR(1023) NOT NULL,
    resource         VARCHAR(1023) NOT NULL,
    publish_options  VARCHAR(8192),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (username, service_jid, node)
);
