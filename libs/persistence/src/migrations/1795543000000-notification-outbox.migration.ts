import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox (issue 20): every message to a citizen is a row,
 * written by triggers in the same transaction as the change that causes it, so
 * no path (the public page, staff, a closure, a move, a no-show, the counter)
 * can forget one, and a change that ends a booking or a ticket cancels its
 * pending rows in that same transaction. A dispatcher sends due rows
 * (libs/jobs notifications). The key (subject, kind, due time) makes a row
 * exist once however often the cause is replayed.
 *
 * `skranke_now()` is the application's clock when the transaction set one
 * (`set_config('skranke.now', …, true)`; tests move it), else the database's.
 */
export class NotificationOutbox1795543000000 implements MigrationInterface {
  name = 'NotificationOutbox1795543000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      site_id uuid NOT NULL REFERENCES site(id) ON DELETE CASCADE,
      subject_kind text NOT NULL CONSTRAINT notification_subject_kind CHECK (subject_kind IN ('appointment', 'ticket')),
      subject_id uuid NOT NULL,
      kind text NOT NULL CONSTRAINT notification_kind CHECK (kind IN ('booking-confirmation', 'booking-reminder', 'booking-moved', 'booking-cancelled', 'turn-near', 'turn-called', 'survey')),
      channel text NOT NULL CONSTRAINT notification_channel CHECK (channel IN ('email', 'sms', 'push')),
      contact text,
      language text NOT NULL DEFAULT 'da',
      params jsonb NOT NULL DEFAULT '{}',
      due_at timestamptz NOT NULL,
      state text NOT NULL DEFAULT 'scheduled' CONSTRAINT notification_state CHECK (state IN ('scheduled', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      claimed_until timestamptz,
      sent_at timestamptz,
      delivered_at timestamptz,
      failed_at timestamptz,
      cancelled_at timestamptz,
      error text,
      provider_ref text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT notification_once UNIQUE (subject_id, kind, due_at))`);
    await q.query(`CREATE INDEX notification_due ON notification (due_at) WHERE state IN ('scheduled', 'sending')`);
    await q.query(`CREATE INDEX notification_site_due ON notification (site_id, due_at)`);
    await q.query(`CREATE INDEX notification_provider_ref ON notification (provider_ref) WHERE provider_ref IS NOT NULL`);
    // A citizen who asked from the ticket page to be told: the channel and contact (erased with the ticket's other details), and when "turn near" was sent (once).
    await q.query(`ALTER TABLE ticket ADD notify_channel text CONSTRAINT ticket_notify_channel CHECK (notify_channel IN ('email', 'sms', 'push')),
      ADD notify_contact text, ADD turn_near_at timestamptz`);
    await q.query(FUNCTIONS);
    await q.query(`CREATE TRIGGER appointment_notifications AFTER INSERT OR UPDATE OF status, starts_at, phone, email ON appointment
      FOR EACH ROW EXECUTE FUNCTION skranke_appointment_notifications()`);
    await q.query(`CREATE TRIGGER ticket_notifications AFTER UPDATE OF status, notify_contact ON ticket FOR EACH ROW
      WHEN (OLD.notify_contact IS NOT NULL AND (OLD.status IS DISTINCT FROM NEW.status OR NEW.notify_contact IS NULL))
      EXECUTE FUNCTION skranke_ticket_notifications()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER ticket_notifications ON ticket');
    await q.query('DROP TRIGGER appointment_notifications ON appointment');
    await q.query('DROP FUNCTION skranke_ticket_notifications()');
    await q.query('DROP FUNCTION skranke_appointment_notifications()');
    await q.query('DROP FUNCTION skranke_reminder_due(timestamptz, timestamptz, text, jsonb, timestamptz)');
    await q.query('DROP FUNCTION skranke_now()');
    await q.query('ALTER TABLE ticket DROP notify_channel, DROP notify_contact, DROP turn_near_at');
    await q.query('DROP TABLE notification');
  }
}

