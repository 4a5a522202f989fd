// What people read names no setting, job or marker: every message in every language is checked against the Settings
// keys the code reads and the job names (issue 15 §3: "innstillingen archiveFolderId", "jobDailyReminders er kjørt").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JOBS } from '../../src/app/pipeline/entry-points';
import { TEMPLATE_SETTING } from '../../src/core/appraisal';
import { allKeys, LOCALES, rawMessage } from '../../src/core/i18n';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Settings keys as the code reads them: setting('key', …), settings.key, and the template keys. */
function settingKeys(): string[] {
  const keys = new Set<string>(Object.values(TEMPLATE_SETTING));
  for (const f of sources(join(__dirname, '../../src'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bsetting\(\s*'([A-Za-z]\w+)'/g)) keys.add(m[1]!);
    for (const m of text.matchAll(/\bsettings\.([a-z]+[A-Z]\w*)/g)) keys.add(m[1]!);
  }
  return [...keys, 'adminEmails', 'archiveFolderId', 'appraisalsFolderId'];
}

it('finds the settings the code reads (the check below is not empty)', () => {
  expect(settingKeys()).toEqual(expect.arrayContaining(['templateDevelopment', 'archiveFolderId', 'adminEmails']));
});

it.each(LOCALES)('no %s message names a setting, a job or the Settings tab', (locale) => {
  const words = [...settingKeys(), ...Object.keys(JOBS)];
  const found: string[] = [];
  // The admin CLI's messages (cli.*) are for whoever sets the tenant up: they must name the settings and jobs to set and run.
  for (const key of allKeys('nb').filter((k) => !k.startsWith('cli.'))) {
    const text = rawMessage(locale, key as never); // the template itself: plural forms need no numbers here
    for (const w of words) if (new RegExp(`\\b${w}\\b`).test(text)) found.push(`${key}: ${w}`);
    if (/\bSettings\b/.test(text)) found.push(`${key}: Settings`);
  }
  expect(found).toEqual([]);
});
