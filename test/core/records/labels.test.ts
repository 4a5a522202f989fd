// The records spreadsheet in Norwegian: every table and column has a label, labels never collide with keys or each other.
import {
  COLUMN_LABELS, TAB_LABELS, columnLabel, fieldOfHeader, findColumn, formerLabels, labelledHeader, missingColumns, tabTitle, tabTitles, tableOfTitle,
} from '../../../src/core/records/labels';
import { TABLES, TABLE_NAMES, headerOf } from '../../../src/core/records/tables';

const lower = (s: string) => s.trim().toLowerCase();

describe('every table and every column has a Norwegian label', () => {
  it.each(TABLE_NAMES)('%s', (table) => {
    // A field added to tables.ts without a label fails here (and in the type of COLUMN_LABELS).
    const labels = COLUMN_LABELS[table] as Record<string, string>;
    expect(Object.keys(labels).sort()).toEqual(Object.keys(TABLES[table].fields).sort());
    for (const f of headerOf(table)) expect(labels[f]).toMatch(/\S/);
    expect(TAB_LABELS[table]).toMatch(/\S/);
    // Unique in the table (any case), never the key of another field, never text a spreadsheet would evaluate.
    const header = labelledHeader(table);
    expect(new Set(header.map(lower)).size).toBe(header.length);
    for (const f of headerOf(table)) {
      const others = headerOf(table).filter((g) => g !== f).map(lower);
      expect(others).not.toContain(lower(columnLabel(table, f)));
      expect(fieldOfHeader(table, columnLabel(table, f))).toBe(f);
      expect(fieldOfHeader(table, f)).toBe(f);
      expect(fieldOfHeader(table, ` ${columnLabel(table, f).toUpperCase()} `)).toBe(f);
    }
    for (const l of header) expect(l).not.toMatch(/^[=+\-@]/);
  });

  it('tab titles are unique, never another table\'s key, and usable as file names and in A1 ranges', () => {
    const titles = TABLE_NAMES.map(tabTitle);
    expect(new Set(titles.map(lower)).size).toBe(titles.length);
    for (const t of TABLE_NAMES) {
      expect(TABLE_NAMES.map(lower)).not.toContain(lower(tabTitle(t)));
      expect(tabTitle(t)).toMatch(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,99}$/u);
      expect(tabTitles(t)).toEqual([TAB_LABELS[t], t]);
      expect(tableOfTitle(tabTitle(t))).toBe(t);
      expect(tableOfTitle(t)).toBe(t);
    }
    expect(tabTitle('Employees')).toBe('Ansatte');
    // Technical tabs keep their names: HR never reads them (ReadModel, RebuildStage, the hidden witness tab).
    expect(tabTitles('ReadModel')).toEqual(['ReadModel']);
    expect(tableOfTitle('ReadModel')).toBeUndefined();
  });
});

describe('finding columns', () => {
  it('by label or key, as written first, then in any case; -1 for neither', () => {
    expect(columnLabel('Employees', 'email')).toBe('E-post');
    expect(findColumn('Employees', ['Navn', 'E-post'], 'email')).toBe(1);
    expect(findColumn('Employees', ['name', 'email'], 'email')).toBe(1);
    expect(findColumn('Employees', ['NAVN', 'e-POST'], 'email')).toBe(1);
    expect(findColumn('Employees', ['Navn', 'Epost'], 'email')).toBe(-1);
  });

  it('a former label is still read as its field (the Endringslogg\'s «Tabell (teknisk)» is now «Område»), never written', () => {
    expect(columnLabel('Audit', 'table')).toBe('Område');
    expect(labelledHeader('Audit')).not.toContain('Tabell (teknisk)');
    expect(fieldOfHeader('Audit', 'Tabell (teknisk)')).toBe('table');
    expect(fieldOfHeader('Audit', ' tabell (TEKNISK) ')).toBe('table');
    expect(findColumn('Audit', ['Tidspunkt', 'Utført av', 'Handling', 'Tabell (teknisk)'], 'table')).toBe(3);
    // Today's label wins where a header has both.
    expect(findColumn('Audit', ['Tabell (teknisk)', 'Område'], 'table')).toBe(1);
    expect(missingColumns('Audit', ['Tidspunkt', 'Tabell (teknisk)'], ['Tidspunkt', 'Område'])).toEqual([]);
    expect(formerLabels('Audit', 'action')).toEqual([]);
    // A former label never names another field of its table, nor is it another field's label or key.
    for (const t of TABLE_NAMES) {
      for (const f of headerOf(t)) {
        for (const old of formerLabels(t, f)) {
          expect(headerOf(t).filter((g) => g !== f).flatMap((g) => [lower(g), lower(columnLabel(t, g))])).not.toContain(lower(old));
        }
      }
    }
  });

  it('a column present under either name is not missing; one under neither is', () => {
    expect(missingColumns('Roles', ['roleId', 'Navn'], labelledHeader('Roles'))).toEqual(['Beskrivelse']);
    expect(missingColumns('Roles', ['Rolle-ID', 'name', 'description'], labelledHeader('Roles'))).toEqual([]);
    expect(missingColumns('ReadModel', ['k'], ['k', 'v'])).toEqual(['v']);
  });
});
