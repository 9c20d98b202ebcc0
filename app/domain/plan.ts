/** The veiligheidsplan: afspraken (SPEC §2.2) and the safety network. */
import type * as Y from 'yjs';
import { renderSections } from './items';

/** Keys of the plan's `meta` map that only the server writes: a changed value makes open pages reload akkoord. */
export const PLAN_META_KEYS = { acceptanceChangedAt: 'acceptanceChangedAt' } as const;

/** When akkoord was last asked or answered (server-written), or undefined. */
export const acceptanceStamp = (doc: Y.Doc) => doc.getMap('meta').get(PLAN_META_KEYS.acceptanceChangedAt) as number | undefined;

export const PLAN_SECTIONS = ['afspraken', 'netwerk'] as const;

/** Text fields of an afspraak, with their Dutch labels. */
export const AFSPRAAK_FIELDS = [
  { key: 'wat', label: 'Wat gaat er precies gebeuren?' },
  { key: 'wanneer', label: 'Wanneer of hoe vaak?' },
  { key: 'hoeWetenWe', label: 'Hoe weet iedereen dat het gebeurd is?' },
  { key: 'watAlsNiet', label: 'Wat doen we als het niet lukt?' },
] as const;

export const AFSPRAAK_VOORTGANG = ['loopt', 'nagekomen', 'niet-nagekomen', 'gestopt'] as const;
export type AfspraakVoortgang = (typeof AFSPRAAK_VOORTGANG)[number];

export const VOORTGANG_LABELS: Record<AfspraakVoortgang, string> = {
  loopt: 'Loopt',
  nagekomen: 'Nagekomen',
  'niet-nagekomen': 'Niet nagekomen',
  gestopt: 'Gestopt',
};

export function isVoortgang(value: unknown): value is AfspraakVoortgang {
  return typeof value === 'string' && (AFSPRAAK_VOORTGANG as readonly string[]).includes(value);
}

export interface AfspraakJSON {
  id: string;
  wat: string;
  wanneer: string;
  hoeWetenWe: string;
  watAlsNiet: string;
  wie: string[];
  voortgang: AfspraakVoortgang;
}

export function renderPlan(doc: Y.Doc) {
  return renderSections(doc, PLAN_SECTIONS);
}

/**
 * Participants the plan names (afspraken "wie", netwerk "persoon"), including
 * withdrawn items: whoever may read the plan may see these names, even a role
 * that may not see the list of participants.
 */
export function participantsNamedInPlan(doc: Y.Doc): Set<string> {
  const named = new Set<string>();
  for (const items of Object.values(renderPlan(doc).sections)) {
    for (const item of items ?? []) {
      const { wie, persoon } = item.values;
      if (Array.isArray(wie)) for (const id of wie) if (typeof id === 'string') named.add(id);
      if (typeof persoon === 'string' && persoon) named.add(persoon);
    }
  }
  return named;
}

/** The afspraken as flat records (for the relational projection and dashboards). */
export function afspraken(doc: Y.Doc): AfspraakJSON[] {
  return renderPlan(doc)
    .sections.afspraken!.filter((i) => i.status !== 'ingetrokken')
    .map((i) => ({
      id: i.id,
      wat: i.fields.wat ?? '',
      wanneer: i.fields.wanneer ?? '',
      hoeWetenWe: i.fields.hoeWetenWe ?? '',
      watAlsNiet: i.fields.watAlsNiet ?? '',
      wie: Array.isArray(i.values.wie) ? (i.values.wie as unknown[]).filter((v): v is string => typeof v === 'string') : [],
      voortgang: isVoortgang(i.values.voortgang) ? i.values.voortgang : 'loopt',
    }));
}
