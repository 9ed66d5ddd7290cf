/**
 * RFC 4180 records, tolerant of what spreadsheets write: a byte-order mark, LF or CRLF
 * line ends, a last line without one. A quote inside an unquoted field, or text after a
 * closing quote, is an error naming the line.
 */
export const parseCsv = (text: string): string[][] => {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"' && field === '') {
      const start = line;
      i += 1;
      for (;;) {
        if (i >= src.length) throw new Error(`line ${start}: a quoted field is never closed`);
        if (src[i] === '"' && src[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (src[i] === '"') {
          i += 1;
          break;
        } else {
          if (src[i] === '\n') line += 1;
          field += src[i];
          i += 1;
        }
      }
      if (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') throw new Error(`line ${line}: text after a closing quote`);
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      if (ch === '"') throw new Error(`line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
};
