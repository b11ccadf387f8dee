import { BuildRecord, JenkinsModel, JobRecord } from './model';

/** The console output of a build, as `/job/.../N/consoleText` returns it. */
export function consoleText(job: JobRecord, build: BuildRecord): string {
  const image = `registry.example.com/${job.name}:${build.number}`;
  const lines = [
    build.cause.shortDescription,
    `Obtained Jenkinsfile from git ${job.repositoryUrl}`,
    '[Pipeline] Start of Pipeline',
    '[Pipeline] node',
    `Running on Jenkins in /var/jenkins_home/workspace/${job.fullName.replace(
      /\//g,
      '_',
    )}`,
    '[Pipeline] { (Checkout)',
    ` > git fetch --tags --force --progress -- ${job.repositoryUrl} +refs/heads/*:refs/remotes/origin/*`,
    `Checking out Revision ${
      build.commit
    } (refs/remotes/origin/${JenkinsModel.branchOf(job, build)})`,
    '[Pipeline] { (Build & Push)',
    `+ docker build -t ${image} .`,
  ];
  if (build.building) {
    return `${lines.join('\n')}\n`;
  }
  if (build.result === 'ABORTED') {
    lines.push('Aborted by admin');
  } else {
    lines.push(`+ docker push ${image}`);
  }
  if (build.tests) {
    const { total, failed, skipped } = build.tests;
    lines.push(
      '[Pipeline] { (Test)',
      `Recording test results: ${total} tests, ${failed} failures, ${skipped} skipped`,
    );
  }
  if (build.result === 'SUCCESS') {
    lines.push(
      '[Pipeline] { (Deploy to OpenChoreo)',
      `+ curl -sf -X POST "$OPENCHOREO_API_URL/api/v1/namespaces/default/projects/.../workloads"`,
    );
  }
  if (build.result === 'FAILURE') {
    lines.push('ERROR: script returned exit code 1');
  }
  lines.push('[Pipeline] End of Pipeline', `Finished: ${build.result}`);
  return `${lines.join('\n')}\n`;
}
