import type { ResourceObject, ResourceStore } from '../store';
import type { BuildContext } from './runContext';

/** Where a build publishes its Workload over HTTP, like the built-in generate-workload step. */
export interface WorkloadPublisherTarget {
  /** The API server's root URL (a trailing `/api/v1` is tolerated). */
  apiUrl: string;
  /** The identity provider's OAuth2 token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/** Where to publish: the API over HTTP, or straight into the store (tests, no HTTP). */
export type PublishDestination =
  | { target: WorkloadPublisherTarget; fetch?: typeof fetch }
  | { store: ResourceStore };

/** The Workload as published, and what happened, for the task's log. */
export interface PublishResult {
  workload: ResourceObject;
  log: string[];
}

/** The Workload a build produces without a descriptor: owner and image only. */
export function buildWorkload(ctx: BuildContext): ResourceObject {
  if (!ctx.component || !ctx.project) {
    throw new Error(
      `run ${ctx.runName} has no component to publish a Workload for`,
    );
  }
  return {
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Workload',
    metadata: { name: `${ctx.component}-workload`, namespace: ctx.namespace },
    spec: {
      owner: { projectName: ctx.project, componentName: ctx.component },
      container: { image: ctx.image },
    },
  };
}

/**
 * Publishes a Workload like seed 001's step: create it, and when it already exists (409) take
 * the existing one, change only its image, and replace it.
 */
export async function publishWorkload(
  workload: ResourceObject,
  destination: PublishDestination,
): Promise<PublishResult> {
  return 'store' in destination
    ? publishToStore(workload, destination.store)
    : publishOverHttp(workload, destination.target, destination.fetch ?? fetch);
}

function publishToStore(
  workload: ResourceObject,
  store: ResourceStore,
): PublishResult {
  const { name, namespace } = workload.metadata;
  const existing = store.get('Workload', namespace, name);
  if (!existing) {
    store.create(workload);
    return {
      workload,
      log: [`Created Workload ${name} in namespace ${namespace}`],
    };
  }
  const updated = withImageOf(existing, workload);
  store.replace(updated);
  return {
    workload: updated,
    log: [
      `Workload ${name} already exists: updated its image in namespace ${namespace}`,
    ],
  };
}

async function publishOverHttp(
  workload: ResourceObject,
  target: WorkloadPublisherTarget,
  fetchFn: typeof fetch,
): Promise<PublishResult> {
  const { name, namespace = 'default' } = workload.metadata;
  const log = [`Requesting an access token from ${target.tokenUrl}`];
  const token = await requestToken(target, fetchFn);
  const base = `${target.apiUrl
    .replace(/\/+$/, '')
    .replace(/\/api\/v1$/, '')}/api/v1/namespaces/${encodeURIComponent(
    namespace,
  )}/workloads`;
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };

  const created = await fetchFn(base, {
    method: 'POST',
    headers,
    body: JSON.stringify(workload),
  });
  log.push(`POST ${base} -> ${created.status}`);
  if (created.ok) return { workload, log };
  if (created.status !== 409) {
    throw new Error(
      `POST ${base} failed: ${created.status} ${await created.text()}`,
    );
  }

  const itemUrl = `${base}/${encodeURIComponent(name)}`;
  const current = await fetchFn(itemUrl, { headers });
  log.push(
    `Workload ${name} already exists; GET ${itemUrl} -> ${current.status}`,
  );
  const body = current.ok
    ? withImageOf((await current.json()) as ResourceObject, workload)
    : workload;
  const replaced = await fetchFn(itemUrl, {
    method: 'PUT',
    headers,
    body: JSON.stringify(body),
  });
  log.push(`PUT ${itemUrl} -> ${replaced.status}`);
  if (!replaced.ok) {
    throw new Error(
      `PUT ${itemUrl} failed: ${replaced.status} ${await replaced.text()}`,
    );
  }
  return { workload: body, log };
}

async function requestToken(
  target: WorkloadPublisherTarget,
  fetchFn: typeof fetch,
) {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: target.clientId,
    client_secret: target.clientSecret,
  });
  if (target.scope) form.set('scope', target.scope);
  const response = await fetchFn(target.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `token request to ${target.tokenUrl} for client ${target.clientId} failed: ${response.status} ${text}`,
    );
  }
  const accessToken = (JSON.parse(text) as { access_token?: unknown })
    .access_token;
  if (typeof accessToken !== 'string') {
    throw new Error(
      `token response from ${target.tokenUrl} has no access_token`,
    );
  }
  return accessToken;
}

// Without a descriptor the step keeps the existing Workload (endpoints, env...) and swaps the image.
function withImageOf(
  existing: ResourceObject,
  generated: ResourceObject,
): ResourceObject {
  const { name, namespace, labels, annotations } = existing.metadata;
  const spec = existing.spec ?? {};
  const container = (spec.container ?? {}) as Record<string, unknown>;
  const image = (generated.spec?.container as { image: string }).image;
  return {
    apiVersion: existing.apiVersion,
    kind: existing.kind,
    metadata: { name, namespace, labels, annotations },
    spec: { ...spec, container: { ...container, image } },
  };
}
