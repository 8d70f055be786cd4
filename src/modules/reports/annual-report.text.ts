// The 年报 as CSV (UTF-8 with a BOM, so that Excel opens the Chinese correctly; the same grid as
// the workbook, a spanned cell's text at its top-left position) and as a printable HTML page
// (its own inline CSS with @media print, no scripts, every text escaped).
import { formatDateTime } from '../../time.js';
import type { AnnualReport } from './annual-report.service.js';
import { placeCells, reportTables, reportTitle, type Table } from './annual-report.tables.js';

const BOM = '\uFEFF';

function csvField(value: string | number): string {
  const text = String(value);
  // Quoted when needed; a leading = + - @ would be a formula to a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function grid(table: Table): string[][] {
  const cells = placeCells(table);
  const rows = Array.from({ length: table.rows.length }, () => Array<string>(table.columns).fill(''));
  for (const c of cells) rows[c.row]![c.col] = String(c.value);
  return rows;
}

export function annualReportCsv(report: AnnualReport, timeZone: string): string {
  const lines: string[][] = [[reportTitle(report)], [`生成时间：${formatDateTime(report.generatedAt, timeZone)}`]];
  for (const table of reportTables(report)) {
    lines.push([], [table.heading], ...grid(table));
    if (table.note) lines.push([table.note]);
  }
  return BOM + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; margin: 2em auto; max-width: 1100px; color: #000; }
h1 { text-align: center; font-size: 1.6em; }
h2 { font-size: 1.15em; margin-top: 1.6em; }
p.meta, p.note { font-size: 0.85em; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 0.3em 0.4em; }
th { font-weight: bold; text-align: center; }
td { text-align: left; }
td.n { text-align: center; font-variant-numeric: tabular-nums; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } @page { size: A4 landscape; margin: 15mm; } }
`;

function tableHtml(table: Table): string {
  const rows = table.rows.map((cells) => {
    const tds = cells.map((c) => {
      const tag = c.header ? 'th' : 'td';
      const spans = `${c.colSpan ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}`;
      const cls = typeof c.value === 'number' ? ' class="n"' : '';
      return `<${tag}${spans}${cls}>${escapeHtml(c.value)}</${tag}>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  const note = table.note ? `\n<p class="note">${escapeHtml(table.note)}</p>` : '';
  return `<h2>${escapeHtml(table.heading)}</h2>\n<table>\n${rows.join('\n')}\n</table>${note}`;
}

export function annualReportHtml(report: AnnualReport, timeZone: string): string {
  const title = escapeHtml(reportTitle(report));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">统计期间：${report.year}年1月1日至12月31日　生成时间：${escapeHtml(formatDateTime(report.generatedAt, timeZone))}</p>
${reportTables(report).map(tableHtml).join('\n')}
</body>
</html>
`;
}
