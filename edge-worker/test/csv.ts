/** Reading CSV as a spreadsheet would: shared by the CSV report's unit test and the report journey. */

/** RFC 4180 rows, with `sep` as the separator (`;` is what a spreadsheet in many locales splits at). */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Whether a spreadsheet would run `cell` as a formula (numbers, which the report writes as such, and its lone `-` are not). */
export const startsFormula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && cell !== '-' && !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell);

/** A defused cell with its defusing quotes taken out again (what the site owner wrote). */
export const undefused = (cell: string): string => cell.replace(/(?<=^|[,;\t\r\n])'(?=[=+\-@\t\r])/g, '');
