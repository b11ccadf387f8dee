import type { LoggerService } from '@backstage/backend-plugin-api';
import { abortReasonOf } from './abortScope';
import {
  describeOpenChoreoError,
  isOpenChoreoOperationalError,
  toBackstageError,
  type OpenChoreoCaller,
} from './errors';

/**
 * Runs an OpenChoreo client call and rethrows its failure as a Backstage error (see
 * `toBackstageError`). `action` says what the portal tried, e.g. `read component "default/api"`.
 * @public
 */
export type OpenChoreoCall = <T>(
  action: string,
  call: () => Promise<T>,
) => Promise<T>;

/** Options of {@link createOpenChoreoCall}. @public */
export interface OpenChoreoCallOptions {
  /** Receives a warning, with the failed request's URL, for failures an administrator must fix. */
  logger: LoggerService;
  /** Whose token the calls carry; defaults to `service-account`. */
  caller?: OpenChoreoCaller;
}

/**
 * Creates an {@link OpenChoreoCall}: failures become Backstage errors whose messages say what was
 * refused and what to do; outages and refusals of the service account are also logged with the
 * request's URL, which the user-facing message leaves out.
 * @public
 */
export function createOpenChoreoCall(
  options: OpenChoreoCallOptions,
): OpenChoreoCall {
  const caller = options.caller ?? 'service-account';
  return async (action, call) => {
    try {
      return await call();
    } catch (error) {
      // Stopped by the caller's own deadline: not an OpenChoreo failure, so not logged as one.
      const aborted = abortReasonOf(error);
      if (aborted !== undefined) {
        throw aborted;
      }
      if (isOpenChoreoOperationalError(error, caller)) {
        options.logger.warn(describeOpenChoreoError(error, { action, caller }));
      }
      throw toBackstageError(error, { action, caller });
    }
  };
}
