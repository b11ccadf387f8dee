import { createHash } from 'node:crypto';
import type { BuildContext } from './runContext';
import type { RunEvent, RunLogLine } from './types';

/** The tasks of the simulated built-in build, in order. */
export const BUILD_TASKS = [
  'checkout-source',
  'build-image',
  'publish-image',
  'generate-workload',
] as const;

/** Name of one simulated build task. */
export type BuildTaskName = (typeof BUILD_TASKS)[number];

/** Simulated duration of each task when it succeeds. */
export const TASK_DURATION_MS: Record<BuildTaskName, number> = {
  'checkout-source': 3_000,
  'build-image': 8_000,
  'publish-image': 4_000,
  'generate-workload': 2_000,
};

const STEP_IMAGES: Record<BuildTaskName, string> = {
  'checkout-source': 'alpine/git:2.45.2',
  'build-image': 'docker:27-dind',
  'publish-image': 'docker:27-cli',
  'generate-workload': 'ghcr.io/openchoreo/occ:latest',
};

function podName(ctx: BuildContext, task: BuildTaskName) {
  const suffix = createHash('sha1')
    .update(`${ctx.runName}/${task}`)
    .digest('hex')
    .slice(0, 10);
  return `${ctx.runName}-${task}-${suffix}`;
}

function digest(seed: string) {
  return createHash('sha256').update(seed).digest('hex');
}

function splitImage(image: string): [string, string] {
  const at = image.lastIndexOf(':');
  return [image.slice(0, at), image.slice(at + 1)];
}

const OUTPUT: Record<BuildTaskName, (ctx: BuildContext) => string[]> = {
  'checkout-source': ctx => [
    `+ git clone --single-branch --branch ${ctx.branch} --depth 1 ${ctx.repoUrl} /mnt/vol/source`,
    `Cloning into '/mnt/vol/source'...`,
    'remote: Enumerating objects: 128, done.',
    'remote: Counting objects: 100% (128/128), done.',
    'remote: Compressing objects: 100% (97/97), done.',
    'Receiving objects: 100% (128/128), 46.12 KiB | 2.31 MiB/s, done.',
    'Resolving deltas: 100% (12/12), done.',
    `+ git -C /mnt/vol/source checkout ${ctx.commit}`,
    `HEAD is now at ${ctx.commit.slice(0, 7)}`,
    `git-revision=${ctx.commit.slice(0, 7)}`,
  ],
  'build-image': ctx => [
    `+ docker build -t ${ctx.image} -f ${ctx.appPath}/Dockerfile ${ctx.appPath}`,
    '#0 building with "default" instance using docker driver',
    '#1 [internal] load build definition from Dockerfile',
    '#1 transferring dockerfile: 412B done',
    '#2 [internal] load metadata for docker.io/library/node:22-alpine',
    '#3 [internal] load .dockerignore',
    '#4 [1/5] FROM docker.io/library/node:22-alpine',
    '#5 [2/5] WORKDIR /app',
    '#6 [3/5] COPY package*.json ./',
    '#7 [4/5] RUN npm ci --omit=dev',
    '#7 4.812 added 212 packages, and audited 213 packages in 4s',
    '#8 [5/5] COPY . .',
    '#9 exporting to image',
    `#9 writing image sha256:${digest(`${ctx.image}/image`)} done`,
    `#9 naming to ${ctx.image} done`,
  ],
  'publish-image': ctx => {
    const [repository, tag] = splitImage(ctx.image);
    return [
      `+ docker push ${ctx.image}`,
      `The push refers to repository [${repository}]`,
      `${digest(`${ctx.image}/1`).slice(0, 12)}: Pushed`,
      `${digest(`${ctx.image}/2`).slice(0, 12)}: Pushed`,
      `${digest(`${ctx.image}/3`).slice(0, 12)}: Mounted from library/node`,
      `${tag}: digest: sha256:${digest(`${ctx.image}/manifest`)} size: 1573`,
      `image=${ctx.image}`,
    ];
  },
  'generate-workload': ctx => [
    `Generating the Workload of component ${ctx.component} (project ${ctx.project}) for image ${ctx.image}`,
    `No workload descriptor at ${ctx.appPath}/workload.yaml: the Workload carries the image only`,
  ],
};

