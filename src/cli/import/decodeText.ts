/**
 * The text of an exported file. Excel on a Chinese Windows saves "CSV" in the ANSI code
 * page, GBK (936); "CSV UTF-8" adds a BOM; "Unicode text" is UTF-16 with a BOM. GBK is a
 * subset of GB18030, whose WHATWG decoder reads both (Node's full ICU has it).
 */
export const textEncodings = ['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be'] as const;
export type TextEncodingName = (typeof textEncodings)[number];

export type DecodedText = { text: string; encoding: TextEncodingName };

const names: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030', gbk: 'GBK', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };

const bomOf = (bytes: Uint8Array): TextEncodingName | null => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
};

const tryDecode = (bytes: Uint8Array, encoding: TextEncodingName): string | null => {
  try {
    // The decoder drops a BOM of its own encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

/** The first line (1-based) that is not valid in `encoding`, to name it in the message. */
const firstBadLine = (bytes: Uint8Array, encoding: TextEncodingName): number => {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (tryDecode(bytes.subarray(start, i), encoding) === null) return line;
      line += 1;
      start = i + 1;
    }
  }
  return line;
};

export class EncodingProblem extends Error {
  override readonly name = 'EncodingProblem';
}

/**
 * Decodes `bytes` in the given encoding, or detects it: a BOM says it; else UTF-8 if the
 * bytes are valid UTF-8 (a GBK file with Chinese text practically never is); else GB18030.
 */
export const decodeText = (bytes: Uint8Array, encoding?: TextEncodingName): DecodedText => {
  const chosen = encoding ?? bomOf(bytes);
  if (chosen) {
    const text = tryDecode(bytes, chosen);
    if (text !== null) return { text, encoding: chosen };
    const utf16 = chosen.startsWith('utf-16');
    throw new EncodingProblem(
      `${utf16 ? 'the file' : `line ${firstBadLine(bytes, chosen)}`} is not valid ${names[chosen]} text${encoding ? '' : ' (its byte-order mark says it is)'}: save it as "CSV UTF-8", or give --encoding`,
    );
  }
  for (const candidate of ['utf-8', 'gb18030'] as const) {
    const text = tryDecode(bytes, candidate);
    if (text !== null) return { text, encoding: candidate };
  }
  throw new EncodingProblem(`the file is neither UTF-8 nor GB18030/GBK text (line ${firstBadLine(bytes, 'utf-8')} is not UTF-8): save it as "CSV UTF-8", or give --encoding`);
};
