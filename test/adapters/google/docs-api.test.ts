// The Docs API adapter: exactly the requests Google documents, placeholders as HR types them, tables found by header.
import { docsApi, type DocsDocument } from '../../../src/adapters/google/docs-api';
import type { HttpRequest, HttpResponse } from '../../../src/adapters/google/transport';

const para = (text: string) => ({ paragraph: { elements: [{ textRun: { content: text } }] } });
const cell = (text: string) => ({ content: [para(`${text}\n`)] });
const DOC: DocsDocument = {
  documentId: 'D1', title: 'Medarbeidersamtale – Kari',
  body: {
    content: [
      para('Samtale med {{employeeName}} ({{ unit }})\n'),
      para('Lønnstrinn: {{lønnstrinn}}\n'),
      { table: { tableRows: [
        { tableCells: [cell('Tiltak'), cell('Frist:'), cell('Type')] },
        { tableCells: [cell('HLR-kurs'), cell('01.03.2027'), cell('kurs')] },
      ] } },
    ],
  },
};

function fake() {
  const sent: { req: HttpRequest; scope?: string }[] = [];
  const port = docsApi({ request: (req): HttpResponse => {
    sent.push({ req, scope: req.scope });
    return req.method === 'GET' ? { status: 200, body: DOC } : { status: 200, body: { replies: [] } };
  } });
  return { port, sent };
}

describe('Docs API adapter', () => {
  it('replaces the placeholders it knows in one batchUpdate and reports the rest, spaces and æøå included', () => {
    const { port, sent } = fake();
    const unknown = port.fillPlaceholders('D1', { employeeName: 'Kari Nordmann', unit: 'Solbakken' });
    expect(unknown).toEqual(['lønnstrinn']);
    expect(sent.map((s) => [s.req.method, s.req.url, s.scope])).toEqual([
      ['GET', 'https://docs.googleapis.com/v1/documents/D1', 'https://www.googleapis.com/auth/documents'],
      ['POST', 'https://docs.googleapis.com/v1/documents/D1:batchUpdate', 'https://www.googleapis.com/auth/documents'],
    ]);
    expect(sent[1]!.req.body).toEqual({ requests: [
      { replaceAllText: { containsText: { text: '{{employeeName}}', matchCase: true }, replaceText: 'Kari Nordmann' } },
      { replaceAllText: { containsText: { text: '{{ unit }}', matchCase: true }, replaceText: 'Solbakken' } },
    ] });
  });

  it('finds the agreed-actions table by its headers whatever the case or a trailing colon', () => {
    const { port } = fake();
    expect(port.readTable('D1', ['tiltak', 'Frist'])).toEqual([['Tiltak', 'Frist:', 'Type'], ['HLR-kurs', '01.03.2027', 'kurs']]);
    expect(port.readTable('D1', ['Ansvarlig'])).toBeUndefined();
    expect(port.title('D1')).toBe('Medarbeidersamtale – Kari');
  });

  it('says which call failed and how', () => {
    const port = docsApi({ request: () => ({ status: 403, body: { error: { message: 'The caller does not have permission' } } }) });
    expect(() => port.title('D1')).toThrow(/documents.get failed: HTTP 403/);
  });
});
