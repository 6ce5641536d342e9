import { describe, expect, it } from 'vitest';
import { columns, table } from '../../../../src/core/io/table.js';

describe('the table printer', () => {
  it('pads every column but the last to its widest cell, two spaces apart, no trailing blanks', () => {
    expect(
      table(
        ['NAME', 'STATUS', 'DETAIL'],
        [
          ['a', 'ok', ''],
          ['longer-name', 'manual', 'see steps'],
        ],
      ),
    ).toEqual(['NAME         STATUS  DETAIL', 'a            ok', 'longer-name  manual  see steps']);
  });

  it('colours body cells after padding, never the header', () => {
    const lines = table(['A', 'B'], [['x', 'y']], (row, col, cell) => `<${row}:${col}:${cell}>`);
    expect(lines).toEqual(['A  B', '<0:0:x>  <0:1:y>']);
  });

  it('aligns rows without a header, counting Cyrillic letters as one column each', () => {
    expect(
      columns([
        ['omnibot plan', 'что изменится'],
        ['omnibot apply --yes', 'применить'],
      ]),
    ).toEqual(['omnibot plan         что изменится', 'omnibot apply --yes  применить']);
    expect(columns([])).toEqual([]);
  });
});
