export interface Config {
  openchoreo?: {
    /** Short-lived cache of status reads shared by all viewers. */
    cache?: {
      /** How long a status read (component, workload, runs, logs) is reused, in ms (default 2000). */
      statusTtlMs?: number;
    };
  };
}
