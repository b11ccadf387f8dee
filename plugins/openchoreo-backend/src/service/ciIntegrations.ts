import type { Config } from '@backstage/config';
import type {
  CiIntegration,
  CiIntegrationsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';

// Values Helm charts and examples put in place of a real key (upstream renders the key even
// when Jenkins is disabled, so a placeholder must exist for the pod to start).
const PLACEHOLDERS = new Set([
  'placeholder',
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'replace-me',
  'replaceme',
  'dummy',
  'todo',
  'xxx',
  'none',
  'null',
  'undefined',
  'secret',
  'api-key',
  'apikey',
  'your-api-key',
]);

/** True when a configured secret is empty, an unresolved `${VAR}` or an obvious placeholder. */
export function isPlaceholderSecret(value: string | undefined): boolean {
  const trimmed = value?.trim().toLowerCase() ?? '';
  return (
    trimmed === '' ||
    PLACEHOLDERS.has(trimmed) ||
    /^\$\{.*\}$/.test(trimmed) ||
    /^<.*>$/.test(trimmed) ||
    /^x+$/.test(trimmed)
  );
}

/** Which External CI integrations this portal has usable settings for; never returns credentials. */
export function readCiIntegrations(config: Config): CiIntegrationsResponse {
  return { integrations: [jenkinsIntegration(config)] };
}

function jenkinsIntegration(config: Config): CiIntegration {
  const notConfigured = (reason: string): CiIntegration => ({
    platform: 'jenkins',
    configured: false,
    reason,
  });
  const jenkins = config.getOptionalConfig('jenkins');
  if (!jenkins) {
    return notConfigured('jenkins is not configured in app-config');
  }
  // The community plugin accepts top-level settings or a list of instances (first = default).
  const instance =
    jenkins.getOptionalConfigArray('instances')?.[0] ??
    (jenkins.has('baseUrl') ? jenkins : undefined);
  const baseUrl = readString(instance, 'baseUrl')?.trim();
  if (!instance || !baseUrl) {
    return notConfigured('jenkins.baseUrl is not set');
  }
  if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
    return notConfigured('jenkins.baseUrl is not an http(s) URL');
  }
  if (isPlaceholderSecret(readString(instance, 'apiKey'))) {
    return notConfigured('jenkins.apiKey is empty or a placeholder');
  }
  return { platform: 'jenkins', configured: true, baseUrl };
}

/** Reads a string leniently: an empty value (e.g. an unset env var) or a wrong type is "absent". */
function readString(
  config: Config | undefined,
  key: string,
): string | undefined {
  try {
    return config?.getOptionalString(key);
  } catch {
    return undefined;
  }
}
