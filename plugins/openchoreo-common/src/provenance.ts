// Where a Workload came from: the annotations the workload publisher (CLI and curl script) writes
// onto the Workload it publishes, and the parser the portal reads them back with. The shell
// script `packages/workload-publisher/scripts/publish-workload.sh` applies the same rules in jq;
// the publisher's tests run one table of values through both.

/** The prefix of every provenance annotation; it is ours (not `openchoreo.dev/` or another reserved one). */
export const WORKLOAD_PROVENANCE_PREFIX = 'ci.openchoreo-ci.dev/';

/** The provenance annotations on a Workload, by field. */
export const WORKLOAD_PROVENANCE_ANNOTATIONS = {
  /** The CI platform: `jenkins`, `github-actions`, `gitlab-ci` or `other`. */
  platform: 'ci.openchoreo-ci.dev/platform',
  /** The pipeline: Jenkins job full name, GitHub workflow name, GitLab pipeline name or project path. */
  pipeline: 'ci.openchoreo-ci.dev/pipeline',
  /** The source repository: GitHub `owner/repo`, GitLab project path. */
  repository: 'ci.openchoreo-ci.dev/repository',
  /** The run's number as the CI shows it (Jenkins build #, GitHub run #, GitLab pipeline #). */
  runNumber: 'ci.openchoreo-ci.dev/run-number',
  /** The http(s) URL of the run (Jenkins build, GitHub Actions run, GitLab pipeline). */
  runUrl: 'ci.openchoreo-ci.dev/run-url',
  /** The commit SHA that was built (7 to 64 hex digits, lowercase). */
  commit: 'ci.openchoreo-ci.dev/commit',
  /** The branch or tag that was built. */
  ref: 'ci.openchoreo-ci.dev/ref',
  /** When the Workload was published, ISO 8601 UTC (`2026-05-04T10:20:30Z`). */
  publishedAt: 'ci.openchoreo-ci.dev/published-at',
  /** The tool that published it: `openchoreo-publish-workload/<version>` or `publish-workload.sh`. */
  publisher: 'ci.openchoreo-ci.dev/publisher',
} as const;

/** A provenance field name, e.g. `runUrl`. */
export type WorkloadProvenanceField =
  keyof typeof WORKLOAD_PROVENANCE_ANNOTATIONS;

/** The CI platforms a provenance names; `other` for any CI the publisher does not recognise. */
export const WORKLOAD_PROVENANCE_PLATFORMS = [
  'jenkins',
  'github-actions',
  'gitlab-ci',
  'other',
] as const;

/** One of {@link WORKLOAD_PROVENANCE_PLATFORMS}. */
export type WorkloadProvenancePlatform =
  (typeof WORKLOAD_PROVENANCE_PLATFORMS)[number];

/** Where a Workload came from; every field is optional (a publish from a laptop has only the time). */
export interface WorkloadProvenance {
  platform?: WorkloadProvenancePlatform;
  pipeline?: string;
  repository?: string;
  runNumber?: string;
  runUrl?: string;
  commit?: string;
  ref?: string;
  publishedAt?: string;
  publisher?: string;
}

/** The fields in the order they are written and listed. */
export const WORKLOAD_PROVENANCE_FIELDS = Object.keys(
  WORKLOAD_PROVENANCE_ANNOTATIONS,
) as WorkloadProvenanceField[];

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+\S*$/;
const COMMIT = /^[0-9a-f]{7,64}$/i;
const RUN_NUMBER = /^[0-9]{1,19}$/;
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const MAX_TEXT = 255;
const MAX_URL = 2048;

/** The value rule of each field, as the sentence that ends "...must be ...". */
export const WORKLOAD_PROVENANCE_RULES: Record<
  WorkloadProvenanceField,
  string
