import type { Config } from '@backstage/config';

/** Where the portal's Jenkins is and the credentials it uses (`jenkins.*`, as the community plugin reads them). */
export interface JenkinsConnection {
  baseUrl: string;
  /** The `Authorization` header of every call (never logged, never sent to the browser). */
  headers: Record<string, string>;
  /** How many jobs of a folder the projects list shows (`jenkins.projectCountLimit`, default 50). */
  projectCountLimit: number;
}

/**
 * Reads the `jenkins` settings the community Jenkins backend reads: `baseUrl`, `username` and
 * `apiKey` (the production overlay takes them from JENKINS_BASE_URL/USERNAME/API_KEY), or the
 * `instances` list's entry named `default`. Undefined when Jenkins is not configured.
 */
export function readJenkinsConnection(
  config: Config,
): JenkinsConnection | undefined {
  const jenkins = config.getOptionalConfig('jenkins');
  if (!jenkins) return undefined;
  const instance =
    jenkins
      .getOptionalConfigArray('instances')
      ?.find(i => i.getString('name') === 'default') ?? jenkins;
  const baseUrl = instance.getOptionalString('baseUrl');
  const username = instance.getOptionalString('username');
  const apiKey = instance.getOptionalString('apiKey');
  if (!baseUrl || !username || !apiKey) return undefined;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: {
      Authorization: `Basic ${Buffer.from(`${username}:${apiKey}`).toString(
        'base64',
      )}`,
    },
    projectCountLimit:
      instance.getOptionalNumber('projectCountLimit') ??
      jenkins.getOptionalNumber('projectCountLimit') ??
      50,
  };
}
