/**
 * One child's own page (SPEC §2.6): Woorden en Plaatjes (panels of a picture
 * and plain words, big type; professionals who write the plan edit them) and
 * the Drie Huizen (three houses side by side on a laptop, stacked on a
 * phone; entries only ever taken out, the history struck through). The houses
 * and who sees them are sent only to who may see them — the loader asks
 * `houseAccess`, the commands decide every change.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CircleAlert, Eye, Home, ImagePlus, Link2, Plus, Trash2 } from 'lucide-react';
import { BundledDrawing, Picture } from '../components/childVoice/Pictures';
import { isProfessionalRole, ROLE_LABELS } from '../domain/caseFacts';
import {
  BUNDLED_PICTURES,
  CHILD_STORY_PART_LABELS,
  CHILD_STORY_PARTS,
  childAge,
  HOUSE_LABELS,
  HOUSES,
  mayWriteChildStory,
  type House,
} from '../domain/childVoice';
import { caseAccess } from '../domain/permissions';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { todayIso } from '../utils/caseFacts.server';
import { childInCase, houseAccess, houseEntriesOf, ownPictures, storyOf } from '../utils/childVoice.server';
import { handleIntent } from '../utils/commandAction.server';
import { formatDateTime } from '../utils/format';
import { notFound, type ActionAnswer } from '../utils/responses';
import childVoiceStyles from '../styles/childVoice.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: childVoiceStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.child.firstName} · Veiligplan` : 'Veiligplan' }];

/** What each house is for, in words a child understands. */
const HOUSE_HINTS: Record<House, string> = {
  zorgen: 'Waar maak je je zorgen over? Wat vind je moeilijk of eng?',
  goed: 'Wat gaat er goed? Waar ben je blij mee?',
  dromen: 'Hoe zou het zijn als alles goed gaat? Wat wens je?',
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const { db, cases } = context.services;
  const caseId = participant.caseId;
  const row = childInCase(db, caseId, params.childId ?? '');
  if (!row) throw notFound();
  const open = !cases.isClosed(caseId);
  const access = houseAccess(db, row, participant);
  const storyWriter = open && mayWriteChildStory(participant.role);
  const houseWriter = open && access.write;
  const people = cases.participants(caseId).filter((p) => p.id !== row.participantId);
  const story = storyOf(db, row.id);
  return json({
    caseId,
    open,
    child: { id: row.id, firstName: row.firstName, age: childAge(row.birthYear, todayIso()) },
    me: access.isTheChild,
    rules: access.rules,
    story: Object.fromEntries(CHILD_STORY_PARTS.map((part) => [part, story.filter((p) => p.part === part)])),
    storyWriter,
    ownPictures: storyWriter || houseWriter ? ownPictures(db, caseId, participant.id).map((id) => `upload:${id}`) : [],
    houses: access.see ? { entries: houseEntriesOf(db, row.id), write: houseWriter } : null,
    viewers: access.see
      ? {
          choose: open && access.choose,
          decides: access.child.age >= access.rules.decidesAge,
          actsThemself: access.actsThemself,
          professionals: access.child.housesForProfessionals || access.child.age < access.rules.decidesAge,
          people: people.map((p) => ({
            id: p.id,
            name: p.name,
            role: ROLE_LABELS[p.role],
            worksInCase: p.isProfessionalAccount && p.role !== 'meelezer',
            chosen: access.child.viewers.includes(p.id),
          })),
        }
      : null,
    link:
      open && caseAccess(participant.role, 'participants') === 'manage'
        ? {
            current: row.participantId,
            options: people.filter((p) => p.role === 'jeugdige').map((p) => ({ id: p.id, name: p.name })),
            currentName: cases.participants(caseId).find((p) => p.id === row.participantId)?.name ?? null,
          }
        : null,
    professional: isProfessionalRole(participant.role),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  const input = { ...form, childId: params.childId ?? '' };
  return handleIntent<Response>(form, {
    'save-panel': () => {
      commands.saveChildStoryPanel(by, input);
      return json({ saved: 'Het vak is bewaard.' });
    },
    'remove-panel': () => {
      commands.removeChildStoryPanel(by, input);
      return json({ saved: 'Het vak is weggehaald.' });
    },
    'upload-picture': async () => {
      await commands.uploadPicture(by, input);
      return json({ saved: 'Het plaatje is toegevoegd. Je kunt het nu kiezen.' });
    },
    'add-entry': () => {
      commands.addHouseEntry(by, input);
      return json({ saved: 'Het staat in het huis.' });
    },
    'withdraw-entry': () => {
      commands.withdrawHouseEntry(by, input);
      return json({ saved: 'Het is uit het huis gehaald.' });
    },
    'set-viewers': () => {
      commands.setHouseViewers(by, input);
      return json({ saved: 'Bewaard: zo weten we wie de huizen mag zien.' });
    },
    'link-child': () => {
      commands.linkChildParticipant(by, input);
      return json({ saved: 'De koppeling is bewaard.' });
    },
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Choose a picture: none, one of the bundled drawings, or one's own upload. */
function PicturePicker({ caseId, current, own, idPrefix }: { caseId: string; current: string | null; own: string[]; idPrefix: string }) {
  const options = [...BUNDLED_PICTURES.map((n) => `bundled:${n}`), ...own];
  return (
    <fieldset className="picture-picker">
      <legend>Plaatje</legend>
      <label className="picture-choice">
        <input type="radio" name="picture" value="" defaultChecked={!current} /> <span>Geen</span>
      </label>
      {options.map((value) => (
        <label key={value} className="picture-choice" htmlFor={`${idPrefix}-${value}`}>
          <input id={`${idPrefix}-${value}`} type="radio" name="picture" value={value} defaultChecked={current === value} />
          <Picture value={value} caseId={caseId} className="picture picture-choice-img" />
        </label>
      ))}
    </fieldset>
  );
}

function UploadForm({ purpose }: { purpose: 'verhaal' | 'huizen' }) {
  return (
    <Form method="post" encType="multipart/form-data" className="row upload-form">
      <input type="hidden" name="intent" value="upload-picture" />
      <input type="hidden" name="for" value={purpose} />
      <label className="field">
        Eigen foto of tekening (PNG, JPEG of WebP, hoogstens 2 MB)
        <input type="file" name="file" accept="image/png,image/jpeg,image/webp" required />
      </label>
      <button type="submit" className="button button-quiet button-small">
        <ImagePlus aria-hidden="true" size={16} /> Plaatje toevoegen
      </button>
    </Form>
  );
}

function StoryPart({ d, part }: { d: Data; part: (typeof CHILD_STORY_PARTS)[number] }) {
  const panels = d.story[part] ?? [];
  return (
    <section className="story-part" aria-labelledby={`deel-${part}`}>
      <h3 id={`deel-${part}`}>{CHILD_STORY_PART_LABELS[part]}</h3>
      {panels.length === 0 ? <p className="muted">Hier staat nog niets.</p> : null}
      <ol className="story-panels">
        {panels.map((p) => (
          <li key={p.panel} className="story-panel">
            <Picture value={p.picture} caseId={d.caseId} className="picture picture-large" />
            <p className="story-text">{p.text}</p>
            {d.storyWriter ? (
              <details className="no-print">
                <summary>Dit vak aanpassen</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="save-panel" />
                  <input type="hidden" name="part" value={part} />
                  <input type="hidden" name="panel" value={p.panel} />
                  <label className="field">
                    Tekst
                    <textarea name="text" defaultValue={p.text} required maxLength={1000} rows={3} />
                  </label>
                  <PicturePicker caseId={d.caseId} current={p.picture} own={d.ownPictures} idPrefix={`p-${part}-${p.panel}`} />
                  <button type="submit" className="button button-primary button-small">
                    Bewaren
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-panel" />
                  <input type="hidden" name="part" value={part} />
                  <input type="hidden" name="panel" value={p.panel} />
                  <button type="submit" className="button button-quiet button-small">
                    <Trash2 aria-hidden="true" size={16} /> Vak weghalen
                  </button>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {d.storyWriter ? (
        <details className="no-print">
          <summary>
            <Plus aria-hidden="true" size={16} /> Nieuw vak bij “{CHILD_STORY_PART_LABELS[part]}”
          </summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="save-panel" />
            <input type="hidden" name="part" value={part} />
            <label className="field">
              Tekst (korte zinnen, woorden die het kind kent)
              <textarea name="text" required maxLength={1000} rows={3} />
            </label>
            <PicturePicker caseId={d.caseId} current={null} own={d.ownPictures} idPrefix={`n-${part}`} />
            <button type="submit" className="button button-primary button-small">
              Vak toevoegen
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function Houses({ d }: { d: Data }) {
  const houses = d.houses!;
  const who = d.me ? 'jouw' : `de`;
  return (
    <section className="card stack" aria-labelledby="drie-huizen">
      <h2 id="drie-huizen">
        <Home aria-hidden="true" size={22} /> {d.me ? 'Mijn drie huizen' : `De drie huizen van ${d.child.firstName}`}
      </h2>
      <div className="houses">
        {HOUSES.map((house) => {
          const current = houses.entries.filter((e) => e.house === house && e.withdrawnAt === null);
          const gone = houses.entries.filter((e) => e.house === house && e.withdrawnAt !== null);
          return (
            <section key={house} className={`house house-${house}`} aria-labelledby={`huis-${house}`}>
              <h3 id={`huis-${house}`}>{HOUSE_LABELS[house]}</h3>
              <p className="muted small">{HOUSE_HINTS[house]}</p>
              {current.length === 0 ? <p className="muted">Nog leeg.</p> : null}
              <ul className="house-entries">
                {current.map((e) => (
                  <li key={e.id} className="house-entry">
                    <Picture value={e.picture} caseId={d.caseId} className="picture picture-small" />
                    <span className="house-text">{e.text}</span>
                    {houses.write ? (
                      <Form method="post" className="no-print">
                        <input type="hidden" name="intent" value="withdraw-entry" />
                        <input type="hidden" name="entryId" value={e.id} />
                        <button type="submit" className="button button-quiet button-small" aria-label={`Haal “${e.text}” uit het huis`}>
                          <Trash2 aria-hidden="true" size={16} /> Eruit
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
              {gone.length ? (
                <details className="house-history">
                  <summary>Eruit gehaald ({gone.length})</summary>
                  <ul className="house-entries">
                    {gone.map((e) => (
                      <li key={e.id} className="house-entry house-entry-gone">
                        <del>{e.text}</del>
                        <span className="muted small">
                          {' '}
                          eruit gehaald {e.withdrawnAt ? formatDateTime(e.withdrawnAt) : ''}
                          {e.withdrawnBy ? ` door ${e.withdrawnBy}` : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {houses.write ? (
                <details className="no-print">
                  <summary>
                    <Plus aria-hidden="true" size={16} /> Iets in dit huis zetten
                  </summary>
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="add-entry" />
                    <input type="hidden" name="house" value={house} />
                    <label className="field">
                      Wat wil je erin zetten?
                      <textarea name="text" required maxLength={1000} rows={2} />
                    </label>
                    <PicturePicker caseId={d.caseId} current={null} own={d.ownPictures} idPrefix={`h-${house}`} />
                    <button type="submit" className="button button-primary button-small">
                      In het huis zetten
                    </button>
                  </Form>
                </details>
              ) : null}
            </section>
          );
        })}
      </div>
      {houses.write ? <UploadForm purpose="huizen" /> : null}
      <p className="muted small">Dit zijn {who} huizen. Wat eruit is gehaald, blijft bewaard.</p>
    </section>
  );
}

function Viewers({ d }: { d: Data }) {
  const v = d.viewers!;
  const chosen = v.people.filter((p) => p.chosen && !(p.worksInCase && v.professionals));
  const summary = [v.professionals ? 'de hulpverleners van deze casus' : null, ...chosen.map((p) => p.name)].filter(Boolean).join(', ');
  return (
    <section className="card stack" aria-labelledby="wie-ziet">
      <h2 id="wie-ziet">
        <Eye aria-hidden="true" size={20} /> {d.me ? 'Wie mag mijn huizen zien?' : `Wie mag de huizen van ${d.child.firstName} zien?`}
      </h2>
      <p>
        Nu: {d.me ? 'jij' : d.child.firstName}
        {summary ? `, ${summary}` : ''}.
      </p>
      {v.choose ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="set-viewers" />
          {v.decides ? (
            <p className="muted">Jij bent {d.rules.decidesAge} of ouder. Jij kiest zelf wie je huizen mag zien.</p>
          ) : (
            <p className="muted">
              {d.child.firstName} is jonger dan {d.rules.decidesAge}. Kies samen met {d.child.firstName}. De hulpverleners blijven de huizen zien.
            </p>
          )}
          {v.decides ? (
            <label className="check">
              <input type="checkbox" name="professionals" value="on" defaultChecked={v.professionals} /> De hulpverleners van deze casus
            </label>
          ) : null}
          <fieldset className="stack">
            <legend>Ook deze mensen mogen kijken:</legend>
            {v.people
              // Under the deciding age the professionals see the houses anyway: only the others are chosen.
              .filter((p) => v.decides || !p.worksInCase)
              .map((p) => (
                <label key={p.id} className="check">
                  <input type="checkbox" name={`viewer-${p.id}`} value="on" defaultChecked={p.chosen} /> {p.name} ({p.role.toLowerCase()})
                </label>
              ))}
          </fieldset>
          <button type="submit" className="button button-primary">
            Bewaren
          </button>
        </Form>
      ) : v.decides && !d.me ? (
        <p className="muted">
          {d.child.firstName} is {d.rules.decidesAge} of ouder en kiest zelf wie de huizen mag zien.
        </p>
      ) : d.me ? (
        <p className="muted">Wil je dit anders? Vertel het aan je hulpverlener. Samen passen jullie het aan.</p>
      ) : null}
    </section>
  );
}

function LinkControl({ d }: { d: Data }) {
  const link = d.link!;
  return (
    <details className="card no-print">
      <summary>
        <Link2 aria-hidden="true" size={16} /> Eigen betrokkene van {d.child.firstName}: {link.currentName ?? 'geen'}
      </summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="link-child" />
        <p className="muted small">
          Koppel {d.child.firstName} aan een betrokkene met de rol jeugdige. Vanaf {d.rules.ownLinkAge} jaar kan die een eigen link krijgen en zelf in de huizen
          schrijven. Vanaf {d.rules.decidesAge} jaar kiest de jongere zelf wie de huizen ziet.
        </p>
        <label className="field">
          Jeugdige
          <select name="participantId" defaultValue={link.current ?? ''}>
            <option value="">Geen</option>
            {link.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-quiet button-small">
          Koppeling bewaren
        </button>
      </Form>
    </details>
  );
}

export default function ChildPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionAnswer | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="child-page stack" aria-busy={busy}>
      <header className="child-intro card">
        <BundledDrawing name={d.me ? 'ster' : 'zon'} className="picture picture-small" decorative />
        <div>
          <h2>{d.me ? `Hoi ${d.child.firstName}!` : `Voor ${d.child.firstName} (${d.child.age} jaar)`}</h2>
          <p>
            {d.me
              ? 'Dit is jouw plek. Hier lees je wat er is gebeurd en wat er nu gaat gebeuren.'
              : 'Wat er is gebeurd en wat het plan betekent, in woorden en plaatjes.'}
          </p>
        </div>
      </header>
      {result?.error ? (
        <p className="alert" role="alert">
          <CircleAlert aria-hidden="true" size={18} /> {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}

      <section className="card stack words-and-pictures" aria-labelledby="woorden-plaatjes">
        <h2 id="woorden-plaatjes">Woorden en Plaatjes</h2>
        {CHILD_STORY_PARTS.map((part) => (
          <StoryPart key={part} d={d} part={part} />
        ))}
        {d.storyWriter ? <UploadForm purpose="verhaal" /> : null}
      </section>

      {d.houses ? <Houses d={d} /> : null}
      {d.viewers ? <Viewers d={d} /> : null}
      {d.link ? <LinkControl d={d} /> : null}
    </div>
  );
}
