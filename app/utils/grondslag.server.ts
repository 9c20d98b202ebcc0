/** Grondslag per betrokkene for route loaders (routes reach server code only through app/**.server modules). */
export { currentGrounds } from '../../server/cases/grondslag.server';
