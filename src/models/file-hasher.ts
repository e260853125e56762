/**
 * Incremental hashing of one model file with hash-wasm, whose state can be saved beside the
 * byte offset so a resumed download continues hashing without re-reading what is on disk.
 */
import { createSHA1, createSHA256, type IHasher } from 'hash-wasm';
import type { ManifestFile } from './model-manifest';

export interface FileDigest {
  sha256: string;
  /** Git blob SHA-1, for files checked against the tree's `oid`. */
  gitBlobSha1?: string;
}

/** hash-wasm in this thread. */
export interface LocalFileHasher {
  update(chunk: Uint8Array): void;
  /** Opaque state to persist with the offset it belongs to. */
  save(): Uint8Array[];
  digest(): FileDigest;
  /** Back to an empty file (the server ignored our Range, or the bytes were discarded). */
  reset(): void;
}

/**
 * What the byte pipeline uses; it may hash on another thread. `update` takes ownership of the
 * chunk (it may be transferred) and resolves when more may be sent; `save` and `digest` cover
 * every chunk passed before them.
 */
export interface FileHasher {
  update(chunk: Uint8Array): Promise<void> | void;
  save(): Promise<Uint8Array[]>;
  digest(): Promise<FileDigest>;
  reset(): Promise<void> | void;
  /** Frees the hasher when the file is abandoned before its digest. */
  dispose(): void;
}

export type FileToHash = Pick<ManifestFile, 'size' | 'check'>;
export type HasherFactory = (file: FileToHash, saved?: Uint8Array[]) => Promise<FileHasher>;

/** Hashes on the calling thread (Node tests, and browsers without nested workers). */
export const createInThreadHasher: HasherFactory = async (file, saved) => {
  const local = await createLocalFileHasher(file, saved);
  return {
    update: (chunk) => local.update(chunk),
    save: async () => local.save(),
    digest: async () => local.digest(),
    reset: () => local.reset(),
    dispose: () => undefined,
  };
};

/** A fresh hasher for `file`, or one restored from `saved` (state taken at some offset). */
export async function createLocalFileHasher(file: FileToHash, saved?: Uint8Array[]): Promise<LocalFileHasher> {
  const sha256 = await createSHA256();
  const gitSha1 = file.check.kind === 'git-blob-sha1' ? await createSHA1() : undefined;
  const start = () => {
    sha256.init();
    // A git blob id hashes a "blob <size>\0" header before the content.
    gitSha1?.init().update(`blob ${file.size}\0`);
  };
  if (saved) {
    restore(sha256, saved[0]);
    if (gitSha1) restore(gitSha1, saved[1]);
  } else {
    start();
  }
  return {
    reset: start,
    update(chunk) {
      sha256.update(chunk);
      gitSha1?.update(chunk);
    },
    save: () => (gitSha1 ? [sha256.save(), gitSha1.save()] : [sha256.save()]),
    digest: () => (gitSha1 ? { sha256: sha256.digest('hex'), gitBlobSha1: gitSha1.digest('hex') } : { sha256: sha256.digest('hex') }),
  };
}

function restore(hasher: IHasher, state: Uint8Array | undefined): void {
  if (!state) throw new Error('saved hash state is missing');
  hasher.load(state);
}

/** The expected hash of a file and the one computed, per its check kind. */
export function compareDigest(file: Pick<ManifestFile, 'sha256' | 'check'>, digest: FileDigest): { ok: boolean; expected: string; actual: string } {
  if (file.check.kind === 'git-blob-sha1') {
    const actual = digest.gitBlobSha1 ?? '';
    return { ok: actual === file.check.oid, expected: `git blob ${file.check.oid}`, actual: `git blob ${actual}` };
  }
  return { ok: digest.sha256 === file.sha256, expected: `sha256 ${file.sha256}`, actual: `sha256 ${digest.sha256}` };
}
