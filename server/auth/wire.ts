import { AUTH_ROUTES } from '../../lib/backend/http/wire';

/**
 * The auth routes the server answers, with their shapes: the shared ones
 * (lib/backend/http/wire.ts) and what the server adds to them. The routes
 * and the OpenAPI document are made from this.
 */
export const AUTH_SPECS = {
  ...AUTH_ROUTES,
} as const;
