import type { AppLoadContext } from '@remix-run/node';

/** Whom to contact when access has ended: the casusregisseur's name and phone, nothing else of the case. */
export function endedContact(context: AppLoadContext, caseId: string | null) {
  const overview = caseId ? context.services.cases.overview(caseId) : undefined;
  const regisseur = overview?.casusregisseur;
  if (!regisseur) return null;
  // A parent regisseur's own number is never shown to someone whose access ended (ADR 033): the professional beside them is named instead.
  if (!regisseur.isProfessionalAccount) {
    const beside = overview.regieProfessional;
    return beside ? { name: beside.name, phone: beside.phone } : { name: regisseur.name, phone: null };
  }
  return { name: regisseur.name, phone: regisseur.phone };
}