const FUNCTIONS = /* sql */ `
  CREATE FUNCTION skranke_now() RETURNS timestamptz LANGUAGE sql STABLE AS $fn$
    SELECT coalesce(nullif(current_setting('skranke.now', true), '')::timestamptz, now())
  $fn$;

  -- When a reminder \`p_offset\` minutes before \`p_starts\` is sent: never in the site's quiet hours
  -- (settings.notifications.quietHours, default 22:00–07:00): then at the end of the quiet hours if that is
  -- still before the time, else at their start; null when that moment has already passed.
  CREATE FUNCTION skranke_reminder_due(p_starts timestamptz, p_due timestamptz, p_tz text, p_settings jsonb, p_now timestamptz)
  RETURNS timestamptz LANGUAGE plpgsql STABLE AS $fn$
  DECLARE
    v_from time := coalesce(p_settings #>> '{quietHours,from}', '22:00')::time;
    v_to time := coalesce(p_settings #>> '{quietHours,to}', '07:00')::time;
    v_local timestamp := p_due AT TIME ZONE p_tz;
    v_due timestamptz := p_due;
    v_quiet boolean;
  BEGIN
    v_quiet := CASE WHEN v_from > v_to THEN v_local::time >= v_from OR v_local::time < v_to
                    ELSE v_local::time >= v_from AND v_local::time < v_to END;
    IF v_quiet THEN
      -- The end of this quiet stretch (today's or tomorrow's v_to at the site), else its start.
      v_due := ((v_local::date + CASE WHEN v_local::time >= v_to AND v_from > v_to THEN 1 ELSE 0 END) + v_to) AT TIME ZONE p_tz;
      IF v_due >= p_starts THEN
        v_due := ((v_local::date - CASE WHEN v_local::time < v_to AND v_from > v_to THEN 1 ELSE 0 END) + v_from - interval '1 minute') AT TIME ZONE p_tz;
      END IF;
    END IF;
    RETURN CASE WHEN v_due > p_now THEN v_due END;
  END $fn$;

  -- The moment of the change: the booking's own time stamps carry the application's clock where there is one.
  CREATE FUNCTION skranke_appointment_notifications() RETURNS trigger LANGUAGE plpgsql AS $fn$
  DECLARE
    v_now timestamptz := CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at
                              WHEN NEW.status = 'cancelled' AND NEW.cancelled_at IS NOT NULL THEN NEW.cancelled_at
                              ELSE skranke_now() END;
    v_channel text := CASE WHEN NEW.phone IS NOT NULL THEN 'sms' WHEN NEW.email IS NOT NULL THEN 'email' END;
    v_contact text := coalesce(NEW.phone, NEW.email);
    v_site site;
    v_settings jsonb;
    v_params jsonb;
    v_offset text;
    v_due timestamptz;
  BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.status <> 'booked' OR NEW.starts_at <> OLD.starts_at OR v_contact IS NULL) THEN
      UPDATE notification SET state = 'cancelled', cancelled_at = v_now WHERE subject_id = NEW.id AND state = 'scheduled';
    END IF;
    IF v_channel IS NULL THEN RETURN NULL; END IF;
    SELECT * INTO v_site FROM site WHERE id = NEW.site_id;
    v_settings := coalesce(v_site.settings -> 'notifications', '{}');
    v_params := jsonb_build_object('serviceId', NEW.service_id, 'startsAt', NEW.starts_at, 'bookingCode', NEW.booking_code, 'manageToken', NEW.manage_token);
    IF TG_OP = 'INSERT' AND NEW.status = 'booked' THEN
      INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
      VALUES (NEW.site_id, 'appointment', NEW.id, 'booking-confirmation', v_channel, v_contact, NEW.language, v_params, v_now) ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'UPDATE' AND OLD.status = 'booked' AND NEW.status = 'cancelled' THEN
      INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
      VALUES (NEW.site_id, 'appointment', NEW.id, 'booking-cancelled', v_channel, v_contact, NEW.language,
              v_params || jsonb_build_object('reason', NEW.cancel_reason), v_now) ON CONFLICT DO NOTHING;
      RETURN NULL;
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'booked' AND NEW.starts_at <> OLD.starts_at THEN
      INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
      VALUES (NEW.site_id, 'appointment', NEW.id, 'booking-moved', v_channel, v_contact, NEW.language, v_params, v_now) ON CONFLICT DO NOTHING;
    ELSE
      RETURN NULL;
    END IF;
    IF NEW.status <> 'booked' THEN RETURN NULL; END IF;
    FOR v_offset IN SELECT jsonb_array_elements_text(coalesce(v_settings -> 'reminderOffsetsMinutes', '[1440, 120]')) LOOP
      v_due := skranke_reminder_due(NEW.starts_at, NEW.starts_at - make_interval(mins => v_offset::int), v_site.timezone, v_settings, v_now);
      IF v_due IS NOT NULL THEN
        INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
        VALUES (NEW.site_id, 'appointment', NEW.id, 'booking-reminder', v_channel, v_contact, NEW.language,
                v_params || jsonb_build_object('offsetMinutes', v_offset::int), v_due) ON CONFLICT DO NOTHING;
      END IF;
    END LOOP;
    RETURN NULL;
  END $fn$;

  -- A ticket whose citizen asked to be told: anything that ends or calls it cancels what is pending
  -- (a "turn near" not yet sent); the call itself says where to go; a finished visit may get the survey link.
  CREATE FUNCTION skranke_ticket_notifications() RETURNS trigger LANGUAGE plpgsql AS $fn$
  DECLARE
    v_now timestamptz := skranke_now();
    v_counter text;
  BEGIN
    UPDATE notification SET state = 'cancelled', cancelled_at = v_now WHERE subject_id = NEW.id AND state = 'scheduled';
    IF NEW.notify_contact IS NULL THEN RETURN NULL; END IF;
    IF NEW.status = 'called' AND OLD.status = 'waiting' THEN
      SELECT name INTO v_counter FROM counter WHERE id = NEW.counter_id;
      INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
      VALUES (NEW.site_id, 'ticket', NEW.id, 'turn-called', NEW.notify_channel, NEW.notify_contact, NEW.language,
              jsonb_build_object('number', NEW.number, 'serviceId', NEW.service_id, 'counterName', v_counter), v_now) ON CONFLICT DO NOTHING;
    ELSIF NEW.status = 'finished' AND coalesce((SELECT (settings #>> '{notifications,survey}')::boolean FROM site WHERE id = NEW.site_id), false) THEN
      INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
      VALUES (NEW.site_id, 'ticket', NEW.id, 'survey', NEW.notify_channel, NEW.notify_contact, NEW.language,
              jsonb_build_object('number', NEW.number, 'trackingToken', NEW.tracking_token), v_now) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END $fn$;
`;
