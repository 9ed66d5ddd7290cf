/**
 * A GBK encoder for tests, built from Node's own GBK decoder (Node encodes UTF-8 only):
 * every two-byte GBK code decoded once, the map inverted.
 */
let table: Map<string, number[]> | null = null;

const gbkTable = (): Map<string, number[]> => {
  if (table) return table;
  const decoder = new TextDecoder('gbk', { fatal: true });
  table = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a GBK code
      }
    }
  }
  return table;
};

/**
 * The hanzi and full-width forms GBK has two-byte codes for: what names and headers hold.
 * (Its user-defined areas decode to private-use code points, which GB18030-2022 maps
 * otherwise: no ERP export holds them.)
 */
export const gbkCharacters = (): string[] => [...gbkTable().keys()].filter((c) => /^[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]$/.test(c));

export const encodeGbk = (text: string): Buffer => {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable().get(ch);
      if (!pair) throw new Error(`${ch} has no GBK code`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
};
