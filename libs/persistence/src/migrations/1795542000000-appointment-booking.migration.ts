import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Skranke books appointments itself (issue 19): bookable services and their
 * rules, the counter plan capacity comes from, a row per service and day that
 * every booking of that day locks (so capacity is checked and taken in one
 * transaction, never exceeded), and the booking's own columns. Holding a time
 * is one call of `skranke_book_appointment`.
 */
export class AppointmentBooking1795542000000 implements MigrationInterface {
  name = 'AppointmentBooking1795542000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service
      ADD bookable boolean NOT NULL DEFAULT false,
      ADD appointment_minutes integer CONSTRAINT service_appointment_minutes CHECK (appointment_minutes BETWEEN 5 AND 240),
      ADD measured_appointment_minutes integer,
      ADD min_notice_minutes integer NOT NULL DEFAULT 60 CONSTRAINT service_min_notice CHECK (min_notice_minutes BETWEEN 0 AND 20160),
      ADD max_days_ahead integer NOT NULL DEFAULT 30 CONSTRAINT service_max_days_ahead CHECK (max_days_ahead BETWEEN 1 AND 366),
      ADD cancel_cutoff_minutes integer NOT NULL DEFAULT 120 CONSTRAINT service_cancel_cutoff CHECK (cancel_cutoff_minutes BETWEEN 0 AND 20160),
      ADD booking_share numeric(4,3) CONSTRAINT service_booking_share CHECK (booking_share BETWEEN 0 AND 1)`);
    await q.query(`CREATE TABLE counter_plan (
      site_id uuid PRIMARY KEY REFERENCES site(id) ON DELETE CASCADE,
      plan jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE appointment_day (
      service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
      date date NOT NULL,
      share numeric(4,3) CONSTRAINT appointment_day_share CHECK (share BETWEEN 0 AND 1),
      closed_at timestamptz,
      closed_reason text,
      PRIMARY KEY (service_id, date))`);
    await q.query(`ALTER TABLE appointment DROP CONSTRAINT appointment_status`);
    await q.query(`ALTER TABLE appointment
      ADD ends_at timestamptz,
      ADD manage_token text,
      ADD email text,
      ADD language text NOT NULL DEFAULT 'da',
      ADD booked_by text NOT NULL DEFAULT 'api' CONSTRAINT appointment_booked_by CHECK (booked_by IN ('public', 'kiosk', 'staff', 'api')),
      ADD cancelled_at timestamptz,
      ADD cancel_reason text CONSTRAINT appointment_cancel_reason CHECK (cancel_reason IN ('citizen', 'staff', 'closure')),
      ADD ended_at timestamptz,
      ADD client_key text,
      ADD idempotency_key text,
      ADD CONSTRAINT appointment_status CHECK (status IN ('booked', 'checked-in', 'served', 'no-show', 'cancelled')),
      ADD CONSTRAINT appointment_one_contact CHECK (phone IS NULL OR email IS NULL)`);
    await q.query(`UPDATE appointment SET ends_at = starts_at + interval '15 minutes'`);
    await q.query(`ALTER TABLE appointment ALTER ends_at SET NOT NULL, ADD CONSTRAINT appointment_ends_after CHECK (ends_at > starts_at)`);
    await q.query(`CREATE UNIQUE INDEX appointment_manage_token ON appointment (manage_token) WHERE manage_token IS NOT NULL`);
    await q.query(`CREATE INDEX appointment_service_time ON appointment (service_id, starts_at)`);
    await q.query(`CREATE INDEX appointment_site_time ON appointment (site_id, starts_at)`);
    await q.query(`CREATE UNIQUE INDEX appointment_idempotency ON appointment (client_key, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX appointment_active_phone ON appointment (site_id, phone) WHERE status = 'booked' AND phone IS NOT NULL`);
    await q.query(`CREATE INDEX appointment_active_email ON appointment (site_id, email) WHERE status = 'booked' AND email IS NOT NULL`);
    await q.query(FUNCTIONS);
    // A checked-in citizen's ticket ending ends the booking: served, or a no-show (its minutes free at once).
    await q.query(`CREATE FUNCTION skranke_ticket_ends_appointment() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE appointment SET status = CASE NEW.status WHEN 'finished' THEN 'served' ELSE 'no-show' END, ended_at = coalesce(NEW.ended_at, now())
        WHERE id = NEW.appointment_id AND status = 'checked-in';
        RETURN NULL;
      END $fn$`);
    await q.query(`CREATE TRIGGER ticket_ends_appointment AFTER UPDATE OF status ON ticket FOR EACH ROW
      WHEN (NEW.appointment_id IS NOT NULL AND NEW.status IN ('finished', 'no-show') AND OLD.status IS DISTINCT FROM NEW.status)
      EXECUTE FUNCTION skranke_ticket_ends_appointment()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER ticket_ends_appointment ON ticket');
    await q.query('DROP FUNCTION skranke_ticket_ends_appointment()');
    await q.query('DROP FUNCTION skranke_book_appointment(uuid, uuid, date, timestamptz, timestamptz, timestamptz, integer, text, text, integer, integer, text, text, text, text, text, text, uuid, timestamptz)');
    for (const index of ['appointment_manage_token', 'appointment_service_time', 'appointment_site_time', 'appointment_idempotency', 'appointment_active_phone', 'appointment_active_email']) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`ALTER TABLE appointment DROP CONSTRAINT appointment_status, DROP CONSTRAINT appointment_one_contact, DROP CONSTRAINT appointment_ends_after,
      DROP ends_at, DROP manage_token, DROP email, DROP language, DROP booked_by, DROP cancelled_at, DROP cancel_reason, DROP ended_at, DROP client_key, DROP idempotency_key`);
    await q.query(`UPDATE appointment SET status = 'cancelled' WHERE status IN ('no-show', 'served')`);
    await q.query(`ALTER TABLE appointment ADD CONSTRAINT appointment_status CHECK (status IN ('booked', 'checked-in', 'cancelled'))`);
    await q.query('DROP TABLE appointment_day');
    await q.query('DROP TABLE counter_plan');
    await q.query(`ALTER TABLE service DROP bookable, DROP appointment_minutes, DROP measured_appointment_minutes, DROP min_notice_minutes,
      DROP max_days_ahead, DROP cancel_cutoff_minutes, DROP booking_share`);
  }
}

