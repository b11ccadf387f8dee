import { summarizeBody, type ApiClient, type ApiResponse } from './apiClient';
import { ExitCode, PublishError } from './errors';
import { updatedWorkload, type Workload } from './workload';

/** What a publish did. */
export interface PublishOutcome {
  action: 'created' | 'updated';
  workload: Workload;
}

/** Which component the Workload belongs to and how it was built, for messages and the 409 path. */
export interface PublishRequest {
  workload: Workload;
  namespace: string;
  project: string;
  component: string;
  /** True when the Workload came from a descriptor: on 409 its spec replaces the existing one whole. */
  fromDescriptor: boolean;
  /** The client id, named in 403 messages (never the secret). */
  clientId: string;
}

/**
 * Publishes a Workload the way OpenChoreo's generate-workload step does: `POST /workloads`; on
 * 409 GET the existing one and `PUT /workloads/{name}` with the descriptor's spec, or without a
 * descriptor the existing spec with only its image changed. Either way the existing labels and
 * annotations are kept, except the provenance annotations, which are the new run's.
 */
export async function publishWorkload(
  api: ApiClient,
  request: PublishRequest,
  log: (line: string) => void,
): Promise<PublishOutcome> {
  const { workload, namespace } = request;
  const name = workload.metadata.name;
  const collection = `/namespaces/${encodeURIComponent(namespace)}/workloads`;
  const item = `${collection}/${encodeURIComponent(name)}`;

  const created = await api.request('POST', collection, workload);
  log(`POST ${api.apiRoot}${collection}: ${created.status}`);
  if (created.status === 200 || created.status === 201) {
    return {
      action: 'created',
      workload: (created.json as Workload) ?? workload,
    };
  }
  if (created.status !== 409) throw toPublishError(created, request, 'POST');

  const current = await api.request('GET', item);
  log(
    `GET ${api.apiRoot}${item}: ${current.status} (workload ${name} exists; ${
      request.fromDescriptor
        ? "replacing its spec with the descriptor's"
        : 'changing only its image'
    } and the provenance)`,
  );
  if (current.status !== 200) throw toPublishError(current, request, 'GET');
  const replacement = updatedWorkload(
    current.json as Workload,
    workload,
    !request.fromDescriptor,
  );
  const replaced = await api.request('PUT', item, replacement);
  log(`PUT ${api.apiRoot}${item}: ${replaced.status}`);
  if (replaced.status !== 200 && replaced.status !== 201) {
    throw toPublishError(replaced, request, 'PUT');
  }
  return {
    action: 'updated',
    workload: (replaced.json as Workload) ?? replacement,
  };
}

/** Turns an API refusal into a message that says what to do, with the matching exit code. */
function toPublishError(
  response: ApiResponse,
  request: PublishRequest,
  method: 'POST' | 'GET' | 'PUT',
): PublishError {
  const { namespace, project, component, clientId } = request;
  const name = request.workload.metadata.name;
  const detail = summarizeBody(response);
  const componentMissing =
    response.status === 404 ||
    (response.status === 400 && /component not found/i.test(response.text));
  if (response.status === 401) {
    return new PublishError(
      `The OpenChoreo API rejected the access token (401 ${detail}) even after a new token was requested: ` +
        'the token expired or is not trusted by the API. Check that --token-url (OPENCHOREO_TOKEN_URL) is the ' +
        "identity provider OpenChoreo is configured with, and the client's token validity period.",
      ExitCode.Auth,
    );
  }
  if (response.status === 403) {
    return new PublishError(
      `The service account "${clientId}" may not publish workloads in namespace "${namespace}" (403 ${detail}): ` +
        'grant it a role that allows creating and updating Workloads in that namespace.',
      ExitCode.Auth,
    );
  }
  if (method === 'PUT' && response.status === 404) {
    return new PublishError(
      `Workload "${name}" in namespace "${namespace}" was reported as existing (409) but PUT answered 404 ${detail}: ` +
        'it was deleted meanwhile, or the conflict is with another resource. Run the publish again, and check --workload-name.',
      ExitCode.NotFound,
    );
  }
  if (componentMissing) {
    return new PublishError(
      `Component "${component}" of project "${project}" in namespace "${namespace}" does not exist ` +
        `(${method} answered ${response.status} ${detail}): create it in the portal first (Create → External CI), ` +
        'and check that the namespace, project and component names match exactly.',
      ExitCode.NotFound,
    );
  }
  if (response.status === 400 || response.status === 422) {
    return new PublishError(
      `The OpenChoreo API refused the Workload "${name}" (${method} ${response.status} ${detail}): fix the descriptor or flags.`,
      ExitCode.BadInput,
    );
  }
  return new PublishError(
    `${method} of Workload "${name}" failed: ${response.status} ${detail}`,
    ExitCode.Other,
  );
}
