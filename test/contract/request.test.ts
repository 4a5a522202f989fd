// The request's form and parameter readers: what a handler gets from a click's parameters, a form field or a date picker.
import { formDate, formString, formStrings, str, type Request } from '../../src/contract/request';

function req(params: Record<string, string>, form: Request['form'] = {}): Request {
  return { host: 'chat', userEmail: 'kari@kommune.example', locale: 'nb', action: 'x', params, form };
}

describe('str and formString', () => {
  it('takes a parameter first, else the first form value; formString only the form', () => {
    const r = req({ q: 'from-param' }, { q: { strings: ['from-form'] }, t: { strings: ['typed', 'second'] } });
    expect(str(r, 'q')).toBe('from-param');
    expect(str(r, 't')).toBe('typed');
    expect(str(r, 'none')).toBe('');
    expect(formString(r, 'q')).toBe('from-form');
    expect(formString(r, 'none')).toBe('');
  });

  it('formStrings gives every value of a multi-select, none as an empty list', () => {
    const r = req({}, { roles: { strings: ['nurse', 'teacher'] } });
    expect(formStrings(r, 'roles')).toEqual(['nurse', 'teacher']);
    expect(formStrings(r, 'none')).toEqual([]);
  });
});

describe('formDate', () => {
  it('reads a date picker as the day Google means (DATE_ONLY is midnight UTC of that day)', () => {
    const r = req({}, { on: { strings: [], msSinceEpoch: Date.UTC(2026, 11, 10) } });
    expect(formDate(r, 'on')).toBe('2026-12-10');
  });

  it('a picker value that is no number is no date', () => {
    expect(formDate(req({}, { on: { strings: [], msSinceEpoch: Number.NaN } }), 'on')).toBeUndefined();
  });

  it('else the typed text as a date (after normalise), else the fallback when nothing was given', () => {
    expect(formDate(req({ on: '2026-12-10' }), 'on')).toBe('2026-12-10');
    expect(formDate(req({ on: '10.12.2026' }), 'on', undefined, (raw) => raw.split('.').reverse().join('-'))).toBe('2026-12-10');
    expect(formDate(req({ on: 'tomorrow' }), 'on', '2026-01-01')).toBeUndefined();
    expect(formDate(req({}), 'on', '2026-01-01')).toBe('2026-01-01');
    expect(formDate(req({}), 'on')).toBeUndefined();
  });
});
