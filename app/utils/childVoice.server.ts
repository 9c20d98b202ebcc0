/**
 * The read side of the child's own voice for route loaders (Woorden en
 * Plaatjes, Drie Huizen, pictures). Routes import server code only through
 * `app/**.server` modules, so the database layer never reaches the browser.
 * Read-only: every change goes through the commands.
 */
export {
  ageRulesOf,
  childHomeOf,
  childInCase,
  childOfParticipant,
  houseAccess,
  houseEntriesOf,
  housesForViewer,
  ownPictures,
  pictureForViewer,
  storyOf,
  type HouseEntryView,
  type StoryPanel,
} from '../../server/childVoice/childVoice.server';
