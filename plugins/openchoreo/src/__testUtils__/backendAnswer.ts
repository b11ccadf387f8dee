/** A failed answer of the portal's backend: Backstage's error body with the request and status. */
export function backendErrorAnswer(
  status: number,
  error: Record<string, unknown>,
  request = { method: 'GET', url: '/x' },
): Response {
  return new Response(
    JSON.stringify({ error, request, response: { statusCode: status } }),
    { status, headers: { 'Content-Type': 'application/json' } },
  );
}
