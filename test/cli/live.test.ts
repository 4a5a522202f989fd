// The CLI against a real Google spreadsheet, when KOMPETENT_LIVE_SPREADSHEET and a service account key
// (GOOGLE_APPLICATION_CREDENTIALS) are set; use a spreadsheet made for testing. Skipped otherwise, saying why.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { fixture } from './support/harness';

const spreadsheet = process.env.KOMPETENT_LIVE_SPREADSHEET;
const key = process.env.GOOGLE_APPLICATION_CREDENTIALS;
const admins = process.env.KOMPETENT_LIVE_ADMINS;
const reason = !spreadsheet ? 'KOMPETENT_LIVE_SPREADSHEET is not set'
  : !key ? 'GOOGLE_APPLICATION_CREDENTIALS (a service account key) is not set'
    : !admins ? 'KOMPETENT_LIVE_ADMINS (the HR admins to share with, e.g. group:hr@kommune.no) is not set' : undefined;

function liveIo(cwd: string): Io & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines, out: (l) => lines.push(l), err: (l) => lines.push(l), errRaw: () => undefined, errIsTTY: false, cwd,
    env: { GOOGLE_APPLICATION_CREDENTIALS: key, KOMPETENT_SPREADSHEET: spreadsheet }, now: () => new Date(),
  };
}

if (reason) {
  console.info(`Live Google suite skipped: ${reason}.`);
  it.skip(`live Google suite (skipped: ${reason})`, () => undefined);
} else {
  jest.setTimeout(180_000);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-live-'));
  const io = liveIo(cwd);
  const run = async (argv: string[]) => { io.lines.length = 0; return runCli(argv, io); };

  describe('against a real spreadsheet', () => {
    it('provision sets up (or finds) everything; a second run changes nothing', async () => {
      const parent = process.env.KOMPETENT_LIVE_PARENT ? ['--parent', process.env.KOMPETENT_LIVE_PARENT] : [];
      const first = await run(['provision', '--admins', admins!, ...parent]);
      expect([0, 1]).toContain(first); // 1: sharing beyond the admins was found (reported, not removed)
      expect(await run(['provision', '--admins', admins!, ...parent])).toBe(first);
      expect(io.lines.join('\n')).toContain('Everything was in place; nothing changed.');
    });

    it('doctor finds the structure in order', async () => {
      expect([0, 1]).toContain(await run(['doctor']));
      expect(io.lines.join('\n')).toMatch(/Structure +✔/);
    });

    it('a dry-run import of a legacy list reports every row and writes nothing', async () => {
      expect([0, 1]).toContain(await run(['import', fixture('kursoversikt-helse.csv'), '--dry-run']));
      expect(io.lines.join('\n')).toMatch(/Dry run: nothing written/);
    });

    it('a backup of every tab', async () => {
      expect(await run(['export', '--backup', 'backup'])).toBe(0);
      expect(JSON.parse(fs.readFileSync(path.join(cwd, 'backup', 'manifest.json'), 'utf8')).spreadsheetId).toBe(spreadsheet);
    });
  });
}
