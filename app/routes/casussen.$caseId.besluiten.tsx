/**
 * Besluiten (issue 14 point 8): the decisions that matter, each with its
 * grounds (linked to kaart items, shown by their current text), the
 * alternatives considered, the gedragswetenschapper's advice when asked,
 * and a second professional's agreement (vier ogen) before it counts.
 * Professionals only: family and netwerk get the same 404 as for the
 * Logboek, and read agreed besluiten in plain words on their home view.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Check, Gavel, Lock } from 'lucide-react';
import { BESLUIT_KIND_LABELS, BESLUIT_KINDS } from '../domain/caseEvents';
import { ROLE_LABELS } from '../domain/caseFacts';
import { KAART_SECTIONS, renderKaart } from '../domain/kaart';
import { mayAgreeBesluit, mayProposeBesluit, mayReadBesluiten } from '../domain/permissions';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { formatDateTime } from '../utils/format';
import { notFound, type ActionAnswer } from '../utils/responses';

/** Checkbox names of the kaart items chosen as grounds: one field per item (a form keeps one value per name). */
const GROUND_PREFIX = 'grond:';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  if (!mayReadBesluiten(participant.role)) throw notFound();
  const caseId = participant.caseId;
  const overview = context.services.cases.overview(caseId);
  if (!overview) throw notFound();
  const kaart = renderKaart(context.services.sync.room(caseId, 'kaart').doc);
  const items = KAART_SECTIONS.flatMap((s) =>
    (kaart.sections[s.id] ?? []).map((i) => ({ id: i.id, section: s.title, text: i.fields.text ?? '', withdrawn: i.status === 'ingetrokken' })),
  );
  const byId = new Map(items.map((i) => [i.id, i]));
  const open = overview.closedAt === null;
  const canPropose = open && mayProposeBesluit(participant.role);
  return json({
    me: participant.id,
    closed: !open,
    canPropose,
    canAgree: open && mayAgreeBesluit(participant.role),
    besluiten: context.services.besluiten.list(caseId).map(({ groundItemIds, ...b }) => ({
      ...b,
      groundItems: groundItemIds.map((id) => byId.get(id) ?? { id, section: '', text: 'Dit item staat niet meer op de kaart.', withdrawn: true }),
    })),
    // What a proposer picks from: current kaart items, and the professionals who can give advice.
    kaartItems: canPropose ? items.filter((i) => !i.withdrawn) : [],
    advisers: canPropose
      ? overview.participants.filter((p) => p.isProfessionalAccount).map((p) => ({ id: p.id, name: p.name, role: ROLE_LABELS[p.role] }))
      : [],
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent(form, {
    'propose-besluit': () => {
      const groundItemIds = Object.keys(form)
        .filter((k) => k.startsWith(GROUND_PREFIX))
        .map((k) => k.slice(GROUND_PREFIX.length));
      commands.proposeBesluit(by, { ...form, groundItemIds });
      return json({ saved: 'Het besluit is voorgesteld. Het telt pas als een tweede professional het bevestigt (vier ogen).' });
    },
    'agree-besluit': () => {
      commands.agreeBesluit(by, form);
      return json({ saved: 'Je hebt het besluit bevestigd. Het besluit is nu genomen; het gezin leest het in gewone woorden.' });
    },
    'withdraw-besluit': () => {
      commands.withdrawBesluit(by, form);
      return json({ saved: 'Het besluit is ingetrokken.' });
    },
  });
}

type ActionData = ActionAnswer;

const STATUS_TEXT = {
  voorgesteld: 'Voorgesteld — wacht op een tweede professional',
  genomen: 'Genomen',
  ingetrokken: 'Ingetrokken',
} as const;

export default function Besluiten() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <section aria-labelledby="tab-titel" className="stack">
      <h2 id="tab-titel">Besluiten</h2>
      <p className="muted">
        Belangrijke besluiten, met de gronden, de overwogen alternatieven en het advies. Een besluit telt pas als een tweede professional het bevestigt (vier
        ogen). Het gezin leest genomen besluiten in gewone woorden.
      </p>
      {d.closed ? (
        <p className="readonly-note">
          <Lock aria-hidden="true" size={18} /> De casus is afgesloten. Je kunt de besluiten lezen, maar niets meer vastleggen.
        </p>
      ) : null}
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}

      {d.besluiten.length === 0 ? (
        <p className="muted empty">Er zijn nog geen besluiten vastgelegd.</p>
      ) : (
        <ul className="besluiten">
          {d.besluiten.map((b) => (
            <li key={b.id} className="card stack" data-besluit={b.title} aria-labelledby={`besluit-${b.id}`}>
              <h3 id={`besluit-${b.id}`}>
                <Gavel aria-hidden="true" size={18} /> {b.title}
              </h3>
              <p className="muted">
                {BESLUIT_KIND_LABELS[b.kind].label} · <strong>{STATUS_TEXT[b.status]}</strong>
              </p>
              <dl className="besluit-facts">
                <div>
                  <dt>Gronden</dt>
                  <dd>
                    <p>{b.grounds}</p>
                    {b.groundItems.length ? (
                      <ul>
                        {b.groundItems.map((i) => (
                          <li key={i.id}>
                            {i.section ? <span className="muted">{i.section}: </span> : null}
                            {i.withdrawn ? <s>{i.text}</s> : i.text}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </dd>
                </div>
                <div>
                  <dt>Overwogen alternatieven</dt>
                  <dd>{b.alternatives}</dd>
                </div>
                <div>
                  <dt>Advies gedragswetenschapper</dt>
                  <dd>{b.advice ? `${b.advice} (${b.adviceBy ?? 'onbekend'})` : 'Niet gevraagd.'}</dd>
                </div>
                <div>
                  <dt>Uitleg voor het gezin</dt>
                  <dd>{b.familySummary}</dd>
                </div>
                <div>
                  <dt>Voorgesteld</dt>
                  <dd>
                    {b.proposedBy}, {formatDateTime(b.proposedAt)}
                  </dd>
                </div>
                {b.agreedAt !== null ? (
                  <div>
                    <dt>Bevestigd (vier ogen)</dt>
                    <dd>
                      {b.agreedBy}, {formatDateTime(b.agreedAt)}
                    </dd>
                  </div>
                ) : null}
                {b.withdrawnAt !== null ? (
                  <div>
                    <dt>Ingetrokken</dt>
                    <dd>
                      {formatDateTime(b.withdrawnAt)}
                      {b.withdrawReason ? ` — ${b.withdrawReason}` : ''}
                    </dd>
                  </div>
                ) : null}
              </dl>
              {b.status === 'voorgesteld' && d.canAgree && b.proposedById !== d.me ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="agree-besluit" />
                  <input type="hidden" name="besluitId" value={b.id} />
                  <button type="submit" className="button button-primary" disabled={busy}>
                    <Check aria-hidden="true" size={18} /> Ik ben het eens (vier ogen)
                  </button>
                </Form>
              ) : null}
              {b.status === 'voorgesteld' && d.canAgree && b.proposedById === d.me ? (
                <p className="muted small">Een tweede professional moet dit besluit bevestigen.</p>
              ) : null}
              {b.status === 'voorgesteld' && d.canPropose ? (
                <details>
                  <summary>Besluit intrekken</summary>
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="withdraw-besluit" />
                    <input type="hidden" name="besluitId" value={b.id} />
                    <label className="field">
                      <span>Waarom trek je het besluit in?</span>
                      <textarea name="reason" required minLength={3} maxLength={1000} rows={2} />
                    </label>
                    <button type="submit" className="button button-quiet" disabled={busy}>
                      Intrekken
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {d.canPropose ? (
        <Form method="post" className="card stack" aria-labelledby="nieuw-besluit">
          <h3 id="nieuw-besluit">Besluit voorstellen</h3>
          <input type="hidden" name="intent" value="propose-besluit" />
          <label className="field">
            <span>Soort besluit</span>
            <select name="kind" required defaultValue="">
              <option value="" disabled>
                Kies…
              </option>
              {BESLUIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {BESLUIT_KIND_LABELS[k].label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Korte naam van het besluit (het gezin leest die ook)</span>
            <input name="title" required minLength={3} maxLength={160} />
          </label>
          <label className="field">
            <span>Gronden: waarom is dit besluit nodig?</span>
            <textarea name="grounds" required minLength={10} maxLength={4000} rows={4} />
          </label>
          <fieldset className="stack">
            <legend>Op welke punten van de kaart rust het besluit?</legend>
            {d.kaartItems.length === 0 ? (
              <p className="muted">Er staat nog niets op de kaart.</p>
            ) : (
              d.kaartItems.map((i) => (
                <label key={i.id} className="row">
                  <input type="checkbox" name={`${GROUND_PREFIX}${i.id}`} />
                  <span>
                    <span className="muted">{i.section}:</span> {i.text || '(leeg)'}
                  </span>
                </label>
              ))
            )}
          </fieldset>
          <label className="field">
            <span>Welke alternatieven zijn overwogen, en waarom niet gekozen?</span>
            <textarea name="alternatives" required minLength={5} maxLength={4000} rows={3} />
          </label>
          <label className="field">
            <span>Advies van de gedragswetenschapper (als het is gevraagd)</span>
            <textarea name="advice" maxLength={4000} rows={3} />
          </label>
          <label className="field">
            <span>Wie gaf het advies?</span>
            <select name="adviceById" defaultValue="">
              <option value="">Geen advies gevraagd</option>
              {d.advisers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.role})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Uitleg voor het gezin: waarom dit besluit? (in gewone woorden)</span>
            <textarea name="familySummary" required minLength={10} maxLength={2000} rows={3} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            Besluit voorstellen
          </button>
        </Form>
      ) : null}
    </section>
  );
}
