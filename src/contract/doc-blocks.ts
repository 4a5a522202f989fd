// What a person sees in a document, as the local Docs twin reports it and the workspace's browser client draws it.

export type NamedStyle = 'TITLE' | 'HEADING_2' | 'NORMAL_TEXT';

/** What a person sees in the document: paragraphs (with their style) and tables of cell text, in order. */
export type DocBlock = { kind: 'paragraph'; style: NamedStyle; text: string } | { kind: 'table'; rows: string[][] };
