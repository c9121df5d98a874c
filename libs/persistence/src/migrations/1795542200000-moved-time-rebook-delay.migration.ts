import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two corrections to `skranke_book_appointment` (migration 1795542000000):
 * - A time a move leaves is held for the rebook delay, as a cancelled one is
 *   (issue 19 item 5), so a move does not hand the freed time at once to
 *   whoever polls the free times. The booking row moves with the citizen, so
 *   the place it left is kept as a row of its own, which the function and the
 *   free-times listing count until the delay has passed (rows older than a day
 *   are removed by later moves).
 * - An Idempotency-Key is the client's for 24 hours (API.md): a key older than
 *   that made a 409 already_exists (the unique index is for all time); now the
 *   old booking lets go of it and the key makes a new booking.
 */
export class MovedTimeRebookDelay1795542200000 implements MigrationInterface {
  name = 'MovedTimeRebookDelay1795542200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE appointment_release (
      id bigserial PRIMARY KEY,
      service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      released_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX appointment_release_service_time ON appointment_release (service_id, starts_at)`);
    await q.query(FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS_FUNCTION);
    await q.query('DROP TABLE appointment_release');
  }
}

/** Migration 1795542000000's function, counting and recording the places moves leave, and letting go of day-old keys. */
const FUNCTION = /* sql */ `
  CREATE OR REPLACE FUNCTION skranke_book_appointment(
    p_site uuid, p_service uuid, p_date date, p_day_start timestamptz, p_starts timestamptz, p_ends timestamptz,
    p_capacity integer, p_phone text, p_email text, p_contact_limit integer, p_rebook_delay_s integer,
    p_client_key text, p_idempotency_key text, p_code text, p_token text, p_language text, p_booked_by text, p_move uuid, p_now timestamptz)
  RETURNS TABLE (id uuid, booking_code text, manage_token text, service_id uuid, starts_at timestamptz, ends_at timestamptz, replayed boolean)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_day appointment_day;
    v_used integer;
    v_id uuid;
    v_old appointment;
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
      SELECT * INTO v_old FROM appointment a WHERE a.id = p_move AND a.status = 'booked' FOR NO KEY UPDATE;
      IF NOT FOUND THEN PERFORM skranke_refuse('conflict', 'appointment_not_booked', 'The booking is no longer booked.'); END IF;
    END IF;
    SELECT count(*) INTO v_used FROM appointment a
    WHERE a.service_id = p_service AND a.starts_at >= p_day_start AND a.starts_at < p_ends AND a.ends_at > p_starts
      AND a.id IS DISTINCT FROM p_move
      AND (a.status IN ('booked', 'checked-in', 'served')
           OR (a.status = 'cancelled' AND a.cancel_reason IS DISTINCT FROM 'closure'
               AND a.cancelled_at > p_now - make_interval(secs => p_rebook_delay_s)));
    -- A time a move left keeps its place for the rebook delay too.
    v_used := v_used + (SELECT count(*) FROM appointment_release r
      WHERE r.service_id = p_service AND r.starts_at >= p_day_start AND r.starts_at < p_ends AND r.ends_at > p_starts
        AND r.released_at > p_now - make_interval(secs => p_rebook_delay_s));
    IF v_used >= p_capacity THEN
      PERFORM skranke_refuse('conflict', 'slot_taken', 'That time is no longer free.');
    END IF;
    IF p_move IS NOT NULL THEN
      DELETE FROM appointment_release r WHERE r.service_id = p_service AND r.released_at < p_now - interval '1 day';
      IF p_rebook_delay_s > 0 AND (v_old.starts_at, v_old.ends_at) IS DISTINCT FROM (p_starts, p_ends) THEN
        INSERT INTO appointment_release (service_id, starts_at, ends_at, released_at) VALUES (v_old.service_id, v_old.starts_at, v_old.ends_at, p_now);
      END IF;
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
    -- A key is the client's for 24 hours: an older booking with it lets it go, so the key makes a new booking.
    IF p_idempotency_key IS NOT NULL THEN
      UPDATE appointment a SET idempotency_key = NULL
      WHERE a.client_key = p_client_key AND a.idempotency_key = p_idempotency_key AND a.created_at <= p_now - interval '24 hours';
    END IF;
    RETURN QUERY INSERT INTO appointment AS a (site_id, service_id, starts_at, ends_at, booking_code, manage_token, phone, email,
        language, booked_by, client_key, idempotency_key, created_at)
      VALUES (p_site, p_service, p_starts, p_ends, p_code, p_token, p_phone, p_email, p_language, p_booked_by, p_client_key, p_idempotency_key, p_now)
      RETURNING a.id, a.booking_code, a.manage_token, a.service_id, a.starts_at, a.ends_at, false;
  END
  $fn$;
`;

/** Migration 1795542000000's function as it was. */
const PREVIOUS_FUNCTION = /* sql */ `
  CREATE OR REPLACE FUNCTION skranke_book_appointment(
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
