import { WAIT_BANDS, waitBand } from './wait-band';

describe('waitBand', () => {
  it('puts a wait in seconds into its band, lower bound included, upper excluded', () => {
    expect(waitBand(0)).toBe('0-5');
    expect(waitBand(299)).toBe('0-5');
    expect(waitBand(300)).toBe('5-15');
    expect(waitBand(899)).toBe('5-15');
    expect(waitBand(900)).toBe('15-30');
    expect(waitBand(1799)).toBe('15-30');
    expect(waitBand(1800)).toBe('30-60');
    expect(waitBand(3599)).toBe('30-60');
    expect(waitBand(3600)).toBe('60+');
    expect(waitBand(86_400)).toBe('60+');
  });

  it('has no band for an unknown wait', () => {
    for (const w of [null, undefined, -1, Number.NaN]) expect(waitBand(w)).toBeNull();
  });

  it('lists the bands in order', () => {
    expect(WAIT_BANDS).toEqual(['0-5', '5-15', '15-30', '30-60', '60+']);
  });
});
