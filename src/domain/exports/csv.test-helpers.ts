/**
 * Test helper: an independent RFC 4180 reader (quoted fields, doubled quotes, CRLF), used to
 * read exported CSV back the way a spreadsheet would.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`Bare line break at ${index}: RFC 4180 rows end with CRLF.`);
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error('Unterminated quoted field.');
  if (field !== '' || row.length > 0) throw new Error('The last row does not end with CRLF.');
  return rows;
}
