export interface Config {
  auth?: {
    providers?: {
      /**
       * Sign-in through OpenChoreo's identity provider (Backstage's OIDC authenticator), per auth
       * environment (`development`, `production`). The identity provider must accept
       * `<backend.baseUrl>/api/auth/openchoreo/handler/frame` as redirect URI.
       */
      openchoreo?: {
        [authEnvironment: string]: {
          /** OIDC discovery document (or issuer URL). Production: OPENCHOREO_AUTH_METADATA_URL. */
          metadataUrl: string;
          /** The sign-in client. Production: OPENCHOREO_AUTH_CLIENT_ID. */
          clientId: string;
          /**
           * The sign-in client's secret. Production: OPENCHOREO_AUTH_CLIENT_SECRET.
           * @visibility secret
           */
          clientSecret: string;
          /** Scopes on top of `openid profile email`. Production: OPENCHOREO_AUTH_OIDC_SCOPE. */
          additionalScopes?: string | string[];
          /** `auto` shows the identity provider's login page when there is no session there. */
          prompt?: string;
          /** Overrides `<backend.baseUrl>/api/auth/openchoreo/handler/frame`. */
          callbackUrl?: string;
        };
      };
    };
  };
  openchoreo?: {
    signIn?: {
      /**
       * `openchoreo` (default): people sign in through the provider `auth.providers.openchoreo`.
       * `guest`: the module stays off (production: OPENCHOREO_FEATURES_AUTH_ENABLED=false).
       * @visibility frontend
       */
      provider?: 'openchoreo' | 'guest';
    };
  };
}
