// The 年报 as an Excel workbook in the national table layout: one sheet, the title, then each part
// with its heading and table — merged header cells as in the published format, thin borders on
// every cell, wrapped Chinese labels, widths that print on A4 landscape.
import ExcelJS from 'exceljs';
import { formatDateTime } from '../../time.js';
import type { AnnualReport } from './annual-report.service.js';
import { placeCells, reportTables, reportTitle } from './annual-report.tables.js';

/** Widths (characters): three label columns, then numbers. */
const COLUMN_WIDTHS = [16, 16, 40, ...Array<number>(12).fill(11)];
const LAST_COLUMN = COLUMN_WIDTHS.length;
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

export async function annualReportXlsx(report: AnnualReport, timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  workbook.created = report.generatedAt;
  const sheet = workbook.addWorksheet('年度报告', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));

  let line = 1;
  const banner = (text: string, size: number, bold: boolean) => {
    sheet.mergeCells(line, 1, line, LAST_COLUMN);
    const cell = sheet.getCell(line, 1);
    cell.value = text;
    cell.font = { name: FONT, size, bold };
    cell.alignment = { vertical: 'middle', horizontal: size > 12 ? 'center' : 'left', wrapText: true };
    line++;
  };

  banner(reportTitle(report), 16, true);
  banner(`统计期间：${report.year}年1月1日至12月31日　生成时间：${formatDateTime(report.generatedAt, timeZone)}`, 10, false);
  for (const table of reportTables(report)) {
    line++;
    banner(table.heading, 12, true);
    const top = line;
    for (const cell of placeCells(table)) {
      const r = top + cell.row;
      const c = 1 + cell.col;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      if (rowSpan > 1 || colSpan > 1) sheet.mergeCells(r, c, r + rowSpan - 1, c + colSpan - 1);
      const target = sheet.getCell(r, c);
      target.value = cell.value;
      target.font = { name: FONT, size: 10, bold: cell.header ?? false };
      target.alignment = { vertical: 'middle', horizontal: cell.header || typeof cell.value === 'number' ? 'center' : 'left', wrapText: true };
      // A merged range shows the borders of each of its cells: give all of them one.
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) sheet.getCell(r + dr, c + dc).border = BORDER;
    }
    line = top + table.rows.length;
    if (table.note) banner(table.note, 9, false);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
