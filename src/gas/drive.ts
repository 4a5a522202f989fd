// Drive as the service account (Drive API v3 over UrlFetch): evidence and appraisal files are never the user's to share.
import type { DrivePort, FileMarks } from '../app/ports';
import type { JsonTransport } from '../adapters/google/chat-api';
import { DRIVE_FILES_API as API, DRIVE_SCOPE, driveLiteral as lit, driveOk as ok } from '../adapters/google/drive-rest';

const UPLOAD = 'https://www.googleapis.com/upload/drive/v3/files';
const FOLDER = 'application/vnd.google-apps.folder';

export function serviceAccountDrive(send: JsonTransport, token: (scope: string) => string, rootFolderId: () => string | undefined): DrivePort {
  const call = <T>(method: 'get' | 'post' | 'patch' | 'delete', url: string, body: unknown, what: string) => ok<T>(send({ method, url, body }, DRIVE_SCOPE), what);
  const media = (url: string, method: 'patch' | 'get', bytes?: GoogleAppsScript.Byte[], mimeType?: string) => {
    const res = UrlFetchApp.fetch(url, {
      method, muteHttpExceptions: true, headers: { Authorization: `Bearer ${token(DRIVE_SCOPE)}` },
      ...(bytes ? { contentType: mimeType, payload: bytes } : {}),
    });
    if (res.getResponseCode() >= 300) throw new Error(`Drive media ${method} failed: HTTP ${res.getResponseCode()}`);
    return res;
  };

  // The app's marks go in the metadata of the call that makes the file (files.create / files.copy `appProperties`), so
  // the file never exists without them.
  function createFile(folderId: string, name: string, mimeType: string, base64: string, marks?: FileMarks): string {
    const file = call<{ id: string }>('post', `${API}?fields=id&supportsAllDrives=true`,
      { name, mimeType, parents: [folderId], ...(marks ? { appProperties: marks } : {}) }, 'create');
    media(`${UPLOAD}/${file.id}?uploadType=media&supportsAllDrives=true`, 'patch', Utilities.base64Decode(base64), mimeType);
    return file.id;
  }

  return {
    ensureFolder(path) {
      let parent = rootFolderId() ?? 'root';
      for (const name of path) {
        const q = `name = ${lit(name)} and ${lit(parent)} in parents and mimeType = '${FOLDER}' and trashed = false`;
        const found = call<{ files: { id: string }[] }>('get', `${API}?q=${encodeURIComponent(q)}&fields=files(id)&supportsAllDrives=true&includeItemsFromAllDrives=true`, undefined, 'search');
        parent = found.files[0]?.id ?? call<{ id: string }>('post', `${API}?fields=id&supportsAllDrives=true`, { name, mimeType: FOLDER, parents: [parent] }, 'mkdir').id;
      }
      return parent;
    },
    createFile,
    share(fileId, readers, writers, commenters = []) {
      const grants: [string, string][] = [...readers.map((e) => [e, 'reader'] as [string, string]),
        ...writers.map((e) => [e, 'writer'] as [string, string]), ...commenters.map((e) => [e, 'commenter'] as [string, string])];
      for (const [emailAddress, role] of grants) {
        // Only named people; never "anyone with the link" or the whole domain. No notification mail per grant.
        call('post', `${API}/${fileId}/permissions?sendNotificationEmail=false&supportsAllDrives=true`, { type: 'user', role, emailAddress }, 'share');
      }
    },
    copy(fileId, folderId, name, marks) {
      return call<{ id: string }>('post', `${API}/${fileId}/copy?fields=id&supportsAllDrives=true`,
        { name, parents: [folderId], ...(marks ? { appProperties: marks } : {}) }, 'copy').id;
    },
    exportPdf(fileId, folderId, name, marks) {
      const pdf = media(`${API}/${fileId}/export?mimeType=application/pdf`, 'get');
      return createFile(folderId, name, 'application/pdf', Utilities.base64Encode(pdf.getContent()), marks);
    },
    findMarked(key, value, createdBefore, max) {
      // Drive search: `appProperties has { key='…' and value='…' }` and `createdTime < '…'` (RFC 3339, UTC).
      const q = `appProperties has { key=${lit(key)} and value=${lit(value)} } and createdTime < ${lit(createdBefore)} and trashed = false`;
      const found = call<{ files?: { id: string; name: string; createdTime: string; appProperties?: FileMarks }[] }>('get',
        `${API}?q=${encodeURIComponent(q)}&pageSize=${max}&fields=files(id,name,createdTime,appProperties)&supportsAllDrives=true&includeItemsFromAllDrives=true`,
        undefined, 'search marked');
      return (found.files ?? []).map((f) => ({ id: f.id, name: f.name, createdTime: f.createdTime, marks: f.appProperties ?? {} }));
    },
    setMarks(fileId, marks) {
      // A property set to null is removed (Drive guide "Add custom file properties": delete by setting it to null).
      call('patch', `${API}/${fileId}?supportsAllDrives=true`, { appProperties: marks }, 'set marks');
    },
    trash(fileId) {
      call('patch', `${API}/${fileId}?supportsAllDrives=true`, { trashed: true }, 'trash');
    },
    unshare(fileId, emails) {
      const gone = new Set(emails.map((e) => e.toLowerCase()));
      const list = call<{ permissions?: { id: string; emailAddress?: string }[] }>('get',
        `${API}/${fileId}/permissions?fields=permissions(id,emailAddress)&supportsAllDrives=true`, undefined, 'list permissions');
      for (const p of list.permissions ?? []) {
        if (p.emailAddress && gone.has(p.emailAddress.toLowerCase())) call('delete', `${API}/${fileId}/permissions/${p.id}?supportsAllDrives=true`, undefined, 'unshare');
      }
    },
  };
}
