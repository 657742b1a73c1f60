-- HTTP File Upload (XEP-0363): one row per slot handed out. A slot starts 'pending' (its
-- size counts against the owner's quota at once), becomes 'uploading' when its single PUT
-- begins and 'stored' when the file is complete. expires_at is when the slot lapses (pending,
-- uploading) or when the stored file is swept away. The file itself lives in the FileStore
-- under its id; nothing user-supplied names a file on disk. No foreign key to users: a file
-- outlives nothing but its expiry, and the sweep removes file and row together.
CREATE TABLE uploads (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner         VARCHAR(1023) NOT NULL,
    filename      VARCHAR(1023) NOT NULL,
    url_name      VARCHAR(255)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    content_type  VARCHAR(255)  NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX uploads_owner ON uploads (owner);
CREATE INDEX uploads_expires ON uploads (expires_at);
