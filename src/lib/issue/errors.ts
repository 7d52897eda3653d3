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

export class IssueError extends Error {
  readonly code: IssueErrorCode;
  readonly detail: string | undefined;
  constructor(code: IssueErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'IssueError';
    this.code = code;
    this.detail = detail;
  }
}
