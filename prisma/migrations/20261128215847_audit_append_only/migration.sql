-- The audit trail is append-only: rows of "audit_event" are hash-chained
-- evidence, so they may be inserted but never changed or removed. Enforced in
-- the database so that it holds for every client, not only the API.
-- Hand-written: Prisma does not model functions or triggers, so they never show
-- up in (or disturb) `prisma migrate diff`.

CREATE FUNCTION "audit_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    RAISE EXCEPTION 'audit_event is append-only: % of event seq % refused', TG_OP, OLD."seq"
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'Record a new audit event instead of changing an old one.';
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Record a new audit event instead of changing an old one.';
END;
$$;

-- UPDATE and DELETE: per row, so the message names the event.
CREATE TRIGGER "audit_event_no_update_delete"
BEFORE UPDATE OR DELETE ON "audit_event"
FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

-- TRUNCATE fires no row triggers; it needs a statement trigger.
CREATE TRIGGER "audit_event_no_truncate"
BEFORE TRUNCATE ON "audit_event"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
