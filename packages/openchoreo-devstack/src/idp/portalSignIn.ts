import { IdpBrowser } from './signInUser';

/** What the portal's sign-in popup receives at the end of a successful OpenChoreo sign-in. */
export interface PortalSignInResult {
  /** The Backstage token the frontend sends to the portal's backend. */
  backstageToken: string;
  userEntityRef: string;
  ownershipEntityRefs: string[];
  /** The identity provider's access token (what the frontend sends as `x-openchoreo-token`). */
  accessToken: string;
  /** The whole response as posted to the opener window. */
  response: Record<string, unknown>;
  /** The browser, with the portal's cookies (e.g. the refresh cookie). */
  browser: IdpBrowser;
}

/** Where the sign-in starts and ends. */
export interface PortalSignInOptions {
  /** Where the test backend really listens, e.g. `http://127.0.0.1:41234`. */
  backendUrl: string;
  /** The redirect URI the provider is configured with (`callbackUrl`), registered at the IdP. */
  callbackUrl: string;
  /** The app's origin (`app.baseUrl`), which the popup posts the result to. */
  appOrigin: string;
  login: string;
  password: string;
  /** Auth environment (default `development`). */
  env?: string;
}

/**
 * Signs a person in to the portal the way the frontend's popup does, over real HTTP: the
 * backend's `/api/auth/openchoreo/start`, the identity provider's login page, the callback to
 * `/handler/frame`, and the result the page posts to the app. Throws with what the page or the
 * backend answered when a step fails.
 */
export async function signInThroughPortal(
  options: PortalSignInOptions,
): Promise<PortalSignInResult> {
  const browser = new IdpBrowser();
  const start = new URL(`${options.backendUrl}/api/auth/openchoreo/start`);
  start.search = new URLSearchParams({
    env: options.env ?? 'development',
    scope: 'openid profile email',
    origin: options.appOrigin,
    flow: 'popup',
  }).toString();
  const loginPage = await browser.follow(start.href, options.callbackUrl);
  const page = await loginPage.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) {
    throw new Error(
      `the sign-in showed no login form (${loginPage.response.status} at ${
        loginPage.location
      }): ${page.slice(0, 300)}`,
    );
  }
  const loggedIn = await browser.follow(
    new URL(action, loginPage.location).href,
    options.callbackUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        login: options.login,
        password: options.password,
      }),
    },
  );
  if (!loggedIn.location.startsWith(options.callbackUrl)) {
    throw new Error(
      `the identity provider did not send ${options.login} back to the portal (${loggedIn.response.status} at ${loggedIn.location})`,
    );
  }
  const callback = new URL(loggedIn.location);
  const frame = await browser.request(
    `${options.backendUrl}${callback.pathname}${callback.search}`,
  );
  const html = await frame.text();
  const encoded = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(
    html,
  )?.[1];
  if (!encoded) {
    throw new Error(
      `the portal's sign-in handler answered ${
        frame.status
      } without a result: ${html.slice(0, 300)}`,
    );
  }
  const message = JSON.parse(decodeURIComponent(encoded)) as {
    type: string;
    response?: {
      providerInfo: { accessToken: string };
      backstageIdentity: {
        token: string;
        identity: { userEntityRef: string; ownershipEntityRefs: string[] };
      };
    };
    error?: { name: string; message: string };
  };
  if (!message.response) {
    throw new Error(
      `the portal refused the sign-in of ${options.login}: ${message.error?.name}: ${message.error?.message}`,
    );
  }
  const { providerInfo, backstageIdentity } = message.response;
  return {
    backstageToken: backstageIdentity.token,
    userEntityRef: backstageIdentity.identity.userEntityRef,
    ownershipEntityRefs: backstageIdentity.identity.ownershipEntityRefs,
    accessToken: providerInfo.accessToken,
    response: message.response as unknown as Record<string, unknown>,
    browser,
  };
}
