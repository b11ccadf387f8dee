import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Provider from 'oidc-provider';
import type { JWK } from 'jose';
import { createProviderConfiguration, idpRoutes } from './configuration';
import { createInteractionRouter } from './interactions';
import { createRequestLogger, oauthErrorHandler } from './requestLogging';
import { createUserinfoRouter } from './userinfo';
import {
  defaultPortalRedirectUris,
  IdpClientCredentials,
  IdpUser,
  portalClient,
  seedUsers,
  workloadPublisherClient,
} from './seed';
import { resolveSigningKey, SigningKey } from './signingKey';

const defaultApiAudience = 'http://openchoreo-api';

/** Options of {@link startIdentityProvider}. */
export interface IdentityProviderOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; defaults to 127.0.0.1. */
  host?: string;
  /** The `iss` of the tokens; defaults to the listening URL. Must be an origin without a path. */
  issuer?: string;
  /** Lifetime of access tokens; defaults to 3600. */
  accessTokenTtlSeconds?: number;
  /** Audience (`aud`) and resource indicator of the API access tokens; defaults to http://openchoreo-api. */
  apiAudience?: string;
  /**
   * Extra redirect URIs for the portal client, added to the portal's local OIDC handlers on port
   * 7007 (for a portal on another port, e.g. `http://localhost:17007/api/auth/openchoreo/handler/frame`).
   */
  portalRedirectUris?: string[];
  /** Private RSA JWK to sign with, e.g. the `signingKey` of an earlier start; generated when absent. */
  signingKey?: JWK;
  /** Receives one line per request (method, path, status, duration). */
  logger?: (line: string) => void;
}

/** A running devstack identity provider. */
export interface IdentityProvider {
  /** The `iss` claim of every token. */
  issuer: string;
  /** Base URL the server listens on. */
  url: string;
  tokenUrl: string;
  jwksUri: string;
  authorizationUrl: string;
  /** The `aud` of the access tokens. */
  apiAudience: string;
  /** Where the portal client may be redirected after sign-in (defaults plus configured extras). */
  portalRedirectUris: readonly string[];
  clients: {
    portal: IdpClientCredentials;
    workloadPublisher: IdpClientCredentials;
  };
  users: readonly IdpUser[];
  /** The private signing key; pass it back as an option to keep tokens valid across restarts. */
  signingKey: SigningKey;
  close(): Promise<void>;
}

/** Starts an OAuth2/OIDC identity provider (oidc-provider) seeded with OpenChoreo's clients and users. */
export async function startIdentityProvider(
  options: IdentityProviderOptions = {},
): Promise<IdentityProvider> {
  const host = options.host ?? '127.0.0.1';
  const apiAudience = options.apiAudience ?? defaultApiAudience;
  const configuredIssuer = options.issuer && normalizeIssuer(options.issuer);
  const signingKey = await resolveSigningKey(options.signingKey);
  for (const uri of options.portalRedirectUris ?? []) {
    if (!/^https?:\/\/[^/]+\/\S*$/.test(uri) || !URL.canParse(uri)) {
      throw new Error(
        `Portal redirect URI "${uri}" is not an http(s) URL; give full URLs such as http://localhost:17007/api/auth/openchoreo/handler/frame (DEVSTACK_PORTAL_REDIRECT_URIS takes them comma-separated)`,
      );
    }
  }
  const portalRedirectUris = [
    ...new Set([
      ...defaultPortalRedirectUris,
      ...(options.portalRedirectUris ?? []),
    ]),
  ];

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${toUrlHost(host)}:${port}`;
  const issuer = configuredIssuer || url;

  try {
    server.on(
      'request',
      createApp(
        createProvider(issuer, signingKey, portalRedirectUris, options),
        createUserinfoRouter(idpRoutes.userinfo, issuer, signingKey),
        options.logger,
      ),
    );
  } catch (error) {
    server.close();
    throw error;
  }

  return {
    issuer,
    url,
    tokenUrl: `${url}${idpRoutes.token}`,
    jwksUri: `${url}${idpRoutes.jwks}`,
    authorizationUrl: `${url}${idpRoutes.authorization}`,
    apiAudience,
    portalRedirectUris,
    clients: {
      portal: portalClient,
      workloadPublisher: workloadPublisherClient,
    },
    users: seedUsers,
    signingKey,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function createProvider(
  issuer: string,
  signingKey: SigningKey,
  portalRedirectUris: string[],
  options: IdentityProviderOptions,
): Provider {
  return new Provider(
    issuer,
    createProviderConfiguration({
      signingKey,
      apiAudience: options.apiAudience ?? defaultApiAudience,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      portalRedirectUris,
    }),
  );
}

function createApp(
  provider: Provider,
  userinfo: express.Router,
  logger?: (line: string) => void,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (logger) {
    app.use(createRequestLogger(logger));
  }
  app.use(userinfo);
  app.use(createInteractionRouter(provider));
  app.use(oauthErrorHandler);
  app.use(provider.callback());
  return app;
}

function toUrlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') {
    return 'localhost';
  }
  return host.includes(':') ? `[${host}]` : host;
}

function normalizeIssuer(issuer: string): string {
  const parsed = new URL(issuer);
  if (parsed.pathname !== '/' || parsed.search || parsed.hash) {
    throw new Error(
      `The identity provider issuer must be an origin without a path, got ${issuer}`,
    );
  }
  return parsed.origin;
}
