// The 年报 as the published format draws it: tables of cells with row and column spans. The
// XLSX, CSV and HTML downloads all render this one model, so the three can never differ in a
// row, a label or a number. The national form shows no subtotal rows for （三）…（六）: the family
// label spans its numbered sub-rows (the subtotals are in the GraphQL rows).
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  DECISION_ITEMS,
  FEE_NOTE,
  OUTCOME_FAMILIES,
  REQUESTER_COLUMNS,
  RESULTS_HEADING,
} from './annual-report.layout.js';
import type { AnnualReport, RequestRowCounts } from './annual-report.service.js';

export interface Cell {
  value: string | number;
  colSpan?: number;
  rowSpan?: number;
  /** Header cells are bold and centred. */
  header?: boolean;
}

export interface Table {
  /** The part's heading, e.g. 三、收到和处理政府信息公开申请情况. */
  heading: string;
  columns: number;
  /** Cells in reading order, skipping positions covered by an earlier span (as in HTML). */
  rows: Cell[][];
  note?: string;
}

export interface PlacedCell extends Cell {
  row: number;
  col: number;
}

export const reportTitle = (report: Pick<AnnualReport, 'year' | 'orgUnit'>) => `${report.orgUnit.name}${report.year}年政府信息公开工作年度报告`;

/** Where each cell of a table lands on the grid (the HTML table model), 0-based. */
export function placeCells(table: Table): PlacedCell[] {
  const taken = new Set<string>();
  const placed: PlacedCell[] = [];
  table.rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (taken.has(`${r}:${c}`)) c++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr}:${c + dc}`);
      placed.push({ ...cell, row: r, col: c });
      c += colSpan;
    }
  });
  return placed;
}

const h = (value: string, span: Partial<Pick<Cell, 'colSpan' | 'rowSpan'>> = {}): Cell => ({ value, header: true, ...span });
const label = (value: string, span: Partial<Pick<Cell, 'colSpan' | 'rowSpan'>> = {}): Cell => ({ value, ...span });
const n = (value: number, colSpan?: number): Cell => (colSpan ? { value, colSpan } : { value });

function proactiveTable(report: AnnualReport): Table {
  const decisionsOf = (article: string) => DECISION_ITEMS.filter((d) => d.article === article && d.item !== 'ADMINISTRATIVE_FEE');
  const decisionCount = (item: string) => report.decisions.find((d) => d.item === item)?.decisions ?? 0;
  const decisionBlock = (article: string): Cell[][] => [
    [h(article, { colSpan: 6 })],
    [h('信息内容', { colSpan: 3 }), h('本年处理决定数量', { colSpan: 3 })],
    ...decisionsOf(article).map((d) => [label(d.label, { colSpan: 3 }), n(decisionCount(d.item), 3)]),
  ];
  return {
    heading: '二、主动公开政府信息情况',
    columns: 6,
    rows: [
      [h('第二十条第（一）项', { colSpan: 6 })],
      [h('信息内容', { colSpan: 3 }), h('本年制发件数'), h('本年废止件数'), h('现行有效件数')],
      ...report.documents.map((d) => [label(d.label, { colSpan: 3 }), n(d.issued), n(d.repealed), n(d.inForce)]),
      ...decisionBlock('第二十条第（五）项'),
      ...decisionBlock('第二十条第（六）项'),
      [h('第二十条第（八）项', { colSpan: 6 })],
      [h('信息内容', { colSpan: 3 }), h('本年收费信息件数（格式要求收费金额（万元），见注）', { colSpan: 3 })],
      [label('行政事业性收费', { colSpan: 3 }), n(decisionCount('ADMINISTRATIVE_FEE'), 3)],
    ],
    note: `注：${FEE_NOTE}`,
  };
}

function requestsTable(report: AnnualReport): Table {
  const row = (code: string): RequestRowCounts => report.requestRows.find((r) => r.code === code)!;
  const numbers = (code: string): Cell[] => {
    const r = row(code);
    return [...REQUESTER_COLUMNS.map((c) => n(r.counts[c.field])), n(r.total)];
  };
  const titled = (code: string) => `${row(code).number}${row(code).label}`;
  const resultRows: Cell[][] = [
    [label(titled('DISCLOSED'), { colSpan: 2 }), ...numbers('DISCLOSED')],
    [label(titled('PARTIALLY_DISCLOSED'), { colSpan: 2 }), ...numbers('PARTIALLY_DISCLOSED')],
    ...OUTCOME_FAMILIES.flatMap((f) =>
      f.details.map(([detail], i) => {
        const code = `${f.outcome}.${detail}`;
        const familyCell = i === 0 ? [label(`${f.number}${f.label}`, { rowSpan: f.details.length })] : [];
        return [...familyCell, label(titled(code)), ...numbers(code)];
      }),
    ),
    [label(titled('CONCLUDED'), { colSpan: 2 }), ...numbers('CONCLUDED')],
  ];
  resultRows[0]!.unshift(label(`${RESULTS_HEADING.number}${RESULTS_HEADING.label}`, { rowSpan: resultRows.length }));
  return {
    heading: '三、收到和处理政府信息公开申请情况',
    columns: 10,
    rows: [
      [h('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { colSpan: 3, rowSpan: 3 }), h('申请人情况', { colSpan: 7 })],
      [h(REQUESTER_COLUMNS[0].label, { rowSpan: 2 }), h('法人或其他组织', { colSpan: 5 }), h('总计', { rowSpan: 2 })],
      REQUESTER_COLUMNS.slice(1).map((c) => h(c.label)),
      [label(titled('RECEIVED'), { colSpan: 3 }), ...numbers('RECEIVED')],
      [label(titled('CARRIED_IN'), { colSpan: 3 }), ...numbers('CARRIED_IN')],
      ...resultRows,
      [label(titled('CARRIED_OUT'), { colSpan: 3 }), ...numbers('CARRIED_OUT')],
    ],
    ...(report.reclassified > 0
      ? { note: `注：本年办结的申请中有 ${report.reclassified} 件未登记（或登记了不相符的）办理结果，已计入（六）3.其他，请核实。` }
      : {}),
  };
}

function appealsTable(report: AnnualReport): Table {
  const results = APPEAL_COLUMNS.map((c) => c.label);
  const [reconsideration, direct, after] = APPEAL_GROUPS;
  return {
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    columns: 15,
    rows: [
      [h(reconsideration.label, { colSpan: 5 }), h('行政诉讼', { colSpan: 10 })],
      [...results.map((r) => h(r, { rowSpan: 2 })), h(direct.label, { colSpan: 5 }), h(after.label, { colSpan: 5 })],
      [...results.map((r) => h(r)), ...results.map((r) => h(r))],
      APPEAL_GROUPS.flatMap((g) => APPEAL_COLUMNS.map((c) => n(report.appeals[g.key][c.key]))),
    ],
  };
}

/** The three statistical parts of the report, in the format's order. */
export function reportTables(report: AnnualReport): Table[] {
  return [proactiveTable(report), requestsTable(report), appealsTable(report)];
}
