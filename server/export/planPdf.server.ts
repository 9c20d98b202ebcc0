/**
 * The printable plan as a PDF, drawn on the server with pdfkit (ADR 034):
 * the family handout's order of the print view (the plan first, who does
 * what, Bij nood, akkoord, version and date; then the kaart and the scale).
 * Invariant: it draws only the `Handout` built by readCaseExport — no query
 * of its own — so the PDF holds exactly what the export decided to show
 * (contact details included). Synchronous: pdfkit buffers its output and we
 * read it at once, so the command can make the PDF inside its transaction.
 * Built-in Helvetica (WinAnsi) covers Dutch accents; characters outside it
 * are replaced rather than drawn as garbage.
 */
import PDFDocument from 'pdfkit';
import { EMERGENCY, NO_OUT_OF_HOURS, VEILIG_THUIS } from '../../app/domain/bijNood';
import { BODEMEISEN_WORDS } from '../../app/domain/bodemeisen';
import { PLAN_WORDS } from '../../app/domain/plan';
import { SCALE_WORDS } from '../../app/domain/scale';
import { formatDateTime } from '../../app/utils/format';
import { formatDay } from '../../app/utils/formatDay';
import type { Handout, HandoutPerson } from './caseExport.server';

/** Characters WinAnsi (the built-in fonts' encoding) has beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Letters without a decomposition to a base letter. */
const LOOSE: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h' };

/** Text the built-in fonts can draw: other characters become a close ASCII form or "?". */
export function pdfSafe(text: string): string {
  return text
    .replace(/→/g, '->')
    .replace(/[\u2010\u2011\u2012]/g, '-')
    .replace(/\u00a0|\u202f/g, ' ')
    .replace(/[^\n\x20-\x7e\u00a1-\u00ff]/gu, (c) => {
      if (WIN_ANSI_EXTRA.has(c)) return c;
      // Turkish, Polish and other letters: the base letter (ş → s, ı → i) beats a question mark.
      const base = (LOOSE[c] ?? c.normalize('NFD').replace(/\p{M}/gu, '')).replace(/[^\x20-\x7e\u00a1-\u00ff]/gu, '');
      return base || '?';
    });
}

function names(who: HandoutPerson[]): string {
  if (who.length === 0) return 'nog niemand';
  return who.map((w) => `${w.name}${w.phone ? ` (tel. ${w.phone})` : ''}`).join(', ');
}

function answerText(a: { agreed: boolean | null; at: number | null; forOlderVersion: boolean }): string {
  if (a.agreed === null) return 'nog geen antwoord';
  const what = a.agreed ? 'akkoord' : 'niet akkoord';
  return `${what}${a.at ? ` (${formatDay(a.at)})` : ''}${a.forOlderVersion ? ', voor een oudere versie' : ''}`;
}

