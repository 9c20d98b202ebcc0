/**
 * When an afspraak (or veiligheidsnetwerk task) happens: start date,
 * herhaling (eenmalig / elke dag / wekelijks on chosen days / om de N weken)
 * and evaluatie date. Edited in place through the plan's Yjs document, like
 * every other value of an item (setValue stamps who edited); only the stored
 * string forms of app/domain/recurrence.ts are written, so the server's
 * schema check accepts them.
 */
import type * as Y from 'yjs';
import { CommitSelect } from '../CommitSelect';
import { setValue, type Actor, type ItemJSON } from '../../domain/items';
import { describeWhen, formatIsoDay } from '../../domain/plan';
import { formatRecurrence, isIsoDate, parseRecurrence, WEEKDAY_LABELS, WEEKDAY_SHORT, isoWeekday, type Recurrence } from '../../domain/recurrence';

const KIND_LABELS: Record<Recurrence['kind'], string> = {
  eenmalig: 'Eén keer',
  dagelijks: 'Elke dag',
  wekelijks: 'Elke week, op vaste dagen',
  weken: 'Om de paar weken',
};

const valueOf = (item: ItemJSON, key: string) => (typeof item.values[key] === 'string' ? (item.values[key] as string) : '');

/** The read-only line: "Wanneer: elke woensdag en vrijdag, vanaf 3 maart · evaluatie 1 mei". */
export function WhenLine({ item }: { item: ItemJSON }) {
  const start = valueOf(item, 'start');
  const evaluatie = valueOf(item, 'evaluatie');
  const when = describeWhen({ start: isIsoDate(start) ? start : null, herhaling: valueOf(item, 'herhaling') || null });
  return (
    <p className="small">
      <strong>Wanneer:</strong> {when ?? 'nog geen datum'}
      {isIsoDate(evaluatie) ? ` · evaluatie ${formatIsoDay(evaluatie)}` : ''}
    </p>
  );
}

export function WhenEditor({ doc, item, actor }: { doc: Y.Doc; item: ItemJSON; actor: Actor }) {
  const start = valueOf(item, 'start');
  const herhaling = parseRecurrence(valueOf(item, 'herhaling'));
  const evaluatie = valueOf(item, 'evaluatie');
  const set = (key: 'start' | 'herhaling' | 'evaluatie', value: string) => setValue(doc, item.id, key, value, actor);
  const setRecurrence = (r: Recurrence | null) => set('herhaling', r ? formatRecurrence(r) : '');
  const label = item.fields.wat ?? item.fields.taak ?? '';
  const short = label.length > 30 ? `${label.slice(0, 30)}…` : label;
  const changeKind = (kind: string) => {
    if (kind === '') return setRecurrence(null);
    if (kind === 'wekelijks') return setRecurrence({ kind, days: [isIsoDate(start) ? isoWeekday(start) : 1] });
    if (kind === 'weken') return setRecurrence({ kind, every: 2 });
    setRecurrence({ kind: kind as 'eenmalig' | 'dagelijks' });
  };
  const toggleDay = (day: number, on: boolean) => {
    if (herhaling?.kind !== 'wekelijks') return;
    const days = on ? [...herhaling.days, day] : herhaling.days.filter((d) => d !== day);
    if (days.length > 0) setRecurrence({ kind: 'wekelijks', days: [...new Set(days)].sort((a, b) => a - b) });
  };
  const when = describeWhen({ start: isIsoDate(start) ? start : null, herhaling: herhaling ? formatRecurrence(herhaling) : null });
  return (
    <fieldset className="when">
      <legend>Wanneer gebeurt dit?</legend>
      <div className="row when-row">
        <label className="field small">
          <span>Vanaf (of op) datum</span>
          <input type="date" value={isIsoDate(start) ? start : ''} onChange={(e) => set('start', isIsoDate(e.target.value) ? e.target.value : '')} />
        </label>
        <label className="field small">
          <span>Hoe vaak?</span>
          <CommitSelect value={herhaling?.kind ?? ''} onCommit={changeKind}>
            <option value="">Nog niet gekozen</option>
            {(Object.keys(KIND_LABELS) as Recurrence['kind'][]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </CommitSelect>
        </label>
        {herhaling?.kind === 'weken' ? (
          <label className="field small">
            <span>Om de hoeveel weken?</span>
            <CommitSelect value={String(herhaling.every)} onCommit={(v) => setRecurrence({ kind: 'weken', every: Number(v) })}>
              {[2, 3, 4, 5, 6, 7, 8].map((n) => (
                <option key={n} value={n}>
                  {n} weken
                </option>
              ))}
            </CommitSelect>
          </label>
        ) : null}
        <label className="field small">
          <span>Evaluatie op</span>
          <input
            type="date"
            value={isIsoDate(evaluatie) ? evaluatie : ''}
            onChange={(e) => set('evaluatie', isIsoDate(e.target.value) ? e.target.value : '')}
          />
        </label>
      </div>
      {herhaling?.kind === 'wekelijks' ? (
        <div className="row weekdays" role="group" aria-label={`Op welke dagen: ${short}`}>
          {WEEKDAY_SHORT.map((d, i) => (
            <label key={d} className="weekday">
              <input type="checkbox" checked={herhaling.days.includes(i + 1)} onChange={(e) => toggleDay(i + 1, e.target.checked)} />
              <span aria-hidden="true">{d}</span>
              <span className="visually-hidden">{WEEKDAY_LABELS[i]}</span>
            </label>
          ))}
        </div>
      ) : null}
      <p className="muted small">{when ? `Dus: ${when}.` : 'Kies een datum, dan kan wie dit doet melden hoe het ging.'}</p>
    </fieldset>
  );
}
