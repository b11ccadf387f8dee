/*
 * Search across the logs of a component's builds (`GET /components/:namespace/:component/
 * log-search?phrase`), read from the observability plane's Observer. Isomorphic: types only.
 */
import type { WorkflowRunState } from './api';

/** One line of a step that contains the phrase. */
export interface BuildLogSearchMatch {
  /** 1-based line number in the step's log (the run view's `&line=`). */
  line: number;
  timestamp?: string;
  text: string;
}

/** The matches of one step of a build. */
export interface BuildLogSearchStep {
  step: string;
  matches: BuildLogSearchMatch[];
  /** True when the step has more matches than listed. */
  more?: boolean;
}

/** One build whose logs contain the phrase. */
export interface BuildLogSearchBuild {
  run: string;
  status: WorkflowRunState;
  createdAt?: string;
  commit?: string;
  steps: BuildLogSearchStep[];
}

/** The answer of the build log search. */
export interface BuildLogSearchResponse {
  phrase: string;
  /** Builds with matches, newest first. */
  builds: BuildLogSearchBuild[];
  /** How many of the component's builds were searched (the newest ones). */
  searchedBuilds: number;
  /** True when the component has more builds than were searched. */
  truncated: boolean;
  /**
   * `none` when no build's workflow plane has an observability plane: nothing keeps build logs,
   * so nothing can be searched (`message` says what a platform engineer can do).
   */
  observability: 'available' | 'none';
  /** Builds that could not be searched (their workflow plane has no observability plane). */
  unsearchedBuilds?: number;
  message?: string;
}

/** Longest phrase the build log search accepts. */
export const BUILD_LOG_SEARCH_MAX_PHRASE = 200;
