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
