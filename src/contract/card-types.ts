// Card v2 JSON types (GoogleAppsCardV1* in the Chat API discovery document), the subset Kompetent emits.

export interface ActionParameter { key: string; value: string }

export interface CardAction {
  function: string;
  parameters?: ActionParameter[];
  /** Chat only: open a dialog from a button. */
  interaction?: 'OPEN_DIALOG';
  loadIndicator?: 'SPINNER' | 'NONE';
  persistValues?: boolean;
}

export interface OpenLink { url: string; openAs?: 'FULL_SIZE' | 'OVERLAY'; onClose?: 'NOTHING' | 'RELOAD' }

export interface OnClick { action?: CardAction; openLink?: OpenLink }

export interface MaterialIcon { name: string; fill?: boolean }
export interface Icon { knownIcon?: string; materialIcon?: MaterialIcon; altText?: string }

export interface Color { red: number; green: number; blue: number; alpha?: number }

export interface Button {
  text: string;
  onClick: OnClick;
  type?: 'OUTLINED' | 'FILLED' | 'FILLED_TONAL' | 'BORDERLESS';
  disabled?: boolean;
  icon?: Icon;
  altText?: string;
  color?: Color;
}

export interface DecoratedText {
  text: string;
  topLabel?: string;
  bottomLabel?: string;
  wrapText?: boolean;
  startIcon?: Icon;
  button?: Button;
  onClick?: OnClick;
}

export interface TextInput {
  name: string;
  label?: string;
  hintText?: string;
  value?: string;
  type?: 'SINGLE_LINE' | 'MULTIPLE_LINE';
}

export interface SelectionItem { text: string; value: string; selected?: boolean; bottomText?: string }

export interface SelectionInput {
  name: string;
  label?: string;
  type?: 'CHECK_BOX' | 'RADIO_BUTTON' | 'SWITCH' | 'DROPDOWN' | 'MULTI_SELECT';
  items: SelectionItem[];
}

export interface DateTimePicker {
  name: string;
  label?: string;
  type?: 'DATE_AND_TIME' | 'DATE_ONLY' | 'TIME_ONLY';
  /** Milliseconds since epoch, as a string (int64 in the discovery document). */
  valueMsEpoch?: string;
}

export interface GridItem { id?: string; title?: string; subtitle?: string }
export interface Grid { title?: string; columnCount?: number; items: GridItem[]; onClick?: OnClick }

export interface Chip { label: string; onClick?: OnClick; icon?: Icon; disabled?: boolean }
export interface ChipList { chips: Chip[]; layout?: 'WRAPPED' | 'HORIZONTAL_SCROLLABLE' }

export interface Column {
  horizontalSizeStyle?: 'FILL_AVAILABLE_SPACE' | 'FILL_MINIMUM_SPACE';
  horizontalAlignment?: 'START' | 'CENTER' | 'END';
  verticalAlignment?: 'CENTER' | 'TOP' | 'BOTTOM';
  widgets: Widget[];
}

export type Widget =
  | { textParagraph: { text: string; maxLines?: number } }
  | { decoratedText: DecoratedText }
  | { buttonList: { buttons: Button[] } }
  | { textInput: TextInput }
  | { selectionInput: SelectionInput }
  | { dateTimePicker: DateTimePicker }
  | { divider: Record<string, never> }
  | { grid: Grid }
  | { columns: { columnItems: Column[] } }
  | { chipList: ChipList };

export interface Section {
  header?: string;
  collapsible?: boolean;
  uncollapsibleWidgetsCount?: number;
  widgets: Widget[];
}

export interface CardHeader { title: string; subtitle?: string; imageUrl?: string; imageType?: 'SQUARE' | 'CIRCLE'; imageAltText?: string }

export interface Card {
  name?: string;
  header?: CardHeader;
  sections: Section[];
  fixedFooter?: { primaryButton?: Button; secondaryButton?: Button };
}

/** Chat API Message (the parts Kompetent sends). */
export interface ChatMessage {
  text?: string;
  cardsV2?: { cardId: string; card: Card }[];
  thread?: { name?: string; threadKey?: string };
  privateMessageViewer?: { name: string };
}
