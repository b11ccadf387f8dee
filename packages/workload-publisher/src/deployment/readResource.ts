import { summarizeBody, type ApiClient } from '../apiClient';
import { ExitCode, PublishError } from '../errors';

/**
 * GETs one API resource (a path below `/api/v1`) the deployment follow-up needs; `undefined` on
 * 404 when `missingOk`. 401 and 403 become exit-3 errors naming what could not be read.
 */
export async function readResource<T>(
  api: ApiClient,
  path: string,
  what: string,
  clientId: string,
  missingOk = false,
): Promise<T | undefined> {
  const response = await api.request('GET', path);
  if (response.status === 200) return response.json as T;
  if (response.status === 404 && missingOk) return undefined;
  const detail = summarizeBody(response);
  if (response.status === 401 || response.status === 403) {
    throw new PublishError(
      `The service account "${clientId}" may not read ${what} (GET ${api.apiRoot}${path}: ${response.status} ${detail}): ` +
        '--wait reads the component, its project, the deployment pipeline, environments, ComponentReleases and ReleaseBindings; ' +
        'grant it a role that may view them.',
      ExitCode.Auth,
    );
  }
  if (response.status === 404) {
    throw new PublishError(
      `${what} does not exist (GET ${api.apiRoot}${path}: 404 ${detail}).`,
      ExitCode.NotFound,
    );
  }
  throw new PublishError(
    `Reading ${what} failed: GET ${api.apiRoot}${path} answered ${response.status} ${detail}.`,
    ExitCode.Other,
  );
}

/** Every item of a v1 list, following `pagination.nextCursor` (at most 50 pages). */
export async function readAllItems<T>(
  api: ApiClient,
  path: string,
  what: string,
  clientId: string,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const list = await readResource<{
      items?: T[];
      pagination?: { nextCursor?: string };
    }>(
      api,
      `${path}${separator}limit=100${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`,
      what,
      clientId,
    );
    items.push(...(list?.items ?? []));
    cursor = list?.pagination?.nextCursor;
    if (!cursor) break;
  }
  return items;
}
