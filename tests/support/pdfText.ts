/**
 * A deliberately simple text extraction for the PDFs pdfkit makes (tests
 * only): inflate every FlateDecode stream, then read the strings of the
 * text operators (`[<hex> kern <hex>] TJ`, `<hex> Tj`, `(lit) Tj`), decoded
 * as WinAnsi. Lines are joined with spaces and whitespace collapsed, so a
 * sentence pdfkit wrapped over two lines is found as one.
 */
import { inflateSync } from 'node:zlib';

const WIN_ANSI: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI[code] ?? String.fromCharCode(code);
  }
  return out;
}

/** The content streams of a PDF, inflated where they are compressed. */
function contentStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        out.push(inflateSync(raw).toString('latin1'));
      } catch {
        // Not a content stream we can read (fonts, images): skip it.
      }
    } else {
      out.push(raw.toString('latin1'));
    }
    re.lastIndex = end;
  }
  return out;
}

export function pdfText(pdf: Buffer | Uint8Array): string {
  const pieces: string[] = [];
  for (const stream of contentStreams(Buffer.from(pdf))) {
    const ops = /\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:[^)\\]|\\.)*)\)\s*Tj/g;
    for (let m = ops.exec(stream); m; m = ops.exec(stream)) {
      if (m[1] !== undefined) {
        pieces.push([...m[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:[^)\\]|\\.)*)\)/g)].map((p) => (p[1] !== undefined ? decodeHex(p[1]) : (p[2] ?? ''))).join(''));
      } else if (m[2] !== undefined) pieces.push(decodeHex(m[2]));
      else pieces.push(m[3] ?? '');
    }
  }
  return pieces.join(' ').replace(/\s+/g, ' ');
}
