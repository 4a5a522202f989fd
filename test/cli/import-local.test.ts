// `kompetent import --dry-run --local <data>` (issue 15 §3): the dry run checks a legacy file against the local
// workspace's records (the CSV files npm start keeps), with no Google account, and reports exactly what the Google run does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { headerOf, TABLE_NAMES } from '../../src/core/records/tables';
import { serializeCsv } from '../../src/adapters/node/csv-format';
import { runCli } from '../../src/cli/main';
import { fixture, type TestIo } from './support/harness';
import { RECORDS } from './support/municipality';

/** An Io with no Google settings at all: no key, no token, no root URL, no config file. */
function bareIo(env: Record<string, string> = { LANG: 'en_US.UTF-8' }): TestIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-local-'));
  return {
    stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), errRaw: (t) => stderr.push(t), errIsTTY: false, cwd, env,
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

  it('speaks the person\'s language: Norwegian for nb/no/nn and when no locale is set, Swedish for sv', async () => {
    const nb = bareIo({ LANG: 'nb_NO.UTF-8' });
    localData(nb);
    expect(await runCli(['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--local', 'data'], nb)).toBe(1);
    const text = nb.text();
    expect(text).toContain('Import av kursoversikt-helse.csv, arket «kursoversikt-helse», overskrift på rad 5');
    expect(text).toContain('  rad 6     legg til  HLR med hjertestarter 2024-03-15 (gyldig til 2026-03-15)');
    expect(text).toContain('  rad 7     uendret   Brannvern 2025-01-10 er allerede registrert');
    expect(text).toContain('  rad 12    avvis     «31.02.2024» i «Dato» er ikke en dato (Smittevern)');
    expect(text).toContain('  rad 13    avvis     ukjent enhet «Nordpolen»');
    expect(text).toContain('Sammendrag: 11 rader: 4 legg til, 0 endre, 2 uendret, 0 hopp over, 5 avvis');
    expect(text).toContain('Prøvekjøring: ingenting er skrevet. 5 rader ville blitt avvist.');
    expect(text).not.toMatch(/\b(row|reject|unknown unit|Dry run)\b/);
    // No locale at all (C, or a Windows shell without LANG): the product's default, bokmål; LC_ALL wins over LANG.
    const envs: Record<string, string>[] = [{}, { LANG: 'C.UTF-8' }, { LC_ALL: 'nn_NO.UTF-8', LANG: 'en_US.UTF-8' }];
    for (const env of envs) {
      const io = bareIo(env);
      localData(io);
      await runCli(['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--local', 'data'], io);
      expect(io.text()).toContain('  rad 13    avvis     ukjent enhet «Nordpolen»');
    }
    const sv = bareIo({ LC_ALL: 'sv_SE.UTF-8' });
    localData(sv);
    expect(await runCli(['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--local', 'data'], sv)).toBe(1);
    expect(sv.text()).toContain('  rad 13    avvisa     okänd enhet ”Nordpolen”');
    expect(sv.text()).toContain('Provkörning: inget skrivet. 5 rader skulle avvisas.');
    const de = bareIo({ LANG: 'de_DE.UTF-8' });
    localData(de);
    await runCli(['import', fixture('kursoversikt-helse.csv'), '--dry-run', '--local', 'data'], de);
    expect(de.text()).toContain('  row 13    reject    unknown unit "Nordpolen"');
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
