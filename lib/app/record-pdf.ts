import { jsPDF } from 'jspdf';

const MARGIN = 56;
const LINE = 14;

/**
 * The export's lines as a PDF (A4, Helvetica 10 pt), wrapped to the page and continued on the next.
 * Loaded only when someone saves one: the library is larger than the rest of the conversation screen.
 * The standard font covers the Latin-1 letters of Dutch names and texts; the copied text covers all.
 */
export function recordExportPdf(text: string, title: string): Blob {
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true });
  doc.setProperties({ title, creator: 'Netwerkzorg' });
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(10);
  const width = doc.internal.pageSize.getWidth() - 2 * MARGIN;
  const bottom = doc.internal.pageSize.getHeight() - MARGIN;
  let y = MARGIN;
  for (const paragraph of text.split('\n')) {
    const lines: string[] = paragraph ? doc.splitTextToSize(paragraph, width) : [''];
    for (const line of lines) {
      if (y > bottom) {
        doc.addPage();
        y = MARGIN;
      }
      doc.text(line, MARGIN, y);
      y += LINE;
    }
  }
  return doc.output('blob');
}
