// The default appraisal templates: one per kind, only documented placeholders, the agreed-actions table the panel reads
// back, and HTML for Drive's conversion with every text escaped.
import { AGREED_TABLE_HEADERS, PLACEHOLDERS, TEMPLATE_SETTING } from '../../src/core/appraisal';
import { APPRAISAL_KIND } from '../../src/core/records/tables';
import { AGREED_TABLE, placeholdersOf, templateHtml, TEMPLATES, type TemplateDef } from '../../src/core/appraisal-templates';

it('has one template per appraisal kind, each under its Settings key, with the agreed-actions table after the instructions', () => {
  expect(TEMPLATES.map((t) => t.kind).sort()).toEqual([...APPRAISAL_KIND].sort());
  for (const t of TEMPLATES) {
    expect(t.settingKey).toBe(TEMPLATE_SETTING[t.kind]);
    expect(t.blocks[0]?.kind).toBe('title');
    expect(t.blocks.filter((b) => b.kind === 'table')).toEqual([{ kind: 'table', rows: AGREED_TABLE }]);
    expect(t.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Avtalte tiltak')).toBeGreaterThan(0);
  }
  // The panel finds the table by its Norwegian headers (AGREED_TABLE_HEADERS[0]); the template must carry them.
  for (const h of AGREED_TABLE_HEADERS[0]!) expect(AGREED_TABLE[0]).toContain(h);
});

it('uses only documented placeholders', () => {
  for (const t of TEMPLATES) {
    const used = placeholdersOf(t.blocks);
    expect(used.length).toBeGreaterThan(3);
    expect(used.filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p))).toEqual([]);
  }
});

it('finds placeholders in order of first use, once, with inner spaces trimmed, in text and tables', () => {
  expect(placeholdersOf([
    { kind: 'title', text: 'Samtale med {{employeeName}}' },
    { kind: 'text', text: '{{ date }} og {{employeeName}}; {{}} {{ }} {x} {{a{b}}' },
    { kind: 'table', rows: [['{{unitName}}'], ['{{role}}']] },
  ])).toEqual(['employeeName', 'date', 'unitName', 'role']);
});

it('writes HTML Drive converts to a Doc: headings, paragraphs with line breaks, a header row, all text escaped', () => {
  const t: TemplateDef = { kind: 'development', settingKey: 'k', name: 'Mal <&>', blocks: [
    { kind: 'title', text: 'Tittel' }, { kind: 'heading', text: 'Del <1>' }, { kind: 'text', text: 'a & b\nc' },
    { kind: 'table', rows: [['H<1>', 'H2'], ['<script>', '']] },
  ] };
  expect(templateHtml(t)).toBe('<html><head><meta charset="utf-8"><title>Mal &lt;&amp;&gt;</title></head><body>'
    + '<h1>Tittel</h1><h2>Del &lt;1&gt;</h2><p>a &amp; b<br>c</p>'
    + '<table border="1"><tr><th>H&lt;1&gt;</th><th>H2</th></tr><tr><td>&lt;script&gt;</td><td></td></tr></table></body></html>');
  for (const def of TEMPLATES) expect(templateHtml(def)).toMatch(/^<html>.*<table border="1"><tr><th>Tiltak<\/th>/);
});
