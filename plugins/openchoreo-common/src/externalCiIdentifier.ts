// The External CI identifier rules shared by the wizard's fields and the scaffolder action, so
// the form shows exactly the error the action would give.
import type { ExternalCiPlatform } from './annotations';

/** The External CI choices of the wizard: a platform, or `none` (decide later). */
export type ExternalCiChoice = ExternalCiPlatform | 'none';

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;
// Jenkins refuses these in item names (jenkins.model.Jenkins#checkGoodName: `?*/\%!@#$^&|<>[]:;`,
// `/` being the folder separator here); `"` is refused too, as before, though Jenkins allows it.
const JENKINS_FORBIDDEN = /[\\:?*"<>|[\]#%;!@$^&]/;
// ISO control characters (a pasted line break or tab): no CI platform accepts them in a name.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
// GitLab: letters, digits, "_", "-", "."; not starting with "-" or ending with "." or "-", no
// consecutive "." or "-" (so no "." or ".." segment), not ending in ".git" or ".atom".
const GITLAB_SEGMENT = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const GITLAB_CONSECUTIVE_SPECIALS = /[.-]{2}/;
const GITLAB_RESERVED_SUFFIX = /\.(git|atom)$/;

/** What each platform's identifier is called in messages and labels. */
export const IDENTIFIER_LABELS: Record<ExternalCiPlatform, string> = {
  jenkins: 'Jenkins job full name (e.g. my-folder/my-service)',
  'github-actions': 'GitHub repository (owner/repo)',
  'gitlab-ci': 'GitLab project path (group/subgroup/project)',
};

/**
 * Checks the identifier of an External CI platform and returns why it is wrong, or `undefined`
 * when it is fine. The messages say what to enter instead.
 */
export function validateExternalCiIdentifier(
  platform: ExternalCiChoice,
  identifier: string | undefined,
): string | undefined {
  const value = identifier?.trim() ?? '';
  if (platform === 'none') {
    return value
      ? 'No identifier is needed when the CI platform is not chosen yet; remove it or choose a platform.'
      : undefined;
  }
  if (!value) {
    return `Enter the ${IDENTIFIER_LABELS[platform]}.`;
  }
  if (CONTROL_CHARACTER.test(identifier ?? '')) {
    return `The ${IDENTIFIER_LABELS[platform]} contains a line break, tab or another control character: enter it on one line.`;
  }
  if (value !== identifier) {
    return 'Remove the leading or trailing spaces.';
  }
  switch (platform) {
    case 'jenkins':
      return validateJenkinsJobFullName(value);
    case 'github-actions':
      return validateGitHubSlug(value);
    case 'gitlab-ci':
      return validateGitLabProjectPath(value);
    default:
      return undefined;
  }
}

function validateJenkinsJobFullName(value: string): string | undefined {
  const jobPath = /^\/?job\/|\/job\//.test(value);
  if (URL_PATTERN.test(value) || jobPath) {
    const suggestion = suggestJenkinsFullName(value);
    const kind = URL_PATTERN.test(value) ? 'URL' : 'URL path';
    const fix = suggestion
      ? `: use "${suggestion}".`
      : ', e.g. "my-folder/my-service".';
    return `"${value}" is a Jenkins ${kind}, not a job full name. The job full name is the folder path without "job/" segments${fix}`;
  }
  if (value.startsWith('/') || value.endsWith('/') || value.includes('//')) {
    return `"${value}" has an empty folder or job name: use "folder/job", e.g. "my-folder/my-service".`;
  }
  const forbidden = JENKINS_FORBIDDEN.exec(value);
  if (forbidden) {
    return `"${value}" contains "${forbidden[0]}", a character Jenkins does not allow in job names.`;
  }
  if (
    value.split('/').some(name => name.trim() === '.' || name.trim() === '..')
  ) {
    return `"${value}" has a folder or job named "." or "..", which Jenkins does not allow.`;
  }
  return undefined;
}

/** An identifier rewritten into the form to save, and the note that says what changed. */
export interface NormalizedExternalCiIdentifier {
  value: string;
  note: string;
}

/**
 * The form to save when a URL was entered where an identifier belongs, so editors can fix it
 * with a visible note instead of refusing it: a Jenkins job URL or `/job/a/job/b` path (seed 000's
 * form) becomes `a/b`, a GitHub or GitLab repository URL becomes its path. `undefined` when the
 * value is not such a URL (the validator then says what is wrong, if anything).
 */
export function normalizeExternalCiIdentifier(
  platform: ExternalCiPlatform,
  identifier: string,
): NormalizedExternalCiIdentifier | undefined {
  const value = identifier.trim();
  if (platform === 'jenkins') {
    if (!URL_PATTERN.test(value) && !/^\/?job\/|\/job\//.test(value)) {
      return undefined;
    }
    const suggestion = suggestJenkinsFullName(value);
    return suggestion && !validateJenkinsJobFullName(suggestion)
      ? {
          value: suggestion,
          note: `Changed the Jenkins ${
            URL_PATTERN.test(value) ? 'URL' : 'URL path'
          } "${value}" to the job full name "${suggestion}".`,
        }
      : undefined;
  }
  const path = repositoryPathOf(value);
  const valid =
    path !== undefined &&
    (platform === 'github-actions'
      ? !validateGitHubSlug(path)
      : !validateGitLabProjectPath(path));
  return valid
    ? {
        value: path,
        note: `Changed the repository URL "${value}" to its path "${path}".`,
      }
    : undefined;
}

/** `https://host/a/b(.git)`, `git@host:a/b.git` → `a/b`; undefined for anything else. */
function repositoryPathOf(value: string): string | undefined {
  let path: string | undefined;
  if (URL_PATTERN.test(value)) {
    try {
      path = new URL(value).pathname;
    } catch {
      return undefined;
    }
  } else {
    path = /^[^@\s/]+@[^:\s]+:(.+)$/.exec(value)?.[1];
  }
  const cleaned = path
    ?.replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .replace(/\/-\/.*$/, '');
  return cleaned ? cleaned : undefined;
}

/** `https://ci/job/a/job/b/` or `/job/a/job/b` → `a/b`. */
function suggestJenkinsFullName(value: string): string | undefined {
  let path = value;
  if (URL_PATTERN.test(value)) {
    try {
      path = new URL(value).pathname;
    } catch {
      return undefined;
    }
  }
  const segments = path.split('/').filter(Boolean);
  const names: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === 'job' && i + 1 < segments.length) {
      names.push(decodeURIComponent(segments[i + 1]));
      i++;
    }
  }
  return names.length > 0 ? names.join('/') : undefined;
}

