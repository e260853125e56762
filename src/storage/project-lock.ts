/**
 * One writer at a time per project, across every tab of the app (Web Locks). The revision check
 * inside each write transaction is what guarantees nothing is overwritten; the lock makes
 * multi-step writes (a delete across two databases, a read-modify-write) happen as one.
 */
export function withProjectLock<T>(projectId: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return work();
  return locks.request(`lora-project:${projectId}`, work) as Promise<T>;
}
