/**
 * The roles a room's passes grant. A module of its own, importing nothing, because the browser app
 * bundles the live protocol, which needs these values, and must not pull in server code.
 */
export const PASS_ROLES = ['host', 'assistant', 'student'] as const;
export type PassRole = (typeof PASS_ROLES)[number];
