/**
 * Beheer › Beveiliging (ADR 032): for each active professional of the
 * beheerder's organisation, whether a second factor is set up (since when)
 * and whether the account is linked to the organisation's OpenID Connect
 * provider. "Tweede stap opnieuw instellen" clears a lost second factor
 * (resetSecondFactor: that person's sessions end; audited). Beheerders only;
 * nobody resets their own.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CircleAlert, RotateCcw } from 'lucide-react';
import { handleIntent } from '../utils/commandAction.server';
import { formatDay } from '../utils/formatDay';
import { readForm } from '../utils/forms.server';
import { teamSecurity } from '../utils/secondFactor.server';

export const meta: MetaFunction = () => [{ title: 'Beveiliging · Beheer · Veiligplan' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await context.services.auth.requireBeheerder(request);
  return json({ meId: me.id, ...teamSecurity(context.services.db, me.organisationId) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await context.services.auth.requireBeheerder(request);
  const form = await readForm(request);
  return handleIntent(form, {
    'reset-second-factor': () => {
      const r = context.services.commands.resetSecondFactor({ userId: me.id }, form);
      return json({ done: `De tweede stap van ${r.name} is gewist. ${r.name} stelt hem opnieuw in bij de volgende keer inloggen.` });
    },
  });
}

export default function Beveiliging() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="card beheer-beveiliging" aria-labelledby="beveiliging-titel">
      <h1 id="beveiliging-titel">Beveiliging</h1>
      <p className="muted">
        {data.requireSecondFactor
          ? 'Je organisatie vraagt een tweede stap bij het inloggen. Wie die nog niet heeft, stelt hem in bij de volgende keer inloggen.'
          : 'Een tweede stap bij het inloggen is niet verplicht in je organisatie. Medewerkers kunnen hem zelf aanzetten.'}
      </p>
      {actionData && 'error' in actionData ? (
        <p className="alert" role="alert">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{actionData.error}</span>
        </p>
      ) : null}
      {actionData && 'done' in actionData ? (
        <p className="notice" role="status">
          {actionData.done}
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Medewerker</th>
            <th scope="col">Tweede stap</th>
            <th scope="col">Inloggen via organisatie</th>
            <th scope="col">
              <span className="visually-hidden">Actie</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data.accounts.map((a) => (
            <tr key={a.userId}>
              <th scope="row">
                {a.name}
                <br />
                <span className="muted">{a.email}</span>
              </th>
              <td>{a.secondFactorSince !== null ? `Ja, sinds ${formatDay(a.secondFactorSince)}` : 'Nee'}</td>
              <td>{a.oidcLinked ? 'Gekoppeld' : 'Nee'}</td>
              <td>
                {a.secondFactorSince !== null && a.userId !== data.meId ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="reset-second-factor" />
                    <input type="hidden" name="userId" value={a.userId} />
                    <button type="submit" className="button" disabled={busy}>
                      <RotateCcw aria-hidden="true" size={16} />
                      <span>Tweede stap opnieuw instellen</span>
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
