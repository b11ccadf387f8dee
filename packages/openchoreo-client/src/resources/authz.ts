import { expectData, OpenChoreoHttp } from '../transport';
import type { AuthzDecision, AuthzEvaluateRequest } from '../types';

/** OpenChoreo's authorization checks. @public */
export interface AuthzClient {
  /**
   * Asks OpenChoreo whether the caller (or `subject_context`) may take each action, in one call
   * (`POST /api/v1/authz/evaluates`); the decisions come back in the order of the requests.
   */
  evaluate(requests: AuthzEvaluateRequest[]): Promise<AuthzDecision[]>;
}

export function createAuthzClient(http: OpenChoreoHttp): AuthzClient {
  return {
    async evaluate(requests) {
      const result = await http.POST('/api/v1/authz/evaluates', {
        body: requests,
      });
      return expectData(result, 'the authorization decisions');
    },
  };
}
