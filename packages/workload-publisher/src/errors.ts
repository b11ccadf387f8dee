/** The CLI's exit codes: one per class of failure, so a pipeline can react to each. */
export const ExitCode = {
  Ok: 0,
  Other: 1,
  BadInput: 2,
  Auth: 3,
  NotFound: 4,
  Unavailable: 5,
  /** `--wait`: published, but the deployment failed or nothing deploys it (autoDeploy off). */
  NotDeployed: 6,
  /** `--wait`: published, but the deployment was not ready within `--wait-timeout`. */
  DeployTimeout: 7,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure with a message that says what to do, and the exit code it maps to. */
export class PublishError extends Error {
  constructor(message: string, readonly exitCode: ExitCodeValue) {
    super(message);
    this.name = 'PublishError';
  }
}

/** Bad flags, environment or descriptor (exit code 2). */
export function badInput(message: string): PublishError {
  return new PublishError(message, ExitCode.BadInput);
}
