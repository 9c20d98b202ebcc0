import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/tempDirs';
import { openDatabase } from '../../db/database.server';
import { getCaseOverview, listCasesForUser } from '../cases/cases.server';
import { findUserByEmail } from '../users/users.server';
import { DEMO_PROFESSIONALS, ensureDemoCase } from './demoCase.server';

const tempDir = useTempDirs('veiligplan-demo-');

describe('demo case', () => {
  it('is loaded once, with its people and one casusregisseur', async () => {
    const h = openDatabase(join(tempDir(), 'demo.sqlite'));
    const first = await ensureDemoCase(h.db);
    const second = await ensureDemoCase(h.db);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, caseId: first.caseId });

    const overview = getCaseOverview(h.db, first.caseId)!;
    expect(overview.children.map((c) => c.firstName)).toEqual(['Sanne', 'Daan']);
    expect(overview.participants.map((p) => p.role).sort()).toEqual(['casusregisseur', 'jeugdbeschermer', 'netwerklid', 'netwerklid', 'ouder', 'ouder'].sort());
    expect(overview.casusregisseur?.name).toBe(DEMO_PROFESSIONALS.casusregisseur.name);

    const sophie = findUserByEmail(h.db, DEMO_PROFESSIONALS.jeugdbeschermer.email)!;
    expect(listCasesForUser(h.db, sophie.id).map((c) => c.title)).toEqual(['Gezin Bakker']);
    h.close();
  });
});
