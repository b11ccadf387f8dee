export interface Config {
  openchoreo?: {
    /** Short-lived cache of status reads shared by all viewers. */
    cache?: {
      /** How long a status read (component, workload, runs, logs) is reused, in ms (default 2000). */
      statusTtlMs?: number;
      /**
       * How long a signed-in user's permission decision (user, permission, component) is reused,
       * in ms (default 5000, at most 60000; 0: every request asks the permission service). A
       * revoked permission or changed group takes effect within this time.
       */
      permissionTtlMs?: number;
    };
    /** Diagnostics for measuring the plugin. */
    diagnostics?: {
      /**
       * Answer every request with a `Server-Timing` header: ms spent on identity, permission,
       * upstream (OpenChoreo), mapping and in total (default false).
       */
      serverTiming?: boolean;
    };
    /** The Builds tab and card of OpenChoreo's built-in CI. */
    builds?: {
      /**
       * How often a background task lists every build (workflow run) of every namespace as the
       * service account, in seconds (default 60; 0: off). Between two scans each viewer's first
       * look at a component's builds costs one access check as that viewer instead of reading
       * all of the component's runs. Builds started elsewhere appear within this interval;
       * builds the portal starts or cancels at once. Not used when `cache.statusTtlMs` is 0.
       */
      indexIntervalSeconds?: number;
    };
    /** GitHub Actions and GitLab CI runs, read with `integrations.github[]` / `integrations.gitlab[]`. */
    externalCi?: {
      /**
       * How long a page of runs (or a GitHub/GitLab failure) is reused for every viewer, in ms
       * (default 15000): one upstream poll per repository per period, whatever the viewers.
       */
      cacheTtlMs?: number;
    };
    /**
     * The overall deadline of every request to the plugin, in ms (default 20000): when it
     * passes the request answers 504 with a message, and nothing more is sent to OpenChoreo
     * for it.
     */
    requestDeadlineMs?: number;
    /** Files the plugin serves without sign-in (`/api/openchoreo/tools/...`). */
    tools?: {
      /**
       * The bundled publisher CLI served at `/api/openchoreo/tools/openchoreo-publish-workload.cjs`
       * (default: `dist-bundle/` of `@openchoreo-ci/workload-publisher`, built by its `bundle`
       * script). Absolute, or relative to the backend's working directory.
       */
      publisherBundlePath?: string;
    };
  };
  /**
   * The portal's Jenkins, served by this plugin under `/api/openchoreo/jenkins` (the settings the
   * community Jenkins backend reads; production: JENKINS_BASE_URL, JENKINS_USERNAME,
   * JENKINS_API_KEY).
   */
  jenkins?: {
    baseUrl?: string;
    username?: string;
    /** @visibility secret */
    apiKey?: string;
    /** How many jobs of a folder the projects list shows (default 50). */
    projectCountLimit?: number;
    /** Named instances; the one named `default` is used. */
    instances?: Array<{
      name: string;
      baseUrl?: string;
      username?: string;
      /** @visibility secret */
      apiKey?: string;
      projectCountLimit?: number;
    }>;
  };
}
