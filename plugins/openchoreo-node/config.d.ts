export interface Config {
  /** Connection of the portal to the OpenChoreo API. */
  openchoreo?: {
    /**
     * OpenChoreo API root, e.g. https://api.openchoreo.example.com; a trailing /api/v1 (the
     * upstream Helm chart's default) is accepted. Production: OPENCHOREO_API_URL.
     */
    baseUrl: string;
    /** Deadline of one OpenChoreo API request in milliseconds (default 30000). */
    requestTimeoutMs?: number;
    /** The portal's service account: OAuth2 client credentials at the identity provider. */
    auth: {
      /** OAuth2 token endpoint, e.g. https://thunder.example.com/oauth2/token. */
      tokenUrl: string;
      /** OAuth2 client id of the portal's service account. */
      clientId: string;
      /**
       * OAuth2 client secret of the portal's service account.
       * @visibility secret
       */
      clientSecret: string;
      /** Space-separated scopes to request with the client-credentials grant. */
      scope?: string;
      /**
       * true: what a person does through the portal reaches OpenChoreo with that person's access
       * token from OpenChoreo's identity provider (sent by the frontend in the x-openchoreo-token
       * header; the portal must sign users in with the OpenChoreo OIDC provider), so OpenChoreo's
       * authorization decides. false (default): the service account acts for everyone, for
       * installations without user-level OpenChoreo authorization. Production:
       * PORTAL_OPENCHOREO_USER_TOKENS (default: OPENCHOREO_FEATURES_AUTH_ENABLED).
       * @visibility frontend
       */
      userTokens?: boolean;
    };
    /** The chart's feature switches. */
    features?: {
      /** OpenChoreo's built-in CI (WorkflowRuns). */
      workflows?: {
        /**
         * false hides and refuses built-in CI workflows (Build now, re-run, the wizard's built-in
         * source); the build history stays readable and External CI stays. Default true.
         * Production: OPENCHOREO_FEATURES_WORKFLOWS_ENABLED.
         * @visibility frontend
         */
        enabled?: boolean;
      };
    };
    /** Change events pushed by OpenChoreo's event forwarder. */
    events?: {
      /**
       * true: OpenChoreo's event forwarder posts change events to the portal's events backend
       * (HTTP ingress topic `openchoreo`) and the catalog refreshes a changed component at once.
       * Default false. Production: OPENCHOREO_EVENTS_ENABLED.
       */
      enabled?: boolean;
    };
  };
}
