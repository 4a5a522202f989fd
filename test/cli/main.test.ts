// Issue 15 §3: usage and input errors before an import's report come in the admin's language (bokmål by default).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

function io(env: Record<string, string>): Io & { stderr: string[] } {
  const stderr: string[] = [];
  return {
    stderr, out: () => undefined, err: (l) => stderr.push(l), errRaw: (t) => stderr.push(t), errIsTTY: false,
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-usage-')), env, now: () => new Date('2026-03-02T09:00:00Z'),
  };
}

async function run(env: Record<string, string>, argv: string[]): Promise<{ code: number; text: string; cwd: string }> {
  const x = io(env);
  const code = await runCli(argv, x);
  return { code, text: x.stderr.join('\n'), cwd: x.cwd };
}

const NB = {};
const EN = { LANG: 'en_GB.UTF-8' };
const SV = { LANG: 'sv_SE.UTF-8' };

it.each([
  [NB, ['import'], 'Feil: «import» trenger <file>', 'Hjelp: kompetent import --help'],
  [EN, ['import'], 'Error: "import" needs <file>', 'Help: kompetent import --help'],
  [SV, ['import'], 'Fel: ”import” behöver <file>', 'Hjälp: kompetent import --help'],
  [NB, ['import', 'a.csv', '--frobnicate'], 'Feil: Ukjent valg --frobnicate for «import»', 'kompetent import --help'],
  [SV, ['import', 'a.csv', '-x'], 'Fel: Okänt val -x för ”import”', 'kompetent import --help'],
  [NB, ['import', 'a.csv', '--mapping'], 'Feil: --mapping må ha en verdi: --mapping <file>', 'kompetent import --help'],
  [EN, ['import', 'a.csv', 'b.csv'], 'Error: Unexpected argument "b.csv" for "import"', 'kompetent import --help'],
  [NB, ['import', 'finnes-ikke.csv', '--dry-run'], 'Feil: Filen', 'kan ikke leses (finnes den?)'],
  [SV, ['import', 'finnes-ikke.csv', '--dry-run'], 'Fel: Filen', 'kan inte läsas (finns den?)'],
] as [Record<string, string>, string[], string, string][])('%j %j', async (env, argv, first, also) => {
  const { code, text } = await run(env, argv);
  expect(code).toBe(2);
  expect(text.startsWith(first)).toBe(true);
  expect(text).toContain(also);
});

it('an unknown command is named in the admin\'s language, and a file that is no spreadsheet is explained with its fix', async () => {
  expect((await run(NB, ['importer'])).text).toMatch(/^Ukjent kommando «importer»\./);
  expect((await run(SV, ['importer'])).text).toMatch(/^Okänt kommando ”importer”\./);
  const x = io(NB);
  fs.writeFileSync(path.join(x.cwd, 'liste.pdf'), '%PDF-1.4\n');
  expect(await runCli(['import', 'liste.pdf', '--dry-run'], x)).toBe(2);
  expect(x.stderr).toEqual(['Feil: liste.pdf er en PDF, ikke et regneark.', 'Eksporter listen fra kilden som CSV eller .xlsx.']);
  const y = io(NB);
  fs.writeFileSync(path.join(y.cwd, 'liste.csv'), 'Navn;E-post\nKari;kari@kommune.example\n');
  expect(await runCli(['import', 'liste.csv', '--local', 'data'], y)).toBe(2);
  expect(y.stderr[0]).toBe('Feil: --local bare sjekker en import (med --dry-run): det lokale arbeidsområdet skriver registrene sine selv.');
});
