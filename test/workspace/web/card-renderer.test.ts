// Card v2 → HTML: every widget, escaping (incl. XSS), Google's limited HTML, unknown widgets, data-action round trip.
import type { Card, OnClick, Widget } from '../../../src/contract/card-types';
import { limitedHtml, renderCard, renderMessage, renderWidget } from '../../../src/workspace/web/card-renderer';
import { actionFromElement, parseAction } from '../../../src/workspace/web/card-inputs';
import { validateAgainstDiscovery } from '../../support/discovery-validator';

const XSS = '<img src=x onerror=alert(1)>';
const XSS_SHOWN = '&lt;img src=x onerror=alert(1)&gt;';
const ATTR_BREAK = '" onmouseover="alert(1)';

/** Decodes the entities the renderer writes (independent of the renderer's own helpers). */
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// A tag the renderer may write: lower-case name, attributes either bare or double-quoted without raw quotes or angles.
const TAG = /<\/?([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*(?:="[^"<>]*")?)*)\s*>/g;

/** Every `<` and `>` in the output belongs to a well-formed tag: text can never have opened one. */
function tagsOf(html: string): { name: string; attrs: Record<string, string> }[] {
  const leftover = html.replace(TAG, '');
  expect(leftover).not.toMatch(/[<>]/);
  return [...html.matchAll(TAG)].filter((m) => !m[0].startsWith('</')).map((m) => ({
    name: m[1]!,
    attrs: Object.fromEntries([...m[2]!.matchAll(/([a-z][a-z-]*)(?:="([^"]*)")?/g)].map((a) => [a[1]!, decode(a[2] ?? '')])),
  }));
}

function actionsIn(html: string): OnClick[] {
  return tagsOf(html).filter((t) => 'data-action' in t.attrs).map((t) => JSON.parse(t.attrs['data-action']!) as OnClick);
}

const act = (fn: string, params: Record<string, string> = {}, extra: Partial<NonNullable<OnClick['action']>> = {}): OnClick =>
  ({ action: { function: fn, parameters: Object.entries(params).map(([key, value]) => ({ key, value })), ...extra } });

const card = (widgets: Widget[], extra: Partial<Card> = {}): Card => ({ sections: [{ widgets }], ...extra });
const one = (w: Widget, opts = {}) => renderWidget(w, opts);

describe('card frame', () => {
  test('header with title, subtitle and a circular image; only http(s) images', () => {
    const html = renderCard({ header: { title: 'Kurs & <plan>', subtitle: 'Neste uke', imageUrl: 'https://example.com/a.png', imageType: 'CIRCLE', imageAltText: 'Logo' }, sections: [] });
    expect(html).toContain('<div class="kc-title">Kurs &amp; &lt;plan&gt;</div>');
    expect(html).toContain('<div class="kc-subtitle">Neste uke</div>');
    expect(tagsOf(html).find((t) => t.name === 'img')?.attrs).toMatchObject({ class: 'kc-header-img kc-circle', src: 'https://example.com/a.png', alt: 'Logo' });
    expect(renderCard({ header: { title: 'x', imageUrl: 'javascript:alert(1)' }, sections: [] })).not.toContain('<img');
  });

  test('section headers take limited HTML; sections are separate', () => {
    const html = renderCard({ sections: [{ header: '<b>Mine</b> <script>x</script>', widgets: [{ divider: {} }] }, { widgets: [{ divider: {} }] }] });
    expect(html).toContain('<div class="kc-section-header"><b>Mine</b> &lt;script&gt;x&lt;/script&gt;</div>');
    expect(html.match(/<section /g)).toHaveLength(2);
  });

  test('collapsible section keeps uncollapsibleWidgetsCount widgets visible and folds the rest into <details>', () => {
    const widgets: Widget[] = ['one', 'two', 'three', 'four'].map((t) => ({ textParagraph: { text: t } }));
    const html = renderCard({ sections: [{ header: 'H', collapsible: true, uncollapsibleWidgetsCount: 1, widgets }] });
    const [visible, folded] = html.split('<details');
    expect(visible).toContain('>one<');
    expect(visible).not.toContain('>two<');
    expect(folded).toMatch(/>two<.*>three<.*>four</s);
    expect(html).toContain('data-collapsed-count="3"');
    // "Show more" is the summary, above the folded widgets; "Show less" comes after the last of them (Google's layout).
    expect(html).toMatch(/<summary[^>]*>Show more<\/summary><div class="kc-more-body">.*>four<.*<\/div><button type="button" class="kc-more-toggle kc-more-less"[^>]*>Show less<\/button><\/details>/s);
    // Not collapsible, or nothing to fold: no toggle.
    expect(renderCard({ sections: [{ uncollapsibleWidgetsCount: 1, widgets }] })).not.toContain('<details');
    expect(renderCard({ sections: [{ collapsible: true, uncollapsibleWidgetsCount: 4, widgets }] })).not.toContain('<details');
    expect(renderCard({ sections: [{ collapsible: true, widgets }] }).split('<details')[0]).not.toContain('>one<');
  });

  test('the toggle labels can be translated', () => {
    const html = renderCard({ sections: [{ collapsible: true, widgets: [{ divider: {} }] }] }, { labels: { showMore: 'Vis mer', showLess: 'Vis mindre' } });
    expect(html).toContain('Vis mer');
    expect(html).toContain('Vis mindre');
  });

  test('fixed footer: primary FILLED, secondary OUTLINED, secondary first', () => {
    const html = renderCard(card([], { fixedFooter: { primaryButton: { text: 'Lagre', onClick: act('save') }, secondaryButton: { text: 'Avbryt', onClick: act('cancel') } } }));
    const footer = html.slice(html.indexOf('<footer'));
    const buttons = tagsOf(footer).filter((t) => t.name === 'button');
    expect(buttons.map((b) => b.attrs.class)).toEqual(['kc-btn kc-btn-outlined', 'kc-btn kc-btn-filled']);
    expect(footer.indexOf('Avbryt')).toBeLessThan(footer.indexOf('Lagre'));
  });

  test('the card is a form whose default submit button is disabled, so Enter never submits the page', () => {
    const tags = tagsOf(renderCard(card([{ textInput: { name: 'q' } }]), { cardId: 'c1' }));
    expect(tags[0]).toMatchObject({ name: 'form', attrs: { class: 'kc-card', 'data-card-id': 'c1' } });
    expect(tags[1]).toMatchObject({ name: 'button', attrs: { type: 'submit', disabled: '' } });
  });
});

describe('limited HTML (textParagraph, decoratedText)', () => {
  test.each([
    ['<b>b</b> <i>i</i> <u>u</u> <s>s</s>', '<b>b</b> <i>i</i> <u>u</u> <s>s</s>'],
    ['a<br>b<br/>c<BR />d', 'a<br>b<br>c<br>d'],
    ['<font color="#d93025">red</font>', '<font color="#d93025">red</font>'],
    ['<font color="red;background:url(x)">x</font>', '<font>x</font>'],
    ['<a href="https://ex.com/?a=1&amp;b=2">l</a>', '<a href="https://ex.com/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">l</a>'],
    ['<a href="javascript:alert(1)">l</a>', '<a>l</a>'],
    ['<a href=" JaVaScRiPt:alert(1)">l</a>', '<a>l</a>'],
    ['<b onclick="alert(1)">x</b>', '<b>x</b>'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<div>x</div><p>y</p>', '&lt;div&gt;x&lt;/div&gt;&lt;p&gt;y&lt;/p&gt;'],
    ['<b>open <i>nested', '<b>open <i>nested</i></b>'],
    ['stray </b> close', 'stray &lt;/b&gt; close'],
    ['<b>x <i>y</b> z', '<b>x <i>y</i></b> z'],
    ['Tom &amp; Jerry & co &lt;3 &#39;q&#39;', 'Tom &amp; Jerry &amp; co &lt;3 &#39;q&#39;'],
    ['a < b > c "q"', 'a &lt; b &gt; c &quot;q&quot;'],
    [XSS, XSS_SHOWN],
  ])('%s', (input, expected) => {
    expect(limitedHtml(input)).toBe(expected);
  });
});

describe('widgets', () => {
  test('textParagraph with maxLines is clamped', () => {
    expect(one({ textParagraph: { text: 'Hei <b>du</b>' } })).toBe('<div class="kc-widget kc-paragraph"><div class="kc-text">Hei <b>du</b></div></div>');
    expect(one({ textParagraph: { text: 'x', maxLines: 2 } })).toContain('class="kc-text kc-clamp" style="--kc-lines:2" data-max-lines="2"');
  });

  test('decoratedText: labels, icon, side button, onClick, wrapping', () => {
    const onClick = act('status.detail', { competenceId: 'cpr' });
    const html = one({ decoratedText: {
      topLabel: 'Utløper', text: '<b>D-HLR</b>', bottomLabel: 'om 18 dager', startIcon: { knownIcon: 'CLOCK' }, wrapText: true, onClick,
      button: { text: 'Meld på', onClick: act('courses.signUp', { sessionId: 'S1' }) },
    } });
    expect(html).toContain('<div class="kc-top-label">Utløper</div>');
    expect(html).toContain('<div class="kc-deco-text"><b>D-HLR</b></div>');
    expect(html).toContain('<div class="kc-bottom-label">om 18 dager</div>');
    expect(html).toContain('🕒');
    const outer = tagsOf(html)[0]!;
    expect(outer.attrs).toMatchObject({ class: 'kc-widget kc-deco kc-clickable', role: 'button', tabindex: '0' });
    expect(JSON.parse(outer.attrs['data-action']!)).toEqual(onClick);
    expect(actionsIn(html)).toHaveLength(2);
    expect(one({ decoratedText: { text: 'x' } })).toContain('kc-deco-text kc-nowrap');
  });

  test('icons: known and Material icons become glyphs, unknown ones render nothing', () => {
    expect(one({ decoratedText: { text: 'x', startIcon: { materialIcon: { name: 'warning' } } } })).toContain('⚠');
    expect(one({ decoratedText: { text: 'x', startIcon: { knownIcon: 'EMAIL', altText: 'E-post' } } })).toContain('role="img" aria-label="E-post">✉');
    expect(one({ decoratedText: { text: 'x', startIcon: { materialIcon: { name: 'no_such_icon' } } } })).not.toContain('kc-icon');
  });

  test('buttonList: the four styles, the OUTLINED default, disabled, and colour forcing FILLED', () => {
    const buttons = (['FILLED', 'OUTLINED', 'BORDERLESS', 'FILLED_TONAL', undefined] as const).map((type, i) => ({ text: `B${i}`, onClick: act('f'), ...(type ? { type } : {}) }));
    const tags = tagsOf(one({ buttonList: { buttons: [...buttons, { text: 'Off', onClick: act('f'), disabled: true }, { text: 'Red', type: 'BORDERLESS', onClick: act('f'), color: { red: 1, green: 0, blue: 0 } }] } }))
      .filter((t) => t.name === 'button');
    expect(tags.map((t) => t.attrs.class)).toEqual([
      'kc-btn kc-btn-filled', 'kc-btn kc-btn-outlined', 'kc-btn kc-btn-borderless', 'kc-btn kc-btn-filled-tonal', 'kc-btn kc-btn-outlined',
      'kc-btn kc-btn-outlined', 'kc-btn kc-btn-filled',
    ]);
    expect(tags.map((t) => 'disabled' in t.attrs)).toEqual([false, false, false, false, false, true, false]);
    expect(tags[6]!.attrs.style).toContain('background:rgb(255, 0, 0)');
    expect(tags.every((t) => t.attrs.type === 'button')).toBe(true);
  });

  test('textInput: single and multi-line, value, hint, name and data-widget', () => {
    const single = tagsOf(one({ textInput: { name: 'title', label: 'Tittel', value: 'Hei "du"', hintText: 'Kort' } }));
    expect(single.find((t) => t.name === 'input')!.attrs).toMatchObject({ type: 'text', name: 'title', value: 'Hei "du"', 'data-widget': 'textInput', 'data-type': 'SINGLE_LINE' });
    const multiHtml = one({ textInput: { name: 'body', type: 'MULTIPLE_LINE', value: '\nline 1\n</textarea><b>' } });
    expect(tagsOf(multiHtml).find((t) => t.name === 'textarea')!.attrs).toMatchObject({ name: 'body', 'data-type': 'MULTIPLE_LINE' });
    expect(multiHtml).toContain('>\n\nline 1\n&lt;/textarea&gt;&lt;b&gt;</textarea>');
    expect(one({ textInput: { name: 'x', hintText: 'Kort' } })).toContain('<span class="kc-hint">Kort</span>');
  });

  test('selectionInput: checkboxes, radio buttons, switches, dropdown and multi-select', () => {
    const items = [{ text: 'A', value: 'a', selected: true }, { text: 'B', value: 'b' }];
    const inputs = (type: 'CHECK_BOX' | 'RADIO_BUTTON' | 'SWITCH') => tagsOf(one({ selectionInput: { name: 'n', label: 'L', type, items } })).filter((t) => t.name === 'input');
    expect(inputs('CHECK_BOX').map((t) => [t.attrs.type, t.attrs.value, 'checked' in t.attrs])).toEqual([['checkbox', 'a', true], ['checkbox', 'b', false]]);
    expect(inputs('RADIO_BUTTON').map((t) => t.attrs.type)).toEqual(['radio', 'radio']);
    expect(inputs('SWITCH').map((t) => [t.attrs.type, t.attrs.role])).toEqual([['checkbox', 'switch'], ['checkbox', 'switch']]);
    for (const t of inputs('RADIO_BUTTON')) expect(t.attrs).toMatchObject({ name: 'n', 'data-widget': 'selectionInput', 'data-type': 'RADIO_BUTTON' });
    const dropdown = tagsOf(one({ selectionInput: { name: 'n', type: 'DROPDOWN', items } }));
    expect(dropdown.find((t) => t.name === 'select')!.attrs).toMatchObject({ name: 'n', 'data-type': 'DROPDOWN' });
    expect('multiple' in dropdown.find((t) => t.name === 'select')!.attrs).toBe(false);
    expect(dropdown.filter((t) => t.name === 'option').map((t) => [t.attrs.value, 'selected' in t.attrs])).toEqual([['a', true], ['b', false]]);
    const multi = tagsOf(one({ selectionInput: { name: 'n', type: 'MULTI_SELECT', items } })).find((t) => t.name === 'select')!;
    expect('multiple' in multi.attrs).toBe(true);
    expect(one({ selectionInput: { name: 'n', label: 'Velg', type: 'CHECK_BOX', items: [{ text: 'A', value: 'a', bottomText: 'mer' }] } }))
      .toMatch(/<legend class="kc-label">Velg<\/legend>.*<small class="kc-option-sub">mer<\/small>/);
  });

  test('dateTimePicker: DATE_ONLY in UTC, DATE_AND_TIME and TIME_ONLY in the given zone', () => {
    const value = (w: Widget, offset: number) => tagsOf(one(w, { timeZoneOffsetMs: offset })).find((t) => t.name === 'input')!.attrs;
    // 2025-05-01T00:00Z is 1 May wherever the viewer is.
    expect(value({ dateTimePicker: { name: 'd', type: 'DATE_ONLY', valueMsEpoch: '1746057600000' } }, -14_400_000)).toMatchObject({ type: 'date', value: '2025-05-01', 'data-type': 'DATE_ONLY', name: 'd' });
    expect(value({ dateTimePicker: { name: 'd', type: 'DATE_AND_TIME', valueMsEpoch: '1746093600000' } }, 7_200_000)).toMatchObject({ type: 'datetime-local', value: '2025-05-01T12:00' });
    expect(value({ dateTimePicker: { name: 'd', type: 'DATE_AND_TIME', valueMsEpoch: '1746093600000' } }, -14_400_000).value).toBe('2025-05-01T06:00');
    expect(value({ dateTimePicker: { name: 'd', type: 'TIME_ONLY', valueMsEpoch: '43200000' } }, 3_600_000)).toMatchObject({ type: 'time', value: '13:00' });
    expect(value({ dateTimePicker: { name: 'd', type: 'TIME_ONLY', valueMsEpoch: '1800000' } }, -3_600_000).value).toBe('23:30');
    const own = { dateTimePicker: { name: 'd', type: 'DATE_AND_TIME', valueMsEpoch: '1746093600000', timezoneOffsetDate: 60 } } as unknown as Widget;
    expect(value(own, 0)).toMatchObject({ value: '2025-05-01T11:00', 'data-tz-offset-ms': '3600000' });
    expect(value({ dateTimePicker: { name: 'd', type: 'DATE_ONLY', valueMsEpoch: 'soon' } }, 0).value).toBeUndefined();
  });

  test('divider', () => {
    expect(one({ divider: {} })).toBe('<hr class="kc-widget kc-divider">');
  });

  test('grid: items with title and subtitle; a click carries the item id', () => {
    const onClick = act('courses.detail', { from: 'grid' });
    const html = one({ grid: { title: 'Kurs', columnCount: 3, onClick, items: [{ id: 'K1', title: 'D-HLR', subtitle: '3 t' }, { id: 'K2', title: 'Brann' }] } });
    expect(html).toContain('<div class="kc-grid-heading">Kurs</div>');
    expect(html).toContain('style="--kc-cols:3"');
    expect(html).toMatch(/<div class="kc-grid-title">D-HLR<\/div><div class="kc-grid-subtitle">3 t<\/div>/);
    expect(actionsIn(html)).toEqual([
      act('courses.detail', { from: 'grid', grid_item_identifier: 'K1' }),
      act('courses.detail', { from: 'grid', grid_item_identifier: 'K2' }),
    ]);
    expect(one({ grid: { items: [{ title: 'plain' }] } })).not.toContain('data-action');
  });

  test('columns render their own widgets, alignment as classes', () => {
    const html = one({ columns: { columnItems: [
      { horizontalSizeStyle: 'FILL_MINIMUM_SPACE', horizontalAlignment: 'END', verticalAlignment: 'TOP', widgets: [{ textParagraph: { text: 'left' } }] },
      { widgets: [{ decoratedText: { text: 'right' } }, { carousel: {} } as unknown as Widget] },
    ] } });
    expect(html).toContain('class="kc-column kc-col-min kc-h-end kc-v-top"><div class="kc-widget kc-paragraph"><div class="kc-text">left</div></div></div>');
    expect(html).toContain('class="kc-column kc-col-fill kc-h-start kc-v-center"');
    expect(html).toContain('Unsupported widget: carousel');
  });

  test('chipList: label, action, disabled, scrollable layout', () => {
    const html = one({ chipList: { layout: 'HORIZONTAL_SCROLLABLE', chips: [{ label: 'Drive', onClick: act('faq', { topic: 'drive' }) }, { label: 'Off', onClick: act('x'), disabled: true }, { label: 'Static' }] } });
    expect(html).toContain('kc-chips kc-chips-scroll');
    const chips = tagsOf(html).filter((t) => t.attrs.class === 'kc-chip');
    expect(chips.map((c) => [c.name, 'disabled' in c.attrs, 'data-action' in c.attrs])).toEqual([['button', false, true], ['button', true, true], ['span', false, false]]);
    expect(html).toContain('<span class="kc-chip-label">Drive</span>');
  });

  test('a horizontally aligned widget is wrapped', () => {
    expect(renderWidget({ horizontalAlignment: 'CENTER', divider: {} }, {})).toBe('<div class="kc-align kc-align-center"><hr class="kc-widget kc-divider"></div>');
  });
});

describe('unknown widgets are shown, never dropped', () => {
  test.each([
    [{ carousel: { carouselCards: [] } }, 'Unsupported widget: carousel'],
    [{ foo: { bar: 1 } }, 'Unsupported widget: foo'],
    [{}, 'Unsupported widget: (empty)'],
    [{ textParagraph: 'not an object' }, 'Unsupported widget: textParagraph (malformed)'],
    [{ [XSS]: {} }, `Unsupported widget: ${XSS_SHOWN}`],
  ])('%j', (widget, text) => {
    const html = renderCard(card([{ textParagraph: { text: 'before' } }, widget as unknown as Widget, { textParagraph: { text: 'after' } }]));
    expect(html).toContain(`<div class="kc-widget kc-unsupported" role="note">${text}</div>`);
    expect(html).toMatch(/before.*Unsupported.*after/s);
  });

  test('unknown card fields are flagged too', () => {
    expect(renderCard({ sections: [], cardActions: [] } as unknown as Card)).toContain('Unsupported widget: card.cardActions');
  });
});

describe('escaping', () => {
  const hostile: Card = {
    header: { title: XSS, subtitle: XSS, imageUrl: ATTR_BREAK, imageAltText: ATTR_BREAK },
    sections: [{
      header: XSS,
      widgets: [
        { textParagraph: { text: XSS } },
        { decoratedText: { topLabel: XSS, text: XSS, bottomLabel: XSS, button: { text: XSS, altText: ATTR_BREAK, onClick: act(ATTR_BREAK, { [XSS]: ATTR_BREAK }) } } },
        { buttonList: { buttons: [{ text: XSS, onClick: { openLink: { url: ATTR_BREAK } } }] } },
        { textInput: { name: ATTR_BREAK, label: XSS, value: ATTR_BREAK, hintText: XSS } },
        { textInput: { name: 'm', type: 'MULTIPLE_LINE', value: XSS } },
        { selectionInput: { name: ATTR_BREAK, label: XSS, type: 'CHECK_BOX', items: [{ text: XSS, value: ATTR_BREAK, bottomText: XSS }] } },
        { selectionInput: { name: 'd', label: XSS, type: 'DROPDOWN', items: [{ text: XSS, value: ATTR_BREAK }] } },
        { dateTimePicker: { name: ATTR_BREAK, label: XSS, valueMsEpoch: ATTR_BREAK } },
        { grid: { title: XSS, items: [{ id: ATTR_BREAK, title: XSS, subtitle: XSS }], onClick: act('g') } },
        { chipList: { chips: [{ label: XSS, onClick: act('c') }] } },
      ],
    }],
    fixedFooter: { primaryButton: { text: XSS, onClick: act('p') } },
  };

  test('no text becomes markup and no value leaves its attribute', () => {
    const html = renderCard(hostile);
    const tags = tagsOf(html); // also asserts every < and > belongs to a well-formed tag
    expect(tags.some((t) => t.name === 'img')).toBe(false);
    for (const t of tags) {
      expect(Object.keys(t.attrs).filter((a) => a.startsWith('on'))).toEqual([]);
      if (t.attrs.href !== undefined) expect(t.attrs.href).toMatch(/^https?:\/\//);
    }
    // The hostile text is shown, literally, once per place it was put.
    expect(html.split(XSS_SHOWN).length - 1).toBeGreaterThanOrEqual(20);
    expect(tags.filter((t) => t.attrs.value === ATTR_BREAK).length).toBeGreaterThanOrEqual(3);
  });

  test('Chat message text is escaped around its markup', () => {
    const html = renderMessage({ text: `*${XSS}* and <https://ok.example/|Tom & "Jerry" 'x'> and <javascript:alert(1)|x> ${XSS}` });
    tagsOf(html);
    expect(html).toContain(`<b>${XSS_SHOWN}</b>`);
    expect(html).toContain('<a href="https://ok.example/" target="_blank" rel="noopener noreferrer">Tom &amp; &quot;Jerry&quot; &#39;x&#39;</a>');
    expect(html).toContain(` ${XSS_SHOWN}</div>`);
    expect(html).toContain('&lt;javascript:alert(1)|x&gt;');
  });
});

describe('data-action round trip', () => {
  const clicks: OnClick[] = [
    act('onCardAction', { action: 'courses.signUp', sessionId: 'S1', note: `"quotes" & <angles> 'single' ${XSS}` }, { interaction: 'OPEN_DIALOG' }),
    act('onCardAction', {}, { loadIndicator: 'SPINNER', persistValues: true }),
    { openLink: { url: 'https://example.com/?a=1&b=<2>"3"' } },
  ];

  test.each(clicks)('%j survives rendering and parsing', (onClick) => {
    for (const w of [
      { buttonList: { buttons: [{ text: 'x', onClick }] } },
      { decoratedText: { text: 'x', onClick } },
      { chipList: { chips: [{ label: 'x', onClick }] } },
    ] as Widget[]) {
      const [found] = actionsIn(one(w));
      expect(found).toEqual(onClick);
      expect(parseAction(JSON.stringify(found))).toEqual(onClick);
    }
  });

  test('actionFromElement reads the nearest data-action and ignores disabled hosts', () => {
    const [tag] = tagsOf(one({ buttonList: { buttons: [{ text: 'x', onClick: clicks[0]! }] } })).filter((t) => t.name === 'button');
    const host = (attrs: Record<string, string>) => ({ getAttribute: (n: string) => attrs[n] ?? null, hasAttribute: (n: string) => n in attrs });
    const inner = (h: object) => ({ closest: () => h }) as unknown as Element;
    expect(actionFromElement(inner(host(tag!.attrs)))).toEqual(clicks[0]);
    expect(actionFromElement(inner(host({ ...tag!.attrs, disabled: '' })))).toBeUndefined();
    expect(actionFromElement({ closest: () => null } as unknown as Element)).toBeUndefined();
  });

  test('parseAction refuses what is not an OnClick', () => {
    expect(parseAction('{"openLink":{"url":"javascript:alert(1)"}}')).toBeUndefined();
    expect(parseAction('{"action":{"function":"f","parameters":[{"key":"a","value":1}]}}')).toBeUndefined();
    expect(parseAction('not json')).toBeUndefined();
    expect(parseAction('[]')).toBeUndefined();
    expect(parseAction(null)).toBeUndefined();
  });
});

describe('renderMessage', () => {
  test("Chat's simple markup", () => {
    const html = renderMessage({ text: 'Hei *Kari*, _husk_ ~ikke~ `kode *her*` se https://example.com/a_b. og <https://ex.com|lenke> <users/123>\n* punkt\n```\n<pre> & *x*\n```' });
    expect(html).toContain('Hei <b>Kari</b>, <i>husk</i> <s>ikke</s> <code class="kc-code">kode *her*</code>');
    expect(html).toContain('<a href="https://example.com/a_b" target="_blank" rel="noopener noreferrer">https://example.com/a_b</a>.');
    expect(html).toContain('<a href="https://ex.com" target="_blank" rel="noopener noreferrer">lenke</a>');
    expect(html).toContain('<span class="kc-mention">@123</span>');
    expect(html).toContain('\n• punkt\n');
    expect(html).toContain('<pre class="kc-pre">&lt;pre&gt; &amp; *x*\n</pre>');
    expect(renderMessage({ text: 'snake_case_name and 2*3*4' })).not.toMatch(/<[bi]>/);
  });

  test('text, cards with their ids, accessory widgets and the private note', () => {
    const html = renderMessage({
      text: 'Svar', privateMessageViewer: { name: 'users/1' },
      cardsV2: [{ cardId: 'status', card: card([{ textParagraph: { text: 'A' } }]) }, { cardId: 'more', card: card([{ divider: {} }]) }],
      accessoryWidgets: [{ buttonList: { buttons: [{ text: 'Mer', onClick: act('more') }] } }],
    } as never);
    expect(html).toMatch(/kc-private.*kc-message-text">Svar<.*data-card-id="status".*data-card-id="more".*kc-accessory.*Mer/s);
  });
});

test('the widget examples in these tests are valid Card v2 (so the renderer is tested on real shapes)', () => {
  const kitchenSink: Card = {
    header: { title: 'T', subtitle: 'S', imageUrl: 'https://example.com/a.png', imageType: 'CIRCLE' },
    sections: [{ header: 'H', collapsible: true, uncollapsibleWidgetsCount: 1, widgets: [
      { textParagraph: { text: '<b>x</b>', maxLines: 2 } },
      { decoratedText: { topLabel: 't', text: 'x', bottomLabel: 'b', startIcon: { knownIcon: 'CLOCK' }, button: { text: 'b', onClick: act('f') }, onClick: act('f') } },
      { buttonList: { buttons: [{ text: 'b', type: 'FILLED_TONAL', disabled: true, onClick: { openLink: { url: 'https://example.com' } } }] } },
      { textInput: { name: 'n', label: 'l', hintText: 'h', type: 'MULTIPLE_LINE', value: 'v' } },
      { selectionInput: { name: 'n', type: 'MULTI_SELECT', items: [{ text: 't', value: 'v', selected: true }] } },
      { dateTimePicker: { name: 'n', type: 'DATE_ONLY', valueMsEpoch: '1746057600000' } },
      { divider: {} },
      { grid: { title: 'g', columnCount: 2, items: [{ id: '1', title: 't', subtitle: 's' }], onClick: act('f') } },
      { columns: { columnItems: [{ horizontalSizeStyle: 'FILL_AVAILABLE_SPACE', widgets: [{ textParagraph: { text: 'x' } }] }] } },
      { chipList: { layout: 'WRAPPED', chips: [{ label: 'c', onClick: act('f') }] } },
    ] }],
    fixedFooter: { primaryButton: { text: 'p', onClick: act('f') } },
  };
  expect(validateAgainstDiscovery('GoogleAppsCardV1Card', kitchenSink)).toEqual([]);
  expect(renderCard(kitchenSink)).not.toContain('kc-unsupported');
});
