/*
 * OpenChoreo's name rule, defined once: namespaces, projects, components and workflows are
 * Kubernetes objects whose names are DNS-1123 labels. Names are case-sensitive in OpenChoreo
 * (Backstage entity refs are not), so anything that maps a name to a catalog entity or builds an
 * OpenChoreo API path from one must check it with this rule first.
 */

/** A Kubernetes DNS label: what OpenChoreo accepts as a namespace, project, component or workflow name. */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The longest DNS label Kubernetes accepts. */
export const DNS_LABEL_MAX_LENGTH = 63;

/**
 * Whether `value` is a valid OpenChoreo name: a DNS-1123 label of at most 63 lowercase letters,
 * digits and `-`, starting and ending with a letter or digit. Refuses upper case, `.`, `..`,
 * slashes, spaces and anything that is not a string.
 */
export function isOpenChoreoName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= DNS_LABEL_MAX_LENGTH &&
    DNS_LABEL_PATTERN.test(value)
  );
}
