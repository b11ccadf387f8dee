/** Result of a finished Jenkins build, as Jenkins reports it. */
export type JenkinsBuildResult = 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED';

/** One historical build of a seeded job; `result: null` means it is still running. */
export interface SeedBuild {
  result: JenkinsBuildResult | null;
  /** How long ago the build started, in minutes before the emulator started. */
  startedMinutesAgo: number;
  /** Build duration; ignored while the build is running. */
  durationMs: number;
  /** Full 40-character commit SHA the build checked out. */
  commit: string;
  /** JUnit results published by the build, if any. */
  tests?: { total: number; failed: number; skipped: number };
  /** Build parameters, shown as a `ParametersAction`. */
  parameters?: Record<string, string>;
  /** Who started the build: a user, or a push seen by the SCM trigger. */
  cause?: 'user' | 'scm';
}

/** A Jenkins job to seed, with its build history (oldest build first). */
export interface SeedJob {
  /** Slash-separated full name; parent folders are created, e.g. `my-folder/my-service`. */
  fullName: string;
  /** `pipeline` (WorkflowJob, the default) or `freestyle` (FreeStyleProject). */
  type?: 'pipeline' | 'freestyle';
  description?: string;
  /** Git remote the job builds, reported in the git `BuildData` action. */
  repositoryUrl: string;
  /** Branch the job builds; defaults to `main`. */
  branch?: string;
  builds: SeedBuild[];
}

/** Options of {@link startJenkinsEmulator}. */
export interface JenkinsEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** User that API calls must authenticate as; defaults to `admin`. */
  username?: string;
  /** API token that API calls must present as the Basic-auth password. */
  apiToken?: string;
  /** Jobs to serve; defaults to {@link defaultSeedJobs}. */
  jobs?: SeedJob[];
  /** How long a triggered build runs before it finishes; defaults to 3000 ms. */
  buildDurationMs?: number;
  /** Receives one line per request: method, path, status and duration. */
  logger?: (line: string) => void;
}

/** Reference to one build, as Jenkins links builds. */
export interface JenkinsBuildRef {
  number: number;
  url: string;
}

/** A running Jenkins emulator. */
export interface JenkinsEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43123`. */
  url: string;
  username: string;
  apiToken: string;
  /** Starts a new build of a job, as `POST /job/.../build` does. */
  triggerBuild(jobFullName: string): JenkinsBuildRef;
  /** Stops the server and cancels running builds' timers. */
  close(): Promise<void>;
}
