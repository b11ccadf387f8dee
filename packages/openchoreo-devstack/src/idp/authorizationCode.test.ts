import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import {
  IdentityProvider,
  startIdentityProvider,
} from './startIdentityProvider';
import { createPkce, exchangeCode, IdpBrowser } from './signInUser';

const redirectUri =
  'http://localhost:7007/api/auth/openchoreo-auth/handler/frame';

describe('authorization code flow with PKCE', () => {
  let idp: IdentityProvider;

  beforeAll(async () => {
    idp = await startIdentityProvider({ port: 0 });
  });

  afterAll(async () => {
    await idp.close();
  });

  function authorizationRequestUrl(challenge: string, state: string) {
    const url = new URL(idp.authorizationUrl);
    url.search = new URLSearchParams({
      client_id: idp.clients.portal.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid profile email groups',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.href;
  }

  /** Signs in through the login form and returns where the browser was finally sent. */
  async function signIn(login: string, password: string, challenge: string) {
    const browser = new IdpBrowser();
    const loginPage = await browser.follow(
      authorizationRequestUrl(challenge, 'state-123'),
      redirectUri,
    );
    expect(loginPage.response.status).toBe(200);
    const html = await loginPage.response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(action).toMatch(/^\/interaction\/[^/]+\/login$/);

    return browser.follow(new URL(action!, idp.url).href, redirectUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password }),
    });
  }

  const exchange = (code: string, verifier: string) =>
    exchangeCode(idp, code, verifier, redirectUri);

  it('gives a signed-in developer an access token with the groups claim', async () => {
    const pkce = createPkce();
    const { location } = await signIn(
      'developer@openchoreo.dev',
      'developer',
      pkce.challenge,
    );
    const callback = new URL(location);
    expect(callback.searchParams.get('state')).toBe('state-123');
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const response = await exchange(code, pkce.verifier);
    expect(response.status).toBe(200);
    const tokens = await response.json();
    expect(tokens.token_type).toBe('Bearer');

    const { payload, protectedHeader } = await jwtVerify(
      tokens.access_token,
      createRemoteJWKSet(new URL(idp.jwksUri)),
      { issuer: idp.issuer, audience: 'http://openchoreo-api' },
    );
    expect(protectedHeader).toMatchObject({
      alg: 'RS256',
      kid: idp.signingKey.kid,
    });
    expect(payload.sub).toBe('developer');
    expect(payload.groups).toEqual(['developers']);
    expect(payload.client_id).toBe(idp.clients.portal.clientId);

    const idToken = decodeJwt(tokens.id_token);
    expect(idToken).toMatchObject({
      sub: 'developer',
      email: 'developer@openchoreo.dev',
      groups: ['developers'],
      aud: idp.clients.portal.clientId,
    });
  });

  it('gives the platform engineer the platform-engineers group', async () => {
    const pkce = createPkce();
    const { location } = await signIn(
      'platform-engineer@openchoreo.dev',
      'platform-engineer',
      pkce.challenge,
    );
    const code = new URL(location).searchParams.get('code')!;
    const tokens = await (await exchange(code, pkce.verifier)).json();
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      sub: 'platform-engineer',
      groups: ['platform-engineers'],
    });
  });

  it('shows the login form again on a wrong password', async () => {
    const pkce = createPkce();
    const { response, location } = await signIn(
      'developer@openchoreo.dev',
      'wrong',
      pkce.challenge,
    );
    expect(location).not.toContain(redirectUri);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Unknown user or wrong password');
  });

  it('refuses the code without the matching PKCE verifier', async () => {
    const pkce = createPkce();
    const { location } = await signIn(
      'developer@openchoreo.dev',
      'developer',
      pkce.challenge,
    );
    const code = new URL(location).searchParams.get('code')!;
    const response = await exchange(code, createPkce().verifier);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('requires PKCE', async () => {
    const url = new URL(authorizationRequestUrl('x', 'state-1'));
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const { location } = await new IdpBrowser().follow(url.href, redirectUri);
    const callback = new URL(location);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
  });
});
