import { DomainError } from '../errors';
import { nextStaffFiguresNotice, parseStaffFiguresInput, staffFiguresOn } from './staff-figures';

const PURPOSE = 'Planlægning af bemanding pr. ydelse';
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('the notice of per-person figures', () => {
  test('a new notice starts 42 days after today at the earliest, across a month and a year end', () => {
    expect(code(() => nextStaffFiguresNotice('2026-12-04', undefined, { purpose: PURPOSE, startsOn: '2027-01-14' }))).toBe('staff_figures_notice_too_short');
    expect(nextStaffFiguresNotice('2026-12-04', undefined, { purpose: PURPOSE, startsOn: '2027-01-15' })).toEqual({ purpose: PURPOSE, startsOn: '2027-01-15', noticeGivenOn: '2026-12-04' });
  });

  test('later under the same purpose keeps the notice; earlier or another purpose is a new one', () => {
    const current = { purpose: PURPOSE, startsOn: '2027-01-15', noticeGivenOn: '2026-12-04' };
    expect(nextStaffFiguresNotice('2027-01-10', current, { purpose: PURPOSE, startsOn: '2027-02-01' })).toEqual({ ...current, startsOn: '2027-02-01' });
    expect(nextStaffFiguresNotice('2027-01-10', current, { purpose: PURPOSE, startsOn: '2027-01-15' })).toEqual(current);
    expect(code(() => nextStaffFiguresNotice('2027-01-10', current, { purpose: PURPOSE, startsOn: '2027-01-14' }))).toBe('staff_figures_notice_too_short');
    expect(code(() => nextStaffFiguresNotice('2027-01-10', current, { purpose: `${PURPOSE} og samtaler`, startsOn: '2027-02-01' }))).toBe('staff_figures_notice_too_short');
    expect(nextStaffFiguresNotice('2027-01-10', current, { purpose: `${PURPOSE} og samtaler`, startsOn: '2027-02-21' }).noticeGivenOn).toBe('2027-01-10');
  });

  test('malformed input is refused with a code; a CPR number never stored', () => {
    expect(code(() => parseStaffFiguresInput({ purpose: 'kort', startsOn: '2027-03-01' }))).toBe('invalid_staff_figures');
    expect(code(() => parseStaffFiguresInput({ purpose: 'x'.repeat(501), startsOn: '2027-03-01' }))).toBe('invalid_staff_figures');
    expect(code(() => parseStaffFiguresInput({ purpose: PURPOSE, startsOn: '2027-02-29' }))).toBe('invalid_staff_figures');
    expect(code(() => parseStaffFiguresInput({ purpose: `${PURPOSE} 0101901234`, startsOn: '2027-03-01' }))).toBe('cpr_not_allowed');
    expect(code(() => parseStaffFiguresInput([PURPOSE]))).toBe('invalid_staff_figures');
    expect(parseStaffFiguresInput({ purpose: `  ${PURPOSE}  `, startsOn: '2027-03-01' })).toEqual({ purpose: PURPOSE, startsOn: '2027-03-01' });
  });

  test('on from the start day', () => {
    const notice = { purpose: PURPOSE, startsOn: '2027-01-15', noticeGivenOn: '2026-12-04' };
    expect(staffFiguresOn(undefined, '2027-01-15')).toBe(false);
    expect(staffFiguresOn(notice, '2027-01-14')).toBe(false);
    expect(staffFiguresOn(notice, '2027-01-15')).toBe(true);
  });
});
