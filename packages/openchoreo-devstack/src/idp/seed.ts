/** An OAuth2 client registered in the devstack identity provider. */
export interface IdpClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** A user who can sign in to the devstack identity provider with a password. */
export interface IdpUser {
  /** Stable subject (`sub`) of the user's tokens. */
  id: string;
  email: string;
  password: string;
  name: string;
  /** Carried as the `groups` claim; OpenChoreo treats a token with groups as a user token. */
  groups: string[];
}

/** The portal backend: signs users in (authorization code + PKCE) and calls the API as itself. */
export const portalClient: IdpClientCredentials = {
  clientId: 'openchoreo-portal-backend',
  clientSecret: 'openchoreo-portal-backend-secret',
};

/** External CI's service account, with the ids of OpenChoreo's sample workflow template. */
export const workloadPublisherClient: IdpClientCredentials = {
  clientId: 'openchoreo-workload-publisher-client',
  clientSecret: 'openchoreo-workload-publisher-secret',
};

/**
 * Where the portal's OIDC sign-in handler receives the authorization code by default: the
 * portal's provider id `openchoreo` first, then the older ids, all on the local backend (7007).
 */
export const defaultPortalRedirectUris: readonly string[] = [
  'http://localhost:7007/api/auth/openchoreo/handler/frame',
  'http://localhost:7007/api/auth/openchoreo-auth/handler/frame',
  'http://localhost:7007/api/auth/oidc/handler/frame',
];

/** The seeded users; group names match the groups of the portal's local catalog. */
export const seedUsers: readonly IdpUser[] = [
  {
    id: 'developer',
    email: 'developer@openchoreo.dev',
    password: 'developer',
    name: 'Dev Eloper',
    groups: ['developers'],
  },
  {
    id: 'platform-engineer',
    email: 'platform-engineer@openchoreo.dev',
    password: 'platform-engineer',
    name: 'Platform Engineer',
    groups: ['platform-engineers'],
  },
  {
    id: 'viewer',
    email: 'viewer@openchoreo.dev',
    password: 'viewer',
    name: 'Vera Viewer',
    groups: ['viewers'],
  },
  {
    id: 'outsider',
    email: 'outsider@openchoreo.dev',
    password: 'outsider',
    name: 'Otto Outsider',
    groups: ['outsiders'],
  },
];

/** The OIDC claims of a seeded user, as the ID token and the userinfo endpoint carry them. */
export function userClaims(user: IdpUser) {
  return {
    sub: user.id,
    email: user.email,
    email_verified: true,
    name: user.name,
    preferred_username: user.email,
    groups: [...user.groups],
  };
}

/** Finds a seeded user by id (the token subject). */
export function findUserById(id: string): IdpUser | undefined {
  return seedUsers.find(user => user.id === id);
}

/** Finds a seeded user by email or id and password; undefined when they do not match. */
export function findUserByLogin(
  login: string,
  password: string,
): IdpUser | undefined {
  const user = seedUsers.find(u => u.email === login || u.id === login);
  return user && user.password === password ? user : undefined;
}
