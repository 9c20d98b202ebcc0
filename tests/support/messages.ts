/** The Dutch login messages, as the login route defines them (re-exported for tests). */
export { LOGIN_MESSAGES as LOGIN_MESSAGES_FOR_TESTS } from '../../app/domain/login';
