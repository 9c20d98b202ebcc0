/**
 * Nieuwe casus (professionals only): the intake form. It posts one
 * `start-case` intent to the startCase command and ends on the new case's
 * empty kaart. Works without client JavaScript: three child rows and three
 * family rows are always there; empty rows are ignored by the command. A
 * refusal comes back with its field and the posted values, so the form keeps
 * what was typed.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CircleAlert, FolderPlus } from 'lucide-react';
import { describedBy, FieldError, type FieldFailure } from '../components/case/FieldError';
import { RoleOptions } from '../components/case/RoleOptions';
import { DEFAULT_SCALE_QUESTION, HOUSEHOLD_ROLES, ROLE_LABELS, STAGE_LABELS, STAGES } from '../domain/caseFacts';
import { STEP_KEYS, stepLabel } from '../domain/trajectory';
import styles from '../styles/caseFacts.css';
import { CommandError, todayIso } from '../utils/caseFacts.server';
import { handleIntent } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: 'Nieuwe casus · Veiligplan' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

const CHILD_ROWS = 3;
const MEMBER_ROWS = 3;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.services.auth.requireProfessional(request);
  // The standard question is the organisation's own when its beheerder set one (as startCase uses it).
  const standardQuestion = context.services.beheer.organisation(user.organisationId)?.defaultScaleQuestion ?? DEFAULT_SCALE_QUESTION;
  return json({ today: todayIso(), organisation: user.organisationName, standardQuestion });
}

/** The posted text fields, echoed back on a refusal so nothing typed is lost (no JS needed). */
function echo(form: Record<string, FormDataEntryValue>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form)
      .filter(([k, v]) => typeof v === 'string' && /^[A-Za-z0-9]{1,40}$/.test(k) && k !== 'intent')
      .map(([k, v]) => [k, (v as string).slice(0, 1000)]),
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await context.services.auth.requireProfessional(request);
  const viewer = await context.services.auth.getViewer(request);
  const form = await readForm(request);
  return handleIntent<Response>(form, {
    'start-case': () => {
      try {
        const { caseId } = context.services.commands.startCase({ userId: user.id, sessionRef: viewer?.sessionRef ?? null }, form);
        return redirect(`/casussen/${caseId}/kaart`);
      } catch (error) {
        if (error instanceof CommandError) {
          return json({ error: error.message, ...(error.field ? { field: error.field } : {}), values: echo(form) }, { status: error.status });
        }
        throw error;
      }
    },
  });
}

/** The kader select sends one step; a refusal about its parts belongs to it. */
const STEP_FIELDS = ['step', 'kader', 'maatregelType', 'service'];

