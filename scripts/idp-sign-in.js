/*
 * Signs a person in to a Backstage backend through the auth provider `openchoreo` the way the
 * frontend's sign-in popup does, over plain HTTP with a cookie jar: the backend's
 * /api/auth/openchoreo/start, the identity provider's login page (the devstack's form), the
 * callback to /handler/frame, and the result that page posts to the app. Used by the production
 * smoke (scripts/production-smoke.js) and the pack-and-install check (scripts/verify-install).
 */

/** A fetch that keeps cookies and follows redirects by hand (the login page sets cookies on them). */
function createBrowser() {
  const cookies = new Map();
  const request = async (url, init = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...init.headers,
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      signal: AbortSignal.timeout(30_000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const follow = async (url, init) => {
    let response = await request(url, init);
    let location = url;
    while (response.status >= 300 && response.status < 400) {
      location = new URL(response.headers.get('location'), location).href;
      response = await request(location);
    }
    return { response, location };
  };
  return { follow };
}

/**
 * Returns what the popup posts to the app: `{ providerInfo: { accessToken, ... },
 * backstageIdentity: { token, identity } }`. Throws saying which step failed.
 *
 * @param {{ backendUrl: string, appOrigin: string, env: string, login: string, password: string }} options
 */
async function signInThroughIdp({
  backendUrl,
  appOrigin,
  env,
  login,
  password,
}) {
  const { follow } = createBrowser();
  const callback = `${backendUrl}/api/auth/openchoreo/handler/frame`;
  const start = `${backendUrl}/api/auth/openchoreo/start?${new URLSearchParams({
    env,
    scope: 'openid profile email',
    origin: appOrigin,
    flow: 'popup',
  })}`;
  const loginPage = await follow(start);
  const page = await loginPage.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) {
    throw new Error(
      `no login page (${loginPage.response.status} at ${
        loginPage.location
      }): ${page.slice(0, 200)}`,
    );
  }
  const back = await follow(new URL(action, loginPage.location).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password }),
  });
  if (!back.location.startsWith(callback)) {
    throw new Error(
      `the identity provider did not send ${login} back to the app (${back.response.status} at ${back.location})`,
    );
  }
  const html = await back.response.text();
  const encoded = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(
    html,
  )?.[1];
  const message = encoded ? JSON.parse(decodeURIComponent(encoded)) : {};
  if (!message.response) {
    throw new Error(
      `the backend refused the sign-in of ${login}: ${
        message.error?.message ?? html.slice(0, 200)
      }`,
    );
  }
  return message.response;
}

module.exports = { signInThroughIdp };
