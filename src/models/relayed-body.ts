/**
 * A response body carried over a MessagePort from the thread that reads it to the thread that
 * consumes it. The reader sends pieces of at least `pieceBytes` (one OPFS write and one hash
 * call each), their buffers transferred, never copied, and stays at most `windowBytes` ahead:
 * the consumer hands credit back as it takes each piece. Errors keep their kind (TypeError for
 * a lost connection, AbortError for an abort), since the downloader retries only the first.
 */

export type BodyMessage =
  | { type: 'piece'; piece: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; name: string; message: string };

export type ConsumerMessage = { type: 'credit'; bytes: number } | { type: 'cancel'; reason: string };

export interface RelayOptions {
  /** Most bytes sent and not yet taken by the consumer. */
  windowBytes: number;
  /** Smaller network chunks are gathered to this size before they are sent (the last piece may be smaller). */
  pieceBytes: number;
}

/**
 * Reads `reader` to the end into `port`. Resolves when the body has been sent, failed or been
 * cancelled by the consumer; never rejects (failures are sent to the consumer).
 */
export async function sendBody(reader: ReadableStreamDefaultReader<Uint8Array>, port: MessagePort, options: RelayOptions): Promise<void> {
  let credit = options.windowBytes;
  let cancelled = false;
  let wake: (() => void) | undefined;
  port.onmessage = ({ data }: MessageEvent<ConsumerMessage>) => {
    if (data.type === 'credit') credit += data.bytes;
    else {
      cancelled = true;
      void reader.cancel(data.reason).catch(() => undefined);
    }
    wake?.();
  };
  let piece: Uint8Array | undefined;
  let filled = 0;
  const send = async () => {
    if (!piece || filled === 0) return;
    const out = filled === piece.byteLength ? piece : piece.slice(0, filled);
    piece = undefined;
    filled = 0;
    // Wait for room, unless nothing is in flight (a piece bigger than the window still goes).
    while (credit < out.byteLength && credit < options.windowBytes && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
    if (cancelled) return;
    credit -= out.byteLength;
    port.postMessage({ type: 'piece', piece: out } satisfies BodyMessage, [out.buffer]);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || cancelled) break;
      let from = 0;
      while (from < value.byteLength) {
        // A network chunk that fills a piece on its own is sent as it is (no copy).
        if (filled === 0 && from === 0 && value.byteLength >= options.pieceBytes && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) {
          piece = value;
          filled = value.byteLength;
          from = value.byteLength;
        } else {
          piece ??= new Uint8Array(options.pieceBytes);
          const take = Math.min(piece.byteLength - filled, value.byteLength - from);
          piece.set(value.subarray(from, from + take), filled);
          filled += take;
          from += take;
        }
        if (filled === piece!.byteLength) await send();
        if (cancelled) break;
      }
      if (cancelled) break;
    }
    // What arrived before the end (or a failure) is delivered first: the downloader keeps it.
    await send();
    if (!cancelled) port.postMessage({ type: 'end' } satisfies BodyMessage);
  } catch (error) {
    await send();
    if (!cancelled) port.postMessage({ type: 'error', ...describeError(error) } satisfies BodyMessage);
  } finally {
    port.close();
  }
}

/** The consuming end: a stream of the pieces, taken one read at a time; `onDone` once it ends, fails or is cancelled. */
export function receiveBody(port: MessagePort, onDone: () => void = () => undefined): ReadableStream<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let last: BodyMessage | undefined;
  let wake: (() => void) | undefined;
  port.onmessage = ({ data }: MessageEvent<BodyMessage>) => {
    if (data.type === 'piece') pieces.push(data.piece);
    else last = data;
    wake?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      // With no queue of its own (high-water mark 0) the stream pulls only for a waiting read,
      // so credit goes back exactly as the consumer takes the bytes.
      async pull(controller) {
        while (pieces.length === 0 && !last) await new Promise<void>((resolve) => (wake = resolve));
        const piece = pieces.shift();
        if (piece) {
          port.postMessage({ type: 'credit', bytes: piece.byteLength } satisfies ConsumerMessage);
          controller.enqueue(piece);
        } else {
          port.close();
          onDone();
          if (last?.type === 'error') controller.error(toError(last));
          else controller.close();
        }
      },
      cancel(reason) {
        port.postMessage({ type: 'cancel', reason: String(reason) } satisfies ConsumerMessage);
        port.close();
        onDone();
      },
    },
    { highWaterMark: 0 },
  );
}

function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

/** Back to the kind fetch() itself would have thrown: an abort, or a network error (TypeError). */
function toError({ name, message }: { name: string; message: string }): Error {
  if (name === 'AbortError') return new DOMException(message, 'AbortError');
  return new TypeError(message);
}