/**
 * Holds a time, or moves a booking to one (p_move), in one transaction:
 * lock the service's day row (every booking and move of that day waits here,
 * so the check and the insert cannot interleave), refuse a closed day, count
 * the bookings overlapping the time (a cancelled one keeps its place for the
 * rebook delay), and insert or move when under the slot's capacity, which the
 * caller computed from the counter plan. A key used before by the same client
 * within 24 hours returns its booking (replayed). One contact holds at most
 * p_contact_limit future bookings at the site (checked under a lock on the contact).
 * p_now is the application's clock (tests move it), used for every time rule.
 */
const FUNCTIONS = /* sql */ `
  CREATE FUNCTION skranke_book_appointment(
    p_site uuid, p_service uuid, p_date date, p_day_start timestamptz, p_starts timestamptz, p_ends timestamptz,
    p_capacity integer, p_phone text, p_email text, p_contact_limit integer, p_rebook_delay_s integer,
    p_client_key text, p_idempotency_key text, p_code text, p_token text, p_language text, p_booked_by text, p_move uuid, p_now timestamptz)
  RETURNS TABLE (id uuid, booking_code text, manage_token text, service_id uuid, starts_at timestamptz, ends_at timestamptz, replayed boolean)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_day appointment_day;
    v_used integer;
    v_id uuid;
  BEGIN
    IF p_idempotency_key IS NOT NULL THEN
      SELECT a.id INTO v_id FROM appointment a
      WHERE a.client_key = p_client_key AND a.idempotency_key = p_idempotency_key AND a.created_at > p_now - interval '24 hours';
      IF FOUND THEN
        RETURN QUERY SELECT a.id, a.booking_code, a.manage_token, a.service_id, a.starts_at, a.ends_at, true FROM appointment a WHERE a.id = v_id;
        RETURN;
      END IF;
    END IF;
    INSERT INTO appointment_day AS d (service_id, date) VALUES (p_service, p_date) ON CONFLICT DO NOTHING;
    SELECT * INTO v_day FROM appointment_day d WHERE d.service_id = p_service AND d.date = p_date FOR NO KEY UPDATE;
    -- Again under the lock: a repeat that raced its first request finds it now.
    IF p_idempotency_key IS NOT NULL THEN
      SELECT a.id INTO v_id FROM appointment a
      WHERE a.client_key = p_client_key AND a.idempotency_key = p_idempotency_key AND a.created_at > p_now - interval '24 hours';
      IF FOUND THEN
        RETURN QUERY SELECT a.id, a.booking_code, a.manage_token, a.service_id, a.starts_at, a.ends_at, true FROM appointment a WHERE a.id = v_id;
        RETURN;
      END IF;
    END IF;
    IF v_day.closed_at IS NOT NULL THEN
      PERFORM skranke_refuse('rule', 'day_closed', 'The service is closed for bookings that day.');
    END IF;
    IF p_move IS NOT NULL THEN
      PERFORM 1 FROM appointment a WHERE a.id = p_move AND a.status = 'booked' FOR NO KEY UPDATE;
      IF NOT FOUND THEN PERFORM skranke_refuse('conflict', 'appointment_not_booked', 'The booking is no longer booked.'); END IF;
    END IF;
    SELECT count(*) INTO v_used FROM appointment a
    WHERE a.service_id = p_service AND a.starts_at >= p_day_start AND a.starts_at < p_ends AND a.ends_at > p_starts
      AND a.id IS DISTINCT FROM p_move
      AND (a.status IN ('booked', 'checked-in', 'served')
           OR (a.status = 'cancelled' AND a.cancel_reason IS DISTINCT FROM 'closure'
               AND a.cancelled_at > p_now - make_interval(secs => p_rebook_delay_s)));
    IF v_used >= p_capacity THEN
      PERFORM skranke_refuse('conflict', 'slot_taken', 'That time is no longer free.');
    END IF;
    IF p_move IS NOT NULL THEN
      RETURN QUERY UPDATE appointment a SET starts_at = p_starts, ends_at = p_ends WHERE a.id = p_move
        RETURNING a.id, a.booking_code, a.manage_token, a.service_id, a.starts_at, a.ends_at, false;
      RETURN;
    END IF;
    IF p_phone IS NOT NULL OR p_email IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock(hashtext('skranke-contact:' || p_site || coalesce(p_phone, p_email)));
      SELECT count(*) INTO v_used FROM appointment a
      WHERE a.site_id = p_site AND a.status = 'booked' AND a.starts_at > p_now
        AND (a.phone = p_phone OR a.email = p_email);
      IF v_used >= p_contact_limit THEN
        PERFORM skranke_refuse('rule', 'contact_limit_reached', 'This contact already has the most bookings allowed.');
      END IF;
    END IF;
    RETURN QUERY INSERT INTO appointment AS a (site_id, service_id, starts_at, ends_at, booking_code, manage_token, phone, email,
        language, booked_by, client_key, idempotency_key, created_at)
      VALUES (p_site, p_service, p_starts, p_ends, p_code, p_token, p_phone, p_email, p_language, p_booked_by, p_client_key, p_idempotency_key, p_now)
      RETURNING a.id, a.booking_code, a.manage_token, a.service_id, a.starts_at, a.ends_at, false;
  END
  $fn$;
`;
