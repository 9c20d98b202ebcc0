/**
 * What the family home says about regie, in plain words (B1): who their
 * regisseur is since when (with the short summary of the last completed
 * overdracht — never the professionals' note), whom to call while the
 * regisseur or the vaste contactpersoon is away, and, for a parent who is
 * becoming regisseur, where to confirm it. Renders nothing when there is
 * nothing to tell.
 */
import { Link } from '@remix-run/react';
import { ArrowRightLeft, CalendarOff, Phone, UserRoundCheck } from 'lucide-react';
import { isoDayOf, shortDate } from '../../domain/regie';
import { formatDate } from '../../utils/format';

export interface RegieNoticeData {
  me: string;
  caseId: string;
  openOverdracht: { id: string; toParticipantId: string; toName: string } | null;
  lastCompleted: { toName: string; completedAt: number; familySummary: string } | null;
  absences: { id: string; name: string; until: string; standInName: string; standInPhone: string | null }[];
}

export function RegieNotice({ regie }: { regie: RegieNoticeData }) {
  const forMe = regie.openOverdracht?.toParticipantId === regie.me ? regie.openOverdracht : null;
  if (!forMe && !regie.lastCompleted && regie.absences.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="regie-nieuws">
      <h2 id="regie-nieuws">
        <UserRoundCheck aria-hidden="true" size={20} /> Wie is jullie regisseur?
      </h2>
      {forMe ? (
        <p>
          <ArrowRightLeft aria-hidden="true" size={16} /> Jij wordt de regisseur van het plan.{' '}
          <Link to={`/casussen/${regie.caseId}/overdracht`}>Lees wat dat betekent en zeg of je het overneemt</Link>.
        </p>
      ) : null}
      {regie.lastCompleted ? (
        <>
          <p>
            Sinds {shortDate(isoDayOf(regie.lastCompleted.completedAt))} is <strong>{regie.lastCompleted.toName}</strong> jullie regisseur.
          </p>
          <p>{regie.lastCompleted.familySummary}</p>
        </>
      ) : null}
      {regie.absences.map((a) => (
        <p key={a.id}>
          <CalendarOff aria-hidden="true" size={16} /> {a.name} is afwezig tot en met {formatDate(a.until)}. Bel in die tijd <strong>{a.standInName}</strong>
          {a.standInPhone ? (
            <>
              {' '}
              (
              <a href={`tel:${a.standInPhone.replace(/[^\d+]/g, '')}`}>
                <Phone aria-hidden="true" size={14} /> {a.standInPhone}
              </a>
              )
            </>
          ) : null}
          .
        </p>
      ))}
    </section>
  );
}

/**
 * Beside the Casusregisseur / Vast aanspreekpunt facts in the case header
 * (professionals): whom to call during that person's absence, and a running
 * overdracht with a link to it.
 */
export function RegieFactNote({
  caseId,
  absence,
  overdracht = false,
}: {
  caseId: string;
  absence?: { until: string; standInName: string; standInPhone: string | null } | undefined;
  overdracht?: boolean;
}) {
  if (!absence && !overdracht) return null;
  return (
    <span className="small">
      {absence ? (
        <span className="muted">
          {' '}
          · afwezig t/m {formatDate(absence.until)}, bel {absence.standInName}
          {absence.standInPhone ? ` (${absence.standInPhone})` : ''}
        </span>
      ) : null}
      {overdracht ? (
        <>
          {' '}
          · <Link to={`/casussen/${caseId}/overdracht`}>Overdracht loopt</Link>
        </>
      ) : null}
    </span>
  );
}
