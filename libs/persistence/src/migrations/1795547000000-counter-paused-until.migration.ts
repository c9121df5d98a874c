import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pause says when the counter expects to be back (`paused_until`, from the
 * pause's expected length), so the wait estimator treats a paused counter as
 * returning then instead of gone. `skranke_counter_state` takes it as a ninth
 * parameter (null: not said, or not a pause); otherwise it is unchanged.
 */
const body = (withUntil: boolean) => /* sql */ `
  CREATE FUNCTION skranke_counter_state(
    p_site uuid, p_counter uuid, p_state text, p_reason text, p_now timestamptz, p_user uuid, p_device uuid, p_estimates jsonb,${withUntil ? '\n    p_until timestamptz,' : ''}
    OUT o_counter counter, OUT o_events jsonb
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    v counter;
    v_active integer;
  BEGIN
    SELECT * INTO v FROM counter WHERE id = p_counter FOR UPDATE;
    IF NOT FOUND OR NOT v.active THEN PERFORM skranke_refuse('not-found', 'counter_not_found', 'No counter with that id.'); END IF;
    IF v.site_id <> p_site THEN PERFORM skranke_refuse('conflict', 'counter_other_site', 'That counter belongs to another site.'); END IF;
    IF p_state = 'closed' THEN
      SELECT count(*)::int INTO v_active FROM ticket WHERE counter_id = v.id AND status IN ('called', 'in-service');
      IF v_active > 0 THEN
        PERFORM skranke_refuse('conflict', 'counter_has_active_ticket',
          format('%s still has %s citizen(s); finish or transfer them first.', v.name, v_active));
      END IF;
    END IF;
    v.state := p_state;
    v.pause_reason := CASE WHEN p_state = 'paused' THEN p_reason END;${withUntil ? "\n    v.paused_until := CASE WHEN p_state = 'paused' THEN p_until END;" : ''}
    v.staff_user_id := CASE WHEN p_state = 'closed' THEN NULL ELSE coalesce(p_user, v.staff_user_id) END;
    v.state_changed_at := p_now;
    UPDATE counter SET state = v.state, pause_reason = v.pause_reason,${withUntil ? ' paused_until = v.paused_until,' : ''} staff_user_id = v.staff_user_id, state_changed_at = v.state_changed_at
    WHERE id = v.id;
    o_counter := v;
    -- Open counters change every estimate of the services they serve.
    o_events := skranke_append(p_site, p_now, p_user, p_device,
      ARRAY['counter.changed', 'queue.changed'], ARRAY[NULL, NULL]::uuid[], ARRAY[v.id, NULL],
      ARRAY[jsonb_build_object('counterId', v.id, 'name', v.name, 'state', v.state, 'kind', v.kind),
            skranke_queue_changed(p_estimates, v.service_ids)]);
  END
  $fn$;`;

export class CounterPausedUntil1795547000000 implements MigrationInterface {
  name = 'CounterPausedUntil1795547000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "counter" ADD "paused_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`DROP FUNCTION skranke_counter_state(uuid, uuid, text, text, timestamptz, uuid, uuid, jsonb)`);
    await q.query(body(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION skranke_counter_state(uuid, uuid, text, text, timestamptz, uuid, uuid, jsonb, timestamptz)`);
    await q.query(`ALTER TABLE "counter" DROP COLUMN "paused_until"`);
    await q.query(body(false));
  }
}
