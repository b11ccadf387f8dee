import { SeedJob } from './types';

/** Folder that holds the demo project's jobs. */
export const DEMO_PROJECT_FOLDER = 'demo-project';

/** Job full name of the greeting service: several successes and one failure. */
export const GREETING_SERVICE_JOB = 'demo-project/greeting-service';

/** Job full name of the inventory API: its last build is still running. */
export const INVENTORY_API_JOB = 'demo-project/inventory-api';

/** Job full name of a top-level freestyle job outside any folder. */
export const LEGACY_MONOLITH_JOB = 'legacy-monolith';

/** Username the emulator expects unless told otherwise. */
export const DEFAULT_JENKINS_USERNAME = 'admin';

/** API token the emulator expects unless told otherwise (Jenkins tokens are 34 hex characters). */
export const DEFAULT_JENKINS_API_TOKEN = '11d0e5a7c1b2f3e4d5c6b7a8f9e0d1c2b3';

const SAMPLES_REPO = 'https://github.com/openchoreo/sample-workloads.git';

/** The jobs the emulator serves by default, with a build history relative to start-up. */
export function defaultSeedJobs(): SeedJob[] {
  return [
    {
      fullName: GREETING_SERVICE_JOB,
      description: 'Builds and publishes the greeting service image.',
      repositoryUrl: SAMPLES_REPO,
      builds: [
        {
          result: 'SUCCESS',
          startedMinutesAgo: 4320,
          durationMs: 183_000,
          commit: '3f1c2a9e8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e',
          tests: { total: 42, failed: 0, skipped: 1 },
          cause: 'scm',
        },
        {
          result: 'SUCCESS',
          startedMinutesAgo: 2880,
          durationMs: 171_000,
          commit: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
          tests: { total: 44, failed: 0, skipped: 1 },
          cause: 'scm',
        },
        {
          result: 'FAILURE',
          startedMinutesAgo: 1440,
          durationMs: 96_000,
          commit: 'c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3',
          tests: { total: 45, failed: 3, skipped: 1 },
          cause: 'scm',
        },
        {
          result: 'SUCCESS',
          startedMinutesAgo: 720,
          durationMs: 188_000,
          commit: 'e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0',
          tests: { total: 45, failed: 0, skipped: 1 },
          parameters: { DEPLOY_ENV: 'development' },
          cause: 'user',
        },
        {
          result: 'SUCCESS',
          startedMinutesAgo: 95,
          durationMs: 176_000,
          commit: '5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c',
          tests: { total: 46, failed: 0, skipped: 0 },
          cause: 'scm',
        },
      ],
    },
    {
      fullName: INVENTORY_API_JOB,
      description: 'Builds and publishes the inventory API image.',
      repositoryUrl: SAMPLES_REPO,
      builds: [
        {
          result: 'SUCCESS',
          startedMinutesAgo: 2000,
          durationMs: 242_000,
          commit: '0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b',
          tests: { total: 120, failed: 0, skipped: 4 },
          cause: 'scm',
        },
        {
          result: 'SUCCESS',
          startedMinutesAgo: 600,
          durationMs: 251_000,
          commit: '7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
          tests: { total: 123, failed: 0, skipped: 4 },
          cause: 'user',
        },
        {
          result: null,
          startedMinutesAgo: 2,
          durationMs: 0,
          commit: 'd9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0',
          cause: 'scm',
        },
      ],
    },
    {
      fullName: LEGACY_MONOLITH_JOB,
      type: 'freestyle',
      description: 'Nightly build of the legacy monolith.',
      repositoryUrl: 'https://github.com/openchoreo/legacy-monolith.git',
      branch: 'master',
      builds: [
        {
          result: 'SUCCESS',
          startedMinutesAgo: 4400,
          durationMs: 612_000,
          commit: '1111aaaa2222bbbb3333cccc4444dddd5555eeee',
          cause: 'scm',
        },
        {
          result: 'ABORTED',
          startedMinutesAgo: 2960,
          durationMs: 45_000,
          commit: '6666ffff7777aaaa8888bbbb9999cccc0000dddd',
          cause: 'user',
        },
        {
          result: 'SUCCESS',
          startedMinutesAgo: 1500,
          durationMs: 598_000,
          commit: 'abcdef0123456789abcdef0123456789abcdef01',
          cause: 'scm',
        },
      ],
    },
  ];
}
