// The Card v2 → CardService translator, checked against a strict recording fake of CardService.
import { toActionResponse, toCardServiceCard, toCards } from '../../src/gas/card-service';
import type { Button, Card, Widget } from '../../src/contract/card-types';
import type { RenderActions } from '../../src/ui/render-actions';
import { callsOf, createFakeCardService, plain } from '../support/fake-card-service';

type Plain = Record<string, unknown>;
const g = globalThis as unknown as { CardService?: unknown };

beforeEach(() => { g.CardService = createFakeCardService(); });
afterAll(() => { delete g.CardService; });

const act = (fn: string, params: Record<string, string> = {}) => ({ action: { function: fn, parameters: Object.entries(params).map(([key, value]) => ({ key, value })) } });
const card = (widgets: Widget[], extra: Partial<Card> = {}): Card => ({ sections: [{ widgets }], ...extra });
/** The translated widgets of the first section. */
const widgetsOf = (c: Card): Plain[] => ((plain(toCardServiceCard(c)) as Plain).addSection as Plain[])[0]!.addWidget as Plain[];
const one = (w: Widget): Plain => widgetsOf(card([w]))[0]!;
const button = (b: Button): Plain => (one({ buttonList: { buttons: [b] } }).addButton as Plain[])[0]!;

describe('toCardServiceCard: card, header, sections, footer', () => {
  it('translates the card frame', () => {
    const c: Card = {
      name: 'home',
      header: { title: 'Kompetent', subtitle: 'Mine kurs', imageUrl: 'https://example.org/logo.png', imageType: 'CIRCLE', imageAltText: 'Logo' },
      sections: [
        { header: 'Status', collapsible: true, uncollapsibleWidgetsCount: 1, widgets: [{ textParagraph: { text: 'a' } }, { divider: {} }] },
        { widgets: [{ textParagraph: { text: 'b', maxLines: 3 } }] },
      ],
      fixedFooter: {
        primaryButton: { text: 'Meld på', type: 'FILLED', onClick: act('onCardAction', { action: 'courses.signUp', sessionId: 'S1' }) },
        secondaryButton: { text: 'Lukk', onClick: { openLink: { url: 'https://docs.google.com/x' } } },
      },
    };
    expect(plain(toCardServiceCard(c))).toEqual({
      $type: 'Card',
      setName: 'home',
      setHeader: {
        $type: 'CardHeader', setTitle: 'Kompetent', setSubtitle: 'Mine kurs', setImageUrl: 'https://example.org/logo.png',
        setImageStyle: 'ImageStyle.CIRCLE', setImageAltText: 'Logo',
      },
      addSection: [
        {
          $type: 'CardSection', setHeader: 'Status', setCollapsible: true, setNumUncollapsibleWidgets: 1,
          addWidget: [{ $type: 'TextParagraph', setText: 'a' }, { $type: 'Divider' }],
        },
        { $type: 'CardSection', addWidget: [{ $type: 'TextParagraph', setText: 'b', setMaxLines: 3 }] },
      ],
      setFixedFooter: {
        $type: 'FixedFooter',
        setPrimaryButton: {
          $type: 'TextButton', setText: 'Meld på', setTextButtonStyle: 'TextButtonStyle.FILLED',
          setOnClickAction: { $type: 'Action', setFunctionName: 'onCardAction', setParameters: { action: 'courses.signUp', sessionId: 'S1' } },
        },
        setSecondaryButton: { $type: 'TextButton', setText: 'Lukk', setOpenLink: { $type: 'OpenLink', setUrl: 'https://docs.google.com/x' } },
      },
    });
  });

  it('keeps widget order and adds nothing the card does not say', () => {
    const ws = widgetsOf(card([{ textParagraph: { text: '1' } }, { textParagraph: { text: '2' } }]));
    expect(ws.map((w) => w.setText)).toEqual(['1', '2']);
    expect(Object.keys(ws[0]!)).toEqual(['$type', 'setText']);
  });

  it('refuses a footer without a primary button', () => {
    expect(() => toCardServiceCard(card([{ divider: {} }], { fixedFooter: { secondaryButton: { text: 'x', onClick: act('f') } } })))
      .toThrow(/fixedFooter.*primaryButton/);
  });
});

