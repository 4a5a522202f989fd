// Wires the Apps Script adapters into the app's ports, once per execution.
import { chatApi } from '../adapters/google/chat-api';
import { docsApi, DOCS_SCOPE } from '../adapters/google/docs-api';
import type { Ports } from '../app/ports';
import { DRIVE_FOLDERS } from '../core/drive-names';
import { MeteredCache } from '../store/cache-shards';
import { Meter, metered } from '../store/ports';
import { TokenCache } from '../adapters/google/jwt';
import { SheetsWorkbook } from '../adapters/google/sheets-workbook';
import { driveArchiveShelf } from '../adapters/google/drive-archives';
import { driveRootFolderId, recordsShardIds, recordsSpreadsheetId, serviceAccountKey } from './config';
import { ShardedWorkbook } from '../store/sharded-workbook';
import { serviceAccountDrive } from './drive';
import { gmailApp } from './gmail';
import { urlFetchTransport } from './http';
import { readRound, withBearer } from '../adapters/google/transport';
import { requestRebuild } from './triggers';
import { gasCodec } from './codec';
import { consoleLog, courseCalendar, mailApp, propertyMarks, propertyStore, scriptCache, scriptClock, scriptLock, uuidIds } from './services';

/** One token for everything the service account does: the records, Drive files, and posting in Chat as the app. */
export const SERVICE_ACCOUNT_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/chat.bot',
  // Appraisal documents are copies the service account made and owns: it fills and reads them (src/adapters/google/docs-api.ts).
  DOCS_SCOPE,
];

type Outward = Pick<Ports, 'chat' | 'mail' | 'calendar' | 'drive' | 'docs'> & { gmail: NonNullable<Ports['gmail']> };

/**
 * Every outward API call counted on the meter under the kinds its local twin uses (src/adapters/memory), so a budget
 * means the same on Apps Script: Chat and mail as `chat.create|update|findDirectMessage` and `mail.send`, the others as
 * `<service>.<method>`. MailApp.getRemainingDailyQuota stays in the script and is not counted, as locally.
 */
export function meterOutward(ports: Outward, meter: Meter): Outward {
  return {
    chat: metered('chat', ports.chat, meter, { createMessage: 'chat.create', updateMessage: 'chat.update' }),
    mail: metered('mail', ports.mail, meter, { remainingQuota: '' }),
    calendar: metered('calendar', ports.calendar, meter),
    gmail: metered('gmail', ports.gmail, meter),
    drive: metered('drive', ports.drive, meter),
    docs: metered('docs', ports.docs, meter),
  };
}

export function gasPorts(): Ports {
  const meter = new Meter();
  const cache = new MeteredCache(scriptCache(), meter);
  const transport = urlFetchTransport();
  const sleep = (ms: number) => Utilities.sleep(ms);
  let tokens: TokenCache | undefined;
  const auth = () => {
    if (!tokens) {
      const key = serviceAccountKey();
      tokens = new TokenCache({
        cache, transport, meter, sleep, clientEmail: key.client_email, scopes: SERVICE_ACCOUNT_SCOPES,
        // The signing input is base64url text (ASCII), so bytes → string is exact.
        sign: (bytes) => Utilities.computeRsaSha256Signature(String.fromCharCode(...Array.from(bytes)), key.private_key),
      });
    }
    return tokens;
  };
  const token = () => auth().token();
  // Chat, Docs and Drive as the service account: the one transport with its token (one token holds every scope above).
  const api = withBearer(transport, token);
  const lock = scriptLock(meter);
  const sheets = (spreadsheetId: string) => new SheetsWorkbook({ spreadsheetId, transport, meter, sleep, auth: { token, invalidate: () => auth().invalidate() },
    // Never a backoff sleep while the script lock is held (DESIGN.md Reliability): the pipeline retries outside it.
    mayWait: () => !lock.holding?.() });
  const outward = meterOutward({ chat: chatApi(api), mail: mailApp(), calendar: courseCalendar(), gmail: gmailApp(), drive: serviceAccountDrive(api, driveRootFolderId), docs: docsApi(api) }, meter);
  let archiveFolder: string | undefined;
  // The person shards (RECORDS_SHARD_IDS, read once per execution as the records' id is): one workbook over the records
  // and every shard, on the same meter, transport and token, their reads in one UrlFetchApp.fetchAll round (http.ts);
  // none set, the records' workbook as before.
  const shardIds = recordsShardIds();
  const records = sheets(recordsSpreadsheetId());
  const together = readRound(transport);
  return {
    meter,
    cache,
    codec: gasCodec,
    workbook: shardIds.length > 0 ? new ShardedWorkbook(records, shardIds.map(sheets), together ? { together } : {}) : records,
    lock,
    clock: scriptClock(),
    ids: uuidIds(),
    ...outward,
    marks: propertyMarks(meter),
    leases: propertyStore('job-lease', meter),
    progress: propertyStore('job-progress', meter),
    // The yearly archives sit beside the records, in the Kompetent folder shared with the service account and HR only.
    archives: driveArchiveShelf({ http: api, meter, open: sheets, folderId: () => (archiveFolder ??= outward.drive.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.recordsArchive])) }),
    log: consoleLog(),
    scheduleRebuild: () => requestRebuild(cache),
  };
}
