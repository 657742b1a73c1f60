-- Service parameters an operator changes at run time (REST, admin UI) and that must survive a
-- restart: the MDM switch now, alert settings later. The value is text; its owner parses it. ("value" is a keyword in H2.)
CREATE TABLE service_parameters (
    param_name  VARCHAR(255)  NOT NULL PRIMARY KEY,
    param_value VARCHAR(4096) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
