import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  IdentityProvider,
  startIdentityProvider,
} from './startIdentityProvider';

const publisher = {
  clientId: 'openchoreo-workload-publisher-client',
  clientSecret: 'openchoreo-workload-publisher-secret',
};

/** The token request of the seeds' curl: client_secret_post in a form body. */
function requestClientCredentialsToken(
  idp: IdentityProvider,
  body: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(idp.tokenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams(body),
  });
}

describe('startIdentityProvider', () => {
  const logLines: string[] = [];
  let idp: IdentityProvider;

  beforeAll(async () => {
    idp = await startIdentityProvider({
      port: 0,
      logger: line => logLines.push(line),
    });
  });

  afterAll(async () => {
    await idp.close();
  });

  it('issues the workload publisher a JWT access token verifiable against the JWKS', async () => {
    const response = await requestClientCredentialsToken(idp, {
      grant_type: 'client_credentials',
      client_id: publisher.clientId,
      client_secret: publisher.clientSecret,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });

    const { payload, protectedHeader } = await jwtVerify(
      body.access_token,
      createRemoteJWKSet(new URL(idp.jwksUri)),
      { issuer: idp.issuer, audience: 'http://openchoreo-api' },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(protectedHeader.kid).toBe(idp.signingKey.kid);
    expect(payload.sub).toBe(publisher.clientId);
    expect(payload.client_id).toBe(publisher.clientId);
    expect(payload).not.toHaveProperty('groups');
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('accepts client_secret_basic and grants requested API scopes', async () => {
    const basic = Buffer.from(
      `${publisher.clientId}:${publisher.clientSecret}`,
    ).toString('base64');
    const response = await requestClientCredentialsToken(
      idp,
      { grant_type: 'client_credentials', scope: 'openchoreo:write' },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.scope).toBe('openchoreo:write');
    const { payload } = await jwtVerify(
      body.access_token,
      createRemoteJWKSet(new URL(idp.jwksUri)),
      { issuer: idp.issuer },
    );
    expect(payload.scope).toBe('openchoreo:write');
    expect(payload.sub).toBe(publisher.clientId);
  });

  it('rejects a wrong client secret with 401 invalid_client', async () => {
    const response = await requestClientCredentialsToken(idp, {
      grant_type: 'client_credentials',
      client_id: publisher.clientId,
      client_secret: 'not-the-secret',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('rejects an unknown client with 401 invalid_client', async () => {
    const response = await requestClientCredentialsToken(idp, {
      grant_type: 'client_credentials',
      client_id: 'nobody',
      client_secret: 'nothing',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('rejects a grant type the server does not know with unsupported_grant_type', async () => {
    const response = await requestClientCredentialsToken(idp, {
      grant_type: 'password',
      client_id: publisher.clientId,
      client_secret: publisher.clientSecret,
      username: 'developer@openchoreo.dev',
      password: 'developer',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'unsupported_grant_type',
    });
  });

  it('does not let the workload publisher use the authorization code grant', async () => {
    const response = await requestClientCredentialsToken(idp, {
      grant_type: 'authorization_code',
      code: 'whatever',
      code_verifier: 'a'.repeat(43),
      redirect_uri: 'http://localhost/callback',
      client_id: publisher.clientId,
      client_secret: publisher.clientSecret,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
  });

  it('rejects a resource other than the OpenChoreo API with invalid_target', async () => {
    const response = await requestClientCredentialsToken(idp, {
      grant_type: 'client_credentials',
      resource: 'http://somewhere-else',
      client_id: publisher.clientId,
      client_secret: publisher.clientSecret,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_target' });
  });

  it('publishes discovery metadata with the token endpoint and JWKS', async () => {
    const response = await fetch(`${idp.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = await response.json();
    expect(metadata).toMatchObject({
      issuer: idp.issuer,
      token_endpoint: idp.tokenUrl,
      jwks_uri: idp.jwksUri,
      authorization_endpoint: idp.authorizationUrl,
    });
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(['client_credentials', 'authorization_code']),
    );
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_post', 'client_secret_basic']),
    );
    expect(metadata.code_challenge_methods_supported).toContain('S256');
    expect(metadata.claims_supported).toContain('groups');
  });

  it('publishes only the public part of the signing key', async () => {
    const { keys } = await (await fetch(idp.jwksUri)).json();
    expect(keys).toEqual([
      expect.objectContaining({
        kty: 'RSA',
        kid: idp.signingKey.kid,
        alg: 'RS256',
        use: 'sig',
      }),
    ]);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('logs one line per request with method, path, status and duration', async () => {
    logLines.length = 0;
    await fetch(`${idp.url}/.well-known/openid-configuration?x=1`);
    expect(logLines).toEqual([
      expect.stringMatching(
        /^GET \/\.well-known\/openid-configuration 200 \d+\.\dms$/,
      ),
    ]);
  });
});

describe('startIdentityProvider options', () => {
  it('uses the configured issuer and token lifetime', async () => {
    const idp = await startIdentityProvider({
      issuer: 'http://thunder.openchoreo.localhost:8080',
      accessTokenTtlSeconds: 120,
    });
    try {
      expect(idp.issuer).toBe('http://thunder.openchoreo.localhost:8080');
      const response = await requestClientCredentialsToken(idp, {
        grant_type: 'client_credentials',
        client_id: publisher.clientId,
        client_secret: publisher.clientSecret,
      });
      const body = await response.json();
      expect(body.expires_in).toBe(120);
      const { payload } = await jwtVerify(
        body.access_token,
        createRemoteJWKSet(new URL(idp.jwksUri)),
        { issuer: 'http://thunder.openchoreo.localhost:8080' },
      );
      expect(payload.exp! - payload.iat!).toBe(120);
    } finally {
      await idp.close();
    }
  });

  it('keeps tokens valid across a restart that reuses the signing key', async () => {
    const first = await startIdentityProvider();
    const body = await (
      await requestClientCredentialsToken(first, {
        grant_type: 'client_credentials',
        client_id: publisher.clientId,
        client_secret: publisher.clientSecret,
      })
    ).json();
    await first.close();

    const second = await startIdentityProvider({
      signingKey: first.signingKey,
      issuer: first.issuer,
    });
    const fresh = await startIdentityProvider({ issuer: first.issuer });
    try {
      expect(second.signingKey.kid).toBe(first.signingKey.kid);
      await expect(
        jwtVerify(
          body.access_token,
          createRemoteJWKSet(new URL(second.jwksUri)),
          { issuer: first.issuer },
        ),
      ).resolves.toBeDefined();
      expect(decodeProtectedHeader(body.access_token).kid).not.toBe(
        fresh.signingKey.kid,
      );
      await expect(
        jwtVerify(
          body.access_token,
          createRemoteJWKSet(new URL(fresh.jwksUri)),
          { issuer: first.issuer },
        ),
      ).rejects.toThrow();
    } finally {
      await second.close();
      await fresh.close();
    }
  });

  it('rejects an issuer with a path', async () => {
    await expect(
      startIdentityProvider({ issuer: 'http://localhost:8080/idp' }),
    ).rejects.toThrow(/origin without a path/);
  });
});
