/**
 * The demo's child's own voice: Sanne (11) gets Woorden en Plaatjes and her
 * Drie Huizen, made with the casusregisseur beside her — under 12 a child
 * takes part only through a professional, so she has no own link. She chose
 * that oma Riet may see her houses (besides the professionals); her parents
 * do not. Written once, through the real commands; every person is invented.
 */
import { eq } from 'drizzle-orm';
import { children } from '../../db/schema';
import type { Services } from '../services.server';

const STORY: { part: 'gebeurd' | 'plan'; text: string; picture: string }[] = [
  { part: 'gebeurd', text: 'Je woont met mama Linda, papa Mark en Daan in een huis.', picture: 'bundled:huis' },
  { part: 'gebeurd', text: 'Op een avond hadden papa en mama een harde ruzie. Jij was bang.', picture: 'bundled:wolk' },
  {
    part: 'gebeurd',
    text: 'Jij hebt toen zelf de politie gebeld. Dat was heel dapper. Het is nooit jouw schuld als grote mensen ruzie maken.',
    picture: 'bundled:politie',
  },
  { part: 'gebeurd', text: 'Je ligt ’s nachts vaak wakker. Je luistert of het beneden rustig is.', picture: 'bundled:bed' },
  {
    part: 'plan',
    text: 'Papa en mama hebben iets afgesproken. Als ze boos worden, gaat één van hen naar buiten om rustig te worden.',
    picture: 'bundled:gezin',
  },
  { part: 'plan', text: 'Oma Riet komt vaak langs. Jij mag haar altijd bellen als je bang bent.', picture: 'bundled:telefoon' },
  { part: 'plan', text: 'Karim komt langs om te kijken hoe het gaat. Je mag hem alles vragen.', picture: 'bundled:ster' },
];

const HOUSES: { house: 'zorgen' | 'goed' | 'dromen'; text: string; picture?: string }[] = [
  { house: 'zorgen', text: 'Dat papa en mama weer ruzie maken', picture: 'bundled:wolk' },
  { house: 'zorgen', text: 'Dat Daan bang is' },
  { house: 'goed', text: 'Oma Riet', picture: 'bundled:oma' },
  { house: 'goed', text: 'Voetballen met mijn vriendinnen', picture: 'bundled:spelen' },
  { house: 'dromen', text: 'Dat het thuis altijd rustig is', picture: 'bundled:huis' },
  { house: 'dromen', text: 'Later dierenarts worden', picture: 'bundled:ster' },
];

export function seedDemoChildVoice(services: Services, caseId: string, ids: Record<string, string>): void {
  const sanne = services.db
    .select()
    .from(children)
    .where(eq(children.caseId, caseId))
    .all()
    .find((c) => c.firstName === 'Sanne');
  if (!sanne) return;
  const karim = { caseId, participantId: ids.casusregisseur! };
  const { commands } = services;
  for (const panel of STORY) commands.saveChildStoryPanel(karim, { childId: sanne.id, ...panel });
  for (const entry of HOUSES) commands.addHouseEntry(karim, { childId: sanne.id, ...entry });
  // Something Sanne took out again: it stays in the history, struck through.
  const { entryId } = commands.addHouseEntry(karim, { childId: sanne.id, house: 'zorgen', text: 'Dat ik naar een ander huis moet' });
  commands.withdrawHouseEntry(karim, { entryId });
  commands.setHouseViewers(karim, { childId: sanne.id, [`viewer-${ids.oma}`]: 'on' });
}
