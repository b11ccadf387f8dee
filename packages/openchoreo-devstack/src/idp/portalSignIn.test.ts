import { decodeJwt } from 'jose';
import {
  IdentityProvider,
  startIdentityProvider,
} from './startIdentityProvider';
import { createPkce, IdpBrowser, signInUser } from './signInUser';

/** What an OIDC client such as Backstage's OIDC provider does after the code exchange. */
function userinfo(idp: IdentityProvider, accessToken: string) {
  return fetch(`${idp.url}/oauth2/userinfo`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

describe('signing in to the portal', () => {
  let idp: IdentityProvider;

  beforeAll(async () => {
    idp = await startIdentityProvider({
      port: 0,
      portalRedirectUris: [
        'http://localhost:17007/api/auth/openchoreo/handler/frame',
      ],
    });
  });

  afterAll(() => idp.close());

  it('registers the portal handler of provider id openchoreo first, keeps the older ids and adds configured ones', () => {
    expect(idp.portalRedirectUris).toEqual([
      'http://localhost:7007/api/auth/openchoreo/handler/frame',
      'http://localhost:7007/api/auth/openchoreo-auth/handler/frame',
      'http://localhost:7007/api/auth/oidc/handler/frame',
      'http://localhost:17007/api/auth/openchoreo/handler/frame',
    ]);
  });

  it('carries email, name and groups in the ID token and userinfo for the default scopes', async () => {
    const tokens = await signInUser(idp, 'viewer@openchoreo.dev', 'viewer', {
      scope: 'openid profile email',
    });
    const expected = {
      sub: 'viewer',
      email: 'viewer@openchoreo.dev',
      name: 'Vera Viewer',
      groups: ['viewers'],
    };
    expect(decodeJwt(tokens.id_token)).toMatchObject(expected);
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      sub: 'viewer',
      groups: ['viewers'],
      aud: idp.apiAudience,
    });

    const info = await userinfo(idp, tokens.access_token);
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({
      ...expected,
      email_verified: true,
      preferred_username: 'viewer@openchoreo.dev',
    });
  });

  it('signs in through a configured extra redirect URI and refuses an unknown one', async () => {
    const extra = 'http://localhost:17007/api/auth/openchoreo/handler/frame';
    const tokens = await signInUser(idp, 'outsider', 'outsider', {
      redirectUri: extra,
    });
    expect(decodeJwt(tokens.access_token).groups).toEqual(['outsiders']);

    await expect(
      signInUser(idp, 'developer', 'developer', {
        redirectUri: 'http://localhost:9999/api/auth/openchoreo/handler/frame',
      }),
    ).rejects.toThrow(/showed no login form/);
  });

  it('issues the portal a refresh token whose new access token keeps the groups and works at userinfo', async () => {
    const tokens = await signInUser(idp, 'developer', 'developer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const { clientId, clientSecret } = idp.clients.portal;
    const refreshed = await fetch(idp.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token!,
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    expect(refreshed.status).toBe(200);
    const body = await refreshed.json();
    expect(decodeJwt(body.access_token)).toMatchObject({
      sub: 'developer',
      groups: ['developers'],
    });
    expect((await userinfo(idp, body.access_token)).status).toBe(200);
  });

  it('answers userinfo only for user tokens of this issuer', async () => {
    const missing = await fetch(`${idp.url}/oauth2/userinfo`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('invalid_token');

    const serviceToken = await fetch(idp.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: idp.clients.workloadPublisher.clientId,
        client_secret: idp.clients.workloadPublisher.clientSecret,
      }),
    }).then(r => r.json());
    const asService = await userinfo(idp, serviceToken.access_token);
    expect(asService.status).toBe(401);
    expect(await asService.json()).toEqual({
      error: 'invalid_token',
      error_description: 'the token was not issued to a signed-in user',
    });

    const other = await startIdentityProvider({ port: 0 });
    try {
      const foreign = await signInUser(other, 'developer', 'developer');
      const asForeign = await userinfo(idp, foreign.access_token);
      expect(asForeign.status).toBe(401);
      expect((await asForeign.json()).error_description).toBe(
        'invalid token provided',
      );
    } finally {
      await other.close();
    }
  });

  it('lists every seeded user on the login page', async () => {
    await expect(signInUser(idp, 'viewer', 'wrong')).rejects.toThrow(
      /did not return a code \(status 401/,
    );
    const { response } = await new IdpBrowser().follow(
      `${idp.authorizationUrl}?${new URLSearchParams({
        client_id: idp.clients.portal.clientId,
        response_type: 'code',
        redirect_uri: idp.portalRedirectUris[0],
        scope: 'openid',
        code_challenge: createPkce().challenge,
        code_challenge_method: 'S256',
      })}`,
      idp.portalRedirectUris[0],
    );
    const page = await response.text();
    for (const user of idp.users) {
      expect(page).toContain(`${user.email} / ${user.password}`);
    }
  });
});
