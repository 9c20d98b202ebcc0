/**
 * Validation of every form the server accepts (zod). Server-only: route
 * modules import it for their actions, and the compiler keeps it (and zod)
 * out of the browser bundle.
 */
import { z } from 'zod';
import { FAMILY_ROLES } from '../domain/caseFacts';

export { ScoreInput } from '../domain/scale';

/**
 * The posted form as a plain object. A body that is not a form (JSON, empty,
 * broken multipart) is answered with a Dutch 400 instead of an error page.
 */
export async function readForm(request: Request): Promise<Record<string, FormDataEntryValue>> {
  try {
    return Object.fromEntries(await request.formData());
  } catch {
    throw new Response('Dit formulier kon niet worden gelezen. Probeer het opnieuw.', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

export const LoginForm = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  redirectTo: z.string().optional(),
});

export const ScaleQuestionInput = z.object({
  question: z.string().trim().min(10, 'De schaalvraag is te kort.').max(1000, 'De schaalvraag is te lang.'),
});

export const AddFamily = z.object({
  role: z.enum(FAMILY_ROLES, { error: 'Kies een rol.' }),
  name: z.string().trim().min(2, 'Vul een naam in.').max(120),
  relation: z.string().trim().max(120).optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.union([z.literal(''), z.email('Dit e-mailadres klopt niet.')]).optional(),
});

export const AddProfessional = z.object({
  role: z.enum(['jeugdbeschermer', 'casusregisseur', 'professional', 'meelezer'], { error: 'Kies een rol.' }),
  account: z.email('Vul het e-mailadres van het account in.'),
});

export const SnapshotInput = z.object({
  label: z.string().trim().min(2, 'Geef de versie een naam.').max(120, 'De naam is te lang.'),
  reason: z.enum(['handmatig', 'sessie', 'overdracht'], { error: 'Kies een reden.' }),
});

export const AcceptanceAnswer = z.object({
  requestId: z.string().min(1),
  agreed: z.enum(['ja', 'nee'], { error: 'Kies akkoord of niet akkoord.' }),
  comment: z.string().trim().max(1000).optional().default(''),
});