describe('buttons and clicks', () => {
  it.each(['FILLED', 'OUTLINED', 'BORDERLESS', 'FILLED_TONAL'] as const)('maps button type %s', (type) => {
    expect(button({ text: 'x', type, onClick: act('f') }).setTextButtonStyle).toBe(`TextButtonStyle.${type}`);
  });

  it('maps disabled, alt text, icons, colour and action options', () => {
    const b = button({
      text: 'Go', disabled: true, altText: 'Go now', color: { red: 1, green: 0.5, blue: 0 },
      icon: { materialIcon: { name: 'event', fill: true } },
      onClick: { action: { function: 'onCardAction', parameters: [{ key: 'a', value: '1' }], loadIndicator: 'SPINNER', persistValues: true, interaction: 'OPEN_DIALOG' } },
    });
    expect(b).toEqual({
      $type: 'TextButton', setText: 'Go', setTextButtonStyle: 'TextButtonStyle.FILLED', setBackgroundColor: '#ff8000',
      setDisabled: true, setAltText: 'Go now', setMaterialIcon: { $type: 'MaterialIcon', setName: 'event', setFill: true },
      setOnClickAction: { $type: 'Action', setFunctionName: 'onCardAction', setParameters: { a: '1' }, setLoadIndicator: 'LoadIndicator.SPINNER', setPersistValues: true },
    });
  });

  it('maps a known icon and a link that opens as an overlay', () => {
    const b = button({ text: 'Doc', icon: { knownIcon: 'DESCRIPTION' }, onClick: { openLink: { url: 'https://docs.google.com/d', openAs: 'OVERLAY', onClose: 'RELOAD' } } });
    expect(b.setIcon).toBe('Icon.DESCRIPTION');
    expect(b.setOpenLink).toEqual({ $type: 'OpenLink', setUrl: 'https://docs.google.com/d', setOpenAs: 'OpenAs.OVERLAY', setOnClose: 'OnClose.RELOAD' });
  });

  it('rejects clicks it cannot represent', () => {
    expect(() => button({ text: 'x', onClick: {} })).toThrow(/needs an action or an openLink/);
    expect(() => button({ text: 'x', onClick: { ...act('f'), openLink: { url: 'https://a.b/' } } })).toThrow(/both action and openLink/);
    expect(() => button({ text: 'x', onClick: { action: { function: 'f', parameters: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] } } })).toThrow(/"k" appears twice/);
    expect(() => button({ text: 'x', icon: { knownIcon: 'UNICORN' }, onClick: act('f') })).toThrow(/CardService\.Icon\.UNICORN/);
  });
});

