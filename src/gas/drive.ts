// Drive as the service account (Drive API v3 over the HTTP transport): evidence and appraisal files are never the user's to share.
import type { DrivePort, FileMarks } from '../app/ports';
import type { HttpMethod, HttpTransport } from '../adapters/google/transport';
import { earlierNames } from '../core/drive-names';
import { DRIVE_FILES_API as API, DRIVE_SCOPE, driveLiteral as lit, driveOk as ok } from '../adapters/google/drive-rest';

const UPLOAD = 'https://www.googleapis.com/upload/drive/v3/files';
const FOLDER = 'application/vnd.google-apps.folder';

/** `http`: the HTTP transport with the service account's token (withBearer). */
export function serviceAccountDrive(http: HttpTransport, rootFolderId: () => string | undefined): DrivePort {
  const call = <T>(method: HttpMethod, url: string, body: unknown, what: string) => ok<T>(http.request({ method, scope: DRIVE_SCOPE, url, body }), what);
  /** File content as bytes (base64 both ways): upload with uploadType=media, or an export. */
  const media = (url: string, method: 'PATCH' | 'GET', base64?: string, mimeType?: string) => {
    const res = http.request({ method, scope: DRIVE_SCOPE, url, bytesAnswer: method === 'GET', ...(base64 !== undefined ? { body: { base64, contentType: mimeType ?? 'application/octet-stream' } } : {}) });
    if (res.status >= 300) throw new Error(`Drive media ${method.toLowerCase()} failed: HTTP ${res.status}`);
    return res.body as { base64: string };
  };

  // The app's marks go in the metadata of the call that makes the file (files.create / files.copy `appProperties`), so
  // the file never exists without them.
  function createFile(folderId: string, name: string, mimeType: string, base64: string, marks?: FileMarks): string {
    const file = call<{ id: string }>('POST', `${API}?fields=id&supportsAllDrives=true`,
      { name, mimeType, parents: [folderId], ...(marks ? { appProperties: marks } : {}) }, 'create');
    media(`${UPLOAD}/${file.id}?uploadType=media&supportsAllDrives=true`, 'PATCH', base64, mimeType);
    return file.id;
  }

  const search = (parent: string, name: string) => {
    const q = `name = ${lit(name)} and ${lit(parent)} in parents and mimeType = '${FOLDER}' and trashed = false`;
    return call<{ files: { id: string }[] }>('GET', `${API}?q=${encodeURIComponent(q)}&fields=files(id)&supportsAllDrives=true&includeItemsFromAllDrives=true`, undefined, 'search').files[0]?.id;
  };
  /**
   * The folder of that name, or of an earlier name (src/core/drive-names.ts), which is then given today's name: one search
   * per segment once the names are today's. A rename Drive refuses leaves the folder in use under its old name.
   */
  function folderIn(parent: string, name: string): string | undefined {
    for (const n of [name, ...earlierNames(name)]) {
      const id = search(parent, n);
      if (!id) continue;
      if (n !== name) {
        try { call('PATCH', `${API}/${id}?fields=id&supportsAllDrives=true`, { name }, 'rename'); } catch { /* still found by its earlier name next time */ }
      }
      return id;
    }
    return undefined;
  }

  return {
    ensureFolder(path) {
      let parent = rootFolderId() ?? 'root';
      for (const name of path) {
        parent = folderIn(parent, name) ?? call<{ id: string }>('POST', `${API}?fields=id&supportsAllDrives=true`, { name, mimeType: FOLDER, parents: [parent] }, 'mkdir').id;
      }
      return parent;
    },
    createFile,
    share(fileId, readers, writers, commenters = []) {
      const grants: [string, string][] = [...readers.map((e) => [e, 'reader'] as [string, string]),
        ...writers.map((e) => [e, 'writer'] as [string, string]), ...commenters.map((e) => [e, 'commenter'] as [string, string])];
      for (const [emailAddress, role] of grants) {
        // Only named people; never "anyone with the link" or the whole domain. No notification mail per grant.
        call('POST', `${API}/${fileId}/permissions?sendNotificationEmail=false&supportsAllDrives=true`, { type: 'user', role, emailAddress }, 'share');
      }
    },
    copy(fileId, folderId, name, marks) {
      return call<{ id: string }>('POST', `${API}/${fileId}/copy?fields=id&supportsAllDrives=true`,
        { name, parents: [folderId], ...(marks ? { appProperties: marks } : {}) }, 'copy').id;
    },
    exportPdf(fileId, folderId, name, marks) {
      const pdf = media(`${API}/${fileId}/export?mimeType=application/pdf`, 'GET');
      return createFile(folderId, name, 'application/pdf', pdf.base64, marks);
    },
    findMarked(key, value, createdBefore, max) {
      // Drive search: `appProperties has { key='…' and value='…' }` and `createdTime < '…'` (RFC 3339, UTC).
      const q = `appProperties has { key=${lit(key)} and value=${lit(value)} } and createdTime < ${lit(createdBefore)} and trashed = false`;
      const found = call<{ files?: { id: string; name: string; createdTime: string; appProperties?: FileMarks }[] }>('GET',
        `${API}?q=${encodeURIComponent(q)}&pageSize=${max}&fields=files(id,name,createdTime,appProperties)&supportsAllDrives=true&includeItemsFromAllDrives=true`,
        undefined, 'search marked');
      return (found.files ?? []).map((f) => ({ id: f.id, name: f.name, createdTime: f.createdTime, marks: f.appProperties ?? {} }));
    },
    setMarks(fileId, marks) {
      // A property set to null is removed (Drive guide "Add custom file properties": delete by setting it to null).
      call('PATCH', `${API}/${fileId}?supportsAllDrives=true`, { appProperties: marks }, 'set marks');
    },
    trash(fileId) {
      call('PATCH', `${API}/${fileId}?supportsAllDrives=true`, { trashed: true }, 'trash');
    },
    unshare(fileId, emails) {
      const gone = new Set(emails.map((e) => e.toLowerCase()));
      const list = call<{ permissions?: { id: string; emailAddress?: string }[] }>('GET',
        `${API}/${fileId}/permissions?fields=permissions(id,emailAddress)&supportsAllDrives=true`, undefined, 'list permissions');
      for (const p of list.permissions ?? []) {
        if (p.emailAddress && gone.has(p.emailAddress.toLowerCase())) call('DELETE', `${API}/${fileId}/permissions/${p.id}?supportsAllDrives=true`, undefined, 'unshare');
      }
    },
  };
}
