// The course administration's call contract: each call's payload checked, numbers typed in a form read as numbers.
import { COURSE_CALLS, coursePayload } from '../../src/contract/course-admin';

describe('coursePayload', () => {
  it('reads a seat count typed as text as a number, and an empty one as none', () => {
    const base = { isNew: true, courseId: 'K1', startsAt: '2027-01-12T09:00', endsAt: '2027-01-12T12:00' };
    const typed = coursePayload({ payload: { ...base, capacity: '12' } }, COURSE_CALLS.saveSession);
    expect(typed).toEqual({ ok: true, value: expect.objectContaining({ capacity: 12 }) });
    const empty = coursePayload({ payload: { ...base, capacity: '' } }, COURSE_CALLS.saveSession);
    expect(empty.ok && empty.value.capacity).toBeUndefined();
  });

  it('refuses what does not fit, naming the field', () => {
    const r = coursePayload({ payload: { sessionId: 'S1', marks: [] } }, COURSE_CALLS.markAttendance);
    expect(r).toEqual({ ok: false, detail: expect.stringContaining('marks') });
    expect(coursePayload({ payload: { sessionId: 'x'.repeat(101) } }, COURSE_CALLS.participants).ok).toBe(false);
    expect(coursePayload({ payload: { sessionId: 'S1' } }, COURSE_CALLS.participants)).toEqual({ ok: true, value: { sessionId: 'S1' } });
  });
});