describe('widgets', () => {
  it('decoratedText with labels, start icon, button and click', () => {
    expect(one({
      decoratedText: {
        text: 'Førstehjelp', topLabel: 'Kurs', bottomLabel: 'Utløper 1.5.', wrapText: true,
        startIcon: { knownIcon: 'CLOCK', altText: 'Klokke' }, button: { text: 'Meld på', onClick: act('f') }, onClick: { openLink: { url: 'https://a.b/' } },
      },
    })).toEqual({
      $type: 'DecoratedText', setText: 'Førstehjelp', setTopLabel: 'Kurs', setBottomLabel: 'Utløper 1.5.', setWrapText: true,
      setStartIcon: { $type: 'IconImage', setIcon: 'Icon.CLOCK', setAltText: 'Klokke' },
      setButton: { $type: 'TextButton', setText: 'Meld på', setOnClickAction: { $type: 'Action', setFunctionName: 'f' } },
      setOpenLink: { $type: 'OpenLink', setUrl: 'https://a.b/' },
    });
  });

  it('textInput, single and multiple line', () => {
    expect(one({ textInput: { name: 'q', label: 'Spørsmål', hintText: 'Skriv', value: 'hei', type: 'MULTIPLE_LINE' } })).toEqual({
      $type: 'TextInput', setFieldName: 'q', setTitle: 'Spørsmål', setHint: 'Skriv', setValue: 'hei', setMultiline: true,
    });
    expect(one({ textInput: { name: 'q' } })).toEqual({ $type: 'TextInput', setFieldName: 'q' });
  });

  it('selectionInput with type, selected items and multiselect bottom text', () => {
    expect(one({ selectionInput: { name: 'unit', label: 'Enhet', type: 'DROPDOWN', items: [{ text: 'A', value: 'a' }, { text: 'B', value: 'b', selected: true }] } }))
      .toEqual({ $type: 'SelectionInput', setFieldName: 'unit', setTitle: 'Enhet', setType: 'SelectionInputType.DROPDOWN', addItem: [['A', 'a', false], ['B', 'b', true]] });
    const multi = one({ selectionInput: { name: 'm', type: 'MULTI_SELECT', items: [{ text: 'A', value: 'a', bottomText: 'info' }, { text: 'B', value: 'b' }] } });
    expect(multi.addMultiSelectItem).toEqual([['A', 'a', false, '', 'info']]);
    expect(multi.addItem).toEqual([['B', 'b', false]]);
  });

  it('dateTimePicker picks the builder by type', () => {
    expect(one({ dateTimePicker: { name: 'd', label: 'Dato', type: 'DATE_ONLY', valueMsEpoch: '1672531200000' } }))
      .toEqual({ $type: 'DatePicker', setFieldName: 'd', setTitle: 'Dato', setValueInMsSinceEpoch: 1672531200000 });
    expect(one({ dateTimePicker: { name: 'dt', valueMsEpoch: '1672574400000' } }))
      .toEqual({ $type: 'DateTimePicker', setFieldName: 'dt', setValueInMsSinceEpoch: 1672574400000 });
    expect(one({ dateTimePicker: { name: 't', type: 'TIME_ONLY', valueMsEpoch: String((13 * 60 + 45) * 60_000) } }))
      .toEqual({ $type: 'TimePicker', setFieldName: 't', setHours: 13, setMinutes: 45 });
    expect(() => one({ dateTimePicker: { name: 'x', valueMsEpoch: 'soon' } })).toThrow(/valueMsEpoch "soon"/);
  });

  it('grid with items and a click', () => {
    expect(one({ grid: { title: 'Kurs', columnCount: 2, items: [{ id: 'c1', title: 'HLR', subtitle: '2 t' }, { id: 'c2', title: 'Brann' }], onClick: act('f', { action: 'courses.detail' }) } }))
      .toEqual({
        $type: 'Grid', setTitle: 'Kurs', setNumColumns: 2,
        addItem: [{ $type: 'GridItem', setIdentifier: 'c1', setTitle: 'HLR', setSubtitle: '2 t' }, { $type: 'GridItem', setIdentifier: 'c2', setTitle: 'Brann' }],
        setOnClickAction: { $type: 'Action', setFunctionName: 'f', setParameters: { action: 'courses.detail' } },
      });
  });

  it('columns hold widgets, nested as given', () => {
    expect(one({
      columns: {
        columnItems: [
          { horizontalSizeStyle: 'FILL_MINIMUM_SPACE', horizontalAlignment: 'CENTER', verticalAlignment: 'TOP', widgets: [{ textParagraph: { text: 'L' } }] },
          { widgets: [{ decoratedText: { text: 'R' } }, { buttonList: { buttons: [{ text: 'B', onClick: act('f') }] } }] },
        ],
      },
    })).toEqual({
      $type: 'Columns',
      addColumn: [
        {
          $type: 'Column', setHorizontalSizeStyle: 'HorizontalSizeStyle.FILL_MINIMUM_SPACE', setHorizontalAlignment: 'HorizontalAlignment.CENTER',
          setVerticalAlignment: 'VerticalAlignment.TOP', addWidget: [{ $type: 'TextParagraph', setText: 'L' }],
        },
        {
          $type: 'Column',
          addWidget: [
            { $type: 'DecoratedText', setText: 'R' },
            { $type: 'ButtonSet', addButton: [{ $type: 'TextButton', setText: 'B', setOnClickAction: { $type: 'Action', setFunctionName: 'f' } }] },
          ],
        },
      ],
    });
  });

  it('refuses columns Google does not allow', () => {
    const col = (widgets: Widget[]) => ({ widgets });
    expect(() => one({ columns: { columnItems: [col([{ divider: {} }])] } })).toThrow(/"divider" cannot be placed inside a column/);
    expect(() => one({ columns: { columnItems: [col([{ columns: { columnItems: [] } }])] } })).toThrow(/"columns" cannot be placed inside a column/);
    expect(() => one({ columns: { columnItems: [col([]), col([]), col([])] } })).toThrow(/3 columns/);
  });

  it('chipList with layout, icons, disabled and clicks', () => {
    expect(one({
      chipList: {
        layout: 'HORIZONTAL_SCROLLABLE',
        chips: [{ label: 'Alle', onClick: act('f', { filter: 'all' }) }, { label: 'Av', disabled: true, icon: { materialIcon: { name: 'block' } } }],
      },
    })).toEqual({
      $type: 'ChipList', setLayout: 'ChipListLayout.HORIZONTAL_SCROLLABLE',
      addChip: [
        { $type: 'Chip', setLabel: 'Alle', setOnClickAction: { $type: 'Action', setFunctionName: 'f', setParameters: { filter: 'all' } } },
        { $type: 'Chip', setLabel: 'Av', setIcon: { $type: 'IconImage', setMaterialIcon: { $type: 'MaterialIcon', setName: 'block' } }, setDisabled: true },
      ],
    });
  });

  it('throws, naming the widget, for what it cannot translate', () => {
    const image = { image: { imageUrl: 'https://a.b/i.png' } } as unknown as Widget;
    expect(() => toCardServiceCard({ name: 'status', sections: [{ widgets: [{ divider: {} }, image] }] }))
      .toThrow('Card translation (card "status" section 1 widget 2 (image)): widget "image" has no CardService translation in src/gas/card-service.ts');
    expect(() => one({ textParagraph: { text: 'a' }, divider: {} } as unknown as Widget)).toThrow(/exactly one kind/);
  });
});