/** Draws the handout; `compress: false` keeps the text streams readable (tests). */
export function renderPlanPdf(h: Handout, options: { compress?: boolean } = {}): Buffer {
  const kids = h.children.length > 1 ? `${h.children.slice(0, -1).join(', ')} en ${h.children.at(-1)}` : (h.children[0] ?? 'de kinderen');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    info: { Title: pdfSafe(`Ons veiligheidsplan voor ${kids}`), Creator: 'Veiligplan' },
  });
  const heading = (text: string, size = 15) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(size).text(pdfSafe(text));
    doc.moveDown(0.3).font('Helvetica').fontSize(11);
  };
  const line = (text: string) => doc.font('Helvetica').fontSize(11).text(pdfSafe(text));
  const labelled = (label: string, text: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(pdfSafe(`${label}: `), { continued: true });
    doc.font('Helvetica').text(pdfSafe(text || '—'));
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(pdfSafe(`Ons veiligheidsplan voor ${kids}`));
  doc.moveDown(0.4);
  line(
    `Stand van ${formatDay(h.madeAt)}. ${h.version ? `Laatste versie: “${h.version.label}” van ${formatDay(h.version.at)}.` : 'Er is nog geen versie bewaard.'}`,
  );
  line(`Waar staan we? ${h.stage.plain} Volgende evaluatie: ${h.nextEvaluation}.`);

  heading(PLAN_WORDS.afspraken.familyTitle);
  if (h.afspraken.length === 0) line('Er zijn nog geen afspraken.');
  for (const a of h.afspraken) {
    labelled('Wat', a.wat);
    labelled('Wie', names(a.wie));
    labelled('Wanneer', a.wanneer || 'nog niet afgesproken');
    labelled('Hoe weten we het', a.hoeWetenWe);
    labelled('Wat als het niet lukt', a.watAlsNiet);
    doc.moveDown(0.6);
  }

  if (h.netwerk.length) {
    heading(PLAN_WORDS.netwerk.familyTitle);
    for (const a of h.netwerk) {
      labelled('Wie', names(a.wie));
      labelled('Taak', a.wat);
      labelled('Wanneer', a.wanneer || 'nog niet afgesproken');
      doc.moveDown(0.6);
    }
  }

  heading('Wie doet wat');
  if (h.doers.length === 0) line('Er staan nog geen namen in het plan.');
  for (const p of h.doers) line(`${p.name} (${p.role.toLowerCase()})${p.phone ? `, tel. ${p.phone}` : ''}: ${p.does.join('; ')}`);

  heading('Bij nood');
  for (const c of h.bijNood.firstCalls) line(`${c.name}${c.tasks.length ? ` (${c.tasks.join('; ')})` : ''}${c.phone ? `: ${c.phone}` : ''}`);
  if (h.bijNood.phonesHidden && h.bijNood.firstCalls.length) line('De telefoonnummers van familie en netwerk staan hier niet, voor de veiligheid.');
  line(h.bijNood.outOfHours ? `Buiten kantoortijd${h.bijNood.organisation ? ` (${h.bijNood.organisation})` : ''}: ${h.bijNood.outOfHours}` : NO_OUT_OF_HOURS);
  line(`${VEILIG_THUIS.name}: ${VEILIG_THUIS.phone}. ${VEILIG_THUIS.note}`);
  line(`${EMERGENCY.name}: ${EMERGENCY.phone}. ${EMERGENCY.note}`);

  heading(PLAN_WORDS.akkoord.familyTitle);
  if (h.akkoord) {
    line(
      `Gevraagd op ${formatDay(h.akkoord.at)} voor de versie “${h.akkoord.label}”.${h.akkoord.planChangedSince ? ' Het plan is daarna nog veranderd.' : ''}`,
    );
    for (const a of h.akkoord.answers) line(`${a.name}: ${answerText(a)}`);
  } else {
    line('Er is nog niet om akkoord gevraagd.');
  }

  heading(BODEMEISEN_WORDS.familyTitle);
  if (h.bodemeisen.length === 0) line('Nog niets opgeschreven.');
  for (const b of h.bodemeisen) line(`• ${b}`);

  doc.addPage();
  heading('Kaart: hoe gaat het nu?', 17);
  for (const column of h.kaart) {
    heading(column.column, 14);
    for (const section of column.sections) {
      doc.font('Helvetica-Bold').fontSize(11).text(pdfSafe(section.title));
      if (section.items.length === 0) line('Nog niets opgeschreven.');
      for (const item of section.items) line(`• ${item}`);
      doc.moveDown(0.4);
    }
  }

  heading(SCALE_WORDS.familyTitle);
  line(h.scale.question);
  for (const s of h.scale.scores) line(`${s.name}: ${s.score}`);

  heading('Over deze casus');
  labelled('Kader', h.kader);
  labelled('Fase', h.stage.label);
  labelled('Casusregisseur', h.casusregisseur ?? '—');
  doc.moveDown(1);
  doc.fillColor('#555555');
  line(`Gemaakt op ${formatDateTime(h.madeAt)}.`);

  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}
