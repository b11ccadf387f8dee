/**
 * Fallbacks between the environment variables the upstream OpenChoreo Helm chart sets, applied
 * before the config is read. The chart sets `OPENCHOREO_SERVICE_CLIENT_*` only when the portal
 * has a dedicated service account; otherwise the sign-in client doubles as the service account.
 * Backstage's config substitution can only fall back to a literal, not to another variable.
 */
export function applyChartEnvironmentFallbacks(
  env: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  env.OPENCHOREO_SERVICE_CLIENT_ID ||= env.OPENCHOREO_AUTH_CLIENT_ID;
  env.OPENCHOREO_SERVICE_CLIENT_SECRET ||= env.OPENCHOREO_AUTH_CLIENT_SECRET;
  return env;
}
