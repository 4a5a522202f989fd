// The workspace's person search: by name or e-mail, as a person types it (Nordic letters or not, dots or spaces).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allHandlers } from '../../src/app/pipeline/router';
import { people, searchable } from '../../src/workspace/people';
import { Workspace } from '../../src/workspace/workspace';

describe('person search', () => {
  it('folds case, accents and æ ø å, and treats dots in e-mails as spaces', () => {
    expect(searchable('Åse Ørnes-Bæk')).toBe('ase ornes baek');
    expect(searchable('åse.ornes@kommune.no')).toBe('ase ornes@kommune no');
    expect(searchable('José')).toBe('jose');
  });

  it('finds a person whose name has Nordic letters by what a keyboard without them types', () => {
    const ws = new Workspace({ dataDir: mkdtempSync(join(tmpdir(), 'kompetent-people-')), employees: 300, startAt: '2026-11-23T08:00:00Z', handlers: allHandlers() });
    const nordic = ws.directory().employees.find((e) => /[æøå]/i.test(e.name))!;
    expect(nordic).toBeDefined();
    const plain = searchable(nordic.name);
    const local = nordic.email.split('@')[0]!;
    for (const q of [nordic.name, plain, local, local.replace(/\./g, ' ')]) {
      expect(people(ws, q).people.map((p) => p.email)).toContain(nordic.email);
    }
    expect(people(ws, '   ').people).toEqual([]);
  });
});
