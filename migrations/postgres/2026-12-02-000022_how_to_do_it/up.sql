-- Where, when and how to do a procedure (issue 35): the online address, offices, hours, phone and WhatsApp, as one JSON object.
ALTER TABLE procedures ADD COLUMN access TEXT NOT NULL DEFAULT '{}';
