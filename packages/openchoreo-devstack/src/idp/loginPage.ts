import { seedUsers } from './seed';

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );

/** Renders the devstack's sign-in form for one pending interaction. */
export function renderLoginPage(options: {
  uid: string;
  clientId: string;
  login?: string;
  error?: string;
}): string {
  const { uid, clientId, login = '', error } = options;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in - OpenChoreo devstack</title></head>
<body>
  <h1>Sign in to OpenChoreo (devstack)</h1>
  <p>Client: ${escapeHtml(clientId)}</p>
  ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
  <form method="post" action="/interaction/${escapeHtml(uid)}/login">
    <label>Email <input name="login" autocomplete="username" value="${escapeHtml(
      login,
    )}" autofocus></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <button type="submit">Sign in</button>
  </form>
  <p>Seeded users: ${seedUsers
    .map(u => `${escapeHtml(u.email)} / ${escapeHtml(u.password)}`)
    .join(', ')}</p>
</body>
</html>`;
}
