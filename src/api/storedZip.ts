import { crc32 } from 'node:zlib';

/**
 * A zip archive of files stored as they are (method 0, no compression), as PKWARE's
 * APPNOTE §4.3 lays it out: a local header before each file, then the central
 * directory, then its end record. An evidence bundle is a few small text files that an
 * auditor must be able to open with any unzip; 40 lines of Node built-ins (zlib's
 * crc32) do that without a dependency. Names are UTF-8 (flag bit 11).
 */
const dosTime = (d: Date) => ((d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1)) & 0xffff;
const dosDate = (d: Date) => (((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate()) & 0xffff;

export const storedZip = (files: Record<string, string | Buffer>, at: Date): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const fileName = Buffer.from(name, 'utf8');
    const fields = (header: Buffer, at0: number) => {
      header.writeUInt16LE(0x0800, at0 + 2); // flags: UTF-8 names
      header.writeUInt16LE(0, at0 + 4); // method: stored
      header.writeUInt16LE(dosTime(at), at0 + 6);
      header.writeUInt16LE(dosDate(at), at0 + 8);
      header.writeUInt32LE(crc32(data), at0 + 10);
      header.writeUInt32LE(data.length, at0 + 14);
      header.writeUInt32LE(data.length, at0 + 18);
      header.writeUInt16LE(fileName.length, at0 + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};
