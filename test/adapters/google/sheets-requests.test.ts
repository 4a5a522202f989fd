// Sheets API request builders and response parsers (pure): exact URLs, bodies and cell decoding.
import {
  a1Ranges, addColumnsRequests, addSheetRequests, batchUpdateUrl, cellValue, coveredRows, mergeRanges,
  metadataUrl, parseSpreadsheet, quoteSheet, readByDataFilter, readUrl, writeRequests,
} from '../../../src/adapters/google/sheets-requests';
import { googleError } from '../../../src/adapters/google/transport';

const ROOT = 'https://sheets.googleapis.com';

describe('A1 ranges', () => {
  it('quotes every sheet name and doubles a quote inside it', () => {
    expect(quoteSheet('Employees')).toBe("'Employees'");
    expect(quoteSheet("Kari's plan")).toBe("'Kari''s plan'");
    // The records' Norwegian tab titles: a space and æøå inside the quotes, the range URL-encoded as UTF-8.
    expect(quoteSheet('Digitale ferdigheter')).toBe("'Digitale ferdigheter'");
    expect(readUrl('https://x', 'id', a1Ranges({ table: 'Påmeldinger', ranges: [{ from: 2, to: 3 }] })))
      .toContain(`ranges=${encodeURIComponent("'Påmeldinger'!1:1")}&ranges=${encodeURIComponent("'Påmeldinger'!2:3")}`);
    expect(encodeURIComponent("'Påmeldinger'!1:1")).toBe("'P%C3%A5meldinger'!1%3A1");
  });

  it('asks for the whole tab, or the header row plus merged row ranges', () => {
    expect(a1Ranges({ table: 'Employees' })).toEqual(["'Employees'"]);
    expect(a1Ranges({ table: 'OT1' })).toEqual(["'OT1'!A1:ZZZ"]);
    expect(a1Ranges({ table: 'Employees', ranges: [] })).toEqual(["'Employees'!1:1"]);
    expect(a1Ranges({ table: 'Employees', ranges: [{ from: 9, to: 9 }, { from: 1, to: 3 }, { from: 4, to: 5 }, { from: 20 }, { from: 30, to: 40 }] }))
      .toEqual(["'Employees'!1:1", "'Employees'!2:5", "'Employees'!9:9", "'Employees'!A19:ZZZ"]);
  });

  it('merges overlapping and touching ranges and drops empty ones', () => {
    expect(mergeRanges([{ from: 5, to: 4 }, { from: 3, to: 6 }, { from: 7, to: 8 }, { from: 10 }, { from: 12, to: 13 }]))
      .toEqual([{ from: 3, to: 8 }, { from: 10, to: undefined }]);
  });

  it('counts covered rows once, clamped to the last row', () => {
    expect(coveredRows(undefined, 4)).toEqual([2, 3, 4]);
    expect(coveredRows([{ from: 3, to: 9 }, { from: 2, to: 3 }], 5)).toEqual([2, 3, 4, 5]);
    expect(coveredRows([], 5)).toEqual([]);
  });
});

