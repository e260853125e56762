/**
 * A real zip bomb: one "PNG" entry (a PNG signature, then zeros) that deflates about 1000:1, so a
 * zip of about 1.5 MB inflates to 1.5 GB. Written with Node's zlib (raw deflate, streamed, so the
 * 1.5 GB never exists in memory) inside a plain zip container (PKWARE APPNOTE 6.3.10, sections
 * 4.3.7 local header, 4.3.9 data descriptor, 4.3.12 central directory header, 4.3.16 end of
 * central directory). With `hideSizes`, the local header says 0 and the sizes follow the data in
 * a data descriptor (general purpose bit 3), as streaming writers do: a reader that streams the
 * archive learns the size only after inflating it.
 */
import { crc32, createDeflateRaw } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function deflateZeros(inflatedBytes: number): Promise<{ data: Buffer; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = crc32(PNG_SIGNATURE);
  deflate.write(PNG_SIGNATURE);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = inflatedBytes - PNG_SIGNATURE.length; left > 0; left -= zeros.length) {
    const chunk = left >= zeros.length ? zeros : zeros.subarray(0, left);
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

const deflated = new Map<number, Promise<{ data: Buffer; crc: number }>>();

export async function buildZipBomb(entryName: string, inflatedBytes: number, options: { hideSizes?: boolean } = {}): Promise<Buffer> {
  if (inflatedBytes >= 2 ** 32) throw new Error('this builder writes no ZIP64 records');
  if (!deflated.has(inflatedBytes)) deflated.set(inflatedBytes, deflateZeros(inflatedBytes));
  const { data, crc } = await deflated.get(inflatedBytes)!;
  const hide = options.hideSizes === true;
  const flags = hide ? 0x0008 : 0;
  const name = Buffer.from(entryName, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(8, 8); // method: deflate
  local.writeUInt32LE(0, 10); // time + date
  local.writeUInt32LE(hide ? 0 : crc >>> 0, 14);
  local.writeUInt32LE(hide ? 0 : data.length, 18);
  local.writeUInt32LE(hide ? 0 : inflatedBytes, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const descriptor = Buffer.alloc(hide ? 16 : 0);
  if (hide) {
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(data.length, 8);
    descriptor.writeUInt32LE(inflatedBytes, 12);
  }
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(inflatedBytes, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42); // local header offset
  const centralOffset = local.length + name.length + data.length + descriptor.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, descriptor, central, name, end]);
}
