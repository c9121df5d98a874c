/**
 * The estimate a citizen is told at issue, in the day simulator: the schedule
 * estimator's, then the room's rules for a waiting ticket (room-estimates.ts
 * `shownTicketEstimate`: the service's range factors for the point's band, the next in line's low end,
 * to the second) with the factors the nightly calibration set before this day.
 */
import { RangeCalibration } from '../wait/calibration-bands';
import { shownTicketEstimate } from '../wait/room-estimates';
import { ScheduleEstimator } from '../wait/schedule-estimator';
import { WaitEstimate } from '../wait/simple-estimate';
import { WaitEstimator, WaitSnapshot } from '../wait/wait-snapshot';

export class ShownEstimator implements WaitEstimator {
  readonly name: string;
  readonly hasRange = true;
  /** Each service's range factors in force today (set between days, as the nightly job does). */
  calibration: RangeCalibration = new Map();
  /** Tickets told nothing (no open counter served their service): the live system scores none of them. */
  readonly untold = new Set<string>();

  constructor(
    private readonly inner: WaitEstimator = new ScheduleEstimator(),
    name = inner.name,
  ) {
    this.name = name;
  }

  estimate(snapshot: WaitSnapshot, ticketIds?: readonly string[]): Map<string, WaitEstimate> {
    const raw = this.inner.estimate(snapshot, ticketIds);
    const byId = new Map(snapshot.waiting.map((t) => [t.id, t]));
    const out = new Map<string, WaitEstimate>();
    for (const [id, e] of raw) {
      const shown = shownTicketEstimate(snapshot, byId.get(id)!, e, this.calibration);
      if (!shown) this.untold.add(id);
      out.set(id, shown ?? e);
    }
    return out;
  }
}
