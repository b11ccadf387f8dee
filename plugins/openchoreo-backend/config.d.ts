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
       * How often the background scan updates the builds history (a table in the plugin's
       * database) from OpenChoreo as the service account, in seconds (default 60; 0: off). One
       * replica scans per interval, whatever the number of replicas. A scan asks each namespace
       * for its number of runs (one request) and re-reads the runs still pending or running; it
       * lists a namespace in full only when that number changed (or OpenChoreo does not send
       * it) or `history.fullScanMinutes` passed. Between scans each viewer's look at a
       * component's builds costs one access check as that viewer. Builds started elsewhere
       * appear within this interval (at once for components the events intake reports);
       * builds the portal starts or cancels at once on every replica. Not used when
       * `cache.statusTtlMs` is 0 (each list then reads the component's runs).
       */
      indexIntervalSeconds?: number;
      /** The builds history in the plugin's database. */
      history?: {
        /**
         * How long runs OpenChoreo deleted (its `ttlAfterCompletion`, or a cancel) stay in the
         * history, marked as deleted, in days (default 90; 0: removed at the next scan). The
         * lists show only runs OpenChoreo still has.
         */
        retentionDays?: number;
        /**
         * Every namespace is listed in full at least this often, in minutes (default 60; 0:
         * every scan). Catches what the count of runs cannot tell (a run created and another
         * deleted in one interval).
         */
        fullScanMinutes?: number;
      };
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
