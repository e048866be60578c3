-- Text for customers in their language (owner: notices). A notice's translations, each with the notice's own
-- placeholders filled at creation like its default subject and body; a customer gets the one for their locale (de-CH,
-- else de), else the default text.
CREATE TABLE notice_translation (
    notice_id uuid NOT NULL REFERENCES notice (id),
    -- a language tag in its canonical form (de-CH, fr, sr-Latn)
    locale    text NOT NULL,
    subject   text NOT NULL,
    body      text NOT NULL,
    PRIMARY KEY (notice_id, locale)
);

-- The translation a delivery was sent in, decided when it is handed to SMTP; null: the default text.
ALTER TABLE notice_delivery ADD COLUMN locale text;

-- A policy's translations: {"de": {"subject": ..., "body": ...}}; null: none.
ALTER TABLE notice_policy ADD COLUMN translations jsonb;

-- The placeholders as the contract names them. {runningVersion} is {installedVersion} now; {summary}, the alert's
-- line for support staff, is no longer a placeholder of text for customers: a policy that used it says the alert's
-- symptom instead. Notices store their own placeholders filled already; only the customer's are left in them.
UPDATE notice_policy
   SET subject = replace(replace(subject, '{summary}', '{symptom}'), '{runningVersion}', '{installedVersion}'),
       body    = replace(replace(body, '{summary}', '{symptom}'), '{runningVersion}', '{installedVersion}')
 WHERE subject LIKE '%{summary}%' OR body LIKE '%{summary}%'
    OR subject LIKE '%{runningVersion}%' OR body LIKE '%{runningVersion}%';
UPDATE notice
   SET subject = replace(subject, '{runningVersion}', '{installedVersion}'),
       body    = replace(body, '{runningVersion}', '{installedVersion}')
 WHERE status IN ('DRAFT', 'SENDING') AND (subject LIKE '%{runningVersion}%' OR body LIKE '%{runningVersion}%');
