/**
 * The retention job (ADR 035) on the real server: with a term of 24 months a
 * case closed 25 months ago is deleted (tombstone 'bewaartermijn'), one
 * closed 23 months ago stays, an open (or reopened) case stays.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../app/domain/deletion';
import { auditLog, cases, organisations } from '../../db/schema';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { casesDueForDeletion, runRetention } from './retention.server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('runRetention', () => {
  it('deletes closed cases past the term and keeps the others', async () => {
    const db = server.services.db;
    const now = Date.UTC(2026, 11, 6, 12);
    const a = await createEveryRoleCase(db, 'Gezin Lang Geleden');
    const closeAt = (caseId: string, months: number) =>
      db
        .update(cases)
        .set({ closedAt: retentionCutoff(now, months) })
        .where(eq(cases.id, caseId))
        .run();
    closeAt(a.caseId, 25);
    closeAt(a.other.caseId, 23);
    const open = await createEveryRoleCase(db, 'Gezin Open');
    db.update(organisations).set({ retentionMonths: 24 }).where(eq(organisations.id, a.organisationId)).run();

    expect(casesDueForDeletion(db, now)).toEqual([a.caseId]);
    expect(runRetention(server.services, now)).toBe(1);
    const left = db
      .select({ id: cases.id })
      .from(cases)
      .all()
      .map((c) => c.id);
    expect(left).not.toContain(a.caseId);
    expect(left).toEqual(expect.arrayContaining([a.other.caseId, open.caseId, open.other.caseId]));
    const [tomb] = db.select().from(auditLog).where(eq(auditLog.caseId, a.caseId)).all();
    expect(tomb!.type).toBe('case-deleted');
    expect(JSON.parse(tomb!.detail!)).toMatchObject({ door: 'bewaartermijn', waarom: 'bewaartermijn', afgesloten: '2024-11-06' });
    expect(runRetention(server.services, now)).toBe(0);
  });

  it('counts calendar months, the last day of a shorter month included', () => {
    expect(new Date(retentionCutoff(Date.UTC(2026, 2, 31, 8), 1)).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(new Date(retentionCutoff(Date.UTC(2026, 11, 6), 24)).toISOString()).toBe('2024-12-06T00:00:00.000Z');
  });
});
