// Turns a failed open into the sentence a reader sees. IssueError codes map to dictionary
// keys; a `binary` error names the kind of file when the decoder's detail says which; a malformed
// file says what is wrong and where (its `why`) in the reader's language, never the parser's English.
import type { IssueErrorCode, Why } from '../issue/errors';
import type { MessageKey } from './dictionary';
import { t } from './locale.svelte';

export type OpenErrorCode = IssueErrorCode | 'not-in-library' | 'sample' | 'unknown';

export interface OpenError {
  code: OpenErrorCode;
  fileName: string;
  detail?: string;
  why?: Why;
}

/** What is wrong with a malformed file, in words a reader knows, with the Markdown line when known. */
export function whyMessage(why: Why): string {
  const params = { line: why.line ?? 0, path: why.path ?? '', value: (why.value ?? '').slice(0, 60) };
  const what = t(`why.${why.kind}`, params);
  return why.line ? t('why.atLine', { line: why.line, what }) : what;
}

function binaryKey(detail: string | undefined): MessageKey {
  const d = (detail ?? '').toLowerCase();
  if (d.includes('pdf')) return 'error.binaryPdf';
  if (/png|jpe?g|gif|webp|bmp|tiff|image/.test(d)) return 'error.binaryImage';
  if (/zip|gzip|rar|7z|archive|tar/.test(d)) return 'error.binaryArchive';
  return 'error.binary';
}

export function errorMessage(error: OpenError): string {
  const detail = error.detail ?? '';
  switch (error.code) {
    case 'binary':
      return t(binaryKey(error.detail));
    case 'not-in-library':
      return t('error.notInLibrary');
    case 'sample':
      return t('error.sample');
    case 'unknown':
      return t('error.unknown', { detail });
    case 'malformed':
      return error.why ? whyMessage(error.why) : t('error.malformedPlain');
    default:
      return t(`error.${error.code}`);
  }
}
