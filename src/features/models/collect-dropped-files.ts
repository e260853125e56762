/** Files dropped on the import zone, folders walked recursively, with paths relative to what was dropped. */
import type { ImportedFile } from '../../models/download-api';

export async function collectDroppedFiles(items: DataTransferItemList): Promise<ImportedFile[]> {
  const entries = [...items].map((item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
  const out: ImportedFile[] = [];
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

async function walk(entry: FileSystemEntry, prefix: string, out: ImportedFile[]): Promise<void> {
  const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ relativePath, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns batches (about 100 at a time) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, relativePath, out);
  }
}

/** Files from `<input type=file webkitdirectory>` carry their folder path in webkitRelativePath. */
export function filesFromInput(list: FileList): ImportedFile[] {
  return [...list].map((file) => ({ relativePath: file.webkitRelativePath || file.name, file }));
}