describe('toActionResponse', () => {
  const c = (name: string): Card => card([{ textParagraph: { text: name } }], { name });
  const title = (x: unknown) => ((x as Plain).setName);

  it('chains every navigation kind in order', () => {
    const resp: RenderActions = { action: { navigations: [{ popToRoot: true }, { pop: true }, { popToCard: 'home' }, { updateCard: c('u') }, { pushCard: c('p') }] } };
    const out = plain(toActionResponse(resp)) as Plain;
    const steps = (out.setNavigation as Plain).$steps as Plain[];
    expect(steps.map((s) => Object.keys(s)[0])).toEqual(['popToRoot', 'popCard', 'popToNamedCard', 'updateCard', 'pushCard']);
    expect(steps[2]!.popToNamedCard).toBe('home');
    expect(title(steps[3]!.updateCard)).toBe('u');
    expect(title(steps[4]!.pushCard)).toBe('p');
    expect(out.$type).toBe('ActionResponse');
  });

  it('adds a notification and an open link', () => {
    expect(plain(toActionResponse({ action: { notification: { text: 'Påmeldt' }, link: { url: 'https://calendar.google.com/x', openAs: 'FULL_SIZE' } } }))).toEqual({
      $type: 'ActionResponse',
      setNotification: { $type: 'Notification', setText: 'Påmeldt' },
      setOpenLink: { $type: 'OpenLink', setUrl: 'https://calendar.google.com/x', setOpenAs: 'OpenAs.FULL_SIZE' },
    });
    const both = plain(toActionResponse({ action: { navigations: [{ pop: true }], notification: { text: 'Lagret' } } })) as Plain;
    expect(Object.keys(both)).toEqual(['$type', 'setNavigation', 'setNotification']);
  });

  it('asks for file scope in Docs and Sheets', () => {
    const r = toActionResponse({ hostAppAction: { editorAction: { requestFileScopeForActiveDocument: {} } } });
    expect(plain(r)).toEqual({ $type: 'EditorFileScopeActionResponse', requestFileScopeForActiveDocument: true });
  });

  it('refuses an empty or unknown action', () => {
    expect(() => toActionResponse({ action: {} })).toThrow(/action is empty/);
    expect(() => toActionResponse({ action: { navigations: [{ popCard: true } as never] } })).toThrow(/step \[popCard\] has no CardService translation/);
  });
});

describe('toCards (homepage, contextual and file-scope triggers)', () => {
  const c = (name: string): Card => card([{ textParagraph: { text: name } }], { name });
  const names = (cards: unknown[]) => cards.map((x) => (plain(x) as Plain).setName);

  it('accepts one card, several, or the HTTP pushCard form', () => {
    expect(names(toCards(c('a')))).toEqual(['a']);
    expect(names(toCards([c('a'), c('b')]))).toEqual(['a', 'b']);
    expect(names(toCards({ action: { navigations: [{ pushCard: c('h') }] } }))).toEqual(['h']);
  });

  it('refuses what a trigger cannot show', () => {
    expect(() => toCards({ action: { notification: { text: 'x' } } })).toThrow(/only show cards/);
    expect(() => toCards({ action: { navigations: [{ pop: true }] } })).toThrow(/is not a card/);
  });
});

describe('the fake is strict (so these tests can fail)', () => {
  it('rejects wrong enums, arities, kinds and unknown methods', () => {
    const CS = g.CardService as Record<string, () => Record<string, (...a: unknown[]) => unknown>>;
    expect(() => CS.newTextButton!().setTextButtonStyle!('FILLED')).toThrow(/expected CardService\.TextButtonStyle/);
    expect(() => CS.newSelectionInput!().addItem!('a', 'b')).toThrow(/takes 3 argument/);
    expect(() => CS.newCardSection!().addWidget!(CS.newAction!())).toThrow(/expected TextParagraph/);
    expect(() => CS.newColumn!().addWidget!(CS.newDivider!())).toThrow(/got a Divider/);
    expect(CS.newTextButton!().setIcons).toBeUndefined();
  });

  it('records raw calls and prints JSON', () => {
    const built = toCardServiceCard(card([{ divider: {} }], { name: 'n' }));
    expect(callsOf(built).map((x) => x.method)).toEqual(['setName', 'addSection']);
    expect(JSON.parse(built.printJson())).toEqual(plain(built));
  });
});
