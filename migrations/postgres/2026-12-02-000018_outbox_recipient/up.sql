-- Per-recipient limits on citizens' e-mails count what one address was sent lately.
CREATE INDEX outbox_recipient ON outbox (to_address, kind, created_at);