> = {
  platform: `one of ${WORKLOAD_PROVENANCE_PLATFORMS.join(', ')}`,
  pipeline: `text of at most ${MAX_TEXT} characters on one line`,
  repository: `text of at most ${MAX_TEXT} characters on one line`,
  runNumber: 'a whole number (digits only)',
  runUrl: `an http(s) URL of at most ${MAX_URL} characters`,
  commit: 'a commit SHA of 7 to 64 hex digits',
  ref: `a branch or tag name of at most ${MAX_TEXT} characters on one line`,
  publishedAt: 'an ISO 8601 UTC time such as 2026-05-04T10:20:30Z',
  publisher: `text of at most ${MAX_TEXT} characters on one line`,
};

function isText(value: string): boolean {
  return value.length <= MAX_TEXT && !CONTROL_CHARACTER.test(value);
}

/** True when `value` is acceptable for the field (after {@link normalizeProvenanceValue}). */
export function isValidProvenanceValue(
  field: WorkloadProvenanceField,
  value: string,
): boolean {
  if (value === '' || value.trim() !== value) return false;
  switch (field) {
    case 'platform':
      return (WORKLOAD_PROVENANCE_PLATFORMS as readonly string[]).includes(
        value,
      );
    case 'runNumber':
      return RUN_NUMBER.test(value);
    case 'runUrl':
      return (
        value.length <= MAX_URL &&
        HTTP_URL.test(value) &&
        !CONTROL_CHARACTER.test(value)
      );
    case 'commit':
      return COMMIT.test(value);
    case 'publishedAt':
      return UTC_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
    default:
      return isText(value);
  }
}

/** The stored form of a value: trimmed, commit SHAs in lowercase. */
export function normalizeProvenanceValue(
  field: WorkloadProvenanceField,
  value: string,
): string {
  const trimmed = value.trim();
  return field === 'commit' ? trimmed.toLowerCase() : trimmed;
}

/** The annotations that record `provenance` on a Workload; empty fields are left out. */
export function toWorkloadProvenanceAnnotations(
  provenance: WorkloadProvenance,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const field of WORKLOAD_PROVENANCE_FIELDS) {
    const value = provenance[field];
    if (value) annotations[WORKLOAD_PROVENANCE_ANNOTATIONS[field]] = value;
  }
  return annotations;
}

/** True for an annotation key under {@link WORKLOAD_PROVENANCE_PREFIX}. */
export function isWorkloadProvenanceAnnotation(key: string): boolean {
  return key.startsWith(WORKLOAD_PROVENANCE_PREFIX);
}

/**
 * A Workload's annotations after a new publish: every provenance annotation of the previous
 * publish is removed (a field the new run does not have must not survive), the new ones are
 * added, and all other annotations are kept.
 */
export function replaceWorkloadProvenance(
  annotations: Readonly<Record<string, string>> | undefined,
  provenanceAnnotations: Readonly<Record<string, string>>,
): Record<string, string> {
  const kept = Object.entries(annotations ?? {}).filter(
    ([key]) => !isWorkloadProvenanceAnnotation(key),
  );
  return { ...Object.fromEntries(kept), ...provenanceAnnotations };
}

/**
 * Reads a Workload's provenance from its annotations, or `undefined` when it has none. A value
 * that breaks its rule is left out (annotations can be edited by hand), so a `run-url` that is
 * not http(s) is never returned as a link.
 */
export function readWorkloadProvenance(
  annotations: Readonly<Record<string, string | undefined>> | undefined,
): WorkloadProvenance | undefined {
  if (!annotations) return undefined;
  const provenance: Record<string, string> = {};
  for (const field of WORKLOAD_PROVENANCE_FIELDS) {
    const raw = annotations[WORKLOAD_PROVENANCE_ANNOTATIONS[field]];
    if (typeof raw !== 'string') continue;
    const value = normalizeProvenanceValue(field, raw);
    if (isValidProvenanceValue(field, value)) provenance[field] = value;
  }
  return Object.keys(provenance).length > 0
    ? (provenance as WorkloadProvenance)
    : undefined;
}
