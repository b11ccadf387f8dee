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
    };
  };
}
