/**
 * Differences between two renderings of a case (snapshot ↔ snapshot, or
 * snapshot ↔ now), in plain Dutch. Computed from the JSON renderings only.
 */
import type { ItemJSON } from './items';
import { kaartSection } from './kaart';
import { AFSPRAAK_FIELDS, isVoortgang, VOORTGANG_LABELS } from './plan';

export interface CaseRendering {
  kaart: { sections: Record<string, ItemJSON[]> };
  plan: { sections: Record<string, ItemJSON[]> };
  bodemeisen: { sections: Record<string, ItemJSON[]> };
  /** Current score per participant: name and score. */
  scores: Record<string, { name: string; score: number }>;
}

export interface DiffLine {
  document: 'Kaart' | 'Veiligheidsplan' | 'Bodemeisen' | 'Schaal';
  kind: 'toegevoegd' | 'verwijderd' | 'gewijzigd' | 'verplaatst' | 'opgelost' | 'ingetrokken' | 'weer actueel' | 'score';
  text: string;
  before?: string;
  after?: string;
}

const SECTION_NAMES: Record<string, string> = { afspraken: 'Afspraken', netwerk: 'Veiligheidsnetwerk', eisen: 'Bodemeisen' };
const sectionName = (id: string) => kaartSection(id)?.title ?? SECTION_NAMES[id] ?? id;
const short = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const mainText = (i: ItemJSON) => i.fields.text ?? i.fields.wat ?? i.fields.tekst ?? i.fields.taak ?? Object.values(i.fields)[0] ?? '';
const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(AFSPRAAK_FIELDS.map((f) => [f.key, f.label])),
  text: 'Tekst',
  tekst: 'Bodemeis',
  reden: 'Waarom',
  taak: 'Taak',
};

function byId(sections: Record<string, ItemJSON[]>): Map<string, ItemJSON> {
  return new Map(
    Object.values(sections)
      .flat()
      .map((i) => [i.id, i]),
  );
}

function diffDocument(document: DiffLine['document'], before: Record<string, ItemJSON[]>, after: Record<string, ItemJSON[]>): DiffLine[] {
  const a = byId(before);
  const b = byId(after);
  const out: DiffLine[] = [];
  for (const [id, item] of b) {
    const old = a.get(id);
    const label = `“${short(mainText(item))}”`;
    if (!old) {
      out.push({ document, kind: 'toegevoegd', text: `${label} toegevoegd in ${sectionName(item.section)} (door ${item.createdBy.name})` });
      continue;
    }
    for (const key of new Set([...Object.keys(old.fields), ...Object.keys(item.fields)])) {
      if ((old.fields[key] ?? '') !== (item.fields[key] ?? '')) {
        out.push({ document, kind: 'gewijzigd', text: `${FIELD_LABELS[key] ?? key} aangepast`, before: old.fields[key] ?? '', after: item.fields[key] ?? '' });
      }
    }
    if (old.section !== item.section) {
      out.push({ document, kind: 'verplaatst', text: `${label} verplaatst van ${sectionName(old.section)} naar ${sectionName(item.section)}` });
    }
    if (old.status !== item.status) {
      const reason = item.statusReason ? ` — reden: ${item.statusReason}` : '';
      const kind = item.status === 'actueel' ? 'weer actueel' : item.status;
      out.push({
        document,
        kind,
        text: `${label} ${kind === 'weer actueel' ? 'is weer actueel' : `is ${kind}`}${item.statusBy ? ` (door ${item.statusBy.name})` : ''}${reason}`,
      });
    }
    const oldWie = JSON.stringify(old.values.wie ?? []);
    const newWie = JSON.stringify(item.values.wie ?? []);
    if (oldWie !== newWie) out.push({ document, kind: 'gewijzigd', text: `${label}: wie het doet is aangepast` });
    if (old.values.voortgang !== item.values.voortgang && isVoortgang(item.values.voortgang)) {
      const was = isVoortgang(old.values.voortgang) ? VOORTGANG_LABELS[old.values.voortgang] : '—';
      out.push({ document, kind: 'gewijzigd', text: `${label}: stand van ${was} naar ${VOORTGANG_LABELS[item.values.voortgang]}` });
    }
  }
  for (const [id, item] of a) {
    if (!b.has(id)) out.push({ document, kind: 'verwijderd', text: `“${short(mainText(item))}” staat er niet meer in (${sectionName(item.section)})` });
  }
  return out;
}

export function diffCase(before: CaseRendering, after: CaseRendering): DiffLine[] {
  const lines = [
    ...diffDocument('Kaart', before.kaart.sections, after.kaart.sections),
    ...diffDocument('Veiligheidsplan', before.plan.sections, after.plan.sections),
    ...diffDocument('Bodemeisen', before.bodemeisen.sections, after.bodemeisen.sections),
  ];
  for (const [id, now] of Object.entries(after.scores)) {
    const was = before.scores[id];
    if (!was) lines.push({ document: 'Schaal', kind: 'score', text: `${now.name} gaf voor het eerst een score: ${now.score}` });
    else if (was.score !== now.score) lines.push({ document: 'Schaal', kind: 'score', text: `${now.name}: score van ${was.score} naar ${now.score}` });
  }
  return lines;
}