const ERRORS: Record<BuildTaskName, (ctx: BuildContext) => string[]> = {
  'checkout-source': ctx => [
    `fatal: unable to access '${ctx.repoUrl}': The requested URL returned error: 403`,
    'Error: git clone failed with exit code 128',
  ],
  'build-image': () => [
    '#7 ERROR: process "/bin/sh -c npm ci --omit=dev" did not complete successfully: exit code: 1',
    'ERROR: failed to solve: process "/bin/sh -c npm ci --omit=dev" did not complete successfully: exit code: 1',
  ],
  'publish-image': ctx => [
    'unauthorized: authentication required',
    `Error: failed to push ${ctx.image}`,
  ],
  'generate-workload': ctx => [
    `Error: failed to publish the Workload of component ${ctx.component}: the API server answered 500`,
  ],
};

/** True when `name` is one of the simulated build tasks. */
export function isBuildTask(name: string): name is BuildTaskName {
  return (BUILD_TASKS as readonly string[]).includes(name);
}

/** How long a task runs: a failing one stops half-way. */
export function taskDurationMs(task: BuildTaskName, failing: boolean): number {
  return failing ? TASK_DURATION_MS[task] / 2 : TASK_DURATION_MS[task];
}

/** The task's message when a failure was injected into it (Argo style). */
export function injectedFailureMessage(task: BuildTaskName): string {
  const code = task === 'checkout-source' ? 128 : 1;
  return `Error (exit code ${code}): failure injected by the devstack at task ${task}`;
}

/**
 * The task's log lines with timestamps spread over its run time (lines in the future are not
 * served until the clock reaches them). A failing task prints half of its output, then the error.
 */
export function taskLogLines(
  task: BuildTaskName,
  ctx: BuildContext,
  startedAt: Date,
  failing: boolean,
): RunLogLine[] {
  const output = OUTPUT[task](ctx);
  const lines = failing
    ? [...output.slice(0, Math.ceil(output.length / 2)), ...ERRORS[task](ctx)]
    : output;
  const span = taskDurationMs(task, failing) * 0.9;
  return lines.map((log, i) => ({
    timestamp: new Date(
      startedAt.getTime() + Math.round((span * i) / lines.length),
    ).toISOString(),
    log,
  }));
}

/** Kubernetes events of the task's pod when it starts. */
export function taskStartEvents(
  task: BuildTaskName,
  ctx: BuildContext,
  at: Date,
): RunEvent[] {
  const pod = podName(ctx, task);
  const timestamp = at.toISOString();
  return [
    {
      timestamp,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned workflows-${ctx.namespace}/${pod} to devstack-workflow-plane`,
    },
    {
      timestamp,
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${STEP_IMAGES[task]}" already present on machine`,
    },
    {
      timestamp,
      type: 'Normal',
      reason: 'Created',
      message: 'Created container main',
    },
    {
      timestamp,
      type: 'Normal',
      reason: 'Started',
      message: 'Started container main',
    },
  ];
}

/** The Argo node event when the task ends. */
export function taskEndEvent(
  task: BuildTaskName,
  ctx: BuildContext,
  phase: 'Succeeded' | 'Failed',
  message: string | undefined,
  at: Date,
): RunEvent {
  const node = `${ctx.runName}[${BUILD_TASKS.indexOf(task)}].${task}`;
  return phase === 'Succeeded'
    ? {
        timestamp: at.toISOString(),
        type: 'Normal',
        reason: 'WorkflowNodeSucceeded',
        message: `Succeeded node ${node}`,
      }
    : {
        timestamp: at.toISOString(),
        type: 'Warning',
        reason: 'WorkflowNodeFailed',
        message: `Failed node ${node}: ${message}`,
      };
}
