// Deployment settings kept in Script Properties (set by the admin CLI or by hand; see README).
export const PROPS = {
  spreadsheetId: 'RECORDS_SPREADSHEET_ID',
  serviceAccountKey: 'SERVICE_ACCOUNT_KEY',
  driveRootFolderId: 'DRIVE_ROOT_FOLDER_ID',
  /** The Kompetent course calendar (made by the outbox job on its first calendar effect). */
  courseCalendarId: 'COURSE_CALENDAR_ID',
  /**
   * The person shards (src/store/shards.ts), comma-separated spreadsheet ids in shard order (printed by
   * `kompetent provision --person-shards N`); absent or empty: no shards, every row in the records spreadsheet.
   */
  shardIds: 'RECORDS_SHARD_IDS',
} as const;

function prop(name: string): string {
  const v = PropertiesService.getScriptProperties().getProperty(name);
  if (!v) throw new Error(`Script property ${name} is not set (see README: deploy)`);
  return v;
}

export function recordsSpreadsheetId(): string { return prop(PROPS.spreadsheetId); }
export function serviceAccountKey(): { client_email: string; private_key: string } {
  return JSON.parse(prop(PROPS.serviceAccountKey)) as { client_email: string; private_key: string };
}
export function driveRootFolderId(): string | undefined {
  return PropertiesService.getScriptProperties().getProperty(PROPS.driveRootFolderId) ?? undefined;
}

/** The ids of a RECORDS_SHARD_IDS value, in order (commas, spaces and line breaks between them; empties dropped). */
export function parseShardIds(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((id) => id !== '');
}

/** The person shards' spreadsheet ids (one property read; [] when there are none). */
export function recordsShardIds(): string[] {
  return parseShardIds(PropertiesService.getScriptProperties().getProperty(PROPS.shardIds));
}