export default function NewCase() {
  const { today, organisation, standardQuestion } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as (FieldFailure & { values?: Record<string, string> }) | undefined;
  const busy = useNavigation().state !== 'idle';
  const v = (name: string, fallback = '') => failure?.values?.[name] ?? fallback;
  const err = (fields: string[], id: string) => ({
    'aria-invalid': describedBy(failure, fields, id) ? true : undefined,
    'aria-describedby': describedBy(failure, fields, id),
  });
  const scaleChoice = v('scaleQuestionChoice', 'standaard');

  return (
    <section aria-labelledby="nieuw-titel" className="new-case">
      <p>
        <Link to="/casussen">← Mijn casussen</Link>
      </p>
      <h1 id="nieuw-titel">Nieuwe casus</h1>
      <p className="muted">
        De casus hoort bij {organisation}. Je wordt zelf betrokken bij de casus. Daarna kom je op de lege kaart, waar jullie samen beginnen.
      </p>
      {failure?.error ? (
        <p className="alert" role="alert">
          <CircleAlert aria-hidden="true" size={18} /> Controleer het formulier: {failure.error}
        </p>
      ) : null}
      <Form method="post" className="stack" aria-label="Nieuwe casus starten" noValidate>
        <input type="hidden" name="intent" value="start-case" />

        <fieldset className="card stack">
          <legend>De casus</legend>
          <label className="field">
            <span>Naam van de casus</span>
            <input name="title" defaultValue={v('title')} maxLength={120} placeholder="Bijvoorbeeld: Gezin Jansen" {...err(['title'], 'fout-title')} />
          </label>
          <FieldError failure={failure} fields={['title']} id="fout-title" />
        </fieldset>

        <fieldset className="card stack">
          <legend>Kinderen</legend>
          <p className="muted small">Alleen de voornaam en het geboortejaar. Vul minstens één kind in; lege rijen tellen niet mee.</p>
          {Array.from({ length: CHILD_ROWS }, (_, i) => {
            const k = i + 1;
            const fields = [`child${k}FirstName`, `child${k}BirthYear`];
            return (
              <div key={k} className="form-row">
                <label className="field">
                  <span>Voornaam kind {k}</span>
                  <input name={`child${k}FirstName`} defaultValue={v(`child${k}FirstName`)} maxLength={60} {...err(fields, `fout-kind${k}`)} />
                </label>
                <label className="field">
                  <span>Geboortejaar kind {k}</span>
                  <input
                    name={`child${k}BirthYear`}
                    defaultValue={v(`child${k}BirthYear`)}
                    inputMode="numeric"
                    maxLength={4}
                    placeholder="bijv. 2016"
                    {...err(fields, `fout-kind${k}`)}
                  />
                </label>
                <FieldError failure={failure} fields={fields} id={`fout-kind${k}`} />
              </div>
            );
          })}
        </fieldset>

        <fieldset className="card stack">
          <legend>Kader en fase</legend>
          <label className="field">
            <span>Kader</span>
            <select name="step" defaultValue={v('step', 'vrijwillig')} {...err(STEP_FIELDS, 'fout-step')}>
              {STEP_KEYS.map((s) => (
                <option key={s} value={s}>
                  {stepLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <FieldError failure={failure} fields={STEP_FIELDS} id="fout-step" />
          <label className="field">
            <span>Fase waarin de casus begint</span>
            <select name="stage" defaultValue={v('stage', 'kennismaking')} {...err(['stage'], 'fout-stage')}>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s].label}
                </option>
              ))}
            </select>
          </label>
          <FieldError failure={failure} fields={['stage']} id="fout-stage" />
          <label className="field">
            <span>Eerste evaluatiemoment</span>
            <input
              type="date"
              name="nextEvaluationDate"
              min={today}
              defaultValue={v('nextEvaluationDate')}
              {...err(['nextEvaluationDate'], 'fout-evaluatie')}
            />
          </label>
          <FieldError failure={failure} fields={['nextEvaluationDate']} id="fout-evaluatie" />
        </fieldset>

        <fieldset className="card stack">
          <legend>Regie</legend>
          <fieldset className="choice" {...err(['myRole'], 'fout-rol')}>
            <legend>Mijn rol in deze casus</legend>
            {(['jeugdbeschermer', 'professional'] as const).map((r) => (
              <label key={r} className="row">
                <input type="radio" name="myRole" value={r} defaultChecked={v('myRole') === r} /> {ROLE_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <FieldError failure={failure} fields={['myRole']} id="fout-rol" />
          <label className="field">
            <span>Casusregisseur (e-mailadres van het account)</span>
            <input type="email" name="regisseurEmail" defaultValue={v('regisseurEmail')} maxLength={320} {...err(['regisseurEmail'], 'fout-regisseur')} />
          </label>
          <p className="muted small">
            Laat leeg als je zelf de casusregisseur bent. Een andere professional wordt met dit e-mailadres aan de casus toegevoegd.
          </p>
          <FieldError failure={failure} fields={['regisseurEmail']} id="fout-regisseur" />
          <fieldset className="choice" {...err(['aanspreekpunt'], 'fout-aanspreekpunt')}>
            <legend>Vast aanspreekpunt voor het gezin</legend>
            <label className="row">
              <input type="radio" name="aanspreekpunt" value="ik" defaultChecked={v('aanspreekpunt', 'ik') === 'ik'} /> Ik
            </label>
            <label className="row">
              <input type="radio" name="aanspreekpunt" value="regisseur" defaultChecked={v('aanspreekpunt') === 'regisseur'} /> De casusregisseur
            </label>
          </fieldset>
          <FieldError failure={failure} fields={['aanspreekpunt']} id="fout-aanspreekpunt" />
        </fieldset>

        <fieldset className="card stack">
          <legend>Schaalvraag</legend>
          <label className="row">
            <input type="radio" name="scaleQuestionChoice" value="standaard" defaultChecked={scaleChoice !== 'eigen'} /> De standaardvraag
          </label>
          <p className="muted small">{standardQuestion}</p>
          <label className="row">
            <input type="radio" name="scaleQuestionChoice" value="eigen" defaultChecked={scaleChoice === 'eigen'} /> Eigen woorden (van jullie organisatie)
          </label>
          <label className="field">
            <span>Eigen schaalvraag</span>
            <textarea name="ownScaleQuestion" rows={3} maxLength={1000} defaultValue={v('ownScaleQuestion')} {...err(['ownScaleQuestion'], 'fout-schaal')} />
          </label>
          <FieldError failure={failure} fields={['ownScaleQuestion', 'scaleQuestionChoice']} id="fout-schaal" />
        </fieldset>

        <fieldset className="card stack">
          <legend>Ouders en jeugdigen (mag ook later)</legend>
          <p className="muted small">
            Je kunt hier al ouders en jeugdigen toevoegen. Een persoonlijke link maak je daarna bij Betrokkenen. Lege rijen tellen niet mee.
          </p>
          <p className="muted small">
            Netwerkleden voeg je toe bij Betrokkenen, zodra de casus er is. Daar leg je ook vast waarom ze meedoen: de toestemming van het gezin of de
            wettelijke grondslag.
          </p>
          {Array.from({ length: MEMBER_ROWS }, (_, i) => {
            const k = i + 1;
            const fields = [`member${k}Name`, `member${k}Role`, `member${k}Relation`];
            return (
              <div key={k} className="form-row">
                <label className="field">
                  <span>Naam persoon {k}</span>
                  <input name={`member${k}Name`} defaultValue={v(`member${k}Name`)} maxLength={120} {...err(fields, `fout-lid${k}`)} />
                </label>
                <label className="field">
                  <span>Rol persoon {k}</span>
                  <select name={`member${k}Role`} defaultValue={v(`member${k}Role`)} {...err(fields, `fout-lid${k}`)}>
                    <option value="">Kies…</option>
                    <RoleOptions roles={HOUSEHOLD_ROLES} />
                  </select>
                </label>
                <label className="field">
                  <span>Relatie persoon {k}</span>
                  <input name={`member${k}Relation`} defaultValue={v(`member${k}Relation`)} maxLength={120} placeholder="bijv. moeder, oma" />
                </label>
                <FieldError failure={failure} fields={fields} id={`fout-lid${k}`} />
              </div>
            );
          })}
        </fieldset>

        <p>
          <button type="submit" className="button button-primary" disabled={busy}>
            <FolderPlus aria-hidden="true" size={18} /> Casus starten
          </button>
        </p>
      </Form>
    </section>
  );
}
