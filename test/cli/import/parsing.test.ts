// The pieces an import reads legacy text with: dates, names, e-mails, numbers, header words, separators and encodings.
import { fieldOfHeader, findHeader, isTotalsRow } from '../../../src/cli/import/headers';
import { decodeText, readCsvText, sniffDelimiter } from '../../../src/cli/import/read-table';
import { cleanEmail, cleanEmployeeNo, cleanName, matchKey, parseLegacyDate } from '../../../src/cli/import/values';

describe('parseLegacyDate', () => {
  it.each([
    ['15.03.2024', '2024-03-15'], ['5.3.2024', '2024-03-05'], ['05.03.24', '2024-03-05'], ['5/3/24', '2024-03-05'], ['15/3/1998', '1998-03-15'],
    ['2024-03-15', '2024-03-15'], ['2024-03-15T08:00:00Z', '2024-03-15'], ['2024-03-15 08:00', '2024-03-15'], ['15-03-2024', '2024-03-15'],
    ['12. mars 2024', '2024-03-12'], ['1 des 2023', '2023-12-01'], ['45366', '2024-03-15'], ['15.03.2024.', '2024-03-15'], ['3/2/31', '1931-02-03'],
  ])('%s → %s', (text, iso) => expect(parseLegacyDate(text)).toBe(iso));

  it.each(['31.02.2024', '2024', 'mars 2024', '15.13.2024', 'x', 'ja', '2024-02-30', '1/2'])('%s is not a date', (text) => {
    expect(parseLegacyDate(text)).toBeUndefined();
  });
});

describe('names, e-mails, employee numbers', () => {
  it('turns "Etternavn, Fornavn" and CAPITALS into a name, keeping æøå', () => {
    expect(cleanName(undefined, undefined, 'Sæther,  Åse')).toBe('Åse Sæther');
    expect(cleanName(undefined, undefined, 'ØYSTEIN HÅKONSEN-BØ')).toBe('Øystein Håkonsen-Bø');
    expect(cleanName('Kari', 'Nordmann', 'ignored')).toBe('Kari Nordmann');
    expect(cleanName(undefined, undefined, 'A\u030Ase')).toBe('Åse'); // decomposed å from a Mac
    expect(cleanName(undefined, undefined, '  ')).toBeUndefined();
  });

  it('normalises addresses and numbers from spreadsheet exports', () => {
    expect(cleanEmail(' mailto:Kari.Nordmann@Kommune.NO ')).toBe('kari.nordmann@kommune.no');
    expect(cleanEmail('<ola@kommune.no>')).toBe('ola@kommune.no');
    expect(cleanEmail('ola(at)kommune.no')).toBe('invalid');
    expect(cleanEmail('')).toBeUndefined();
    expect(cleanEmployeeNo('1042.0')).toBe('1042');
    expect(cleanEmployeeNo('10 423')).toBe('10423');
    expect(cleanEmployeeNo('01042')).toBe('01042');
    expect(cleanEmployeeNo('nr. 12?')).toBe('invalid');
  });

  it('matches names regardless of case, accents, æøå spelling and punctuation', () => {
    expect(matchKey('Førstehjelp – barn')).toBe(matchKey('forstehjelp barn'));
    expect(matchKey('HLR-kurs')).toBe('hlr kurs');
    expect(matchKey('Bærum')).toBe('baerum');
  });
});

describe('headers', () => {
  it('knows Norwegian and English header words, and refuses national identity numbers', () => {
    expect(['Navn', 'E-post', 'Epost', 'Ansatt nr.', 'Lønnsnr', 'Enhet', 'Avdeling', 'Stilling', 'Kurs', 'Dato', 'Gyldig t.o.m.', 'Utløper', 'Kommentar',
      'Employee number', 'E-mail address', 'Valid until', 'Fødselsnummer', 'Personnr.'].map(fieldOfHeader))
      .toEqual(['name', 'email', 'email', 'employeeId', 'employeeId', 'unit', 'unit', 'role', 'competence', 'achievedOn', 'expiresOn', 'expiresOn', 'note',
        'employeeId', 'email', 'expiresOn', 'sensitive', 'sensitive']);
    expect(fieldOfHeader('Favorittfarge')).toBeUndefined();
  });

  it('knows the other ways offices write the date taken, the expiry, the number and the e-mail', () => {
    const cases: [string, string][] = [
      ['Tatt dato', 'achievedOn'], ['Dato tatt', 'achievedOn'], ['Gjennomført dato', 'achievedOn'], ['Fullført', 'achievedOn'], ['Kursdato', 'achievedOn'],
      ['Kurs-dato', 'achievedOn'], ['Dato fullført', 'achievedOn'], ['Date completed', 'achievedOn'], ['Completed on', 'achievedOn'],
      ['Completion date', 'achievedOn'], ['Godkjent dato', 'achievedOn'],
      ['Gyldig til', 'expiresOn'], ['Utløper', 'expiresOn'], ['Gyldig til dato', 'expiresOn'], ['Utgår', 'expiresOn'], ['Expiration date', 'expiresOn'],
      ['Fornyelsesdato', 'expiresOn'],
      ['Ansattnr.', 'employeeId'], ['Ansatt nr', 'employeeId'], ['Ansatt-nummer', 'employeeId'], ['Personalnr.', 'employeeId'], ['Lønns nr.', 'employeeId'],
      ['Epost', 'email'], ['E-postadresse', 'email'], ['E-post adresse', 'email'], ['E-mail-adresse', 'email'], ['Mailadresse', 'email'],
      ['Leders e-post', 'managerEmail'], ['Nærmeste leder epost', 'managerEmail'],
      ['Etternavn, fornavn', 'name'], ['Ansattes navn', 'name'], ['Avd.', 'unit'], ['Enhetsnavn', 'unit'], ['Stillingsbetegnelse', 'role'],
      ['Ansettelsesdato', 'startDate'], ['Start-dato', 'startDate'], ['Kurstype', 'competence'], ['Fritekst', 'note'],
    ];
    expect(cases.map(([h]) => [h, fieldOfHeader(h)])).toEqual(cases);
  });

  it('finds the header under title rows and spreads a merged group label over its columns', () => {
    const rows = [['Opplæring 2024', '', '', ''], ['', '', 'Brannvern', ''], ['Navn', 'E-post', 'Dato', 'Gyldig til'], ['Kari', 'k@x.no', '1.1.2024', '']];
    const h = findHeader(rows, (l) => l === 'Brannvern')!;
    expect(h.row).toBe(2);
    expect(h.groups).toEqual(['', '', 'Brannvern', 'Brannvern']);
  });

  it('tells totals rows', () => {
    expect(isTotalsRow(['', 'Sum', '12'])).toBe(true);
    expect(isTotalsRow(['Totalt antall: 40'])).toBe(true);
    expect(isTotalsRow(['Summer Hansen', 'x'])).toBe(false);
  });
});

describe('CSV as offices save it', () => {
  it('guesses the separator', () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(sniffDelimiter('a,b,c\n"x;y",2,3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
  });

  it('reads UTF-8 with BOM, UTF-16 and Windows-1252', () => {
    const text = 'Navn;Enhet\r\nÅse Sæther;Øst\r\n';
    const rows = [['Navn', 'Enhet'], ['Åse Sæther', 'Øst']];
    expect(readCsvText(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), 'a.csv').sheets[0]!.rows).toEqual(rows);
    expect(readCsvText(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), 'a.csv').sheets[0]!.rows).toEqual(rows);
    expect(readCsvText(decodeText(Buffer.from(text, 'latin1')), 'a.csv').sheets[0]!.rows).toEqual(rows);
  });
});
