/** The family's contact block for route loaders (routes reach server code only through app/**.server modules). */
export { familyContacts, type FamilyContact } from '../../server/cases/contacts.server';
