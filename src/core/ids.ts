// Record ids (employeeId, sessionId, questionId…): one pattern for every table, parameter and import.

/** A record id: a letter or digit, then up to 63 letters, digits, `_`, `.`, `:` or `-` (safe in cells, keys and parameters). */
export const RECORD_ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}';
/** A whole string that is a record id. */
export const RECORD_ID = new RegExp(`^${RECORD_ID_PATTERN}$`);

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value);
}

/** The same string hash everywhere a bucket or an id is derived (stable across executions and deployments). */
export function hash31(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
