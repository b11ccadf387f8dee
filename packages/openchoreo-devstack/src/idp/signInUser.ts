import { createHash, randomBytes } from 'node:crypto';

/** A minimal browser: keeps cookies and follows redirects by hand until one leaves the IdP. */
export class IdpBrowser {
  private readonly cookies = new Map<string, string>();

  /** One request with the cookies collected so far; redirects are not followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) {
      headers.set(
        'cookie',
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      );
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return response;
  }

  /** Follows redirects from `url` until one points at `stopAt` or a page is shown. */
  async follow(url: string, stopAt: string, init?: RequestInit) {
    let response = await this.request(url, init);
    let location = url;
    while (response.status >= 300 && response.status < 400) {
      location = new URL(response.headers.get('location')!, location).href;
      if (location.startsWith(stopAt)) return { location, response };
      response = await this.request(location);
    }
    return { location, response };
  }
}

/** A PKCE verifier and its S256 challenge. */
export function createPkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** What {@link signInUser} needs to know about the identity provider and the portal client. */
export interface SignInTarget {
  /** The IdP's base URL (where `/interaction/...` lives). */
  url: string;
  authorizationUrl: string;
  tokenUrl: string;
  clients: { portal: { clientId: string; clientSecret: string } };
  portalRedirectUris: readonly string[];
}

/** The token response of a successful sign-in. */
export interface UserTokens {
  access_token: string;
  id_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
}

/** The portal client's code exchange at the token endpoint (client_secret_basic, PKCE). */
export function exchangeCode(
  idp: Pick<SignInTarget, 'tokenUrl' | 'clients'>,
  code: string,
  verifier: string,
  redirectUri: string,
): Promise<Response> {
  const { clientId, clientSecret } = idp.clients.portal;
  return fetch(idp.tokenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(
        `${clientId}:${clientSecret}`,
      ).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
}

/**
 * Signs a seeded user in through the IdP's real login page (authorization code + PKCE, as the
 * portal's OIDC provider does) and exchanges the code for tokens. For tests that need a real
 * user access token; throws with the login page's answer when the credentials are refused.
 */
export async function signInUser(
  idp: SignInTarget,
  login: string,
  password: string,
  options: { scope?: string; redirectUri?: string } = {},
): Promise<UserTokens> {
  const redirectUri = options.redirectUri ?? idp.portalRedirectUris[0];
  const pkce = createPkce();
  const browser = new IdpBrowser();
  const authorize = new URL(idp.authorizationUrl);
  authorize.search = new URLSearchParams({
    client_id: idp.clients.portal.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope ?? 'openid profile email',
    state: randomBytes(8).toString('hex'),
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }).toString();
  const loginPage = await browser.follow(authorize.href, redirectUri);
  const action = /<form method="post" action="([^"]+)"/.exec(
    await loginPage.response.text(),
  )?.[1];
  if (!action) {
    throw new Error(
      `the IdP showed no login form for ${authorize.href} (status ${loginPage.response.status})`,
    );
  }
  const { location, response } = await browser.follow(
    new URL(action, idp.url).href,
    redirectUri,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password }),
    },
  );
  const code = location.startsWith(redirectUri)
    ? new URL(location).searchParams.get('code')
    : null;
  if (!code) {
    throw new Error(
      `sign-in of ${login} did not return a code (status ${response.status}, at ${location})`,
    );
  }
  const tokenResponse = await exchangeCode(
    idp,
    code,
    pkce.verifier,
    redirectUri,
  );
  if (!tokenResponse.ok) {
    throw new Error(
      `code exchange for ${login} failed: ${
        tokenResponse.status
      } ${await tokenResponse.text()}`,
    );
  }
  return (await tokenResponse.json()) as UserTokens;
}

/** A client-credentials access token, requested like the seeds' curl (client_secret_post). */
export async function clientCredentialsToken(
  tokenUrl: string,
  client: { clientId: string; clientSecret: string },
): Promise<string> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  if (!response.ok) {
    throw new Error(
      `client-credentials token for ${client.clientId} failed: ${
        response.status
      } ${await response.text()}`,
    );
  }
  return ((await response.json()) as { access_token: string }).access_token;
}
