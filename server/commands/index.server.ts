/**
 * Every domain write of Veiligplan, bound to the running server's
 * dependencies. Routes call these (through `context.services.commands`) and
 * nothing else that writes. Each command validates its input, checks the
 * permission table, writes its change and its audit row in one transaction,
 * and only after commit closes sockets or touches live documents.
 */
import type { Auth } from '../auth/auth.server';
import type { CommandDeps } from './command.server';
import { answerAcceptance, requestAcceptance } from './acceptance.server';
import { agreeBesluit, proposeBesluit, withdrawBesluit } from './besluiten.server';
import { reportCheckIn } from './checkIns.server';
import { closeCase, reopenCase } from './closing.server';
import { addChild, changeCaseFact, changeKader, changeStage, removeChild, startCase } from './caseFacts.server';
import { createPersonalLink, openPersonalLink, revokeLink } from './links.server';
import { addFamilyMember, addProfessional, changeRole, removeParticipant } from './participants.server';
import { acknowledgeOverdracht, cancelOverdracht, endAbsence, setAbsence, setHelp, startOverdracht } from './regie.server';
import { recordCaseView, recordExport, recordRefusal, recordVisit } from './records.server';
import { saveScaleScore, setScaleQuestion } from './scale.server';
import { endSessionsOf, logIn, logOut } from './sessions.server';
import { inviteFamilyMember } from './invite.server';
import { recordGrondslag, withdrawConsent } from './grondslag.server';
import {
  addMeetingAfspraak,
  addMeetingGuest,
  addMeetingNote,
  endMeeting,
  giveRoundScore,
  joinMeeting,
  openScaleRound,
  revealScaleRound,
  setMeetingAttendance,
  setMeetingFocus,
  startMeeting,
} from './meetings.server';
import { saveNotificationSettings, setDigest } from './notifications.server';
import { makeSnapshot, restoreSnapshot, takeDailySnapshot } from './versions.server';
import { answerQuestion, askQuestion } from './questions.server';
import { setOrganisationSettings } from './organisation.server';
import { exportCase, exportOwnData } from './export.server';
import {
  acceptInvitation,
  deactivateAccount,
  inviteProfessional,
  reactivateAccount,
  resetPassword,
  setBeheerder,
  setOwnOrganisationSettings,
} from './beheer.server';
import { enableSecondFactor, resetSecondFactor, signInWithOidc, verifySecondStep } from './secondFactor.server';
import {
  addHouseEntry,
  linkChildParticipant,
  removeChildStoryPanel,
  saveChildStoryPanel,
  setHouseViewers,
  uploadPicture,
  withdrawHouseEntry,
} from './childVoice.server';
import { decideDeletion, deleteCaseData, requestDeletion } from './deletion.server';

export function bindCommands(deps: CommandDeps & { auth: Auth }) {
  const bind =
    <A extends unknown[], R>(command: (d: typeof deps, ...rest: A) => R) =>
    (...rest: A): R =>
      command(deps, ...rest);
  return {
    addFamilyMember: bind(addFamilyMember),
    addProfessional: bind(addProfessional),
    changeRole: bind(changeRole),
    removeParticipant: bind(removeParticipant),
    recordGrondslag: bind(recordGrondslag),
    withdrawConsent: bind(withdrawConsent),
    createPersonalLink: bind(createPersonalLink),
    revokeLink: bind(revokeLink),
    openPersonalLink: bind(openPersonalLink),
    makeSnapshot: bind(makeSnapshot),
    restoreSnapshot: bind(restoreSnapshot),
    takeDailySnapshot: bind(takeDailySnapshot),
    requestAcceptance: bind(requestAcceptance),
    answerAcceptance: bind(answerAcceptance),
    saveScaleScore: bind(saveScaleScore),
    setScaleQuestion: bind(setScaleQuestion),
    logIn: bind(logIn),
    logOut: bind(logOut),
    recordCaseView: bind(recordCaseView),
    recordExport: bind(recordExport),
    recordVisit: bind(recordVisit),
    recordRefusal: bind(recordRefusal),
    closeCase: bind(closeCase),
    reopenCase: bind(reopenCase),
    proposeBesluit: bind(proposeBesluit),
    agreeBesluit: bind(agreeBesluit),
    withdrawBesluit: bind(withdrawBesluit),
    startCase: bind(startCase),
    changeCaseFact: bind(changeCaseFact),
    addChild: bind(addChild),
    removeChild: bind(removeChild),
    changeKader: bind(changeKader),
    changeStage: bind(changeStage),
    startOverdracht: bind(startOverdracht),
    acknowledgeOverdracht: bind(acknowledgeOverdracht),
    cancelOverdracht: bind(cancelOverdracht),
    setAbsence: bind(setAbsence),
    endAbsence: bind(endAbsence),
    setHelp: bind(setHelp),
    reportCheckIn: bind(reportCheckIn),
    startMeeting: bind(startMeeting),
    joinMeeting: bind(joinMeeting),
    setMeetingFocus: bind(setMeetingFocus),
    setMeetingAttendance: bind(setMeetingAttendance),
    openScaleRound: bind(openScaleRound),
    giveRoundScore: bind(giveRoundScore),
    revealScaleRound: bind(revealScaleRound),
    addMeetingNote: bind(addMeetingNote),
    addMeetingAfspraak: bind(addMeetingAfspraak),
    addMeetingGuest: bind(addMeetingGuest),
    endMeeting: bind(endMeeting),
    inviteFamilyMember: bind(inviteFamilyMember),
    endSessionsOf: bind(endSessionsOf),
    saveNotificationSettings: bind(saveNotificationSettings),
    setDigest: bind(setDigest),
    askQuestion: bind(askQuestion),
    answerQuestion: bind(answerQuestion),
    setOrganisationSettings: bind(setOrganisationSettings),
    saveChildStoryPanel: bind(saveChildStoryPanel),
    removeChildStoryPanel: bind(removeChildStoryPanel),
    uploadPicture: bind(uploadPicture),
    addHouseEntry: bind(addHouseEntry),
    withdrawHouseEntry: bind(withdrawHouseEntry),
    setHouseViewers: bind(setHouseViewers),
    linkChildParticipant: bind(linkChildParticipant),
    deleteCaseData: bind(deleteCaseData),
    requestDeletion: bind(requestDeletion),
    decideDeletion: bind(decideDeletion),
    exportCase: bind(exportCase),
    exportOwnData: bind(exportOwnData),
    inviteProfessional: bind(inviteProfessional),
    resetPassword: bind(resetPassword),
    deactivateAccount: bind(deactivateAccount),
    reactivateAccount: bind(reactivateAccount),
    setBeheerder: bind(setBeheerder),
    setOwnOrganisationSettings: bind(setOwnOrganisationSettings),
    acceptInvitation: bind(acceptInvitation),
    enableSecondFactor: bind(enableSecondFactor),
    verifySecondStep: bind(verifySecondStep),
    resetSecondFactor: bind(resetSecondFactor),
    signInWithOidc: bind(signInWithOidc),
  };
}
export type Commands = ReturnType<typeof bindCommands>;
