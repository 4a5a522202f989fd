// Drive API v3 basics shared by every Drive adapter: the answer check and the query string literal.
import { DRIVE_FILES_API, DRIVE_SCOPE, driveLiteral, driveOk } from '../../../src/adapters/google/drive-rest';

it('names the Drive v3 files endpoint and the drive scope', () => {
  expect(DRIVE_FILES_API).toBe('https://www.googleapis.com/drive/v3/files');
  expect(DRIVE_SCOPE).toBe('https://www.googleapis.com/auth/drive');
});

it('returns the body of a 2xx answer, and throws naming the call and Google\'s message otherwise', () => {
  expect(driveOk<{ id: string }>({ status: 200, body: { id: 'f1' } }, 'files.get')).toEqual({ id: 'f1' });
  expect(driveOk({ status: 204, body: undefined }, 'files.delete')).toBeUndefined();
  expect(() => driveOk({ status: 404, body: { error: { code: 404, message: 'File not found: f1.' } } }, 'files.get'))
    .toThrow('Drive files.get failed: HTTP 404 File not found: f1.');
  expect(() => driveOk({ status: 500, body: 'oops' }, 'files.list')).toThrow('Drive files.list failed: HTTP 500 ');
  expect(() => driveOk({ status: 302, body: {} }, 'files.list')).toThrow('HTTP 302');
});

it('quotes a query literal as the Drive search syntax asks: backslashes and single quotes escaped', () => {
  // developers.google.com/workspace/drive/api/guides/ref-search-terms: "escape single quotes with \'" and backslashes.
  expect(driveLiteral('Kompetent')).toBe("'Kompetent'");
  expect(driveLiteral("Kari's mappe")).toBe("'Kari\\'s mappe'");
  expect(driveLiteral('a\\b')).toBe("'a\\\\b'");
  expect(driveLiteral("\\'")).toBe("'\\\\\\''");
});
