// `kompetent import --dry-run --local <data>` (issue 15 §3): the dry run checks a legacy file against the local
// workspace's records (the CSV files npm start keeps), with no Google account, and reports exactly what the Google run does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { headerOf, TABLE_NAMES } from '../../src/core/records/tables';
import { serializeCsv } from '../../src/adapters/node/csv-workbook';
import { runCli } from '../../src/cli/main';
import { fixture, type TestIo } from './support/harness';
import { RECORDS } from './support/municipality';

/** An Io with no Google settings at all: no key, no token, no root URL, no config file. */
function bareIo(): TestIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-local-'));
  return {
    stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), errRaw: (t) => stderr.push(t), errIsTTY: false, cwd, env: {},
    now: () => new Date('2026-03-02T09:00:00Z'), text: () => stdout.join('\n'),
  };
}

/** The same small municipality as the Google tests, as the local workspace keeps it: data/records/<Table>.csv. */
function localData(io: TestIo): string {
  const dir = path.join(io.cwd, 'data', 'records');
  fs.mkdirSync(dir, { recursive: true });
  for (const t of TABLE_NAMES) {
    const rows = (RECORDS[t] ?? []).map((r) => r.map((c) => (c === '' ? null : c)));
    fs.writeFileSync(path.join(dir, `${t}.csv`), serializeCsv([headerOf(t), ...rows]));
  }
  return dir;
}

const snapshotDir = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

describe('import --dry-run --local', () => {
  it('reports every row against the local records without any Google account, and changes no file', async () => {
    const io = bareIo();
    const dir = localData(io);
    const before = snapshotDir(dir);
    const code = await runCli(['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--local', 'data'], io);
    expect(io.stderr.join('\n')).not.toMatch(/credential|key|token/i);
    expect(code).toBe(1); // rows are rejected, as in the Google run
    const text = io.text();
    expect(text).toContain('row 6     add       HLR med hjertestarter 2024-03-15 (valid to 2026-03-15)');
    expect(text).toContain('row 7     unchanged Brannvern 2025-01-10 already recorded');
    expect(text).toContain('row 13    reject    unknown unit "Nordpolen"');
    expect(text).toContain('Summary: 11 rows: 4 add, 0 change, 2 unchanged, 0 skip, 5 reject');
    expect(text).toContain('Dry run: nothing written. 5 rows would be rejected.');
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses to write locally, and says where the records are missing', async () => {
    const io = bareIo();
    localData(io);
    expect(await runCli(['import', fixture('kursoversikt-helse.csv'), '--local', 'data'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--local only checks an import');
    const empty = bareIo();
    expect(await runCli(['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--local', 'nowhere'], empty)).not.toBe(0);
    expect(empty.stderr.join('\n')).toContain('No local records in');
  });
});
