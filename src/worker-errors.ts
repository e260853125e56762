/**
 * Named errors across the worker boundary. Comlink sends a thrown Error as a plain
 * {message, name, stack}; this transfer handler sends an AppError as its ErrorInfo and rebuilds
 * an AppError (same kind, message, action, detail) on the other side. Register it on both sides.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { AppError, type ErrorInfo } from './errors';

interface Thrown {
  value: unknown;
}

type Serialized = { appError: ErrorInfo } | unknown;

export function registerAppErrorTransfer(): void {
  const original = transferHandlers.get('throw') as TransferHandler<Thrown, unknown>;
  if ((original as { appErrors?: true }).appErrors) return;
  const handler: TransferHandler<Thrown, Serialized> & { appErrors: true } = {
    appErrors: true,
    canHandle: (value): value is Thrown => original.canHandle(value),
    serialize(thrown) {
      if (thrown.value instanceof AppError) return [{ appError: thrown.value.toInfo() }, []];
      return original.serialize(thrown);
    },
    deserialize(serialized) {
      if (typeof serialized === 'object' && serialized !== null && 'appError' in serialized) {
        const info = (serialized as { appError: ErrorInfo }).appError;
        throw new AppError(info.kind, info.message, info.action, info.detail === undefined ? undefined : { detail: info.detail });
      }
      return original.deserialize(serialized);
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
