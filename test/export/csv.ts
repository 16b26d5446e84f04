/**
 * A small RFC 4180 reader for the export tests. `rowEnds: 'crlf'` (what zhstat writes) treats a bare
 * LF outside quotes as cell text, so a writer that ended rows with LF would be caught;
 * 'lf-or-crlf' also ends rows at LF, as files LibreOffice writes back do.
 */
export function parseCsv(text: string, rowEnds: 'crlf' | 'lf-or-crlf'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else if (ch === '\n' && rowEnds === 'lf-or-crlf') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (rowEnds === 'lf-or-crlf' && (cell !== '' || row.length > 0)) row.push(cell), rows.push(row);
  return rows;
}
