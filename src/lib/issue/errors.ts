// Why a file could not be read as an issue. `code` is stable (the UI translates it);
// `message` is plain English for the CLI and logs.

export type IssueErrorCode =
  | 'empty' // zero bytes, or only whitespace after decoding
  | 'binary' // an image, PDF, archive or other non-text file
  | 'garbage' // decodes, but not to readable text in any supported encoding
  | 'too-large' // over the size limit
  | 'malformed' // JSON or Markdown that does not follow the format
  | 'unsupported-version' // the app's JSON, from a newer version
  | 'no-content'; // text, but nothing that reads as an article

/**
 * What exactly is wrong with a malformed file, for the interface to say in the reader's language
 * (src/lib/i18n/error-messages.ts): a kind, and where (a Markdown line, a JSON field) or what.
 */
export type MalformedKind =
  | 'json-syntax' // not JSON at all
  | 'json-not-issue' // JSON, but not a Proofroom issue file
  | 'json-field' // a field missing or of the wrong kind (`path`)
  | 'json-duplicate' // an id used twice (`value`)
  | 'md-front-unclosed' // the `---` front matter is never closed
  | 'md-front-line' // a front matter line that is not `key: value`
  | 'md-language' // language other than zh, en, other (`value`)
  | 'md-front-key' // an unknown front matter key (`value`)
  | 'md-before-article' // text before the first `## Title`
  | 'md-entry-text' // text under an `@entry`
  | 'md-title' // an article heading without a title
  | 'md-section-title' // a section heading without a title
  | 'md-directive-place' // an @directive not under an article heading (`value`)
  | 'md-page' // @page without a page number (`value`)
  | 'md-directive' // an unknown @directive (`value`)
  | 'md-entry-section'; // a contents entry before any `# Section` (`value`)

export interface Why {
  kind: MalformedKind;
  /** 1-based line of a Markdown file. */
  line?: number;
  /** The JSON field, e.g. `articles[3].blocks`. */
  path?: string;
  value?: string;
}

export class IssueError extends Error {
  readonly code: IssueErrorCode;
  readonly detail: string | undefined;
  readonly why: Why | undefined;
  constructor(code: IssueErrorCode, message: string, detail?: string, why?: Why) {
    super(message);
    this.name = 'IssueError';
    this.code = code;
    this.detail = detail;
    this.why = why;
  }
}
