-- A customer's name and a notice's subject end up in mail headers; since this version the API refuses them with a
-- control character (a CR or LF would start a header of the sender's choosing). Rows stored before keep theirs and
-- a draft or a policy could still send them, so each control character becomes a space; the rest stays as written.
UPDATE customer SET name = regexp_replace(name, '[\x01-\x1F\x7F-\x9F]', ' ', 'g')
 WHERE name ~ '[\x01-\x1F\x7F-\x9F]';
UPDATE notice SET subject = regexp_replace(subject, '[\x01-\x1F\x7F-\x9F]', ' ', 'g')
 WHERE subject ~ '[\x01-\x1F\x7F-\x9F]';
UPDATE notice_policy SET subject = regexp_replace(subject, '[\x01-\x1F\x7F-\x9F]', ' ', 'g')
 WHERE subject ~ '[\x01-\x1F\x7F-\x9F]';
