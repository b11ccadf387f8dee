// Serialises the model the way Jenkins' Stapler exports it: every bean has a
// `_class`, nested jobs and builds are full objects down to `depth` and
// `{_class,number,url}` references below it (as with `?depth=N`). `tree=`
// filtering then runs on this output, see `tree.ts`.
import { BuildRecord, FolderRecord, ItemRecord, JobRecord } from './model';
import { buildJson, buildRef } from './buildJson';
import { FOLDER_CLASS, fullDisplayName, itemUrl, jobClass } from './names';

type Json = Record<string, unknown>;

const COLORS: Record<string, string> = {
  SUCCESS: 'blue',
  FAILURE: 'red',
  UNSTABLE: 'yellow',
  ABORTED: 'aborted',
};

function color(job: JobRecord): string {
  const completed = job.builds.findLast(b => !b.building);
  const base = (completed?.result && COLORS[completed.result]) || 'notbuilt';
  return job.builds.at(-1)?.building ? `${base}_anime` : base;
}

const HEALTH_BANDS: Array<[number, string]> = [
  [80, '80plus'],
  [60, '60to79'],
  [40, '40to59'],
  [20, '20to39'],
];

function healthReport(job: JobRecord): Json[] {
  const recent = job.builds.filter(b => !b.building).slice(-5);
  if (recent.length === 0) return [];
  const failed = recent.filter(b => b.result !== 'SUCCESS').length;
  const score = Math.round(((recent.length - failed) / recent.length) * 100);
  const band = HEALTH_BANDS.find(([min]) => score > min)?.[1] ?? '00to19';
  return [
    {
      description:
        failed === 0
          ? 'Build stability: No recent builds failed.'
          : `Build stability: ${failed} out of the last ${recent.length} builds failed.`,
      iconClassName: `icon-health-${band}`,
      iconUrl: `health-${band}.png`,
      score,
    },
  ];
}

function jobJson(baseUrl: string, job: JobRecord, depth: number): Json {
  const asBuild = (build?: BuildRecord) => {
    if (!build) return null;
    return depth > 0
      ? buildJson(baseUrl, job, build)
      : buildRef(baseUrl, job, build);
  };
  const newestFirst = [...job.builds].reverse();
  const completed = newestFirst.filter(b => !b.building);
  return {
    _class: jobClass(job),
    actions: [],
    description: job.description,
    displayName: job.name,
    displayNameOrNull: null,
    fullDisplayName: fullDisplayName(job),
    fullName: job.fullName,
    name: job.name,
    url: itemUrl(baseUrl, job),
    buildable: true,
    builds: newestFirst.map(asBuild),
    color: color(job),
    firstBuild: asBuild(job.builds[0]),
    healthReport: healthReport(job),
    inQueue: false,
    keepDependencies: false,
    lastBuild: asBuild(newestFirst[0]),
    lastCompletedBuild: asBuild(completed[0]),
    lastFailedBuild: asBuild(completed.find(b => b.result === 'FAILURE')),
    lastStableBuild: asBuild(completed.find(b => b.result === 'SUCCESS')),
    lastSuccessfulBuild: asBuild(
      completed.find(b => b.result === 'SUCCESS' || b.result === 'UNSTABLE'),
    ),
    lastUnstableBuild: asBuild(completed.find(b => b.result === 'UNSTABLE')),
    lastUnsuccessfulBuild: asBuild(completed.find(b => b.result !== 'SUCCESS')),
    nextBuildNumber: job.nextBuildNumber,
    property: [],
    queueItem: null,
    concurrentBuild: job.type === 'pipeline',
  };
}

function folderJson(baseUrl: string, folder: FolderRecord, depth: number) {
  const isRoot = folder.fullName === '';
  const jobs = [...folder.children.values()].map(child => {
    if (depth > 0) return itemJson(baseUrl, child, depth - 1);
    const ref: Json = {
      _class: child.kind === 'folder' ? FOLDER_CLASS : jobClass(child),
      name: child.name,
      url: itemUrl(baseUrl, child),
    };
    if (child.kind === 'job') ref.color = color(child);
    return ref;
  });
  if (isRoot) {
    return {
      _class: 'hudson.model.Hudson',
      mode: 'NORMAL',
      nodeDescription: 'the OpenChoreo devstack Jenkins emulator',
      nodeName: '',
      numExecutors: 2,
      jobs,
      url: `${baseUrl}/`,
      useCrumbs: true,
      useSecurity: true,
    };
  }
  return {
    _class: FOLDER_CLASS,
    actions: [],
    description: null,
    displayName: folder.name,
    displayNameOrNull: null,
    fullDisplayName: fullDisplayName(folder),
    fullName: folder.fullName,
    name: folder.name,
    url: itemUrl(baseUrl, folder),
    healthReport: [],
    jobs,
  };
}

/** A job, folder, or (for the root folder) Jenkins itself at the given `depth`. */
export function itemJson(
  baseUrl: string,
  item: ItemRecord,
  depth: number,
): Json {
  return item.kind === 'folder'
    ? folderJson(baseUrl, item, depth)
    : jobJson(baseUrl, item, depth);
}
