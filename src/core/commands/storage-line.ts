/** The one line `sonorancad status` and `sonorancad forward status` show while forwarding storage fails. */
import type { StorageStatus } from '../forward/storage/store';
import { clock } from './duration';

export function storageLine({ storage }: Pick<StorageStatus, 'storage'>): string | null {
  if (!storage) return null;
  const events = `${storage.onlyInMemory} event${storage.onlyInMemory === 1 ? '' : 's'}`;
  return `  STORAGE FAILING since ${clock(storage.since)}; ${events} only in memory (${storage.reason}).`;
}
