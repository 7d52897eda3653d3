// The 核红 status of a carried note in the reader's language: 'changed' reads 改动不符 for a
// suggestion and 原文已变 for any other note.
import { t } from '../../i18n/locale.svelte';

export function checkLabel(status: string, kind: string): string {
  if (status === 'changed' && kind !== 'suggestion') return t('check.changed-text');
  return t(`check.${status}` as Parameters<typeof t>[0]);
}
