/**
 * Download links for exports (ADR 034): the whole case (ZIP with export.json
 * and plan.pdf) and the plan alone as PDF on the Versies tab for whoever may
 * export; "Download mijn gegevens" (AVG inzage) on the family home. Plain
 * anchors with `download`: the browser saves the file, no page navigation.
 * Shown only when the loader says so; the server decides again.
 */
import { Download, FileDown } from 'lucide-react';

export function CaseExportLinks({ caseId, show }: { caseId: string; show: boolean }) {
  if (!show) return null;
  return (
    <section className="card export-links" aria-labelledby="export-titel">
      <h3 id="export-titel">Exporteren</h3>
      <p className="muted">
        Alles van deze casus in één bestand: feiten en hun geschiedenis, de documenten nu en alle versies, scores, afspraken en meldingen, akkoord, betrokkenen,
        besluiten, netwerkberaden, vragen en het logboek. Het plan zit erbij als pdf. Elke export komt in het logboek.
      </p>
      <p className="row">
        <a className="button" href={`/casussen/${caseId}/export.zip`} download>
          <Download aria-hidden="true" size={18} /> Casus exporteren (zip)
        </a>
        <a className="button button-quiet" href={`/casussen/${caseId}/plan.pdf`} download>
          <FileDown aria-hidden="true" size={18} /> Plan als pdf
        </a>
      </p>
    </section>
  );
}

export function OwnDataDownload({ caseId, show }: { caseId: string; show: boolean }) {
  if (!show) return null;
  return (
    <p className="card home-mijn-gegevens">
      <Download aria-hidden="true" size={18} /> Wil je zien wat er over jou is opgeslagen?{' '}
      <a href={`/casussen/${caseId}/mijn-gegevens.zip`} download>
        Download mijn gegevens
      </a>
    </p>
  );
}
