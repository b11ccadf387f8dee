import {
  externalCiPlatformOf,
  isReservedAnnotation,
  validateExternalCiIdentifier,
} from '@openchoreo-ci/plugin-openchoreo-common';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why an annotation key is invalid (Kubernetes syntax, not reserved), or undefined. */
export function validateAnnotationKey(key: string): string | undefined {
  if (!key) return 'Enter a key.';
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    return `"${prefix}" is not a valid prefix: use a lower-case DNS name such as jenkins.io.`;
  }
  if (name.length > 63 || !NAME.test(name)) {
    return 'The name after the prefix must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.';
  }
  if (isReservedAnnotation(key)) {
    return `${key} is reserved for the platform and cannot be set here.`;
  }
  return undefined;
}

/**
 * Why an annotation value is invalid for its key, or undefined. The External CI annotations
 * get the wizard's rules (`validateExternalCiIdentifier`); the value is checked as it is saved,
 * without surrounding spaces.
 */
export function validateAnnotationValue(
  key: string,
  value: string,
): string | undefined {
  const platform = externalCiPlatformOf(key);
  return platform
    ? validateExternalCiIdentifier(platform, value.trim())
    : undefined;
}