function validateGitHubSlug(value: string): string | undefined {
  if (URL_PATTERN.test(value) || value.startsWith('git@')) {
    return `"${value}" is a URL; enter the repository as owner/repo, e.g. "acme/checkout".`;
  }
  const parts = value.split('/');
  if (
    parts.length !== 2 ||
    !GITHUB_OWNER.test(parts[0]) ||
    !GITHUB_REPO.test(parts[1]) ||
    parts[1] === '.' ||
    parts[1] === '..' ||
    parts[1].endsWith('.git')
  ) {
    return `"${value}" is not a GitHub repository slug: use owner/repo, e.g. "acme/checkout".`;
  }
  return undefined;
}

function validateGitLabProjectPath(value: string): string | undefined {
  if (URL_PATTERN.test(value) || value.startsWith('git@')) {
    return `"${value}" is a URL; enter the project path, e.g. "group/subgroup/project".`;
  }
  const parts = value.split('/');
  if (
    parts.length < 2 ||
    !parts.every(
      part =>
        GITLAB_SEGMENT.test(part) &&
        !GITLAB_CONSECUTIVE_SPECIALS.test(part) &&
        !GITLAB_RESERVED_SUFFIX.test(part),
    )
  ) {
    return `"${value}" is not a GitLab project path: use group/project or group/subgroup/project.`;
  }
  return undefined;
}
