// Turns a failed open into the sentence a reader sees. IssueError codes map to dictionary
// keys; a `binary` error names the kind of file when the decoder's detail says which.
import type { IssueErrorCode } from '../issue/errors';
import type { MessageKey } from './dictionary';
import { t } from './locale.svelte';

export type OpenErrorCode = IssueErrorCode | 'not-in-library' | 'sample' | 'unknown';

export interface OpenError {
  code: OpenErrorCode;
  fileName: string;
  detail?: string;
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
      return t('error.malformed', { detail });
    default:
      return t(`error.${error.code}`);
  }
}
