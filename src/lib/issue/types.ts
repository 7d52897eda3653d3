// The parsed issue: plain JSON, the contract between the parsers, the review doc and the views.
// Every block has a deterministic id; annotations point at blocks by id and character offsets.

export const ISSUE_FORMAT = 'proofroom-issue';
export const ISSUE_VERSION = 1;

/** Where a block sits in the printed article. Title-like blocks are blocks too, so they can be annotated. */
export type BlockKind =
  | 'kicker' // a line printed above the main title
  | 'title'
  | 'subtitle' // the `——…` line under a title
  | 'byline' // `□ 习近平`
  | 'heading' // in-article heading: `一、…`, `(一) …`, a short line
  | 'paragraph'
  | 'caption' // photo caption: `…摄`, `…供图`
  | 'source'; // `（来源：新华社…）`, `（西宁市总工会）`

/** A place where the parser stitched two extracted lines back into one block. */
export interface Join {
  /** Offset in the block's text where the second piece starts. */
  at: number;
  /** `sentence`: a paragraph cut mid-sentence by a page or column break; `word`: cut inside a word (Latin). */
  kind: 'sentence' | 'word';
}

export interface Block {
  id: string;
  kind: BlockKind;
  text: string;
  joins?: Join[];
}

export interface Article {
  id: string;
  /** The title as printed above the article (kicker and subtitle are separate blocks). */
  title: string;
  sectionId: string | null;
  /** Group heading inside the section (e.g. 西宁市总工会), when the contents has one. */
  group?: string;
  tocEntryId: string | null;
  /** Title as the contents page gives it, when the article is linked to an entry. */
  tocTitle?: string;
  page?: number;
  /** True when the contents title and the printed title differ beyond spacing. */
  titleMismatch: boolean;
  blocks: Block[];
}

export interface TocEntry {
  id: string;
  title: string;
  author?: string;
  page?: number;
  group?: string;
  articleId: string | null;
}

export interface Section {
  id: string;
  title: string;
  entries: TocEntry[];
}

export interface BoardMember {
  role: string;
  names: string[];
}

export interface Masthead {
  issueLabel?: string;
  board: BoardMember[];
  publisher?: string;
  permit?: string;
  department?: string;
  address?: string;
  email?: string;
  phone?: string;
  postcode?: string;
  /** Lines of the masthead the parser kept but could not name (e.g. 内部资料 免费交流). */
  other: string[];
  /** A field's label as printed, when it says more than the plain label (电话(传真), 邮箱（投稿）). */
  labels?: Partial<Record<MastheadField, string>>;
}

export type MastheadField = 'publisher' | 'permit' | 'department' | 'address' | 'email' | 'phone' | 'postcode';

export type SourceFormat = 'text' | 'markdown' | 'json';

export interface IssueSource {
  name: string;
  bytes: number;
  encoding: string;
  format: SourceFormat;
}

export interface Issue {
  format: typeof ISSUE_FORMAT;
  version: typeof ISSUE_VERSION;
  /** Deterministic id of the issue content (hash of the decoded text). */
  id: string;
  title: string;
  language: 'zh' | 'en' | 'other';
  masthead: Masthead;
  sections: Section[];
  /** In reading order. */
  articles: Article[];
  source: IssueSource;
}
