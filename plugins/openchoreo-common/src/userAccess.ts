/*
 * How a signed-in user's OpenChoreo access travels through the portal (isomorphic): the header
 * the frontend sends the user's identity-provider access token in, the scaffolder task secret
 * that carries it to the component creation action, the error code of "sign in again", and what
 * the portal knows up front about the actions a user may take on a component.
 */

/**
 * Request header carrying the signed-in user's OpenChoreo (identity provider) access token from
 * the frontend to the OpenChoreo backend plugin. Never logged, never stored.
 */
export const OPENCHOREO_USER_TOKEN_HEADER = 'x-openchoreo-token';

/**
 * Scaffolder task secret carrying the user's OpenChoreo access token to
 * `openchoreo:component:create` (task secrets are not written to the task log).
 */
export const OPENCHOREO_USER_TOKEN_SECRET = 'OPENCHOREO_USER_TOKEN';

/**
 * `error.code` of the backend's 401 answer when the user's OpenChoreo sign-in is missing or was
 * not accepted: the frontend then offers "Sign in again" instead of showing a raw 401.
 */
export const OPENCHOREO_SIGN_IN_REQUIRED = 'OPENCHOREO_SIGN_IN_REQUIRED';

/** Whether the user may take one action, and why not. */
export interface ActionDecision {
  allowed: boolean;
  /** Why it is refused (or why the portal could not tell), in words for the user. */
  reason?: string;
  /** Who decided: the portal's own permission policy or OpenChoreo's authorization. */
  decidedBy?: 'portal' | 'openchoreo';
}

/** `GET /components/:namespace/:component/actions`: what the user may do with the component. */
export interface ComponentActionsResponse {
  /** Start a build (Build now, re-run). */
  build: ActionDecision;
  /** Cancel a running build (OpenChoreo deletes the run). */
  cancel: ActionDecision;
  /** Edit the component's annotations. */
  editAnnotations: ActionDecision;
  /**
   * Re-run or rebuild in the component's External CI (Jenkins, GitHub Actions, GitLab CI), which
   * the portal does with its own credentials: allowed only when OpenChoreo lets the user start a
   * build of the component (the portal's `openchoreo.workflowrun.create` first). Unlike
   * {@link ComponentActionsResponse.build} it does not depend on built-in CI being on.
   */
  externalCiBuild: ActionDecision;
  /**
   * Build with options: refused with the reason when the component's workflow no longer exists
   * (its schema is gone), else as {@link ComponentActionsResponse.build}. Absent from older backends.
   */
  buildWithOptions?: ActionDecision;
}
