import type { KeyboardEvent } from 'react';

/** Where a key sends focus in the log grid: a node's row and a log index. */
export interface CellTarget {
  readonly node: number;
  readonly index: number;
}

/**
 * Arrow keys move between cells: left and right along a node's log, up and down across nodes at the
 * same index; Home and End go to the row's first cell (after its snapshot) and its last index. A cell the windowed grid has not
 * drawn yet is reached through `reach`, which scrolls it into view and focuses it.
 */
export function onGridKey(event: KeyboardEvent<HTMLElement>, last: number, reach: (target: CellTarget) => void): void {
  const cell = event.target instanceof HTMLElement && event.target.matches('.log-cell') ? event.target : null;
  const row = cell?.closest<HTMLElement>('.log-row[data-node]');
  if (!cell || !row) return;
  const node = Number(row.dataset.node);
  const index = Number(cell.dataset.index);
  /** The row's first cell: after its snapshot block, if it has one. */
  const first = Number(row.dataset.first ?? 1);
  let next: Element | null = null;
  let target: number | null = null;
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    const cells = [...row.querySelectorAll('.log-cell')];
    next = cells[cells.indexOf(cell) + (event.key === 'ArrowLeft' ? -1 : 1)] ?? null;
    target = index + (event.key === 'ArrowLeft' ? -1 : 1);
  } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    const other = event.key === 'ArrowUp' ? row.previousElementSibling : row.nextElementSibling;
    next = other?.querySelector(`.log-cell[data-index="${index}"]`) ?? null;
  } else if (event.key === 'Home' || event.key === 'End') {
    target = event.key === 'Home' ? first : last;
  }
  if (next instanceof HTMLElement) {
    event.preventDefault();
    next.focus();
  } else if (target !== null && target >= first && target <= last && target !== index) {
    event.preventDefault();
    reach({ node, index: target });
  }
}
