export interface Config {
  /** The OpenChoreo portal settings the frontend plugin reads. */
  openchoreo?: {
    auth?: {
      /**
       * true: the frontend sends the signed-in user's OpenChoreo access token (header
       * x-openchoreo-token) with every call to the OpenChoreo backend plugin, so that OpenChoreo's
       * authorization decides what the user may see and do; the sign-in page and the component
       * wizard say so. Set it to the backend's value (`@openchoreo-ci/plugin-openchoreo-node`).
       * Default false.
       * @visibility frontend
       */
      userTokens?: boolean;
    };
    /** The chart's feature switches, as the frontend shows them. */
    features?: {
      /** OpenChoreo's built-in CI (WorkflowRuns). */
      workflows?: {
        /**
         * false hides built-in CI (Build now, re-run, Build with options, the wizard's built-in
         * source); the build history stays readable and External CI stays. Default true.
         * @visibility frontend
         */
        enabled?: boolean;
      };
    };
  };
}
