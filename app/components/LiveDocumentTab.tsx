import type { ReactNode } from 'react';
import { useCollabDocument } from '../collab/useCollabDocument';
import type { DocumentName } from '../domain/permissions';
import { ComingSoon } from './ComingSoon';
import { ConnectionStatus } from './ConnectionStatus';

/** A tab bound to one live case document; shows the connection and the access the person has. */
export function LiveDocumentTab({
  caseId,
  document,
  readOnly,
  title,
  children,
}: {
  caseId: string;
  document: DocumentName;
  readOnly: boolean;
  title: string;
  children: ReactNode;
}) {
  const live = useCollabDocument(caseId, document, readOnly);
  return (
    <>
      <ConnectionStatus state={live.state} label={live.label} />
      <ComingSoon title={title}>{children}</ComingSoon>
    </>
  );
}
