import { ItemRecord, JobRecord } from './model';

/** Jenkins class of a folder. */
export const FOLDER_CLASS = 'com.cloudbees.hudson.plugins.folder.Folder';

/** Jenkins class of a job. */
export function jobClass(job: JobRecord): string {
  return job.type === 'pipeline'
    ? 'org.jenkinsci.plugins.workflow.job.WorkflowJob'
    : 'hudson.model.FreeStyleProject';
}

/** Jenkins class of a job's builds. */
export function buildClass(job: JobRecord): string {
  return job.type === 'pipeline'
    ? 'org.jenkinsci.plugins.workflow.job.WorkflowRun'
    : 'hudson.model.FreeStyleBuild';
}

/** Absolute URL of a job or folder, with the trailing slash Jenkins uses. */
export function itemUrl(baseUrl: string, item: ItemRecord): string {
  const path = item.fullName
    .split('/')
    .filter(Boolean)
    .map(name => `job/${encodeURIComponent(name)}/`)
    .join('');
  return `${baseUrl}/${path}`;
}

/** `a » b`, as Jenkins displays nested names. */
export function fullDisplayName(item: ItemRecord): string {
  return item.fullName.split('/').join(' » ');
}

/** Characters Jenkins refuses in an item name (`Jenkins.checkGoodName`). */
const UNSAFE_NAME_CHARS = /[?*/\\%!@#$^&|<>[\]:;]/;

/** Why Jenkins would refuse `name` as a job or folder name, or undefined. */
export function badItemName(name: string): string | undefined {
  if (name.trim() === '' || name === '.' || name === '..') {
    return `'${name}' is not a name Jenkins accepts`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name) || UNSAFE_NAME_CHARS.test(name)) {
    return `'${name}' holds a character Jenkins refuses in a name (?*/\\%!@#$^&|<>[]:; or a control character)`;
  }
  return undefined;
}
