/**
 * The family's contact block (ADR 029): the regisseur and the vast
 * aanspreekpunt, each person once, with phone, e-mail and when they can be
 * reached. Invariant: only professionals' work details are shown (never a
 * family or netwerk member's own phone or e-mail — the block is for the
 * family, so the rule is maySeeContactDetails for a family reader, whatever
 * the safety flag), and a person who holds both jobs appears once with both
 * jobs named.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { participants, users } from '../../db/schema';
import type { CaseOverview } from './cases.server';
import { maySeeContactDetails } from '../../app/domain/permissions';

export interface FamilyContact {
  id: string;
  name: string;
  /** What this person is for the family, e.g. "Heeft de regie en is jullie vaste contactpersoon". */
  jobs: string[];
  organisation: string | null;
  phone: string | null;
  email: string | null;
  availability: string | null;
}

type Person = NonNullable<CaseOverview['casusregisseur']>;

export function familyContacts(db: Db, overview: Pick<CaseOverview, 'casusregisseur' | 'vastAanspreekpunt' | 'safetyFlag'>): FamilyContact[] {
  const slots: [string, Person | null][] = [
    ['Heeft de regie', overview.casusregisseur],
    ['Jullie vaste contactpersoon', overview.vastAanspreekpunt],
  ];
  const out: FamilyContact[] = [];
  for (const [job, p] of slots) {
    if (!p) continue;
    const known = out.find((c) => c.id === p.id);
    if (known) {
      known.jobs.push(job);
      continue;
    }
    // Read as a parent reads it: a professional's work details, never a (parent regisseur's) own number.
    const professional = maySeeContactDetails('ouder', p, overview);
    out.push({
      id: p.id,
      name: p.name,
      jobs: [job],
      organisation: p.organisationName,
      phone: professional ? p.phone : null,
      email: professional ? p.email : null,
      availability: null,
    });
  }
  const ids = out.map((c) => c.id);
  if (ids.length) {
    const rows = db
      .select({ id: participants.id, availability: users.availability })
      .from(participants)
      .innerJoin(users, eq(users.id, participants.userId))
      .where(inArray(participants.id, ids))
      .all();
    for (const r of rows) {
      const c = out.find((x) => x.id === r.id);
      if (c) c.availability = r.availability;
    }
  }
  return out;
}
