// Runs the CLI in-process against the Sheets/Drive double: a temp working folder, captured output, a fixed clock.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { google, type drive_v3, type sheets_v4 } from 'googleapis';
import type { Io } from '../../../src/cli/io';
import { runCli, type Deps } from '../../../src/cli/main';
import { DriveDoubleClient } from '../../support/drive-double';
import { SheetsDouble } from '../../support/sheets-double';

export const TOKEN = 'cli-test-token';
export const SA = 'kompetent@kommune-prosjekt.iam.gserviceaccount.com';
export const ADMIN = 'hr.admin@kommune.example';
export const GROUP = 'hr-kompetent@kommune.example';

export interface Doubles { sheets: SheetsDouble; drive: DriveDoubleClient }

export async function startDoubles(): Promise<Doubles> {
  const sheets = await SheetsDouble.start();
  await sheets.allowToken(TOKEN);
  const drive = new DriveDoubleClient(sheets.url);
  await drive.setUser(SA);
  return { sheets, drive };
}

/** An empty Drive for the next test (provision finds folders by name, so tests would otherwise share them). */
export async function emptyDrive(d: Doubles): Promise<void> {
  await d.drive.reset();
  await d.drive.setUser(SA);
  // …and a new minute: the Sheets double counts the API's per-minute quotas as Google does.
  await d.sheets.advanceClock(60_000);
}

export interface TestIo extends Io { stdout: string[]; stderr: string[]; text(): string }

export function testIo(d: Doubles, o: { cwd?: string; now?: string; tty?: boolean; env?: Record<string, string> } = {}): TestIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const cwd = o.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-cli-'));
  return {
    stdout, stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    errRaw: (t) => stderr.push(t),
    errIsTTY: o.tty ?? false,
    cwd,
    // English output unless a test sets LANG (the CLI prints in the person's locale: src/cli/locale.ts).
    env: { LANG: 'en_GB.UTF-8', KOMPETENT_GOOGLE_ROOT_URL: d.sheets.url, KOMPETENT_ACCESS_TOKEN: TOKEN, ...(o.env ?? {}) },
    now: () => new Date(o.now ?? '2026-03-02T09:00:00Z'),
    text: () => stdout.join('\n'),
  };
}

export async function cli(io: TestIo, argv: string[], deps: Deps = {}): Promise<number> {
  io.stdout.length = 0;
  io.stderr.length = 0;
  return runCli(argv, io, deps);
}

/** Provisions a fresh set-up in io.cwd and returns the spreadsheet id. */
export async function provisioned(io: TestIo): Promise<string> {
  const code = await cli(io, ['provision', '--service-account', SA, '--admin-group', GROUP, '--admins', ADMIN]);
  if (code !== 0) throw new Error(`provision failed (${code}): ${io.stdout.join('\n')}\n${io.stderr.join('\n')}`);
  return (JSON.parse(fs.readFileSync(path.join(io.cwd, 'kompetent.json'), 'utf8')) as { spreadsheetId: string }).spreadsheetId;
}

export function fixture(name: string): string {
  return path.join(__dirname, '..', 'fixtures', name);
}

/** A googleapis Sheets client on the double, to look at (and tamper with) what the CLI made, independently of it. */
export function sheetsClient(d: Doubles): sheets_v4.Sheets {
  const auth = new google.auth.OAuth2({ transporterOptions: { fetchImplementation: fetch } });
  auth.setCredentials({ access_token: TOKEN });
  return google.sheets({ version: 'v4', auth, rootUrl: `${d.sheets.url}/`, fetchImplementation: fetch });
}

/** A googleapis Drive client on the double, to tamper with what the CLI made (rename a folder, as an earlier version named it). */
export function driveClient(d: Doubles): drive_v3.Drive {
  const auth = new google.auth.OAuth2({ transporterOptions: { fetchImplementation: fetch } });
  auth.setCredentials({ access_token: TOKEN });
  return google.drive({ version: 'v3', auth, rootUrl: `${d.sheets.url}/`, fetchImplementation: fetch });
}

export function config(io: TestIo): { spreadsheetId: string; rootFolderId: string; folders: Record<string, string>; templates: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(io.cwd, 'kompetent.json'), 'utf8'));
}
