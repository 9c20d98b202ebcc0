import type { AppLoadContext } from '@remix-run/node';

/** Whom to contact when access has ended: the casusregisseur's name and phone, nothing else of the case. */
export function endedContact(context: AppLoadContext, caseId: string | null) {
  const overview = caseId ? context.services.cases.overview(caseId) : undefined;
  const regisseur = overview?.casusregisseur;
  return regisseur ? { name: regisseur.name, phone: regisseur.phone } : null;
}
