// The archive shelf over Drive API v3 as the service account: one spreadsheet per year (filled month by month) in the app's archive folder.
import { archiveName, archiveYearOf } from '../../core/drive-names';
import { type ArchiveShelf, type Meter, type WorkbookPort } from '../../store/ports';
import type { HttpTransport } from './transport';
import { DRIVE_FILES_API, DRIVE_SCOPE, driveLiteral as lit, driveOk as ok } from './drive-rest';

/** "application/vnd.google-apps.spreadsheet": Google Workspace MIME types (developers.google.com/drive/api/guides/mime-types). */
export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export interface DriveArchiveOptions {
  /** The HTTP transport with the service account's token (withBearer). */
  http: HttpTransport;
  /** The folder that holds the archives (found or made once per execution by the caller, e.g. DrivePort.ensureFolder). */
  folderId: () => string;
  /** The Sheets workbook of a spreadsheet, with the records' transport, credentials and meter. */
  open: (spreadsheetId: string) => WorkbookPort;
  meter: Meter;
  /** Drive API files endpoint (tests point it at the double). */
  api?: string;
}

/**
 * files.list finds the archives by folder, type and name (`'<folder>' in parents and mimeType = '…spreadsheet' and
 * trashed = false`); files.create with `mimeType` set to the spreadsheet type and `parents: [folder]` makes an empty
 * Google Sheets file in that folder in one call ("To create a Google Workspace file, set the mimeType": Drive API,
 * Create and manage files, developers.google.com/drive/api/guides/create-file). `supportsAllDrives`: the folder may be on
 * a shared drive, where a service account's files belong to the drive (a service account has no storage of its own).
 */
export function driveArchiveShelf(o: DriveArchiveOptions): ArchiveShelf {
  const api = o.api ?? DRIVE_FILES_API;
  return {
    list() {
      o.meter.call('drive.list');
      const q = `${lit(o.folderId())} in parents and mimeType = '${SPREADSHEET_MIME}' and trashed = false`;
      const url = `${api}?q=${encodeURIComponent(q)}&fields=${encodeURIComponent('files(id,name)')}&supportsAllDrives=true&includeItemsFromAllDrives=true&pageSize=1000`;
      const found = ok<{ files?: { id: string; name: string }[] }>(o.http.request({ method: 'GET', scope: DRIVE_SCOPE, url }), 'files.list');
      return (found.files ?? []).flatMap((f) => {
        const year = archiveYearOf(f.name);
        return year === undefined ? [] : [{ year, spreadsheetId: f.id }];
      }).sort((a, b) => a.year - b.year);
    },
    create(year) {
      o.meter.call('drive.create');
      const body = { name: archiveName(year), mimeType: SPREADSHEET_MIME, parents: [o.folderId()] };
      return ok<{ id: string }>(o.http.request({ method: 'POST', scope: DRIVE_SCOPE, url: `${api}?fields=id&supportsAllDrives=true`, body }), 'files.create').id;
    },
    open: (id) => o.open(id),
  };
}
