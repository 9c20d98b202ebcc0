/**
 * Filled-in kaart, veiligheidsplan, bodemeisen and scale scores for the
 * fictional demo case, so a new user sees what a good plan looks like. Written
 * through the sync engine on behalf of each (fictional) person, so it is in
 * the attributed update log like any other change.
 */
import { ROLE_LABELS, type Role } from '../../app/domain/caseFacts';
import { addItem, type Actor } from '../../app/domain/items';
import type { DocumentName } from '../../app/domain/permissions';
import type { Services } from '../services.server';
import { addDaysIso } from '../../app/domain/recurrence';
import { todayIso } from '../cases/regie.server';

interface Person {
  participantId: string;
  name: string;
  role: Role;
}

export function seedDemoContent(services: Services, caseId: string, participantIds: Record<string, string>): void {
  const people = services.cases.participants(caseId);
  const person = (key: string): Person => {
    const p = people.find((x) => x.id === participantIds[key]);
    if (!p) throw new Error(`demo participant ${key} missing`);
    return { participantId: p.id, name: p.name, role: p.role };
  };
  const actor = (p: Person): Actor => ({ participantId: p.participantId, name: p.name, role: ROLE_LABELS[p.role] });
  const write = (document: DocumentName, by: Person, items: { section: string; fields: Record<string, string>; values?: Record<string, unknown> }[]) =>
    services.sync.room(caseId, document).applyServerChange({ participantId: by.participantId, connectionId: null }, (doc) => {
      for (const item of items) addItem(doc, actor(by), item);
    });

  const sophie = person('jeugdbeschermer');
  const karim = person('casusregisseur');
  const linda = person('moeder');
  const mark = person('vader');
  const riet = person('oma');
  const ayse = person('buurvrouw');

  write('kaart', sophie, [
    {
      section: 'gebeurd',
      fields: {
        text: 'Op 2 oktober was er ’s avonds een harde ruzie tussen Linda en Mark. Sanne (11) belde zelf de politie. Daan (7) zat boven op de trap en hoorde alles.',
      },
    },
    {
      section: 'gebeurd',
      fields: { text: 'School vertelt dat Sanne de laatste weken vaak moe is. Ze zegt dat ze ’s nachts wakker ligt en luistert of het beneden rustig is.' },
    },
    {
      section: 'bang',
      fields: {
        text: 'Als er niets verandert, zijn we bang dat Sanne en Daan opnieuw een ruzie met geweld meemaken, en dat ze daar bang en onrustig van blijven.',
      },
    },
    {
      section: 'doelen-hulpverlening',
      fields: {
        text: 'Sanne en Daan zijn thuis veilig: er is geen geweld meer, ook niet als er stress is. We zien dat aan de gesprekken met de kinderen, school en het netwerk, een half jaar lang.',
      },
    },
  ]);
  write('kaart', karim, [
    { section: 'complicerend', fields: { text: 'Mark heeft sinds de zomer geen werk. Als hij stress heeft, drinkt hij meer.' } },
    { section: 'complicerend', fields: { text: 'De familie van Mark woont ver weg en kan weinig bijspringen.' } },
    { section: 'direct', fields: { text: 'Als een ruzie dreigt op te lopen, slaapt Mark die nacht bij zijn broer.' } },
    { section: 'stappen', fields: { text: 'Netwerkberaad met oma Riet en Ayşe om het veiligheidsplan samen af te maken.' } },
  ]);
  write('kaart', linda, [
    { section: 'krachten', fields: { text: 'Linda en Mark willen allebei dat de kinderen zich thuis veilig voelen. Ze praten er nu samen over.' } },
  ]);
  write('kaart', mark, [{ section: 'doelen-gezin', fields: { text: 'Weer rust in huis, en samen leuke dingen doen met Sanne en Daan.' } }]);
  write('kaart', riet, [{ section: 'krachten', fields: { text: 'Ik woon tien minuten lopen verderop en zie de kinderen elke week.' } }]);
  write('kaart', ayse, [
    { section: 'veiligheid', fields: { text: 'Als het thuis onrustig is, mogen Sanne en Daan altijd bij mij aanbellen, ook ’s avonds.' } },
  ]);

  // Dates relative to the day the demo is made, so there is always something to report on.
  const today = todayIso();
  write('plan', karim, [
    {
      section: 'afspraken',
      fields: {
        wat: 'Als Linda of Mark merkt dat een ruzie oploopt, gaat Mark een uur wandelen of naar zijn broer.',
        wanneer: 'Elke keer dat het nodig is',
        hoeWetenWe: 'Linda stuurt oma Riet een bericht als het is gebeurd.',
        watAlsNiet: 'Sanne mag oma Riet of Ayşe bellen; zij komen direct.',
      },
      values: { wie: [mark.participantId, linda.participantId], voortgang: 'loopt' },
    },
    {
      section: 'afspraken',
      fields: {
        wat: 'Oma Riet haalt Daan op woensdag en vrijdag uit school en praat even met hem.',
        wanneer: 'Woensdag en vrijdag, 14:30',
        hoeWetenWe: 'Oma Riet zet het in de groepsapp van het netwerk.',
        watAlsNiet: 'Ayşe haalt Daan op en belt Linda.',
      },
      values: { wie: [riet.participantId], voortgang: 'loopt', start: addDaysIso(today, -21), herhaling: 'wekelijks:3,5', evaluatie: addDaysIso(today, 42) },
    },
    {
      section: 'netwerk',
      fields: { taak: 'Vangt de kinderen op als het thuis onrustig is en heeft elke week contact met Sanne en Daan.' },
      values: { persoon: riet.participantId, start: addDaysIso(today, -14), herhaling: 'wekelijks:7' },
    },
    { section: 'netwerk', fields: { taak: 'Veilige plek voor de kinderen in de straat, ook ’s avonds bereikbaar.' }, values: { persoon: ayse.participantId } },
  ]);

  write('bodemeisen', sophie, [
    {
      section: 'eisen',
      fields: {
        tekst: 'Er is geen geweld in huis, ook niet in het bijzijn van de kinderen.',
        reden: 'Sanne en Daan hebben al meegemaakt dat een ruzie uit de hand liep. Dat mag niet opnieuw gebeuren.',
      },
    },
    {
      section: 'eisen',
      fields: {
        tekst: 'Als de kinderen thuis zijn, is er altijd een volwassene die niet gedronken heeft.',
        reden: 'Met alcohol lopen ruzies sneller uit de hand.',
      },
    },
  ]);

  const score = (participantId: string, value: number, explanation: string) =>
    services.commands.saveScaleScore({ participantId, caseId }, { score: String(value), explanation });
  score(sophie.participantId, 3, 'Er zijn goede stappen gezet, maar het plan is nog niet getest.');
  score(linda.participantId, 6, 'Het is rustiger sinds oma vaker langskomt.');
  score(riet.participantId, 5, '');
}
