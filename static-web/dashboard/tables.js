// Tables of the dashboard: the text alternative of every chart and the map, and the sortable partner table.
import { t } from '/js/i18n.js';
import { sortRows } from './dashboard-core.js';

/**
 * Replaces a table's content: a caption, a header row and body rows, all as text.
 * @param {HTMLTableElement} table
 * @param {string} caption
 * @param {string[]} headers
 * @param {(string | Node)[][]} rows  a Node (e.g. a button) is placed as it is
 */
export function fillTable(table, caption, headers, rows) {
  table.replaceChildren();
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const text of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.append(th);
  }

  const body = table.createTBody();
  for (const cells of rows) {
    const tr = body.insertRow();
    for (const cell of cells) {
      const td = tr.insertCell();
      if (typeof cell === 'string') td.textContent = cell;
      else td.append(cell);
    }
  }
}

/**
 * A table whose column headers are buttons that sort it; aria-sort tells which column and which way.
 * @param {HTMLTableElement} table
 * @param {{ key: string, label: () => string, format: (row: any) => string }[]} columns
 */
export function mountSortableTable(table, columns) {
  /** @type {any[]} */
  let rows = [];
  let sortKey = columns[1].key;
  /** @type {'ascending' | 'descending'} */
  let direction = 'descending';

  function render() {
    table.replaceChildren();
    table.createCaption().textContent = t('dashboard.partners.caption');
    const head = table.createTHead().insertRow();
    for (const column of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.setAttribute('aria-sort', column.key === sortKey ? direction : 'none');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'table-sort';
      button.textContent = column.label();
      button.addEventListener('click', () => {
        direction = column.key === sortKey && direction === 'descending' ? 'ascending' : 'descending';
        sortKey = column.key;
        render();
        /** @type {HTMLElement} */ (table.querySelector(`th[aria-sort="${direction}"] button`))?.focus();
      });
      th.append(button);
      head.append(th);
    }

    const body = table.createTBody();
    for (const row of sortRows(rows, sortKey, direction)) {
      const tr = body.insertRow();
      for (const column of columns) tr.insertCell().textContent = column.format(row);
    }
  }

  return {
    /** @param {any[]} next */
    update(next) {
      rows = next;
      render();
    },
  };
}