describe('URLs and bodies', () => {
  it('reads with one GET: repeated ranges, includeGridData and the userEnteredValue field mask', () => {
    expect(readUrl(ROOT, 'abc-123', ["'Employees'!1:1", "'Employees'!A2:ZZZ"])).toBe(
      'https://sheets.googleapis.com/v4/spreadsheets/abc-123?ranges=\'Employees\'!1%3A1&ranges=\'Employees\'!A2%3AZZZ' +
        '&includeGridData=true&fields=sheets(properties(sheetId%2Ctitle%2CgridProperties(rowCount%2CcolumnCount))' +
        '%2Cdata(startRow%2CrowData(values(userEnteredValue))))&prettyPrint=false',
    );
    expect(metadataUrl(ROOT, 'abc')).toBe(
      'https://sheets.googleapis.com/v4/spreadsheets/abc?fields=sheets(properties(sheetId%2Ctitle%2CgridProperties(rowCount%2CcolumnCount)))&prettyPrint=false',
    );
    expect(batchUpdateUrl(ROOT, 'abc')).toBe('https://sheets.googleapis.com/v4/spreadsheets/abc:batchUpdate?prettyPrint=false');
    expect(readByDataFilter(ROOT, 'abc', ["'T'!1:1"]).body).toEqual({ dataFilters: [{ a1Range: "'T'!1:1" }], includeGridData: true });
  });

  it('writes updateCells runs (neighbouring cells merged, last write wins) and one appendCells per table', () => {
    const ids: Record<string, number> = { People: 0, Audit: 77 };
    const body = writeRequests(
      {
        updates: [
          { table: 'People', rowNumber: 5, column: 3, value: 'd' },
          { table: 'People', rowNumber: 5, column: 2, value: 'c0' },
          { table: 'People', rowNumber: 5, column: 2, value: 'c' },
          { table: 'People', rowNumber: 5, column: 7, value: '' },
          { table: 'People', rowNumber: 9, column: 0, value: '=1+1' },
        ],
        appends: [{ table: 'Audit', rows: [['a', '', 'c']] }, { table: 'People', rows: [] }],
      },
      (t) => ids[t]!,
    );
    expect(body).toEqual([
      { updateCells: { start: { sheetId: 0, rowIndex: 4, columnIndex: 2 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'c' } }, { userEnteredValue: { stringValue: 'd' } }] }], fields: 'userEnteredValue' } },
      { updateCells: { start: { sheetId: 0, rowIndex: 4, columnIndex: 7 }, rows: [{ values: [{}] }], fields: 'userEnteredValue' } },
      { updateCells: { start: { sheetId: 0, rowIndex: 8, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: '=1+1' } }] }], fields: 'userEnteredValue' } },
      { appendCells: { sheetId: 77, rows: [{ values: [{ userEnteredValue: { stringValue: 'a' } }, {}, { userEnteredValue: { stringValue: 'c' } }] }], fields: 'userEnteredValue' } },
    ]);
  });

  it('creates a tab with an explicit sheetId and its header in the same batch', () => {
    expect(addSheetRequests('Faq', ['faqId', 'question'], 12)).toEqual([
      { addSheet: { properties: { sheetId: 12, title: 'Faq', gridProperties: { rowCount: 1, columnCount: 2 } } } },
      { updateCells: { start: { sheetId: 12, rowIndex: 0, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'faqId' } }, { userEnteredValue: { stringValue: 'question' } }] }], fields: 'userEnteredValue' } },
    ]);
  });

  it('widens the grid only when new header cells would not fit', () => {
    const meta = { sheetId: 3, title: 'T', rowCount: 10, columnCount: 3 };
    expect(addColumnsRequests(meta, 2, ['c'])).toHaveLength(1);
    expect(addColumnsRequests(meta, 2, ['c', 'd'])[0]).toEqual({
      updateSheetProperties: { properties: { sheetId: 3, gridProperties: { columnCount: 4 } }, fields: 'gridProperties.columnCount' },
    });
  });
});

describe('responses', () => {
  it('decodes userEnteredValue kinds: text, number (date serials too), bool, formula, empty', () => {
    expect(cellValue({ userEnteredValue: { stringValue: '=1+1' } })).toBe('=1+1');
    expect(cellValue({ userEnteredValue: { numberValue: 45678 } })).toBe(45678);
    expect(cellValue({ userEnteredValue: { boolValue: false } })).toBe(false);
    expect(cellValue({ userEnteredValue: { formulaValue: '=SUM(A1:A2)' } })).toEqual({ formula: '=SUM(A1:A2)' });
    expect(cellValue({ userEnteredValue: { errorValue: { type: 'REF' } } })).toEqual({ formula: '#ERROR!' });
    expect(cellValue({})).toBeNull();
    expect(cellValue(undefined)).toBeNull();
  });

  it('places rows by startRow (0 when left out) and defaults a missing sheetId to 0', () => {
    const grids = parseSpreadsheet({
      sheets: [
        {
          properties: { title: 'First', gridProperties: { rowCount: 10, columnCount: 3 } },
          data: [
            { rowData: [{ values: [{ userEnteredValue: { stringValue: 'h' } }] }] },
            { startRow: 4, rowData: [{}, { values: [{}, { userEnteredValue: { numberValue: 2 } }] }] },
          ],
        },
        { properties: { sheetId: 9, title: 'Second', gridProperties: { rowCount: 1, columnCount: 1 } } },
      ],
    });
    expect(grids.map((g) => g.meta)).toEqual([
      { sheetId: 0, title: 'First', rowCount: 10, columnCount: 3 },
      { sheetId: 9, title: 'Second', rowCount: 1, columnCount: 1 },
    ]);
    expect([...grids[0]!.rows]).toEqual([[1, ['h']], [5, []], [6, [null, 2]]]);
    expect(() => parseSpreadsheet('nope')).toThrow(/unexpected response/);
  });

  it('reads Google’s error JSON and the OAuth endpoint’s', () => {
    expect(googleError({ error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } }))
      .toEqual({ status: 'PERMISSION_DENIED', message: 'The caller does not have permission' });
    expect(googleError({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }))
      .toEqual({ status: 'invalid_grant', message: 'Invalid JWT Signature.' });
    expect(googleError('<html>Bad gateway</html>')).toEqual({ message: '<html>Bad gateway</html>' });
  });
});
