export interface Config {
  openchoreo?: {
    /** How people sign in to the portal; the sign-in page shows it. */
    signIn?: {
      /**
       * `openchoreo` (default): through OpenChoreo's identity provider
       * (`auth.providers.openchoreo`). `guest`: no identity provider, everyone is the guest user
       * (production: OPENCHOREO_FEATURES_AUTH_ENABLED=false).
       * @visibility frontend
       */
      provider?: 'openchoreo' | 'guest';
      /**
       * Also offer guest sign-in next to OpenChoreo (local use; Backstage refuses guests in
       * production unless auth.providers.guest.dangerouslyAllowOutsideDevelopment is set).
       * @visibility frontend
       */
      guest?: boolean;
    };
  };
}
